import { Annotations, Token } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { EXTENDED_FLOW_LOG_FORMAT, flowLogsToCloudWatch, flowLogsToS3 } from './flow-logs';
import { addTierNetworkAcls } from './network-acls';
import { checkSubnetPlan, parseCidr } from './subnet-plan';
import { Acknowledgments } from '../core/acknowledgments';
import { FortressError } from '../core/fortress-error';
import { pathOf, PropChecks } from '../core/prop-checks';
import { KeyPurpose } from '../kms/key-purpose';
import { KeyService } from '../kms/key-service';
import { vendedLogDeliveryStatement } from '../kms/key-service-grants';
import { KmsKeyRing } from '../kms/kms-key-ring';
import { EncryptedBucket } from '../s3/encrypted-bucket';

/**
 * Where a SecureVpc delivers its flow logs.
 */
export enum FlowLogDestinationKind {
  /** A KMS-encrypted CloudWatch Logs log group with a retention period. */
  CLOUD_WATCH_LOGS = 'cloud-watch-logs',
  /** An S3 bucket (by default a new EncryptedBucket under the ring's logs key). */
  S3 = 's3',
}

/**
 * Properties of a {@link SecureVpc}. Every prop is optional: the defaults are compliant.
 */
export interface SecureVpcProps {
  /**
   * The VPC's IPv4 CIDR block, prefix /16 to /28.
   *
   * @default '10.0.0.0/16'
   */
  readonly cidr?: string;

  /**
   * How many Availability Zones to spread the tiers across (1 to 6).
   *
   * @default 3
   */
  readonly maxAzs?: number;

  /**
   * NAT gateways for the private tier's egress, at most one per AZ. Each costs
   * about $33/month plus $0.045/GB processed (us-east-1): one per AZ (3) costs
   * about $66/month more than the default but survives the loss of an AZ.
   *
   * @default 1
   */
  readonly natGateways?: number;

  /**
   * Whether there is a private tier with outbound internet access through NAT.
   * Without it, workloads live in the isolated tier and reach AWS through endpoints only.
   *
   * @default true
   */
  readonly privateEgress?: boolean;

  /**
   * Prefix length of each public subnet (NAT gateways and load balancers only).
   *
   * @default 24
   */
  readonly publicSubnetCidrMask?: number;

  /**
   * Prefix length of each private subnet (workloads).
   *
   * @default 20
   */
  readonly privateSubnetCidrMask?: number;

  /**
   * Prefix length of each isolated subnet (data stores, no internet route).
   *
   * @default 24
   */
  readonly isolatedSubnetCidrMask?: number;

  /**
   * Where flow logs (ALL traffic) go.
   *
   * @default FlowLogDestinationKind.CLOUD_WATCH_LOGS
   */
  readonly flowLogDestination?: FlowLogDestinationKind;

  /**
   * How long flow logs are kept in CloudWatch Logs. Must be finite.
   * Only with `FlowLogDestinationKind.CLOUD_WATCH_LOGS`.
   *
   * @default logs.RetentionDays.ONE_YEAR
   */
  readonly flowLogRetention?: logs.RetentionDays;

  /**
   * The bucket for flow logs. Only with `FlowLogDestinationKind.S3`.
   *
   * @default - a new EncryptedBucket encrypted with the ring's logs key
   */
  readonly flowLogBucket?: s3.IBucket;

  /**
   * Whether flow logs record the extended fields (VPC, subnet and instance ids,
   * TCP flags, packet-level addresses, AWS services, flow direction, traffic path)
   * besides the default version 2 fields.
   *
   * @default false
   */
  readonly flowLogExtendedFields?: boolean;

  /**
   * The key ring whose logs key encrypts the flow logs.
   *
   * @default - the stack's shared ring, `KmsKeyRing.of(this)`
   */
  readonly keyRing?: KmsKeyRing;

  /**
   * Whether to add the free S3 and DynamoDB gateway endpoints.
   *
   * @default true
   */
  readonly gatewayEndpoints?: boolean;

  /**
   * Interface endpoints to add, each with a security group that admits HTTPS from the VPC CIDR
   * only, and private DNS on. About $7.30/month per AZ each, plus data processed.
   *
   * @default - none
   */
  readonly interfaceEndpoints?: ec2.InterfaceVpcEndpointAwsService[];

  /**
   * Whether to add a network ACL per tier as a stateless layer under security groups
   * (public: HTTP/HTTPS and return traffic; private: VPC and NAT return traffic; isolated: VPC only).
   *
   * @default false
   */
  readonly networkAcls?: boolean;
}

const DEFAULT_CIDR = '10.0.0.0/16';

/**
 * A VPC that is compliant and cost-aware with no configuration, and a drop-in
 * `ec2.Vpc`.
 *
 * Three tiers across three AZs: public (NAT gateways and load balancers only),
 * private with egress through one NAT gateway, isolated for data. No subnet
 * assigns public IPs on launch; DNS support and hostnames on; the default
 * security group has no rules; ALL-traffic flow logs to a log group encrypted
 * with the ring's logs key, kept one year; free S3 and DynamoDB gateway endpoints.
 *
 * @example
 * const vpc = new SecureVpc(this, 'Network');
 */
export class SecureVpc extends ec2.Vpc {
  /** The flow logs' log group, when they go to CloudWatch Logs. */
  public readonly flowLogGroup?: logs.ILogGroup;
  /** The flow logs' bucket, when they go to S3. */
  public readonly flowLogBucket?: s3.IBucket;

  constructor(scope: Construct, id: string, props: SecureVpcProps = {}) {
    const cidr = props.cidr ?? DEFAULT_CIDR;
    const privateEgress = props.privateEgress ?? true;
    const maxAzs = props.maxAzs ?? 3;
    const natGateways = props.natGateways ?? (privateEgress ? 1 : 0);
    validate(pathOf(scope, id), props, cidr, maxAzs, natGateways, privateEgress);

    super(scope, id, {
      ipAddresses: ec2.IpAddresses.cidr(cidr),
      maxAzs,
      natGateways,
      enableDnsHostnames: true,
      enableDnsSupport: true,
      restrictDefaultSecurityGroup: true,
      subnetConfiguration: [
        { name: 'Public', subnetType: ec2.SubnetType.PUBLIC, cidrMask: props.publicSubnetCidrMask ?? 24, mapPublicIpOnLaunch: false },
        ...(privateEgress ? [{ name: 'Private', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, cidrMask: props.privateSubnetCidrMask ?? 20 }] : []),
        { name: 'Isolated', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: props.isolatedSubnetCidrMask ?? 24 },
      ],
    });

    const ring = props.keyRing ?? KmsKeyRing.of(this);
    const target = { vpc: this, logFormat: props.flowLogExtendedFields ? EXTENDED_FLOW_LOG_FORMAT : undefined };
    if (props.flowLogDestination === FlowLogDestinationKind.S3) {
      const logsKey = ring.key(KeyPurpose.LOGS);
      this.flowLogBucket = props.flowLogBucket ?? new EncryptedBucket(this, 'FlowLogBucket', { encryptionKey: logsKey });
      flowLogsToS3(this, target, this.flowLogBucket);
      allowLogDeliveryToBucketKey(this, ring, this.flowLogBucket, logsKey);
      if (!(this.flowLogBucket instanceof s3.Bucket)) {
        Annotations.of(this).addWarningV2('cdk-fortress:flowLogBucketPolicy',
          'flowLogBucket is imported: allow delivery.logs.amazonaws.com to write AWSLogs/<account>/* in its own bucket policy');
      }
    } else {
      ring.enableService(KeyPurpose.LOGS, KeyService.CLOUDWATCH_LOGS);
      this.flowLogGroup = flowLogsToCloudWatch(this, target, ring.key(KeyPurpose.LOGS), props.flowLogRetention ?? logs.RetentionDays.ONE_YEAR);
    }

    if (props.gatewayEndpoints ?? true) {
      this.addGatewayEndpoint('S3Endpoint', { service: ec2.GatewayVpcEndpointAwsService.S3 });
      this.addGatewayEndpoint('DynamoDbEndpoint', { service: ec2.GatewayVpcEndpointAwsService.DYNAMODB });
    }
    (props.interfaceEndpoints ?? []).forEach((service) => this.addPrivateInterfaceEndpoint(service, cidr, privateEgress));
    if (props.networkAcls) addTierNetworkAcls(this, cidr, privateEgress, props.gatewayEndpoints ?? true);
    if (!Token.isUnresolved(this.availabilityZones) && this.availabilityZones.length < maxAzs) {
      Annotations.of(this).addWarningV2('cdk-fortress:fewerAzs',
        `only ${this.availabilityZones.length} AZs are known for this stack (maxAzs is ${maxAzs}); set the stack's env (account and region) to use more`);
    }
    this.acknowledgePublicRoutes();
  }

  /** An interface endpoint in the workload tier, reachable over HTTPS from the VPC CIDR only. */
  private addPrivateInterfaceEndpoint(service: ec2.InterfaceVpcEndpointAwsService, vpcCidr: string, privateEgress: boolean): void {
    const name = service.shortName.replace(/[^A-Za-z0-9]/g, '');
    const securityGroup = new ec2.SecurityGroup(this, `${name}EndpointSecurityGroup`, {
      vpc: this,
      description: `HTTPS from ${this.node.path} to the ${service.shortName} interface endpoint`,
      allowAllOutbound: false,
    });
    // The literal CIDR (not the VpcCidrBlock attribute) keeps the rule checkable at synth time.
    securityGroup.addIngressRule(ec2.Peer.ipv4(vpcCidr), ec2.Port.tcp(443), 'HTTPS from the VPC only');
    this.addInterfaceEndpoint(`${name}Endpoint`, {
      service,
      privateDnsEnabled: true,
      open: false,
      securityGroups: [securityGroup],
      subnets: { subnetType: privateEgress ? ec2.SubnetType.PRIVATE_WITH_EGRESS : ec2.SubnetType.PRIVATE_ISOLATED },
    });
  }

  /** The public tier's default route to the internet gateway is its purpose; acknowledged on each route only. */
  private acknowledgePublicRoutes(): void {
    for (const subnet of this.publicSubnets) {
      const route = subnet.node.tryFindChild('DefaultRoute');
      if (!route) continue;
      for (const pack of ['HIPAA.Security', 'NIST.800.53.R5', 'PCI.DSS.321']) {
        Acknowledgments.acknowledge(route, `${pack}-VPCNoUnrestrictedRouteToIGW`,
          'The public tier exists only for NAT gateways and load balancers: no subnet assigns public IPs on launch, and '
          + 'RestrictedSecurityGroup refuses world ingress except on the load-balancer ports named.');
      }
    }
  }
}

/**
 * Log delivery must be able to use the bucket's KMS key: the ring's logs key (or the key of a bucket whose
 * key is unknown) gets it through the ring; another key of this app gets the same statement; an imported
 * key cannot, so warn.
 */
function allowLogDeliveryToBucketKey(vpc: SecureVpc, ring: KmsKeyRing, bucket: s3.IBucket, logsKey: kms.IKey): void {
  const key = bucket.encryptionKey;
  if (key === undefined || key === logsKey) {
    ring.enableService(KeyPurpose.LOGS, KeyService.LOG_DELIVERY);
    return;
  }
  if (key instanceof kms.Key) {
    key.addToResourcePolicy(vendedLogDeliveryStatement());
  } else {
    Annotations.of(vpc).addWarningV2('cdk-fortress:flowLogBucketKey',
      'flowLogBucket is encrypted with an imported key: allow delivery.logs.amazonaws.com to use it in that key\'s policy');
  }
}

function validate(path: string, props: SecureVpcProps, cidr: string, maxAzs: number, natGateways: number, privateEgress: boolean): void {
  const check = new PropChecks(path);
  const { prefix } = parseCidr(path, 'cidr', cidr);
  if (prefix < 16 || prefix > 28) throw FortressError.invalidProp(path, 'cidr', 'must have a prefix from /16 to /28 (the VPC limits)', cidr);
  check.integerInRange('maxAzs', props.maxAzs, 1, 6);
  check.integerInRange('natGateways', props.natGateways, 0, maxAzs);
  if (privateEgress && natGateways === 0) {
    throw FortressError.invalidProp(path, 'natGateways', 'must be at least 1 while privateEgress is on (the private tier routes out through NAT); set privateEgress: false for no NAT', 0);
  }
  if (!privateEgress && natGateways > 0) {
    throw FortressError.invalidProp(path, 'natGateways', 'must be 0 when privateEgress is false (no tier would use the NAT gateways)', natGateways);
  }
  const tiers = [
    { name: 'public', cidrMask: props.publicSubnetCidrMask ?? 24 },
    ...(privateEgress ? [{ name: 'private', cidrMask: props.privateSubnetCidrMask ?? 20 }] : []),
    { name: 'isolated', cidrMask: props.isolatedSubnetCidrMask ?? 24 },
  ];
  checkSubnetPlan(path, cidr, tiers, maxAzs);
  check.oneOf('flowLogDestination', props.flowLogDestination, Object.values(FlowLogDestinationKind));
  const toS3 = props.flowLogDestination === FlowLogDestinationKind.S3;
  if (props.flowLogBucket && !toS3) throw FortressError.invalidProp(path, 'flowLogBucket', 'requires flowLogDestination: FlowLogDestinationKind.S3');
  if (props.flowLogRetention !== undefined && toS3) throw FortressError.invalidProp(path, 'flowLogRetention', 'applies to CloudWatch Logs only; manage S3 retention with the bucket\'s lifecycle');
  check.finiteLogRetention('flowLogRetention', props.flowLogRetention);
  check.unique('interfaceEndpoints', (props.interfaceEndpoints ?? []).map((s) => s.shortName));
}

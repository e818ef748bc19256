import { Annotations, Stack, Token } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { EXTENDED_FLOW_LOG_FORMAT, flowLogsToCloudWatch, flowLogsToS3 } from './flow-logs';
import { addTierNetworkAcls, DEFAULT_PUBLIC_DENIED_TCP_PORTS, MAX_PUBLIC_DENY_RULES, portRanges } from './network-acls';
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
   * How the VPC gets its IPv4 addresses, as in `ec2.Vpc`: `ec2.IpAddresses.cidr('10.1.0.0/16')` (prefix /16
   * to /28) or an IPAM pool allocation (`ec2.IpAddresses.awsIpamAllocation(...)`). Cannot be combined with `cidr`.
   *
   * @default ec2.IpAddresses.cidr('10.0.0.0/16')
   */
  readonly ipAddresses?: ec2.IIpAddresses;

  /**
   * The VPC's IPv4 CIDR block, prefix /16 to /28.
   *
   * @default '10.0.0.0/16'
   * @deprecated Use `ipAddresses: ec2.IpAddresses.cidr(...)`, as aws-cdk-lib's `ec2.Vpc` does. Cannot be combined with `ipAddresses`.
   */
  readonly cidr?: string;

  /**
   * How many Availability Zones to spread the tiers across (1 to 6), the first ones of the stack's region.
   * Cannot be combined with `availabilityZones`.
   *
   * @default 3
   */
  readonly maxAzs?: number;

  /**
   * The Availability Zones to spread the tiers across, by name (1 to 6, e.g. `['eu-west-1a', 'eu-west-1b']`).
   * When the stack's region is known, each must be in it. Cannot be combined with `maxAzs`.
   *
   * @default - the first `maxAzs` AZs of the stack's region
   */
  readonly availabilityZones?: string[];

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
   * Whether to add a network ACL per tier as a stateless layer under security groups. Public: the VPC, HTTP/HTTPS
   * and return traffic (TCP/UDP 1024-65535, ICMP fragmentation-needed) from the internet, minus
   * `networkAclDeniedPorts`; private: the VPC and the return traffic of its NAT connections; isolated: the VPC,
   * plus HTTPS to the gateway endpoints. Network ACLs are free. See the README for every rule.
   *
   * @default false
   * @see https://docs.aws.amazon.com/vpc/latest/userguide/vpc-network-acls.html
   */
  readonly networkAcls?: boolean;

  /**
   * TCP ports (1024-65535) the public tier's network ACL refuses from outside the VPC, ahead of its ephemeral-range
   * allow, so that a database or remote desktop placed in a public subnet with a public address is not reachable.
   * Adjacent ports share a rule; at most 14 rules fit AWS's default quota of 20 inbound rules per ACL.
   *
   * Trade-off: network ACLs are stateless and cannot tell a new connection from a reply, so a reply to a NAT
   * gateway connection whose translated source port is one of these ports is dropped too (NAT gateways pick from
   * 1024-65535: with the 14 default ports, about 1 in 4,600 outbound TCP connections through NAT; the client's
   * retry gets another port). `[]` admits every port above 1023 instead. Only with `networkAcls: true`.
   *
   * @default - MS SQL (1433-1434), Oracle (1521), NFS (2049), Docker API (2375-2376), MySQL (3306, 3309), RDP (3389),
   * mSQL (4333), PostgreSQL (5432), Redis (6379), Memcached (11211) and MongoDB (27017)
   */
  readonly networkAclDeniedPorts?: number[];
}

const DEFAULT_CIDR = '10.0.0.0/16';
const MAX_AZS = 6;

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
  /** The S3 and DynamoDB gateway endpoints this construct added (empty with `gatewayEndpoints: false`). */
  public readonly gatewayEndpoints: ec2.GatewayVpcEndpoint[] = [];
  /**
   * The interface endpoints this construct added from `interfaceEndpoints`, each with its own security group
   * (endpoints added later with `addInterfaceEndpoint` are not listed).
   */
  public readonly interfaceEndpoints: ec2.InterfaceVpcEndpoint[] = [];

  constructor(scope: Construct, id: string, props: SecureVpcProps = {}) {
    props = props ?? {}; // JavaScript callers may pass null
    const path = pathOf(scope, id);
    const privateEgress = props.privateEgress ?? true;
    const maxAzs = props.maxAzs ?? 3;
    const azCount = props.availabilityZones?.length ?? maxAzs;
    const natGateways = props.natGateways ?? (privateEgress ? 1 : 0);
    const { ipAddresses, literalCidr } = resolveIpAddresses(path, props);
    validate(scope, path, props, literalCidr, azCount, natGateways, privateEgress);

    super(scope, id, {
      ipAddresses,
      maxAzs: props.availabilityZones ? undefined : maxAzs,
      availabilityZones: props.availabilityZones,
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
    // The literal CIDR (not the VpcCidrBlock attribute) keeps rules checkable at synth time; IPAM has none.
    const cidr = literalCidr ?? this.vpcCidrBlock;

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

    const gatewayEndpoints = props.gatewayEndpoints ?? true;
    if (gatewayEndpoints) {
      this.gatewayEndpoints.push(
        this.addGatewayEndpoint('S3Endpoint', { service: ec2.GatewayVpcEndpointAwsService.S3 }),
        this.addGatewayEndpoint('DynamoDbEndpoint', { service: ec2.GatewayVpcEndpointAwsService.DYNAMODB }));
    }
    (props.interfaceEndpoints ?? []).forEach((service) => this.addPrivateInterfaceEndpoint(service, cidr, privateEgress));
    if (props.networkAcls) {
      addTierNetworkAcls(this, {
        ipv4Cidr: cidr,
        privateEgress,
        gatewayEndpoints,
        publicDeniedTcpPorts: props.networkAclDeniedPorts ?? DEFAULT_PUBLIC_DENIED_TCP_PORTS,
      });
    }
    if (!props.availabilityZones && !Token.isUnresolved(this.availabilityZones) && this.availabilityZones.length < maxAzs) {
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
    const endpoint = this.addInterfaceEndpoint(`${name}Endpoint`, {
      service,
      privateDnsEnabled: true,
      open: false,
      securityGroups: [securityGroup],
      subnets: { subnetType: privateEgress ? ec2.SubnetType.PRIVATE_WITH_EGRESS : ec2.SubnetType.PRIVATE_ISOLATED },
    });
    this.interfaceEndpoints.push(endpoint);
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

/**
 * The IP address allocation and, when it is a literal CIDR block, that block (validated). `cidr` (deprecated)
 * and `ipAddresses` are exclusive; the CIDR string is checked before aws-cdk-lib parses it, so a malformed one
 * raises the library's error.
 */
function resolveIpAddresses(path: string, props: SecureVpcProps): { ipAddresses: ec2.IIpAddresses; literalCidr?: string } {
  new PropChecks(path).exclusive('cidr', props.cidr, 'ipAddresses', props.ipAddresses);
  if (props.ipAddresses === undefined) {
    const cidr = props.cidr ?? DEFAULT_CIDR;
    checkVpcCidr(path, 'cidr', cidr);
    return { ipAddresses: ec2.IpAddresses.cidr(cidr), literalCidr: cidr };
  }
  if (typeof props.ipAddresses.allocateVpcCidr !== 'function') {
    throw FortressError.invalidProp(path, 'ipAddresses', 'must be an ec2.IIpAddresses, e.g. ec2.IpAddresses.cidr(\'10.0.0.0/16\')', String(props.ipAddresses));
  }
  const allocation = props.ipAddresses.allocateVpcCidr();
  const cidr = allocation.cidrBlock;
  if (cidr !== undefined && !Token.isUnresolved(cidr)) {
    checkVpcCidr(path, 'ipAddresses', cidr);
    return { ipAddresses: props.ipAddresses, literalCidr: cidr };
  }
  new PropChecks(path).integerInRange('ipAddresses', allocation.ipv4NetmaskLength, 16, 28);
  return { ipAddresses: props.ipAddresses };
}

function checkVpcCidr(path: string, prop: string, cidr: string): void {
  if (Token.isUnresolved(cidr)) return;
  const { prefix } = parseCidr(path, prop, cidr);
  if (prefix < 16 || prefix > 28) throw FortressError.invalidProp(path, prop, 'must have a prefix from /16 to /28 (the VPC limits)', cidr);
}

/** Explicit AZs: 1 to 6 distinct names, in the stack's region when it is known. */
function checkAvailabilityZones(scope: Construct, path: string, azs: string[] | undefined): void {
  if (azs === undefined || Token.isUnresolved(azs)) return;
  const check = new PropChecks(path);
  if (!Array.isArray(azs) || azs.length < 1 || azs.length > MAX_AZS) {
    throw FortressError.invalidProp(path, 'availabilityZones', `must list 1 to ${MAX_AZS} Availability Zone names`, azs);
  }
  check.unique('availabilityZones', azs);
  const region = Stack.of(scope).region;
  const known = !Token.isUnresolved(region);
  // AZ names are the region plus a letter (eu-west-1a); Local and Wavelength Zones add a suffix (us-west-2-lax-1a).
  const inRegion = (az: string) => new RegExp(`^${known ? region.replace(/[^a-z0-9-]/g, '') : '[a-z]{2}(-[a-z]+)+-\\d'}([a-z]|-[a-z0-9-]+)$`).test(az);
  for (const az of azs) {
    check.satisfies('availabilityZones', az, inRegion, known
      ? `Availability Zone names in the stack's region ${region} (e.g. ${region}a), not zone IDs or other regions' zones`
      : 'Availability Zone names such as eu-west-1a, not zone IDs');
  }
}

function validate(
  scope: Construct, path: string, props: SecureVpcProps, cidr: string | undefined, azs: number, natGateways: number, privateEgress: boolean,
): void {
  const check = new PropChecks(path);
  check.exclusive('maxAzs', props.maxAzs, 'availabilityZones', props.availabilityZones);
  check.integerInRange('maxAzs', props.maxAzs, 1, MAX_AZS);
  checkAvailabilityZones(scope, path, props.availabilityZones);
  check.integerInRange('natGateways', props.natGateways, 0, azs);
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
  if (cidr !== undefined) checkSubnetPlan(path, cidr, tiers, azs, props.ipAddresses ? 'ipAddresses' : 'cidr');
  check.oneOf('flowLogDestination', props.flowLogDestination, Object.values(FlowLogDestinationKind));
  const toS3 = props.flowLogDestination === FlowLogDestinationKind.S3;
  if (props.flowLogBucket && !toS3) throw FortressError.invalidProp(path, 'flowLogBucket', 'requires flowLogDestination: FlowLogDestinationKind.S3');
  if (props.flowLogRetention !== undefined && toS3) throw FortressError.invalidProp(path, 'flowLogRetention', 'applies to CloudWatch Logs only; manage S3 retention with the bucket\'s lifecycle');
  check.finiteLogRetention('flowLogRetention', props.flowLogRetention);
  check.unique('interfaceEndpoints', (props.interfaceEndpoints ?? []).map((s) => s.shortName));
  checkDeniedPorts(path, props);
}

function checkDeniedPorts(path: string, props: SecureVpcProps): void {
  const ports = props.networkAclDeniedPorts;
  if (ports === undefined) return;
  if (!props.networkAcls) throw FortressError.invalidProp(path, 'networkAclDeniedPorts', 'requires networkAcls: true');
  const check = new PropChecks(path);
  ports.forEach((port) => check.integerInRange('networkAclDeniedPorts', port, 1024, 65535));
  const rules = portRanges(ports).length;
  if (rules > MAX_PUBLIC_DENY_RULES) {
    throw FortressError.invalidProp(path, 'networkAclDeniedPorts',
      `must fit in ${MAX_PUBLIC_DENY_RULES} rules (adjacent ports share one) under the default quota of 20 inbound rules per network ACL; these need ${rules}`);
  }
}

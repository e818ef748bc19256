import { Annotations, Stack, Token } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Construct } from 'constructs';
import { SecureVpc } from './secure-vpc';
import { Acknowledgments } from '../core/acknowledgments';
import { isInternetWide } from '../core/cidr';
import { FortressError } from '../core/fortress-error';
import { pathOf, PropChecks } from '../core/prop-checks';
import { ADMIN_AND_DATABASE_PORTS } from '../core/sensitive-ports';

/** The ports a public load balancer serves; any other world-open port draws a synth warning. */
const WEB_PORTS = [80, 443];
/** cdk-nag's AwsSolutions-EC27 wants at least 2 characters; EC2 accepts at most 255. */
const DESCRIPTION_MIN = 2;
const DESCRIPTION_MAX = 255;
/**
 * The characters EC2 accepts in a VPC security group's description.
 *
 * @see https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateSecurityGroup.html
 */
const DESCRIPTION_CHARACTERS = /^[a-zA-Z0-9 ._\-:/()#,@[\]+=&;{}!$*]*$/;

/**
 * Properties of a {@link RestrictedSecurityGroup}.
 */
export interface RestrictedSecurityGroupProps {
  /** The VPC the security group belongs to. */
  readonly vpc: ec2.IVpc;

  /**
   * What the security group protects (required: AwsSolutions-EC27 and reviewers need it). 2 to 255 characters
   * that EC2 accepts: letters, digits, spaces and `._-:/()#,@[]+=&;{}!$*`.
   */
  readonly description: string;

  /**
   * TCP ports that may be opened to the whole internet (0.0.0.0/0, ::/0), e.g. `[443]`
   * for a public load balancer. Every other world-open ingress rule is refused. Ports other
   * than 80 and 443 draw a synth warning.
   *
   * @default - none: no ingress from the internet
   */
  readonly publicIngressPorts?: number[];

  /**
   * Whether all outbound traffic is allowed.
   *
   * @default false - add egress rules for what the resources must reach (see `allowEndpointsEgress()`)
   */
  readonly allowAllOutbound?: boolean;
}

/**
 * A security group that refuses ingress from anywhere on the internet
 * (`0.0.0.0/0`, `::/0`, or any IPv4 block wider than /8 or IPv6 block wider
 * than /16), except on the TCP ports named for public load
 * balancers. The check runs when each rule is added, so `connections.allowFrom`
 * and grants from other constructs are checked too. Egress is closed by default;
 * `allowEndpointsEgress()` opens HTTPS to the VPC's endpoints in one call.
 *
 * @example
 * declare const vpc: ec2.IVpc;
 * const lb = new RestrictedSecurityGroup(this, 'PublicLb', { vpc, description: 'Public HTTPS load balancer', publicIngressPorts: [443] });
 * lb.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(443), 'HTTPS from the internet');
 */
export class RestrictedSecurityGroup extends ec2.SecurityGroup {
  private readonly publicIngressPorts: number[];
  private readonly restrictedVpc: ec2.IVpc;
  private readonly egressOpen: boolean;
  private publicPortsAcknowledged = false;
  private endpointsEgressAdded = false;

  constructor(scope: Construct, id: string, props: RestrictedSecurityGroupProps) {
    const check = new PropChecks(pathOf(scope, id));
    check.required('props', props, 'pass { vpc, description }');
    check.required('vpc', props.vpc, 'the VPC the security group belongs to, e.g. a SecureVpc');
    check.required('description', props.description, `what the security group protects, ${DESCRIPTION_MIN} to ${DESCRIPTION_MAX} characters`);
    // A non-string (JavaScript callers) is refused by the length check before nonBlank would call trim() on it.
    if (typeof props.description !== 'string') check.lengthInRange('description', props.description, DESCRIPTION_MIN, DESCRIPTION_MAX);
    check.nonBlank('description', props.description);
    check.lengthInRange('description', props.description, DESCRIPTION_MIN, DESCRIPTION_MAX);
    check.matches('description', props.description, DESCRIPTION_CHARACTERS,
      'letters, digits, spaces and ._-:/()#,@[]+=&;{}!$* only (what EC2 accepts)');
    for (const port of props.publicIngressPorts ?? []) {
      check.integerInRange('publicIngressPorts', port, 1, 65535);
      const exposed = ADMIN_AND_DATABASE_PORTS.find(([protocol, p]) => protocol === 'tcp' && p === port);
      if (exposed) {
        throw FortressError.invalidProp(pathOf(scope, id), 'publicIngressPorts',
          `must not open ${exposed[2]} (TCP ${port}) to the internet: remote administration and database ports never face it `
          + '(Fortress-EC2SecurityGroupNoInternetAdminPorts cannot be acknowledged); use Systems Manager Session Manager, or admit a security group or the VPC CIDR', port);
      }
    }
    super(scope, id, { vpc: props.vpc, description: props.description, allowAllOutbound: props.allowAllOutbound ?? false });
    this.publicIngressPorts = props.publicIngressPorts ?? [];
    this.restrictedVpc = props.vpc;
    this.egressOpen = props.allowAllOutbound ?? false;
    const beyondWeb = this.publicIngressPorts.filter((p) => !Token.isUnresolved(p) && !WEB_PORTS.includes(p));
    if (beyondWeb.length > 0) {
      Annotations.of(this).addWarningV2('cdk-fortress:publicIngressPorts',
        `publicIngressPorts [${beyondWeb.join(', ')}] go beyond the web ports 80 and 443: anything listening there is open to `
        + 'the whole internet; serve it through a load balancer on 443, or admit a narrower peer (a CIDR, a security group or a prefix list)');
    }
  }

  public addIngressRule(peer: ec2.IPeer, connection: ec2.Port, description?: string, remoteRule?: boolean): void {
    const source = peer.toIngressRuleConfig();
    if (isInternetWide(source.cidrIp) || isInternetWide(source.cidrIpv6)) {
      const rule = connection.toRuleJson();
      const singleTcpPort = rule.ipProtocol === 'tcp' && rule.fromPort === rule.toPort;
      const from = source.cidrIp ?? source.cidrIpv6;
      if (!singleTcpPort) {
        throw FortressError.invalidProp(this, 'addIngressRule',
          `refuses ingress from ${from} except on single TCP ports listed in publicIngressPorts; `
          + 'admit a narrower peer (a CIDR covering less than 1/256 of the public address space, a security group or a prefix list) for this traffic',
          connection.toString());
      }
      if (!this.publicIngressPorts.includes(rule.fromPort)) {
        throw FortressError.invalidProp(this, 'addIngressRule',
          `refuses ingress from ${from} on TCP ${rule.fromPort}: set publicIngressPorts: [${[...this.publicIngressPorts, rule.fromPort].join(', ')}] `
          + 'to open it to the internet (load balancer listeners open their port by default; pass open: false to keep a listener closed)',
          connection.toString());
      }
      this.acknowledgePublicPorts();
    }
    super.addIngressRule(peer, connection, description, remoteRule);
  }

  /**
   * Allows HTTPS out to the VPC's endpoints, for a group with closed egress, in one call:
   *
   * - the S3 and DynamoDB gateway endpoints, through their AWS-managed prefix lists
   *   (`com.amazonaws.<region>.s3`, `com.amazonaws.<region>.dynamodb`), looked up for the stack's region with
   *   `ec2.PrefixList.fromLookup` (a context lookup at synth time, cached in `cdk.context.json`; it needs the
   *   stack's account and region). Skipped for a `SecureVpc` with `gatewayEndpoints: false`.
   * - each interface endpoint a `SecureVpc` created from its `interfaceEndpoints` prop, by its security group.
   *
   * Costs nothing by itself: gateway endpoints and their traffic are free; interface endpoint traffic is billed
   * per GB processed (about $0.01/GB), usually less than the NAT gateway ($0.045/GB) it replaces. Each prefix
   * list counts as one rule (weight 1) toward the group's rules quota.
   *
   * @see https://docs.aws.amazon.com/vpc/latest/userguide/working-with-aws-managed-prefix-lists.html
   */
  public allowEndpointsEgress(): void {
    if (this.endpointsEgressAdded) return;
    if (this.egressOpen) {
      Annotations.of(this).addWarningV2('cdk-fortress:endpointsEgress',
        'allowEndpointsEgress() adds nothing: allowAllOutbound is true, so all egress is open already');
      return;
    }
    const secureVpc = this.restrictedVpc instanceof SecureVpc ? this.restrictedVpc : undefined;
    if (!secureVpc || secureVpc.gatewayEndpoints.length > 0) this.allowGatewayEndpointsEgress();
    for (const endpoint of secureVpc?.interfaceEndpoints ?? []) {
      for (const group of endpoint.connections.securityGroups) {
        this.addEgressRule(group, ec2.Port.tcp(443), `HTTPS to the ${endpoint.node.id} interface endpoint`);
      }
    }
    this.endpointsEgressAdded = true;
  }

  /** HTTPS to the S3 and DynamoDB prefix lists; their names match the gateway endpoints' service names. */
  private allowGatewayEndpointsEgress(): void {
    const stack = Stack.of(this);
    if (Token.isUnresolved(stack.region) || Token.isUnresolved(stack.account)) {
      throw FortressError.invalidProp(this, 'allowEndpointsEgress',
        'needs the stack\'s account and region (set env on the stack) to look up the S3 and DynamoDB prefix lists');
    }
    for (const [id, service] of [['S3PrefixList', 's3'], ['DynamoDbPrefixList', 'dynamodb']]) {
      const prefixList = ec2.PrefixList.fromLookup(this, id, { prefixListName: `com.amazonaws.${stack.region}.${service}` });
      this.addEgressRule(ec2.Peer.prefixList(prefixList.prefixListId), ec2.Port.tcp(443), `HTTPS to the ${service} gateway endpoint`);
    }
  }

  /** World ingress on the declared public ports is the purpose of this group; acknowledged once, on it only. */
  private acknowledgePublicPorts(): void {
    if (this.publicPortsAcknowledged) return;
    this.publicPortsAcknowledged = true;
    const declared = `Only the TCP ports declared in publicIngressPorts [${this.publicIngressPorts.join(', ')}] are open to the internet, `
      + 'for a public load balancer; RestrictedSecurityGroup refuses world ingress on every other port.';
    Acknowledgments.acknowledge(this, 'AwsSolutions-EC23', declared);
    // Web ports need no acknowledgment; other declared ports are acknowledged port by port, never the whole rule.
    for (const port of this.publicIngressPorts.filter((p) => !Token.isUnresolved(p) && !WEB_PORTS.includes(p))) {
      Acknowledgments.acknowledge(this, `Fortress-EC2SecurityGroupNoInternetIngress[tcp/${port}]`,
        `publicIngressPorts declares TCP ${port} explicitly as a public listener port of this group (a synth warning says so); `
        + 'every other port stays closed to the internet.');
    }
  }
}

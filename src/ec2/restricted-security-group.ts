import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Construct } from 'constructs';
import { Acknowledgments } from '../core/acknowledgments';
import { isInternetWide } from '../core/cidr';
import { FortressError } from '../core/fortress-error';
import { pathOf, PropChecks } from '../core/prop-checks';

/**
 * Properties of a {@link RestrictedSecurityGroup}.
 */
export interface RestrictedSecurityGroupProps {
  /** The VPC the security group belongs to. */
  readonly vpc: ec2.IVpc;

  /**
   * What the security group protects (required: AwsSolutions-EC28 and reviewers need it).
   */
  readonly description: string;

  /**
   * TCP ports that may be opened to the whole internet (0.0.0.0/0, ::/0), e.g. `[443]`
   * for a public load balancer. Every other world-open ingress rule is refused.
   *
   * @default - none: no ingress from the internet
   */
  readonly publicIngressPorts?: number[];

  /**
   * Whether all outbound traffic is allowed.
   *
   * @default false - add egress rules for what the resources must reach
   */
  readonly allowAllOutbound?: boolean;
}

/**
 * A security group that refuses ingress from anywhere on the internet
 * (`0.0.0.0/0`, `::/0`, or any IPv4 block wider than /8 or IPv6 block wider
 * than /16), except on the TCP ports named for public load
 * balancers. The check runs when each rule is added, so `connections.allowFrom`
 * and grants from other constructs are checked too. Egress is closed by default.
 *
 * @example
 * declare const vpc: ec2.IVpc;
 * const lb = new RestrictedSecurityGroup(this, 'PublicLb', { vpc, description: 'Public HTTPS load balancer', publicIngressPorts: [443] });
 * lb.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(443), 'HTTPS from the internet');
 */
export class RestrictedSecurityGroup extends ec2.SecurityGroup {
  private readonly publicIngressPorts: number[];
  private publicPortsAcknowledged = false;

  constructor(scope: Construct, id: string, props: RestrictedSecurityGroupProps) {
    const check = new PropChecks(pathOf(scope, id));
    check.nonBlank('description', props.description);
    for (const port of props.publicIngressPorts ?? []) check.integerInRange('publicIngressPorts', port, 1, 65535);
    super(scope, id, { vpc: props.vpc, description: props.description, allowAllOutbound: props.allowAllOutbound ?? false });
    this.publicIngressPorts = props.publicIngressPorts ?? [];
  }

  public addIngressRule(peer: ec2.IPeer, connection: ec2.Port, description?: string, remoteRule?: boolean): void {
    const source = peer.toIngressRuleConfig();
    if (isInternetWide(source.cidrIp) || isInternetWide(source.cidrIpv6)) {
      const rule = connection.toRuleJson();
      const singleTcpPort = rule.ipProtocol === 'tcp' && rule.fromPort === rule.toPort;
      if (!singleTcpPort || !this.publicIngressPorts.includes(rule.fromPort)) {
        throw FortressError.invalidProp(this, 'addIngressRule',
          `refuses ingress from ${source.cidrIp ?? source.cidrIpv6} except on the TCP ports in publicIngressPorts [${this.publicIngressPorts.join(', ')}]`,
          connection.toString());
      }
      this.acknowledgePublicPorts();
    }
    super.addIngressRule(peer, connection, description, remoteRule);
  }

  /** World ingress on the declared public ports is the purpose of this group; acknowledged once, on it only. */
  private acknowledgePublicPorts(): void {
    if (this.publicPortsAcknowledged) return;
    this.publicPortsAcknowledged = true;
    Acknowledgments.acknowledge(this, 'AwsSolutions-EC23',
      `Only the TCP ports declared in publicIngressPorts [${this.publicIngressPorts.join(', ')}] are open to the internet, `
      + 'for a public load balancer; RestrictedSecurityGroup refuses world ingress on every other port.');
  }
}

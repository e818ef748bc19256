import { describeRange, ingressReachOf, INGRESS_TYPES } from './security-group-reach';
import { defineRule } from '../../template/fortress-rule';

/** What a load balancer or CDN origin serves to the internet: HTTP (redirects) and HTTPS. */
const WEB_PORTS = [80, 443];

/** The finding id of a port range: `tcp/8443`, `udp/1000-2000`, `all`. */
export function portFinding(range: { protocol: string; fromPort: number; toPort: number }): string {
  if (range.protocol === 'all') return 'all';
  return `${range.protocol}/${range.fromPort === range.toPort ? range.fromPort : `${range.fromPort}-${range.toPort}`}`;
}

/**
 * No security group admits most of the internet on anything but the ports a load balancer or CDN
 * serves (TCP 80 and 443): the union of every ingress rule, IPv4 and IPv6, per port.
 */
export default defineRule(__filename, {
  resourceTypes: INGRESS_TYPES,
  info: 'The security group admits traffic from the internet on a port that is not HTTP or HTTPS.',
  explanation: 'Only load balancers and CDN origins should face the internet, on 80 and 443; anything else is an unreviewed entry point.',
  fix: 'Put the service behind a load balancer, or admit the port from named security groups or CIDR ranges; RestrictedSecurityGroup with publicIngressPorts declares (and acknowledges, port by port: Fortress-EC2SecurityGroupNoInternetIngress[tcp/8443]) deliberate exceptions.',
  evaluate: (group) => ingressReachOf(group).wide
    .filter((range) => !(range.protocol === 'tcp' && WEB_PORTS.some((port) => range.fromPort === port && range.toPort === port)))
    .map((range) => ({
      detail: `${describeRange(range)} is reachable from ${Math.round(range.coverage * 100)}% of the public address space.`,
      // One finding per port range (`tcp/8443`, `udp/1000-2000`, `all`): an acknowledgment covers exactly the ports it names.
      finding: portFinding(range),
    })),
});

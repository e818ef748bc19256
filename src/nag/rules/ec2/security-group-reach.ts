import { IngressRuleInput, internetWidePorts, WideReach } from '../../../analysis';
import { asList, referencedLogicalId, TemplateResource } from '../../template/stack-template';

/**
 * Everything that admits traffic into `group`: its inline `SecurityGroupIngress` and every
 * `AWS::EC2::SecurityGroupIngress` in the template that targets it, united per protocol and port.
 */
export function securityGroupReach(group: TemplateResource): WideReach {
  const inline: IngressRuleInput[] = asList(group.properties.SecurityGroupIngress);
  const separate = group.template.ofType('AWS::EC2::SecurityGroupIngress')
    .filter((ingress) => referencedLogicalId(ingress.properties.GroupId) === group.logicalId)
    .map((ingress) => ingress.properties as IngressRuleInput);
  return internetWidePorts([...inline, ...separate]);
}

/** Whether the port range `[from, to]` of `protocol` includes `port` (protocol `all` includes every port). */
export function covers(range: { protocol: string; fromPort: number; toPort: number }, protocol: string, port: number): boolean {
  if (range.protocol === 'all') return true;
  return range.protocol === protocol && range.fromPort <= port && port <= range.toPort;
}

/** `tcp 22`, `all traffic`, `udp 1000-2000`: a port range in words. */
export function describeRange(range: { protocol: string; family: string; fromPort: number; toPort: number }): string {
  const ports = range.protocol === 'all' ? 'all traffic' : `${range.protocol} ${range.fromPort === range.toPort ? range.fromPort : `${range.fromPort}-${range.toPort}`}`;
  return `${ports} (${range.family})`;
}

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

/** The types whose ingress the security-group rules judge. */
export const INGRESS_TYPES = ['AWS::EC2::SecurityGroup', 'AWS::EC2::SecurityGroupIngress'];

/**
 * What admits traffic into the group `resource` stands for: a security group's own reach; for an
 * `AWS::EC2::SecurityGroupIngress` whose group is not in the template (an imported or
 * cross-stack group), the union of every such ingress in the template targeting the same group
 * (its reach in this template, however the ranges are split); nothing for an ingress whose
 * group is in the template (judged on the group).
 */
export function ingressReachOf(resource: TemplateResource): WideReach {
  if (resource.type === 'AWS::EC2::SecurityGroup') return securityGroupReach(resource);
  const target = targetOf(resource);
  const id = referencedLogicalId(resource.properties.GroupId);
  if (id !== undefined && resource.template.resource(id)?.type === 'AWS::EC2::SecurityGroup') return { wide: [], unknowable: [] };
  const siblings = resource.template.ofType('AWS::EC2::SecurityGroupIngress').filter((ingress) => targetOf(ingress) === target);
  return internetWidePorts(siblings.map((ingress) => ingress.properties as IngressRuleInput));
}

function targetOf(ingress: TemplateResource): string {
  return JSON.stringify([ingress.properties.GroupId, ingress.properties.GroupName]);
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

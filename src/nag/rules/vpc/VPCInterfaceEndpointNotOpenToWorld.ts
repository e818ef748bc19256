import { parse } from 'path';
import { CfnResource, Stack } from 'aws-cdk-lib';
import { CfnSecurityGroup, CfnSecurityGroupIngress, CfnVPCEndpoint } from 'aws-cdk-lib/aws-ec2';
import { NagRuleCompliance, NagRules } from 'cdk-nag';
import { isInternetWide } from '../../../core/cidr';

/**
 * Interface VPC endpoints' security groups admit no traffic from the whole internet (0.0.0.0/0, ::/0,
 * or blocks as wide as to mean everyone), inline or through separate ingress resources.
 * @param node the CfnResource to check
 */
export default Object.defineProperty(
  (node: CfnResource): NagRuleCompliance => {
    if (!(node instanceof CfnVPCEndpoint) || NagRules.resolveIfPrimitive(node, node.vpcEndpointType) !== 'Interface') {
      return NagRuleCompliance.NOT_APPLICABLE;
    }
    const stack = Stack.of(node);
    const groupIds = (stack.resolve(node.securityGroupIds) ?? []).map((g: unknown) => JSON.stringify(g));
    const isEndpointGroup = (ref: unknown) => groupIds.includes(JSON.stringify(stack.resolve(ref)));
    const opensToWorld = (rule: { cidrIp?: string; cidrIpv6?: string }) => isInternetWide(rule.cidrIp) || isInternetWide(rule.cidrIpv6);
    const open = stack.node.findAll().some((c) => {
      if (c instanceof CfnSecurityGroup) {
        const refs = [{ 'Fn::GetAtt': [stack.resolve(c.logicalId), 'GroupId'] }, { Ref: stack.resolve(c.logicalId) }];
        return refs.some(isEndpointGroup) && (stack.resolve(c.securityGroupIngress) ?? []).some(opensToWorld);
      }
      if (c instanceof CfnSecurityGroupIngress) {
        return isEndpointGroup(c.groupId) && opensToWorld({ cidrIp: stack.resolve(c.cidrIp), cidrIpv6: stack.resolve(c.cidrIpv6) });
      }
      return false;
    });
    return open ? NagRuleCompliance.NON_COMPLIANT : NagRuleCompliance.COMPLIANT;
  },
  'name',
  { value: parse(__filename).name },
);

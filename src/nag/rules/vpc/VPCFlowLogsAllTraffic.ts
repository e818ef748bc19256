import { parse } from 'path';
import { CfnResource, Stack } from 'aws-cdk-lib';
import { CfnFlowLog, CfnVPC } from 'aws-cdk-lib/aws-ec2';
import { NagRuleCompliance, NagRules } from 'cdk-nag';

/**
 * VPCs have a flow log that captures ALL traffic (not only ACCEPT or REJECT), so
 * investigations see both what got in and what was tried.
 * @param node the CfnResource to check
 */
export default Object.defineProperty(
  (node: CfnResource): NagRuleCompliance => {
    if (!(node instanceof CfnVPC)) return NagRuleCompliance.NOT_APPLICABLE;
    const vpcId = NagRules.resolveResourceFromIntrinsic(node, node.ref);
    const capturesAll = Stack.of(node).node.findAll().some((c) => c instanceof CfnFlowLog
      && c.resourceType === 'VPC'
      && NagRules.resolveResourceFromIntrinsic(c, c.resourceId) === vpcId
      && NagRules.resolveIfPrimitive(c, c.trafficType) === 'ALL');
    return capturesAll ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
  },
  'name',
  { value: parse(__filename).name },
);

import { parse } from 'path';
import { CfnResource } from 'aws-cdk-lib';
import { CfnLogGroup } from 'aws-cdk-lib/aws-logs';
import { NagRuleCompliance, NagRules } from 'cdk-nag';

/**
 * CloudWatch log groups have a retention period (logs are not kept, and paid for, forever by accident).
 * @param node the CfnResource to check
 */
export default Object.defineProperty(
  (node: CfnResource): NagRuleCompliance => {
    if (!(node instanceof CfnLogGroup)) return NagRuleCompliance.NOT_APPLICABLE;
    const retention = NagRules.resolveIfPrimitive(node, node.retentionInDays);
    return typeof retention === 'number' && retention > 0 ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
  },
  'name',
  { value: parse(__filename).name },
);

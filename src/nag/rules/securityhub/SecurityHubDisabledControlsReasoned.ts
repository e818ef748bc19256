import { parse } from 'path';
import { CfnResource, Stack } from 'aws-cdk-lib';
import { CfnStandard } from 'aws-cdk-lib/aws-securityhub';
import { NagRuleCompliance } from 'cdk-nag';

/**
 * Every Security Hub control disabled in a standard carries a reason, recorded in the template.
 * @param node the CfnResource to check
 */
export default Object.defineProperty(
  (node: CfnResource): NagRuleCompliance => {
    if (!(node instanceof CfnStandard)) return NagRuleCompliance.NOT_APPLICABLE;
    const disabled: Array<{ reason?: string }> = Stack.of(node).resolve(node.disabledStandardsControls) ?? [];
    const unexplained = disabled.some((c) => typeof c?.reason !== 'string' || c.reason.trim().length === 0);
    return unexplained ? NagRuleCompliance.NON_COMPLIANT : NagRuleCompliance.COMPLIANT;
  },
  'name',
  { value: parse(__filename).name },
);

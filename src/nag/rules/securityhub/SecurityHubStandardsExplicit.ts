import { parse } from 'path';
import { CfnResource } from 'aws-cdk-lib';
import { CfnHub } from 'aws-cdk-lib/aws-securityhub';
import { NagRuleCompliance, NagRules } from 'cdk-nag';

/**
 * Security Hub hubs do not enable the implicit default standards: every enabled standard is declared
 * in the template, so the baseline is reviewable and does not change when AWS changes the defaults.
 * @param node the CfnResource to check
 */
export default Object.defineProperty(
  (node: CfnResource): NagRuleCompliance => {
    if (!(node instanceof CfnHub)) return NagRuleCompliance.NOT_APPLICABLE;
    return NagRules.resolveIfPrimitive(node, node.enableDefaultStandards) === false ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
  },
  'name',
  { value: parse(__filename).name },
);

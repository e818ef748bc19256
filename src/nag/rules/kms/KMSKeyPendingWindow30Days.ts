import { parse } from 'path';
import { CfnResource } from 'aws-cdk-lib';
import { CfnKey } from 'aws-cdk-lib/aws-kms';
import { NagRuleCompliance, NagRules } from 'cdk-nag';

/** The longest (and default) waiting period KMS allows before deleting a key. */
const FULL_WINDOW_DAYS = 30;

/**
 * KMS keys keep the full 30-day deletion waiting period, the longest chance to cancel a mistaken deletion.
 * @param node the CfnResource to check
 */
export default Object.defineProperty(
  (node: CfnResource): NagRuleCompliance => {
    if (!(node instanceof CfnKey)) return NagRuleCompliance.NOT_APPLICABLE;
    const days = NagRules.resolveIfPrimitive(node, node.pendingWindowInDays);
    return days === undefined || days === FULL_WINDOW_DAYS ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
  },
  'name',
  { value: parse(__filename).name },
);

import { parse } from 'path';
import { CfnResource, Stack } from 'aws-cdk-lib';
import { CfnTrail } from 'aws-cdk-lib/aws-cloudtrail';
import { NagRuleCompliance, NagRules } from 'cdk-nag';

/**
 * CloudTrail trails are logging, log management events in every region (with global service events),
 * validate their log files, and encrypt them with a KMS key: one trail that misses a region, or logs that can be altered or read
 * unnoticed, defeats the audit.
 * @param node the CfnResource to check
 */
export default Object.defineProperty(
  (node: CfnResource): NagRuleCompliance => {
    if (!(node instanceof CfnTrail)) return NagRuleCompliance.NOT_APPLICABLE;
    const multiRegion = NagRules.resolveIfPrimitive(node, node.isMultiRegionTrail) === true;
    const globalEvents = NagRules.resolveIfPrimitive(node, node.includeGlobalServiceEvents) !== false;
    const validated = NagRules.resolveIfPrimitive(node, node.enableLogFileValidation) === true;
    const stack = Stack.of(node);
    const encrypted = stack.resolve(node.kmsKeyId) !== undefined;
    const logging = NagRules.resolveIfPrimitive(node, node.isLogging) === true;
    const management = logsManagementEvents(stack.resolve(node.advancedEventSelectors), stack.resolve(node.eventSelectors));
    return multiRegion && globalEvents && validated && encrypted && logging && management
      ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
  },
  'name',
  { value: parse(__filename).name },
);

/** Management events are logged unless selectors exist and none of them selects them. */
function logsManagementEvents(advanced: any[] | undefined, basic: any[] | undefined): boolean {
  if (advanced && advanced.length > 0) {
    return advanced.some((selector) => (selector.fieldSelectors ?? [])
      .some((f: any) => f.field === 'eventCategory' && (f.equalTo ?? f.equals ?? []).includes('Management')));
  }
  if (basic && basic.length > 0) return basic.some((selector) => selector.includeManagementEvents !== false);
  return true;
}

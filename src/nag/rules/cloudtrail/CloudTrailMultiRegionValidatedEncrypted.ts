import { parse } from 'path';
import { CfnResource, Stack } from 'aws-cdk-lib';
import { CfnTrail } from 'aws-cdk-lib/aws-cloudtrail';
import { NagRuleCompliance, NagRules } from 'cdk-nag';

/**
 * CloudTrail trails log every region (with global service events), validate their log files, and
 * encrypt them with a KMS key: one trail that misses a region, or logs that can be altered or read
 * unnoticed, defeats the audit.
 * @param node the CfnResource to check
 */
export default Object.defineProperty(
  (node: CfnResource): NagRuleCompliance => {
    if (!(node instanceof CfnTrail)) return NagRuleCompliance.NOT_APPLICABLE;
    const multiRegion = NagRules.resolveIfPrimitive(node, node.isMultiRegionTrail) === true;
    const globalEvents = NagRules.resolveIfPrimitive(node, node.includeGlobalServiceEvents) !== false;
    const validated = NagRules.resolveIfPrimitive(node, node.enableLogFileValidation) === true;
    const encrypted = Stack.of(node).resolve(node.kmsKeyId) !== undefined;
    return multiRegion && globalEvents && validated && encrypted ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
  },
  'name',
  { value: parse(__filename).name },
);

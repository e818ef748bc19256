import { parse } from 'path';
import { CfnResource, Stack } from 'aws-cdk-lib';
import { CfnDetector, CfnPublishingDestination } from 'aws-cdk-lib/aws-guardduty';
import { NagRuleCompliance, NagRules } from 'cdk-nag';

/**
 * GuardDuty detectors export their findings (kept 90 days by GuardDuty) to an S3 publishing
 * destination encrypted with a KMS key, so they outlive GuardDuty's retention.
 * @param node the CfnResource to check
 */
export default Object.defineProperty(
  (node: CfnResource): NagRuleCompliance => {
    if (!(node instanceof CfnDetector)) return NagRuleCompliance.NOT_APPLICABLE;
    const stack = Stack.of(node);
    const detectorId = NagRules.resolveResourceFromIntrinsic(node, node.ref);
    const exported = stack.node.findAll().some((c) => c instanceof CfnPublishingDestination
      && NagRules.resolveResourceFromIntrinsic(c, c.detectorId) === detectorId
      && stack.resolve(c.destinationProperties)?.kmsKeyArn !== undefined);
    return exported ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
  },
  'name',
  { value: parse(__filename).name },
);

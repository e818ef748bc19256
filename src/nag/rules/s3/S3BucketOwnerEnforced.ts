import { parse } from 'path';
import { CfnResource, Stack } from 'aws-cdk-lib';
import { CfnBucket } from 'aws-cdk-lib/aws-s3';
import { NagRuleCompliance } from 'cdk-nag';

/**
 * S3 buckets disable ACLs: object ownership is `BucketOwnerEnforced`, so access is decided by policies alone.
 * @param node the CfnResource to check
 */
export default Object.defineProperty(
  (node: CfnResource): NagRuleCompliance => {
    if (!(node instanceof CfnBucket)) return NagRuleCompliance.NOT_APPLICABLE;
    const controls = Stack.of(node).resolve(node.ownershipControls);
    const rules: Array<{ objectOwnership?: string }> = controls?.rules ?? [];
    const enforced = rules.some((r) => r?.objectOwnership === 'BucketOwnerEnforced');
    return enforced ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
  },
  'name',
  { value: parse(__filename).name },
);

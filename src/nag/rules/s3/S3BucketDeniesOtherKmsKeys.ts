import { parse } from 'path';
import { CfnResource, Stack } from 'aws-cdk-lib';
import { CfnBucket } from 'aws-cdk-lib/aws-s3';
import { NagRuleCompliance } from 'cdk-nag';
import { asList } from '../policy-documents';
import { bucketPolicyStatements } from './bucket-policies';

const KEY_ID_CONDITION = 's3:x-amz-server-side-encryption-aws-kms-key-id';

/**
 * SSE-KMS buckets deny uploads that name another KMS key: the bucket policy has a
 * Deny of s3:PutObject (or s3:*) for every principal with
 * `StringNotEquals(IfExists) s3:x-amz-server-side-encryption-aws-kms-key-id <the bucket's key>`.
 * Not applicable to buckets without KMS default encryption.
 * @param node the CfnResource to check
 */
export default Object.defineProperty(
  (node: CfnResource): NagRuleCompliance => {
    if (!(node instanceof CfnBucket)) return NagRuleCompliance.NOT_APPLICABLE;
    const stack = Stack.of(node);
    const encryption = stack.resolve(node.bucketEncryption);
    const byDefault = encryption?.serverSideEncryptionConfiguration?.[0]?.serverSideEncryptionByDefault;
    if (!String(byDefault?.sseAlgorithm ?? '').startsWith('aws:kms')) return NagRuleCompliance.NOT_APPLICABLE;
    const bucketKey = JSON.stringify(stack.resolve(byDefault.kmsMasterKeyId));
    const denies = bucketPolicyStatements(node).some((s) => {
      const actions = asList(s.Action).map((a) => String(a).toLowerCase());
      const condition = s.Condition?.StringNotEqualsIfExists?.[KEY_ID_CONDITION] ?? s.Condition?.StringNotEquals?.[KEY_ID_CONDITION];
      return s.Effect === 'Deny'
        && (actions.includes('s3:putobject') || actions.includes('s3:*') || actions.includes('*'))
        && condition !== undefined
        && JSON.stringify(condition) === bucketKey;
    });
    return denies ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
  },
  'name',
  { value: parse(__filename).name },
);

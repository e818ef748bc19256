import { parse } from 'path';
import { CfnResource, Stack } from 'aws-cdk-lib';
import { CfnBucket } from 'aws-cdk-lib/aws-s3';
import { NagRuleCompliance } from 'cdk-nag';
import { bucketPolicyStatements, isGuardRail } from './bucket-policies';

const KEY_ID_CONDITION = 's3:x-amz-server-side-encryption-aws-kms-key-id';
const ALGORITHM_CONDITION = 's3:x-amz-server-side-encryption';

/**
 * SSE-KMS buckets deny uploads that name another KMS key, or that name the algorithm without a key
 * (S3 then uses the AWS managed key): the bucket policy has Denies of s3:PutObject (or s3:*) on all
 * objects for every principal with `StringNotEquals(IfExists) s3:x-amz-server-side-encryption-aws-kms-key-id
 * <the bucket's key>` and with `Null` key id `true` / algorithm `false`.
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
    const statements = bucketPolicyStatements(node).filter((s) => isGuardRail(node, s, ['s3:PutObject'], 'objects', [KEY_ID_CONDITION, ALGORITHM_CONDITION]));
    const deniesOtherKeys = statements.some((s) => {
      const condition = s.Condition?.StringNotEqualsIfExists?.[KEY_ID_CONDITION] ?? s.Condition?.StringNotEquals?.[KEY_ID_CONDITION];
      return Object.keys(s.Condition ?? {}).length === 1 && JSON.stringify(condition) === bucketKey;
    });
    // "aws:kms" without a key id makes S3 use the AWS managed key (aws/s3): it must be denied too.
    const deniesManagedKey = statements.some((s) => String(s.Condition?.Null?.[KEY_ID_CONDITION]) === 'true'
      && String(s.Condition?.Null?.[ALGORITHM_CONDITION]) === 'false');
    return deniesOtherKeys && deniesManagedKey ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
  },
  'name',
  { value: parse(__filename).name },
);

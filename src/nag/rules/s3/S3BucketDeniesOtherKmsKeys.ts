import { bucketPolicyStatements, isGuardRail } from './bucket-policies';
import { defineRule, RuleProblem } from '../../template/fortress-rule';
import { canonical } from '../../template/policy-document';
import { asList } from '../../template/stack-template';

const KEY_ID_CONDITION = 's3:x-amz-server-side-encryption-aws-kms-key-id';
const ALGORITHM_CONDITION = 's3:x-amz-server-side-encryption';

/**
 * SSE-KMS buckets deny uploads that name another KMS key, or that name the algorithm without a key
 * (S3 then uses the AWS managed key). Not applicable to buckets without KMS default encryption.
 */
export default defineRule(__filename, {
  resourceTypes: ['AWS::S3::Bucket'],
  info: 'The SSE-KMS bucket does not deny uploads that name another KMS key.',
  explanation: 'Default encryption applies only when an upload names no key; a client can still ask for another key (one it controls, or one the data owners cannot read).',
  fix: 'Use EncryptedBucket, or add Denies of s3:PutObject for every principal with StringNotEqualsIfExists s3:x-amz-server-side-encryption-aws-kms-key-id <bucket key>, and with Null key id true / algorithm false.',
  evaluate: (bucket) => {
    const byDefault = asList(bucket.properties.BucketEncryption?.ServerSideEncryptionConfiguration)[0]?.ServerSideEncryptionByDefault;
    if (!String(byDefault?.SSEAlgorithm ?? '').startsWith('aws:kms')) return [];
    const bucketKey = canonical(byDefault.KMSMasterKeyID);
    const statements = bucketPolicyStatements(bucket).filter((s) => isGuardRail(bucket, s, ['s3:PutObject'], 'objects', [KEY_ID_CONDITION, ALGORITHM_CONDITION]));
    const problems: RuleProblem[] = [];
    const deniesOtherKeys = statements.some((s) => {
      const condition = s.Condition?.StringNotEqualsIfExists?.[KEY_ID_CONDITION] ?? s.Condition?.StringNotEquals?.[KEY_ID_CONDITION];
      return Object.keys(s.Condition ?? {}).length === 1 && canonical(condition) === bucketKey;
    });
    if (!deniesOtherKeys) problems.push({ detail: 'No Deny refuses uploads that name a key other than the bucket key.' });
    // "aws:kms" without a key id makes S3 use the AWS managed key (aws/s3): it must be denied too.
    const deniesManagedKey = statements.some((s) => String(s.Condition?.Null?.[KEY_ID_CONDITION]) === 'true'
      && String(s.Condition?.Null?.[ALGORITHM_CONDITION]) === 'false');
    if (!deniesManagedKey) problems.push({ detail: 'No Deny refuses uploads that ask for aws:kms without a key id (the AWS managed key).' });
    return problems;
  },
});

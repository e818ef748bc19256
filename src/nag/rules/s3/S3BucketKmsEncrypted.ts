import { defineRule, problemIf } from '../../template/fortress-rule';
import { asList } from '../../template/stack-template';

/** S3 buckets encrypt by default with SSE-KMS (`aws:kms` or `aws:kms:dsse`) under a named key. */
export default defineRule(__filename, {
  resourceTypes: ['AWS::S3::Bucket'],
  info: 'The S3 bucket does not encrypt by default with SSE-KMS under a customer-managed key.',
  explanation: 'SSE-S3 (AES256) keys are managed by S3 alone: a KMS key adds a second permission check on every read and an audit trail of key use.',
  fix: 'Use EncryptedBucket (SSE-KMS with the data key of KmsKeyRing) and remove overrides of BucketEncryption.',
  evaluate: (bucket) => {
    const byDefault = asList(bucket.properties.BucketEncryption?.ServerSideEncryptionConfiguration)
      .map((c: any) => c?.ServerSideEncryptionByDefault);
    const kms = byDefault.some((d: any) => ['aws:kms', 'aws:kms:dsse'].includes(d?.SSEAlgorithm) && d?.KMSMasterKeyID !== undefined);
    return problemIf(!kms, `Default encryption is ${JSON.stringify(byDefault.map((d: any) => d?.SSEAlgorithm ?? 'none'))} without a KMS key.`);
  },
});

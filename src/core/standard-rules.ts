/**
 * Ids of cdk-nag rules that several packs share, so constructs acknowledge a
 * limitation in every pack that checks it, and nowhere else.
 */
const HIPAA = 'HIPAA.Security';
const NIST4 = 'NIST.800.53.R4';
const NIST5 = 'NIST.800.53.R5';
const PCI = 'PCI.DSS.321';

export const StandardRules = {
  /** Server access logging enabled on the bucket. */
  S3_LOGGING: ['AwsSolutions-S1', `${HIPAA}-S3BucketLoggingEnabled`, `${NIST4}-S3BucketLoggingEnabled`, `${NIST5}-S3BucketLoggingEnabled`, `${PCI}-S3BucketLoggingEnabled`],
  /** Default encryption with SSE-KMS. */
  S3_KMS_ENCRYPTION: [`${HIPAA}-S3DefaultEncryptionKMS`, `${NIST5}-S3DefaultEncryptionKMS`, `${PCI}-S3DefaultEncryptionKMS`, 'Fortress-S3BucketKmsEncrypted'],
  /** A replication configuration. */
  S3_REPLICATION: [`${HIPAA}-S3BucketReplicationEnabled`, `${NIST4}-S3BucketReplicationEnabled`, `${NIST5}-S3BucketReplicationEnabled`, `${PCI}-S3BucketReplicationEnabled`],
  /** No inline policies on IAM roles, users or groups. */
  IAM_NO_INLINE_POLICY: [`${HIPAA}-IAMNoInlinePolicy`, `${NIST4}-IAMNoInlinePolicy`, `${NIST5}-IAMNoInlinePolicy`, `${PCI}-IAMNoInlinePolicy`],
  /** Object Lock enabled with a default retention. */
  S3_OBJECT_LOCK: [`${NIST4}-S3BucketDefaultLockEnabled`],
} as const;

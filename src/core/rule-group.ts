import { FortressError } from './fortress-error';

const HIPAA = 'HIPAA.Security';
const NIST4 = 'NIST.800.53.R4';
const NIST5 = 'NIST.800.53.R5';
const PCI = 'PCI.DSS.321';

/**
 * One security concern as the rule ids of every pack that checks it, so a
 * deviation is acknowledged once, with one reason, in each pack actually
 * enforced (see `Acknowledgments.acknowledgeGroup`).
 *
 * @example
 * declare const bucket: s3.Bucket;
 * Acknowledgments.acknowledgeGroup(bucket, RuleGroup.S3_SERVER_ACCESS_LOGGING,
 *   'This bucket is the access-log target itself; S3 cannot log a bucket into itself.');
 */
export class RuleGroup {
  /** S3 server access logging on the bucket. */
  public static readonly S3_SERVER_ACCESS_LOGGING = new RuleGroup('S3_SERVER_ACCESS_LOGGING', 'S3 server access logging on the bucket', [
    'AwsSolutions-S1', `${HIPAA}-S3BucketLoggingEnabled`, `${NIST4}-S3BucketLoggingEnabled`, `${NIST5}-S3BucketLoggingEnabled`, `${PCI}-S3BucketLoggingEnabled`,
  ]);

  /** Default encryption with SSE-KMS under a customer-managed key. */
  public static readonly S3_KMS_ENCRYPTION = new RuleGroup('S3_KMS_ENCRYPTION', 'S3 default encryption with SSE-KMS', [
    `${HIPAA}-S3DefaultEncryptionKMS`, `${NIST5}-S3DefaultEncryptionKMS`, `${PCI}-S3DefaultEncryptionKMS`, 'Fortress-S3BucketKmsEncrypted',
  ]);

  /** Cross-region (or same-region) replication of the bucket. */
  public static readonly S3_REPLICATION = new RuleGroup('S3_REPLICATION', 'S3 replication configured on the bucket', [
    `${HIPAA}-S3BucketReplicationEnabled`, `${NIST4}-S3BucketReplicationEnabled`, `${NIST5}-S3BucketReplicationEnabled`, `${PCI}-S3BucketReplicationEnabled`,
  ]);

  /** S3 Object Lock with a default retention. */
  public static readonly S3_OBJECT_LOCK = new RuleGroup('S3_OBJECT_LOCK', 'S3 Object Lock with a default retention', [`${NIST4}-S3BucketDefaultLockEnabled`]);

  /** S3 bucket versioning. */
  public static readonly S3_VERSIONING = new RuleGroup('S3_VERSIONING', 'S3 bucket versioning', [
    `${HIPAA}-S3BucketVersioningEnabled`, `${NIST4}-S3BucketVersioningEnabled`, `${NIST5}-S3BucketVersioningEnabled`, `${PCI}-S3BucketVersioningEnabled`,
    'Fortress-S3BucketVersioned',
  ]);

  /** No inline policies on IAM roles, users or groups. */
  public static readonly IAM_NO_INLINE_POLICY = new RuleGroup('IAM_NO_INLINE_POLICY', 'No inline IAM policies', [
    `${HIPAA}-IAMNoInlinePolicy`, `${NIST4}-IAMNoInlinePolicy`, `${NIST5}-IAMNoInlinePolicy`, `${PCI}-IAMNoInlinePolicy`,
  ]);

  /** No AWS managed policies attached to IAM principals. */
  public static readonly IAM_NO_MANAGED_POLICIES = new RuleGroup('IAM_NO_MANAGED_POLICIES', 'No AWS managed IAM policies', ['AwsSolutions-IAM4']);

  /** Lambda functions attached to a VPC. */
  public static readonly LAMBDA_IN_VPC = new RuleGroup('LAMBDA_IN_VPC', 'Lambda functions inside a VPC', [
    `${HIPAA}-LambdaInsideVPC`, `${NIST4}-LambdaInsideVPC`, `${NIST5}-LambdaInsideVPC`, `${PCI}-LambdaInsideVPC`,
  ]);

  /** Lambda functions with reserved concurrency. */
  public static readonly LAMBDA_CONCURRENCY = new RuleGroup('LAMBDA_CONCURRENCY', 'Lambda reserved concurrency', [
    `${HIPAA}-LambdaConcurrency`, `${NIST5}-LambdaConcurrency`,
  ]);

  /** Lambda functions with a dead-letter queue. */
  public static readonly LAMBDA_DLQ = new RuleGroup('LAMBDA_DLQ', 'Lambda dead-letter queue', [
    `${HIPAA}-LambdaDLQ`, `${NIST5}-LambdaDLQ`, 'Serverless-LambdaDLQ',
  ]);

  /** CloudWatch log groups encrypted with a customer-managed KMS key. */
  public static readonly LOG_GROUP_ENCRYPTION = new RuleGroup('LOG_GROUP_ENCRYPTION', 'CloudWatch log group KMS encryption', [
    `${HIPAA}-CloudWatchLogGroupEncrypted`, `${NIST4}-CloudWatchLogGroupEncrypted`, `${NIST5}-CloudWatchLogGroupEncrypted`, `${PCI}-CloudWatchLogGroupEncrypted`,
    'Fortress-CloudWatchLogGroupKmsEncrypted',
  ]);

  /** SQS queues with a dead-letter queue (redrive policy). */
  public static readonly SQS_DEAD_LETTER_QUEUE = new RuleGroup('SQS_DEAD_LETTER_QUEUE', 'SQS dead-letter queue', [
    'AwsSolutions-SQS3', 'Serverless-SQSRedrivePolicy',
  ]);

  /** RDS Multi-AZ deployments (standby in another AZ). */
  public static readonly RDS_MULTI_AZ = new RuleGroup('RDS_MULTI_AZ', 'RDS Multi-AZ deployment', [
    'AwsSolutions-RDS3', `${HIPAA}-RDSMultiAZSupport`, `${NIST4}-RDSMultiAZSupport`, `${NIST5}-RDSMultiAZSupport`,
  ]);

  /** RDS deletion protection on instances and clusters. */
  public static readonly RDS_DELETION_PROTECTION = new RuleGroup('RDS_DELETION_PROTECTION', 'RDS deletion protection', [
    'AwsSolutions-RDS10', `${HIPAA}-RDSInstanceDeletionProtectionEnabled`, `${NIST4}-RDSInstanceDeletionProtectionEnabled`,
    `${NIST5}-RDSInstanceDeletionProtectionEnabled`,
  ]);

  /** Automatic rotation of Secrets Manager secrets. */
  public static readonly SECRETS_MANAGER_ROTATION = new RuleGroup('SECRETS_MANAGER_ROTATION', 'Secrets Manager automatic rotation', [
    'AwsSolutions-SMG4', `${HIPAA}-SecretsManagerRotationEnabled`, `${NIST5}-SecretsManagerRotationEnabled`,
  ]);

  /** RDS DB instances selected by an AWS Backup plan. */
  public static readonly RDS_IN_BACKUP_PLAN = new RuleGroup('RDS_IN_BACKUP_PLAN', 'RDS DB instance in an AWS Backup plan', [
    `${HIPAA}-RDSInBackupPlan`, `${NIST4}-RDSInBackupPlan`, `${NIST5}-RDSInBackupPlan`,
  ]);

  /** RDS databases listening on a port other than the engine's default. */
  public static readonly RDS_NON_DEFAULT_PORT = new RuleGroup('RDS_NON_DEFAULT_PORT', 'RDS non-default port', ['AwsSolutions-RDS11']);

  /** IAM database authentication on Aurora clusters. */
  public static readonly RDS_IAM_AUTHENTICATION = new RuleGroup('RDS_IAM_AUTHENTICATION', 'RDS IAM database authentication', ['AwsSolutions-RDS6']);

  /** Cognito user pools requiring MFA. */
  public static readonly COGNITO_MFA = new RuleGroup('COGNITO_MFA', 'Cognito user pool MFA required', [
    'AwsSolutions-COG2', 'Fortress-CognitoUserPoolMfaRequired',
  ]);

  /** Cognito user pools on the PLUS plan with threat protection enforced. */
  public static readonly COGNITO_THREAT_PROTECTION = new RuleGroup('COGNITO_THREAT_PROTECTION', 'Cognito user pool threat protection enforced', [
    'AwsSolutions-COG8', 'Fortress-CognitoUserPoolThreatProtectionEnforced',
  ]);

  /** CloudFront viewer TLS: a custom certificate with a TLSv1.2_2021+ security policy (the default certificate allows TLSv1). */
  public static readonly CLOUDFRONT_VIEWER_TLS = new RuleGroup('CLOUDFRONT_VIEWER_TLS', 'CloudFront viewer TLS 1.2 or newer', [
    'AwsSolutions-CFR4', 'Fortress-CloudFrontDistributionTls12',
  ]);

  /** Every IAM group has at least one user. */
  public static readonly IAM_GROUP_HAS_USERS = new RuleGroup('IAM_GROUP_HAS_USERS', 'IAM groups with at least one user', [
    `${HIPAA}-IAMGroupHasUsers`, `${NIST4}-IAMGroupHasUsers`, `${PCI}-IAMGroupHasUsers`,
  ]);

  /** ALB, NLB and GLB listeners serving an ACM certificate (an HTTP listener that only redirects has none). */
  public static readonly ELBV2_LISTENER_CERTIFICATE = new RuleGroup('ELBV2_LISTENER_CERTIFICATE', 'ELBv2 listener with an ACM certificate', [
    `${HIPAA}-ELBv2ACMCertificateRequired`, `${NIST5}-ELBv2ACMCertificateRequired`, `${PCI}-ELBv2ACMCertificateRequired`,
  ]);

  /** Application Load Balancers associated with an AWS WAF web ACL. */
  public static readonly ALB_WAF = new RuleGroup('ALB_WAF', 'ALB associated with a WAFv2 web ACL', [
    `${NIST4}-ALBWAFEnabled`, `${NIST5}-ALBWAFEnabled`, `${PCI}-ALBWAFEnabled`,
  ]);

  /** Every group this library defines, for documentation and tests. */
  public static all(): RuleGroup[] {
    return [
      RuleGroup.S3_SERVER_ACCESS_LOGGING, RuleGroup.S3_KMS_ENCRYPTION, RuleGroup.S3_REPLICATION, RuleGroup.S3_OBJECT_LOCK,
      RuleGroup.S3_VERSIONING, RuleGroup.IAM_NO_INLINE_POLICY, RuleGroup.IAM_NO_MANAGED_POLICIES, RuleGroup.LAMBDA_IN_VPC,
      RuleGroup.LAMBDA_CONCURRENCY, RuleGroup.LAMBDA_DLQ, RuleGroup.LOG_GROUP_ENCRYPTION, RuleGroup.SQS_DEAD_LETTER_QUEUE,
      RuleGroup.SECRETS_MANAGER_ROTATION, RuleGroup.RDS_IN_BACKUP_PLAN, RuleGroup.RDS_MULTI_AZ, RuleGroup.RDS_DELETION_PROTECTION,
      RuleGroup.RDS_NON_DEFAULT_PORT, RuleGroup.RDS_IAM_AUTHENTICATION, RuleGroup.COGNITO_MFA, RuleGroup.COGNITO_THREAT_PROTECTION,
      RuleGroup.CLOUDFRONT_VIEWER_TLS, RuleGroup.IAM_GROUP_HAS_USERS, RuleGroup.ELBV2_LISTENER_CERTIFICATE, RuleGroup.ALB_WAF,
    ];
  }

  /**
   * A group of your own, e.g. for an organization's pack alongside the built-in ones.
   *
   * @param name an upper-case identifier, e.g. `MY_ORG_TAGGING`
   * @param description what the rules check, in a few words
   * @param ruleIds the rule ids, `<pack>-<rule>`, of every pack that checks the concern
   */
  public static custom(name: string, description: string, ruleIds: string[]): RuleGroup {
    if (typeof name !== 'string' || !/^[A-Z][A-Z0-9_]*$/.test(name)) throw FortressError.invalidProp('RuleGroup.custom', 'name', 'must be an upper-case identifier such as MY_ORG_TAGGING', name);
    if (!Array.isArray(ruleIds) || ruleIds.length === 0 || ruleIds.some((id) => typeof id !== 'string' || !/^[A-Za-z0-9.]+-[A-Za-z0-9]+$/.test(id))) {
      throw FortressError.invalidProp('RuleGroup.custom', 'ruleIds', 'must be a non-empty list of rule ids such as AwsSolutions-S1', ruleIds);
    }
    return new RuleGroup(name, description ?? name, [...ruleIds]);
  }

  private constructor(
    /** The group's identifier, e.g. `S3_SERVER_ACCESS_LOGGING`. */
    public readonly name: string,
    /** What the grouped rules check. */
    public readonly description: string,
    /** Every pack's id for the concern. */
    public readonly ruleIds: string[],
  ) {}

  /**
   * The group's ids that belong to the packs named in `packNames` (all of them when the list is empty:
   * with no pack known, every pack's id is kept).
   */
  public ruleIdsFor(packNames: string[]): string[] {
    if (packNames.length === 0) return [...this.ruleIds];
    return this.ruleIds.filter((id) => packNames.some((pack) => id.startsWith(`${pack}-`)));
  }
}

import { defineRule, RuleProblem } from '../../template/fortress-rule';

/**
 * ECS Exec sessions on a cluster are encrypted with a customer-managed key and logged to an encrypted destination.
 *
 * @see https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ExecuteCommandConfiguration.html
 */
export default defineRule(__filename, {
  resourceTypes: ['AWS::ECS::Cluster'],
  info: 'The ECS cluster does not encrypt ECS Exec sessions with a customer-managed key, or does not log them to an encrypted destination.',
  explanation: 'ECS Exec opens a shell in running containers. Without a KmsKeyId the session data is protected by TLS only; with Logging NONE, '
    + 'or an unencrypted log destination, there is no (confidential) record of the commands run and their output. No standard pack checks it.',
  fix: 'Use SecureCluster, or set executeCommandConfiguration { kmsKey, logging: OVERRIDE, logConfiguration: { cloudWatchLogGroup, '
    + 'cloudWatchEncryptionEnabled: true } } with a KMS-encrypted log group (or an S3 bucket with s3EncryptionEnabled).',
  evaluate: (cluster) => {
    const config = cluster.properties.Configuration?.ExecuteCommandConfiguration;
    const problems: RuleProblem[] = [];
    if (config?.KmsKeyId === undefined || config?.KmsKeyId === '') {
      problems.push({ detail: 'ExecuteCommandConfiguration.KmsKeyId is not set: ECS Exec sessions are not encrypted with a customer-managed key.', finding: 'kms' });
    }
    const logging = String(config?.Logging ?? 'DEFAULT').toUpperCase();
    const log = config?.LogConfiguration ?? {};
    const toCloudWatch = log.CloudWatchLogGroupName !== undefined && (log.CloudWatchEncryptionEnabled === true || log.CloudWatchEncryptionEnabled === 'true');
    const toS3 = log.S3BucketName !== undefined && (log.S3EncryptionEnabled === true || log.S3EncryptionEnabled === 'true');
    if (logging !== 'OVERRIDE' || !(toCloudWatch || toS3)) {
      problems.push({
        detail: logging === 'NONE' ? 'ExecuteCommandConfiguration.Logging is NONE: ECS Exec sessions are not recorded.'
          : 'ECS Exec sessions are not logged to a destination with encryption enforced (Logging OVERRIDE with CloudWatchEncryptionEnabled or S3EncryptionEnabled).',
        finding: 'logging',
      });
    }
    return problems;
  },
});

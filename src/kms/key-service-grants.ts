import { Aws } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { KeyPurpose } from './key-purpose';
import { KeyServiceGrant } from './key-service-grant';

/** Actions a log-writing service needs on a key (CloudWatch Logs, vended log delivery). */
const ENCRYPT_DECRYPT = ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncryptFrom', 'kms:ReEncryptTo', 'kms:GenerateDataKey', 'kms:DescribeKey'];
/** Actions a service needs to publish to an encrypted topic or queue, or write an encrypted export. */
const PUBLISH = ['kms:Decrypt', 'kms:GenerateDataKey'];

/**
 * The key-policy statements a built-in purpose needs for its services, each
 * conditioned to this account (and, where the service supports it, to its
 * resources or encryption context).
 *
 * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html
 * @see https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-kms-key-policy-for-cloudtrail.html
 * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/AWS-logs-infrastructure-V2-S3.html
 * @see https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_exportfindings.html
 * @see https://docs.aws.amazon.com/config/latest/developerguide/s3-kms-key-policy.html
 * @see https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html
 */
export function defaultServiceStatements(purpose: KeyPurpose): iam.PolicyStatement[] {
  const account = Aws.ACCOUNT_ID;
  const arn = (service: string, region: string, resource: string) => `arn:${Aws.PARTITION}:${service}:${region}:${account}:${resource}`;
  switch (purpose) {
    case KeyPurpose.LOGS:
      return [
        // CloudWatch Logs identifies the log group in the encryption context; it is the documented condition.
        new iam.PolicyStatement({
          sid: 'AllowCloudWatchLogsForThisAccountLogGroups',
          principals: [new iam.ServicePrincipal(`logs.${Aws.REGION}.amazonaws.com`)],
          actions: ENCRYPT_DECRYPT,
          resources: ['*'],
          conditions: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': arn('logs', Aws.REGION, 'log-group:*') } },
        }),
        // CloudTrail encrypts with an encryption context naming the trail; DescribeKey carries no
        // context, so it is a separate statement conditioned on the source account only.
        new iam.PolicyStatement({
          sid: 'AllowCloudTrailForThisAccountTrails',
          principals: [new iam.ServicePrincipal('cloudtrail.amazonaws.com')],
          actions: ['kms:GenerateDataKey'],
          resources: ['*'],
          conditions: {
            StringEquals: { 'aws:SourceAccount': account },
            StringLike: { 'kms:EncryptionContext:aws:cloudtrail:arn': arn('cloudtrail', '*', 'trail/*') },
          },
        }),
        serviceStatement('AllowCloudTrailToDescribeKey', { servicePrincipal: 'cloudtrail.amazonaws.com', actions: ['kms:DescribeKey'] }),
        vendedLogDeliveryStatement(),
        serviceStatement('AllowGuardDutyFindingsExport', { servicePrincipal: 'guardduty.amazonaws.com', actions: ['kms:GenerateDataKey'], sourceArn: arn('guardduty', Aws.REGION, 'detector/*') }),
        serviceStatement('AllowConfigDelivery', { servicePrincipal: 'config.amazonaws.com', actions: PUBLISH }),
      ];
    case KeyPurpose.MESSAGING:
      return [
        serviceStatement('AllowEventBridgeToPublish', { servicePrincipal: 'events.amazonaws.com', actions: PUBLISH }),
        serviceStatement('AllowCloudWatchAlarmsToPublish', { servicePrincipal: 'cloudwatch.amazonaws.com', actions: PUBLISH }),
        serviceStatement('AllowS3EventNotifications', { servicePrincipal: 's3.amazonaws.com', actions: PUBLISH }),
        serviceStatement('AllowSnsToSqsDelivery', { servicePrincipal: 'sns.amazonaws.com', actions: PUBLISH }),
      ];
    default:
      // DATA and SECRETS: S3, EBS, RDS, DynamoDB, Secrets Manager and SSM use the key with the
      // caller's own permissions (kms:ViaService), so no service principal is trusted.
      return [];
  }
}

/** Lets CloudWatch vended log delivery (VPC flow logs and others to S3) use a key, for this account's log sources only. */
export function vendedLogDeliveryStatement(): iam.PolicyStatement {
  return serviceStatement('AllowVendedLogDeliveryForThisAccount', {
    servicePrincipal: 'delivery.logs.amazonaws.com',
    actions: ENCRYPT_DECRYPT,
    sourceArn: `arn:${Aws.PARTITION}:logs:${Aws.REGION}:${Aws.ACCOUNT_ID}:*`,
  });
}

/** A key-policy statement for `grant`, conditioned on this account and, when given, the source ARN. */
export function serviceStatement(sid: string, grant: KeyServiceGrant): iam.PolicyStatement {
  return new iam.PolicyStatement({
    sid,
    principals: [new iam.ServicePrincipal(grant.servicePrincipal)],
    actions: grant.actions,
    resources: ['*'],
    conditions: {
      StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID },
      ...(grant.sourceArn === undefined ? {} : { ArnLike: { 'aws:SourceArn': grant.sourceArn } }),
    },
  });
}

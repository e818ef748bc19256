import { Aws } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { KeyService } from './key-service';
import { KeyServiceGrant } from './key-service-grant';

/** Actions a log-writing service needs on a key (CloudWatch Logs, vended log delivery). */
const ENCRYPT_DECRYPT = ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncryptFrom', 'kms:ReEncryptTo', 'kms:GenerateDataKey', 'kms:DescribeKey'];
/** Actions a service needs to publish to an encrypted topic or queue, or write an encrypted export. */
const PUBLISH = ['kms:Decrypt', 'kms:GenerateDataKey'];

/** `arn:<partition>:<service>:<region>:<this account>:<resource>` */
function arn(service: string, region: string, resource: string): string {
  return `arn:${Aws.PARTITION}:${service}:${region}:${Aws.ACCOUNT_ID}:${resource}`;
}

/**
 * The key-policy statements of each built-in service integration, each with the condition the
 * service documents (URL next to it). Sids are stable: the README and tests name them.
 */
const STATEMENTS: ReadonlyMap<KeyService, () => iam.PolicyStatement[]> = new Map<KeyService, () => iam.PolicyStatement[]>([
  [KeyService.CLOUDWATCH_LOGS, () => [
    // CloudWatch Logs names the log group in the encryption context; the documented condition is
    // kms:EncryptionContext:aws:logs:arn. https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html
    new iam.PolicyStatement({
      sid: 'AllowCloudWatchLogsForThisAccountLogGroups',
      principals: [new iam.ServicePrincipal(`logs.${Aws.REGION}.amazonaws.com`)],
      actions: ENCRYPT_DECRYPT,
      resources: ['*'],
      conditions: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': arn('logs', Aws.REGION, 'log-group:*') } },
    }),
  ]],
  [KeyService.CLOUDTRAIL, () => [
    // CloudTrail encrypts under the encryption context aws:cloudtrail:arn, and AWS recommends aws:SourceArn = the
    // trail(s) on every statement. https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-kms-key-policy-for-cloudtrail.html
    new iam.PolicyStatement({
      sid: 'AllowCloudTrailForThisAccountTrails',
      principals: [new iam.ServicePrincipal('cloudtrail.amazonaws.com')],
      actions: ['kms:GenerateDataKey'],
      resources: ['*'],
      conditions: {
        ArnLike: { 'aws:SourceArn': arn('cloudtrail', '*', 'trail/*') },
        StringLike: { 'kms:EncryptionContext:aws:cloudtrail:arn': arn('cloudtrail', '*', 'trail/*') },
      },
    }),
    // DescribeKey carries no encryption context: aws:SourceArn alone, as in the same guide's
    // "Enable CloudTrail to describe KMS key properties" statement.
    serviceStatement('AllowCloudTrailToDescribeKey', { servicePrincipal: 'cloudtrail.amazonaws.com', actions: ['kms:DescribeKey'] },
      { ArnLike: { 'aws:SourceArn': arn('cloudtrail', '*', 'trail/*') } }),
  ]],
  [KeyService.LOG_DELIVERY, () => [vendedLogDeliveryStatement()]],
  [KeyService.GUARDDUTY_FINDINGS_EXPORT, () => [
    // aws:SourceAccount and aws:SourceArn = the detector. https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_exportfindings.html
    serviceStatement('AllowGuardDutyFindingsExport', {
      servicePrincipal: 'guardduty.amazonaws.com', actions: ['kms:GenerateDataKey'], sourceArn: arn('guardduty', Aws.REGION, 'detector/*'),
    }),
  ]],
  [KeyService.CONFIG_DELIVERY, () => [
    // aws:SourceAccount. https://docs.aws.amazon.com/config/latest/developerguide/s3-kms-key-policy.html
    serviceStatement('AllowConfigDelivery', { servicePrincipal: 'config.amazonaws.com', actions: PUBLISH }),
  ]],
  [KeyService.EVENTBRIDGE_TO_SNS, () => [
    // "Adding the aws:SourceAccount, aws:SourceArn, and aws:SourceOrgID to a AWS KMS policy is not supported for
    // EventBridge-to-encrypted topics" (https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html;
    // landing-zone-accelerator-on-aws#407: every delivery fails with them). SNS binds the data key to the topic with the encryption context
    // aws:sns:topicArn, documented as a key-policy condition in
    // https://docs.aws.amazon.com/sns/latest/dg/sns-enable-encryption-for-topic.html, so the statement is
    // scoped to this account's topics in this region by that context alone.
    new iam.PolicyStatement({
      sid: 'AllowEventBridgeToPublishToThisAccountTopics',
      principals: [new iam.ServicePrincipal('events.amazonaws.com')],
      actions: PUBLISH,
      resources: ['*'],
      conditions: { ArnLike: { 'kms:EncryptionContext:aws:sns:topicArn': arn('sns', Aws.REGION, '*') } },
    }),
  ]],
  [KeyService.EVENTBRIDGE_TO_SQS, () => [
    // SQS: "CloudWatch Events" supports aws:SourceArn for SSE queues; aws:SourceAccount as well (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-key-management.html,
    // "Configure AWS KMS permissions with confused deputy protection"). Source = this account's rules.
    serviceStatement('AllowEventBridgeToSendToThisAccountQueues', {
      servicePrincipal: 'events.amazonaws.com', actions: PUBLISH, sourceArn: arn('events', Aws.REGION, 'rule/*'),
    }),
  ]],
  [KeyService.CLOUDWATCH_ALARMS_TO_SNS, () => [
    // SNS event sources other than EventBridge: aws:SourceAccount and aws:SourceArn (https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html,
    // "Enable compatibility between event sources from AWS services and encrypted topics", step 3). Source = this account's alarms.
    serviceStatement('AllowCloudWatchAlarmsToPublish', {
      servicePrincipal: 'cloudwatch.amazonaws.com', actions: PUBLISH, sourceArn: arn('cloudwatch', Aws.REGION, 'alarm:*'),
    }),
  ]],
  [KeyService.S3_EVENT_NOTIFICATIONS, () => [
    // S3 to SNS (https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html, step 3) and to SQS (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-key-management.html lists Amazon S3 among the services
    // that support aws:SourceArn). Bucket ARNs carry no account, so aws:SourceAccount does the tying.
    serviceStatement('AllowS3EventNotifications', {
      servicePrincipal: 's3.amazonaws.com', actions: PUBLISH, sourceArn: `arn:${Aws.PARTITION}:s3:::*`,
    }),
  ]],
  [KeyService.SNS_TO_SQS, () => [
    // https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-key-management.html lists Amazon SNS among the services that support aws:SourceArn. Source = this account's topics.
    serviceStatement('AllowSnsToSqsDelivery', { servicePrincipal: 'sns.amazonaws.com', actions: PUBLISH, sourceArn: arn('sns', Aws.REGION, '*') }),
  ]],
  [KeyService.EBS_DEFAULT_ENCRYPTION, () => {
    // The two statements EC2 Auto Scaling documents for a customer managed key used for EBS encryption (key use, and
    // CreateGrant only for AWS resources): https://docs.aws.amazon.com/autoscaling/ec2/userguide/key-policy-requirements-EBS-encryption.html
    // The role is named by aws:PrincipalArn with Principal "*", and kms:CallerAccount ties it to this account: a role ARN
    // as Principal must exist when the policy is set, and AWSServiceRoleForAutoScaling only exists after the account first
    // uses Auto Scaling (never in a newly created account). IAM principals of this account that launch instances use the
    // key through the key policy's account statement and their own IAM permissions (EBS calls KMS on their behalf).
    // EC2 Spot and EC2 Fleet launch through service-linked roles of their own, which need the same grants when volumes are
    // encrypted with a customer managed key: https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/spot-fleet-prerequisites.html
    // (service-linked role for Spot Instances), https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ec2-fleet-prerequisites.html
    const serviceLinkedRole = (service: string, name: string) => `arn:${Aws.PARTITION}:iam::${Aws.ACCOUNT_ID}:role/aws-service-role/${service}/${name}`;
    const autoScaling = {
      ArnEquals: {
        'aws:PrincipalArn': [
          serviceLinkedRole('autoscaling.amazonaws.com', 'AWSServiceRoleForAutoScaling'),
          serviceLinkedRole('spot.amazonaws.com', 'AWSServiceRoleForEC2Spot'),
          serviceLinkedRole('ec2fleet.amazonaws.com', 'AWSServiceRoleForEC2Fleet'),
        ],
      },
    };
    const thisAccount = { 'kms:CallerAccount': Aws.ACCOUNT_ID };
    return [
      new iam.PolicyStatement({
        sid: 'AllowInstanceLaunchServiceLinkedRolesUseForEbs',
        principals: [new iam.AnyPrincipal()],
        actions: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncryptFrom', 'kms:ReEncryptTo', 'kms:GenerateDataKey', 'kms:GenerateDataKeyWithoutPlaintext', 'kms:DescribeKey'],
        resources: ['*'],
        conditions: { ...autoScaling, StringEquals: thisAccount },
      }),
      new iam.PolicyStatement({
        sid: 'AllowInstanceLaunchServiceLinkedRolesGrantsForEbs',
        principals: [new iam.AnyPrincipal()],
        actions: ['kms:CreateGrant'],
        resources: ['*'],
        conditions: { ...autoScaling, StringEquals: thisAccount, Bool: { 'kms:GrantIsForAWSResource': 'true' } },
      }),
    ];
  }],
]);

/** The key-policy statements that let `service` use a key, conditioned as that service documents. */
export function serviceStatements(service: KeyService): iam.PolicyStatement[] {
  const statements = STATEMENTS.get(service);
  if (!statements) throw new Error(`no statements for key service ${service.name}`);
  return statements();
}

/**
 * Every key of a ring denies kms:CreateGrant unless an AWS service integrated with KMS asks on a principal's
 * behalf (kms:GrantIsForAWSResource) or an AWS service principal asks itself (aws:PrincipalIsAWSService): the
 * exact statement AWS Control Tower's proactive control CT.KMS.PR.3 requires. Only CreateGrant delegates use;
 * RetireGrant and RevokeGrant only take it away, so they stay with the key's administrators.
 * https://docs.aws.amazon.com/controltower/latest/controlreference/kms-rules.html#ct-kms-pr-3-description
 * https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html#conditions-kms-grant-is-for-aws-resource
 */
export function denyGrantsNotForAwsResourcesStatement(): iam.PolicyStatement {
  return new iam.PolicyStatement({
    sid: 'DenyGrantsNotForAwsResources',
    effect: iam.Effect.DENY,
    principals: [new iam.AnyPrincipal()],
    actions: ['kms:CreateGrant'],
    resources: ['*'],
    conditions: { BoolIfExists: { 'kms:GrantIsForAWSResource': 'false', 'aws:PrincipalIsAWSService': 'false' } },
  });
}

/**
 * Lets CloudWatch vended log delivery (VPC flow logs and others to S3) use a key, for this account's log sources only:
 * aws:SourceAccount and aws:SourceArn = arn:...:logs:<region>:<account>:*.
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/AWS-logs-infrastructure-V2-S3.html
 */
export function vendedLogDeliveryStatement(): iam.PolicyStatement {
  return serviceStatement('AllowVendedLogDeliveryForThisAccount', {
    servicePrincipal: 'delivery.logs.amazonaws.com',
    actions: ENCRYPT_DECRYPT,
    sourceArn: arn('logs', Aws.REGION, '*'),
  });
}

/**
 * A key-policy statement for `grant`: conditioned on this account (aws:SourceAccount) and, when given, the source ARN;
 * `conditions`, when given, replace that default.
 */
export function serviceStatement(sid: string, grant: KeyServiceGrant, conditions?: Record<string, unknown>): iam.PolicyStatement {
  return new iam.PolicyStatement({
    sid,
    principals: [new iam.ServicePrincipal(grant.servicePrincipal)],
    actions: grant.actions,
    resources: ['*'],
    conditions: conditions ?? {
      StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID },
      ...(grant.sourceArn === undefined ? {} : { ArnLike: { 'aws:SourceArn': grant.sourceArn } }),
    },
  });
}


/**
 * An AWS service integration a {@link KmsKeyRing} key can trust, with the key-policy
 * statements and conditions that service documents (see the README's KmsKeyRing section
 * for each statement and its source). Enable one with `KmsKeyRing.enableService(purpose, service)`;
 * the constructs of this library enable what they use on the ring they use.
 *
 * For a service not listed here, use `KmsKeyRing.allowService` with an explicit grant.
 */
export class KeyService {
  /** CloudWatch Logs (`logs.<region>.amazonaws.com`) encrypting this account's log groups in this region. */
  public static readonly CLOUDWATCH_LOGS = new KeyService('cloudwatch-logs', 'logs.<region>.amazonaws.com');
  /** CloudTrail (`cloudtrail.amazonaws.com`) encrypting this account's trails' log files. */
  public static readonly CLOUDTRAIL = new KeyService('cloudtrail', 'cloudtrail.amazonaws.com');
  /** Vended log delivery (`delivery.logs.amazonaws.com`), e.g. VPC flow logs to S3, for this account's log sources. */
  public static readonly LOG_DELIVERY = new KeyService('log-delivery', 'delivery.logs.amazonaws.com');
  /** GuardDuty (`guardduty.amazonaws.com`) exporting this account's detectors' findings to S3. */
  public static readonly GUARDDUTY_FINDINGS_EXPORT = new KeyService('guardduty-findings-export', 'guardduty.amazonaws.com');
  /** AWS Config (`config.amazonaws.com`) delivering this account's configuration snapshots and history to S3. */
  public static readonly CONFIG_DELIVERY = new KeyService('config-delivery', 'config.amazonaws.com');
  /**
   * EventBridge rules (`events.amazonaws.com`) publishing to this account's encrypted SNS topics. Conditioned on the
   * SNS encryption context only: SNS does not support `aws:SourceAccount`/`aws:SourceArn` here.
   */
  public static readonly EVENTBRIDGE_TO_SNS = new KeyService('eventbridge-to-sns', 'events.amazonaws.com');
  /** EventBridge rules (`events.amazonaws.com`) sending to this account's encrypted SQS queues, e.g. as dead-letter queue. */
  public static readonly EVENTBRIDGE_TO_SQS = new KeyService('eventbridge-to-sqs', 'events.amazonaws.com');
  /** CloudWatch alarms (`cloudwatch.amazonaws.com`) of this account publishing to encrypted SNS topics. */
  public static readonly CLOUDWATCH_ALARMS_TO_SNS = new KeyService('cloudwatch-alarms-to-sns', 'cloudwatch.amazonaws.com');
  /** S3 event notifications (`s3.amazonaws.com`) from this account's buckets to encrypted SNS topics or SQS queues. */
  public static readonly S3_EVENT_NOTIFICATIONS = new KeyService('s3-event-notifications', 's3.amazonaws.com');
  /** SNS (`sns.amazonaws.com`) delivering this account's topics' messages to encrypted SQS queues (subscriptions, dead-letter queues). */
  public static readonly SNS_TO_SQS = new KeyService('sns-to-sqs', 'sns.amazonaws.com');
  /**
   * EBS default encryption (`AccountHardening`): the EC2 Auto Scaling, Spot and EC2 Fleet service-linked roles
   * (`AWSServiceRoleForAutoScaling`, `AWSServiceRoleForEC2Spot`, `AWSServiceRoleForEC2Fleet`) of this account may use the
   * key and create grants for AWS resources, so they can launch instances whose volumes EBS encrypts with it by default. Named by `aws:PrincipalArn` (not as the
   * Principal), so the policy is valid before the roles exist, as in a newly created account.
   */
  public static readonly EBS_DEFAULT_ENCRYPTION = new KeyService('ebs-default-encryption', 'autoscaling.amazonaws.com');

  /** The integration's name, e.g. `cloudtrail`. */
  public readonly name: string;
  /** The service principal its statements trust (`<region>` stands for the stack's region). */
  public readonly servicePrincipal: string;

  private constructor(name: string, servicePrincipal: string) {
    this.name = name;
    this.servicePrincipal = servicePrincipal;
  }
}

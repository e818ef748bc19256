import { Annotations, Names, Stack, Token } from 'aws-cdk-lib';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { trailEventSelectors } from './event-selectors';
import { Acknowledgments } from '../core/acknowledgments';
import { claimOnePerAccount } from '../core/one-per-account';
import { PropChecks } from '../core/prop-checks';
import { KeyPurpose } from '../kms/key-purpose';
import { KeyService } from '../kms/key-service';
import { KmsKeyRing } from '../kms/kms-key-ring';
import { SecureLogGroup } from '../logs/secure-log-group';
import { EncryptedBucket } from '../s3/encrypted-bucket';
import { assertDeliversWithLogsKey } from '../s3/log-delivery-bucket';

/**
 * Properties of an {@link AuditTrail}. Every prop is optional: the defaults are compliant.
 */
export interface AuditTrailProps {
  /**
   * The trail's name: 3-128 letters, digits, `.`, `_` or `-`, starting and ending with a letter or
   * digit, without adjacent `.`, `_` or `-` (`my-_trail`), not in IP address form (`192.168.5.4`).
   * Unique in the account: one AuditTrail per name and account in an App.
   *
   * @see https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_CreateTrail.html
   *
   * @default - a name unique to this construct's path
   */
  readonly trailName?: string;

  /**
   * The key ring whose logs key encrypts the trail, its bucket and its log group.
   *
   * @default - the stack's shared ring, `KmsKeyRing.of(this)`
   */
  readonly keyRing?: KmsKeyRing;

  /**
   * Where log files go. A bucket managed in this app gets the CloudTrail bucket policy; for an
   * imported bucket, grant CloudTrail in its own policy.
   *
   * @default - a new EncryptedBucket encrypted with the ring's logs key
   */
  readonly bucket?: s3.IBucket;

  /**
   * How long the trail's CloudWatch Logs copy is kept (finite: the alarms read it).
   *
   * @default logs.RetentionDays.ONE_YEAR
   */
  readonly logRetention?: logs.RetentionDays;

  /**
   * Make this an organization trail, for every account of organization `o-...`. Deploy it from the
   * management account or a CloudTrail delegated administrator.
   *
   * @default - a trail for this account only
   */
  readonly organizationId?: string;

  /**
   * The organization's management account. It owns an organization trail even when a CloudTrail
   * delegated administrator creates it, so the trail's ARN, which the bucket policy
   * (`aws:SourceArn`) and the key policy are conditioned on, names it, and the management account's
   * own log files go under `AWSLogs/<management account>/`. Set it when a delegated administrator
   * deploys the stack; when this stack's account is not known at synth time, set it anyway (a
   * warning says so otherwise). Only with `organizationId`.
   *
   * @see https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-delegated-administrator.html
   * @see https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-s3-bucket-policy-for-cloudtrail.html
   * @default - this stack's account: the stack is deployed in the management account
   */
  readonly managementAccountId?: string;

  /**
   * Log S3 data events (object-level API calls) for every bucket. Costs $0.10 per 100,000 events.
   * Cannot be combined with `s3DataEventBuckets`.
   *
   * @default false
   */
  readonly s3DataEvents?: boolean;

  /**
   * Log S3 data events for these buckets only.
   *
   * @default - none
   */
  readonly s3DataEventBuckets?: s3.IBucket[];

  /**
   * Log Lambda data events (function invocations) for every function. Costs $0.10 per 100,000 events.
   *
   * @default false
   */
  readonly lambdaDataEvents?: boolean;

  /**
   * Turn on CloudTrail Insights (unusual API call rates and error rates). Costs $0.35 per 100,000
   * write management events analyzed, per insight type (two here).
   *
   * @default false
   */
  readonly insights?: boolean;
}

/**
 * CloudTrail, the way every guide asks for it: a multi-region trail with global service events and
 * log-file validation, encrypted with the ring's logs key, delivered to an EncryptedBucket (bucket
 * policy conditioned on this trail's ARN) and to an encrypted CloudWatch log group with a retention
 * period, which SecurityAlarms watches.
 *
 * @example
 * const trail = new AuditTrail(this, 'Trail');
 * new SecurityAlarms(this, 'Alarms', { trail });
 */
export class AuditTrail extends Construct {
  /** The trail's name. */
  public readonly trailName: string;
  /** The trail's ARN. */
  public readonly trailArn: string;
  /** Where log files go. */
  public readonly bucket: s3.IBucket;
  /** The CloudWatch Logs copy of the trail (what SecurityAlarms filters). */
  public readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: AuditTrailProps = {}) {
    super(scope, id);
    const check = new PropChecks(this);
    check.satisfies('trailName', props.trailName, isTrailName,
      '3-128 letters, digits, ".", "_" or "-", starting and ending with a letter or digit, without adjacent ".", "_" or "-", and not an IP address');
    check.organizationId('organizationId', props.organizationId);
    check.matches('managementAccountId', props.managementAccountId, /^\d{12}$/, 'a 12-digit account id');
    check.requires('managementAccountId', props.managementAccountId, 'organizationId', props.organizationId);
    check.exclusive('s3DataEvents', props.s3DataEvents || undefined, 's3DataEventBuckets', props.s3DataEventBuckets);
    check.minLength('s3DataEventBuckets', props.s3DataEventBuckets, 1);
    check.finiteLogRetention('logRetention', props.logRetention);

    const stack = Stack.of(this);
    const ring = props.keyRing ?? KmsKeyRing.of(this);
    const key = ring.key(KeyPurpose.LOGS);
    // CloudTrail encrypts the log files; CloudWatch Logs encrypts the trail's log group.
    ring.enableService(KeyPurpose.LOGS, KeyService.CLOUDTRAIL);
    ring.enableService(KeyPurpose.LOGS, KeyService.CLOUDWATCH_LOGS);
    this.trailName = props.trailName ?? Names.uniqueResourceName(this, { maxLength: 128, separator: '-' });
    claimOnePerAccount(this, {
      kind: 'AuditTrail',
      name: this.trailName,
      accountWide: true,
      why: 'a multi-region trail holds its name in every region of the account, so the second would fail at deploy',
    });
    // An organization trail is owned by the management account, also when a delegated administrator creates it:
    // https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-delegated-administrator.html
    const owner = props.organizationId !== undefined ? props.managementAccountId ?? stack.account : stack.account;
    if (props.organizationId !== undefined && props.managementAccountId === undefined && Token.isUnresolved(stack.account)) {
      Annotations.of(this).addWarningV2('cdk-fortress:trailOwner',
        'organizationId is set in an environment-agnostic stack: the trail ARN assumes the deploying account is the management account; '
        + 'set managementAccountId when a CloudTrail delegated administrator deploys it');
    }
    // Built from the name, not the trail's attribute: the bucket policy must exist before the trail.
    this.trailArn = stack.formatArn({ service: 'cloudtrail', resource: 'trail', resourceName: this.trailName, account: owner });

    if (props.bucket) assertDeliversWithLogsKey(this, 'bucket', props.bucket, key);
    // CloudTrail writes its digest files with SSE-S3 by design; only it may skip the bucket's SSE-KMS key.
    this.bucket = props.bucket ?? new EncryptedBucket(this, 'Bucket', { encryptionKey: key, sseS3ServiceWriters: ['cloudtrail.amazonaws.com'] });
    this.allowDeliveryToBucket(owner, props.organizationId);
    if (owner !== stack.account) this.allowOwnerToEncrypt(key, owner);

    this.logGroup = new SecureLogGroup(this, 'Logs', { retention: props.logRetention ?? logs.RetentionDays.ONE_YEAR, encryptionKey: key });
    const logsDelivery = this.logsDelivery();

    const trail = new cloudtrail.CfnTrail(this, 'Resource', {
      trailName: this.trailName,
      s3BucketName: this.bucket.bucketName,
      kmsKeyId: key.keyArn,
      isLogging: true,
      isMultiRegionTrail: true,
      includeGlobalServiceEvents: true,
      enableLogFileValidation: true,
      isOrganizationTrail: props.organizationId !== undefined,
      cloudWatchLogsLogGroupArn: this.logGroup.logGroupArn,
      cloudWatchLogsRoleArn: logsDelivery.role.roleArn,
      advancedEventSelectors: trailEventSelectors(props),
      insightSelectors: props.insights ? [{ insightType: 'ApiCallRateInsight' }, { insightType: 'ApiErrorRateInsight' }] : undefined,
    });
    const bucketPolicy = this.bucket.policy?.node.defaultChild;
    if (bucketPolicy) trail.node.addDependency(bucketPolicy);
    // CreateTrail checks the role can write to the log group: its policy must be attached first (the role
    // itself is already ordered by the trail's reference to its ARN; cfn-lint W3005).
    trail.node.addDependency(logsDelivery.policy);
  }

  /**
   * The CloudTrail bucket policy (User Guide), conditioned on this trail's ARN; an organization trail
   * writes under the management account's and the organization's prefixes.
   *
   * @see https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-s3-bucket-policy-for-cloudtrail.html
   */
  private allowDeliveryToBucket(owner: string, organizationId: string | undefined): void {
    const cloudTrail = new iam.ServicePrincipal('cloudtrail.amazonaws.com');
    const fromThisTrail = { StringEquals: { 'aws:SourceArn': this.trailArn } };
    const prefixes = [owner, ...(organizationId ? [organizationId] : [])];
    const added = this.bucket.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'AWSCloudTrailAclCheck', principals: [cloudTrail], actions: ['s3:GetBucketAcl'], resources: [this.bucket.bucketArn], conditions: fromThisTrail,
    }));
    this.bucket.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'AWSCloudTrailWrite',
      principals: [cloudTrail],
      actions: ['s3:PutObject'],
      resources: prefixes.map((prefix) => this.bucket.arnForObjects(`AWSLogs/${prefix}/*`)),
      conditions: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', 'aws:SourceArn': this.trailArn } },
    }));
    if (!added.statementAdded) {
      Annotations.of(this).addWarningV2('cdk-fortress:trailBucketPolicy',
        'bucket is imported: grant cloudtrail.amazonaws.com s3:GetBucketAcl and s3:PutObject (AWSLogs/<account>/*) in its own policy');
    }
  }

  /**
   * A delegated administrator's stack: the ring's logs key admits CloudTrail for this trail, which the
   * management account owns (the ring's own statement admits this account's trails only).
   *
   * @see https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-kms-key-policy-for-cloudtrail.html
   */
  private allowOwnerToEncrypt(key: kms.IKey, owner: string): void {
    const added = key.addToResourcePolicy(new iam.PolicyStatement({
      principals: [new iam.ServicePrincipal('cloudtrail.amazonaws.com')],
      actions: ['kms:GenerateDataKey', 'kms:DescribeKey'],
      resources: ['*'],
      conditions: { StringEquals: { 'aws:SourceArn': this.trailArn } },
    }));
    if (!added.statementAdded) {
      Annotations.of(this).addWarningV2('cdk-fortress:trailOwnerKey',
        `the logs key is imported: allow cloudtrail.amazonaws.com kms:GenerateDataKey and kms:DescribeKey for trails of the management account ${owner} in its own policy`);
    }
  }

  /** The role CloudTrail uses to write to the log group: that log group only, in a managed policy. */
  private logsDelivery(): { role: iam.Role; policy: iam.ManagedPolicy } {
    const role = new iam.Role(this, 'LogsRole', {
      assumedBy: new iam.ServicePrincipal('cloudtrail.amazonaws.com'),
      description: 'Assumed by CloudTrail to deliver this trail to its CloudWatch log group',
    });
    const policy = new iam.ManagedPolicy(this, 'LogsPolicy', {
      description: 'Deliver this trail to its CloudWatch log group only',
      roles: [role],
      statements: [new iam.PolicyStatement({ actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [this.logGroup.logGroupArn] })],
    });
    Acknowledgments.acknowledge(role, 'Fortress-IAMRoleServiceTrustConfusedDeputy',
      'The CloudTrail User Guide\'s CloudWatch Logs delivery role trusts cloudtrail.amazonaws.com without source conditions, and '
      + 'users report delivery stopping when they are added; only a principal allowed iam:PassRole on this role can name it in a trail.');
    return { role, policy };
  }
}

/**
 * CloudTrail's trail naming rules: 3-128 letters, digits, periods, underscores and dashes, starting
 * and ending with a letter or digit, no adjacent periods, underscores or dashes (`my-_trail`,
 * `my--trail`), not in IP address form (`192.168.5.4`).
 *
 * @see https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_CreateTrail.html
 */
function isTrailName(name: string): boolean {
  return /^[A-Za-z0-9](?:[A-Za-z0-9]|[._-](?=[A-Za-z0-9])){2,127}$/.test(name) && !/^\d{1,3}(\.\d{1,3}){3}$/.test(name);
}

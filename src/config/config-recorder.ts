import { Annotations, Aws, CfnCondition, Fn, IResolvable, Stack, Token } from 'aws-cdk-lib';
import * as config from 'aws-cdk-lib/aws-config';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { FortressError } from '../core/fortress-error';
import { claimOnePerAccount } from '../core/one-per-account';
import { partitionOf, PropChecks } from '../core/prop-checks';
import { KeyPurpose } from '../kms/key-purpose';
import { KeyService } from '../kms/key-service';
import { KmsKeyRing } from '../kms/kms-key-ring';
import { EncryptedBucket } from '../s3/encrypted-bucket';
import { assertDeliversWithLogsKey } from '../s3/log-delivery-bucket';

/**
 * Properties of a {@link ConfigRecorder}. Every prop is optional.
 */
export interface ConfigRecorderProps {
  /**
   * The one region that records global resource types (IAM users, roles, policies...), so
   * they are not recorded, and billed, once per region: a region aws-cdk-lib's region-info knows,
   * in this stack's partition.
   *
   * @default - this stack's region
   */
  readonly globalResourcesRegion?: string;

  /**
   * Record changes once a day instead of continuously (cheaper, less timely).
   *
   * @default false - continuous recording
   */
  readonly dailyRecording?: boolean;

  /**
   * Where configuration snapshots and history go. A bucket managed in this app gets the AWS
   * Config bucket policy; for an imported one, grant config.amazonaws.com in its own policy.
   *
   * @default - a new EncryptedBucket encrypted with the ring's logs key
   */
  readonly bucket?: s3.IBucket;

  /**
   * The key ring whose logs key encrypts delivered files.
   *
   * @default - the stack's shared ring, `KmsKeyRing.of(this)`
   */
  readonly keyRing?: KmsKeyRing;

  /**
   * Create AWS Config's service-linked role (AWSServiceRoleForConfig). It exists in every account
   * where AWS Config was ever turned on, and creating it again fails: set this only for a fresh account.
   *
   * @default false - use the existing service-linked role
   */
  readonly createServiceLinkedRole?: boolean;

  /**
   * Adopt the recorder that already exists in this account and region (there can be only one):
   * nothing is created, and constructs that need a recorder (SecurityHubBaseline) can still depend on this one.
   *
   * @default - a recorder and delivery channel are created
   */
  readonly existingRecorderName?: string;
}

/**
 * AWS Config, recording every supported resource type (global types in one region only),
 * continuously, with the service-linked role (not a role with AWS managed policies), delivering to
 * an EncryptedBucket under the ring's logs key. Security Hub's controls need it.
 *
 * @example
 * new ConfigRecorder(this, 'Config', { globalResourcesRegion: 'eu-west-1' });
 */
export class ConfigRecorder extends Construct {
  /** The recorder's name. */
  public readonly recorderName: string;
  /** Where delivered files go (undefined when an existing recorder is adopted). */
  public readonly bucket?: s3.IBucket;

  constructor(scope: Construct, id: string, props: ConfigRecorderProps = {}) {
    super(scope, id);
    const check = new PropChecks(this);
    check.knownRegion('globalResourcesRegion', props.globalResourcesRegion, partitionOf(Stack.of(this)));
    check.matches('existingRecorderName', props.existingRecorderName, /^[A-Za-z0-9._-]{1,256}$/, 'a recorder name (1-256 letters, digits, ".", "_" or "-")');
    if (props.existingRecorderName !== undefined) {
      const deliverySettings = { bucket: props.bucket, dailyRecording: props.dailyRecording, createServiceLinkedRole: props.createServiceLinkedRole };
      for (const [prop, value] of Object.entries(deliverySettings)) {
        if (value !== undefined) throw FortressError.invalidProp(this, prop, 'cannot be combined with existingRecorderName (an adopted recorder is left as it is)');
      }
      this.recorderName = props.existingRecorderName;
      this.node.addMetadata('cdk-fortress:adopted-config-recorder', this.recorderName);
      return;
    }

    claimOnePerAccount(this, {
      kind: 'ConfigRecorder',
      why: 'AWS Config has one customer-managed recorder and one delivery channel per account and region, so the second would fail '
        + 'at deploy (adopt the existing one with existingRecorderName)',
    });
    const stack = Stack.of(this);
    const ring = props.keyRing ?? KmsKeyRing.of(this);
    const key = ring.key(KeyPurpose.LOGS);
    ring.enableService(KeyPurpose.LOGS, KeyService.CONFIG_DELIVERY);
    if (props.bucket) assertDeliversWithLogsKey(this, 'bucket', props.bucket, key);
    const bucket = props.bucket ?? new EncryptedBucket(this, 'Bucket', { encryptionKey: key });
    this.bucket = bucket;
    allowConfigDelivery(this, bucket);

    const serviceLinkedRole = props.createServiceLinkedRole
      ? new iam.CfnServiceLinkedRole(this, 'ServiceLinkedRole', { awsServiceName: 'config.amazonaws.com' })
      : undefined;
    const recorder = new config.CfnConfigurationRecorder(this, 'Resource', {
      roleArn: `arn:${Aws.PARTITION}:iam::${stack.account}:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig`,
      recordingGroup: { allSupported: true, includeGlobalResourceTypes: this.recordsGlobalTypes(props.globalResourcesRegion) },
      recordingMode: { recordingFrequency: props.dailyRecording ? 'DAILY' : 'CONTINUOUS' },
    });
    if (serviceLinkedRole) recorder.node.addDependency(serviceLinkedRole);
    this.recorderName = recorder.ref;

    const channel = new config.CfnDeliveryChannel(this, 'DeliveryChannel', {
      s3BucketName: bucket.bucketName,
      s3KmsKeyArn: key.keyArn,
      configSnapshotDeliveryProperties: { deliveryFrequency: 'TwentyFour_Hours' },
    });
    channel.node.addDependency(recorder);
    const bucketPolicy = bucket.policy?.node.defaultChild;
    if (bucketPolicy) channel.node.addDependency(bucketPolicy);
  }

  /** Whether this region records global resource types: a literal comparison, or a deploy-time condition. */
  private recordsGlobalTypes(globalResourcesRegion: string | undefined): boolean | IResolvable {
    const region = Stack.of(this).region;
    if (globalResourcesRegion === undefined) return true;
    if (!Token.isUnresolved(region)) return region === globalResourcesRegion;
    const isHome = new CfnCondition(this, 'RecordsGlobalResourceTypes', { expression: Fn.conditionEquals(Aws.REGION, globalResourcesRegion) });
    return Fn.conditionIf(isHome.logicalId, true, false);
  }
}

/** AWS Config's bucket policy (AWS Config Developer Guide), for this account's recorder only. */
function allowConfigDelivery(scope: Construct, bucket: s3.IBucket): void {
  const account = Stack.of(scope).account;
  const configService = new iam.ServicePrincipal('config.amazonaws.com');
  const fromThisAccount = { StringEquals: { 'aws:SourceAccount': account } };
  const added = bucket.addToResourcePolicy(new iam.PolicyStatement({
    sid: 'AWSConfigBucketPermissionsCheck', principals: [configService], actions: ['s3:GetBucketAcl', 's3:ListBucket'], resources: [bucket.bucketArn], conditions: fromThisAccount,
  }));
  bucket.addToResourcePolicy(new iam.PolicyStatement({
    sid: 'AWSConfigBucketDelivery',
    principals: [configService],
    actions: ['s3:PutObject'],
    resources: [bucket.arnForObjects(`AWSLogs/${account}/Config/*`)],
    conditions: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', 'aws:SourceAccount': account } },
  }));
  if (!added.statementAdded) {
    Annotations.of(scope).addWarningV2('cdk-fortress:configBucketPolicy',
      'bucket is imported: grant config.amazonaws.com s3:GetBucketAcl, s3:ListBucket and s3:PutObject (AWSLogs/<account>/Config/*) in its own policy');
  }
}

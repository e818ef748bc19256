import { Duration, FileAssetSource, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct, IConstruct } from 'constructs';
import { copyAsset } from './organizations-sdk-calls';
import { Acknowledgments } from '../core/acknowledgments';
import { dedicatedCustomResource } from '../core/dedicated-custom-resource';
import { renderedProperties, renderedResource } from '../core/rendered';
import { RuleGroup } from '../core/rule-group';
import { AccessLogsBucket } from '../s3/access-logs-bucket';
import { logToStackAccessLogsBucket, sseS3BucketProps } from '../s3/sse-s3-bucket';

/** Properties of a {@link BaselineAssetBucket}. */
export interface BaselineAssetBucketProps {
  /** `<prefix>-<account>-<region>`, as the baseline's BaselineStackSynthesizer addresses it. */
  readonly bucketName: string;
  /** The organization whose principals may read the assets. */
  readonly organizationId: string;
}

/**
 * The bucket, in one region of the management (or delegated administrator) account, from which every member
 * account's StackSet instances in that region take the baseline's file assets (Lambda reads function code only from a
 * bucket of its own region, of any account: https://docs.aws.amazon.com/lambda/latest/api/API_FunctionCode.html).
 *
 * Readable (`s3:GetObject` only) by principals of the organization, TLS only, public access blocked, versioned,
 * server access logs on, retained. Its name includes the account id and is created by CloudFormation: if anyone else
 * holds that name, the creation fails and nothing is rolled out. Assets reach it by S3 `CopyObject` from the stack's
 * CDK bootstrap bucket, with both buckets' expected owner set to this account.
 */
export class BaselineAssetBucket extends Construct {
  public readonly bucket: s3.Bucket;
  /** The organization that reads the assets. */
  public readonly organizationId: string;
  private readonly copies = new Set<string>();

  constructor(scope: Construct, id: string, props: BaselineAssetBucketProps) {
    super(scope, id);
    this.organizationId = props.organizationId;
    this.bucket = new s3.Bucket(this, 'Resource', sseS3BucketProps({
      bucketName: props.bucketName,
      lifecycleRuleId: 'ExpireReplacedAssets',
      // Current objects never expire: a stack instance may reference them as long as the StackSet exists.
      noncurrentVersionExpiration: Duration.days(90),
    }));
    this.bucket.applyRemovalPolicy(RemovalPolicy.RETAIN);
    logToStackAccessLogsBucket(this.bucket);
    const organizationRead = new iam.PolicyStatement({
      sid: 'OrganizationReadsBaselineAssets',
      principals: [new iam.OrganizationPrincipal(props.organizationId)],
      actions: ['s3:GetObject'],
      resources: [this.bucket.arnForObjects('*')],
    });
    this.bucket.addToResourcePolicy(organizationRead);
    acknowledgeOrganizationReadable(this.bucket);
    this.node.addValidation({ validate: () => this.renderedProblems(props.bucketName, organizationRead) });
  }

  /**
   * The bucket and its policy as CloudFormation will receive them, escape hatches included: the name the baseline's
   * templates address (another name would leave that one to whoever claims it), retained, and no Allow but the
   * organization's read (an outsider allowed to write could replace the code every member account runs). No other
   * bucket policy in this stack, which could replace this one.
   */
  private renderedProblems(bucketName: string, organizationRead: iam.PolicyStatement): string[] {
    const stack = Stack.of(this);
    const problems: string[] = [];
    const bucket = renderedResource(this.bucket.node.defaultChild!);
    if (bucket.Properties?.BucketName !== bucketName) problems.push(`its name must stay ${bucketName}, the name the baseline's templates read from`);
    if (bucket.DeletionPolicy !== 'Retain' || bucket.UpdateReplacePolicy !== 'Retain') problems.push('it must be retained: a deleted name can be claimed by anyone');
    const policy = this.bucket.policy!.node.defaultChild as s3.CfnBucketPolicy;
    const statements = [renderedProperties(policy).PolicyDocument?.Statement ?? []].flat();
    const allows = statements.filter((st: any) => st?.Effect !== 'Deny');
    if (allows.length !== 1 || JSON.stringify(allows[0]) !== JSON.stringify(stack.resolve(organizationRead.toStatementJson()))) {
      problems.push('its policy may allow nothing but s3:GetObject to principals of the organization');
    }
    const others = stack.node.findAll().filter((c) => c instanceof s3.CfnBucketPolicy && c !== policy && !isAccessLogsPolicy(c));
    if (others.length > 0) problems.push(`no other bucket policy may be in its stack (${others.map((c) => c.node.path).join(', ')}): it could replace this one`);
    return problems.map((p) => `[cdk-fortress] ${this.node.path}: the baseline asset bucket ${p}`);
  }

  /** Copies a file asset of the baseline into this bucket under `objectKey` (once per key). */
  public addAsset(source: FileAssetSource, objectKey: string): void {
    if (this.copies.has(objectKey)) return;
    this.copies.add(objectKey);
    const stack = Stack.of(this);
    // Published by the CDK toolkit to this stack's bootstrap bucket, in this account and region, before the stack deploys.
    const staged = stack.synthesizer.addFileAsset(source);
    const call: cr.AwsSdkCall = {
      service: 'S3',
      action: 'copyObject',
      parameters: copyAsset(staged.bucketName, staged.objectKey, this.bucket.bucketName, objectKey, stack.account),
      physicalResourceId: cr.PhysicalResourceId.of(objectKey),
    };
    const copy = dedicatedCustomResource(this, `Copy${source.sourceHash.slice(0, 16)}`, {
      description: `Copies the baseline asset ${objectKey} into ${this.bucket.node.path}`,
      onCreate: call,
      // A new asset has a new key and so a new copy; an update only repeats the copy (e.g. after the object was removed).
      onUpdate: call,
      statements: [
        new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: [`arn:${stack.partition}:s3:::${staged.bucketName}/${staged.objectKey}`] }),
        new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: [this.bucket.arnForObjects(objectKey)] }),
      ],
    });
    copy.node.addDependency(this.bucket.policy!);
  }
}

function isAccessLogsPolicy(c: IConstruct): boolean {
  return c.node.scope instanceof s3.BucketPolicy && c.node.scope.node.scope instanceof AccessLogsBucket;
}

function acknowledgeOrganizationReadable(bucket: s3.Bucket): void {
  Acknowledgments.acknowledgeGroup(bucket, RuleGroup.S3_KMS_ENCRYPTION,
    'Every member account\'s StackSet instance has Lambda read custom-resource handler code from this bucket; with SSE-KMS, the key '
    + 'policy would have to let the whole organization decrypt. The code is aws-cdk-lib\'s and the library\'s published handlers, no '
    + 'data; it is encrypted at rest with SSE-S3 (AES-256), and the bucket refuses plain HTTP and anything but reads from the organization.');
  Acknowledgments.acknowledgeGroup(bucket, RuleGroup.S3_REPLICATION,
    'This bucket is itself one regional copy: OrganizationBaseline creates one in every target region and copies every asset into each; '
    + 'the source of truth is the CDK app, which republishes them at every deployment.');
  Acknowledgments.acknowledgeGroup(bucket, RuleGroup.S3_OBJECT_LOCK,
    'Objects are content-addressed (their key is their hash) and rewritten only with identical bytes; versioning keeps any overwritten '
    + 'version for 90 days. Object Lock would keep superseded handler code undeletable for nothing.');
}

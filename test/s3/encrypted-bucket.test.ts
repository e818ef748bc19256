import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3n from 'aws-cdk-lib/aws-s3-notifications';
import * as sns from 'aws-cdk-lib/aws-sns';
import { AccessLogsBucket, EncryptedBucket, KeyPurpose, KmsKeyRing } from '../../src';
import { propertyTestStack } from '../compliance';

function bucketResource(stack: Stack, id: string): any {
  const cfn = stack.node.findChild(id).node.defaultChild as s3.CfnBucket;
  return Template.fromStack(stack).toJSON().Resources[stack.getLogicalId(cfn)];
}

function policyStatements(stack: Stack, bucketId: string): any[] {
  const bucket = stack.node.findChild(bucketId) as s3.Bucket;
  const policyId = stack.getLogicalId(bucket.policy!.node.defaultChild as s3.CfnBucketPolicy);
  return Template.fromStack(stack).toJSON().Resources[policyId].Properties.PolicyDocument.Statement;
}

describe('EncryptedBucket defaults', () => {
  const stack = propertyTestStack();
  new EncryptedBucket(stack, 'Data');
  const ringKey = stack.getLogicalId(KmsKeyRing.of(stack).key(KeyPurpose.DATA).node.defaultChild as kms.CfnKey);
  const logs = stack.getLogicalId(AccessLogsBucket.of(stack).node.defaultChild as s3.CfnBucket);
  const resource = bucketResource(stack, 'Data');

  test('SSE-KMS with the ring\'s data key and S3 Bucket Keys', () => {
    expect(resource.Properties.BucketEncryption).toEqual({
      ServerSideEncryptionConfiguration: [{
        BucketKeyEnabled: true,
        ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: { 'Fn::GetAtt': [ringKey, 'Arn'] } },
      }],
    });
  });

  test('all public access blocked, ACLs disabled, versioned, retained', () => {
    expect(resource.Properties).toMatchObject({
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
      VersioningConfiguration: { Status: 'Enabled' },
    });
    expect(resource.DeletionPolicy).toBe('Retain');
    expect(resource.UpdateReplacePolicy).toBe('Retain');
  });

  test('lifecycle aborts incomplete uploads after 7 days and expires noncurrent versions after 90', () => {
    expect(resource.Properties.LifecycleConfiguration.Rules).toEqual([{
      Id: 'FortressDefaults',
      Status: 'Enabled',
      AbortIncompleteMultipartUpload: { DaysAfterInitiation: 7 },
      NoncurrentVersionExpiration: { NoncurrentDays: 90 },
      ExpiredObjectDeleteMarker: true,
    }]);
  });

  test('server access logs go to the stack\'s access-logs bucket under the bucket\'s own prefix', () => {
    expect(resource.Properties.LoggingConfiguration).toEqual({ DestinationBucketName: { Ref: logs }, LogFilePrefix: 'StackData45636290/' });
  });

  test('EventBridge notifications on, natively on the bucket: no notifications custom resource, no Lambda', () => {
    expect(resource.Properties.NotificationConfiguration).toEqual({ EventBridgeConfiguration: { EventBridgeEnabled: true } });
    const template = Template.fromStack(stack);
    template.resourceCountIs('Custom::S3BucketNotifications', 0);
    template.resourceCountIs('AWS::Lambda::Function', 0);
  });

  test('bucket policy: TLS required, TLS < 1.2 denied, other encryption, other keys, the AWS managed key and SSE-C denied', () => {
    const statements = policyStatements(stack, 'Data');
    const deny = (match: object) => expect(statements).toContainEqual(expect.objectContaining({ Effect: 'Deny', Principal: { AWS: '*' }, ...match }));
    deny({ Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } });
    deny({ Action: 's3:*', Condition: { NumericLessThan: { 's3:TlsVersion': 1.2 } } });
    deny({ Sid: 'DenyOtherEncryptionAlgorithms', Action: 's3:PutObject', Condition: { StringNotEqualsIfExists: { 's3:x-amz-server-side-encryption': 'aws:kms' } } });
    deny({
      Sid: 'DenyOtherKmsKeys',
      Action: 's3:PutObject',
      Condition: { StringNotEqualsIfExists: { 's3:x-amz-server-side-encryption-aws-kms-key-id': { 'Fn::GetAtt': [ringKey, 'Arn'] } } },
    });
    deny({
      Sid: 'DenyAwsManagedKey',
      Action: 's3:PutObject',
      Condition: { Null: { 's3:x-amz-server-side-encryption': 'false', 's3:x-amz-server-side-encryption-aws-kms-key-id': 'true' } },
    });
    deny({ Sid: 'DenyCustomerProvidedKeys', Action: 's3:PutObject', Condition: { Null: { 's3:x-amz-server-side-encryption-customer-algorithm': 'false' } } });
    expect(statements.filter((s) => s.Effect === 'Allow')).toEqual([]);
  });
});

describe('sharing', () => {
  test('ten buckets in a stack share one data key and one access-logs bucket', () => {
    const stack = propertyTestStack();
    for (let i = 0; i < 10; i++) new EncryptedBucket(stack, `Bucket${i}`);
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::KMS::Key', 1);
    template.resourceCountIs('AWS::S3::Bucket', 11);
    const logStatements = policyStatements(stack, 'FortressAccessLogs').filter((s) => s.Effect === 'Allow');
    expect(logStatements).toHaveLength(10);
  });
});

describe('AccessLogsBucket', () => {
  const stack = propertyTestStack();
  const source = new EncryptedBucket(stack, 'Data');
  const resource = bucketResource(stack, 'FortressAccessLogs');

  test('SSE-S3 (the only default encryption S3 log delivery supports), hardened and expiring after a year', () => {
    expect(resource.Properties).toMatchObject({
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
      VersioningConfiguration: { Status: 'Enabled' },
      LifecycleConfiguration: { Rules: [expect.objectContaining({ ExpirationInDays: 365, NoncurrentVersionExpiration: { NoncurrentDays: 365 } })] },
    });
    expect(resource.Properties.LoggingConfiguration).toBeUndefined();
    expect(resource.DeletionPolicy).toBe('Retain');
  });

  test('log delivery is allowed by bucket policy, for each source bucket and this account only', () => {
    const allow = policyStatements(stack, 'FortressAccessLogs').filter((s) => s.Effect === 'Allow');
    expect(allow).toEqual([{
      Effect: 'Allow',
      Principal: { Service: 'logging.s3.amazonaws.com' },
      Action: 's3:PutObject',
      Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [stack.getLogicalId(AccessLogsBucket.of(stack).node.defaultChild as s3.CfnBucket), 'Arn'] }, '/StackData45636290/*']] },
      Condition: {
        ArnLike: { 'aws:SourceArn': { 'Fn::GetAtt': [stack.getLogicalId(source.node.defaultChild as s3.CfnBucket), 'Arn'] } },
        StringEquals: { 'aws:SourceAccount': '111122223333' },
      },
    }]);
    const denies = policyStatements(stack, 'FortressAccessLogs').filter((s) => s.Effect === 'Deny');
    expect(denies.map((s) => Object.keys(s.Condition)[0]).sort()).toEqual(['Bool', 'NumericLessThan']);
  });

  test('expiration is configurable', () => {
    const other = propertyTestStack();
    new AccessLogsBucket(other, 'Logs', { expiration: Duration.days(2555) });
    Template.fromStack(other).hasResourceProperties('AWS::S3::Bucket', {
      LifecycleConfiguration: { Rules: [Match.objectLike({ ExpirationInDays: 2555 })] },
    });
  });
});

describe('EncryptedBucket options', () => {
  test('a key of your own, or another key ring', () => {
    const stack = propertyTestStack();
    const key = new kms.Key(stack, 'Own', { enableKeyRotation: true });
    const bucket = new EncryptedBucket(stack, 'WithKey', { encryptionKey: key });
    const ring = new KmsKeyRing(stack, 'Ring');
    const ringBucket = new EncryptedBucket(stack, 'WithRing', { keyRing: ring });
    expect(bucket.encryptionKey).toBe(key);
    expect(ringBucket.encryptionKey).toBe(ring.key(KeyPurpose.DATA));
    expect(KmsKeyRing.of(stack).purposes).toEqual([]);
  });

  test('DSSE-KMS: dual-layer, without Bucket Keys (unsupported), with the matching upload deny', () => {
    const stack = propertyTestStack();
    new EncryptedBucket(stack, 'Data', { encryption: s3.BucketEncryption.DSSE });
    const config = bucketResource(stack, 'Data').Properties.BucketEncryption.ServerSideEncryptionConfiguration[0];
    expect(config.ServerSideEncryptionByDefault.SSEAlgorithm).toBe('aws:kms:dsse');
    expect(config.BucketKeyEnabled).toBe(false);
    expect(policyStatements(stack, 'Data')).toContainEqual(expect.objectContaining({
      Sid: 'DenyOtherEncryptionAlgorithms', Condition: { StringNotEqualsIfExists: { 's3:x-amz-server-side-encryption': 'aws:kms:dsse' } },
    }));
  });

  test('lifecycle settings, intelligent tiering and extra rules', () => {
    const stack = propertyTestStack();
    new EncryptedBucket(stack, 'Data', {
      noncurrentVersionExpiration: Duration.days(365),
      noncurrentVersionsToRetain: 5,
      abortIncompleteMultipartUploadAfter: Duration.days(2),
      intelligentTiering: true,
      lifecycleRules: [{ id: 'ExpireTmp', prefix: 'tmp/', expiration: Duration.days(1) }],
    });
    expect(bucketResource(stack, 'Data').Properties.LifecycleConfiguration.Rules).toEqual([
      expect.objectContaining({
        AbortIncompleteMultipartUpload: { DaysAfterInitiation: 2 },
        NoncurrentVersionExpiration: { NoncurrentDays: 365, NewerNoncurrentVersions: 5 },
      }),
      expect.objectContaining({ Id: 'IntelligentTiering', Transitions: [{ StorageClass: 'INTELLIGENT_TIERING', TransitionInDays: 0 }] }),
      expect.objectContaining({ Id: 'ExpireTmp', Prefix: 'tmp/', ExpirationInDays: 1 }),
    ]);
  });

  test('Object Lock with a default retention', () => {
    const stack = propertyTestStack();
    new EncryptedBucket(stack, 'Data', { objectLockMode: s3.ObjectLockMode.COMPLIANCE, objectLockRetention: Duration.days(365) });
    expect(bucketResource(stack, 'Data').Properties).toMatchObject({
      ObjectLockEnabled: true,
      ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 365 } } },
    });
  });

  test('replication: every object and delete marker, re-encrypted with the destination key, by a least-privilege role', () => {
    const stack = propertyTestStack();
    const replicaKey = new kms.Key(stack, 'ReplicaKey', { enableKeyRotation: true });
    const replica = new EncryptedBucket(stack, 'Replica', { encryptionKey: replicaKey });
    new EncryptedBucket(stack, 'Data', { replicationDestination: replica, replicationDestinationKey: replicaKey });
    const replication = bucketResource(stack, 'Data').Properties.ReplicationConfiguration;
    expect(replication.Rules).toEqual([{
      Id: 'ReplicateEverything',
      Status: 'Enabled',
      Priority: 0,
      Filter: { Prefix: '' },
      DeleteMarkerReplication: { Status: 'Enabled' },
      SourceSelectionCriteria: { SseKmsEncryptedObjects: { Status: 'Enabled' } },
      Destination: {
        Bucket: { 'Fn::GetAtt': [stack.getLogicalId(replica.node.defaultChild as s3.CfnBucket), 'Arn'] },
        EncryptionConfiguration: { ReplicaKmsKeyID: { 'Fn::GetAtt': [stack.getLogicalId(replicaKey.node.defaultChild as kms.CfnKey), 'Arn'] } },
      },
    }]);
    const template = Template.fromStack(stack);
    const inline = JSON.stringify(template.findResources('AWS::IAM::Policy'));
    expect(inline).not.toContain('ReplicationRole'); // the replication policy is customer-managed, never inline
    const managed = Object.values<any>(template.findResources('AWS::IAM::ManagedPolicy'));
    expect(managed).toHaveLength(1);
    const statements = managed[0].Properties.PolicyDocument.Statement;
    const actions = statements.flatMap((s: any) => [s.Action].flat());
    expect(actions.filter((a: string) => a.includes('*'))).toEqual([]);
    expect(actions).toEqual(expect.arrayContaining(['s3:ReplicateObject', 's3:GetObjectVersionForReplication', 'kms:Decrypt', 'kms:Encrypt']));
    const viaService = statements.filter((s: any) => String(s.Action).startsWith('kms:')).map((s: any) => [s.Action, s.Condition.StringLike['kms:ViaService']]);
    expect(viaService).toEqual([['kms:Decrypt', 's3.eu-west-1.amazonaws.com'], [['kms:Encrypt', 'kms:GenerateDataKey'], 's3.*.amazonaws.com']]);
  });

  test('DESTROY with autoDeleteObjects, both explicit: deleted with the stack, acknowledged and warned about', () => {
    const stack = propertyTestStack();
    new EncryptedBucket(stack, 'Data', { removalPolicy: RemovalPolicy.DESTROY, autoDeleteObjects: true });
    expect(bucketResource(stack, 'Data').DeletionPolicy).toBe('Delete');
    Template.fromStack(stack).resourceCountIs('Custom::S3AutoDeleteObjects', 1);
    Annotations.fromStack(stack).hasWarning('/Stack/Data', Match.stringLikeRegexp('removalPolicy destroy was set explicitly'));
  });

  test('EventBridge off, a custom prefix and a log bucket of your own', () => {
    const stack = propertyTestStack();
    const logs = new AccessLogsBucket(stack, 'CentralLogs');
    new EncryptedBucket(stack, 'Data', { eventBridgeEnabled: false, serverAccessLogsBucket: logs, serverAccessLogsPrefix: 'data/' });
    const template = Template.fromStack(stack);
    template.resourceCountIs('Custom::S3BucketNotifications', 0);
    expect(bucketResource(stack, 'Data').Properties.NotificationConfiguration).toBeUndefined();
    expect(bucketResource(stack, 'Data').Properties.LoggingConfiguration.LogFilePrefix).toBe('data/');
    expect(stack.node.tryFindChild('FortressAccessLogs')).toBeUndefined();
  });

  test('an imported log bucket works, with a warning to grant delivery there', () => {
    const stack = propertyTestStack();
    new EncryptedBucket(stack, 'Data', { serverAccessLogsBucket: s3.Bucket.fromBucketName(stack, 'Central', 'central-access-logs') });
    expect(bucketResource(stack, 'Data').Properties.LoggingConfiguration.DestinationBucketName).toBe('central-access-logs');
    Annotations.fromStack(stack).hasWarning('/Stack/Data', Match.stringLikeRegexp('grant logging.s3.amazonaws.com'));
  });

  test('a dotted bucket name is allowed with a warning', () => {
    const stack = propertyTestStack();
    new EncryptedBucket(stack, 'Data', { bucketName: 'my.data.bucket' });
    Annotations.fromStack(stack).hasWarning('/Stack/Data', Match.stringLikeRegexp('bucketName contains dots'));
  });
});

describe('access logs across stacks', () => {
  test('a central AccessLogsBucket in another stack: no cyclic reference, delivery allowed for this account\'s buckets', () => {
    const app = propertyTestStack().node.root as any;
    const central = new Stack(app, 'Logs', { env: { account: '111122223333', region: 'eu-west-1' } });
    const logs = new AccessLogsBucket(central, 'Central');
    const workload = new Stack(app, 'Workload', { env: { account: '111122223333', region: 'eu-west-1' } });
    new EncryptedBucket(workload, 'A', { serverAccessLogsBucket: logs });
    new EncryptedBucket(workload, 'B', { serverAccessLogsBucket: logs });
    const allow = policyStatements(central, 'Central').filter((st) => st.Effect === 'Allow');
    expect(allow).toEqual([expect.objectContaining({
      Sid: 'AllowLogDeliveryFromThisAccountBuckets',
      Condition: {
        ArnLike: { 'aws:SourceArn': { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:::*']] } },
        StringEquals: { 'aws:SourceAccount': '111122223333' },
      },
    })]);
    expect(() => Template.fromStack(workload)).not.toThrow();
  });
});

describe('grants', () => {
  test('grantRead includes decrypt on the bucket key; grantPut writes and encrypts without any delete', () => {
    const stack = propertyTestStack();
    const bucket = new EncryptedBucket(stack, 'Data');
    const reader = new iam.Role(stack, 'Reader', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    const writer = new iam.Role(stack, 'Writer', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    bucket.grantRead(reader);
    bucket.grantPut(writer);
    const policies = Object.values<any>(Template.fromStack(stack).findResources('AWS::IAM::Policy'));
    const actionsOf = (role: string) => policies.filter((p) => JSON.stringify(p.Properties.Roles).includes(role))
      .flatMap((p) => p.Properties.PolicyDocument.Statement).flatMap((s: any) => [s.Action].flat());
    expect(actionsOf('Reader')).toEqual(expect.arrayContaining(['s3:GetObject*', 'kms:Decrypt']));
    expect(actionsOf('Writer')).toEqual(expect.arrayContaining(['s3:PutObject', 'kms:GenerateDataKey*', 'kms:Encrypt']));
    expect(actionsOf('Writer').filter((a: string) => /Delete/i.test(a))).toEqual([]);
  });
});

describe('notifications', () => {
  function notificationsResource(stack: Stack): any {
    const resources = Template.fromStack(stack).findResources('Custom::S3BucketNotifications');
    expect(Object.keys(resources)).toHaveLength(1);
    return Object.values<any>(resources)[0];
  }

  function handlerPolicyActions(stack: Stack): string[] {
    const policies = Template.fromStack(stack).findResources('AWS::IAM::Policy');
    return Object.values<any>(policies).flatMap((p) => p.Properties.PolicyDocument.Statement.flatMap((st: any) => st.Action));
  }

  test('GIVEN an SNS notification added to a bucket with EventBridge THEN the custom resource carries both, unmanaged, and the bucket none', () => {
    const stack = propertyTestStack();
    const bucket = new EncryptedBucket(stack, 'Data');
    bucket.addEventNotification(s3.EventType.OBJECT_CREATED, new s3n.SnsDestination(new sns.Topic(stack, 'Uploads')));

    expect(bucketResource(stack, 'Data').Properties.NotificationConfiguration).toBeUndefined();
    const custom = notificationsResource(stack);
    expect(custom.Properties.Managed).toBe(false);
    expect(custom.Properties.NotificationConfiguration).toEqual({
      EventBridgeConfiguration: {},
      TopicConfigurations: [expect.objectContaining({ Events: ['s3:ObjectCreated:*'] })],
    });
    // Unmanaged mode reads the current configuration to merge with it.
    expect(handlerPolicyActions(stack).sort()).toEqual(['s3:GetBucketNotification', 's3:PutBucketNotification']);
    Template.fromStack(stack).resourceCountIs('AWS::Lambda::Function', 1);
  });

  test('GIVEN an SNS notification and EventBridge off THEN aws-cdk-lib\'s managed custom resource, unchanged', () => {
    const stack = propertyTestStack();
    const bucket = new EncryptedBucket(stack, 'Data', { eventBridgeEnabled: false });
    bucket.addObjectRemovedNotification(new s3n.SnsDestination(new sns.Topic(stack, 'Removals')));

    expect(bucketResource(stack, 'Data').Properties.NotificationConfiguration).toBeUndefined();
    const custom = notificationsResource(stack);
    expect(custom.Properties.Managed).toBe(true);
    expect(custom.Properties.NotificationConfiguration.EventBridgeConfiguration).toBeUndefined();
    expect(handlerPolicyActions(stack)).toEqual(['s3:PutBucketNotification']);
  });

  test('GIVEN EventBridge enabled after an SNS notification THEN the custom resource carries it, the bucket does not', () => {
    const stack = propertyTestStack();
    const bucket = new EncryptedBucket(stack, 'Data', { eventBridgeEnabled: false });
    bucket.addEventNotification(s3.EventType.OBJECT_CREATED, new s3n.SnsDestination(new sns.Topic(stack, 'Uploads')));
    bucket.enableEventBridgeNotification();

    expect(bucketResource(stack, 'Data').Properties.NotificationConfiguration).toBeUndefined();
    expect(notificationsResource(stack).Properties.NotificationConfiguration.EventBridgeConfiguration).toEqual({});
  });

  test('GIVEN EventBridge off WHEN enableEventBridgeNotification() THEN native on the bucket, no Lambda', () => {
    const stack = propertyTestStack();
    const bucket = new EncryptedBucket(stack, 'Data', { eventBridgeEnabled: false });
    bucket.enableEventBridgeNotification();

    expect(bucketResource(stack, 'Data').Properties.NotificationConfiguration).toEqual({ EventBridgeConfiguration: { EventBridgeEnabled: true } });
    Template.fromStack(stack).resourceCountIs('AWS::Lambda::Function', 0);
  });

  test('GIVEN ten buckets THEN no notifications Lambda and no per-bucket notification resources', () => {
    const stack = propertyTestStack();
    for (let i = 0; i < 10; i++) new EncryptedBucket(stack, `Data${i}`);
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::Lambda::Function', 0);
    template.resourceCountIs('AWS::IAM::Policy', 0);
    template.resourceCountIs('Custom::S3BucketNotifications', 0);
  });
});

import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3n from 'aws-cdk-lib/aws-s3-notifications';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as fc from 'fast-check';
import { EncryptedBucketProps, EncryptedBucket, KeyPurpose, KmsKeyRing } from '../../src';
import { complianceTestStack, expectCompliant } from '../compliance';

/** The acknowledgments an EncryptedBucket with defaults makes, and where (documented in the README). */
const DEFAULT_ACKNOWLEDGMENTS = [
  'Stack/Data HIPAA.Security-S3BucketReplicationEnabled',
  'Stack/Data NIST.800.53.R4-S3BucketDefaultLockEnabled',
  'Stack/Data NIST.800.53.R4-S3BucketReplicationEnabled',
  'Stack/Data NIST.800.53.R5-S3BucketReplicationEnabled',
  'Stack/Data PCI.DSS.321-S3BucketReplicationEnabled',
  'Stack/FortressAccessLogs AwsSolutions-S1',
  'Stack/FortressAccessLogs Fortress-S3BucketKmsEncrypted',
  'Stack/FortressAccessLogs HIPAA.Security-S3BucketLoggingEnabled',
  'Stack/FortressAccessLogs HIPAA.Security-S3BucketReplicationEnabled',
  'Stack/FortressAccessLogs HIPAA.Security-S3DefaultEncryptionKMS',
  'Stack/FortressAccessLogs NIST.800.53.R4-S3BucketDefaultLockEnabled',
  'Stack/FortressAccessLogs NIST.800.53.R4-S3BucketLoggingEnabled',
  'Stack/FortressAccessLogs NIST.800.53.R4-S3BucketReplicationEnabled',
  'Stack/FortressAccessLogs NIST.800.53.R5-S3BucketLoggingEnabled',
  'Stack/FortressAccessLogs NIST.800.53.R5-S3BucketReplicationEnabled',
  'Stack/FortressAccessLogs NIST.800.53.R5-S3DefaultEncryptionKMS',
  'Stack/FortressAccessLogs PCI.DSS.321-S3BucketLoggingEnabled',
  'Stack/FortressAccessLogs PCI.DSS.321-S3BucketReplicationEnabled',
  'Stack/FortressAccessLogs PCI.DSS.321-S3DefaultEncryptionKMS',
];

const ids = (acks: Array<{ constructPath: string; ruleId: string }>) => acks.map((a) => `${a.constructPath} ${a.ruleId}`);

describe('EncryptedBucket compliance (all six cdk-nag packs + FortressChecks + CloudFormation validation)', () => {
  test('GIVEN no props THEN no unacknowledged error, and exactly the documented acknowledgments', () => {
    const stack = complianceTestStack();
    new EncryptedBucket(stack, 'Data');
    expect(ids(expectCompliant(stack).acknowledgments)).toEqual(DEFAULT_ACKNOWLEDGMENTS);
  });

  const matrix: Array<[string, (stack: Stack) => EncryptedBucketProps]> = [
    ['DSSE-KMS', () => ({ encryption: s3.BucketEncryption.DSSE })],
    ['own key and name', (stack) => ({ encryptionKey: new kms.Key(stack, 'Own', { enableKeyRotation: true }), bucketName: 'fortress-data-111122223333' })],
    ['Object Lock governance', () => ({ objectLockMode: s3.ObjectLockMode.GOVERNANCE, objectLockRetention: Duration.days(30) })],
    ['intelligent tiering and lifecycle', () => ({ intelligentTiering: true, noncurrentVersionExpiration: Duration.days(30), noncurrentVersionsToRetain: 3 })],
    ['no EventBridge', () => ({ eventBridgeEnabled: false })],
    ['DESTROY and autoDeleteObjects', () => ({ removalPolicy: RemovalPolicy.DESTROY, autoDeleteObjects: true })],
    ['replication', (stack) => ({
      replicationDestination: new EncryptedBucket(stack, 'Replica', { keyRing: new KmsKeyRing(stack, 'ReplicaRing') }),
      replicationDestinationKey: (stack.node.findChild('ReplicaRing') as KmsKeyRing).key(KeyPurpose.DATA),
    })],
  ];

  test.each(matrix)('GIVEN %s THEN no unacknowledged error', (_name, props) => {
    const stack = complianceTestStack();
    new EncryptedBucket(stack, 'Data', props(stack));
    expectCompliant(stack);
  });

  test('GIVEN replication THEN the replication acknowledgments are gone and only object wildcards are acknowledged on its policy', () => {
    const stack = complianceTestStack();
    const ring = new KmsKeyRing(stack, 'ReplicaRing');
    new EncryptedBucket(stack, 'Data', { replicationDestination: new EncryptedBucket(stack, 'Replica', { keyRing: ring }), replicationDestinationKey: ring.key(KeyPurpose.DATA) });
    const acks = ids(expectCompliant(stack).acknowledgments).filter((a) => a.startsWith('Stack/Data '));
    expect(acks).toEqual(['Stack/Data NIST.800.53.R4-S3BucketDefaultLockEnabled']);
    const policyAcks = ids(expectCompliant(stack).acknowledgments).filter((a) => a.startsWith('Stack/Data/ReplicationPolicy'));
    expect(policyAcks).toEqual([
      expect.stringMatching(/^Stack\/Data\/ReplicationPolicy AwsSolutions-IAM5\[Resource::<Data[0-9A-F]+\.Arn>\/\*\]$/),
      expect.stringMatching(/^Stack\/Data\/ReplicationPolicy AwsSolutions-IAM5\[Resource::<Replica[0-9A-F]+\.Arn>\/\*\]$/),
    ]);
  });

  test.each([true, false])('GIVEN notifications added after construction (EventBridge %s) THEN compliant, the handler\'s IAM set-up acknowledged', (eventBridgeEnabled) => {
    const stack = complianceTestStack();
    const bucket = new EncryptedBucket(stack, 'Data', { eventBridgeEnabled });
    const topic = new sns.Topic(stack, 'Uploads', { masterKey: KmsKeyRing.of(stack).key(KeyPurpose.MESSAGING), enforceSSL: true });
    bucket.addEventNotification(s3.EventType.OBJECT_CREATED, new s3n.SnsDestination(topic));
    bucket.addObjectRemovedNotification(new s3n.SnsDestination(topic));
    const acks = ids(expectCompliant(stack).acknowledgments).filter((a) => !a.startsWith('Stack/Data ') && !a.startsWith('Stack/FortressAccessLogs '));
    expect(acks).toEqual([
      'Stack/BucketNotificationsHandler050a0587b7544547bf325f094a3db834/Role AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      'Stack/Data/Notifications/HandlerPolicy HIPAA.Security-IAMNoInlinePolicy',
      'Stack/Data/Notifications/HandlerPolicy NIST.800.53.R4-IAMNoInlinePolicy',
      'Stack/Data/Notifications/HandlerPolicy NIST.800.53.R5-IAMNoInlinePolicy',
      'Stack/Data/Notifications/HandlerPolicy PCI.DSS.321-IAMNoInlinePolicy',
    ]);
  });

  test('GIVEN versioned: false THEN the versioning rules fail: an opt-out the user must acknowledge', () => {
    const stack = complianceTestStack();
    new EncryptedBucket(stack, 'Data', { versioned: false });
    expect(() => expectCompliant(stack)).toThrow(/S3BucketVersioningEnabled/);
  });

  test('property: random valid props always synthesize compliant', () => {
    const props = fc.record({
      encryption: fc.constantFrom(s3.BucketEncryption.KMS, s3.BucketEncryption.DSSE),
      noncurrentDays: fc.integer({ min: 1, max: 3650 }),
      retain: fc.option(fc.integer({ min: 1, max: 100 }), { nil: undefined }),
      abortDays: fc.integer({ min: 1, max: 365 }),
      intelligentTiering: fc.boolean(),
      eventBridgeEnabled: fc.boolean(),
      lock: fc.option(fc.record({
        mode: fc.constantFrom(s3.ObjectLockMode.GOVERNANCE, s3.ObjectLockMode.COMPLIANCE),
        days: fc.integer({ min: 1, max: 36500 }),
      }), { nil: undefined }),
      destroy: fc.boolean(),
    });
    fc.assert(fc.property(props, (p) => {
      const stack = complianceTestStack();
      new EncryptedBucket(stack, 'Data', {
        encryption: p.encryption,
        noncurrentVersionExpiration: Duration.days(p.noncurrentDays),
        noncurrentVersionsToRetain: p.retain,
        abortIncompleteMultipartUploadAfter: Duration.days(p.abortDays),
        intelligentTiering: p.intelligentTiering,
        eventBridgeEnabled: p.eventBridgeEnabled,
        objectLockMode: p.lock?.mode,
        objectLockRetention: p.lock ? Duration.days(p.lock.days) : undefined,
        removalPolicy: p.destroy ? RemovalPolicy.DESTROY : undefined,
        autoDeleteObjects: p.destroy ? true : undefined,
      });
      expectCompliant(stack);
    }), { numRuns: 12 });
  });
});

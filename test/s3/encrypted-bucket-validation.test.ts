import { App, CfnParameter, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as fc from 'fast-check';
import { AccessLogsBucket, EncryptedBucket, EncryptedBucketProps, FortressErrors, KmsKeyRing } from '../../src';
import { propertyTestStack } from '../compliance';

const PREFIX = '[cdk-fortress] Stack/Data: ';

function attempt(props: (stack: ReturnType<typeof propertyTestStack>) => EncryptedBucketProps): unknown {
  const stack = propertyTestStack();
  try {
    new EncryptedBucket(stack, 'Data', props(stack));
  } catch (e) {
    // Nothing may be created before the props are refused.
    expect(stack.node.tryFindChild('Data')).toBeUndefined();
    return e;
  }
  return undefined;
}

const KEY_ID = '1234abcd-12ab-34cd-56ef-1234567890ab';

function otherRegionStack(stack: Stack): Stack {
  return new Stack(stack.node.root as App, 'Virginia', { env: { account: '111122223333', region: 'us-east-1' } });
}

describe('EncryptedBucket rejects invalid input before creating anything', () => {
  test.each<[string, (stack: any) => EncryptedBucketProps, string]>([
    ['an upper-case name', () => ({ bucketName: 'My-Bucket' }), "invalid 'bucketName': must be 3-63 lowercase letters"],
    ['a name shaped like an IP address', () => ({ bucketName: '192.168.5.4' }), "invalid 'bucketName'"],
    ['adjacent dots', () => ({ bucketName: 'my..bucket' }), "invalid 'bucketName'"],
    ['a reserved suffix', () => ({ bucketName: 'my-bucket-s3alias' }), "invalid 'bucketName'"],
    ['a reserved prefix', () => ({ bucketName: 'xn--bucket' }), "invalid 'bucketName'"],
    ['S3-managed encryption', () => ({ encryption: s3.BucketEncryption.S3_MANAGED }), 'invalid \'encryption\': must be one of "KMS", "DSSE" (got \'S3_MANAGED\')'],
    ['no encryption', () => ({ encryption: s3.BucketEncryption.UNENCRYPTED }), "invalid 'encryption'"],
    ['the AWS-managed key', () => ({ encryption: s3.BucketEncryption.KMS_MANAGED }), "invalid 'encryption'"],
    ['a key and a key ring', (stack) => ({ encryptionKey: new kms.Key(stack, 'K'), keyRing: KmsKeyRing.of(stack) }), "invalid 'encryptionKey': cannot be combined with 'keyRing'"],
    ['noncurrent versions kept 0 days', () => ({ noncurrentVersionExpiration: Duration.days(0) }), "invalid 'noncurrentVersionExpiration': must be a whole number of days from 1 to 3650"],
    ['noncurrent versions kept in hours', () => ({ noncurrentVersionExpiration: Duration.hours(36) }), "invalid 'noncurrentVersionExpiration'"],
    ['101 noncurrent versions', () => ({ noncurrentVersionsToRetain: 101 }), "invalid 'noncurrentVersionsToRetain': must be an integer from 1 to 100 (got 101)"],
    ['multipart abort after 400 days', () => ({ abortIncompleteMultipartUploadAfter: Duration.days(400) }), "invalid 'abortIncompleteMultipartUploadAfter'"],
    ['a log prefix without a slash', () => ({ serverAccessLogsPrefix: 'logs' }), "invalid 'serverAccessLogsPrefix': must be a key prefix"],
    ['an SSE-KMS log target', (stack) => ({ serverAccessLogsBucket: new EncryptedBucket(stack, 'Logs') }), "invalid 'serverAccessLogsBucket': must use SSE-S3"],
    ['a plain KMS-encrypted log target', (stack) => ({ serverAccessLogsBucket: new s3.Bucket(stack, 'Logs', { encryption: s3.BucketEncryption.KMS }) }), "invalid 'serverAccessLogsBucket'"],
    ['a SNAPSHOT removal policy (S3 has none)', () => ({ removalPolicy: RemovalPolicy.SNAPSHOT }), "invalid 'removalPolicy': must be one of"],
    ['lifecycle days in milliseconds', () => ({ noncurrentVersionExpiration: Duration.millis(1500) }), "invalid 'noncurrentVersionExpiration'"],
    ['Object Lock mode without retention', () => ({ objectLockMode: s3.ObjectLockMode.GOVERNANCE }), "invalid 'objectLockMode': requires 'objectLockRetention'"],
    ['Object Lock retention without mode', () => ({ objectLockRetention: Duration.days(1) }), "invalid 'objectLockRetention': requires 'objectLockMode'"],
    ['Object Lock retention over 100 years', () => ({ objectLockMode: s3.ObjectLockMode.COMPLIANCE, objectLockRetention: Duration.days(36501) }), "invalid 'objectLockRetention'"],
    ['Object Lock without versioning', () => ({ versioned: false, objectLockMode: s3.ObjectLockMode.COMPLIANCE, objectLockRetention: Duration.days(1) }), "invalid 'objectLockMode': requires versioning"],
    ['replication without versioning', (stack) => ({ versioned: false, replicationDestination: s3.Bucket.fromBucketName(stack, 'R', 'replica'), replicationDestinationKey: new kms.Key(stack, 'K') }), "invalid 'replicationDestination': requires versioning"],
    ['replication without a destination key', (stack) => ({ replicationDestination: s3.Bucket.fromBucketName(stack, 'R', 'replica') }), "invalid 'replicationDestination': requires 'replicationDestinationKey'"],
    ['a destination key without a destination', (stack) => ({ replicationDestinationKey: new kms.Key(stack, 'K') }), "invalid 'replicationDestinationKey': requires 'replicationDestination'"],
    ['replication to itself', (stack) => ({ bucketName: 'fortress-data', replicationDestination: s3.Bucket.fromBucketName(stack, 'R', 'fortress-data'), replicationDestinationKey: new kms.Key(stack, 'K') }), "invalid 'replicationDestination': must be another bucket"],
    ['noncurrent settings on an unversioned bucket', () => ({ versioned: false, noncurrentVersionsToRetain: 2 }), "invalid 'noncurrentVersionsToRetain': requires versioning"],
    ['autoDeleteObjects on a retained bucket', () => ({ autoDeleteObjects: true }), "invalid 'autoDeleteObjects': requires removalPolicy: RemovalPolicy.DESTROY, set explicitly (got 'RETAIN (default)')"],
    ['a key of a stack in another region', (stack) => ({ encryptionKey: new kms.Key(otherRegionStack(stack), 'K') }), "invalid 'encryptionKey': must be a KMS key in the bucket's region eu-west-1 (S3 uses only keys of its own region) (got 'us-east-1')"],
    ['an imported key from another region', (stack) => ({ encryptionKey: kms.Key.fromKeyArn(stack, 'K', `arn:aws:kms:us-east-1:111122223333:key/${KEY_ID}`) }), "invalid 'encryptionKey': must be a KMS key in the bucket's region"],
    ['a key ring in another region', (stack) => ({ keyRing: KmsKeyRing.of(otherRegionStack(stack)) }), "invalid 'keyRing': must be a KMS key in the bucket's region"],
    ['autoDeleteObjects with RETAIN', () => ({ autoDeleteObjects: true, removalPolicy: RemovalPolicy.RETAIN }), "invalid 'autoDeleteObjects'"],
  ])('%s', (_name, props, message) => {
    const error = attempt(props);
    expect(FortressErrors.isFortressError(error)).toBe(true);
    expect((error as Error).message).toContain(PREFIX + message);
  });

  test.each<[string, (stack: Stack) => kms.IKey]>([
    ['a key of the same region', (stack) => new kms.Key(new Stack(stack.node.root as App, 'Same', { env: { account: '222233334444', region: 'eu-west-1' } }), 'K')],
    ['an imported key of the same region', (stack) => kms.Key.fromKeyArn(stack, 'K', `arn:aws:kms:eu-west-1:111122223333:key/${KEY_ID}`)],
    ['a key whose ARN is a token', (stack) => kms.Key.fromKeyArn(stack, 'K', new CfnParameter(stack, 'KeyArn').valueAsString)],
  ])('accepts %s', (_name, key) => {
    expect(attempt((stack) => ({ encryptionKey: key(stack) }))).toBeUndefined();
  });

  test('an environment-agnostic bucket stack accepts a key from any region (its region is unknown)', () => {
    const app = new App({ builtinCloudFormationValidation: false });
    const key = new kms.Key(new Stack(app, 'Keys', { env: { account: '111122223333', region: 'us-east-1' } }), 'K');
    expect(() => new EncryptedBucket(new Stack(app, 'Agnostic'), 'Data', { encryptionKey: key })).not.toThrow();
  });

  test('AccessLogsBucket: expiration out of range and bad names', () => {
    expect(() => new AccessLogsBucket(propertyTestStack(), 'Logs', { expiration: Duration.days(0) }))
      .toThrow("[cdk-fortress] Stack/Logs: invalid 'expiration': must be a whole number of days from 1 to 3650");
    expect(() => new AccessLogsBucket(propertyTestStack(), 'Logs', { bucketName: 'Logs' })).toThrow(/invalid 'bucketName'/);
  });

  test('property: invalid lifecycle numbers always raise the library error naming the prop, never a TypeError', () => {
    const invalid = fc.oneof(
      fc.record({ prop: fc.constant('noncurrentVersionExpiration'), days: fc.oneof(fc.constant(0), fc.integer({ min: 3651, max: 99999 })) }),
      fc.record({ prop: fc.constant('abortIncompleteMultipartUploadAfter'), days: fc.oneof(fc.constant(0), fc.integer({ min: 366, max: 99999 })) }),
      fc.record({ prop: fc.constant('objectLockRetention'), days: fc.oneof(fc.constant(0), fc.integer({ min: 36501, max: 99999 })) }),
    );
    fc.assert(fc.property(invalid, ({ prop, days }) => {
      const error = attempt(() => ({
        [prop]: Duration.days(days),
        ...(prop === 'objectLockRetention' ? { objectLockMode: s3.ObjectLockMode.GOVERNANCE } : {}),
      }));
      expect(FortressErrors.isFortressError(error)).toBe(true);
      expect((error as Error).message).toContain(`${PREFIX}invalid '${prop}'`);
    }));
  });

  test('property: random strings are either valid bucket names or refused with the library error', () => {
    fc.assert(fc.property(fc.string({ minLength: 0, maxLength: 70 }), (name) => {
      const error = attempt(() => ({ bucketName: name }));
      if (error !== undefined) {
        expect(FortressErrors.isFortressError(error)).toBe(true);
        expect((error as Error).message).toContain(`${PREFIX}invalid 'bucketName'`);
      } else {
        expect(name).toMatch(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/);
      }
    }));
  });
});

import { RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { ruleTestStack, violationsOf } from '../rule-harness';

describe('S3BucketMinimumTls12', () => {
  const RULE = 'S3BucketMinimumTls12';

  test('Noncompliance 1: no bucket policy at all', () => {
    const stack = ruleTestStack();
    new s3.CfnBucket(stack, 'Bucket');
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Bucket']);
  });

  test('Noncompliance 2: SSL required but TLS 1.0/1.1 still accepted', () => {
    const stack = ruleTestStack();
    new s3.Bucket(stack, 'Bucket', { enforceSSL: true });
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Bucket/Resource']);
  });

  test('Noncompliance 3: TLS threshold below 1.2', () => {
    const stack = ruleTestStack();
    new s3.Bucket(stack, 'Bucket', { enforceSSL: true, minimumTLSVersion: 1.1 });
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Bucket/Resource']);
  });

  test('Noncompliance 4: the TLS deny covers objects only, not the bucket', () => {
    const stack = ruleTestStack();
    const bucket = new s3.Bucket(stack, 'Bucket');
    bucket.addToResourcePolicy(new iam.PolicyStatement({
      effect: iam.Effect.DENY,
      principals: [new iam.AnyPrincipal()],
      actions: ['s3:*'],
      resources: [bucket.arnForObjects('*')],
      conditions: { NumericLessThan: { 's3:TlsVersion': 1.2 } },
    }));
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Bucket/Resource']);
  });

  test('Noncompliance 5: the TLS deny applies to one principal only', () => {
    const stack = ruleTestStack();
    const bucket = new s3.Bucket(stack, 'Bucket');
    bucket.addToResourcePolicy(new iam.PolicyStatement({
      effect: iam.Effect.DENY,
      principals: [new iam.AccountPrincipal('444455556666')],
      actions: ['s3:*'],
      resources: [bucket.bucketArn, bucket.arnForObjects('*')],
      conditions: { NumericLessThan: { 's3:TlsVersion': 1.2 } },
    }));
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Bucket/Resource']);
  });

  test('Noncompliance 6: a compliant policy on another bucket does not count', () => {
    const stack = ruleTestStack();
    new s3.Bucket(stack, 'Compliant', { enforceSSL: true, minimumTLSVersion: 1.2 });
    new s3.Bucket(stack, 'Other');
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Other/Resource']);
  });

  test('Noncompliance 7: the TLS deny covers a prefix only', () => {
    const stack = ruleTestStack();
    const bucket = new s3.Bucket(stack, 'Bucket');
    bucket.addToResourcePolicy(new iam.PolicyStatement({
      effect: iam.Effect.DENY,
      principals: [new iam.AnyPrincipal()],
      actions: ['s3:*'],
      resources: [bucket.bucketArn, bucket.arnForObjects('tmp/*')],
      conditions: { NumericLessThan: { 's3:TlsVersion': 1.2 } },
    }));
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Bucket/Resource']);
  });

  test('Noncompliance 8: a further condition narrows the TLS deny', () => {
    const stack = ruleTestStack();
    const bucket = new s3.Bucket(stack, 'Bucket');
    bucket.addToResourcePolicy(new iam.PolicyStatement({
      effect: iam.Effect.DENY,
      principals: [new iam.AnyPrincipal()],
      actions: ['s3:*'],
      resources: [bucket.bucketArn, bucket.arnForObjects('*')],
      conditions: { NumericLessThan: { 's3:TlsVersion': 1.2 }, StringEquals: { 'aws:PrincipalAccount': '444455556666' } },
    }));
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Bucket/Resource']);
  });

  test('Compliance: deny below TLS 1.2 on the bucket and its objects', () => {
    const stack = ruleTestStack();
    new s3.Bucket(stack, 'Bucket', { enforceSSL: true, minimumTLSVersion: 1.2 });
    new s3.Bucket(stack, 'Stricter', { enforceSSL: true, minimumTLSVersion: 1.3 });
    expect(violationsOf(stack, RULE)).toEqual([]);
  });
});

describe('S3BucketOwnerEnforced', () => {
  const RULE = 'S3BucketOwnerEnforced';

  test('Noncompliance 1: no ownership controls (ACLs enabled)', () => {
    const stack = ruleTestStack();
    new s3.CfnBucket(stack, 'Bucket');
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Bucket']);
  });

  test('Noncompliance 2: BucketOwnerPreferred still allows ACLs', () => {
    const stack = ruleTestStack();
    new s3.Bucket(stack, 'Bucket', { objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED });
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Bucket/Resource']);
  });

  test('Compliance: BucketOwnerEnforced', () => {
    const stack = ruleTestStack();
    new s3.Bucket(stack, 'Bucket', { objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED });
    new s3.CfnBucket(stack, 'L1', { ownershipControls: { rules: [{ objectOwnership: 'BucketOwnerEnforced' }] } });
    expect(violationsOf(stack, RULE)).toEqual([]);
  });
});

describe('S3BucketRetained', () => {
  const RULE = 'S3BucketRetained';

  test('Noncompliance 1: RemovalPolicy.DESTROY', () => {
    const stack = ruleTestStack();
    new s3.Bucket(stack, 'Bucket', { removalPolicy: RemovalPolicy.DESTROY });
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Bucket/Resource']);
  });

  test('Noncompliance 2: an L1 bucket without a deletion policy', () => {
    const stack = ruleTestStack();
    new s3.CfnBucket(stack, 'Bucket');
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Bucket']);
  });

  test('Compliance: Retain and RetainExceptOnCreate', () => {
    const stack = ruleTestStack();
    new s3.Bucket(stack, 'Bucket');
    new s3.Bucket(stack, 'Other', { removalPolicy: RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE });
    expect(violationsOf(stack, RULE)).toEqual([]);
  });
});

describe('S3BucketDeniesOtherKmsKeys', () => {
  const RULE = 'S3BucketDeniesOtherKmsKeys';
  const deny = (bucket: s3.Bucket, conditions: Record<string, any>, principal: iam.IPrincipal = new iam.AnyPrincipal(), objects = '*') =>
    bucket.addToResourcePolicy(new iam.PolicyStatement({
      effect: iam.Effect.DENY, principals: [principal], actions: ['s3:PutObject'], resources: [bucket.arnForObjects(objects)], conditions,
    }));
  const otherKeys = (keyArn: string, operator = 'StringNotEqualsIfExists') => ({ [operator]: { 's3:x-amz-server-side-encryption-aws-kms-key-id': keyArn } });
  const managedKey = { Null: { 's3:x-amz-server-side-encryption': 'false', 's3:x-amz-server-side-encryption-aws-kms-key-id': 'true' } };
  const kmsBucket = () => {
    const stack = ruleTestStack();
    const key = new kms.Key(stack, 'Key');
    return { stack, key, bucket: new s3.Bucket(stack, 'Bucket', { encryptionKey: key }) };
  };

  test('Noncompliance 1: SSE-KMS bucket without a deny', () => {
    const { stack } = kmsBucket();
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Bucket/Resource']);
  });

  test('Noncompliance 2: the deny names another key than the bucket key', () => {
    const { stack, bucket } = kmsBucket();
    deny(bucket, otherKeys(new kms.Key(stack, 'Other').keyArn));
    deny(bucket, managedKey);
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Bucket/Resource']);
  });

  test('Noncompliance 3: "aws:kms" without a key id (the AWS managed key) is not denied', () => {
    const { stack, bucket, key } = kmsBucket();
    deny(bucket, otherKeys(key.keyArn));
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Bucket/Resource']);
  });

  test('Noncompliance 4: the denies apply to one principal, or to a prefix only', () => {
    const { stack, bucket, key } = kmsBucket();
    deny(bucket, otherKeys(key.keyArn), new iam.AccountPrincipal('444455556666'));
    deny(bucket, managedKey, new iam.AnyPrincipal(), 'uploads/*');
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Bucket/Resource']);
  });

  test('Compliance: both denies on all objects for everyone; SSE-S3 buckets are not applicable', () => {
    const { stack, bucket, key } = kmsBucket();
    deny(bucket, otherKeys(key.keyArn));
    deny(bucket, managedKey);
    const strict = new s3.Bucket(stack, 'Strict', { encryptionKey: key });
    deny(strict, otherKeys(key.keyArn, 'StringNotEquals'));
    deny(strict, managedKey);
    new s3.Bucket(stack, 'SseS3', { encryption: s3.BucketEncryption.S3_MANAGED });
    new s3.CfnBucket(stack, 'Unencrypted');
    expect(violationsOf(stack, RULE)).toEqual([]);
  });
});

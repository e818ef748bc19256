import { Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { AuditTrail, AuditTrailProps, EncryptedBucket, FortressErrors, KeyPurpose, KmsKeyRing } from '../../src';
import { complianceTestStack, expectCompliant, propertyTestStack } from '../compliance';

const trailResource = (stack: Stack) => Object.values<any>(Template.fromStack(stack).findResources('AWS::CloudTrail::Trail'))[0];

describe('AuditTrail defaults', () => {
  const stack = propertyTestStack();
  const trail = new AuditTrail(stack, 'Trail');
  const logsKey = stack.getLogicalId(KmsKeyRing.of(stack).key(KeyPurpose.LOGS).node.defaultChild as kms.CfnKey);
  const resource = trailResource(stack);

  test('multi-region with global service events and log-file validation, logging, encrypted with the logs key', () => {
    expect(resource.Properties).toMatchObject({
      IsLogging: true,
      IsMultiRegionTrail: true,
      IncludeGlobalServiceEvents: true,
      EnableLogFileValidation: true,
      IsOrganizationTrail: false,
      KMSKeyId: { 'Fn::GetAtt': [logsKey, 'Arn'] },
      TrailName: trail.trailName,
    });
    expect(resource.Properties.AdvancedEventSelectors).toBeUndefined(); // all management events, read and write
    expect(resource.Properties.InsightSelectors).toBeUndefined();
  });

  test('delivered to an EncryptedBucket under the logs key, with the CloudTrail policy conditioned on this trail', () => {
    expect(trail.bucket).toBeInstanceOf(EncryptedBucket);
    const bucket = trail.bucket as EncryptedBucket;
    expect(bucket.encryptionKey).toBe(KmsKeyRing.of(stack).key(KeyPurpose.LOGS));
    const policy = Object.values<any>(Template.fromStack(stack).findResources('AWS::S3::BucketPolicy'))
      .find((p) => JSON.stringify(p).includes('AWSCloudTrailWrite')).Properties.PolicyDocument.Statement;
    const trailArn = { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:cloudtrail:eu-west-1:111122223333:trail/${trail.trailName}`]] };
    expect(policy.find((s: any) => s.Sid === 'AWSCloudTrailAclCheck')).toMatchObject({
      Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: 's3:GetBucketAcl', Condition: { StringEquals: { 'aws:SourceArn': trailArn } },
    });
    expect(policy.find((s: any) => s.Sid === 'AWSCloudTrailWrite')).toMatchObject({
      Action: 's3:PutObject',
      Resource: { 'Fn::Join': ['', [expect.anything(), '/AWSLogs/111122223333/*']] },
      Condition: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', 'aws:SourceArn': trailArn } },
    });
    // The trail is created only after its bucket policy exists.
    expect(resource.DependsOn).toEqual(expect.arrayContaining([expect.stringMatching(/^TrailBucketPolicy/)]));
  });

  test('and to a CloudWatch log group encrypted with the logs key, kept one year, through a role scoped to it', () => {
    Template.fromStack(stack).hasResource('AWS::Logs::LogGroup', {
      DeletionPolicy: 'Retain', Properties: { RetentionInDays: 365, KmsKeyId: { 'Fn::GetAtt': [logsKey, 'Arn'] } },
    });
    const logGroup = stack.getLogicalId(trail.logGroup.node.defaultChild as logs.CfnLogGroup);
    expect(resource.Properties.CloudWatchLogsLogGroupArn).toEqual({ 'Fn::GetAtt': [logGroup, 'Arn'] });
    const policy = Object.values<any>(Template.fromStack(stack).findResources('AWS::IAM::ManagedPolicy'))
      .find((p) => JSON.stringify(p).includes('logs:PutLogEvents'));
    expect(policy.Properties.PolicyDocument.Statement).toEqual([{
      Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: { 'Fn::GetAtt': [logGroup, 'Arn'] },
    }]);
  });
});

describe('AuditTrail options', () => {
  test('organization trail: organization flag and the organization\'s log prefix', () => {
    const stack = propertyTestStack();
    new AuditTrail(stack, 'Trail', { organizationId: 'o-a1b2c3d4e5', trailName: 'org-trail' });
    expect(trailResource(stack).Properties).toMatchObject({ IsOrganizationTrail: true, TrailName: 'org-trail' });
    const policy = JSON.stringify(Template.fromStack(stack).findResources('AWS::S3::BucketPolicy'));
    expect(policy).toContain('/AWSLogs/o-a1b2c3d4e5/*');
    expect(policy).toContain(':cloudtrail:eu-west-1:111122223333:trail/org-trail');
  });

  test('S3 data events for all or chosen buckets, Lambda data events, Insights', () => {
    const stack = propertyTestStack();
    new AuditTrail(stack, 'Trail', { s3DataEvents: true, lambdaDataEvents: true, insights: true });
    const props = trailResource(stack).Properties;
    expect(props.AdvancedEventSelectors).toEqual([
      { Name: 'Management events', FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }] },
      { Name: 'S3 data events', FieldSelectors: [{ Field: 'eventCategory', Equals: ['Data'] }, { Field: 'resources.type', Equals: ['AWS::S3::Object'] }] },
      { Name: 'Lambda data events', FieldSelectors: [{ Field: 'eventCategory', Equals: ['Data'] }, { Field: 'resources.type', Equals: ['AWS::Lambda::Function'] }] },
    ]);
    expect(props.InsightSelectors).toEqual([{ InsightType: 'ApiCallRateInsight' }, { InsightType: 'ApiErrorRateInsight' }]);
    const chosen = propertyTestStack();
    const data = new EncryptedBucket(chosen, 'Data');
    new AuditTrail(chosen, 'Trail', { s3DataEventBuckets: [data] });
    expect(trailResource(chosen).Properties.AdvancedEventSelectors[1].FieldSelectors[2]).toEqual({
      Field: 'resources.ARN', StartsWith: [{ 'Fn::Join': ['', [{ 'Fn::GetAtt': [chosen.getLogicalId(data.node.defaultChild as s3.CfnBucket), 'Arn'] }, '/']] }],
    });
  });

  test('an existing bucket and a custom retention; an imported bucket warns', () => {
    const stack = propertyTestStack();
    const bucket = new EncryptedBucket(stack, 'Central', { encryptionKey: KmsKeyRing.of(stack).key(KeyPurpose.LOGS) });
    const trail = new AuditTrail(stack, 'Trail', { bucket, logRetention: logs.RetentionDays.SEVEN_YEARS });
    expect(trail.bucket).toBe(bucket);
    Template.fromStack(stack).hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 2557 });
    const imported = propertyTestStack();
    new AuditTrail(imported, 'Trail', { bucket: s3.Bucket.fromBucketName(imported, 'B', 'central-trail') });
    Annotations.fromStack(imported).hasWarning('/Stack/Trail', Match.stringLikeRegexp('grant cloudtrail.amazonaws.com'));
  });

  test('invalid input', () => {
    const cases: Array<[AuditTrailProps, string]> = [
      [{ trailName: 'a' }, "invalid 'trailName': must be 3-128 letters"],
      [{ trailName: 'has space' }, "invalid 'trailName'"],
      [{ organizationId: 'org-1' }, "invalid 'organizationId': must be an organization id such as o-a1b2c3d4e5 (got 'org-1')"],
      [{ s3DataEvents: true, s3DataEventBuckets: [] }, "invalid 's3DataEvents': cannot be combined with 's3DataEventBuckets'"],
      [{ s3DataEventBuckets: [] }, "invalid 's3DataEventBuckets': must have at least 1 entry"],
      [{ logRetention: logs.RetentionDays.INFINITE }, "invalid 'logRetention': must be one of"],
    ];
    for (const [props, message] of cases) {
      let error: unknown;
      try { new AuditTrail(propertyTestStack(), 'Trail', props); } catch (e) { error = e; }
      expect(FortressErrors.isFortressError(error)).toBe(true);
      expect((error as Error).message).toContain(`[cdk-fortress] Stack/Trail: ${message}`);
    }
  });
});

describe('AuditTrail compliance (all six cdk-nag packs + FortressChecks + CloudFormation validation)', () => {
  test.each<[string, AuditTrailProps]>([
    ['defaults', {}],
    ['organization trail with data events and Insights', { organizationId: 'o-a1b2c3d4e5', s3DataEvents: true, lambdaDataEvents: true, insights: true }],
  ])('GIVEN %s THEN no unacknowledged error', (_name, props) => {
    const stack = complianceTestStack();
    new AuditTrail(stack, 'Trail', props);
    expectCompliant(stack);
  });
});

describe('AuditTrail delivery details', () => {
  test('the trail waits for its CloudWatch Logs role and policy', () => {
    const stack = propertyTestStack();
    new AuditTrail(stack, 'Trail');
    expect(trailResource(stack).DependsOn).toEqual(expect.arrayContaining([expect.stringMatching(/^TrailLogsRole/), expect.stringMatching(/^TrailLogsPolicy/)]));
  });

  test('CloudTrail alone may write its SSE-S3 digest files; everyone else is held to the logs key', () => {
    const stack = propertyTestStack();
    new AuditTrail(stack, 'Trail');
    const statements = Object.values<any>(Template.fromStack(stack).findResources('AWS::S3::BucketPolicy'))
      .find((p) => JSON.stringify(p).includes('AWSCloudTrailWrite')).Properties.PolicyDocument.Statement;
    for (const sid of ['DenyOtherEncryptionAlgorithms', 'DenyAwsManagedKey']) {
      expect(statements.find((s: any) => s.Sid === sid).Condition.StringNotEquals).toEqual({ 'aws:PrincipalServiceName': ['cloudtrail.amazonaws.com'] });
    }
    expect(statements.find((s: any) => s.Sid === 'DenyOtherKmsKeys').Condition.StringNotEquals).toBeUndefined();
  });

  test('a bucket under another key than the logs key is refused (nothing would be delivered)', () => {
    const stack = propertyTestStack();
    expect(() => new AuditTrail(stack, 'Trail', { bucket: new EncryptedBucket(stack, 'Data') }))
      .toThrow("[cdk-fortress] Stack/Trail: invalid 'bucket': must be encrypted with the key ring's logs key");
  });
});

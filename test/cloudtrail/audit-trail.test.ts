import { Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { AuditTrail, AuditTrailProps, EncryptedBucket, FortressErrors, KeyPurpose, KmsKeyRing } from '../../src';
import { complianceTestStack, expectCompliant, propertyTestApp, propertyTestStack } from '../compliance';

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
      [{ trailName: 'my-_trail' }, "invalid 'trailName': must be 3-128 letters, digits, \".\", \"_\" or \"-\", starting and ending with a letter or digit, without adjacent"],
      [{ trailName: 'my--trail' }, "invalid 'trailName'"],
      [{ trailName: 'my..trail' }, "invalid 'trailName'"],
      [{ trailName: '192.168.5.4' }, "invalid 'trailName'"],
      [{ trailName: 'trail-' }, "invalid 'trailName'"],
      [{ trailName: 'x'.repeat(129) }, "invalid 'trailName'"],
      [{ managementAccountId: '111111111111' }, "invalid 'managementAccountId': requires 'organizationId' to be set"],
      [{ organizationId: 'o-a1b2c3d4e5', managementAccountId: '1111' }, "invalid 'managementAccountId': must be a 12-digit account id (got '1111')"],
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

describe('AuditTrail organization trail from a CloudTrail delegated administrator (issue 12 item 7)', () => {
  const stack = propertyTestStack(); // account 111122223333: the delegated administrator
  const trail = new AuditTrail(stack, 'Trail', { organizationId: 'o-a1b2c3d4e5', managementAccountId: '999988887777', trailName: 'org-trail' });
  const ownedArn = { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':cloudtrail:eu-west-1:999988887777:trail/org-trail']] };

  test('the trail ARN names the management account, which owns the trail', () => {
    expect(stack.resolve(trail.trailArn)).toEqual(ownedArn);
  });

  test('the bucket policy is conditioned on that ARN and admits the management account\'s and the organization\'s prefixes', () => {
    const statements = Object.values<any>(Template.fromStack(stack).findResources('AWS::S3::BucketPolicy'))
      .find((p) => JSON.stringify(p).includes('AWSCloudTrailWrite')).Properties.PolicyDocument.Statement;
    const write = statements.find((s: any) => s.Sid === 'AWSCloudTrailWrite');
    expect(write.Condition.StringEquals['aws:SourceArn']).toEqual(ownedArn);
    expect(statements.find((s: any) => s.Sid === 'AWSCloudTrailAclCheck').Condition.StringEquals['aws:SourceArn']).toEqual(ownedArn);
    expect(JSON.stringify(write.Resource)).toContain('/AWSLogs/999988887777/*');
    expect(JSON.stringify(write.Resource)).toContain('/AWSLogs/o-a1b2c3d4e5/*');
    expect(JSON.stringify(write.Resource)).not.toContain('/AWSLogs/111122223333/*');
  });

  test('the logs key admits CloudTrail for that trail', () => {
    const keyStatements = Object.values<any>(Template.fromStack(stack).findResources('AWS::KMS::Key'))
      .flatMap((k) => k.Properties.KeyPolicy.Statement);
    expect(keyStatements).toContainEqual(expect.objectContaining({
      Principal: { Service: 'cloudtrail.amazonaws.com' },
      Action: ['kms:GenerateDataKey', 'kms:DescribeKey'],
      Condition: { StringEquals: { 'aws:SourceArn': ownedArn } },
    }));
  });

  test('from the management account, nothing changes; an environment-agnostic stack is warned', () => {
    const management = propertyTestStack();
    const own = new AuditTrail(management, 'Trail', { organizationId: 'o-a1b2c3d4e5', trailName: 'org-trail' });
    expect(JSON.stringify(management.resolve(own.trailArn))).toContain(':111122223333:trail/org-trail');
    const agnostic = new Stack(propertyTestApp(), 'Agnostic');
    new AuditTrail(agnostic, 'Trail', { organizationId: 'o-a1b2c3d4e5' });
    Annotations.fromStack(agnostic).hasWarning('/Agnostic/Trail', Match.stringLikeRegexp('set managementAccountId'));
  });

  test('compliance: GIVEN a delegated administrator\'s organization trail THEN no unacknowledged error', () => {
    const compliance = complianceTestStack();
    new AuditTrail(compliance, 'Trail', { organizationId: 'o-a1b2c3d4e5', managementAccountId: '999988887777' });
    expectCompliant(compliance);
  });
});

describe('AuditTrail: one per trail name and account (issue 12 item 6)', () => {
  test('the same trail name twice in one stack, or in two stacks of the same account (any region), is refused', () => {
    const stack = propertyTestStack();
    new AuditTrail(stack, 'Trail', { trailName: 'audit' });
    new AuditTrail(stack, 'Other'); // its own generated name
    expect(() => new AuditTrail(stack, 'Again', { trailName: 'audit' }))
      .toThrow("[cdk-fortress] Stack/Again: invalid 'AuditTrail': must be the only one named 'audit' for account 111122223333: Stack/Trail already is, and a multi-region trail");
    const app = propertyTestApp();
    new AuditTrail(new Stack(app, 'A', { env: { account: '111122223333', region: 'eu-west-1' } }), 'Trail', { trailName: 'audit' });
    expect(() => new AuditTrail(new Stack(app, 'B', { env: { account: '111122223333', region: 'us-east-1' } }), 'Trail', { trailName: 'audit' }))
      .toThrow(/B\/Trail: invalid 'AuditTrail'.*A\/Trail already is/);
    new AuditTrail(new Stack(app, 'C', { env: { account: '444455556666', region: 'eu-west-1' } }), 'Trail', { trailName: 'audit' });
  });
});

test('JavaScript callers who pass undefined props get the defaults', () => {
  new AuditTrail(propertyTestStack(), 'Trail', undefined as any);
});

describe('AuditTrail delivery details', () => {
  test('the trail waits for its CloudWatch Logs role (by reference) and policy (DependsOn), without a DependsOn cfn-lint reports as redundant (W3005)', () => {
    const stack = propertyTestStack();
    new AuditTrail(stack, 'Trail');
    const trail = trailResource(stack);
    expect(trail.Properties.CloudWatchLogsRoleArn).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^TrailLogsRole/), 'Arn'] });
    expect(trail.DependsOn).toEqual(expect.arrayContaining([expect.stringMatching(/^TrailLogsPolicy/)]));
    expect(trail.DependsOn).not.toEqual(expect.arrayContaining([expect.stringMatching(/^TrailLogsRole/)]));
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

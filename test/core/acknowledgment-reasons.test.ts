import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { buildReferenceApp } from '../../examples/reference-app';
import {
  AccessLogsBucket, Acknowledgments, EncryptedBucket, FortressErrors, KeyPurpose, KmsKeyRing, LeastPrivilegeRole, SecureVpc,
  SecurityNotificationsTopic,
} from '../../src';
import { reasonProblem } from '../../src/core/acknowledgment-reasons';
import { propertyTestApp, propertyTestStack } from '../compliance';

describe('reasonProblem refuses reasons that explain nothing (issue 12 item 4)', () => {
  test.each([
    // empty, short, placeholders
    ['', /it is empty/],
    ['   ', /it is empty/],
    ['Logging costs money', /at least 5 words and 25 characters/],
    ['TBD: write down why this is fine for the bucket', /not a placeholder/],
    // keyboard mash, repetition, mostly not words
    ['asdf qwer zxcv uiop hjkl lkjh', /real words/],
    ['asdf qwer zxcv uiop asdf qwer zxcv', /not repeat the same few words|real words/],
    ['sdfg hjkl wert yuio zxcv bnm lkjh', /real words/],
    ['safe safe safe safe safe safe safe safe', /not repeat the same few words/],
    ['xkcd bbbb zzzz qqqq wwww pppp', /real words/],
    ['arn:aws:s3:::b/* 1234 5678 9012 !!! ### $$$', /mostly identifiers, digits or punctuation/],
    // only the rule id
    ['AwsSolutions-S1 AwsSolutions-S1 acknowledged', /not repeat the rule id|not repeat the same few words/],
    ['Rule AwsSolutions-S1 does not apply to this bucket', /in its own words/],
    // stock phrases, padded
    ['this is a false positive, ignore it', /in its own words/],
    ['This is a false positive, please ignore it for now.', /in its own words/],
    ['not applicable here for now', /in its own words/],
    ['Not applicable here for now, this rule is not needed.', /in its own words/],
    ['suppressing because the rule is noisy', /in its own words/],
    ['Suppressing this finding because the rule is way too noisy.', /in its own words/],
    ['approved by security team', /in its own words|at least 5 words/],
    ['This was approved by the security team after the review.', /in its own words/],
    ['Accepted risk, known issue, will be fixed later by design.', /in its own words/],
    ['Temporary exception until we fix it, accepted risk for now.', /in its own words/],
    ['It is intentional and expected, by design, not a real issue.', /in its own words/],
    ['This is needed and required, it is fine and correct here.', /in its own words/],
  ])('%j', (reason, message) => {
    const problem = reasonProblem('AwsSolutions-S1', reason);
    expect(problem).toMatch(message);
  });

  test('non-text reasons from JavaScript or Python callers', () => {
    expect(reasonProblem('AwsSolutions-S1', undefined as any)).toMatch(/it is empty/);
    expect(reasonProblem('AwsSolutions-S1', null as any)).toMatch(/it is empty/);
    expect(reasonProblem('AwsSolutions-S1', 42 as any)).toMatch(/must be text/);
    expect(reasonProblem(undefined as any, 'The bucket receives server access logs and cannot log to itself.')).toBeUndefined();
  });

  test('the rule id\'s own words do not count (camel case split)', () => {
    expect(reasonProblem('Fortress-S3BucketRetained', 'The bucket is not retained, the bucket is fine.')).toMatch(/in its own words/);
    expect(reasonProblem('Fortress-S3BucketRetained', 'This bucket holds build caches that are recreated on the next pipeline run.')).toBeUndefined();
  });
});

describe('reasonProblem accepts real explanations', () => {
  // Reasons the library's own constructs give (src/), and realistic ones from users.
  test.each([
    'SSE-KMS is not supported (AWS S3 User Guide, Enabling server access logging). Objects are still encrypted at rest with AES-256.',
    'CloudFormation invokes the provider and receives, reports and rolls back every failure itself; there is no asynchronous event to dead-letter.',
    'The provider only calls AWS service APIs during deployments; it holds no data and serves no network traffic, so a VPC would add NAT cost and nothing else.',
    'The provider makes one SDK call per deployment event, each recorded by CloudTrail and in the stack events; tracing adds no insight.',
    'aws-cdk-lib\'s AwsCustomResource provider runs only during deployments, once per custom-resource event; a concurrency limit would protect nothing.',
    'aws-cdk-lib attaches each AwsCustomResource\'s policy inline to the shared provider role; it holds exactly the API calls this resource makes.',
    'This queue is itself the dead-letter queue of the security alert rules and subscriptions: undelivered alerts stop here, kept 14 days.',
    'Macie is not licensed in this account; S3 data is classified by the data platform.',
    'Network ACLs were turned on explicitly (networkAcls: true) as a stateless layer under the security groups, one per subnet tier.',
    'Object-level actions are scoped to one named resource\'s objects or indexes (<ARN>/*), the narrowest ARN the service accepts.',
    'kms:GenerateDataKey* is an aws-cdk-lib grant action family (one resource type\'s related actions), scoped to the resources named in the statement.',
    'Declared in noResourceLevelActions: xray:PutTraceSegments: X-Ray trace APIs support no resource-level permissions (Service Authorization Reference).',
    'removalPolicy DESTROY was set explicitly on this construct: its data is declared disposable and is deleted with the stack.',
    'pendingWindow 7 days was set explicitly on this key ring: a key scheduled for deletion is recoverable for that long only.',
    'This bucket receives S3 server access logs and cannot log to itself.',
    'ec2:DescribeNetworkInterfaces supports no resource-level permissions at all.',
  ])('%j', (reason) => {
    expect(reasonProblem('AwsSolutions-IAM5[Resource::*]', reason)).toBeUndefined();
  });
});

describe('Acknowledgments applies the check (issue 12 item 4)', () => {
  test('acknowledge refuses a padded stock phrase with the library error; reasonProblem is on the jsii API too', () => {
    const stack = propertyTestStack();
    let error: unknown;
    try { Acknowledgments.acknowledge(stack, 'AwsSolutions-S1', 'This is a false positive, please ignore it for now.'); } catch (e) { error = e; }
    expect(FortressErrors.isFortressError(error)).toBe(true);
    expect((error as Error).message).toContain("[cdk-fortress] Stack: invalid 'reason for AwsSolutions-S1': must say in its own words");
    expect(Acknowledgments.reasonProblem('AwsSolutions-S1', 'asdf qwer zxcv uiop hjkl lkjh')).toMatch(/real words/);
    expect(Acknowledgments.reasonProblem('AwsSolutions-S1', 'This bucket receives S3 server access logs and cannot log to itself.')).toBeUndefined();
  });

  test('acknowledgments made with Validations directly can be judged through Acknowledgments.list', () => {
    const stack = propertyTestStack();
    Validations.of(stack).acknowledge({ id: 'AwsSolutions-S1', reason: 'not applicable here for now' });
    const [record] = Acknowledgments.list(stack);
    expect(reasonProblem(record.ruleId, record.reason)).toMatch(/in its own words/);
  });
});

describe('GIVEN the library\'s constructs THEN every reason they record passes the check', () => {
  test('the reference app, explicit choices, and grants on a LeastPrivilegeRole', () => {
    const app = propertyTestApp();
    buildReferenceApp(app);
    const stack = new Stack(app, 'Choices', { env: { account: '111122223333', region: 'eu-west-1' } });
    const ring = new KmsKeyRing(stack, 'Ring', { pendingWindow: Duration.days(7), removalPolicy: RemovalPolicy.DESTROY });
    const bucket = new EncryptedBucket(stack, 'Scratch', { encryptionKey: ring.key(KeyPurpose.DATA), removalPolicy: RemovalPolicy.DESTROY, autoDeleteObjects: true });
    new AccessLogsBucket(stack, 'Logs');
    new SecurityNotificationsTopic(stack, 'Alerts');
    new SecureVpc(stack, 'Network', { networkAcls: true });
    const role = new LeastPrivilegeRole(stack, 'App', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      noResourceLevelActions: [{ actions: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'], reason: 'X-Ray trace and telemetry APIs support no resource-level permissions (Service Authorization Reference).' }],
      statements: [new iam.PolicyStatement({ actions: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'], resources: ['*'] })],
    });
    bucket.grantReadWrite(role);
    app.synth();
    const records = Acknowledgments.list(app);
    expect(records.length).toBeGreaterThan(20);
    const failing = records.map((r) => ({ ...r, problem: reasonProblem(r.ruleId, r.reason) })).filter((r) => r.problem !== undefined);
    expect(failing).toEqual([]);
  });
});

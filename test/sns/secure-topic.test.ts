import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as fc from 'fast-check';
import { FortressErrors, KeyPurpose, KeyService, KmsKeyRing, SecureTopic } from '../../src';
import { complianceTestStack, expectCompliant, propertyTestStack, rejectionOf } from '../compliance';

const ids = (acks: Array<{ constructPath: string; ruleId: string }>) => acks.map((a) => `${a.constructPath} ${a.ruleId}`);
const logicalId = (stack: Stack, c: { node: { defaultChild?: any } }) => stack.getLogicalId(c.node.defaultChild);
const policyStatements = (stack: Stack): any[] => Object.values(Template.fromStack(stack).findResources('AWS::SNS::TopicPolicy'))[0].Properties.PolicyDocument.Statement;

describe('SecureTopic', () => {
  test('GIVEN no props THEN encrypted with the ring messaging key, signed with SHA256', () => {
    const stack = propertyTestStack();
    const topic = new SecureTopic(stack, 'Alerts');
    Template.fromStack(stack).hasResourceProperties('AWS::SNS::Topic', {
      KmsMasterKeyId: { 'Fn::GetAtt': [logicalId(stack, KmsKeyRing.of(stack).key(KeyPurpose.MESSAGING)), 'Arn'] },
      SignatureVersion: '2',
    });
    expect(KmsKeyRing.of(stack).enabledServicesOf(KeyPurpose.MESSAGING)).toEqual([]);
    expect(topic).toBeInstanceOf(sns.Topic);
  });

  test('GIVEN no props THEN publishing without TLS is denied to everyone', () => {
    const stack = propertyTestStack();
    const topic = new SecureTopic(stack, 'Alerts');
    expect(policyStatements(stack)).toContainEqual(expect.objectContaining({
      Effect: 'Deny', Principal: '*', Action: 'sns:Publish', Condition: { Bool: { 'aws:SecureTransport': 'false' } }, Resource: { Ref: logicalId(stack, topic) },
    }));
  });

  test('GIVEN no props THEN principals of other accounts may neither publish nor subscribe, services only for this account, and no service is allowed', () => {
    const stack = propertyTestStack();
    const topic = new SecureTopic(stack, 'Alerts');
    const statements = policyStatements(stack);
    expect(statements).toContainEqual({
      Sid: 'DenyPrincipalsOutsideThisAccount',
      Effect: 'Deny',
      Principal: { AWS: '*' },
      Action: ['sns:Publish', 'sns:Subscribe'],
      Resource: { Ref: logicalId(stack, topic) },
      Condition: { StringNotEquals: { 'aws:PrincipalAccount': '111122223333' }, Bool: { 'aws:PrincipalIsAWSService': 'false' } },
    });
    expect(statements).toContainEqual({
      Sid: 'DenyServicesActingForOtherAccounts',
      Effect: 'Deny',
      Principal: { AWS: '*' },
      Action: 'sns:Publish',
      Resource: { Ref: logicalId(stack, topic) },
      Condition: { Bool: { 'aws:PrincipalIsAWSService': 'true' }, StringNotEquals: { 'aws:SourceAccount': '111122223333' } },
    });
    expect(statements.filter((s) => s.Effect === 'Allow')).toEqual([]);
  });

  test('GIVEN publishing services THEN each is allowed for this account and enabled on the messaging key', () => {
    const stack = propertyTestStack();
    new SecureTopic(stack, 'Alerts', { publishingServices: [KeyService.S3_EVENT_NOTIFICATIONS, KeyService.CLOUDWATCH_ALARMS_TO_SNS] });
    expect(policyStatements(stack).filter((s) => s.Effect === 'Allow').map((s) => [s.Principal.Service, s.Action, s.Condition])).toEqual([
      ['cloudwatch.amazonaws.com', 'sns:Publish', { StringEquals: { 'aws:SourceAccount': '111122223333' } }],
      ['s3.amazonaws.com', 'sns:Publish', { StringEquals: { 'aws:SourceAccount': '111122223333' } }],
    ]);
    expect(KmsKeyRing.of(stack).enabledServicesOf(KeyPurpose.MESSAGING).sort()).toEqual(['cloudwatch-alarms-to-sns', 's3-event-notifications']);
  });

  test('GIVEN an environment-agnostic stack THEN the account conditions use AWS::AccountId', () => {
    const stack = new Stack(undefined, 'Agnostic');
    new SecureTopic(stack, 'Alerts');
    const deny = Object.values(Template.fromStack(stack).findResources('AWS::SNS::TopicPolicy'))[0].Properties.PolicyDocument.Statement
      .find((s: any) => s.Sid === 'DenyPrincipalsOutsideThisAccount');
    expect(deny.Condition.StringNotEquals['aws:PrincipalAccount']).toEqual({ Ref: 'AWS::AccountId' });
  });

  test('GIVEN an own key and a FIFO topic THEN the key is used and nothing is enabled on a ring', () => {
    const stack = propertyTestStack();
    const key = new kms.Key(stack, 'Own');
    new SecureTopic(stack, 'Orders', { masterKey: key, fifo: true, topicName: 'orders.fifo', contentBasedDeduplication: true });
    Template.fromStack(stack).hasResourceProperties('AWS::SNS::Topic', {
      KmsMasterKeyId: { 'Fn::GetAtt': [logicalId(stack, key), 'Arn'] }, FifoTopic: true, TopicName: 'orders.fifo', ContentBasedDeduplication: true,
    });
    Template.fromStack(stack).resourceCountIs('AWS::KMS::Key', 1);
  });

  test('drop-in: grants and alarm actions work', () => {
    const stack = propertyTestStack();
    const topic = new SecureTopic(stack, 'Alerts', { publishingServices: [KeyService.CLOUDWATCH_ALARMS_TO_SNS] });
    const role = new iam.Role(stack, 'R', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    topic.grantPublish(role);
    new cloudwatch.Alarm(stack, 'A', { metric: new cloudwatch.Metric({ namespace: 'X', metricName: 'Y' }), threshold: 1, evaluationPeriods: 1 })
      .addAlarmAction(new actions.SnsAction(topic));
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: 'sns:Publish' })]) },
    });
  });
});

describe('SecureTopic compliance (all six packs + FortressChecks)', () => {
  test('GIVEN no props THEN compliant with no acknowledgment', () => {
    const stack = complianceTestStack();
    new SecureTopic(stack, 'Alerts');
    expect(ids(expectCompliant(stack).acknowledgments)).toEqual([]);
  });

  test('property: random valid props always synthesize compliant', () => {
    fc.assert(fc.property(fc.record({
      fifo: fc.boolean(),
      displayName: fc.option(fc.stringMatching(/^[A-Za-z][A-Za-z0-9 ]{0,40}$/), { nil: undefined }),
      services: fc.subarray([KeyService.CLOUDWATCH_ALARMS_TO_SNS, KeyService.EVENTBRIDGE_TO_SNS, KeyService.S3_EVENT_NOTIFICATIONS]),
    }), (p) => {
      const stack = complianceTestStack();
      new SecureTopic(stack, 'Alerts', { fifo: p.fifo || undefined, contentBasedDeduplication: p.fifo || undefined, displayName: p.displayName, publishingServices: p.services });
      expectCompliant(stack);
    }), { numRuns: 6 });
  });
});

describe('SecureTopic rejects invalid input before creating anything', () => {
  const PREFIX = '[cdk-fortress] Stack/Alerts: ';
  const attempt = (props: (stack: Stack) => any): unknown => rejectionOf('Alerts', props, (stack, id, p) => new SecureTopic(stack, id, p));

  test.each<[string, (stack: Stack) => any, string]>([
    ['a name with a dot', () => ({ topicName: 'alerts.v2' }), "invalid 'topicName'"],
    ['a name over 256 characters', () => ({ topicName: 't'.repeat(257) }), "invalid 'topicName'"],
    ['an empty name', () => ({ topicName: '' }), "invalid 'topicName'"],
    ['a FIFO name on a standard topic', () => ({ topicName: 'alerts.fifo' }), "invalid 'topicName': must not end with '.fifo' unless fifo is true"],
    ['a FIFO topic with a standard name', () => ({ topicName: 'alerts', fifo: true }), "invalid 'topicName': must end with '.fifo'"],
    ['content deduplication on a standard topic', () => ({ contentBasedDeduplication: true }), "invalid 'contentBasedDeduplication': requires a FIFO topic"],
    ['a display name over 100 characters', () => ({ displayName: 'd'.repeat(101) }), "invalid 'displayName': must be a string of 1 to 100 characters"],
    ['an empty display name', () => ({ displayName: '' }), "invalid 'displayName'"],
    ['a key and a key ring', (stack) => ({ masterKey: new kms.Key(stack, 'K'), keyRing: KmsKeyRing.of(stack) }), "invalid 'masterKey': cannot be combined with 'keyRing'"],
    ['a key that is not one', () => ({ masterKey: 'alias/aws/sns' }), "invalid 'masterKey': must be a customer-managed KMS key"],
    ['a key ring that is not one', () => ({ keyRing: 'ring' }), "invalid 'keyRing': must be a KmsKeyRing"],
    ['a service that does not publish to SNS', () => ({ publishingServices: [KeyService.CLOUDTRAIL] }), "invalid 'publishingServices': must each be one of KeyService.CLOUDWATCH_ALARMS_TO_SNS"],
    ['an SQS integration', () => ({ publishingServices: [KeyService.EVENTBRIDGE_TO_SQS] }), "invalid 'publishingServices'"],
    ['a service principal string', () => ({ publishingServices: ['events.amazonaws.com'] }), "invalid 'publishingServices'"],
    ['a service named twice', () => ({ publishingServices: [KeyService.EVENTBRIDGE_TO_SNS, KeyService.EVENTBRIDGE_TO_SNS] }), "invalid 'publishingServices': must not repeat entries"],
    ['services that are not a list', () => ({ publishingServices: KeyService.EVENTBRIDGE_TO_SNS }), "invalid 'publishingServices': must be a list"],
    ['props that are not an object', () => [], "invalid 'props': must be an object"],
  ])('%s', (_name, props, message) => {
    const error = attempt(props);
    expect(FortressErrors.isFortressError(error)).toBe(true);
    expect((error as Error).message).toContain(PREFIX + message);
  });

  test.each([undefined, null])('JavaScript callers passing %p props get the defaults', (props) => {
    expect(attempt(() => props)).toBeUndefined();
  });

  test('property: any name with a character SNS refuses is refused with the library error', () => {
    fc.assert(fc.property(fc.string({ minLength: 1, maxLength: 40 }).filter((n) => /[^A-Za-z0-9_-]/.test(n.replace(/\.fifo$/, ''))), (name) => {
      expect(FortressErrors.isFortressError(attempt(() => ({ topicName: name, fifo: name.endsWith('.fifo') || undefined })))).toBe(true);
    }), { numRuns: 50 });
  });
});

import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { SecureQueue, SecureTopic, SecurityNotificationsTopic, SecurityAlarms, AuditTrail } from '../../../src';
import { ruleTestStack, violationsOf } from '../rule-harness';

describe('SQSQueueTlsOnly', () => {
  const RULE = 'SQSQueueTlsOnly';

  test('Noncompliance 1: no queue policy', () => {
    const stack = ruleTestStack();
    new sqs.Queue(stack, 'Queue');
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Queue/Resource']);
  });

  test('Noncompliance 2: a policy without the TLS deny', () => {
    const stack = ruleTestStack();
    const queue = new sqs.Queue(stack, 'Queue');
    queue.grantSendMessages(new iam.AccountRootPrincipal());
    queue.addToResourcePolicy(new iam.PolicyStatement({ principals: [new iam.AccountRootPrincipal()], actions: ['sqs:SendMessage'], resources: [queue.queueArn] }));
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Queue/Resource']);
  });

  test('Noncompliance 3: the TLS deny only covers SendMessage', () => {
    const stack = ruleTestStack();
    const queue = new sqs.Queue(stack, 'Queue');
    queue.addToResourcePolicy(new iam.PolicyStatement({
      effect: iam.Effect.DENY,
      principals: [new iam.AnyPrincipal()],
      actions: ['sqs:SendMessage'],
      resources: [queue.queueArn],
      conditions: { Bool: { 'aws:SecureTransport': 'false' } },
    }));
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Queue/Resource']);
  });

  test('Noncompliance 4: the TLS deny is narrowed by another condition', () => {
    const stack = ruleTestStack();
    const queue = new sqs.Queue(stack, 'Queue');
    queue.addToResourcePolicy(new iam.PolicyStatement({
      effect: iam.Effect.DENY,
      principals: [new iam.AnyPrincipal()],
      actions: ['sqs:*'],
      resources: [queue.queueArn],
      conditions: { Bool: { 'aws:SecureTransport': 'false' }, StringEquals: { 'aws:PrincipalAccount': '999988887777' } },
    }));
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Queue/Resource']);
  });

  test('Noncompliance 5: the TLS deny was removed by an escape hatch', () => {
    const stack = ruleTestStack();
    const queue = new sqs.Queue(stack, 'Queue', { enforceSSL: true });
    const policy = queue.node.findChild('Policy').node.defaultChild as sqs.CfnQueuePolicy;
    policy.addPropertyOverride('PolicyDocument.Statement.0.Condition.Bool.aws:SecureTransport', 'true');
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Queue/Resource']);
  });

  test('Noncompliance 6: the TLS deny is on another queue', () => {
    const stack = ruleTestStack();
    const other = new sqs.Queue(stack, 'Other', { enforceSSL: true });
    const queue = new sqs.CfnQueue(stack, 'Queue');
    new sqs.CfnQueuePolicy(stack, 'Policy', {
      queues: [queue.ref],
      policyDocument: { Statement: [{ Effect: 'Deny', Principal: '*', Action: 'sqs:*', Resource: other.queueArn, Condition: { Bool: { 'aws:SecureTransport': 'false' } } }] },
    });
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Queue']);
  });

  test('Compliance: enforceSSL, a raw policy with a wildcard resource, SecureQueue and its dead-letter queue', () => {
    const stack = ruleTestStack();
    new sqs.Queue(stack, 'Plain', { enforceSSL: true });
    const raw = new sqs.CfnQueue(stack, 'Raw');
    new sqs.CfnQueuePolicy(stack, 'RawPolicy', {
      queues: [raw.ref],
      policyDocument: { Statement: [{ Effect: 'Deny', Principal: { AWS: '*' }, Action: ['*'], Resource: '*', Condition: { Bool: { 'aws:SecureTransport': false } } }] },
    });
    new SecureQueue(stack, 'Secure');
    expect(violationsOf(stack, RULE)).toEqual([]);
  });
});

describe('SQSQueueKmsEncrypted', () => {
  const RULE = 'SQSQueueKmsEncrypted';

  test('Noncompliance 1: SQS-managed encryption (the L2 default)', () => {
    const stack = ruleTestStack();
    new sqs.Queue(stack, 'Queue');
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Queue/Resource']);
  });

  test('Noncompliance 2: the AWS managed key', () => {
    const stack = ruleTestStack();
    new sqs.CfnQueue(stack, 'Queue', { kmsMasterKeyId: 'alias/aws/sqs' });
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Queue']);
  });

  test('Noncompliance: the key removable in an Fn::If branch, or the AWS managed key spelled through Fn::Join', () => {
    const stack = ruleTestStack();
    (new SecureQueue(stack, 'Removable', { isDeadLetterQueue: true }).node.defaultChild as sqs.CfnQueue)
      .addPropertyOverride('KmsMasterKeyId', { 'Fn::If': ['Never', 'alias/x', { Ref: 'AWS::NoValue' }] });
    new sqs.CfnQueue(stack, 'Joined').addPropertyOverride('KmsMasterKeyId', { 'Fn::Join': ['', ['alias/aws/', 'sqs']] });
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Joined', 'RuleTest/Removable/Resource']);
  });

  test('Noncompliance 3: the key removed by an escape hatch', () => {
    const stack = ruleTestStack();
    const queue = new SecureQueue(stack, 'Queue', { isDeadLetterQueue: true });
    (queue.node.defaultChild as sqs.CfnQueue).addPropertyDeletionOverride('KmsMasterKeyId');
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Queue/Resource']);
  });

  test('Compliance: a customer-managed key, by reference or by alias', () => {
    const stack = ruleTestStack();
    new sqs.Queue(stack, 'Queue', { encryptionMasterKey: new kms.Key(stack, 'Key') });
    new sqs.CfnQueue(stack, 'Aliased', { kmsMasterKeyId: 'alias/payments/messaging' });
    new SecureQueue(stack, 'Secure');
    expect(violationsOf(stack, RULE)).toEqual([]);
  });
});

describe('SNSTopicTlsOnly', () => {
  const RULE = 'SNSTopicTlsOnly';

  test('Noncompliance 1: no topic policy', () => {
    const stack = ruleTestStack();
    new sns.Topic(stack, 'Topic');
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Topic/Resource']);
  });

  test('Noncompliance 2: a policy without the TLS deny', () => {
    const stack = ruleTestStack();
    const topic = new sns.Topic(stack, 'Topic');
    topic.addToResourcePolicy(new iam.PolicyStatement({ principals: [new iam.AccountRootPrincipal()], actions: ['sns:Publish'], resources: [topic.topicArn] }));
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Topic/Resource']);
  });

  test('Noncompliance 3: the TLS deny covers Subscribe only', () => {
    const stack = ruleTestStack();
    const topic = new sns.Topic(stack, 'Topic');
    topic.addToResourcePolicy(new iam.PolicyStatement({
      effect: iam.Effect.DENY,
      principals: [new iam.AnyPrincipal()],
      actions: ['sns:Subscribe'],
      resources: [topic.topicArn],
      conditions: { Bool: { 'aws:SecureTransport': 'false' } },
    }));
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Topic/Resource']);
  });

  test('Noncompliance 4: the TLS deny removed by an escape hatch', () => {
    const stack = ruleTestStack();
    const topic = new SecureTopic(stack, 'Topic');
    const policy = topic.node.findChild('Policy').node.defaultChild as sns.CfnTopicPolicy;
    policy.addPropertyOverride('PolicyDocument.Statement.0.Effect', 'Allow');
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Topic/Resource']);
  });

  test('Compliance: enforceSSL, an inline topic policy, SecureTopic, SecurityNotificationsTopic', () => {
    const stack = ruleTestStack();
    new sns.Topic(stack, 'Plain', { enforceSSL: true });
    const raw = new sns.CfnTopic(stack, 'Raw');
    new sns.CfnTopicInlinePolicy(stack, 'RawPolicy', {
      topicArn: raw.ref,
      policyDocument: { Statement: [{ Effect: 'Deny', Principal: '*', Action: 'sns:*', Resource: raw.ref, Condition: { Bool: { 'aws:SecureTransport': 'false' } } }] },
    });
    new SecureTopic(stack, 'Secure');
    SecurityNotificationsTopic.of(stack);
    expect(violationsOf(stack, RULE)).toEqual([]);
  });
});

describe('SNSTopicKmsEncrypted', () => {
  const RULE = 'SNSTopicKmsEncrypted';

  test('Noncompliance: the key removable in an Fn::If branch', () => {
    const stack = ruleTestStack();
    (new SecureTopic(stack, 'Removable').node.defaultChild as sns.CfnTopic)
      .addPropertyOverride('KmsMasterKeyId', { 'Fn::If': ['Never', 'alias/x', { Ref: 'AWS::NoValue' }] });
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Removable/Resource']);
  });

  test('Noncompliance 1: unencrypted (the L2 default)', () => {
    const stack = ruleTestStack();
    new sns.Topic(stack, 'Topic');
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Topic/Resource']);
  });

  test('Noncompliance 2: the AWS managed key, by alias ARN', () => {
    const stack = ruleTestStack();
    new sns.CfnTopic(stack, 'Topic', { kmsMasterKeyId: 'arn:aws:kms:eu-west-1:111122223333:alias/aws/sns' });
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Topic']);
  });

  test('Compliance: a customer-managed key; the library topics', () => {
    const stack = ruleTestStack();
    new sns.Topic(stack, 'Topic', { masterKey: new kms.Key(stack, 'Key') });
    new SecureTopic(stack, 'Secure');
    SecurityNotificationsTopic.of(stack);
    expect(violationsOf(stack, RULE)).toEqual([]);
  });
});

describe('library queues and topics comply with the messaging rules', () => {
  test('SecurityAlarms (topic, undelivered-alerts queue) have no messaging finding', () => {
    const stack = ruleTestStack();
    new SecurityAlarms(stack, 'Alarms', { trail: new AuditTrail(stack, 'Trail') });
    SecurityNotificationsTopic.of(stack).addEmailSubscription('security@example.com');
    expect(stack.node.findChild('FortressUndeliveredAlerts')).toBeInstanceOf(SecureQueue);
    expect(SecurityNotificationsTopic.of(stack)).toBeInstanceOf(SecureTopic);
    for (const rule of ['SQSQueueTlsOnly', 'SQSQueueKmsEncrypted', 'SNSTopicTlsOnly', 'SNSTopicKmsEncrypted']) {
      expect({ rule, violations: violationsOf(stack, rule) }).toEqual({ rule, violations: [] });
    }
  });
});

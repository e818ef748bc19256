import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as fc from 'fast-check';
import { FortressErrors, KeyPurpose, KmsKeyRing, SecureQueue } from '../../src';
import { complianceTestStack, expectCompliant, propertyTestStack, rejectionOf } from '../compliance';

const ids = (acks: Array<{ constructPath: string; ruleId: string }>) => acks.map((a) => `${a.constructPath} ${a.ruleId}`);
const logicalId = (stack: Stack, c: { node: { defaultChild?: any } }) => stack.getLogicalId(c.node.defaultChild);

/** The acknowledgments a SecureQueue with defaults makes (documented in the README). */
const DEFAULT_ACKNOWLEDGMENTS = [
  'Stack/Orders/DeadLetterQueue AwsSolutions-SQS3',
  'Stack/Orders/DeadLetterQueue Serverless-SQSRedrivePolicy',
];

describe('SecureQueue', () => {
  test('GIVEN no props THEN encrypted with the ring messaging key, redriven after 5 receives, retained', () => {
    const stack = propertyTestStack();
    const queue = new SecureQueue(stack, 'Orders');
    const key = KmsKeyRing.of(stack).key(KeyPurpose.MESSAGING);
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::SQS::Queue', 2);
    template.hasResource('AWS::SQS::Queue', {
      Properties: {
        KmsMasterKeyId: { 'Fn::GetAtt': [logicalId(stack, key), 'Arn'] },
        SqsManagedSseEnabled: Match.absent(),
        RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': [logicalId(stack, queue.createdDeadLetterQueue!), 'Arn'] }, maxReceiveCount: 5 },
        MessageRetentionPeriod: Match.absent(),
      },
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
    expect(queue.deadLetterQueue?.queue).toBe(queue.createdDeadLetterQueue);
    expect(queue).toBeInstanceOf(sqs.Queue);
  });

  test('GIVEN no props THEN the dead-letter queue is a SecureQueue without its own, kept 14 days, same key', () => {
    const stack = propertyTestStack();
    const queue = new SecureQueue(stack, 'Orders');
    const dlq = queue.createdDeadLetterQueue!;
    expect(dlq).toBeInstanceOf(SecureQueue);
    expect(dlq.node.path).toBe('Stack/Orders/DeadLetterQueue');
    expect(dlq.createdDeadLetterQueue).toBeUndefined();
    Template.fromStack(stack).hasResource('AWS::SQS::Queue', {
      Properties: {
        MessageRetentionPeriod: 1209600,
        RedrivePolicy: Match.absent(),
        KmsMasterKeyId: { 'Fn::GetAtt': [logicalId(stack, KmsKeyRing.of(stack).key(KeyPurpose.MESSAGING)), 'Arn'] },
      },
      DeletionPolicy: 'Retain',
    });
  });

  test('GIVEN no props THEN both queues deny every request without TLS', () => {
    const stack = propertyTestStack();
    const queue = new SecureQueue(stack, 'Orders');
    const template = Template.fromStack(stack);
    for (const q of [queue, queue.createdDeadLetterQueue!]) {
      template.hasResourceProperties('AWS::SQS::QueuePolicy', {
        Queues: [{ Ref: logicalId(stack, q) }],
        PolicyDocument: {
          Statement: Match.arrayWith([Match.objectLike({
            Effect: 'Deny',
            Principal: { AWS: '*' },
            Action: 'sqs:*',
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
            Resource: { 'Fn::GetAtt': [logicalId(stack, q), 'Arn'] },
          })]),
        },
      });
    }
  });

  test('GIVEN a FIFO queue THEN its dead-letter queue is FIFO too', () => {
    const stack = propertyTestStack();
    new SecureQueue(stack, 'Orders', { fifo: true, contentBasedDeduplication: true, maxReceiveCount: 10 });
    const queues = Template.fromStack(stack).findResources('AWS::SQS::Queue');
    expect(Object.values(queues).map((q: any) => q.Properties.FifoQueue)).toEqual([true, true]);
    Template.fromStack(stack).hasResourceProperties('AWS::SQS::Queue', { RedrivePolicy: Match.objectLike({ maxReceiveCount: 10 }) });
  });

  test('GIVEN an own dead-letter queue THEN no queue is created for it', () => {
    const stack = propertyTestStack();
    const dlq = new SecureQueue(stack, 'Dlq', { isDeadLetterQueue: true });
    const queue = new SecureQueue(stack, 'Orders', { deadLetterQueue: { queue: dlq, maxReceiveCount: 3 } });
    expect(queue.createdDeadLetterQueue).toBeUndefined();
    Template.fromStack(stack).resourceCountIs('AWS::SQS::Queue', 2);
  });

  test('GIVEN an own key THEN both queues use it', () => {
    const stack = propertyTestStack();
    const key = new kms.Key(stack, 'Own');
    new SecureQueue(stack, 'Orders', { encryptionMasterKey: key, dataKeyReuse: Duration.hours(1) });
    const queues = Object.values(Template.fromStack(stack).findResources('AWS::SQS::Queue'));
    expect(queues.map((q: any) => q.Properties.KmsMasterKeyId)).toEqual([{ 'Fn::GetAtt': [logicalId(stack, key), 'Arn'] }, { 'Fn::GetAtt': [logicalId(stack, key), 'Arn'] }]);
    expect(queues.map((q: any) => q.Properties.KmsDataKeyReusePeriodSeconds)).toEqual([3600, 3600]);
  });

  test('drop-in: grants include the key', () => {
    const stack = propertyTestStack();
    const queue = new SecureQueue(stack, 'Orders');
    const role = new iam.Role(stack, 'R', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    queue.grantSendMessages(role);
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: Match.arrayWith(['kms:GenerateDataKey*']) })]) },
    });
  });
});

describe('SecureQueue compliance (all six packs + FortressChecks)', () => {
  test('GIVEN no props THEN no unacknowledged error, and exactly the documented acknowledgments', () => {
    const stack = complianceTestStack();
    new SecureQueue(stack, 'Orders');
    expect(ids(expectCompliant(stack).acknowledgments)).toEqual(DEFAULT_ACKNOWLEDGMENTS);
  });

  test('GIVEN an own dead-letter queue and a FIFO queue THEN compliant, acknowledged only on the dead-letter queues', () => {
    const stack = complianceTestStack();
    const dlq = new SecureQueue(stack, 'Failed', { isDeadLetterQueue: true });
    new SecureQueue(stack, 'Orders', { deadLetterQueue: { queue: dlq, maxReceiveCount: 3 } });
    new SecureQueue(stack, 'Events', { fifo: true, queueName: 'events.fifo' });
    expect(ids(expectCompliant(stack).acknowledgments)).toEqual([
      'Stack/Events/DeadLetterQueue AwsSolutions-SQS3',
      'Stack/Events/DeadLetterQueue Serverless-SQSRedrivePolicy',
      'Stack/Failed AwsSolutions-SQS3',
      'Stack/Failed Serverless-SQSRedrivePolicy',
    ]);
  });

  test('property: random valid props always synthesize compliant', () => {
    fc.assert(fc.property(fc.record({
      fifo: fc.boolean(),
      retentionSeconds: fc.option(fc.integer({ min: 60, max: 1_209_600 }), { nil: undefined }),
      visibilitySeconds: fc.option(fc.integer({ min: 0, max: 43_200 }), { nil: undefined }),
      delaySeconds: fc.option(fc.integer({ min: 0, max: 900 }), { nil: undefined }),
      waitSeconds: fc.option(fc.integer({ min: 0, max: 20 }), { nil: undefined }),
      reuseSeconds: fc.option(fc.integer({ min: 60, max: 86_400 }), { nil: undefined }),
      maxReceiveCount: fc.option(fc.integer({ min: 1, max: 1000 }), { nil: undefined }),
      removalPolicy: fc.constantFrom(undefined, RemovalPolicy.RETAIN, RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE, RemovalPolicy.DESTROY),
    }), (p) => {
      const stack = complianceTestStack();
      const s = (n: number | undefined) => (n === undefined ? undefined : Duration.seconds(n));
      new SecureQueue(stack, 'Orders', {
        fifo: p.fifo || undefined,
        contentBasedDeduplication: p.fifo || undefined,
        retentionPeriod: s(p.retentionSeconds),
        visibilityTimeout: s(p.visibilitySeconds),
        deliveryDelay: s(p.delaySeconds),
        receiveMessageWaitTime: s(p.waitSeconds),
        dataKeyReuse: s(p.reuseSeconds),
        maxReceiveCount: p.maxReceiveCount,
        removalPolicy: p.removalPolicy,
      });
      expectCompliant(stack);
    }), { numRuns: 8 });
  });
});

describe('SecureQueue rejects invalid input before creating anything', () => {
  const PREFIX = '[cdk-fortress] Stack/Orders: ';
  const attempt = (props: (stack: Stack) => any): unknown => rejectionOf('Orders', props, (stack, id, p) => new SecureQueue(stack, id, p));

  test.each<[string, (stack: Stack) => any, string]>([
    ['maxReceiveCount 0', () => ({ maxReceiveCount: 0 }), "invalid 'maxReceiveCount': must be an integer from 1 to 1000 (got 0)"],
    ['maxReceiveCount 1001', () => ({ maxReceiveCount: 1001 }), "invalid 'maxReceiveCount'"],
    ['a fractional maxReceiveCount', () => ({ maxReceiveCount: 2.5 }), "invalid 'maxReceiveCount'"],
    ['retention under a minute', () => ({ retentionPeriod: Duration.seconds(59) }), "invalid 'retentionPeriod': must be a whole number of seconds from 60 seconds to 14 days"],
    ['retention over 14 days', () => ({ retentionPeriod: Duration.days(15) }), "invalid 'retentionPeriod'"],
    ['retention in milliseconds', () => ({ retentionPeriod: Duration.millis(90_500) }), "invalid 'retentionPeriod'"],
    ['retention given as a number', () => ({ retentionPeriod: 345600 }), "invalid 'retentionPeriod': must be a Duration"],
    ['visibility timeout over 12 hours', () => ({ visibilityTimeout: Duration.hours(13) }), "invalid 'visibilityTimeout': must be a whole number of seconds from 0 seconds to 12 hours"],
    ['delivery delay over 15 minutes', () => ({ deliveryDelay: Duration.minutes(16) }), "invalid 'deliveryDelay'"],
    ['long polling over 20 seconds', () => ({ receiveMessageWaitTime: Duration.seconds(21) }), "invalid 'receiveMessageWaitTime'"],
    ['data key reuse under a minute', () => ({ dataKeyReuse: Duration.seconds(30) }), "invalid 'dataKeyReuse'"],
    ['a queue name with a dot', () => ({ queueName: 'orders.v2' }), "invalid 'queueName'"],
    ['a queue name over 80 characters', () => ({ queueName: 'q'.repeat(81) }), "invalid 'queueName'"],
    ['a FIFO name on a standard queue', () => ({ queueName: 'orders.fifo', fifo: false }), "invalid 'queueName': must not end with '.fifo'"],
    ['a FIFO queue with a standard name', () => ({ queueName: 'orders', fifo: true }), "invalid 'queueName': must end with '.fifo'"],
    ['content deduplication on a standard queue', () => ({ contentBasedDeduplication: true }), "invalid 'contentBasedDeduplication': requires a FIFO queue"],
    ['a dead-letter queue given to a dead-letter queue', (stack) => ({ isDeadLetterQueue: true, deadLetterQueue: { queue: new sqs.Queue(stack, 'D'), maxReceiveCount: 3 } }), "invalid 'isDeadLetterQueue': cannot be combined with 'deadLetterQueue'"],
    ['a receive count on a dead-letter queue', () => ({ isDeadLetterQueue: true, maxReceiveCount: 3 }), "invalid 'isDeadLetterQueue': cannot be combined with 'maxReceiveCount'"],
    ['a receive count beside an own dead-letter queue', (stack) => ({ maxReceiveCount: 3, deadLetterQueue: { queue: new SecureQueue(stack, 'D', { isDeadLetterQueue: true }), maxReceiveCount: 3 } }), "invalid 'maxReceiveCount': cannot be combined with 'deadLetterQueue'"],
    ['a dead-letter queue without a queue', () => ({ deadLetterQueue: { maxReceiveCount: 3 } }), "invalid 'deadLetterQueue': must be { queue, maxReceiveCount }"],
    ['a dead-letter queue without a receive count', (stack) => ({ deadLetterQueue: { queue: new SecureQueue(stack, 'D', { isDeadLetterQueue: true }) } }), "invalid 'deadLetterQueue.maxReceiveCount': is required"],
    ['a dead-letter receive count of 0', (stack) => ({ deadLetterQueue: { queue: new SecureQueue(stack, 'D', { isDeadLetterQueue: true }), maxReceiveCount: 0 } }), "invalid 'deadLetterQueue.maxReceiveCount'"],
    ['a standard dead-letter queue for a FIFO queue', (stack) => ({ fifo: true, deadLetterQueue: { queue: new SecureQueue(stack, 'D', { isDeadLetterQueue: true }), maxReceiveCount: 3 } }), "invalid 'deadLetterQueue': must be a FIFO queue"],
    ['an SQS-managed dead-letter queue', (stack) => ({ deadLetterQueue: { queue: new sqs.Queue(stack, 'D', { encryption: sqs.QueueEncryption.SQS_MANAGED }), maxReceiveCount: 3 } }), "invalid 'deadLetterQueue': must be encrypted with a customer-managed KMS key"],
    ['a key and a key ring', (stack) => ({ encryptionMasterKey: new kms.Key(stack, 'K'), keyRing: KmsKeyRing.of(stack) }), "invalid 'encryptionMasterKey': cannot be combined with 'keyRing'"],
    ['a key that is not one', () => ({ encryptionMasterKey: 'alias/aws/sqs' }), "invalid 'encryptionMasterKey': must be a customer-managed KMS key"],
    ['isDeadLetterQueue as a string', () => ({ isDeadLetterQueue: 'yes' }), "invalid 'isDeadLetterQueue': must be true or false"],
    ['a SNAPSHOT removal policy', () => ({ removalPolicy: RemovalPolicy.SNAPSHOT }), "invalid 'removalPolicy'"],
    ['props that are not an object', () => 42, "invalid 'props': must be an object"],
  ])('%s', (_name, props, message) => {
    const error = attempt(props);
    expect(FortressErrors.isFortressError(error)).toBe(true);
    expect((error as Error).message).toContain(PREFIX + message);
  });

  test.each([undefined, null])('JavaScript callers passing %p props get the defaults', (props) => {
    expect(attempt(() => props)).toBeUndefined();
  });

  test('property: any out-of-range receive count is refused with the library error', () => {
    const outOfRange = fc.oneof(fc.integer({ max: 0 }), fc.integer({ min: 1001 }), fc.double({ min: 1.01, max: 999.99, noInteger: true }));
    fc.assert(fc.property(outOfRange, (n) => {
      expect(FortressErrors.isFortressError(attempt(() => ({ maxReceiveCount: n })))).toBe(true);
    }), { numRuns: 50 });
  });
});

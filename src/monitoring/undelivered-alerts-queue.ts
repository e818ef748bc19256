import { Duration, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { IConstruct } from 'constructs';
import { stackSingleton } from '../core/stack-singleton';
import { KeyPurpose } from '../kms/key-purpose';
import { KeyService } from '../kms/key-service';
import { KmsKeyRing } from '../kms/kms-key-ring';
import { SecureQueue } from '../sqs/secure-queue';

const QUEUE_ID = 'FortressUndeliveredAlerts';

/**
 * The stack's dead-letter queue for security alerts that EventBridge or SNS could not deliver:
 * a SecureQueue (the ring's messaging key, TLS only, kept 14 days, retained) writable by EventBridge and SNS
 * of this account only. One per stack, shared by every alert rule and subscription.
 */
export function undeliveredAlertsQueue(scope: IConstruct): sqs.Queue {
  return stackSingleton(scope, QUEUE_ID, sqs.Queue, createQueue);
}

function createQueue(stack: Stack, id: string): sqs.Queue {
  const ring = KmsKeyRing.of(stack);
  // Dead-letter queue of EventBridge rules and of SNS subscriptions: both services write to it.
  ring.enableService(KeyPurpose.MESSAGING, KeyService.EVENTBRIDGE_TO_SQS);
  ring.enableService(KeyPurpose.MESSAGING, KeyService.SNS_TO_SQS);
  // A SecureQueue that is itself a dead-letter queue: ring messaging key, TLS only, kept 14 days, retained,
  // with the dead-letter-queue rules acknowledged on it.
  const queue = new SecureQueue(stack, id, { keyRing: ring, isDeadLetterQueue: true, retentionPeriod: Duration.days(14) });
  queue.addToResourcePolicy(new iam.PolicyStatement({
    principals: [new iam.ServicePrincipal('events.amazonaws.com'), new iam.ServicePrincipal('sns.amazonaws.com')],
    actions: ['sqs:SendMessage'],
    resources: [queue.queueArn],
    conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
  }));
  return queue;
}

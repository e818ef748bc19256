import { Annotations, Stack, Token } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { FortressError } from '../core/fortress-error';
import { LeastPrivilegeRole } from '../iam/least-privilege-role';
import { KeyPurpose } from '../kms/key-purpose';
import { KeyService } from '../kms/key-service';
import { KmsKeyRing } from '../kms/kms-key-ring';
import { SecureFunction } from '../lambda/secure-function';
import { SecureTopic } from '../sns/secure-topic';
import { SecureQueue } from '../sqs/secure-queue';

/** An event bus ARN: arn:<partition>:events:<region>:<account>:event-bus/<name>. */
const EVENT_BUS_ARN = /^arn:aws[a-z-]*:events:[a-z0-9-]+:\d{12}:event-bus\/[A-Za-z0-9._\-/]{1,256}$/;

/**
 * Where a {@link FindingsRoute} delivers matching events: a SecureTopic (email, chat), a SecureQueue (a ticketing
 * integration), a SecureFunction (e.g. a {@link ResponsePlaybook}), or another account's event bus.
 *
 * @example
 * declare const tickets: SecureQueue;
 * const destination = FindingsDestination.queue(tickets);
 */
export class FindingsDestination {
  /**
   * A SecureTopic (standard, not FIFO). The router admits EventBridge to it: a topic policy statement per rule
   * (`aws:SourceArn`), and `KeyService.EVENTBRIDGE_TO_SNS` on its ring's messaging key.
   */
  public static topic(topic: SecureTopic): FindingsDestination {
    if (!(topic instanceof SecureTopic)) throw FortressError.invalidProp('FindingsDestination', 'topic', 'must be a SecureTopic', topic);
    if (topic.fifo) throw FortressError.invalidProp('FindingsDestination', 'topic', 'must be a standard topic (EventBridge needs a message group id for FIFO)', topic.node.path);
    return new FindingsDestination('topic', topic.node.path, topic.topicArn, (router, rule) => {
      topic.addToResourcePolicy(new iam.PolicyStatement({
        principals: [new iam.ServicePrincipal('events.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [topic.topicArn],
        conditions: { ArnEquals: { 'aws:SourceArn': rule.attrArn } },
      }));
      enableOnRingKey(router, topic, topic.masterKey, KeyService.EVENTBRIDGE_TO_SNS);
      return {};
    });
  }

  /**
   * A SecureQueue (standard, not FIFO). The router admits EventBridge to it: a queue policy statement per rule
   * (`aws:SourceArn`), and `KeyService.EVENTBRIDGE_TO_SQS` on its ring's messaging key.
   */
  public static queue(queue: SecureQueue): FindingsDestination {
    if (!(queue instanceof SecureQueue)) throw FortressError.invalidProp('FindingsDestination', 'queue', 'must be a SecureQueue', queue);
    if (queue.fifo) throw FortressError.invalidProp('FindingsDestination', 'queue', 'must be a standard queue (EventBridge needs a message group id for FIFO)', queue.node.path);
    return new FindingsDestination('queue', queue.node.path, queue.queueArn, (router, rule) => {
      queue.addToResourcePolicy(new iam.PolicyStatement({
        principals: [new iam.ServicePrincipal('events.amazonaws.com')],
        actions: ['sqs:SendMessage'],
        resources: [queue.queueArn],
        conditions: { ArnEquals: { 'aws:SourceArn': rule.attrArn } },
      }));
      enableOnRingKey(router, queue, queue.encryptionMasterKey, KeyService.EVENTBRIDGE_TO_SQS);
      return {};
    });
  }

  /** A SecureFunction, invoked asynchronously: the router adds a permission for EventBridge limited to the rule (`SourceArn`). */
  public static lambdaFunction(fn: SecureFunction): FindingsDestination {
    if (!(fn instanceof SecureFunction)) throw FortressError.invalidProp('FindingsDestination', 'lambdaFunction', 'must be a SecureFunction', fn);
    return new FindingsDestination('function', fn.node.path, fn.functionArn, (router, rule, id) => {
      new lambda.CfnPermission(router, `${id}Permission`, {
        action: 'lambda:InvokeFunction',
        functionName: fn.functionArn,
        principal: 'events.amazonaws.com',
        sourceArn: rule.attrArn,
        sourceAccount: Stack.of(router).account,
      });
      return {};
    });
  }

  /**
   * Another account's event bus, e.g. a central security account's. EventBridge sends with a role of the router's
   * (`events:PutEvents` on that bus only); the bus's resource policy must admit this account
   * (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-cross-account.html).
   *
   * @param eventBusArn `arn:<partition>:events:<region>:<account>:event-bus/<name>`
   */
  public static eventBus(eventBusArn: string): FindingsDestination {
    if (typeof eventBusArn !== 'string' || (!Token.isUnresolved(eventBusArn) && !EVENT_BUS_ARN.test(eventBusArn))) {
      throw FortressError.invalidProp('FindingsDestination', 'eventBus', 'must be an event bus ARN, arn:<partition>:events:<region>:<account>:event-bus/<name>', eventBusArn);
    }
    let role: LeastPrivilegeRole | undefined;
    return new FindingsDestination('event bus', eventBusArn, eventBusArn, (router, _rule, id) => {
      const account = Token.isUnresolved(eventBusArn) ? undefined : eventBusArn.split(':')[4];
      if (account !== undefined && account === Stack.of(router).account) {
        throw FortressError.invalidProp(router, 'routes.destination', "must be another account's event bus (route to a topic, queue or function in this account)", eventBusArn);
      }
      role = role && role.node.scope === router ? role : new LeastPrivilegeRole(router, `${id}Role`, {
        assumedBy: new iam.ServicePrincipal('events.amazonaws.com'),
        description: `Lets EventBridge rules of ${router.node.path} put findings on ${eventBusArn}`.slice(0, 1000),
        statements: [new iam.PolicyStatement({ actions: ['events:PutEvents'], resources: [eventBusArn] })],
      });
      return { roleArn: role.roleArn };
    });
  }

  /**
   * @param kind what it is, for messages
   * @param description the construct path or ARN, for messages
   * @param arn the target ARN
   * @param bindTo admits a rule's events; returns what the target needs beyond arn and dead-letter queue
   */
  private constructor(
    public readonly kind: string,
    public readonly description: string,
    public readonly arn: string,
    private readonly bindTo: (router: Construct, rule: events.CfnRule, id: string) => { roleArn?: string },
  ) {}

  /** @internal admits `rule` (created in `router` with id `id`) to this destination; returns the target's extras */
  public _bind(router: Construct, rule: events.CfnRule, id: string): { roleArn?: string } {
    return this.bindTo(router, rule, id);
  }
}

/** Enables `service` on the ring's messaging key when `key` is it; otherwise warns that the key policy is the user's job. */
function enableOnRingKey(router: Construct, destination: Construct, key: { keyArn: string } | undefined, service: KeyService): void {
  const ring = KmsKeyRing.of(destination);
  if (key !== undefined && key === ring.key(KeyPurpose.MESSAGING)) {
    // EventBridge needs kms:GenerateDataKey and kms:Decrypt on an encrypted topic's or queue's key
    // (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-troubleshooting.html#eb-sqs-encrypted).
    ring.enableService(KeyPurpose.MESSAGING, service);
  } else {
    Annotations.of(router).addWarningV2('cdk-fortress:findingsDestinationKey',
      `${destination.node.path} is encrypted with a key that is not its stack ring's messaging key: allow ${service.servicePrincipal} `
      + 'kms:GenerateDataKey and kms:Decrypt in that key\'s policy, or EventBridge cannot deliver to it.');
  }
}

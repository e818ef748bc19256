import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct, IConstruct } from 'constructs';
import { undeliveredAlertsQueue } from './undelivered-alerts-queue';
import { PropChecks } from '../core/prop-checks';
import { stackSingleton } from '../core/stack-singleton';
import { KeyService } from '../kms/key-service';
import { KmsKeyRing } from '../kms/kms-key-ring';
import { SecureTopic } from '../sns/secure-topic';

/**
 * Properties of a {@link SecurityNotificationsTopic}.
 */
export interface SecurityNotificationsTopicProps {
  /**
   * The key ring whose messaging key encrypts the topic.
   *
   * @default - the stack's shared ring, `KmsKeyRing.of(this)`
   */
  readonly keyRing?: KmsKeyRing;
}

/**
 * The topic every security alert of a stack goes to (CloudWatch alarms, EventBridge rules): a
 * {@link SecureTopic} (the ring's messaging key, TLS only, closed to other accounts) that CloudWatch
 * and EventBridge of this account may publish to. Subscribe your responders to it.
 *
 * `SecurityNotificationsTopic.of(scope)` is the stack's shared one.
 *
 * @example
 * declare const stack: Stack;
 * const topic = SecurityNotificationsTopic.of(stack);
 */
export class SecurityNotificationsTopic extends SecureTopic {
  /** The stack's shared security-notifications topic, created on first call. */
  public static of(scope: IConstruct): SecurityNotificationsTopic {
    return stackSingleton(scope, SHARED_ID, SecurityNotificationsTopic, (stack, id) => new SecurityNotificationsTopic(stack, id));
  }

  private subscriptions = 0;

  constructor(scope: Construct, id: string, props: SecurityNotificationsTopicProps = {}) {
    // SecureTopic admits exactly these two publishers in the topic policy and enables them on the ring's messaging key.
    super(scope, id, {
      displayName: 'Security notifications',
      keyRing: props?.keyRing,
      publishingServices: [KeyService.CLOUDWATCH_ALARMS_TO_SNS, KeyService.EVENTBRIDGE_TO_SNS],
    });
  }

  /**
   * Sends every alert to an email address (the recipient confirms the subscription). Alerts SNS
   * cannot deliver go to the stack's dead-letter queue.
   */
  public addEmailSubscription(address: string): sns.Subscription {
    new PropChecks(this).matches('addEmailSubscription', address, /^[^\s@]+@[^\s@]+\.[^\s@]+$/, 'an email address');
    return this.subscribe('email', address);
  }

  /** Sends every alert to an HTTPS endpoint (plain HTTP is refused: alerts stay encrypted in transit). */
  public addHttpsSubscription(url: string): sns.Subscription {
    new PropChecks(this).matches('addHttpsSubscription', url, /^https:\/\/[^\s/]+(\/\S*)?$/, 'an https:// URL');
    return this.subscribe('https', url);
  }

  private subscribe(protocol: 'email' | 'https', endpoint: string): sns.Subscription {
    this.subscriptions += 1;
    return new sns.Subscription(this, `${protocol === 'email' ? 'Email' : 'Https'}Subscription${this.subscriptions}`, {
      topic: this,
      protocol: protocol === 'email' ? sns.SubscriptionProtocol.EMAIL : sns.SubscriptionProtocol.HTTPS,
      endpoint,
      deadLetterQueue: undeliveredAlertsQueue(this),
    });
  }
}

const SHARED_ID = 'FortressSecurityNotifications';

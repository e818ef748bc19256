import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct, IConstruct } from 'constructs';
import { undeliveredAlertsQueue } from './undelivered-alerts-queue';
import { PropChecks } from '../core/prop-checks';
import { stackSingleton } from '../core/stack-singleton';
import { KeyPurpose } from '../kms/key-purpose';
import { KeyService } from '../kms/key-service';
import { KmsKeyRing } from '../kms/kms-key-ring';

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
 * The topic every security alert of a stack goes to (CloudWatch alarms, EventBridge rules):
 * encrypted with the ring's messaging key, publishing over TLS only, and open to
 * CloudWatch and EventBridge of this account only. Subscribe your responders to it.
 *
 * `SecurityNotificationsTopic.of(scope)` is the stack's shared one.
 *
 * @example
 * declare const stack: Stack;
 * const topic = SecurityNotificationsTopic.of(stack);
 */
export class SecurityNotificationsTopic extends sns.Topic {
  /** The stack's shared security-notifications topic, created on first call. */
  public static of(scope: IConstruct): SecurityNotificationsTopic {
    return stackSingleton(scope, SHARED_ID, SecurityNotificationsTopic, (stack, id) => new SecurityNotificationsTopic(stack, id));
  }

  private subscriptions = 0;

  constructor(scope: Construct, id: string, props: SecurityNotificationsTopicProps = {}) {
    const ring = props.keyRing ?? KmsKeyRing.of(scope);
    // The topic policy admits exactly these two publishers; the key must too.
    ring.enableService(KeyPurpose.MESSAGING, KeyService.EVENTBRIDGE_TO_SNS);
    ring.enableService(KeyPurpose.MESSAGING, KeyService.CLOUDWATCH_ALARMS_TO_SNS);
    super(scope, id, {
      displayName: 'Security notifications',
      masterKey: ring.key(KeyPurpose.MESSAGING),
      enforceSSL: true,
    });
    for (const service of ['cloudwatch.amazonaws.com', 'events.amazonaws.com']) {
      this.addToResourcePolicy(new iam.PolicyStatement({
        principals: [new iam.ServicePrincipal(service)],
        actions: ['sns:Publish'],
        resources: [this.topicArn],
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }));
    }
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

import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cwActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as events from 'aws-cdk-lib/aws-events';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { FindingSeverity } from './finding-severity';
import { FindingSource } from './finding-source';
import { FindingsDestination } from './findings-destination';
import { propsOf } from '../core/construct-args';
import { FortressError } from '../core/fortress-error';
import { claimOnePerAccount } from '../core/one-per-account';
import { pathOf } from '../core/prop-checks';
import { SecurityNotificationsTopic } from '../monitoring/security-notifications-topic';
import { undeliveredAlertsQueue } from '../monitoring/undelivered-alerts-queue';

/** EventBridge's default quota of rules per event bus (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-quota.html). */
const RULES_PER_BUS = 300;

/**
 * One route of a {@link FindingsRouter}: the findings of `sources` at `minimumSeverity` or above go to `destination`.
 */
export interface FindingsRoute {
  /** The route's name, unique in the router: 1-32 letters and digits (it names the rules, e.g. `Critical`). */
  readonly name: string;

  /** Where matching findings go. */
  readonly destination: FindingsDestination;

  /**
   * The lowest severity routed, on the {@link FindingSeverity} scale.
   *
   * @default FindingSeverity.HIGH
   */
  readonly minimumSeverity?: FindingSeverity;

  /**
   * The sources routed. Sources that report nothing at `minimumSeverity` (e.g. Macie at CRITICAL, Config compliance
   * changes, which are MEDIUM, at HIGH) get no rule; a route left with no rule at all is refused.
   *
   * @default FindingSource.all()
   */
  readonly sources?: FindingSource[];
}

/**
 * Properties of a {@link FindingsRouter}.
 */
export interface FindingsRouterProps {
  /**
   * The routes, 1 to 30: one EventBridge rule per route and source (each rule and its alarm are billed: rules on the
   * default bus for AWS events are free, each alarm costs about USD 0.10 a month).
   */
  readonly routes: FindingsRoute[];
}

/**
 * Routes security findings of the account and region (GuardDuty, Security Hub, IAM Access Analyzer, AWS Config
 * compliance changes, Inspector, Macie, root activity and console sign-in without MFA) by severity and source to
 * topics, queues, functions or another account's event bus. Routing is data: each route renders to EventBridge
 * rules whose patterns match the severity themselves (no code in between).
 *
 * Every target has the stack's dead-letter queue for alerts (a SecureQueue) and every rule a CloudWatch alarm on
 * `AWS/Events FailedInvocations`, which notifies the stack's SecurityNotificationsTopic. One router per account
 * and region (in the security account, where the services' delegated administrators see every member's findings).
 *
 * @example
 * declare const oncall: SecureTopic;
 * declare const tickets: SecureQueue;
 * new FindingsRouter(this, 'Findings', {
 *   routes: [
 *     { name: 'Page', minimumSeverity: FindingSeverity.CRITICAL, destination: FindingsDestination.topic(oncall) },
 *     { name: 'Ticket', minimumSeverity: FindingSeverity.MEDIUM, destination: FindingsDestination.queue(tickets) },
 *   ],
 * });
 */
export class FindingsRouter extends Construct {
  /** The EventBridge rules, one per route and source, in route order. */
  public readonly rules: events.CfnRule[] = [];
  /** The alarms on failed invocations, one per rule, in the same order. */
  public readonly failedInvocationsAlarms: cloudwatch.Alarm[] = [];
  /** The dead-letter queue of every target. */
  public readonly deadLetterQueue: sqs.IQueue;

  constructor(scope: Construct, id: string, props: FindingsRouterProps) {
    const p = propsOf(scope, id, props);
    const path = pathOf(scope, id);
    validate(path, p);
    super(scope, id);
    claimOnePerAccount(this, {
      kind: 'FindingsRouter',
      why: 'a second router would deliver every finding its routes share twice (route to several destinations from one router instead)',
    });
    this.deadLetterQueue = undeliveredAlertsQueue(this);
    const alarmTopic = SecurityNotificationsTopic.of(this);
    for (const route of p.routes) {
      const minimum = route.minimumSeverity ?? FindingSeverity.HIGH;
      const sources = route.sources ?? FindingSource.all();
      for (const source of sources) {
        const pattern = source._eventPattern(minimum, sources);
        if (pattern === undefined) continue;
        const ruleId = `${route.name}${source.idPart}`;
        const rule = new events.CfnRule(this, ruleId, {
          description: `${source.name} findings of severity ${minimum.name} and above to ${route.destination.kind} ${route.destination.description}`.slice(0, 512),
          eventPattern: pattern,
          state: 'ENABLED',
        });
        const extras = route.destination._bind(this, rule, ruleId);
        rule.targets = [{
          id: 'Destination',
          arn: route.destination.arn,
          roleArn: extras.roleArn,
          deadLetterConfig: { arn: this.deadLetterQueue.queueArn },
        }];
        const alarm = new cloudwatch.Alarm(this, `${ruleId}FailedInvocations`, {
          alarmDescription: `EventBridge could not deliver ${source.name} findings of route ${route.name} (${this.node.path}); they wait in the dead-letter queue`,
          metric: new cloudwatch.Metric({
            namespace: 'AWS/Events',
            metricName: 'FailedInvocations',
            dimensionsMap: { RuleName: rule.ref },
            statistic: 'Sum',
            period: Duration.minutes(5),
          }),
          threshold: 1,
          evaluationPeriods: 1,
          comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
          treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        });
        alarm.addAlarmAction(new cwActions.SnsAction(alarmTopic));
        this.rules.push(rule);
        this.failedInvocationsAlarms.push(alarm);
      }
    }
  }
}

/** Refuses invalid routes before any resource exists. */
function validate(path: string, p: FindingsRouterProps): void {
  if (p === undefined || p === null || !Array.isArray(p.routes) || p.routes.length === 0 || p.routes.length > 30) {
    throw FortressError.invalidProp(path, 'routes', 'must be a list of 1 to 30 routes', p?.routes);
  }
  const names = new Set<string>();
  let rules = 0;
  p.routes.forEach((route, i) => {
    const prop = `routes[${i}]`;
    if (route === null || typeof route !== 'object') throw FortressError.invalidProp(path, prop, 'must be a FindingsRoute { name, destination, minimumSeverity?, sources? }', route);
    if (typeof route.name !== 'string' || !/^[A-Za-z0-9]{1,32}$/.test(route.name)) {
      throw FortressError.invalidProp(path, `${prop}.name`, 'must be 1-32 letters and digits', route.name);
    }
    if (names.has(route.name)) throw FortressError.invalidProp(path, `${prop}.name`, 'must be unique among the routes', route.name);
    names.add(route.name);
    if (!(route.destination instanceof FindingsDestination)) {
      throw FortressError.invalidProp(path, `${prop}.destination`, 'is required: FindingsDestination.topic(...), .queue(...), .lambdaFunction(...) or .eventBus(...)', route.destination);
    }
    if (route.minimumSeverity !== undefined && !FindingSeverity.all().includes(route.minimumSeverity)) {
      throw FortressError.invalidProp(path, `${prop}.minimumSeverity`, `must be a FindingSeverity (${FindingSeverity.all().map((s) => s.name).join(', ')})`, route.minimumSeverity);
    }
    const sources = route.sources ?? FindingSource.all();
    if (!Array.isArray(sources) || sources.length === 0) throw FortressError.invalidProp(path, `${prop}.sources`, 'must list at least one FindingSource (omit it for all)', route.sources);
    const seen = new Set<string>();
    for (const source of sources) {
      if (!(source instanceof FindingSource)) throw FortressError.invalidProp(path, `${prop}.sources`, 'must each be a FindingSource, e.g. FindingSource.GUARDDUTY', source);
      const key = source.name === 'SECURITY_HUB_CUSTOM_ACTION' ? JSON.stringify(source.eventPattern(FindingSeverity.INFORMATIONAL)) : source.name;
      if (seen.has(key)) throw FortressError.invalidProp(path, `${prop}.sources`, 'must not repeat a source', source.name);
      seen.add(key);
      if (source.name === 'SECURITY_HUB_CUSTOM_ACTION' && sources.filter((s) => s.name === source.name).length > 1) {
        throw FortressError.invalidProp(path, `${prop}.sources`, 'must hold at most one Security Hub custom action (its rule is named after the source)', source.name);
      }
    }
    const minimum = route.minimumSeverity ?? FindingSeverity.HIGH;
    const routed = sources.filter((s) => s.eventPattern(minimum) !== undefined).length;
    if (routed === 0) {
      throw FortressError.invalidProp(path, `${prop}.sources`, `must include a source that reports findings of severity ${minimum.name} or above (this route would never match)`,
        sources.map((s) => s.name).join(', '));
    }
    rules += routed;
  });
  if (rules > RULES_PER_BUS) throw FortressError.invalidProp(path, 'routes', `must render at most ${RULES_PER_BUS} rules (EventBridge's quota per bus); they render ${rules}`);
}

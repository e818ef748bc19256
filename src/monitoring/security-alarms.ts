import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { CisAlarm } from './cis-alarm';
import { SecurityNotificationsTopic } from './security-notifications-topic';
import { AuditTrail } from '../cloudtrail/audit-trail';
import { FortressError } from '../core/fortress-error';
import { PropChecks } from '../core/prop-checks';

/**
 * Properties of {@link SecurityAlarms}.
 */
export interface SecurityAlarmsProps {
  /**
   * The trail whose CloudWatch log group is watched. Give this or `logGroup`.
   *
   * @default - `logGroup`
   */
  readonly trail?: AuditTrail;

  /**
   * The CloudWatch log group of a multi-region CloudTrail trail (management events, read and write).
   * Give this or `trail`.
   *
   * @default - the log group of `trail`
   */
  readonly logGroup?: logs.ILogGroup;

  /**
   * Where alarms notify.
   *
   * @default - the stack's SecurityNotificationsTopic
   */
  readonly topic?: sns.ITopic;

  /**
   * Recommendations to leave out, e.g. `[CisAlarm.ORGANIZATIONS_CHANGES]` outside the management account.
   *
   * @default - none: every CIS monitoring recommendation is on
   */
  readonly disabledAlarms?: CisAlarm[];

  /**
   * The CloudWatch namespace of the metrics.
   *
   * @default 'CISBenchmark'
   */
  readonly metricNamespace?: string;
}

/**
 * The CIS AWS Foundations Benchmark monitoring recommendations (Security Hub CloudWatch.1 to
 * CloudWatch.14, and CIS 1.4.0 4.15): for each, a metric filter on the trail's log group with the
 * benchmark's pattern, and an alarm (any match within 5 minutes) notifying the security topic.
 *
 * @example
 * declare const trail: AuditTrail;
 * new SecurityAlarms(this, 'CisAlarms', { trail, disabledAlarms: [CisAlarm.ORGANIZATIONS_CHANGES] });
 */
export class SecurityAlarms extends Construct {
  /** The alarms, by CisAlarm id (e.g. `RootAccountUsage`). */
  public readonly alarms: { [id: string]: cloudwatch.Alarm } = {};
  /** Where the alarms notify. */
  public readonly topic: sns.ITopic;

  constructor(scope: Construct, id: string, props: SecurityAlarmsProps) {
    super(scope, id);
    const check = new PropChecks(this);
    check.exclusive('trail', props.trail, 'logGroup', props.logGroup);
    if (!props.trail && !props.logGroup) throw FortressError.invalidProp(this, 'trail', 'or logGroup must be given: the alarms watch a CloudTrail log group');
    check.matches('metricNamespace', props.metricNamespace, /^[^:][^:]{0,254}$/, '1-255 characters without ":"');
    check.unique('disabledAlarms', (props.disabledAlarms ?? []).map((a) => a.id));

    const logGroup = props.logGroup ?? props.trail!.logGroup;
    this.topic = props.topic ?? SecurityNotificationsTopic.of(this);
    const disabled = new Set((props.disabledAlarms ?? []).map((a) => a.id));
    for (const cis of CisAlarm.all().filter((a) => !disabled.has(a.id))) {
      const filter = new logs.MetricFilter(this, `${cis.id}Filter`, {
        logGroup,
        filterPattern: logs.FilterPattern.literal(cis.filterPattern),
        metricNamespace: props.metricNamespace ?? 'CISBenchmark',
        metricName: cis.id,
        metricValue: '1',
      });
      const alarm = new cloudwatch.Alarm(this, cis.id, {
        alarmDescription: `${cis.title} (${[cis.securityHubControl, cis.cisRecommendation].filter(Boolean).join('; ')})`,
        metric: filter.metric({ statistic: cloudwatch.Stats.SUM, period: Duration.minutes(5) }),
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
      alarm.addAlarmAction(new actions.SnsAction(this.topic));
      this.alarms[cis.id] = alarm;
    }
  }
}

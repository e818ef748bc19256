import { Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { CisAlarm } from './cis-alarm';
import { logPatternAlarm } from './log-pattern-alarm';
import { SecurityNotificationsTopic } from './security-notifications-topic';
import { AuditTrail } from '../cloudtrail/audit-trail';
import { auditTrailsOf } from '../cloudtrail/stack-trails';
import { FortressError } from '../core/fortress-error';
import { PropChecks } from '../core/prop-checks';

/**
 * Properties of {@link SecurityAlarms}. Every prop is optional when the stack has exactly one AuditTrail.
 */
export interface SecurityAlarmsProps {
  /**
   * The trail whose CloudWatch log group is watched. Cannot be combined with `logGroup`.
   *
   * @default - the stack's one AuditTrail (created before this construct), unless `logGroup` is given
   */
  readonly trail?: AuditTrail;

  /**
   * The CloudWatch log group of a multi-region CloudTrail trail (management events, read and write).
   * Cannot be combined with `trail`.
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

  constructor(scope: Construct, id: string, props: SecurityAlarmsProps = {}) {
    super(scope, id);
    props = props ?? {}; // JavaScript and Python callers may pass null
    const check = new PropChecks(this);
    check.exclusive('trail', props.trail, 'logGroup', props.logGroup);
    check.matches('metricNamespace', props.metricNamespace, /^[^:][^:]{0,254}$/, '1-255 characters without ":"');
    check.unique('disabledAlarms', (props.disabledAlarms ?? []).map((a) => a?.id));

    const logGroup = props.logGroup ?? (props.trail ?? this.theStacksTrail()).logGroup;
    this.topic = props.topic ?? SecurityNotificationsTopic.of(this);
    const disabled = new Set((props.disabledAlarms ?? []).map((a) => a.id));
    for (const cis of CisAlarm.all().filter((a) => !disabled.has(a.id))) {
      const alarm = logPatternAlarm(this, cis.id, {
        logGroup,
        filterPattern: cis.filterPattern,
        metricNamespace: props.metricNamespace ?? 'CISBenchmark',
        metricName: cis.id,
        description: `${cis.title} (${[cis.securityHubControl, cis.cisRecommendation].filter(Boolean).join('; ')})`,
        topic: this.topic,
      });
      this.alarms[cis.id] = alarm;
    }
  }

  /** Zero-config: the one AuditTrail of this stack, or an error saying what to pass. */
  private theStacksTrail(): AuditTrail {
    const stack = Stack.of(this);
    const trails = auditTrailsOf(this);
    if (trails.length === 1) return trails[0];
    throw FortressError.invalidProp(this, 'trail', trails.length === 0
      ? `must be given (or logGroup): stack ${stack.node.path} has no AuditTrail (create one before the alarms, or pass the log group of your CloudTrail trail)`
      : `must be given (or logGroup): stack ${stack.node.path} has ${trails.length} AuditTrails (${trails.map((t) => t.node.path).join(', ')}); pass the one to watch`);
  }
}

import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';

/** What a {@link logPatternAlarm} watches and whom it tells. */
export interface LogPatternAlarmOptions {
  readonly logGroup: logs.ILogGroup;
  /** A CloudWatch Logs filter pattern (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html). */
  readonly filterPattern: string;
  readonly metricNamespace: string;
  readonly metricName: string;
  readonly description: string;
  readonly topic: sns.ITopic;
}

/**
 * A metric filter (`<id>Filter`) counting the log events that match a pattern, and an alarm (`<id>`) on the first match
 * within 5 minutes, notifying the topic: the CIS monitoring recommendations' shape, shared by SecurityAlarms and
 * BreakGlassAccess.
 */
export function logPatternAlarm(scope: Construct, id: string, options: LogPatternAlarmOptions): cloudwatch.Alarm {
  const filter = new logs.MetricFilter(scope, `${id}Filter`, {
    logGroup: options.logGroup,
    filterPattern: logs.FilterPattern.literal(options.filterPattern),
    metricNamespace: options.metricNamespace,
    metricName: options.metricName,
    metricValue: '1',
  });
  const alarm = new cloudwatch.Alarm(scope, id, {
    alarmDescription: options.description,
    metric: filter.metric({ statistic: cloudwatch.Stats.SUM, period: Duration.minutes(5) }),
    threshold: 1,
    evaluationPeriods: 1,
    comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
  });
  alarm.addAlarmAction(new actions.SnsAction(options.topic));
  return alarm;
}

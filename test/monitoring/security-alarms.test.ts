import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import { BENCHMARK_PATTERNS } from './cis-benchmark-text';
import { AuditTrail, CisAlarm, FortressErrors, SecurityAlarms, SecurityNotificationsTopic } from '../../src';
import { complianceTestStack, expectCompliant, propertyTestStack } from '../compliance';

const resources = (stack: Stack, type: string) => Object.values<any>(Template.fromStack(stack).findResources(type));

describe('CisAlarm', () => {
  test('every filter pattern is the benchmark text, character for character', () => {
    const ours = CisAlarm.all().map((a) => [a.securityHubControl ?? 'CIS 4.15', a.filterPattern]);
    expect(ours).toEqual(BENCHMARK_PATTERNS);
  });

  test('each names its Security Hub control and CIS recommendations', () => {
    expect(CisAlarm.all().map((a) => a.securityHubControl)).toEqual([...Array.from({ length: 14 }, (_, i) => `CloudWatch.${i + 1}`), undefined]);
    expect(CisAlarm.ROOT_ACCOUNT_USAGE.cisRecommendation).toBe('CIS 1.2.0 3.3 / CIS 1.4.0 4.3');
    expect(CisAlarm.ORGANIZATIONS_CHANGES.cisRecommendation).toBe('CIS 1.4.0 4.15');
  });
});

describe('SecurityAlarms', () => {
  test('GIVEN a trail THEN one metric filter per recommendation on its log group, with the benchmark pattern', () => {
    const stack = propertyTestStack();
    const trail = new AuditTrail(stack, 'Trail');
    new SecurityAlarms(stack, 'Alarms', { trail });
    const filters = resources(stack, 'AWS::Logs::MetricFilter');
    expect(filters.map((f) => f.Properties.FilterPattern)).toEqual(BENCHMARK_PATTERNS.map(([, pattern]) => pattern));
    const logGroup = stack.getLogicalId(trail.logGroup.node.defaultChild as logs.CfnLogGroup);
    for (const filter of filters) {
      expect(filter.Properties.LogGroupName).toEqual({ Ref: logGroup });
      expect(filter.Properties.MetricTransformations).toEqual([expect.objectContaining({ MetricNamespace: 'CISBenchmark', MetricValue: '1' })]);
    }
  });

  test('each alarm fires on one match in 5 minutes, ignores missing data, and notifies the security topic', () => {
    const stack = propertyTestStack();
    new SecurityAlarms(stack, 'Alarms', { trail: new AuditTrail(stack, 'Trail') });
    const topic = stack.getLogicalId(SecurityNotificationsTopic.of(stack).node.defaultChild as sns.CfnTopic);
    const alarms = resources(stack, 'AWS::CloudWatch::Alarm');
    expect(alarms).toHaveLength(15);
    for (const alarm of alarms) {
      expect(alarm.Properties).toMatchObject({
        Threshold: 1,
        EvaluationPeriods: 1,
        Period: 300,
        Statistic: 'Sum',
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        TreatMissingData: 'notBreaching',
        AlarmActions: [{ Ref: topic }],
      });
    }
    expect(alarms[0].Properties.AlarmDescription).toBe('Usage of the root user (CloudWatch.1; CIS 1.2.0 3.3 / CIS 1.4.0 4.3)');
  });

  test('alarms can be turned off; a log group, topic and namespace of your own', () => {
    const stack = propertyTestStack();
    const logGroup = new logs.LogGroup(stack, 'TrailLogs');
    const topic = new sns.Topic(stack, 'Pager');
    const alarms = new SecurityAlarms(stack, 'Alarms', {
      logGroup, topic, metricNamespace: 'Security', disabledAlarms: [CisAlarm.ORGANIZATIONS_CHANGES, CisAlarm.UNAUTHORIZED_API_CALLS],
    });
    expect(Object.keys(alarms.alarms)).toHaveLength(13);
    expect(alarms.alarms.UnauthorizedApiCalls).toBeUndefined();
    expect(resources(stack, 'AWS::Logs::MetricFilter').every((f) => f.Properties.MetricTransformations[0].MetricNamespace === 'Security')).toBe(true);
    expect(stack.node.tryFindChild('FortressSecurityNotifications')).toBeUndefined();
  });

  test('invalid input', () => {
    const cases: Array<[(s: Stack) => void, string]> = [
      [(s) => new SecurityAlarms(s, 'Alarms', {}), "invalid 'trail': must be given (or logGroup): stack Stack has no AuditTrail"],
      [(s) => new SecurityAlarms(s, 'Alarms', undefined as any), "invalid 'trail': must be given (or logGroup): stack Stack has no AuditTrail"],
      [(s) => new SecurityAlarms(s, 'Alarms', null as any), "invalid 'trail': must be given (or logGroup): stack Stack has no AuditTrail"],
      [(s) => { new AuditTrail(s, 'T1'); new AuditTrail(s, 'T2'); new SecurityAlarms(s, 'Alarms'); }, "invalid 'trail': must be given (or logGroup): stack Stack has 2 AuditTrails (Stack/T1, Stack/T2); pass the one to watch"],
      [(s) => new SecurityAlarms(s, 'Alarms', { trail: new AuditTrail(s, 'T'), logGroup: new logs.LogGroup(s, 'L') }), "invalid 'trail': cannot be combined with 'logGroup'"],
      [(s) => new SecurityAlarms(s, 'Alarms', { logGroup: new logs.LogGroup(s, 'L'), metricNamespace: 'AWS:Bad' }), "invalid 'metricNamespace'"],
      [(s) => new SecurityAlarms(s, 'Alarms', { logGroup: new logs.LogGroup(s, 'L'), disabledAlarms: [CisAlarm.VPC_CHANGES, CisAlarm.VPC_CHANGES] }), "invalid 'disabledAlarms': must not repeat entries"],
    ];
    for (const [build, message] of cases) {
      let error: unknown;
      try { build(propertyTestStack()); } catch (e) { error = e; }
      expect(FortressErrors.isFortressError(error)).toBe(true);
      expect((error as Error).message).toContain(`[cdk-fortress] Stack/Alarms: ${message}`);
    }
  });

  test('zero-config (issue 12 item 8): with no props, the stack\'s one AuditTrail is watched', () => {
    const stack = propertyTestStack();
    const trail = new AuditTrail(stack, 'Trail');
    new SecurityAlarms(stack, 'Alarms');
    const logGroup = stack.getLogicalId(trail.logGroup.node.defaultChild as logs.CfnLogGroup);
    const filters = resources(stack, 'AWS::Logs::MetricFilter');
    expect(filters).toHaveLength(15);
    for (const filter of filters) expect(filter.Properties.LogGroupName).toEqual({ Ref: logGroup });
  });

  test('GIVEN a trail and its alarms THEN all six packs and FortressChecks report no unacknowledged error', () => {
    const stack = complianceTestStack();
    new SecurityAlarms(stack, 'Alarms', { trail: new AuditTrail(stack, 'Trail') });
    expectCompliant(stack);
  });
});

describe('SecurityNotificationsTopic', () => {
  test('encrypted with the messaging key, TLS only, publishable by CloudWatch and EventBridge of this account only', () => {
    const stack = propertyTestStack();
    const topic = SecurityNotificationsTopic.of(stack);
    expect(SecurityNotificationsTopic.of(stack)).toBe(topic);
    const [resource] = resources(stack, 'AWS::SNS::Topic');
    expect(resource.Properties.KmsMasterKeyId).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^FortressKeyRingMessagingKey/), 'Arn'] });
    const statements = resources(stack, 'AWS::SNS::TopicPolicy')[0].Properties.PolicyDocument.Statement;
    expect(statements).toContainEqual(expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }));
    const publishers = statements.filter((s: any) => s.Effect === 'Allow');
    expect(publishers.map((s: any) => [s.Principal.Service, s.Condition])).toEqual([
      ['cloudwatch.amazonaws.com', { StringEquals: { 'aws:SourceAccount': '111122223333' } }],
      ['events.amazonaws.com', { StringEquals: { 'aws:SourceAccount': '111122223333' } }],
    ]);
  });
});

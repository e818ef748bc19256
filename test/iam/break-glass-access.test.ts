import { App, Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as fc from 'fast-check';
import { AuditTrail, BreakGlassAccess, FortressErrors, SecurityNotificationsTopic } from '../../src';
import { complianceTestStack, expectCompliant, propertyTestStack, rejectionOf } from '../compliance';
import { matchesJsonFilter } from '../log-filter-pattern';

const ids = (acks: Array<{ constructPath: string; ruleId: string }>) => acks.map((a) => `${a.constructPath} ${a.ruleId}`);

/** The acknowledgments a BreakGlassAccess with defaults makes (documented in the README). */
const DEFAULT_ACKNOWLEDGMENTS = [
  'Stack/BreakGlass/Role AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/AdministratorAccess]',
  'Stack/BreakGlass/Role Fortress-IAMNoAwsManagedAdminPolicy[AdministratorAccess]',
  // the stack's shared dead-letter queue for undelivered alerts (SecurityNotificationsTopic)
  'Stack/FortressUndeliveredAlerts AwsSolutions-SQS3',
  'Stack/FortressUndeliveredAlerts Serverless-SQSRedrivePolicy',
];

function fortressError(build: () => unknown): Error {
  try {
    build();
  } catch (e) {
    expect(FortressErrors.isFortressError(e)).toBe(true);
    return e as Error;
  }
  throw new Error('expected a FortressError, nothing was thrown');
}

describe('BreakGlassAccess', () => {
  test('GIVEN no props THEN a role that needs recent MFA, 1-hour sessions, stable name and path', () => {
    const stack = propertyTestStack();
    const access = new BreakGlassAccess(stack, 'BreakGlass');
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Role', {
      RoleName: 'BreakGlassAccess',
      Path: '/break-glass/',
      MaxSessionDuration: 3600,
      AssumeRolePolicyDocument: {
        Statement: [{
          Action: 'sts:AssumeRole',
          Effect: 'Allow',
          Principal: { AWS: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::111122223333:root']] } },
          Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' }, NumericLessThan: { 'aws:MultiFactorAuthAge': 3600 } },
        }],
      },
      ManagedPolicyArns: [{ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::aws:policy/AdministratorAccess']] }],
    });
    expect(access.roleName).toBe('BreakGlassAccess');
    expect(access.rolePath).toBe('/break-glass/');
    expect(stack.resolve(access.roleArn)).toEqual({ 'Fn::GetAtt': [stack.getLogicalId(access.role.node.defaultChild as iam.CfnRole), 'Arn'] });
  });

  test('GIVEN no props THEN every AssumeRole of the role alerts the SecurityNotificationsTopic, with a dead-letter queue', () => {
    const stack = propertyTestStack();
    const access = new BreakGlassAccess(stack, 'BreakGlass');
    const topic = SecurityNotificationsTopic.of(stack);
    Template.fromStack(stack).hasResourceProperties('AWS::Events::Rule', {
      EventPattern: {
        'source': ['aws.sts'],
        'detail-type': ['AWS API Call via CloudTrail'],
        'detail': {
          eventSource: ['sts.amazonaws.com'],
          eventName: ['AssumeRole'],
          requestParameters: { roleArn: [{ 'Fn::GetAtt': [stack.getLogicalId(access.role.node.defaultChild as iam.CfnRole), 'Arn'] }] },
        },
      },
      State: 'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS',
      Targets: [Match.objectLike({ Arn: { Ref: stack.getLogicalId(topic.node.defaultChild as any) }, DeadLetterConfig: { Arn: Match.anyValue() } })],
    });
  });

  test('GIVEN two trusted roles and email alerts THEN each trust statement requires MFA, the topic has the subscription', () => {
    const stack = propertyTestStack();
    new BreakGlassAccess(stack, 'BreakGlass', {
      trustedPrincipals: [new iam.ArnPrincipal('arn:aws:iam::444455556666:role/SecurityOnCall'), new iam.AccountPrincipal('777788889999')],
      maxMfaAge: Duration.minutes(15),
      alertEmails: ['security@example.com'],
    });
    const template = Template.fromStack(stack);
    const role = Object.values<any>(template.findResources('AWS::IAM::Role'))[0];
    const statements = role.Properties.AssumeRolePolicyDocument.Statement;
    expect(statements).toHaveLength(2);
    for (const s of statements) expect(s.Condition).toEqual({ Bool: { 'aws:MultiFactorAuthPresent': 'true' }, NumericLessThan: { 'aws:MultiFactorAuthAge': 900 } });
    template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'security@example.com' });
  });

  test('GIVEN an escape hatch that drops the MFA condition or lengthens the session THEN synthesis refuses it', () => {
    const overrides: Array<(role: iam.CfnRole) => void> = [
      (role) => role.addPropertyDeletionOverride('AssumeRolePolicyDocument.Statement.0.Condition'),
      (role) => role.addPropertyOverride('AssumeRolePolicyDocument.Statement.0.Condition.Bool.aws:MultiFactorAuthPresent', 'false'),
      (role) => role.addPropertyOverride('MaxSessionDuration', 43200),
    ];
    for (const override of overrides) {
      const stack = propertyTestStack();
      const access = new BreakGlassAccess(stack, 'BreakGlass');
      override(access.role.node.defaultChild as iam.CfnRole);
      expect(fortressError(() => Template.fromStack(stack)).message).toMatch(/invalid '(trust|MaxSessionDuration)'/);
    }
  });

  test('GIVEN the alarm disabled, retargeted or narrowed by an escape hatch THEN synthesis refuses it', () => {
    const overrides: Array<(rule: any) => void> = [
      (rule) => rule.addPropertyOverride('State', 'DISABLED'),
      (rule) => rule.addPropertyOverride('State', 'ENABLED'),
      (rule) => rule.addPropertyOverride('EventPattern.detail.requestParameters.roleArn', ['arn:aws:iam::111122223333:role/Other']),
      (rule) => rule.addPropertyDeletionOverride('Targets'),
      (rule) => rule.addPropertyOverride('Targets.0.Arn', 'arn:aws:sns:eu-west-1:999999999999:nowhere'),
    ];
    for (const override of overrides) {
      const stack = propertyTestStack();
      const access = new BreakGlassAccess(stack, 'BreakGlass');
      override(access.alarmRule);
      expect(fortressError(() => Template.fromStack(stack)).message).toContain("invalid 'alarmRule'");
    }
  });

  test('GIVEN a trust statement without MFA added through the role THEN synthesis refuses it', () => {
    const stack = propertyTestStack();
    const access = new BreakGlassAccess(stack, 'BreakGlass');
    access.role.assumeRolePolicy!.addStatements(new iam.PolicyStatement({ actions: ['sts:AssumeRole'], principals: [new iam.AccountPrincipal('444455556666')] }));
    expect(fortressError(() => Template.fromStack(stack)).message).toContain("invalid 'trust': must require MFA");
  });

  test('GIVEN two break-glass roles with the same name in one account THEN the second is refused', () => {
    const app = new App();
    const env = { account: '111122223333', region: 'eu-west-1' };
    new BreakGlassAccess(new Stack(app, 'A', { env }), 'BreakGlass');
    const other = new Stack(app, 'B', { env: { ...env, region: 'us-east-1' } });
    expect(fortressError(() => new BreakGlassAccess(other, 'BreakGlass')).message).toContain("invalid 'BreakGlassAccess': must be the only one named 'BreakGlassAccess' for account 111122223333");
  });
});

describe('BreakGlassAccess alarms on every use in every region through the trail', () => {
  const ROLE = 'arn:aws:iam::111122223333:role/break-glass/BreakGlassAccess';
  /** CloudTrail records (shapes from the CloudTrail userIdentity reference and the STS/sign-in event examples). */
  const session = (region: string, eventSource: string, eventName: string, issuer = ROLE) => ({
    eventVersion: '1.09',
    awsRegion: region,
    eventSource,
    eventName,
    userIdentity: {
      type: 'AssumedRole',
      arn: `${issuer.replace(':iam::', ':sts::').replace(':role/break-glass/', ':assumed-role/')}/alice`,
      sessionContext: { sessionIssuer: { type: 'Role', arn: issuer, accountId: '111122223333', userName: issuer.split('/').pop() } },
    },
  });
  const assumeRole = (region: string, roleArn: string) => ({
    awsRegion: region,
    eventSource: 'sts.amazonaws.com',
    eventName: 'AssumeRole',
    userIdentity: { type: 'IAMUser', arn: 'arn:aws:iam::111122223333:user/alice' },
    requestParameters: { roleArn, roleSessionName: 'alice' },
    // STS writes the session ARN with the role's name (no path) whatever spelling the caller sent.
    responseElements: { assumedRoleUser: { assumedRoleId: 'AROAEXAMPLE:alice', arn: `arn:aws:sts::111122223333:assumed-role/${roleArn.split('/').pop()}/alice` } },
  });

  function usagePattern(stack: Stack, access: BreakGlassAccess): string {
    const filter = Object.values<any>(Template.fromStack(stack).findResources('AWS::Logs::MetricFilter'))
      .find((f) => f.Properties.MetricTransformations[0].MetricNamespace === 'cdk-fortress/BreakGlass');
    const roleId = stack.getLogicalId(access.role.node.defaultChild as iam.CfnRole);
    const parts: any[] = filter.Properties.FilterPattern['Fn::Join'][1];
    return parts.map((p) => {
      if (typeof p === 'string') return p;
      if (p.Ref === 'AWS::Partition') return 'aws';
      expect(p).toEqual({ 'Fn::GetAtt': [roleId, 'Arn'] });
      return ROLE;
    }).join('');
  }

  test('GIVEN the stack\'s AuditTrail THEN any event of a role session, console or API, and any AssumeRole of it, in any region, alarms', () => {
    const stack = propertyTestStack();
    const trail = new AuditTrail(stack, 'Trail');
    const access = new BreakGlassAccess(stack, 'BreakGlass');
    const pattern = usagePattern(stack, access);
    expect(matchesJsonFilter(pattern, assumeRole('eu-west-1', ROLE))).toBe(true);
    expect(matchesJsonFilter(pattern, assumeRole('ap-south-1', ROLE))).toBe(true);
    expect(matchesJsonFilter(pattern, session('us-east-1', 'signin.amazonaws.com', 'SwitchRole'))).toBe(true);
    expect(matchesJsonFilter(pattern, session('sa-east-1', 'ec2.amazonaws.com', 'RunInstances'))).toBe(true);
    expect(matchesJsonFilter(pattern, assumeRole('eu-west-1', 'arn:aws:iam::111122223333:role/Deployer'))).toBe(false);
    // The role ARN spelled without its path: STS's own session ARN in the response still names the role.
    expect(matchesJsonFilter(pattern, assumeRole('eu-west-1', 'arn:aws:iam::111122223333:role/BreakGlassAccess'))).toBe(true);
    expect(matchesJsonFilter(pattern, assumeRole('eu-west-1', 'arn:aws:iam::111122223333:role/BreakGlassAccessX'))).toBe(false);
    expect(matchesJsonFilter(pattern, session('eu-west-1', 'ec2.amazonaws.com', 'RunInstances', 'arn:aws:iam::111122223333:role/Deployer'))).toBe(false);
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::Logs::MetricFilter', {
      LogGroupName: { Ref: stack.getLogicalId(trail.logGroup.node.defaultChild as logs.CfnLogGroup) },
      MetricTransformations: [{ MetricNamespace: 'cdk-fortress/BreakGlass', MetricName: 'BreakGlassAccessUsed', MetricValue: '1' }],
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'BreakGlassAccessUsed',
      Threshold: 1,
      EvaluationPeriods: 1,
      Period: 300,
      Statistic: 'Sum',
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'notBreaching',
      AlarmActions: [{ Ref: stack.getLogicalId(SecurityNotificationsTopic.of(stack).node.defaultChild as any) }],
    });
    expect(access.usageAlarm).toBeDefined();
  });

  test.each<[string, (access: BreakGlassAccess) => void]>([
    ['actions disabled', (a) => (a.usageAlarm!.node.defaultChild as cloudwatch.CfnAlarm).addPropertyOverride('ActionsEnabled', false)],
    ['no alarm action', (a) => (a.usageAlarm!.node.defaultChild as cloudwatch.CfnAlarm).addPropertyDeletionOverride('AlarmActions')],
    ['a threshold of 1000', (a) => (a.usageAlarm!.node.defaultChild as cloudwatch.CfnAlarm).addPropertyOverride('Threshold', 1000)],
    ['another metric', (a) => (a.usageAlarm!.node.defaultChild as cloudwatch.CfnAlarm).addPropertyOverride('MetricName', 'Nothing')],
    ['a pattern that never matches', (a) => (a.node.findChild('UsageAlarmFilter').node.defaultChild as logs.CfnMetricFilter)
      .addPropertyOverride('FilterPattern', '{ $.eventName = "Never" }')],
    ['a metric value of 0', (a) => (a.node.findChild('UsageAlarmFilter').node.defaultChild as logs.CfnMetricFilter).addPropertyOverride('MetricTransformations.0.MetricValue', '0')],
    ['a filter on another log group', (a) => (a.node.findChild('UsageAlarmFilter').node.defaultChild as logs.CfnMetricFilter).addPropertyOverride('LogGroupName', 'empty-group')],
    ['an alarm on another namespace', (a) => (a.usageAlarm!.node.defaultChild as cloudwatch.CfnAlarm).addPropertyOverride('Namespace', 'Nowhere')],
    ['100 periods to alarm', (a) => { (a.usageAlarm!.node.defaultChild as cloudwatch.CfnAlarm).addPropertyOverride('EvaluationPeriods', 100); (a.usageAlarm!.node.defaultChild as cloudwatch.CfnAlarm).addPropertyOverride('DatapointsToAlarm', 100); }],
    ['dimensions no data has', (a) => (a.usageAlarm!.node.defaultChild as cloudwatch.CfnAlarm).addPropertyOverride('Dimensions', [{ Name: 'X', Value: 'Y' }])],
    ['the minimum over a day', (a) => { (a.usageAlarm!.node.defaultChild as cloudwatch.CfnAlarm).addPropertyOverride('Statistic', 'Minimum'); (a.usageAlarm!.node.defaultChild as cloudwatch.CfnAlarm).addPropertyOverride('Period', 86400); }],
    ['a foreign alarm action', (a) => (a.usageAlarm!.node.defaultChild as cloudwatch.CfnAlarm).addPropertyOverride('AlarmActions', ['arn:aws:sns:eu-west-1:999999999999:nowhere'])],
  ])('GIVEN an escape hatch on the usage alarm (%s) THEN synthesis refuses it', (_name, tamper) => {
    const stack = propertyTestStack();
    new AuditTrail(stack, 'Trail');
    const access = new BreakGlassAccess(stack, 'BreakGlass');
    tamper(access);
    expect(() => Template.fromStack(stack)).toThrow("[cdk-fortress] Stack/BreakGlass: invalid 'usageAlarm': must stay enabled");
  });

  test('GIVEN a trail log group THEN that group is watched', () => {
    const stack = propertyTestStack();
    const group = logs.LogGroup.fromLogGroupName(stack, 'OrgTrailLogs', 'aws-controltower/CloudTrailLogs');
    new BreakGlassAccess(stack, 'BreakGlass', { trailLogGroup: group });
    Template.fromStack(stack).hasResourceProperties('AWS::Logs::MetricFilter', { LogGroupName: 'aws-controltower/CloudTrailLogs' });
  });

  test('GIVEN no trail THEN only the EventBridge rule alarms, and synthesis warns that other regions and console use go unseen', () => {
    const stack = propertyTestStack();
    const access = new BreakGlassAccess(stack, 'BreakGlass');
    expect(access.usageAlarm).toBeUndefined();
    Template.fromStack(stack).resourceCountIs('AWS::Logs::MetricFilter', 0);
    const warnings = stack.node.findAll().flatMap((c) => c.node.metadata).filter((m) => m.type === 'aws:cdk:warning').map((m) => String(m.data));
    expect(warnings.some((w) => w.includes('Only AssumeRole calls recorded in eu-west-1 alarm'))).toBe(true);
  });
});

describe('BreakGlassAccess compliance (all six packs + FortressChecks)', () => {
  test('GIVEN no props THEN no unacknowledged error, and exactly the documented acknowledgments', () => {
    const stack = complianceTestStack();
    new BreakGlassAccess(stack, 'BreakGlass');
    expect(ids(expectCompliant(stack).acknowledgments)).toEqual(DEFAULT_ACKNOWLEDGMENTS);
  });

  test('property: random valid props always synthesize compliant', () => {
    fc.assert(fc.property(fc.record({
      mfaMinutes: fc.option(fc.integer({ min: 1, max: 720 }), { nil: undefined }),
      roleName: fc.option(fc.stringMatching(/^[A-Za-z0-9+=,.@_-]{1,64}$/), { nil: undefined }),
      accounts: fc.option(fc.uniqueArray(fc.stringMatching(/^\d{12}$/), { minLength: 1, maxLength: 3 }), { nil: undefined }),
    }), (p) => {
      const stack = complianceTestStack();
      new BreakGlassAccess(stack, 'BreakGlass', {
        roleName: p.roleName,
        maxMfaAge: p.mfaMinutes === undefined ? undefined : Duration.minutes(p.mfaMinutes),
        trustedPrincipals: p.accounts?.map((a) => new iam.AccountPrincipal(a)),
      });
      expectCompliant(stack);
    }), { numRuns: 5 });
  });
});

describe('BreakGlassAccess rejects invalid input before creating anything', () => {
  const PREFIX = '[cdk-fortress] Stack/BreakGlass: ';
  const attempt = (props: (stack: Stack) => any): unknown => rejectionOf('BreakGlass', props, (stack, id, p) => new BreakGlassAccess(stack, id, p));

  test.each<[string, (stack: Stack) => any, string]>([
    ['a break-glass role without MFA', () => ({ requireMfa: false }), "invalid 'requireMfa': must be true: a break-glass role without MFA is refused"],
    ['an MFA age of 30 seconds', () => ({ maxMfaAge: Duration.seconds(30) }), "invalid 'maxMfaAge': must be a whole number of seconds from 1 minute to 12 hours"],
    ['an MFA age of a day', () => ({ maxMfaAge: Duration.days(1) }), "invalid 'maxMfaAge'"],
    ['an MFA age as a number', () => ({ maxMfaAge: 3600 }), "invalid 'maxMfaAge': must be a Duration"],
    ['a role name with a slash', () => ({ roleName: 'break/glass' }), "invalid 'roleName'"],
    ['a role name over 64 characters', () => ({ roleName: 'r'.repeat(65) }), "invalid 'roleName'"],
    ['a service principal', () => ({ trustedPrincipals: [new iam.ServicePrincipal('lambda.amazonaws.com')] }), "invalid 'trustedPrincipals[0]': must be an account, IAM user or role"],
    ['a federated principal', () => ({ trustedPrincipals: [new iam.WebIdentityPrincipal('cognito-identity.amazonaws.com')] }), "invalid 'trustedPrincipals[0]'"],
    ['every principal', () => ({ trustedPrincipals: [new iam.AnyPrincipal()] }), "invalid 'trustedPrincipals[0]'"],
    ['an empty trust list', () => ({ trustedPrincipals: [] }), "invalid 'trustedPrincipals': must list at least one"],
    ['a principal that is not one', () => ({ trustedPrincipals: ['arn:aws:iam::444455556666:root'] }), "invalid 'trustedPrincipals[0]': must be an iam.IPrincipal"],
    ['no permissions', () => ({ managedPolicies: [] }), "invalid 'managedPolicies': must list at least one"],
    ['a policy that is not one', () => ({ managedPolicies: ['AdministratorAccess'] }), "invalid 'managedPolicies[0]'"],
    ['an alert topic that is not a SecurityNotificationsTopic', (stack) => ({ alertTopic: new iam.Role(stack, 'R', { assumedBy: new iam.AccountRootPrincipal() }) }), "invalid 'alertTopic'"],
    ['an alert email that is not one', () => ({ alertEmails: ['security'] }), "invalid 'alertEmails[0]'"],
    ['both a trail and a log group', (stack) => ({ trail: new AuditTrail(stack, 'Trail'), trailLogGroup: logs.LogGroup.fromLogGroupName(stack, 'G', 'g') }),
      "invalid 'trail': cannot be combined with 'trailLogGroup'"],
    ['a trail that is not an AuditTrail', (stack) => ({ trail: logs.LogGroup.fromLogGroupName(stack, 'G', 'g') }), "invalid 'trail': must be an AuditTrail"],
  ])('%s', (_name, props, message) => {
    const error = attempt(props);
    expect(FortressErrors.isFortressError(error)).toBe(true);
    expect((error as Error).message).toContain(PREFIX + message);
  });
});

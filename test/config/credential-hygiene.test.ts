import { App, Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as config from 'aws-cdk-lib/aws-config';
import * as fc from 'fast-check';
import { ConfigRecorder, CredentialHygiene, FortressErrors, SecurityNotificationsTopic } from '../../src';
import { complianceTestStack, expectCompliant, propertyTestStack, rejectionOf } from '../compliance';

const ids = (acks: Array<{ constructPath: string; ruleId: string }>) => acks.map((a) => `${a.constructPath} ${a.ruleId}`);

function fortressError(build: () => unknown): Error {
  try {
    build();
  } catch (e) {
    expect(FortressErrors.isFortressError(e)).toBe(true);
    return e as Error;
  }
  throw new Error('expected a FortressError, nothing was thrown');
}

describe('CredentialHygiene', () => {
  test('GIVEN no props THEN the six managed rules with their documented parameters, daily', () => {
    const stack = propertyTestStack();
    new CredentialHygiene(stack, 'Hygiene');
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::Config::ConfigRule', 6);
    const rule = (identifier: string, parameters?: Record<string, unknown>) => template.hasResourceProperties('AWS::Config::ConfigRule', {
      Source: { Owner: 'AWS', SourceIdentifier: identifier },
      InputParameters: parameters ?? Match.absent(),
      MaximumExecutionFrequency: 'TwentyFour_Hours',
    });
    rule('IAM_USER_UNUSED_CREDENTIALS_CHECK', { maxCredentialUsageAge: 90 });
    rule('ACCESS_KEYS_ROTATED', { maxAccessKeyAge: 90 });
    rule('ROOT_ACCOUNT_MFA_ENABLED');
    rule('IAM_ROOT_ACCESS_KEY_CHECK');
    rule('MFA_ENABLED_FOR_IAM_CONSOLE_ACCESS');
    rule('IAM_PASSWORD_POLICY', {
      RequireUppercaseCharacters: 'true',
      RequireLowercaseCharacters: 'true',
      RequireSymbols: 'true',
      RequireNumbers: 'true',
      MinimumPasswordLength: 14,
      PasswordReusePrevention: 24,
      MaxPasswordAge: 90,
    });
  });

  test('GIVEN no props THEN an unused-access analyzer whose findings go to the SecurityNotificationsTopic', () => {
    const stack = propertyTestStack();
    new CredentialHygiene(stack, 'Hygiene');
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::AccessAnalyzer::Analyzer', {
      Type: 'ACCOUNT_UNUSED_ACCESS',
      AnalyzerConfiguration: { UnusedAccessConfiguration: { UnusedAccessAge: 90 } },
    });
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: { 'source': ['aws.access-analyzer'], 'detail-type': ['Unused Access Finding for IAM entities'] },
      State: 'ENABLED',
      Targets: [Match.objectLike({
        Arn: { Ref: stack.getLogicalId(SecurityNotificationsTopic.of(stack).node.defaultChild as any) },
        DeadLetterConfig: Match.anyValue(),
      })],
    });
  });

  test('GIVEN typed parameters THEN rendered as the rules expect them', () => {
    const stack = propertyTestStack();
    const recorder = new ConfigRecorder(stack, 'Config');
    const hygiene = new CredentialHygiene(stack, 'Hygiene', {
      maxCredentialUsageAge: Duration.days(45),
      maxAccessKeyAge: Duration.days(30),
      passwordPolicy: { minimumLength: 20, reusePrevention: 5, maxAge: Duration.days(365), requireSymbols: false },
      maximumExecutionFrequency: config.MaximumExecutionFrequency.TWELVE_HOURS,
      unusedAccessAge: Duration.days(180),
      configRecorder: recorder,
    });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::Config::ConfigRule', { InputParameters: { maxCredentialUsageAge: 45 }, MaximumExecutionFrequency: 'Twelve_Hours' });
    template.hasResourceProperties('AWS::Config::ConfigRule', { InputParameters: { maxAccessKeyAge: 30 } });
    template.hasResourceProperties('AWS::Config::ConfigRule', {
      InputParameters: Match.objectLike({ RequireSymbols: 'false', MinimumPasswordLength: 20, PasswordReusePrevention: 5, MaxPasswordAge: 365 }),
    });
    template.hasResourceProperties('AWS::AccessAnalyzer::Analyzer', { AnalyzerConfiguration: { UnusedAccessConfiguration: { UnusedAccessAge: 180 } } });
    const rules = template.findResources('AWS::Config::ConfigRule');
    const recorderId = stack.getLogicalId(recorder.node.defaultChild as any);
    for (const r of Object.values<any>(rules)) expect(r.DependsOn).toEqual(expect.arrayContaining([recorderId]));
    expect(hygiene.rules).toHaveLength(6);
  });

  test('GIVEN no analyzer THEN findings of an existing one are still routed', () => {
    const stack = propertyTestStack();
    const hygiene = new CredentialHygiene(stack, 'Hygiene', { unusedAccessAnalyzer: false });
    Template.fromStack(stack).resourceCountIs('AWS::AccessAnalyzer::Analyzer', 0);
    Template.fromStack(stack).resourceCountIs('AWS::Events::Rule', 1);
    expect(hygiene.analyzer).toBeUndefined();
  });

  test('GIVEN a second CredentialHygiene for the same account and region THEN refused', () => {
    const app = new App();
    const env = { account: '111122223333', region: 'eu-west-1' };
    new CredentialHygiene(new Stack(app, 'A', { env }), 'Hygiene');
    expect(fortressError(() => new CredentialHygiene(new Stack(app, 'B', { env }), 'Hygiene')).message).toContain("invalid 'CredentialHygiene': must be the only one for account 111122223333 and region eu-west-1");
  });
});

describe('CredentialHygiene compliance (all six packs + FortressChecks)', () => {
  test('GIVEN no props THEN no unacknowledged error, and only the shared alert dead-letter queue\'s acknowledgments', () => {
    const stack = complianceTestStack();
    new CredentialHygiene(stack, 'Hygiene');
    expect(ids(expectCompliant(stack).acknowledgments)).toEqual([
      'Stack/FortressUndeliveredAlerts AwsSolutions-SQS3',
      'Stack/FortressUndeliveredAlerts Serverless-SQSRedrivePolicy',
    ]);
  });

  test('property: random valid parameters always synthesize compliant', () => {
    fc.assert(fc.property(fc.record({
      usage: fc.option(fc.integer({ min: 1, max: 90 }), { nil: undefined }),
      keyAge: fc.option(fc.integer({ min: 1, max: 90 }), { nil: undefined }),
      minimumLength: fc.option(fc.integer({ min: 14, max: 128 }), { nil: undefined }),
      reuse: fc.option(fc.integer({ min: 1, max: 24 }), { nil: undefined }),
      maxAge: fc.option(fc.integer({ min: 1, max: 1095 }), { nil: undefined }),
      analyzer: fc.boolean(),
    }), (p) => {
      const stack = complianceTestStack();
      const days = (n: number | undefined) => (n === undefined ? undefined : Duration.days(n));
      new CredentialHygiene(stack, 'Hygiene', {
        maxCredentialUsageAge: days(p.usage),
        maxAccessKeyAge: days(p.keyAge),
        passwordPolicy: { minimumLength: p.minimumLength, reusePrevention: p.reuse, maxAge: days(p.maxAge) },
        unusedAccessAnalyzer: p.analyzer,
      });
      expectCompliant(stack);
    }), { numRuns: 5 });
  });
});

describe('CredentialHygiene rejects invalid input before creating anything', () => {
  const PREFIX = '[cdk-fortress] Stack/Hygiene: ';
  const attempt = (props: (stack: Stack) => any): unknown => rejectionOf('Hygiene', props, (stack, id, p) => new CredentialHygiene(stack, id, p));

  test.each<[string, (stack: Stack) => any, string]>([
    ['key rotation over 90 days', () => ({ maxAccessKeyAge: Duration.days(91) }), "invalid 'maxAccessKeyAge': must be a whole number of days from 1 to 90"],
    ['key rotation of 0 days', () => ({ maxAccessKeyAge: Duration.days(0) }), "invalid 'maxAccessKeyAge'"],
    ['key rotation in hours', () => ({ maxAccessKeyAge: Duration.hours(36) }), "invalid 'maxAccessKeyAge'"],
    ['key rotation as a number', () => ({ maxAccessKeyAge: 90 }), "invalid 'maxAccessKeyAge': must be a Duration in days"],
    ['unused credentials over 90 days', () => ({ maxCredentialUsageAge: Duration.days(120) }), "invalid 'maxCredentialUsageAge'"],
    ['an unused-access age over 365 days', () => ({ unusedAccessAge: Duration.days(400) }), "invalid 'unusedAccessAge': must be a whole number of days from 1 to 365"],
    ['an unused-access age without the analyzer', () => ({ unusedAccessAnalyzer: false, unusedAccessAge: Duration.days(30) }), "invalid 'unusedAccessAge': requires unusedAccessAnalyzer"],
    ['a password of 8 characters', () => ({ passwordPolicy: { minimumLength: 8 } }), "invalid 'passwordPolicy.minimumLength': must be an integer from 14 to 128"],
    ['a password of 200 characters', () => ({ passwordPolicy: { minimumLength: 200 } }), "invalid 'passwordPolicy.minimumLength'"],
    ['password reuse prevention of 25', () => ({ passwordPolicy: { reusePrevention: 25 } }), "invalid 'passwordPolicy.reusePrevention': must be an integer from 1 to 24"],
    ['password reuse prevention of 0', () => ({ passwordPolicy: { reusePrevention: 0 } }), "invalid 'passwordPolicy.reusePrevention'"],
    ['a password valid for 4 years', () => ({ passwordPolicy: { maxAge: Duration.days(1461) } }), "invalid 'passwordPolicy.maxAge': must be a whole number of days from 1 to 1095"],
    ['requireSymbols as a string', () => ({ passwordPolicy: { requireSymbols: 'yes' } }), "invalid 'passwordPolicy.requireSymbols': must be true or false"],
    ['an execution frequency that is not one', () => ({ maximumExecutionFrequency: 'Hourly' }), "invalid 'maximumExecutionFrequency'"],
    ['a recorder that is not a ConfigRecorder', () => ({ configRecorder: 'default' }), "invalid 'configRecorder'"],
    ['an alert email that is not one', () => ({ alertEmails: ['security'] }), "invalid 'alertEmails[0]'"],
  ])('%s', (_name, props, message) => {
    const error = attempt(props);
    expect(FortressErrors.isFortressError(error)).toBe(true);
    expect((error as Error).message).toContain(PREFIX + message);
  });
});

import { Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sso from 'aws-cdk-lib/aws-sso';
import * as fc from 'fast-check';
import { FortressErrors, PermissionSetPrincipal, SecurePermissionSet } from '../../src';
import { complianceTestStack, expectCompliant, propertyTestStack, rejectionOf } from '../compliance';

const INSTANCE = 'arn:aws:sso:::instance/ssoins-0123456789abcdef';
const GROUP_ID = '906757b2d0-1c2d3e4f-5a6b-7c8d-9e0f-112233445566';
const USER_ID = 'a1b2c3d4-5e6f-7a8b-9c0d-112233445566';

function fortressError(build: () => unknown): Error {
  try {
    build();
  } catch (e) {
    expect(FortressErrors.isFortressError(e)).toBe(true);
    return e as Error;
  }
  throw new Error('expected a FortressError, nothing was thrown');
}

describe('SecurePermissionSet', () => {
  test('GIVEN only the instance THEN a 1-hour permission set without AWS managed policies', () => {
    const stack = propertyTestStack();
    const set = new SecurePermissionSet(stack, 'Auditors', { instanceArn: INSTANCE });
    Template.fromStack(stack).hasResourceProperties('AWS::SSO::PermissionSet', {
      InstanceArn: INSTANCE,
      Name: set.permissionSetName,
      SessionDuration: 'PT1H',
      ManagedPolicies: Match.absent(),
      InlinePolicy: Match.absent(),
      RelayStateType: Match.absent(),
    });
    expect(set.permissionSetName.length).toBeLessThanOrEqual(32);
  });

  test('GIVEN references, a boundary, an inline policy and a relay state THEN rendered as given', () => {
    const stack = propertyTestStack();
    new SecurePermissionSet(stack, 'Analysts', {
      instanceArn: INSTANCE,
      permissionSetName: 'Analysts',
      sessionDuration: Duration.minutes(150),
      relayState: 'https://console.aws.amazon.com/athena/home',
      customerManagedPolicies: [{ name: 'AnalystAccess', path: '/people/' }],
      permissionsBoundary: { name: 'PeopleBoundary' },
      statements: [new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['arn:aws:s3:::reports/*'] })],
      awsManagedPolicies: [{ policyName: 'job-function/ViewOnlyAccess', reason: 'Analysts see resource metadata across the account, never data.' }],
    });
    Template.fromStack(stack).hasResourceProperties('AWS::SSO::PermissionSet', {
      Name: 'Analysts',
      SessionDuration: 'PT2H30M',
      RelayStateType: 'https://console.aws.amazon.com/athena/home',
      CustomerManagedPolicyReferences: [{ Name: 'AnalystAccess', Path: '/people/' }],
      PermissionsBoundary: { CustomerManagedPolicyReference: { Name: 'PeopleBoundary' } },
      InlinePolicy: { Statement: [{ Action: 's3:GetObject', Effect: 'Allow', Resource: 'arn:aws:s3:::reports/*' }] },
      ManagedPolicies: [{ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::aws:policy/job-function/ViewOnlyAccess']] }],
    });
  });

  test('GIVEN a break-glass set THEN AdministratorAccess is accepted, with a 1-hour session', () => {
    const stack = propertyTestStack();
    new SecurePermissionSet(stack, 'BreakGlass', {
      instanceArn: INSTANCE,
      breakGlassReason: 'Emergency access when the deployment pipeline is down; assigned to two on-call engineers, alarmed on use.',
      awsManagedPolicies: [{ policyName: 'AdministratorAccess', reason: 'Recovering the account needs every action during an incident.' }],
    });
    Template.fromStack(stack).hasResourceProperties('AWS::SSO::PermissionSet', { SessionDuration: 'PT1H', Description: Match.stringLikeRegexp('^Break-glass: ') });
  });

  test('assign creates one assignment per account, typed principal', () => {
    const stack = propertyTestStack();
    const set = new SecurePermissionSet(stack, 'Auditors', { instanceArn: INSTANCE });
    set.assign(PermissionSetPrincipal.group(GROUP_ID), ['111122223333', '444455556666']);
    set.assign(PermissionSetPrincipal.user(USER_ID), ['111122223333']);
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::SSO::Assignment', 3);
    template.hasResourceProperties('AWS::SSO::Assignment', {
      InstanceArn: INSTANCE,
      PermissionSetArn: { 'Fn::GetAtt': [stack.getLogicalId(set.node.defaultChild as sso.CfnPermissionSet), 'PermissionSetArn'] },
      PrincipalType: 'GROUP',
      PrincipalId: GROUP_ID,
      TargetType: 'AWS_ACCOUNT',
      TargetId: '444455556666',
    });
    template.hasResourceProperties('AWS::SSO::Assignment', { PrincipalType: 'USER', PrincipalId: USER_ID, TargetId: '111122223333' });
  });

  test.each<[string, (set: SecurePermissionSet) => unknown, string]>([
    ['an 11-digit account', (s) => s.assign(PermissionSetPrincipal.group(GROUP_ID), ['11112222333']), "invalid 'assign: accounts[0]': must be a 12-digit account id"],
    ['an account alias', (s) => s.assign(PermissionSetPrincipal.group(GROUP_ID), ['prod']), "invalid 'assign: accounts[0]'"],
    ['no account', (s) => s.assign(PermissionSetPrincipal.group(GROUP_ID), []), "invalid 'assign: accounts': must list at least one"],
    ['a repeated account', (s) => s.assign(PermissionSetPrincipal.group(GROUP_ID), ['111122223333', '111122223333']), "invalid 'assign: accounts': must not repeat"],
    ['a group name instead of its id', (s) => s.assign(PermissionSetPrincipal.group('Admins'), ['111122223333']), "invalid 'assign: principalId'"],
    ['a principal that is not one', (s) => s.assign({ principalType: 'ROLE', principalId: GROUP_ID } as any, ['111122223333']), "invalid 'assign: principal'"],
    ['the same assignment twice', (s) => { s.assign(PermissionSetPrincipal.user(USER_ID), ['111122223333']); s.assign(PermissionSetPrincipal.user(USER_ID), ['111122223333']); }, "invalid 'assign': must not assign the same principal"],
  ])('assign refuses %s', (_name, act, message) => {
    const stack = propertyTestStack();
    const set = new SecurePermissionSet(stack, 'Auditors', { instanceArn: INSTANCE });
    expect(fortressError(() => act(set)).message).toContain(`[cdk-fortress] Stack/Auditors: ${message}`);
  });

  test.each<[string, (cfn: sso.CfnPermissionSet) => void, string]>([
    ['AdministratorAccess added by an escape hatch', (c) => c.addPropertyOverride('ManagedPolicies', ['arn:aws:iam::aws:policy/AdministratorAccess']), "invalid 'ManagedPolicies'"],
    ['a wildcard inline policy by an escape hatch', (c) => c.addPropertyOverride('InlinePolicy', { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }), "invalid 'InlinePolicy statement"],
    ['NotAction in a JSON-string inline policy', (c) => c.addPropertyOverride('InlinePolicy', JSON.stringify({ Statement: [{ Effect: 'Allow', NotAction: 'iam:*', Resource: 'arn:aws:s3:::r' }] })), 'must not use NotAction'],
    ['a 24-hour session by an escape hatch', (c) => c.addPropertyOverride('SessionDuration', 'PT24H'), "invalid 'SessionDuration'"],
    ['a session in days by an escape hatch', (c) => c.addPropertyOverride('SessionDuration', 'P1D'), "invalid 'SessionDuration'"],
  ])('synthesis refuses %s', (_name, override, message) => {
    const stack = propertyTestStack();
    const set = new SecurePermissionSet(stack, 'Auditors', { instanceArn: INSTANCE });
    override(set.node.defaultChild as sso.CfnPermissionSet);
    expect(fortressError(() => Template.fromStack(stack)).message).toContain(message);
  });
});

describe('SecurePermissionSet compliance (all six packs + FortressChecks)', () => {
  test('GIVEN only the instance, assigned THEN compliant, nothing acknowledged', () => {
    const stack = complianceTestStack();
    new SecurePermissionSet(stack, 'Auditors', { instanceArn: INSTANCE }).assign(PermissionSetPrincipal.group(GROUP_ID), ['111122223333']);
    expect(expectCompliant(stack).acknowledgments).toEqual([]);
  });

  test('property: random valid props always synthesize compliant', () => {
    fc.assert(fc.property(fc.record({
      minutes: fc.option(fc.integer({ min: 60, max: 720 }), { nil: undefined }),
      name: fc.option(fc.stringMatching(/^[A-Za-z0-9+=,.@_-]{1,32}$/), { nil: undefined }),
      references: fc.integer({ min: 0, max: 3 }),
      boundary: fc.boolean(),
      inline: fc.boolean(),
      accounts: fc.uniqueArray(fc.stringMatching(/^\d{12}$/), { minLength: 1, maxLength: 3 }),
    }), (p) => {
      const stack = complianceTestStack();
      const set = new SecurePermissionSet(stack, 'Set', {
        instanceArn: INSTANCE,
        permissionSetName: p.name,
        sessionDuration: p.minutes === undefined ? undefined : Duration.minutes(p.minutes),
        customerManagedPolicies: Array.from({ length: p.references }, (_, i) => ({ name: `Policy${i}` })),
        permissionsBoundary: p.boundary ? { name: 'Boundary', path: '/people/' } : undefined,
        statements: p.inline ? [new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['arn:aws:s3:::reports/*'] })] : undefined,
      });
      set.assign(PermissionSetPrincipal.group(GROUP_ID), p.accounts);
      expect(expectCompliant(stack).acknowledgments).toEqual([]);
    }), { numRuns: 5 });
  });
});

describe('SecurePermissionSet rejects invalid input before creating anything', () => {
  const PREFIX = '[cdk-fortress] Stack/Set: ';
  const attempt = (props: (stack: Stack) => any): unknown => rejectionOf('Set', props, (stack, id, p) => new SecurePermissionSet(stack, id, p));
  const admin = { policyName: 'AdministratorAccess', reason: 'Recovering the account needs every action during an incident.' };

  test.each<[string, (stack: Stack) => any, string]>([
    ['no props', () => undefined, "invalid 'instanceArn': is required"],
    ['an instance ARN that is an account ARN', () => ({ instanceArn: 'arn:aws:iam::111122223333:root' }), "invalid 'instanceArn': must be an IAM Identity Center instance ARN"],
    ['an instance id without the ARN', () => ({ instanceArn: 'ssoins-0123456789abcdef' }), "invalid 'instanceArn'"],
    ['an instance ARN with 15 digits', () => ({ instanceArn: 'arn:aws:sso:::instance/ssoins-0123456789abcde' }), "invalid 'instanceArn'"],
    ['a session under an hour', () => ({ instanceArn: INSTANCE, sessionDuration: Duration.minutes(30) }), "invalid 'sessionDuration': must be a whole number of minutes from 1 to 12 hours"],
    ['a session over 12 hours', () => ({ instanceArn: INSTANCE, sessionDuration: Duration.hours(13) }), "invalid 'sessionDuration'"],
    ['a session in seconds', () => ({ instanceArn: INSTANCE, sessionDuration: Duration.seconds(3_630) }), "invalid 'sessionDuration'"],
    ['a session as a string', () => ({ instanceArn: INSTANCE, sessionDuration: 'PT1H' }), "invalid 'sessionDuration': must be a Duration"],
    ['a break-glass session over an hour', () => ({ instanceArn: INSTANCE, sessionDuration: Duration.hours(2), breakGlassReason: 'Emergency access when the pipeline is down, alarmed on every use.' }), "invalid 'sessionDuration': must be 1 hour for a break-glass set"],
    ['a name over 32 characters', () => ({ instanceArn: INSTANCE, permissionSetName: 'n'.repeat(33) }), "invalid 'permissionSetName'"],
    ['a name with a space', () => ({ instanceArn: INSTANCE, permissionSetName: 'Read Only' }), "invalid 'permissionSetName'"],
    ['a relay state over 240 characters', () => ({ instanceArn: INSTANCE, relayState: `https://console.aws.amazon.com/${'a'.repeat(240)}` }), "invalid 'relayState'"],
    ['AdministratorAccess in a normal set', () => ({ instanceArn: INSTANCE, awsManagedPolicies: [admin] }), "invalid 'awsManagedPolicies[0]': must not grant administrator or full access"],
    ['PowerUserAccess in a normal set', () => ({ instanceArn: INSTANCE, awsManagedPolicies: [{ ...admin, policyName: 'PowerUserAccess' }] }), "invalid 'awsManagedPolicies[0]'"],
    ['AmazonS3FullAccess in a normal set', () => ({ instanceArn: INSTANCE, awsManagedPolicies: [{ ...admin, policyName: 'AmazonS3FullAccess' }] }), "invalid 'awsManagedPolicies[0]'"],
    ['a break-glass reason that explains nothing', () => ({ instanceArn: INSTANCE, breakGlassReason: 'TODO', awsManagedPolicies: [admin] }), "invalid 'breakGlassReason'"],
    ['an AWS managed policy without a reason', () => ({ instanceArn: INSTANCE, awsManagedPolicies: [{ policyName: 'ReadOnlyAccess', reason: '' }] }), "invalid 'awsManagedPolicies[0].reason'"],
    ['a wildcard inline statement', () => ({ instanceArn: INSTANCE, statements: [new iam.PolicyStatement({ actions: ['*'], resources: ['*'] })] }), "invalid 'statements[0] statement"],
    ['an admin-equivalent inline wildcard', () => ({ instanceArn: INSTANCE, statements: [new iam.PolicyStatement({ actions: ['iam:Put*'], resources: ['arn:aws:iam::111122223333:role/*'] })] }), "invalid 'statements[0] statement {\"Action\":\"iam:Put*\""],
    ['a customer-managed reference with a bad path', () => ({ instanceArn: INSTANCE, customerManagedPolicies: [{ name: 'Access', path: 'people' }] }), "invalid 'customerManagedPolicies[0].path'"],
    ['a boundary without a name', () => ({ instanceArn: INSTANCE, permissionsBoundary: { path: '/' } }), "invalid 'permissionsBoundary': must be { name, path? }"],
    ['eleven managed policies', () => ({ instanceArn: INSTANCE, customerManagedPolicies: Array.from({ length: 11 }, (_, i) => ({ name: `P${i}` })) }), "invalid 'awsManagedPolicies': with customerManagedPolicies must be at most 10 policies"],
  ])('%s', (_name, props, message) => {
    const error = attempt(props);
    expect(FortressErrors.isFortressError(error)).toBe(true);
    expect((error as Error).message).toContain(PREFIX + message);
  });
});

describe('SecurePermissionSet break-glass acknowledgments', () => {
  test('GIVEN a break-glass set with AdministratorAccess and ReadOnlyAccess THEN compliant, exactly the administrator policy acknowledged', () => {
    const stack = complianceTestStack();
    new SecurePermissionSet(stack, 'BreakGlass', {
      instanceArn: INSTANCE,
      breakGlassReason: 'Emergency access when the deployment pipeline is down; assigned to two on-call engineers, alarmed on use.',
      awsManagedPolicies: [
        { policyName: 'AdministratorAccess', reason: 'Recovering the account needs every action during an incident.' },
        { policyName: 'ReadOnlyAccess', reason: 'Investigating the incident needs to read every resource.' },
      ],
    }).assign(PermissionSetPrincipal.group(GROUP_ID), ['111122223333']);
    expect(expectCompliant(stack).acknowledgments.map((a) => `${a.constructPath} ${a.ruleId}`))
      .toEqual(['Stack/BreakGlass/Resource Fortress-IAMNoAwsManagedAdminPolicy[AdministratorAccess]']);
  });
});

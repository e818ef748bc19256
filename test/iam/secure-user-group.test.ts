import { SecretValue, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as fc from 'fast-check';
import { evaluate, EvaluationRequest } from './policy-evaluator';
import { EncryptedBucket, FortressErrors, SecureUserGroup } from '../../src';
import { complianceTestStack, expectCompliant, propertyTestStack, rejectionOf } from '../compliance';

const ids = (acks: Array<{ constructPath: string; ruleId: string }>) => acks.map((a) => `${a.constructPath} ${a.ruleId}`);
const ACCOUNT = '111122223333';
const user = (name: string) => `arn:aws:iam::${ACCOUNT}:user/${name}`;

/** The acknowledgments a SecureUserGroup with defaults and no members makes (documented in the README). */
const DEFAULT_ACKNOWLEDGMENTS = [
  'Stack/Engineers HIPAA.Security-IAMGroupHasUsers',
  'Stack/Engineers NIST.800.53.R4-IAMGroupHasUsers',
  'Stack/Engineers PCI.DSS.321-IAMGroupHasUsers',
  'Stack/Engineers/MfaPolicy AwsSolutions-IAM5[Resource::*]',
  'Stack/Engineers/MfaPolicy AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:iam::<AWS::AccountId>:mfa/*]',
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

/** Every statement of the policies attached to the group in the template (the MFA policy and the permissions). */
function groupStatements(stack: Stack): any[] {
  const policies = Template.fromStack(stack).findResources('AWS::IAM::ManagedPolicy');
  return Object.values<any>(policies).flatMap((p) => p.Properties.PolicyDocument.Statement);
}

describe('SecureUserGroup', () => {
  test('GIVEN no props THEN the MFA policy is a customer-managed policy attached to the group, nothing inline', () => {
    const stack = propertyTestStack();
    const group = new SecureUserGroup(stack, 'Engineers');
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::IAM::Group', 1);
    template.resourceCountIs('AWS::IAM::Policy', 0);
    template.hasResourceProperties('AWS::IAM::Group', { Policies: Match.absent() });
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      Groups: [{ Ref: stack.getLogicalId(group.node.defaultChild as iam.CfnGroup) }],
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({
          Sid: 'DenyAllExceptListedIfNoMFA',
          Effect: 'Deny',
          NotAction: Match.arrayWith(['iam:ChangePassword', 'iam:CreateVirtualMFADevice', 'iam:EnableMFADevice', 'sts:GetSessionToken']),
          Resource: '*',
          Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } },
        })]),
      },
    });
    expect(group).toBeInstanceOf(iam.Group);
    expect(group.mfaPolicy).toBeInstanceOf(iam.ManagedPolicy);
  });

  test('drop-in: grants land in a customer-managed permissions policy, never inline', () => {
    const stack = propertyTestStack();
    const group = new SecureUserGroup(stack, 'Engineers');
    new s3.Bucket(stack, 'Reports').grantRead(group);
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::IAM::Policy', 0);
    template.resourceCountIs('AWS::IAM::ManagedPolicy', 2);
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      Groups: [{ Ref: stack.getLogicalId(group.node.defaultChild as iam.CfnGroup) }],
      PolicyDocument: { Statement: [Match.objectLike({ Action: Match.arrayWith(['s3:GetObject*']) })] },
    });
  });
});

describe('SecureUserGroup MFA policy, evaluated (explicit deny wins, an allow is needed)', () => {
  const statements = () => {
    const stack = propertyTestStack();
    const group = new SecureUserGroup(stack, 'Engineers');
    group.addToPolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['arn:aws:s3:::reports/*'] }));
    return groupStatements(stack);
  };
  const noMfa = {}; // long-term credentials: the key is absent
  const mfaFalse = { 'aws:MultiFactorAuthPresent': 'false' };
  const mfa = { 'aws:MultiFactorAuthPresent': 'true' };
  const ask = (action: string, resource: string, context: Record<string, string>, username = 'alice'): EvaluationRequest => ({ action, resource, context, username });

  test.each<[string, string]>([
    ['iam:CreateVirtualMFADevice', `arn:aws:iam::${ACCOUNT}:mfa/alice-phone`],
    ['iam:EnableMFADevice', user('alice')],
    ['iam:ResyncMFADevice', user('alice')],
    ['iam:ListMFADevices', user('alice')],
    ['iam:GetMFADevice', user('alice')],
    ['iam:ListVirtualMFADevices', '*'],
    ['iam:GetUser', user('alice')],
    ['iam:ChangePassword', user('alice')],
    ['iam:GetAccountPasswordPolicy', '*'],
  ])('WITHOUT MFA %s on %s is allowed (set up own MFA, change own password)', (action, resource) => {
    const s = statements();
    expect(evaluate(s, ask(action, resource, mfaFalse))).toBe('Allow');
    expect(evaluate(s, ask(action, resource, noMfa))).toBe('Allow');
  });

  test.each<[string, string, string]>([
    ['s3:GetObject, although the group grants it', 's3:GetObject', 'arn:aws:s3:::reports/q1.csv'],
    ['iam:CreateUser', 'iam:CreateUser', user('mallory')],
    ['iam:DeactivateMFADevice on the own user', 'iam:DeactivateMFADevice', user('alice')],
    ['iam:CreateAccessKey on the own user', 'iam:CreateAccessKey', user('alice')],
    ['ec2:DescribeInstances', 'ec2:DescribeInstances', '*'],
    ['sts:AssumeRole', 'sts:AssumeRole', `arn:aws:iam::${ACCOUNT}:role/Admin`],
  ])('WITHOUT MFA %s is explicitly denied', (_name, action, resource) => {
    const s = statements();
    expect(evaluate(s, ask(action, resource, mfaFalse))).toBe('ExplicitDeny');
    expect(evaluate(s, ask(action, resource, noMfa))).toBe('ExplicitDeny');
  });

  test.each<[string, string]>([
    ['iam:EnableMFADevice', user('bob')],
    ['iam:ChangePassword', user('bob')],
    ['iam:ListMFADevices', user('bob')],
    ['iam:GetUser', user('bob')],
  ])('another user\'s credentials: %s on %s is never allowed, with or without MFA', (action, resource) => {
    const s = statements();
    expect(evaluate(s, ask(action, resource, mfaFalse))).toBe('ImplicitDeny');
    expect(evaluate(s, ask(action, resource, mfa))).toBe('ImplicitDeny');
  });

  test('WITH MFA the group\'s permissions work, and nothing else is granted', () => {
    const s = statements();
    expect(evaluate(s, ask('s3:GetObject', 'arn:aws:s3:::reports/q1.csv', mfa))).toBe('Allow');
    expect(evaluate(s, ask('iam:DeactivateMFADevice', user('alice'), mfa))).toBe('Allow');
    expect(evaluate(s, ask('s3:GetObject', 'arn:aws:s3:::payroll/q1.csv', mfa))).toBe('ImplicitDeny');
    expect(evaluate(s, ask('iam:CreateUser', user('mallory'), mfa))).toBe('ImplicitDeny');
  });
});

describe('SecureUserGroup members', () => {
  test('GIVEN a user with a password that must be reset THEN accepted, in the group', () => {
    const stack = propertyTestStack();
    const group = new SecureUserGroup(stack, 'Engineers');
    const alice = new iam.User(stack, 'Alice', { password: SecretValue.unsafePlainText('initial-Secret-1'), passwordResetRequired: true });
    group.addUser(alice);
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::User', { Groups: [{ Ref: stack.getLogicalId(group.node.defaultChild as iam.CfnGroup) }] });
  });

  test('GIVEN a console user without password reset THEN addUser refuses it', () => {
    const stack = propertyTestStack();
    const group = new SecureUserGroup(stack, 'Engineers');
    const bob = new iam.User(stack, 'Bob', { password: SecretValue.unsafePlainText('initial-Secret-1') });
    expect(fortressError(() => group.addUser(bob)).message).toContain("invalid 'addUser(Stack/Bob)': has a console password without passwordResetRequired");
  });

  test('GIVEN a user with access keys THEN addUser refuses it, pointing to roles and Identity Center', () => {
    const stack = propertyTestStack();
    const group = new SecureUserGroup(stack, 'Engineers');
    const bob = new iam.User(stack, 'Bob');
    new iam.AccessKey(stack, 'BobKey', { user: bob });
    expect(fortressError(() => group.addUser(bob)).message).toMatch(/has access keys created by the app \(Stack\/BobKey\/Resource\).*IAM Identity Center/);
  });

  test('GIVEN an access key created AFTER addUser THEN synthesis refuses it', () => {
    const stack = propertyTestStack();
    const group = new SecureUserGroup(stack, 'Engineers');
    const bob = new iam.User(stack, 'Bob');
    group.addUser(bob);
    new iam.AccessKey(stack, 'BobKey', { user: bob });
    expect(fortressError(() => Template.fromStack(stack)).message).toContain("invalid 'user Stack/Bob/Resource': has access keys created by the app");
  });

  test('GIVEN a user joining from the user side (groups prop) without password reset THEN synthesis refuses it', () => {
    const stack = propertyTestStack();
    const group = new SecureUserGroup(stack, 'Engineers');
    new iam.User(stack, 'Bob', { groups: [group], password: SecretValue.unsafePlainText('initial-Secret-1') });
    expect(fortressError(() => Template.fromStack(stack)).message).toContain("invalid 'user Stack/Bob/Resource': has a console password without passwordResetRequired");
  });

  test('GIVEN an escape hatch that drops the password reset THEN synthesis refuses it', () => {
    const stack = propertyTestStack();
    const group = new SecureUserGroup(stack, 'Engineers');
    const alice = new iam.User(stack, 'Alice', { password: SecretValue.unsafePlainText('initial-Secret-1'), passwordResetRequired: true });
    group.addUser(alice);
    (alice.node.defaultChild as iam.CfnUser).addPropertyOverride('LoginProfile.PasswordResetRequired', false);
    expect(fortressError(() => Template.fromStack(stack)).message).toContain('without passwordResetRequired');
  });

  test('GIVEN an L1 UserToGroupAddition naming a console user without password reset THEN synthesis refuses it', () => {
    const stack = propertyTestStack();
    const group = new SecureUserGroup(stack, 'Engineers');
    const bob = new iam.User(stack, 'Bob', { password: SecretValue.unsafePlainText('initial-Secret-1') });
    new iam.CfnUserToGroupAddition(stack, 'Join', { groupName: group.groupName, users: [bob.userName] });
    expect(fortressError(() => Template.fromStack(stack)).message).toContain("invalid 'user Stack/Bob/Resource': has a console password without passwordResetRequired");
  });

  test('GIVEN a user with a path THEN refused (the policy names user/${aws:username})', () => {
    const stack = propertyTestStack();
    const group = new SecureUserGroup(stack, 'Engineers');
    const carol = new iam.User(stack, 'Carol', { path: '/contractors/' });
    expect(fortressError(() => group.addUser(carol)).message).toContain('must have the path "/"');
  });

  test('GIVEN an imported user THEN accepted (nothing of it is in the app to judge)', () => {
    const stack = propertyTestStack();
    const group = new SecureUserGroup(stack, 'Engineers');
    group.addUser(iam.User.fromUserName(stack, 'Dave', 'dave'));
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::UserToGroupAddition', { Users: ['dave'] });
  });
});

describe('SecureUserGroup permissions follow LeastPrivilegeRole\'s refusals', () => {
  const refused = (statement: iam.PolicyStatement, message: string) => {
    const stack = propertyTestStack();
    const group = new SecureUserGroup(stack, 'Engineers');
    expect(fortressError(() => group.addToPolicy(statement)).message).toContain(message);
  };

  test.each<[string, iam.PolicyStatement, string]>([
    ['every action', new iam.PolicyStatement({ actions: ['*'], resources: ['arn:aws:s3:::reports'] }), 'must name actions, not *'],
    ['a whole service', new iam.PolicyStatement({ actions: ['s3:*'], resources: ['arn:aws:s3:::reports'] }), 'must name actions, not s3:*'],
    ['NotAction', new iam.PolicyStatement({ notActions: ['iam:*'], resources: ['arn:aws:s3:::reports'] }), 'must not use NotAction'],
    ['Resource "*"', new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['*'] }), 'must name resources'],
    ['iam:PassRole without condition', new iam.PolicyStatement({ actions: ['iam:PassRole'], resources: [`arn:aws:iam::${ACCOUNT}:role/App`] }), 'iam:PassedToService'],
    ['an escalation wildcard on every role', new iam.PolicyStatement({ actions: ['iam:Attach*'], resources: [`arn:aws:iam::${ACCOUNT}:role/*`] }), 'must not be administrator-equivalent'],
  ])('%s is refused', (_name, statement, message) => refused(statement, message));

  test('GIVEN an inline policy attached from the policy side THEN refused at once (iam.Policy) or at synthesis (L1)', () => {
    const stack = propertyTestStack();
    const group = new SecureUserGroup(stack, 'Engineers');
    const statements = [new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['arn:aws:s3:::r/*'] })];
    expect(fortressError(() => new iam.Policy(stack, 'Inline', { groups: [group], statements })).message).toContain("invalid 'attachInlinePolicy'");
    const l1Stack = propertyTestStack();
    const l1Group = new SecureUserGroup(l1Stack, 'Engineers');
    new iam.CfnPolicy(l1Stack, 'Inline', { policyName: 'inline', groups: [l1Group.groupName], policyDocument: new iam.PolicyDocument({ statements }) });
    expect(fortressError(() => Template.fromStack(l1Stack)).message).toContain("invalid 'inline policy Stack/Inline': is refused");
  });

  test('GIVEN a managed policy with a wildcard attached from the policy side THEN synthesis refuses it', () => {
    const stack = propertyTestStack();
    const group = new SecureUserGroup(stack, 'Engineers');
    new iam.ManagedPolicy(stack, 'Extra', { groups: [group], statements: [new iam.PolicyStatement({ actions: ['s3:*'], resources: ['arn:aws:s3:::r/*'] })] });
    expect(fortressError(() => Template.fromStack(stack)).message).toContain('must name actions, not s3:*');
  });

  test('GIVEN AdministratorAccess attached by addManagedPolicy or an escape hatch THEN refused', () => {
    const stack = propertyTestStack();
    const group = new SecureUserGroup(stack, 'Engineers');
    expect(fortressError(() => group.addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName('AdministratorAccess'))).message).toContain('refuses administrator');
    (group.node.defaultChild as iam.CfnGroup).addPropertyOverride('ManagedPolicyArns', ['arn:aws:iam::aws:policy/PowerUserAccess']);
    expect(fortressError(() => Template.fromStack(stack)).message).toContain("invalid 'ManagedPolicyArns'");
  });

  test('GIVEN the MFA policy detached or rewritten by an escape hatch THEN synthesis refuses it', () => {
    for (const override of [['Groups', []], ['PolicyDocument.Statement.4.Effect', 'Allow']] as const) {
      const stack = propertyTestStack();
      const group = new SecureUserGroup(stack, 'Engineers');
      (group.mfaPolicy.node.defaultChild as iam.CfnManagedPolicy).addPropertyOverride(override[0], override[1]);
      expect(fortressError(() => Template.fromStack(stack)).message).toContain("invalid 'mfaPolicy': must stay attached to the group and unchanged");
    }
  });

  test('GIVEN an inline policy through attachInlinePolicy THEN refused', () => {
    const stack = propertyTestStack();
    const group = new SecureUserGroup(stack, 'Engineers');
    expect(fortressError(() => group.attachInlinePolicy(new iam.Policy(stack, 'P'))).message).toContain("invalid 'attachInlinePolicy'");
  });
});

describe('SecureUserGroup compliance (all six packs + FortressChecks)', () => {
  test('GIVEN no props THEN no unacknowledged error, and exactly the documented acknowledgments', () => {
    const stack = complianceTestStack();
    new SecureUserGroup(stack, 'Engineers');
    expect(ids(expectCompliant(stack).acknowledgments)).toEqual(DEFAULT_ACKNOWLEDGMENTS);
  });

  test('property: a group with members and granted permissions is always compliant, without the empty-group acknowledgment', () => {
    fc.assert(fc.property(fc.record({
      groupName: fc.option(fc.stringMatching(/^[A-Za-z0-9+=,.@_-]{1,40}$/), { nil: undefined }),
      users: fc.integer({ min: 1, max: 3 }),
      grant: fc.constantFrom('none', 'read', 'readWrite'),
    }), (p) => {
      const stack = complianceTestStack();
      const group = new SecureUserGroup(stack, 'Engineers', { groupName: p.groupName });
      for (let i = 0; i < p.users; i++) {
        group.addUser(new iam.User(stack, `User${i}`, { password: SecretValue.unsafePlainText('initial-Secret-1'), passwordResetRequired: true }));
      }
      const bucket = new EncryptedBucket(stack, 'Reports');
      if (p.grant === 'read') bucket.grantRead(group);
      if (p.grant === 'readWrite') bucket.grantReadWrite(group);
      const acks = ids(expectCompliant(stack).acknowledgments).filter((a) => a.startsWith('Stack/Engineers'));
      expect(acks.filter((a) => a.includes('IAMGroupHasUsers'))).toEqual([]);
      expect(acks).toEqual(expect.arrayContaining(DEFAULT_ACKNOWLEDGMENTS.slice(3)));
    }), { numRuns: 5 });
  });
});

describe('SecureUserGroup rejects invalid input before creating anything', () => {
  const PREFIX = '[cdk-fortress] Stack/Engineers: ';
  const attempt = (props: (stack: Stack) => any): unknown => rejectionOf('Engineers', props, (stack, id, p) => new SecureUserGroup(stack, id, p));

  test.each<[string, (stack: Stack) => any, string]>([
    ['a group name with a space', () => ({ groupName: 'site admins' }), "invalid 'groupName': must be 1-128 letters"],
    ['a group name over 128 characters', () => ({ groupName: 'g'.repeat(129) }), "invalid 'groupName'"],
    ['an empty group name', () => ({ groupName: '' }), "invalid 'groupName'"],
    ['AdministratorAccess', () => ({ awsManagedPolicies: [{ policyName: 'AdministratorAccess', reason: 'Engineers administer the account every day.' }] }), "invalid 'awsManagedPolicies[0]': must not grant administrator or full access"],
    ['a *FullAccess policy', () => ({ awsManagedPolicies: [{ policyName: 'AmazonS3FullAccess', reason: 'Engineers manage every bucket of the account.' }] }), "invalid 'awsManagedPolicies[0]'"],
    ['an AWS managed policy without a reason', () => ({ awsManagedPolicies: [{ policyName: 'ReadOnlyAccess', reason: 'ok' }] }), "invalid 'awsManagedPolicies[0].reason'"],
    ['an AWS managed policy without a name', () => ({ awsManagedPolicies: [{ reason: 'Engineers read the billing console for budgets.' }] }), "invalid 'awsManagedPolicies[0].policyName'"],
    ['a wildcard statement', () => ({ statements: [new iam.PolicyStatement({ actions: ['s3:*'], resources: ['arn:aws:s3:::r'] })] }), "invalid 'statements[0] statement"],
    ['an undeclared Resource "*"', () => ({ statements: [new iam.PolicyStatement({ actions: ['ec2:DescribeInstances'], resources: ['*'] })] }), "invalid 'statements[0] statement"],
    ['a wildcard declared without resource-level permissions', () => ({ noResourceLevelActions: [{ actions: ['ec2:Describe*'], reason: 'EC2 describe calls support no resource-level permissions at all.' }] }), "invalid 'noResourceLevelActions[0].actions'"],
    ['an escalation action declared without resource-level permissions', () => ({ noResourceLevelActions: [{ action: 'iam:CreateUser', reason: 'The on-call engineers create users during incidents only.' }] }), "invalid 'noResourceLevelActions[0].action': must not include administration"],
    ['statements that are not a list', () => ({ statements: new iam.PolicyStatement() }), "invalid 'statements': must be a list"],
    ['props that are not an object', () => 'Engineers', "invalid 'props': must be an object"],
  ])('%s', (_name, props, message) => {
    const error = attempt(props);
    expect(FortressErrors.isFortressError(error)).toBe(true);
    expect((error as Error).message).toContain(PREFIX + message);
  });
});

import { App, Duration, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Acknowledgments, FortressErrors, LeastPrivilegeRole } from '../../src';
import { propertyTestApp, propertyTestStack } from '../compliance';

const lambda = () => new iam.ServicePrincipal('lambda.amazonaws.com');
const KEY_ARN = 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';

function error(build: () => unknown): Error {
  try { build(); } catch (e) { expect(FortressErrors.isFortressError(e)).toBe(true); return e as Error; }
  throw new Error('expected a FortressError, nothing was thrown');
}
const actionAcks = (scope: Stack | LeastPrivilegeRole) => Acknowledgments.list(scope).map((a) => a.ruleId).filter((id) => id.startsWith('AwsSolutions-IAM5[Action::'));

describe('GIVEN wildcard actions THEN only those of aws-cdk-lib data grants are acknowledged (issue 12 item 3)', () => {
  test.each([
    [['kms:Put*', 'kms:Decrypt']], [['kms:Create*']], [['kms:Delete*', 'kms:Describe*']], [['kms:GenerateDataKey*', 'kms:Put*']],
  ])('a hand-written %j keeps its IAM5 findings', (actions) => {
    const stack = propertyTestStack();
    const role = new LeastPrivilegeRole(stack, 'App', { assumedBy: lambda() });
    role.addToPolicy(new iam.PolicyStatement({ actions, resources: [KEY_ARN] }));
    expect(actionAcks(role)).toEqual([]);
  });

  test('a hand-written grant family outside a grant\'s exact action list keeps its finding', () => {
    const stack = propertyTestStack();
    const role = new LeastPrivilegeRole(stack, 'App', { assumedBy: lambda() });
    role.addToPolicy(new iam.PolicyStatement({ actions: ['s3:GetObject*', 's3:PutBucketPolicy'], resources: ['arn:aws:s3:::reports', 'arn:aws:s3:::reports/*'] }));
    expect(actionAcks(role)).toEqual([]);
  });

  test('key.grantAdmin (kms:Create*, kms:Put*, kms:Delete*, ...) is not acknowledged: a reviewer must see it', () => {
    const stack = propertyTestStack();
    const role = new LeastPrivilegeRole(stack, 'App', { assumedBy: lambda() });
    new kms.Key(stack, 'Key').grantAdmin(role);
    expect(actionAcks(role)).toEqual([]);
  });

  test('data grants (bucket.grantReadWrite with its key) are acknowledged, family by family', () => {
    const stack = propertyTestStack();
    const role = new LeastPrivilegeRole(stack, 'App', { assumedBy: lambda() });
    new s3.Bucket(stack, 'Data', { encryptionKey: new kms.Key(stack, 'Key') }).grantReadWrite(role);
    expect(actionAcks(role).sort()).toEqual([
      'AwsSolutions-IAM5[Action::kms:GenerateDataKey*]', 'AwsSolutions-IAM5[Action::kms:ReEncrypt*]', 'AwsSolutions-IAM5[Action::s3:Abort*]',
      'AwsSolutions-IAM5[Action::s3:DeleteObject*]', 'AwsSolutions-IAM5[Action::s3:GetBucket*]', 'AwsSolutions-IAM5[Action::s3:GetObject*]',
      'AwsSolutions-IAM5[Action::s3:List*]',
    ]);
  });
});

describe('GIVEN policies attached from the policy side THEN they are checked at synthesis, in any order (issue 12 item 3)', () => {
  const wildcard = () => new iam.PolicyStatement({ actions: ['s3:*'], resources: ['arn:aws:s3:::reports/*'] });

  test('new iam.ManagedPolicy({ roles: [role] })', () => {
    const stack = propertyTestStack();
    const role = new LeastPrivilegeRole(stack, 'App', { assumedBy: lambda() });
    new iam.ManagedPolicy(stack, 'Extra', { roles: [role], statements: [wildcard()] });
    expect(error(() => Template.fromStack(stack)).message).toMatch(/^\[cdk-fortress\] Stack\/App: invalid 'statement .* \(in Stack\/Extra\)': must name actions, not s3:\*/);
  });

  test('managedPolicy.attachToRole(role), the policy created first and made wildcard after attaching', () => {
    const stack = propertyTestStack();
    const policy = new iam.ManagedPolicy(stack, 'Extra', { statements: [new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['arn:aws:s3:::reports/a'] })] });
    const role = new LeastPrivilegeRole(stack, 'App', { assumedBy: lambda() });
    policy.attachToRole(role);
    expect(() => Template.fromStack(stack)).not.toThrow();
    const later = propertyTestStack();
    const laterPolicy = new iam.ManagedPolicy(later, 'Extra');
    laterPolicy.attachToRole(new LeastPrivilegeRole(later, 'App', { assumedBy: lambda() }));
    laterPolicy.addStatements(new iam.PolicyStatement({ notActions: ['iam:*'], resources: ['*'] }));
    expect(error(() => Template.fromStack(later)).message).toContain('must not use NotAction');
  });

  test('a managed policy in another stack', () => {
    const app = propertyTestApp();
    const role = new LeastPrivilegeRole(new Stack(app, 'A', { env: { account: '111122223333', region: 'eu-west-1' } }), 'App', { assumedBy: lambda() });
    new iam.ManagedPolicy(new Stack(app, 'B', { env: { account: '111122223333', region: 'eu-west-1' } }), 'Extra', {
      roles: [role], statements: [new iam.PolicyStatement({ actions: ['s3:GetObject'], notResources: ['arn:aws:s3:::secret/*'] })],
    });
    expect(error(() => app.synth()).message).toContain('must not use NotResource');
  });

  test('inline policies: new iam.Policy({ roles }), policy.attachToRole, and an L1 naming the role', () => {
    const stack = propertyTestStack();
    const role = new LeastPrivilegeRole(stack, 'App', { assumedBy: lambda() });
    expect(error(() => new iam.Policy(stack, 'Inline', { roles: [role], statements: [wildcard()] })).message).toContain("invalid 'attachInlinePolicy'");
    expect(error(() => new iam.Policy(stack, 'Inline2').attachToRole(role)).message).toContain("invalid 'attachInlinePolicy'");
    const l1 = propertyTestStack();
    const l1Role = new LeastPrivilegeRole(l1, 'App', { assumedBy: lambda() });
    new iam.CfnPolicy(l1, 'Raw', { policyName: 'raw', roles: [l1Role.roleName], policyDocument: { Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/k' }] } });
    expect(error(() => Template.fromStack(l1)).message).toContain("invalid 'inline policy Stack/Raw': is refused");
  });

  test('escape hatches on the role: admin AWS managed policy, inline Policies', () => {
    const stack = propertyTestStack();
    const role = new LeastPrivilegeRole(stack, 'App', { assumedBy: lambda() });
    (role.node.defaultChild as iam.CfnRole).addPropertyOverride('ManagedPolicyArns', ['arn:aws:iam::aws:policy/AdministratorAccess']);
    const message = error(() => Template.fromStack(stack)).message;
    expect(message).toContain("invalid 'ManagedPolicyArns': refuses administrator and full-access AWS managed policies");
    expect(message).toContain("(got 'AdministratorAccess')");
    const inline = propertyTestStack();
    const other = new LeastPrivilegeRole(inline, 'App', { assumedBy: lambda() });
    (other.node.defaultChild as iam.CfnRole).addPropertyOverride('Policies', [{ PolicyName: 'x', PolicyDocument: { Statement: [] } }]);
    expect(error(() => Template.fromStack(inline)).message).toContain("invalid 'Policies': must be empty");
  });

  test('a specific policy attached from the policy side synthesizes', () => {
    const stack = propertyTestStack();
    const role = new LeastPrivilegeRole(stack, 'App', { assumedBy: lambda() });
    new iam.ManagedPolicy(stack, 'Extra', { roles: [role], statements: [new iam.PolicyStatement({ actions: ['sqs:SendMessage'], resources: ['arn:aws:sqs:eu-west-1:111122223333:jobs'] })] });
    expect(() => Template.fromStack(stack)).not.toThrow();
  });
});

describe('GIVEN trust statements added with role.assumeRolePolicy.addStatements THEN they are checked at synthesis (issue 12 item 3)', () => {
  test.each<[string, iam.PolicyStatementProps, string]>([
    ['every principal', { actions: ['sts:AssumeRole'], principals: [new iam.AnyPrincipal()] }, 'a wildcard principal ("*")'],
    ['every principal with a condition', { actions: ['sts:AssumeRole'], principals: [new iam.AnyPrincipal()], conditions: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } }, 'a wildcard principal'],
    ['a wildcard action', { actions: ['sts:*'], principals: [new iam.AccountPrincipal('444455556666')] }, 'must name actions, not sts:*'],
    ['an admin action', { actions: ['iam:*'], principals: [new iam.AccountPrincipal('444455556666')] }, 'must name actions, not iam:*'],
    ['a non-sts action', { actions: ['s3:GetObject'], principals: [new iam.AccountPrincipal('444455556666')] }, 'must allow only sts:AssumeRole'],
    ['NotAction', { notActions: ['sts:TagSession'], principals: [new iam.AccountPrincipal('444455556666')] }, 'must not use NotAction'],
    ['NotResource', { actions: ['sts:AssumeRole'], notResources: ['arn:aws:iam::111122223333:role/x'], principals: [new iam.AccountPrincipal('444455556666')] }, 'must not name resources'],
  ])('%s is refused', (_name, props, message) => {
    const stack = propertyTestStack();
    const role = new LeastPrivilegeRole(stack, 'App', { assumedBy: lambda() });
    role.assumeRolePolicy!.addStatements(new iam.PolicyStatement(props));
    const e = error(() => Template.fromStack(stack));
    expect(e.message).toMatch(/^\[cdk-fortress\] Stack\/App: invalid 'trust statement /);
    expect(e.message).toContain(message);
  });

  test('a named account, and Deny statements, are accepted', () => {
    const stack = propertyTestStack();
    const role = new LeastPrivilegeRole(stack, 'App', { assumedBy: lambda() });
    role.assumeRolePolicy!.addStatements(new iam.PolicyStatement({ actions: ['sts:AssumeRole', 'sts:TagSession'], principals: [new iam.AccountPrincipal('444455556666')] }));
    role.assumeRolePolicy!.addStatements(new iam.PolicyStatement({ effect: iam.Effect.DENY, actions: ['sts:*'], principals: [new iam.AnyPrincipal()] }));
    expect(() => Template.fromStack(stack)).not.toThrow();
  });
});

describe('GIVEN MFA or an external id where they make the trust unusable THEN they are refused (issue 12 item 8)', () => {
  const oidc = () => new iam.WebIdentityPrincipal('arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com');
  test.each<[string, () => iam.IPrincipal, 'requireMfa' | 'externalId', RegExp]>([
    ['a service principal', lambda, 'requireMfa', /not service principals: an AWS service never presents MFA/],
    ['a service principal', () => new iam.ServicePrincipal('events.amazonaws.com'), 'externalId', /not service principals/],
    ['a web identity principal', oidc, 'requireMfa', /not federated \(web identity, OIDC or SAML\) principals/],
    ['a web identity principal', oidc, 'externalId', /AssumeRoleWithWebIdentity and AssumeRoleWithSAML carry neither MFA context nor an external id/],
    ['a federated principal', () => new iam.FederatedPrincipal('cognito-identity.amazonaws.com', {}, 'sts:AssumeRoleWithWebIdentity'), 'requireMfa', /not federated/],
    ['a SAML principal', () => new iam.SamlPrincipal(iam.SamlProvider.fromSamlProviderArn(new Stack(), 'P', 'arn:aws:iam::111122223333:saml-provider/idp'), {}), 'externalId', /not federated/],
    ['an account mixed with a service', () => new iam.CompositePrincipal(new iam.AccountPrincipal('444455556666'), new iam.ServicePrincipal('events.amazonaws.com')), 'requireMfa', /mixes them with services: the condition would bind events.amazonaws.com too/],
    ['a service-linked role', () => new iam.ArnPrincipal('arn:aws:iam::111122223333:role/aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS'), 'externalId', /not service-linked roles/],
  ])('%s with %s', (_name, principal, prop, message) => {
    const props = prop === 'requireMfa' ? { requireMfa: true } : { externalId: 'partner-7f3a' };
    const e = error(() => new LeastPrivilegeRole(propertyTestStack(), 'App', { assumedBy: principal(), ...props }));
    expect(e.message).toContain(`[cdk-fortress] Stack/App: invalid '${prop}': applies to`);
    expect(e.message).toMatch(message);
  });

  test('accounts and IAM users keep MFA and external ids', () => {
    expect(() => new LeastPrivilegeRole(propertyTestStack(), 'App', { assumedBy: new iam.ArnPrincipal('arn:aws:iam::444455556666:user/ops'), requireMfa: true, maxMfaAge: Duration.hours(1) })).not.toThrow();
    expect(() => new LeastPrivilegeRole(propertyTestStack(), 'App', { assumedBy: new iam.AccountPrincipal('444455556666'), externalId: 'partner-7f3a' })).not.toThrow();
  });

  test('an empty trustSourceArn is refused', () => {
    expect(error(() => new LeastPrivilegeRole(propertyTestStack(), 'App', { assumedBy: new iam.ServicePrincipal('events.amazonaws.com'), trustSourceArn: '' })).message)
      .toContain("invalid 'trustSourceArn': must be an ARN (pattern)");
  });
});

describe('GIVEN JavaScript or Python callers omitting required values THEN the library error names the path and prop, never a TypeError (issue 12 item 8)', () => {
  test.each<[string, (stack: Stack) => unknown, string]>([
    ['no props', (s) => new LeastPrivilegeRole(s, 'R', undefined as any), "[cdk-fortress] Stack/R: invalid 'props': are required: at least { assumedBy }"],
    ['no assumedBy', (s) => new LeastPrivilegeRole(s, 'R', {} as any), "[cdk-fortress] Stack/R: invalid 'assumedBy': is required"],
    ['assumedBy undefined', (s) => new LeastPrivilegeRole(s, 'R', { assumedBy: undefined as any }), "[cdk-fortress] Stack/R: invalid 'assumedBy': is required"],
    ['assumedBy not a principal', (s) => new LeastPrivilegeRole(s, 'R', { assumedBy: 'lambda.amazonaws.com' as any }), "invalid 'assumedBy': is required"],
    ['no scope', () => new LeastPrivilegeRole(undefined as any, 'R', { assumedBy: lambda() }), "[cdk-fortress] <no scope>/R: invalid 'scope': must be a construct"],
    ['an undefined noResourceLevelActions entry', (s) => new LeastPrivilegeRole(s, 'R', { assumedBy: lambda(), noResourceLevelActions: [undefined as any] }), "Stack/R: invalid 'noResourceLevelActions[0]'"],
    ['an undefined awsManagedPolicies entry', (s) => new LeastPrivilegeRole(s, 'R', { assumedBy: lambda(), awsManagedPolicies: [undefined as any] }), "Stack/R: invalid 'awsManagedPolicies[0].policyName'"],
    ['an undefined statement', (s) => new LeastPrivilegeRole(s, 'R', { assumedBy: lambda(), statements: [undefined as any] }), "Stack/R: invalid 'statement': must be an iam.PolicyStatement"],
    ['addToPolicy(undefined)', (s) => new LeastPrivilegeRole(s, 'R', { assumedBy: lambda() }).addToPolicy(undefined as any), "Stack/R: invalid 'statement'"],
    ['addManagedPolicy(undefined)', (s) => new LeastPrivilegeRole(s, 'R', { assumedBy: lambda() }).addManagedPolicy(undefined as any), "Stack/R: invalid 'addManagedPolicy'"],
    ['acknowledge without a rule id', (s) => Acknowledgments.acknowledge(s, undefined as any, 'The bucket receives server access logs and cannot log to itself.'), "[cdk-fortress] Stack: invalid 'ruleId'"],
    ['acknowledge without a reason', (s) => Acknowledgments.acknowledge(s, 'AwsSolutions-S1', undefined as any), "[cdk-fortress] Stack: invalid 'reason for AwsSolutions-S1': must explain why the deviation is safe; it is empty"],
    ['acknowledge with a number as reason', (s) => Acknowledgments.acknowledge(s, 'AwsSolutions-S1', 42 as any), "invalid 'reason for AwsSolutions-S1': must be text"],
    ['acknowledge without a scope', () => Acknowledgments.acknowledge(undefined as any, 'AwsSolutions-S1', 'The bucket receives server access logs and cannot log to itself.'), "[cdk-fortress] <no scope>: invalid 'Acknowledgments.acknowledge: scope'"],
    ['list without a scope', () => Acknowledgments.list(undefined as any), "invalid 'Acknowledgments.list: scope'"],
  ])('%s', (_name, build, message) => {
    const e = error(() => build(propertyTestStack()));
    expect(e).not.toBeInstanceOf(TypeError);
    expect(e.message).toContain(message);
  });
});

describe('noResourceLevelActions: several actions, one reason (issue 12 item 13)', () => {
  const REASON = 'X-Ray trace and telemetry APIs support no resource-level permissions (Service Authorization Reference).';

  test('GIVEN actions with one reason THEN a statement with all of them may use "*", acknowledged with the reason', () => {
    const stack = propertyTestStack();
    const role = new LeastPrivilegeRole(stack, 'App', {
      assumedBy: lambda(),
      noResourceLevelActions: [{ actions: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'], reason: REASON }],
      statements: [new iam.PolicyStatement({ actions: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'], resources: ['*'] })],
    });
    const [ack] = Acknowledgments.list(role);
    expect(ack.ruleId).toBe('AwsSolutions-IAM5[Resource::*]');
    expect(ack.reason).toContain(`xray:PutTelemetryRecords: ${REASON}`);
  });

  test('the single action form still works (backwards compatible)', () => {
    expect(() => new LeastPrivilegeRole(propertyTestStack(), 'App', {
      assumedBy: lambda(),
      noResourceLevelActions: [{ action: 'xray:PutTraceSegments', reason: REASON }],
      statements: [new iam.PolicyStatement({ actions: ['xray:PutTraceSegments'], resources: ['*'] })],
    })).not.toThrow();
  });

  test.each<[string, any, string]>([
    ['both action and actions', { action: 'xray:PutTraceSegments', actions: ['xray:PutTelemetryRecords'], reason: REASON }, "invalid 'noResourceLevelActions[0].action': cannot be combined with 'noResourceLevelActions[0].actions'"],
    ['neither', { reason: REASON }, "invalid 'noResourceLevelActions[0].actions': is required"],
    ['an empty list', { actions: [], reason: REASON }, "invalid 'noResourceLevelActions[0].actions': is required"],
    ['a wildcard', { actions: ['xray:Put*'], reason: REASON }, "invalid 'noResourceLevelActions[0].actions': must be exact actions"],
    ['iam:PassRole', { actions: ['xray:PutTraceSegments', 'iam:PassRole'], reason: REASON }, 'must not include administration or privilege-escalation actions'],
    ['iam:CreateUser', { actions: ['iam:CreateUser'], reason: REASON }, 'privilege-escalation'],
    ['kms:PutKeyPolicy', { actions: ['kms:PutKeyPolicy'], reason: REASON }, 'privilege-escalation'],
    ['kms:CreateGrant', { actions: ['kms:CreateGrant'], reason: REASON }, 'privilege-escalation'],
    ['sts:AssumeRole', { actions: ['sts:AssumeRole'], reason: REASON }, 'privilege-escalation'],
    ['an action with resource-level permissions', { actions: ['s3:GetObject'], reason: REASON }, 'must list only actions without resource-level permissions'],
    ['a repeated action', { actions: ['xray:PutTraceSegments', 'xray:PutTraceSegments'], reason: REASON }, 'must not repeat entries'],
    ['a stock-phrase reason', { actions: ['xray:PutTraceSegments'], reason: 'This is a false positive, please ignore it.' }, "invalid 'noResourceLevelActions[0].reason'"],
  ])('refuses %s', (_name, entry, message) => {
    expect(error(() => new LeastPrivilegeRole(propertyTestStack(), 'App', { assumedBy: lambda(), noResourceLevelActions: [entry] })).message).toContain(message);
  });

  test('refuses an action repeated across entries', () => {
    expect(error(() => new LeastPrivilegeRole(propertyTestStack(), 'App', {
      assumedBy: lambda(), noResourceLevelActions: [{ actions: ['xray:PutTraceSegments'], reason: REASON }, { action: 'xray:PutTraceSegments', reason: REASON }],
    })).message).toContain("invalid 'noResourceLevelActions[1].action': must not repeat an action declared in an earlier entry");
  });

  test('read-only IAM actions without resource-level permissions are accepted', () => {
    expect(() => new LeastPrivilegeRole(new Stack(new App(), 'S'), 'App', {
      assumedBy: lambda(), noResourceLevelActions: [{ actions: ['iam:ListRoles', 'ec2:DescribeInstances'], reason: 'Listing roles and describing instances support no resource-level permissions at all.' }],
    })).not.toThrow();
  });
});

describe('policies of roles in other stacks', () => {
  test('GIVEN eleven stacks whose roles share a logical id THEN no role counts another stack\'s policies', () => {
    const app = new App({ builtinCloudFormationValidation: false });
    for (let i = 0; i < 11; i++) {
      const stack = new Stack(app, `Copy${i}`, { env: { account: '111122223333', region: 'eu-west-1' } });
      const role = new LeastPrivilegeRole(stack, 'Worker', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
      role.addToPolicy(new iam.PolicyStatement({ actions: ['sqs:SendMessage'], resources: [`arn:aws:sqs:eu-west-1:111122223333:queue-${i}`] }));
    }
    expect(() => app.synth()).not.toThrow();
  });
});

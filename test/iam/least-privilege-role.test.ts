import { Duration, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3n from 'aws-cdk-lib/aws-s3-notifications';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Acknowledgments, EncryptedBucket, FortressErrors, LeastPrivilegeRole } from '../../src';
import { propertyTestStack } from '../compliance';

const lambda = () => new iam.ServicePrincipal('lambda.amazonaws.com');
const roleResource = (stack: Stack) => Object.values<any>(Template.fromStack(stack).findResources('AWS::IAM::Role'))[0];
const managedPolicies = (stack: Stack) => Object.values<any>(Template.fromStack(stack).findResources('AWS::IAM::ManagedPolicy'));

function attempt(build: (stack: Stack) => void): unknown {
  try { build(propertyTestStack()); } catch (e) { return e; }
  return undefined;
}

describe('LeastPrivilegeRole permissions', () => {
  test('statements and grants land in a customer-managed policy attached to the role, never inline', () => {
    const stack = propertyTestStack();
    const role = new LeastPrivilegeRole(stack, 'App', {
      assumedBy: lambda(),
      statements: [new iam.PolicyStatement({ actions: ['sqs:SendMessage'], resources: ['arn:aws:sqs:eu-west-1:111122223333:jobs'] })],
    });
    new EncryptedBucket(stack, 'Data').grantRead(role);
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::IAM::Policy', 0); // no inline policy at all (EventBridge notifications need no handler)
    expect(JSON.stringify(template.findResources('AWS::IAM::Policy'))).not.toContain('AppRole');
    const [policy] = managedPolicies(stack).filter((p) => JSON.stringify(p.Properties.Roles).includes('App'));
    const actions = policy.Properties.PolicyDocument.Statement.flatMap((s: any) => [s.Action].flat());
    expect(actions).toEqual(expect.arrayContaining(['sqs:SendMessage', 's3:GetObject*', 'kms:Decrypt']));
    expect(roleResource(stack).Properties.Policies).toBeUndefined();
  });

  test('maximum session one hour by default, configurable to 12', () => {
    const stack = propertyTestStack();
    new LeastPrivilegeRole(stack, 'App', { assumedBy: lambda() });
    expect(roleResource(stack).Properties.MaxSessionDuration).toBe(3600);
    const other = propertyTestStack();
    new LeastPrivilegeRole(other, 'App', { assumedBy: lambda(), maxSessionDuration: Duration.hours(12) });
    expect(roleResource(other).Properties.MaxSessionDuration).toBe(43200);
  });

  test('splits across managed policies before the IAM size limit', () => {
    const stack = propertyTestStack();
    const role = new LeastPrivilegeRole(stack, 'App', { assumedBy: lambda() });
    for (let i = 0; i < 60; i++) {
      role.addToPolicy(new iam.PolicyStatement({ actions: ['sqs:SendMessage'], resources: [`arn:aws:sqs:eu-west-1:111122223333:queue-with-a-long-name-${i}`] }));
    }
    const policies = managedPolicies(stack);
    expect(policies.length).toBeGreaterThan(1);
    for (const policy of policies) expect(JSON.stringify(policy.Properties.PolicyDocument).length).toBeLessThan(6144);
    expect(policies.flatMap((p) => p.Properties.PolicyDocument.Statement)).toHaveLength(60);
  });

  test('Resource "*" only for declared actions, acknowledged with the declared reason on that policy', () => {
    const stack = propertyTestStack();
    const role = new LeastPrivilegeRole(stack, 'App', {
      assumedBy: lambda(),
      noResourceLevelActions: [{ action: 'xray:PutTraceSegments', reason: 'X-Ray trace APIs support no resource-level permissions (Service Authorization Reference).' }],
      statements: [new iam.PolicyStatement({ actions: ['xray:PutTraceSegments'], resources: ['*'] })],
    });
    const acks = Acknowledgments.list(role).map((a) => `${a.constructPath} ${a.ruleId}`);
    expect(acks).toEqual(['Stack/App/Permissions1 AwsSolutions-IAM5[Resource::*]']);
  });

  test('an AWS managed policy listed with a reason is attached and its IAM4 finding acknowledged on the role', () => {
    const stack = propertyTestStack();
    const role = new LeastPrivilegeRole(stack, 'App', {
      assumedBy: lambda(),
      awsManagedPolicies: [{ policyName: 'service-role/AWSLambdaBasicExecutionRole', reason: 'The function writes only its own CloudWatch Logs, which is exactly this policy.' }],
    });
    expect(JSON.stringify(roleResource(stack).Properties.ManagedPolicyArns)).toContain('AWSLambdaBasicExecutionRole');
    expect(Acknowledgments.list(role).map((a) => a.ruleId)).toEqual(['AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]']);
  });
});

describe('LeastPrivilegeRole refuses, naming the statement', () => {
  const role = (stack: Stack) => new LeastPrivilegeRole(stack, 'App', { assumedBy: lambda() });
  test.each<[string, iam.PolicyStatementProps, string]>([
    ['every action', { actions: ['*'], resources: ['arn:aws:s3:::b'] }, 'must name actions, not *'],
    ['every action of a service', { actions: ['s3:*'], resources: ['arn:aws:s3:::b'] }, 'must name actions, not s3:*'],
    ['NotAction', { notActions: ['iam:*'], resources: ['*'] }, 'must not use NotAction'],
    ['NotResource', { actions: ['s3:GetObject'], notResources: ['arn:aws:s3:::secret/*'] }, 'must not use NotResource'],
    ['Resource "*" for undeclared actions', { actions: ['s3:GetObject'], resources: ['*'] }, 'Resource "*" is allowed only for actions declared in noResourceLevelActions (s3:GetObject are not)'],
    ['PassRole on every role', { actions: ['iam:PassRole'], resources: ['*'] }, 'must name resources'],
    ['PassRole on a role wildcard', { actions: ['iam:PassRole'], resources: ['arn:aws:iam::111122223333:role/*'], conditions: { StringEquals: { 'iam:PassedToService': 'lambda.amazonaws.com' } } }, 'iam:PassRole needs role ARNs'],
    ['PassRole without iam:PassedToService', { actions: ['iam:PassRole'], resources: ['arn:aws:iam::111122223333:role/worker'] }, 'must condition iam:PassRole on iam:PassedToService'],
    ['PassRole hidden in iam:Pass*', { actions: ['iam:Pass*'], resources: ['arn:aws:iam::111122223333:role/worker'] }, 'must condition iam:PassRole'],
  ])('%s', (_name, props, message) => {
    const error = attempt((stack) => role(stack).addToPolicy(new iam.PolicyStatement(props)));
    expect(FortressErrors.isFortressError(error)).toBe(true);
    expect((error as Error).message).toMatch(/^\[cdk-fortress\] Stack\/App: invalid 'statement \{"Action":/);
    expect((error as Error).message).toContain(message);
  });

  test('statements with a Sid are named by it; Deny statements are never refused', () => {
    const error = attempt((stack) => role(stack).addToPolicy(new iam.PolicyStatement({ sid: 'ReadEverything', actions: ['s3:*'], resources: ['*'] })));
    expect((error as Error).message).toContain("invalid 'statement ReadEverything': must name actions, not s3:*");
    expect(attempt((stack) => role(stack).addToPolicy(new iam.PolicyStatement({ effect: iam.Effect.DENY, actions: ['*'], resources: ['*'] })))).toBeUndefined();
  });

  test('a conditioned PassRole on a named role is accepted', () => {
    expect(attempt((stack) => role(stack).addToPolicy(new iam.PolicyStatement({
      actions: ['iam:PassRole'], resources: ['arn:aws:iam::111122223333:role/worker'], conditions: { StringEquals: { 'iam:PassedToService': 'lambda.amazonaws.com' } },
    })))).toBeUndefined();
  });

  test('a statement made wildcard after it was added is refused at synthesis', () => {
    const stack = propertyTestStack();
    const statement = new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['arn:aws:s3:::bucket/key'] });
    role(stack).addToPolicy(statement);
    statement.addActions('s3:*');
    expect(() => Template.fromStack(stack)).toThrow("[cdk-fortress] Stack/App: invalid 'statement {\"Action\":[\"s3:GetObject\",\"s3:*\"],\"Resource\":\"arn:aws:s3:::bucket/key\"}': must name actions, not s3:*");
  });

  test('inline policies, admin and full-access policies, and unlisted AWS managed policies', () => {
    const inline = attempt((stack) => role(stack).attachInlinePolicy(new iam.Policy(stack, 'Inline')));
    expect((inline as Error).message).toContain("invalid 'attachInlinePolicy': is refused: permissions go into customer-managed policies");
    for (const name of ['AdministratorAccess', 'PowerUserAccess', 'IAMFullAccess', 'AmazonS3FullAccess']) {
      const error = attempt((stack) => role(stack).addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName(name)));
      expect((error as Error).message).toContain(`invalid 'addManagedPolicy': refuses administrator and full-access AWS managed policies (got '${name}')`);
      const viaProps = attempt((stack) => new LeastPrivilegeRole(stack, 'App', { assumedBy: lambda(), awsManagedPolicies: [{ policyName: name, reason: 'Needed for the migration tooling to work everywhere.' }] }));
      expect((viaProps as Error).message).toContain("invalid 'awsManagedPolicies[0]': must not grant administrator or full access");
    }
    const unlisted = attempt((stack) => role(stack).addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName('ReadOnlyAccess')));
    expect((unlisted as Error).message).toContain("accepts AWS managed policies only when listed in awsManagedPolicies with a reason (got 'ReadOnlyAccess')");
  });

  test('invalid props', () => {
    const cases: Array<[(stack: Stack) => void, string]> = [
      [(s) => new LeastPrivilegeRole(s, 'App', { assumedBy: lambda(), maxSessionDuration: Duration.minutes(30) }), "invalid 'maxSessionDuration': must be from 1 to 12 hours"],
      [(s) => new LeastPrivilegeRole(s, 'App', { assumedBy: lambda(), maxSessionDuration: Duration.hours(13) }), "invalid 'maxSessionDuration'"],
      [(s) => new LeastPrivilegeRole(s, 'App', { assumedBy: lambda(), noResourceLevelActions: [{ action: 'ec2:*', reason: 'Describe calls have no resource-level permissions at all.' }] }), "invalid 'noResourceLevelActions[0].action'"],
      [(s) => new LeastPrivilegeRole(s, 'App', { assumedBy: lambda(), noResourceLevelActions: [{ action: 'ec2:DescribeInstances', reason: 'needed' }] }), "invalid 'noResourceLevelActions[0].reason'"],
      [(s) => new LeastPrivilegeRole(s, 'App', { assumedBy: new iam.AnyPrincipal() }), "invalid 'assumedBy': must name accounts, roles or services"],
      [(s) => new LeastPrivilegeRole(s, 'App', { assumedBy: lambda(), requireMfa: true }), "invalid 'requireMfa': applies to accounts and IAM principals"],
      [(s) => new LeastPrivilegeRole(s, 'App', { assumedBy: new iam.AccountPrincipal('444455556666'), trustSourceArn: 'arn:aws:s3:::b' }), "invalid 'trustSourceArn': applies to service principals only"],
      [(s) => new LeastPrivilegeRole(s, 'App', { assumedBy: new iam.AccountPrincipal('444455556666'), maxMfaAge: Duration.hours(1) }), "invalid 'maxMfaAge': requires requireMfa: true"],
      [(s) => new LeastPrivilegeRole(s, 'App', { assumedBy: new iam.AccountPrincipal('444455556666'), externalId: 'x' }), "invalid 'externalId'"],
    ];
    for (const [build, message] of cases) {
      const error = attempt(build);
      expect(FortressErrors.isFortressError(error)).toBe(true);
      expect((error as Error).message).toContain(`[cdk-fortress] Stack/App: ${message}`);
    }
  });
});

describe('LeastPrivilegeRole trust', () => {
  const trust = (stack: Stack) => roleResource(stack).Properties.AssumeRolePolicyDocument.Statement[0];

  test('service principals require this account as the source, and the source ARN when given', () => {
    const stack = propertyTestStack();
    new LeastPrivilegeRole(stack, 'App', { assumedBy: new iam.ServicePrincipal('events.amazonaws.com'), trustSourceArn: 'arn:aws:events:eu-west-1:111122223333:rule/*' });
    expect(trust(stack).Condition).toEqual({
      StringEquals: { 'aws:SourceAccount': '111122223333' },
      ArnLike: { 'aws:SourceArn': 'arn:aws:events:eu-west-1:111122223333:rule/*' },
    });
  });

  test('services that only use passed roles (Lambda, EC2, ECS tasks) get no source condition by default; opt-out and opt-in work', () => {
    const stack = propertyTestStack();
    new LeastPrivilegeRole(stack, 'App', { assumedBy: lambda() });
    expect(trust(stack).Condition).toBeUndefined();
    const optIn = propertyTestStack();
    new LeastPrivilegeRole(optIn, 'App', { assumedBy: lambda(), confusedDeputyProtection: true });
    expect(trust(optIn).Condition).toEqual({ StringEquals: { 'aws:SourceAccount': '111122223333' } });
    const optOut = propertyTestStack();
    new LeastPrivilegeRole(optOut, 'App', { assumedBy: new iam.ServicePrincipal('events.amazonaws.com'), confusedDeputyProtection: false });
    expect(trust(optOut).Condition).toBeUndefined();
  });

  test('people and other accounts: MFA, MFA age and external id', () => {
    const stack = propertyTestStack();
    new LeastPrivilegeRole(stack, 'App', { assumedBy: new iam.AccountPrincipal('444455556666'), requireMfa: true, maxMfaAge: Duration.hours(1), externalId: 'partner-7f3a' });
    expect(trust(stack).Condition).toEqual({
      Bool: { 'aws:MultiFactorAuthPresent': 'true' },
      NumericLessThan: { 'aws:MultiFactorAuthAge': 3600 },
      StringEquals: { 'sts:ExternalId': 'partner-7f3a' },
    });
  });
});

describe('permissions boundaries', () => {
  test('per role, and a default every role in the scope picks up (aws-cdk-lib roles too)', () => {
    const stack = propertyTestStack();
    const boundary = new iam.ManagedPolicy(stack, 'Boundary', { statements: [new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['arn:aws:s3:::b/*'] })] });
    LeastPrivilegeRole.setDefaultPermissionsBoundary(stack, boundary);
    new LeastPrivilegeRole(stack, 'App', { assumedBy: lambda() });
    // An SNS notification brings aws-cdk-lib's notifications handler role.
    new EncryptedBucket(stack, 'Data').addObjectCreatedNotification(new s3n.SnsDestination(new sns.Topic(stack, 'Uploads')));
    const roles = Object.values<any>(Template.fromStack(stack).findResources('AWS::IAM::Role'));
    expect(roles.length).toBeGreaterThan(1);
    const boundaryId = stack.getLogicalId(boundary.node.defaultChild as iam.CfnManagedPolicy);
    for (const role of roles) expect(role.Properties.PermissionsBoundary).toEqual({ Ref: boundaryId });
  });
});

import { CfnCondition, CfnMapping, CfnParameter, Fn, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sso from 'aws-cdk-lib/aws-sso';
import { BreakGlassAccess, FortressChecks, LeastPrivilegeRole, SecurePermissionSet } from '../../../src';
import { ADMIN_EQUIVALENT_MANAGED_POLICIES } from '../../../src/analysis';
import { isAdminOrFullAccessPolicy } from '../../../src/core/permissions';
import { ruleTestStack, violationsOf } from '../rule-harness';

describe('IAMRoleTrustNoWildcardPrincipal', () => {
  const RULE = 'IAMRoleTrustNoWildcardPrincipal';

  test('Noncompliance 1: trusted by AnyPrincipal', () => {
    const stack = ruleTestStack();
    new iam.Role(stack, 'Role', { assumedBy: new iam.AnyPrincipal() });
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Role/Resource']);
  });

  test('Noncompliance 2: a condition does not make AWS "*" acceptable', () => {
    const stack = ruleTestStack();
    new iam.Role(stack, 'Role', {
      assumedBy: new iam.PrincipalWithConditions(new iam.AnyPrincipal(), { StringEquals: { 'aws:PrincipalOrgID': 'o-abc123' } }),
    });
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Role/Resource']);
  });

  test('Noncompliance 3: "*" among the principals of an L1 role', () => {
    const stack = ruleTestStack();
    new iam.CfnRole(stack, 'Role', {
      assumeRolePolicyDocument: {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { AWS: ['arn:aws:iam::111122223333:root', '*'] }, Action: 'sts:AssumeRole' }],
      },
    });
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Role']);
  });

  test('Compliance: service, account and role principals', () => {
    const stack = ruleTestStack();
    new iam.Role(stack, 'Service', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    new iam.Role(stack, 'Account', { assumedBy: new iam.AccountPrincipal('444455556666') });
    new iam.Role(stack, 'Arn', { assumedBy: new iam.ArnPrincipal('arn:aws:iam::444455556666:role/deployer') });
    expect(violationsOf(stack, RULE)).toEqual([]);
  });
});

describe('IAMPolicyPassRoleConditioned', () => {
  const RULE = 'IAMPolicyPassRoleConditioned';
  const role = (stack: ReturnType<typeof ruleTestStack>) => new iam.Role(stack, 'Deployer', { assumedBy: new iam.AccountPrincipal('111122223333') });

  test('Noncompliance 1: PassRole on every role', () => {
    const stack = ruleTestStack();
    role(stack).addToPolicy(new iam.PolicyStatement({ actions: ['iam:PassRole'], resources: ['*'], conditions: { StringEquals: { 'iam:PassedToService': 'lambda.amazonaws.com' } } }));
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Deployer/DefaultPolicy/Resource']);
  });

  test('Noncompliance 2: PassRole on a named role without iam:PassedToService, in a managed policy', () => {
    const stack = ruleTestStack();
    new iam.ManagedPolicy(stack, 'Policy', { statements: [new iam.PolicyStatement({ actions: ['iam:PassRole'], resources: ['arn:aws:iam::111122223333:role/worker'] })] });
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Policy/Resource']);
  });

  test('Noncompliance 3: a wildcard action that covers PassRole, in an inline role policy', () => {
    const stack = ruleTestStack();
    new iam.Role(stack, 'Admin', {
      assumedBy: new iam.AccountPrincipal('111122223333'),
      inlinePolicies: { all: new iam.PolicyDocument({ statements: [new iam.PolicyStatement({ actions: ['iam:*'], resources: ['arn:aws:iam::111122223333:role/worker'] })] }) },
    });
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Admin/Resource']);
  });

  test('Compliance: a named role passed to a named service; policies without PassRole', () => {
    const stack = ruleTestStack();
    role(stack).addToPolicy(new iam.PolicyStatement({
      actions: ['iam:PassRole'], resources: ['arn:aws:iam::111122223333:role/worker'], conditions: { StringEquals: { 'iam:PassedToService': 'lambda.amazonaws.com' } },
    }));
    new iam.ManagedPolicy(stack, 'Other', { statements: [new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['arn:aws:s3:::b/*'] })] });
    expect(violationsOf(stack, RULE)).toEqual([]);
  });
});

describe('IAMRoleServiceTrustConfusedDeputy (warning)', () => {
  const RULE = 'IAMRoleServiceTrustConfusedDeputy';

  test('Noncompliance 1: a service trusted without source conditions', () => {
    const stack = ruleTestStack();
    new iam.Role(stack, 'Role', { assumedBy: new iam.ServicePrincipal('events.amazonaws.com') });
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Role/Resource']);
  });

  test('Noncompliance 2: a wildcard source account is no condition', () => {
    const stack = ruleTestStack();
    new iam.Role(stack, 'Role', { assumedBy: new iam.PrincipalWithConditions(new iam.ServicePrincipal('events.amazonaws.com'), { StringLike: { 'aws:SourceAccount': '*' } }) });
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Role/Resource']);
  });

  test('Compliance: source account or ARN; roles only ever passed (Lambda, EC2, ECS tasks); accounts', () => {
    const stack = ruleTestStack();
    new iam.Role(stack, 'Conditioned', { assumedBy: new iam.PrincipalWithConditions(new iam.ServicePrincipal('events.amazonaws.com'), { StringEquals: { 'aws:SourceAccount': '111122223333' } }) });
    new iam.Role(stack, 'Lambda', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    new iam.Role(stack, 'Ec2', { assumedBy: new iam.ServicePrincipal('ec2.amazonaws.com') });
    new iam.Role(stack, 'Person', { assumedBy: new iam.AccountPrincipal('444455556666') });
    expect(violationsOf(stack, RULE)).toEqual([]);
  });
});

describe('IAMRoleDefaultPermissionsBoundary', () => {
  const RULE = 'IAMRoleDefaultPermissionsBoundary';

  test('Noncompliance 1: a default boundary is set but a role escapes it (an L1 role created without it)', () => {
    const stack = ruleTestStack();
    stack.node.addMetadata('cdk-fortress:default-permissions-boundary', true);
    new iam.CfnRole(stack, 'Raw', { assumeRolePolicyDocument: { Version: '2012-10-17', Statement: [] } });
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Raw']);
  });

  test('Compliance: roles with a boundary; no default set means not applicable', () => {
    const stack = ruleTestStack();
    const boundary = new iam.ManagedPolicy(stack, 'Boundary', { statements: [new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['arn:aws:s3:::b/*'] })] });
    LeastPrivilegeRole.setDefaultPermissionsBoundary(stack, boundary);
    new iam.Role(stack, 'Role', { assumedBy: new iam.AccountPrincipal('111122223333'), permissionsBoundary: boundary });
    expect(violationsOf(stack, RULE)).toEqual([]);
    const other = ruleTestStack();
    new iam.Role(other, 'Role', { assumedBy: new iam.AccountPrincipal('111122223333') });
    expect(violationsOf(other, RULE)).toEqual([]);
  });
});

describe('IAMPolicyPassRoleConditioned (review cases)', () => {
  const RULE = 'IAMPolicyPassRoleConditioned';
  test('Noncompliance 4: NotAction that does not exclude PassRole', () => {
    const stack = ruleTestStack();
    new iam.ManagedPolicy(stack, 'Policy', { statements: [new iam.PolicyStatement({ notActions: ['iam:CreateUser'], resources: ['*'] })] });
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Policy/Resource']);
  });
  test('Noncompliance 5: a role wildcard written with tokens, in a role policy resource', () => {
    const stack = ruleTestStack();
    new iam.CfnRolePolicy(stack, 'RolePolicy', {
      roleName: 'deployer',
      policyName: 'pass',
      policyDocument: { Statement: { Effect: 'Allow', Action: 'iam:PassRole', Resource: `arn:${stack.partition}:iam::${stack.account}:role/*`, Condition: { StringEquals: { 'iam:PassedToService': 'lambda.amazonaws.com' } } } },
    });
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/RolePolicy']);
  });
  test('Compliance: a single-statement document without PassRole', () => {
    const stack = ruleTestStack();
    new iam.CfnRolePolicy(stack, 'RolePolicy', { roleName: 'reader', policyName: 'read', policyDocument: { Statement: { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' } } });
    expect(violationsOf(stack, RULE)).toEqual([]);
  });
});

describe('IAMPolicyNoAdminActionsOnWildcard: ARN patterns that cover every resource', () => {
  const RULE = 'IAMPolicyNoAdminActionsOnWildcard';
  const policy = (stack: ReturnType<typeof ruleTestStack>, id: string, action: string, resource: string) => new iam.CfnManagedPolicy(stack, id, {
    policyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action, Resource: resource }] },
  });

  test('Noncompliance: every role, every key, every ARN', () => {
    const stack = ruleTestStack();
    policy(stack, 'Roles', 'iam:AttachRolePolicy', 'arn:aws:iam::*:role/*');
    policy(stack, 'Keys', 'kms:PutKeyPolicy', 'arn:aws:kms:*:*:key/*');
    policy(stack, 'All', '*', 'arn:*');
    policy(stack, 'Buckets', 's3:PutBucketPolicy', 'arn:aws:s3:::*');
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/All', 'RuleTest/Buckets', 'RuleTest/Keys', 'RuleTest/Roles']);
  });

  test('Noncompliance: every role or key spelled with a wildcard inside the type, and NotResource', () => {
    const stack = ruleTestStack();
    policy(stack, 'RoleStar', 'iam:PutRolePolicy', 'arn:aws:iam::111122223333:role*');
    policy(stack, 'RStar', 'iam:AttachRolePolicy', 'arn:aws:iam::111122223333:r*');
    policy(stack, 'StarRole', 'iam:PutRolePolicy', 'arn:aws:iam::111122223333:*role/*');
    policy(stack, 'KeyStar', 'kms:PutKeyPolicy', 'arn:aws:kms:eu-west-1:111122223333:k*');
    new iam.CfnManagedPolicy(stack, 'NotResource', {
      policyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:PutRolePolicy', NotResource: 'arn:aws:iam::111122223333:role/decoy' }] },
    });
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/KeyStar', 'RuleTest/NotResource', 'RuleTest/RStar', 'RuleTest/RoleStar', 'RuleTest/StarRole']);
  });

  test('Compliance: a wildcard after the type and a name prefix, or in an S3 bucket name', () => {
    const stack = ruleTestStack();
    policy(stack, 'Prefix', 'iam:PutRolePolicy', 'arn:aws:iam::111122223333:role/app-*');
    policy(stack, 'Bucket', 's3:PutBucketPolicy', 'arn:aws:s3:::reports-*');
    expect(violationsOf(stack, RULE)).toEqual([]);
  });

  test('Compliance: named resources and paths under a named resource', () => {
    const stack = ruleTestStack();
    policy(stack, 'Role', 'iam:AttachRolePolicy', 'arn:aws:iam::111122223333:role/deployer');
    policy(stack, 'Objects', 's3:PutObject', 'arn:aws:s3:::reports/*');
    policy(stack, 'Key', 'kms:PutKeyPolicy', 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab');
    expect(violationsOf(stack, RULE)).toEqual([]);
  });
});

describe('IAMNoAwsManagedAdminPolicy', () => {
  const RULE = 'IAMNoAwsManagedAdminPolicy';
  const INSTANCE = 'arn:aws:sso:::instance/ssoins-1234567890abcdef';
  const findingsOf = (stack: Stack) => new FortressChecks().validateScope(stack).violations
    .filter((v) => v.ruleName.startsWith(`Fortress-${RULE}[`)).map((v) => v.ruleName);
  const people = (stack: ReturnType<typeof ruleTestStack>, id = 'Role') => new iam.Role(stack, id, { assumedBy: new iam.AccountPrincipal('111122223333') });

  test('Noncompliance 1: AdministratorAccess on a role, the way the L2 renders it (Fn::Join with AWS::Partition)', () => {
    const stack = ruleTestStack();
    people(stack).addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName('AdministratorAccess'));
    expect(violationsOf(stack, `${RULE}[AdministratorAccess]`)).toEqual(['RuleTest/Role/Resource']);
  });

  test('Noncompliance 2: one finding per policy, users and groups too', () => {
    const stack = ruleTestStack();
    new iam.User(stack, 'User', { managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('IAMFullAccess')] });
    new iam.Group(stack, 'Group', {
      managedPolicies: ['PowerUserAccess', 'ReadOnlyAccess', 'AWSOrganizationsFullAccess'].map((n) => iam.ManagedPolicy.fromAwsManagedPolicyName(n)),
    });
    expect(violationsOf(stack, `${RULE}[IAMFullAccess]`)).toEqual(['RuleTest/User/Resource']);
    expect(violationsOf(stack, `${RULE}[PowerUserAccess]`)).toEqual(['RuleTest/Group/Resource']);
    expect(violationsOf(stack, `${RULE}[AWSOrganizationsFullAccess]`)).toEqual(['RuleTest/Group/Resource']);
    expect(violationsOf(stack, `${RULE}[ReadOnlyAccess]`)).toEqual([]);
  });

  test('Noncompliance 3: the same policy spelled differently (other partitions, Fn::Sub, lower case, Fn::If branch, parameter default, mapping)', () => {
    const stack = ruleTestStack();
    new CfnParameter(stack, 'PolicyArn', { default: 'arn:aws:iam::aws:policy/AdministratorAccess-Amplify' });
    new CfnMapping(stack, 'Policies', { mapping: { prod: { arn: 'arn:aws:iam::aws:policy/AWSSSOMemberAccountAdministrator' } } });
    new CfnCondition(stack, 'IsProd', { expression: Fn.conditionEquals('a', 'b') });
    const role = (id: string, arns: any[]) => new iam.CfnRole(stack, id, { assumeRolePolicyDocument: {} }).addPropertyOverride('ManagedPolicyArns', arns);
    role('GovCloud', ['arn:aws-us-gov:iam::aws:policy/AdministratorAccess']);
    role('China', ['arn:aws-cn:iam::aws:policy/AdministratorAccess']);
    role('Sub', [{ 'Fn::Sub': 'arn:${AWS::Partition}:iam::aws:policy/AdministratorAccess' }]);
    role('SubVar', [{ 'Fn::Sub': ['arn:${P}:iam::aws:policy/${N}', { P: { Ref: 'AWS::Partition' }, N: 'AdministratorAccess' }] }]);
    role('Joined', [{ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::aws:policy/', 'Administrator', 'Access']] }]);
    role('LowerCase', ['arn:aws:iam::aws:policy/administratoraccess']);
    role('Branch', [{ 'Fn::If': ['IsProd', 'arn:aws:iam::aws:policy/AdministratorAccess', { Ref: 'AWS::NoValue' }] }]);
    role('Selected', [{ 'Fn::Select': [1, ['arn:aws:iam::aws:policy/ReadOnlyAccess', 'arn:aws:iam::aws:policy/AdministratorAccess']] }]);
    role('Parameter', [{ Ref: 'PolicyArn' }]);
    role('Mapped', [{ 'Fn::FindInMap': ['Policies', 'prod', 'arn'] }]);
    expect(violationsOf(stack, `${RULE}[AdministratorAccess]`)).toEqual(
      ['RuleTest/Branch', 'RuleTest/China', 'RuleTest/GovCloud', 'RuleTest/Joined', 'RuleTest/LowerCase', 'RuleTest/Selected', 'RuleTest/Sub', 'RuleTest/SubVar']);
    expect(violationsOf(stack, `${RULE}[AdministratorAccess-Amplify]`)).toEqual(['RuleTest/Parameter']);
    expect(violationsOf(stack, `${RULE}[AWSSSOMemberAccountAdministrator]`)).toEqual(['RuleTest/Mapped']);
  });

  test('Noncompliance 4: an AWS managed policy whose name is computed cannot be verified', () => {
    const stack = ruleTestStack();
    const name = new CfnParameter(stack, 'PolicyName');
    people(stack).addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName(name.valueAsString));
    expect(violationsOf(stack, `${RULE}[computed]`)).toEqual(['RuleTest/Role/Resource']);
  });

  test('Noncompliance 5: escape hatch adding AdministratorAccess to a LeastPrivilegeRole', () => {
    const stack = ruleTestStack();
    const role = new LeastPrivilegeRole(stack, 'Worker', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    (role.node.defaultChild as iam.CfnRole).addPropertyOverride('ManagedPolicyArns', ['arn:aws:iam::aws:policy/AdministratorAccess']);
    expect(violationsOf(stack, `${RULE}[AdministratorAccess]`)).toEqual(['RuleTest/Worker/Resource']);
  });

  test('Noncompliance 6: a permission set with AdministratorAccess (and a job-function path does not hide it)', () => {
    const stack = ruleTestStack();
    new sso.CfnPermissionSet(stack, 'Admins', { instanceArn: INSTANCE, name: 'Admins', managedPolicies: ['arn:aws:iam::aws:policy/AdministratorAccess'] });
    new sso.CfnPermissionSet(stack, 'Pathed', { instanceArn: INSTANCE, name: 'Pathed', managedPolicies: ['arn:aws:iam::aws:policy/job-function/PowerUserAccess'] });
    expect(violationsOf(stack, `${RULE}[AdministratorAccess]`)).toEqual(['RuleTest/Admins']);
    expect(violationsOf(stack, `${RULE}[PowerUserAccess]`)).toEqual(['RuleTest/Pathed']);
  });

  test('Noncompliance 7: escape hatch adding IAMFullAccess to a SecurePermissionSet break-glass set acknowledged only for AdministratorAccess', () => {
    const stack = ruleTestStack();
    const set = new SecurePermissionSet(stack, 'BreakGlass', {
      instanceArn: INSTANCE,
      breakGlassReason: 'Emergency access when the deployment pipeline is down; assigned to two on-call engineers, alarmed on use.',
      awsManagedPolicies: [{ policyName: 'AdministratorAccess', reason: 'Recovering the account needs every action during an incident.' }],
    });
    (set.node.defaultChild as sso.CfnPermissionSet).addPropertyOverride('ManagedPolicies',
      ['arn:aws:iam::aws:policy/AdministratorAccess', 'arn:aws:iam::aws:policy/IAMFullAccess']);
    expect(violationsOf(stack, `${RULE}[AdministratorAccess]`)).toEqual([]);
    expect(violationsOf(stack, `${RULE}[IAMFullAccess]`)).toEqual(['RuleTest/BreakGlass/Resource']);
  });

  describe('fails closed on ARNs it cannot prove safe (red-team bypasses)', () => {
    const roleWith = (stack: Stack, id: string, arns: any) => new iam.CfnRole(stack, id, { assumeRolePolicyDocument: {} }).addPropertyOverride('ManagedPolicyArns', arns);
    const prefixed = (stack: Stack) => new CfnParameter(stack, 'Prefix', { default: 'arn:aws:iam::aws:policy/' });

    test('Noncompliance 8: Fn::Join of a Ref to a parameter defaulting to the AWS managed prefix', () => {
      const stack = ruleTestStack();
      prefixed(stack);
      roleWith(stack, 'Role', [{ 'Fn::Join': ['', [{ Ref: 'Prefix' }, 'AdministratorAccess']] }]);
      expect(violationsOf(stack, `${RULE}[AdministratorAccess]`)).toEqual(['RuleTest/Role']);
      // The default binds nobody: any other value passed at deploy time is unproven too.
      expect(violationsOf(stack, `${RULE}[computed]`)).toEqual(['RuleTest/Role']);
    });

    test('Noncompliance 9: Fn::Join of an Fn::Split of a literal', () => {
      const stack = ruleTestStack();
      roleWith(stack, 'Role', [{ 'Fn::Join': ['', { 'Fn::Split': [',', 'arn:aws:iam::aws:policy/AdministratorAccess'] }] }]);
      expect(violationsOf(stack, `${RULE}[AdministratorAccess]`)).toEqual(['RuleTest/Role']);
    });

    test('Noncompliance 10: Fn::Select inside Fn::Join', () => {
      const stack = ruleTestStack();
      roleWith(stack, 'Role', [{ 'Fn::Join': ['', [{ 'Fn::Select': [0, ['arn:aws:iam::aws:policy/']] }, 'AdministratorAccess']] }]);
      expect(violationsOf(stack, `${RULE}[AdministratorAccess]`)).toEqual(['RuleTest/Role']);
    });

    test('Noncompliance 11: an Fn::Sub variable holding an Fn::Join of a parameter', () => {
      const stack = ruleTestStack();
      prefixed(stack);
      roleWith(stack, 'Role', [{ 'Fn::Sub': ['${P}AdministratorAccess', { P: { 'Fn::Join': ['', [{ Ref: 'Prefix' }]] } }] }]);
      expect(violationsOf(stack, `${RULE}[AdministratorAccess]`)).toEqual(['RuleTest/Role']);
    });

    test('Noncompliance 12: Fn::ImportValue, a parameter without AllowedValues, an unknown account, a Ref to a non-policy resource', () => {
      const stack = ruleTestStack();
      new CfnParameter(stack, 'Anything', { default: 'arn:aws:iam::111122223333:policy/fine' });
      new CfnParameter(stack, 'FromSsm', { type: 'AWS::SSM::Parameter::Value<String>', default: '/policies/arn' });
      new iam.CfnRole(stack, 'Other', { assumeRolePolicyDocument: {} });
      roleWith(stack, 'Imported', [{ 'Fn::ImportValue': 'AdminArnExport' }]);
      roleWith(stack, 'Defaulted', [{ Ref: 'Anything' }]);
      roleWith(stack, 'Ssm', [{ Ref: 'FromSsm' }]);
      roleWith(stack, 'Account', [{ 'Fn::Sub': 'arn:${AWS::Partition}:iam::${Anything}:policy/x' }]);
      roleWith(stack, 'NotAPolicy', [{ 'Fn::GetAtt': ['Other', 'Arn'] }]);
      roleWith(stack, 'WholeList', { 'Fn::Split': [',', { 'Fn::ImportValue': 'Arns' }] });
      roleWith(stack, 'Garbage', ['AdministratorAccess']);
      expect(violationsOf(stack, `${RULE}[computed]`)).toEqual(
        ['RuleTest/Account', 'RuleTest/Defaulted', 'RuleTest/Garbage', 'RuleTest/Imported', 'RuleTest/NotAPolicy', 'RuleTest/Ssm', 'RuleTest/WholeList']);
    });

    test('Noncompliance 13: a list-valued Fn::If, a list parameter default, a mapping list', () => {
      const stack = ruleTestStack();
      new CfnParameter(stack, 'Arns', { type: 'CommaDelimitedList', default: 'arn:aws:iam::aws:policy/ReadOnlyAccess,arn:aws:iam::aws:policy/IAMFullAccess' });
      new CfnMapping(stack, 'Lists', { mapping: { prod: { arns: ['arn:aws:iam::aws:policy/PowerUserAccess'] } } });
      roleWith(stack, 'Branch', { 'Fn::If': ['C', ['arn:aws:iam::aws:policy/ReadOnlyAccess'], ['arn:aws:iam::aws:policy/AdministratorAccess']] });
      roleWith(stack, 'Listed', { Ref: 'Arns' });
      roleWith(stack, 'Mapped', { 'Fn::FindInMap': ['Lists', { Ref: 'AWS::Region' }, 'arns'] });
      expect(violationsOf(stack, `${RULE}[AdministratorAccess]`)).toEqual(['RuleTest/Branch']);
      expect(violationsOf(stack, `${RULE}[IAMFullAccess]`)).toEqual(['RuleTest/Listed']);
      expect(violationsOf(stack, `${RULE}[PowerUserAccess]`)).toEqual(['RuleTest/Mapped']);
    });

    test('Noncompliance 14: a cartesian product beyond the cap is not explored but reported', () => {
      const stack = ruleTestStack();
      const many = Array.from({ length: 20 }, (_, i) => `v${i}`);
      for (const id of ['A', 'B']) new CfnParameter(stack, id, { allowedValues: many, default: 'v0' });
      roleWith(stack, 'Role', [{ 'Fn::Join': ['', ['arn:aws:iam::111122223333:policy/', { Ref: 'A' }, { Ref: 'B' }, { Ref: 'A' }]] }]);
      expect(violationsOf(stack, `${RULE}[computed]`)).toEqual(['RuleTest/Role']);
    });

    test('Noncompliance 15: membership of a group of the template holding an administrator policy (User.Groups, UserToGroupAddition)', () => {
      const stack = ruleTestStack();
      const admins = new iam.Group(stack, 'Admins', { groupName: 'admins', managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('AdministratorAccess')] });
      const readers = new iam.Group(stack, 'Readers', { managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('ReadOnlyAccess')] });
      new iam.User(stack, 'Alice', { groups: [admins] });
      new iam.CfnUser(stack, 'Bob', { groups: ['admins'] });
      new iam.User(stack, 'Carol', { groups: [readers] });
      new iam.CfnUserToGroupAddition(stack, 'AddDave', { groupName: admins.groupName, users: ['dave'] });
      new iam.CfnUserToGroupAddition(stack, 'AddErin', { groupName: readers.groupName, users: ['erin'] });
      expect(violationsOf(stack, `${RULE}[AdministratorAccess]`)).toEqual(['RuleTest/AddDave', 'RuleTest/Admins/Resource', 'RuleTest/Alice/Resource', 'RuleTest/Bob']);
    });

    test('Compliance: values it can prove (AllowedValues, template policies, AWS::AccountId, literal accounts, NoValue branches)', () => {
      const stack = ruleTestStack();
      new CfnParameter(stack, 'Choice', { allowedValues: ['arn:aws:iam::aws:policy/ReadOnlyAccess', 'arn:aws:iam::aws:policy/job-function/ViewOnlyAccess'] });
      const policy = new iam.CfnManagedPolicy(stack, 'Policy', { policyDocument: { Version: '2012-10-17', Statement: [] } });
      roleWith(stack, 'Role', [
        { Ref: 'Choice' },
        { Ref: policy.logicalId },
        { 'Fn::GetAtt': [policy.logicalId, 'PolicyArn'] },
        { 'Fn::Sub': 'arn:${AWS::Partition}:iam::${AWS::AccountId}:policy/team/${Choice}' },
        { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::', { Ref: 'AWS::AccountId' }, ':policy/x']] },
        'arn:aws-us-gov:iam::444455556666:policy/y',
        { 'Fn::If': ['C', 'arn:aws:iam::aws:policy/ReadOnlyAccess', { Ref: 'AWS::NoValue' }] },
      ]);
      roleWith(stack, 'Removed', { Ref: 'AWS::NoValue' });
      const role = people(stack, 'Imported');
      role.addManagedPolicy(iam.ManagedPolicy.fromManagedPolicyName(stack, 'ByName', 'team-policy'));
      role.addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AWSLambdaBasicExecutionRole'));
      expect(findingsOf(stack)).toEqual([]);
    });
  });

  test('Compliance: narrow AWS managed policies, customer managed policies, a boundary, the acknowledged break-glass role', () => {
    const stack = ruleTestStack();
    const custom = new iam.ManagedPolicy(stack, 'Custom', { statements: [new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['arn:aws:s3:::b/*'] })] });
    new iam.Role(stack, 'Role', {
      assumedBy: new iam.AccountPrincipal('111122223333'),
      managedPolicies: [custom, iam.ManagedPolicy.fromAwsManagedPolicyName('ReadOnlyAccess'), iam.ManagedPolicy.fromAwsManagedPolicyName('job-function/ViewOnlyAccess')],
      // A permissions boundary limits the role: AdministratorAccess as a boundary grants nothing.
      permissionsBoundary: iam.ManagedPolicy.fromAwsManagedPolicyName('AdministratorAccess'),
    });
    new iam.CfnRole(stack, 'CustomerNamed', { assumeRolePolicyDocument: {}, managedPolicyArns: ['arn:aws:iam::111122223333:policy/AdministratorAccess'] });
    new BreakGlassAccess(stack, 'BreakGlass');
    expect(findingsOf(stack)).toEqual([]);
    expect(FortressChecks.ruleIdentifiers()).toContain(`Fortress-${RULE}`);
  });

  test('every listed policy is refused by the constructs too (isAdminOrFullAccessPolicy covers the list)', () => {
    for (const name of Object.keys(ADMIN_EQUIVALENT_MANAGED_POLICIES)) expect(isAdminOrFullAccessPolicy(name)).toBe(true);
  });
});

import { App, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { InsecureCase, insecureSuite, workload } from './harness';
import { LeastPrivilegeRole } from '../../src';

// GIVEN an identity-based policy with administrator-equivalent, NotAction/NotResource or unconditioned
// PassRole grants, however spelled and however attached, THEN synthesis fails on the policy.

function lpr(stack: Stack): LeastPrivilegeRole {
  return new LeastPrivilegeRole(stack, 'R', {
    assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
    statements: [new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['arn:aws:s3:::reports/*'] })],
  });
}

function plainRole(stack: Stack): iam.Role {
  return new iam.Role(stack, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
}

/** A raw L1 managed policy (CDK's PolicyStatement refuses some spellings IAM accepts). */
function rawManaged(app: App, statement: Record<string, unknown>): void {
  const stack = workload(app);
  new iam.CfnManagedPolicy(stack, 'P', { roles: [plainRole(stack).roleName], policyDocument: { Version: '2012-10-17', Statement: [statement] } });
}

/** A customer-managed policy with `statement`, attached from the policy side to a plain role. */
function managed(app: App, statement: Record<string, unknown>, attachTo: 'plain' | 'lpr' = 'plain'): void {
  const stack = workload(app);
  const role = attachTo === 'lpr' ? lpr(stack) : plainRole(stack);
  new iam.ManagedPolicy(stack, 'P', { roles: [role], statements: [iam.PolicyStatement.fromJson(statement)] });
}

const cases: InsecureCase[] = [
  {
    name: 'Action + NotResource attached to a LeastPrivilegeRole via new iam.ManagedPolicy({ roles })',
    build: (app) => managed(app, { Effect: 'Allow', Action: 's3:GetObject', NotResource: 'arn:aws:s3:::public/*' }, 'lpr'),
    expectRule: 'Fortress-IAMPolicyNoNotResource',
    expectPath: 'W/P/Resource',
  },
  {
    name: 'NotAction in an Allow attached to a LeastPrivilegeRole via new iam.ManagedPolicy({ roles })',
    build: (app) => managed(app, { Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }, 'lpr'),
    expectRule: 'Fortress-IAMPolicyNoNotAction',
    expectPath: 'W/P/Resource',
  },
  {
    name: 'NotAction in an Allow on a plain role',
    build: (app) => managed(app, { Effect: 'Allow', NotAction: ['iam:*', 'organizations:*'], Resource: '*' }),
    expectRule: 'Fortress-IAMPolicyNoNotAction',
    expectPath: 'W/P/Resource',
  },
  {
    name: 'iam:Pass?ole on "*"',
    build: (app) => rawManaged(app, { Effect: 'Allow', Action: 'iam:Pass?ole', Resource: '*' }),
    expectRule: 'Fortress-IAMPolicyPassRoleConditioned',
    expectPath: 'W/P',
  },
  {
    name: 'iam:*Role on "*"',
    build: (app) => managed(app, { Effect: 'Allow', Action: 'iam:*Role', Resource: '*' }),
    expectRule: 'Fortress-IAMPolicyNoAdminActionsOnWildcard',
    expectPath: 'W/P/Resource',
  },
  {
    name: 'iam:PutRolePolicy on every role spelled role* (a wildcard inside the resource type)',
    build: (app) => managed(app, { Effect: 'Allow', Action: 'iam:PutRolePolicy', Resource: 'arn:aws:iam::111122223333:role*' }),
    expectRule: 'Fortress-IAMPolicyNoAdminActionsOnWildcard',
    expectPath: 'W/P/Resource',
  },
  {
    name: 'iam:AttachRolePolicy with NotResource (every role but one)',
    build: (app) => managed(app, { Effect: 'Allow', Action: 'iam:AttachRolePolicy', NotResource: 'arn:aws:iam::111122223333:role/decoy' }),
    expectRule: 'Fortress-IAMPolicyNoAdminActionsOnWildcard',
    expectPath: 'W/P/Resource',
  },
  {
    name: 'iam:PassRole on a named role without iam:PassedToService',
    build: (app) => managed(app, { Effect: 'Allow', Action: 'iam:PassRole', Resource: 'arn:aws:iam::111122223333:role/worker' }),
    expectRule: 'Fortress-IAMPolicyPassRoleConditioned',
    expectPath: 'W/P/Resource',
  },
  {
    name: 'admin policy attached to a LeastPrivilegeRole via new iam.Policy(...).attachToRole(role): refused while building',
    build: (app) => {
      const stack = workload(app);
      const policy = new iam.Policy(stack, 'P', { statements: [new iam.PolicyStatement({ actions: ['iam:*'], resources: ['*'] })] });
      policy.attachToRole(lpr(stack));
    },
    rejectedAtBuild: true,
    expectRule: 'attachInlinePolicy',
    expectPath: 'W/R',
  },
  {
    name: 'admin inline policy naming a LeastPrivilegeRole in the L1 (Roles), bypassing attachToRole',
    build: (app) => {
      const stack = workload(app);
      const role = lpr(stack);
      new iam.CfnPolicy(stack, 'P', { policyName: 'sneaky', roles: [role.roleName], policyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:*', Resource: '*' }] } });
    },
    expectRule: 'Fortress-IAMPolicyNoAdminActionsOnWildcard',
    expectPath: 'W/P',
  },
  {
    name: 'admin policy attached to a plain role via new iam.Policy(...).attachToRole(role)',
    build: (app) => {
      const stack = workload(app);
      new iam.Policy(stack, 'P', { statements: [new iam.PolicyStatement({ actions: ['iam:*'], resources: ['*'] })] }).attachToRole(plainRole(stack));
    },
    expectRule: 'Fortress-IAMPolicyNoAdminActionsOnWildcard',
    expectPath: 'W/P/Resource',
  },
  {
    name: 'admin actions spelled iam:Put*Policy on "*"',
    build: (app) => managed(app, { Effect: 'Allow', Action: 'iam:Put*Policy', Resource: '*' }),
    expectRule: 'Fortress-IAMPolicyNoAdminActionsOnWildcard',
    expectPath: 'W/P/Resource',
  },
  {
    name: 'admin action in upper case (IAM:ATTACHROLEPOLICY) on "*"',
    build: (app) => managed(app, { Effect: 'Allow', Action: 'IAM:ATTACHROLEPOLICY', Resource: '*' }),
    expectRule: 'Fortress-IAMPolicyNoAdminActionsOnWildcard',
    expectPath: 'W/P/Resource',
  },
  {
    name: 'Action "*:*" on "*" in a raw managed policy',
    build: (app) => rawManaged(app, { Effect: 'Allow', Action: '*:*', Resource: '*' }),
    expectRule: 'Fortress-IAMPolicyNoAdminActionsOnWildcard',
    expectPath: 'W/P',
  },
  {
    name: 'Action "*" on "*" in a role inline policy (addToPolicy)',
    build: (app) => { plainRole(workload(app)).addToPolicy(new iam.PolicyStatement({ actions: ['*'], resources: ['*'] })); },
    expectRule: 'Fortress-IAMPolicyNoAdminActionsOnWildcard',
    expectPath: 'W/Role/DefaultPolicy/Resource',
  },
  {
    name: 's3:* on "*" for a user',
    build: (app) => { new iam.User(workload(app), 'U').addToPolicy(new iam.PolicyStatement({ actions: ['s3:*'], resources: ['*'] })); },
    expectRule: 'Fortress-IAMPolicyNoAdminActionsOnWildcard',
    expectPath: 'W/U/DefaultPolicy/Resource',
  },
  {
    name: 'iam:AttachRolePolicy on every role of every account (arn:aws:iam::*:role/*)',
    build: (app) => managed(app, { Effect: 'Allow', Action: 'iam:AttachRolePolicy', Resource: 'arn:aws:iam::*:role/*' }),
    expectRule: 'Fortress-IAMPolicyNoAdminActionsOnWildcard',
    expectPath: 'W/P/Resource',
  },
  {
    name: 'kms:PutKeyPolicy on every key (arn:aws:kms:*:*:key/*)',
    build: (app) => managed(app, { Effect: 'Allow', Action: 'kms:PutKeyPolicy', Resource: 'arn:aws:kms:*:*:key/*' }),
    expectRule: 'Fortress-IAMPolicyNoAdminActionsOnWildcard',
    expectPath: 'W/P/Resource',
  },
  {
    name: 'Action "*" on "arn:*"',
    build: (app) => managed(app, { Effect: 'Allow', Action: '*', Resource: 'arn:*' }),
    expectRule: 'Fortress-IAMPolicyNoAdminActionsOnWildcard',
    expectPath: 'W/P/Resource',
  },
];

insecureSuite('red team: identity-based policies', cases);

import { App } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { InsecureCase, insecureSuite, OTHER_ACCOUNT, workload } from './harness';
import { LeastPrivilegeRole } from '../../src';

// GIVEN a role trust policy that admits principals it does not pin down, THEN synthesis fails on the role.

const GITHUB = 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com';
const GITLAB = 'arn:aws:iam::111122223333:oidc-provider/gitlab.com';
const SAML = 'arn:aws:iam::111122223333:saml-provider/corp';

function role(app: App, assumedBy: iam.IPrincipal): void {
  new iam.Role(workload(app), 'Role', { assumedBy });
}
function rawTrust(app: App, statement: Record<string, unknown>): void {
  new iam.CfnRole(workload(app), 'Role', { assumeRolePolicyDocument: { Version: '2012-10-17', Statement: [statement] } });
}

const cases: InsecureCase[] = [
  {
    name: 'role trusted by another account with no external id, MFA or org condition',
    build: (app) => role(app, new iam.AccountPrincipal(OTHER_ACCOUNT)),
    expectRule: 'Fortress-IAMRoleTrustScoped',
    expectPath: 'W/Role/Resource',
  },
  {
    name: 'role trusted by another account given as a bare 12-digit id',
    build: (app) => rawTrust(app, { Effect: 'Allow', Principal: { AWS: OTHER_ACCOUNT }, Action: 'sts:AssumeRole' }),
    expectRule: 'Fortress-IAMRoleTrustScoped',
    expectPath: 'W/Role',
  },
  {
    name: 'another account with sts:ExternalId under StringLike "*"',
    build: (app) => rawTrust(app, { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${OTHER_ACCOUNT}:root` }, Action: 'sts:AssumeRole', Condition: { StringLike: { 'sts:ExternalId': '*' } } }),
    expectRule: 'Fortress-IAMRoleTrustScoped',
    expectPath: 'W/Role',
  },
  {
    name: 'another account with aws:MultiFactorAuthPresent "false"',
    build: (app) => rawTrust(app, { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${OTHER_ACCOUNT}:root` }, Action: 'sts:AssumeRole', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'false' } } }),
    expectRule: 'Fortress-IAMRoleTrustScoped',
    expectPath: 'W/Role',
  },
  {
    name: 'another account with ForAnyValue:StringEquals aws:PrincipalOrgID',
    build: (app) => rawTrust(app, { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${OTHER_ACCOUNT}:root` }, Action: 'sts:AssumeRole', Condition: { 'ForAnyValue:StringEquals': { 'aws:PrincipalOrgID': 'o-abc123def4' } } }),
    expectRule: 'Fortress-IAMRoleTrustScoped',
    expectPath: 'W/Role',
  },
  {
    name: 'plain role trusted by AnyPrincipal with an org condition',
    build: (app) => role(app, new iam.PrincipalWithConditions(new iam.AnyPrincipal(), { StringEquals: { 'aws:PrincipalOrgID': 'o-abc123def4' } })),
    expectRule: 'Fortress-IAMRoleTrustNoWildcardPrincipal',
    expectPath: 'W/Role/Resource',
  },
  {
    name: 'trust with NotPrincipal in an Allow',
    build: (app) => rawTrust(app, { Effect: 'Allow', NotPrincipal: { AWS: `arn:aws:iam::${OTHER_ACCOUNT}:root` }, Action: 'sts:AssumeRole' }),
    expectRule: 'Fortress-IAMRoleTrustNoWildcardPrincipal',
    expectPath: 'W/Role',
  },
  {
    name: 'GitHub OIDC trust with no sub condition',
    build: (app) => role(app, new iam.WebIdentityPrincipal(GITHUB, { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' } })),
    expectRule: 'Fortress-IAMRoleTrustScoped',
    expectPath: 'W/Role/Resource',
  },
  {
    name: 'GitHub OIDC trust with sub repo:*',
    build: (app) => role(app, new iam.WebIdentityPrincipal(GITHUB, {
      StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' },
      StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:*' },
    })),
    expectRule: 'Fortress-IAMRoleTrustScoped',
    expectPath: 'W/Role/Resource',
  },
  {
    name: 'GitHub OIDC trust with sub under StringNotEquals',
    build: (app) => role(app, new iam.WebIdentityPrincipal(GITHUB, {
      StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' },
      StringNotEquals: { 'token.actions.githubusercontent.com:sub': 'repo:evil/repo:ref:refs/heads/main' },
    })),
    expectRule: 'Fortress-IAMRoleTrustScoped',
    expectPath: 'W/Role/Resource',
  },
  {
    name: 'GitHub OIDC trust with no aud condition',
    build: (app) => role(app, new iam.WebIdentityPrincipal(GITHUB, { StringEquals: { 'token.actions.githubusercontent.com:sub': 'repo:org/repo:ref:refs/heads/main' } })),
    expectRule: 'Fortress-IAMRoleTrustScoped',
    expectPath: 'W/Role/Resource',
  },
  {
    name: 'GitLab OIDC trust with no sub condition',
    build: (app) => role(app, new iam.WebIdentityPrincipal(GITLAB, { StringEquals: { 'gitlab.com:aud': 'https://gitlab.com' } })),
    expectRule: 'Fortress-IAMRoleTrustScoped',
    expectPath: 'W/Role/Resource',
  },
  {
    name: 'SAML trust without SAML:aud',
    build: (app) => role(app, new iam.SamlPrincipal(iam.SamlProvider.fromSamlProviderArn(workload(app, 'Ids'), 'Corp', SAML), {})),
    expectRule: 'Fortress-IAMRoleTrustScoped',
    expectPath: 'W/Role/Resource',
  },
  {
    name: 'LeastPrivilegeRole trust widened through assumeRolePolicy.addStatements to another account',
    build: (app) => {
      const r = new LeastPrivilegeRole(workload(app), 'R', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
      r.assumeRolePolicy!.addStatements(new iam.PolicyStatement({ principals: [new iam.AccountPrincipal(OTHER_ACCOUNT)], actions: ['sts:AssumeRole'] }));
    },
    expectRule: 'Fortress-IAMRoleTrustScoped',
    expectPath: 'W/R/Resource',
  },
];

insecureSuite('red team: role trust', cases);

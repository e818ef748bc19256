import { analyzeTrustPolicy, federatedHost, trustStatementFindings } from '../../src/analysis';

const OWN = { Ref: 'AWS::AccountId' };
const codes = (doc: unknown) => analyzeTrustPolicy(doc, { ownAccount: OWN }).findings.map((f) => f.code);
const trust = (statement: Record<string, unknown>) => ({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', ...statement }] });
const gh = 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com';
const web = (federated: unknown, condition?: unknown) => trust({ Principal: { Federated: federated }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: condition });

describe('(a) everyone', () => {
  test.each([['*'], [{ AWS: '*' }]])('%j is an error even with conditions', (principal) => {
    expect(codes(trust({ Principal: principal, Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-1' } } }))).toEqual(['TRUST_EVERYONE']);
  });

  test('NotPrincipal is an error', () => {
    expect(codes(trust({ NotPrincipal: { AWS: '111111111111' } }))).toEqual(['TRUST_EVERYONE']);
  });
});

describe('(b) cross-account', () => {
  test('another account root without conditions is an error that says how to fix it', () => {
    const [f] = analyzeTrustPolicy(trust({ Principal: { AWS: 'arn:aws:iam::999999999999:root' } }), { ownAccount: OWN }).findings;
    expect(f).toMatchObject({ code: 'TRUST_CROSS_ACCOUNT_UNCONDITIONED', severity: 'error' });
    expect(f.message).toMatch(/sts:ExternalId/);
    expect(codes(trust({ Principal: { AWS: '999999999999' } }))).toEqual(['TRUST_CROSS_ACCOUNT_UNCONDITIONED']);
  });

  test.each([
    ['external id', { StringEquals: { 'sts:ExternalId': 'abc-123' } }],
    ['MFA present', { Bool: { 'aws:MultiFactorAuthPresent': 'true' } }],
    ['MFA present (boolean)', { Bool: { 'aws:MultiFactorAuthPresent': true } }],
    ['MFA age', { NumericLessThan: { 'aws:MultiFactorAuthAge': '3600' } }],
    ['organization', { StringEquals: { 'aws:PrincipalOrgID': 'o-abc' } }],
  ])('mitigated by %s', (_n, condition) => {
    expect(codes(trust({ Principal: { AWS: '999999999999' }, Condition: condition }))).toEqual([]);
  });

  test.each([
    ['external id with StringLike *', { StringLike: { 'sts:ExternalId': '*' } }],
    ['external id IfExists', { StringEqualsIfExists: { 'sts:ExternalId': 'abc' } }],
    ['BoolIfExists MFA', { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'true' } }],
    ['MFA false', { Bool: { 'aws:MultiFactorAuthPresent': 'false' } }],
    ['ForAnyValue org id', { 'ForAnyValue:StringEquals': { 'aws:PrincipalOrgID': 'o-abc' } }],
    ['empty external id', { StringEquals: { 'sts:ExternalId': '' } }],
  ])('not mitigated by %s', (_n, condition) => {
    const [f] = analyzeTrustPolicy(trust({ Principal: { AWS: '999999999999' }, Condition: condition }), { ownAccount: OWN }).findings;
    expect(f.code).toBe('TRUST_CROSS_ACCOUNT_UNCONDITIONED');
    expect(f.message).toMatch(/conditions that do not count/);
  });

  test('a named role in another account is accepted', () => {
    const result = analyzeTrustPolicy(trust({ Principal: { AWS: 'arn:aws:iam::999999999999:role/deployer' } }), { ownAccount: OWN });
    expect(result.findings).toEqual([]);
    expect(result.crossAccountPrincipals).toEqual(['arn:aws:iam::999999999999:role/deployer']);
  });

  test('the own account is fine in any spelling', () => {
    expect(codes(trust({ Principal: { AWS: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::', { Ref: 'AWS::AccountId' }, ':root']] } } }))).toEqual([]);
    expect(analyzeTrustPolicy(trust({ Principal: { AWS: '111111111111' } }), { ownAccount: '111111111111' }).findings).toEqual([]);
  });

  test('a role of the same template (its GetAtt Arn) is a named identity of the own account', () => {
    const options = { ownAccount: OWN, ownIdentities: ['ProviderRole'] };
    const result = analyzeTrustPolicy(trust({ Principal: { AWS: { 'Fn::GetAtt': ['ProviderRole', 'Arn'] } } }), options);
    expect(result.findings).toEqual([]);
    expect(analyzeTrustPolicy(trust({ Principal: { AWS: { 'Fn::GetAtt': 'ProviderRole.Arn' } } }), options).findings).toEqual([]);
    // Another resource's Arn (a custom resource can return any account's), another attribute: still unknown.
    const unknown = (value: unknown) => analyzeTrustPolicy(trust({ Principal: { AWS: value } }), options).findings.map((f) => f.code);
    expect(unknown({ 'Fn::GetAtt': ['LookupResult', 'Arn'] })).toEqual(['TRUST_UNKNOWN_PRINCIPAL']);
    expect(unknown({ 'Fn::GetAtt': ['ProviderRole', 'RoleId'] })).toEqual(['TRUST_UNKNOWN_PRINCIPAL']);
  });

  test('principals of unknown account are warnings', () => {
    const [f] = analyzeTrustPolicy(trust({ Principal: { AWS: { Ref: 'TrustedAccount' } } }), { ownAccount: OWN }).findings;
    expect(f).toMatchObject({ code: 'TRUST_UNKNOWN_PRINCIPAL', severity: 'warning' });
  });
});

describe('(c) web identity: GitHub', () => {
  const aud = { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' };

  test('aud and a fixed repository: clean', () => {
    expect(codes(web(gh, { StringEquals: { ...aud, 'token.actions.githubusercontent.com:sub': 'repo:octo-org/octo-repo:ref:refs/heads/main' } }))).toEqual([]);
    expect(codes(web(gh, { StringEquals: aud, StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:octo-org/octo-repo:*' } }))).toEqual([]);
  });

  test('without sub: error', () => {
    const [f] = analyzeTrustPolicy(web(gh, { StringEquals: aud })).findings;
    expect(f).toMatchObject({ code: 'TRUST_OIDC_SUB', severity: 'error' });
    expect(f.message).toMatch(/repo:<owner>\/<repo>/);
  });

  test('without any condition: aud and sub errors', () => {
    expect(codes(web(gh))).toEqual(['TRUST_OIDC_NO_AUD', 'TRUST_OIDC_SUB']);
  });

  test.each([['*'], ['repo:*'], ['*:*'], ['repo:octo*'], ['*/octo-repo:*']])('sub %s admits any repository: error', (sub) => {
    const f = analyzeTrustPolicy(web(gh, { StringEquals: aud, StringLike: { 'token.actions.githubusercontent.com:sub': sub } })).findings;
    expect(f.map((x) => x.code)).toEqual(['TRUST_OIDC_SUB']);
    expect(f[0].message).toMatch(/admits any/);
  });

  test('owner fixed, any repository: warning', () => {
    const f = analyzeTrustPolicy(web(gh, { StringEquals: aud, StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:octo-org/*' } })).findings;
    expect(f).toEqual([expect.objectContaining({ code: 'TRUST_OIDC_SUB_BROAD', severity: 'warning' })]);
  });

  test('ForAllValues (the old GitHub example) and IfExists do not count', () => {
    expect(codes(web(gh, { 'StringEquals': aud, 'ForAllValues:StringEquals': { 'token.actions.githubusercontent.com:sub': 'repo:o/r:ref:refs/heads/main' } }))).toEqual(['TRUST_OIDC_SUB']);
    expect(codes(web(gh, { StringEquals: aud, StringLikeIfExists: { 'token.actions.githubusercontent.com:sub': 'repo:o/r:*' } }))).toEqual(['TRUST_OIDC_SUB']);
    expect(codes(web(gh, { StringEquals: aud, StringNotLike: { 'token.actions.githubusercontent.com:sub': 'repo:evil/*' } }))).toEqual(['TRUST_OIDC_SUB']);
  });

  test('one wide value among fixed ones is an error', () => {
    expect(codes(web(gh, { StringEquals: aud, StringLike: { 'token.actions.githubusercontent.com:sub': ['repo:o/r:*', 'repo:*'] } }))).toEqual(['TRUST_OIDC_SUB']);
  });

  test('condition keys are case-insensitive', () => {
    expect(codes(web(gh, { StringEquals: { 'Token.Actions.GitHubUserContent.com:aud': 'sts.amazonaws.com', 'TOKEN.ACTIONS.GITHUBUSERCONTENT.COM:SUB': 'repo:o/r:environment:prod' } }))).toEqual([]);
  });

  test('provider as Fn::Join / Fn::Sub is recognized', () => {
    const join = { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::', { Ref: 'AWS::AccountId' }, ':oidc-provider/token.actions.githubusercontent.com']] };
    expect(federatedHost(join)).toBe('token.actions.githubusercontent.com');
    expect(federatedHost({ 'Fn::Sub': 'arn:${AWS::Partition}:iam::${AWS::AccountId}:oidc-provider/gitlab.com' })).toBe('gitlab.com');
    expect(federatedHost({ Ref: 'Provider' })).toBeUndefined();
  });
});

describe('(c) web identity: other providers', () => {
  test('GitLab: group fixed warns, project fixed is clean, any project errors', () => {
    const p = 'arn:aws:iam::1:oidc-provider/gitlab.com';
    const c = (sub: string) => codes(web(p, { StringEquals: { 'gitlab.com:aud': 'https://gitlab.com' }, StringLike: { 'gitlab.com:sub': sub } }));
    expect(c('project_path:grp/app:ref_type:branch:ref:main')).toEqual([]);
    expect(c('project_path:grp/*')).toEqual(['TRUST_OIDC_SUB_BROAD']);
    expect(c('project_path:*')).toEqual(['TRUST_OIDC_SUB']);
  });

  test('self-hosted GitLab (unknown host) uses the generic :sub / :aud rule', () => {
    const p = 'arn:aws:iam::1:oidc-provider/gitlab.example.com';
    const c = (sub: string) => codes(web(p, { StringEquals: { 'gitlab.example.com:aud': 'https://gitlab.example.com' }, StringLike: { 'gitlab.example.com:sub': sub } }));
    expect(c('project_path:grp/app:*')).toEqual([]);
    expect(c('*')).toEqual(['TRUST_OIDC_SUB']);
    expect(codes(web(p, { StringEquals: { 'gitlab.example.com:aud': 'x' } }))).toEqual(['TRUST_OIDC_SUB']);
  });

  test('provider given as a Ref: any key ending in :sub / :aud is read', () => {
    expect(codes(web({ Ref: 'Oidc' }, { StringEquals: { 'idp.example.com:aud': 'a', 'idp.example.com:sub': 'repo:o/r:ref:refs/heads/main' } }))).toEqual([]);
    expect(codes(web({ Ref: 'Oidc' }, { StringEquals: { 'idp.example.com:aud': 'a' } }))).toEqual(['TRUST_OIDC_SUB']);
  });

  test('Bitbucket: repository uuid must be fixed', () => {
    const host = 'api.bitbucket.org/2.0/workspaces/acme/pipelines-config/identity/oidc';
    const c = (sub: string) => codes(web(`arn:aws:iam::1:oidc-provider/${host}`, { StringEquals: { [`${host}:aud`]: 'ari:cloud:bitbucket::workspace/1234' }, StringLike: { [`${host}:sub`]: sub } }));
    expect(c('{7c1a2b3c-0000-0000-0000-000000000000}:*')).toEqual([]);
    expect(c('*')).toEqual(['TRUST_OIDC_SUB']);
  });

  test('Terraform Cloud: organization fixed is the minimum', () => {
    const c = (sub: string) => codes(web('arn:aws:iam::1:oidc-provider/app.terraform.io', { StringEquals: { 'app.terraform.io:aud': 'aws.workload.identity' }, StringLike: { 'app.terraform.io:sub': sub } }));
    expect(c('organization:acme:project:p:workspace:w:run_phase:*')).toEqual([]);
    expect(c('organization:acme:*')).toEqual(['TRUST_OIDC_SUB_BROAD']);
    expect(c('organization:*')).toEqual(['TRUST_OIDC_SUB']);
  });

  test('EKS: namespace fixed is the minimum', () => {
    const host = 'oidc.eks.eu-west-1.amazonaws.com/id/ABCDEF0123456789';
    const c = (sub: string) => codes(web(`arn:aws:iam::1:oidc-provider/${host}`, { StringEquals: { [`${host}:aud`]: 'sts.amazonaws.com' }, StringLike: { [`${host}:sub`]: sub } }));
    expect(c('system:serviceaccount:payments:api')).toEqual([]);
    expect(c('system:serviceaccount:payments:*')).toEqual(['TRUST_OIDC_SUB_BROAD']);
    expect(c('system:serviceaccount:*')).toEqual(['TRUST_OIDC_SUB']);
  });

  test('Cognito identity pools need aud (pool id) and amr', () => {
    const f = 'cognito-identity.amazonaws.com';
    expect(codes(web(f, { 'StringEquals': { 'cognito-identity.amazonaws.com:aud': 'eu-west-1:1234-abcd' }, 'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'authenticated' } }))).toEqual([]);
    expect(codes(web(f, { 'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'authenticated' } }))).toEqual(['TRUST_COGNITO_NO_AUD']);
    expect(codes(web(f, { StringEquals: { 'cognito-identity.amazonaws.com:aud': 'eu-west-1:1234-abcd' } }))).toEqual(['TRUST_COGNITO_NO_AMR']);
    expect(codes(web(f, { 'StringLike': { 'cognito-identity.amazonaws.com:aud': '*' }, 'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'authenticated' } }))).toEqual(['TRUST_COGNITO_NO_AUD']);
  });

  test('app sign-in providers need only the audience', () => {
    expect(codes(web('accounts.google.com', { StringEquals: { 'accounts.google.com:aud': '1234.apps.googleusercontent.com' } }))).toEqual([]);
    expect(codes(web('graph.facebook.com', { StringEquals: { 'graph.facebook.com:app_id': '1234' } }))).toEqual([]);
    expect(codes(web('graph.facebook.com'))).toEqual(['TRUST_OIDC_NO_AUD']);
  });
});

describe('(d) SAML', () => {
  const saml = 'arn:aws:iam::123456789012:saml-provider/Okta';
  test('without SAML:aud: error', () => {
    const f = trustStatementFindings({ Effect: 'Allow', Principal: { Federated: saml }, Action: 'sts:AssumeRoleWithSAML' });
    expect(f).toEqual([expect.objectContaining({ code: 'TRUST_SAML_NO_AUD', severity: 'error' })]);
  });

  test('with SAML:aud: clean; IfExists does not count', () => {
    const s = (cond: unknown) => trustStatementFindings({ Effect: 'Allow', Principal: { Federated: saml }, Action: 'sts:AssumeRoleWithSAML', Condition: cond });
    expect(s({ StringEquals: { 'SAML:aud': 'https://signin.aws.amazon.com/saml' } })).toEqual([]);
    expect(s({ StringEqualsIfExists: { 'SAML:aud': 'https://signin.aws.amazon.com/saml' } }).map((f) => f.code)).toEqual(['TRUST_SAML_NO_AUD']);
  });
});

describe('(e) services', () => {
  test('service principals are information, not findings', () => {
    const result = analyzeTrustPolicy(trust({ Principal: { Service: ['lambda.amazonaws.com', 'edgelambda.amazonaws.com'] } }), { ownAccount: OWN });
    expect(result.findings).toEqual([]);
    expect(result.servicePrincipals).toEqual(['lambda.amazonaws.com', 'edgelambda.amazonaws.com']);
  });

  test('Deny statements are ignored', () => {
    expect(codes({ Statement: { Effect: 'Deny', Principal: '*', Action: 'sts:AssumeRole' } })).toEqual([]);
  });
});

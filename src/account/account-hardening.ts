import { Annotations, Stack, Token } from 'aws-cdk-lib';
import * as accessanalyzer from 'aws-cdk-lib/aws-accessanalyzer';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import {
  accountPublicAccessBlock, ebsDefaultKmsKey, enableEbsEncryptionByDefault, imageBlockPublicAccess, instanceMetadataDefaults, passwordPolicy,
  securityAlternateContact,
} from './account-sdk-calls';
import { Acknowledgments, assertExplainingReason } from '../core/acknowledgments';
import { propsOf } from '../core/construct-args';
import { dedicatedCustomResource } from '../core/dedicated-custom-resource';
import { FortressError } from '../core/fortress-error';
import { claimOnePerAccount } from '../core/one-per-account';
import { PropChecks } from '../core/prop-checks';
import { KeyPurpose } from '../kms/key-purpose';
import { KeyService } from '../kms/key-service';
import { KmsKeyRing } from '../kms/kms-key-ring';

/** One account-level switch {@link AccountHardening} sets. */
export enum AccountSetting {
  /** IAM account password policy (account-wide). */
  PASSWORD_POLICY = 'PASSWORD_POLICY',
  /** EBS encryption by default with the key ring's data key (per region). */
  EBS_DEFAULT_ENCRYPTION = 'EBS_DEFAULT_ENCRYPTION',
  /** S3 Block Public Access for the whole account (account-wide). */
  S3_ACCOUNT_PUBLIC_ACCESS_BLOCK = 'S3_ACCOUNT_PUBLIC_ACCESS_BLOCK',
  /** EC2 instance metadata defaults: IMDSv2 required, hop limit (per region). */
  INSTANCE_METADATA_DEFAULTS = 'INSTANCE_METADATA_DEFAULTS',
  /** EBS snapshot Block Public Access, all sharing blocked (per region). */
  SNAPSHOT_BLOCK_PUBLIC_ACCESS = 'SNAPSHOT_BLOCK_PUBLIC_ACCESS',
  /** AMI Block Public Access, new public sharing blocked (per region). */
  IMAGE_BLOCK_PUBLIC_ACCESS = 'IMAGE_BLOCK_PUBLIC_ACCESS',
  /** IAM Access Analyzer external access analyzer for the account (per region, free). */
  EXTERNAL_ACCESS_ANALYZER = 'EXTERNAL_ACCESS_ANALYZER',
  /** IAM Access Analyzer unused access analyzer (per region, paid per IAM role and user analyzed). */
  UNUSED_ACCESS_ANALYZER = 'UNUSED_ACCESS_ANALYZER',
}

/** A setting left alone, with why: the only way to turn a setting of {@link AccountHardening} off. */
export interface AccountSettingExemption {
  /** The setting not managed. */
  readonly setting: AccountSetting;
  /** Why it is safe to leave it (at least a sentence a reviewer accepts). */
  readonly reason: string;
}

/** The account's security alternate contact (AWS writes to it about security issues of the account). */
export interface SecurityContact {
  /** The contact's name. */
  readonly name: string;
  /** Email address, e.g. a team mailbox. */
  readonly emailAddress: string;
  /** Phone number (AWS accepts `+`, digits, spaces, hyphens and parentheses). */
  readonly phoneNumber: string;
  /** The contact's title, e.g. `Security team`. */
  readonly title: string;
}

/** Properties of an {@link AccountHardening}. Every prop is optional. */
export interface AccountHardeningProps {
  /**
   * Settings left alone, each with a reason (recorded, and warned about at every synth).
   * Leaving a setting that was managed does not revert it: see "Deleting" in the README.
   *
   * @default - every setting is managed
   */
  readonly exemptions?: AccountSettingExemption[];

  /**
   * Minimum IAM user password length. Below 14 (CIS AWS Foundations 1.8) requires `weakerPasswordPolicyReason`.
   *
   * @default 14
   */
  readonly minimumPasswordLength?: number;

  /**
   * Number of previous passwords a user cannot reuse (1-24).
   * Below 24 (CIS AWS Foundations 1.9) requires `weakerPasswordPolicyReason`.
   *
   * @default 24
   */
  readonly passwordReusePrevention?: number;

  /**
   * Days after which IAM user passwords expire (1-1095); the user sets a new one at the next sign-in.
   * Off by default, a documented choice: NIST SP 800-63B (5.1.1.2) advises against periodic expiry
   * for memorized secrets, and current CIS AWS Foundations benchmarks no longer require it. Set it (e.g. 90)
   * where a standard you follow still does (PCI DSS 3.2.1 8.2.4).
   *
   * @default - passwords do not expire
   */
  readonly maxPasswordAgeDays?: number;

  /**
   * Why a password policy below the CIS values is acceptable here (required for `minimumPasswordLength` < 14
   * or `passwordReusePrevention` < 24).
   *
   * @default - the CIS values are enforced
   */
  readonly weakerPasswordPolicyReason?: string;

  /**
   * Hop limit of instance metadata responses (1-64). 2 lets containers on the instance reach IMDSv2 through
   * their network bridge; 1 keeps tokens on the host.
   *
   * @default 2
   */
  readonly metadataHopLimit?: number;

  /**
   * Days without use after which IAM Access Analyzer reports a role, user, password, access key or permission as
   * unused (1-365). Cost: the unused access analyzer is charged per IAM role and user analyzed per month.
   *
   * @default 90
   */
  readonly unusedAccessAgeDays?: number;

  /**
   * The account's security alternate contact. Set it: AWS sends security notifications about the account there.
   *
   * @default - not set (a synth warning says so)
   */
  readonly securityContact?: SecurityContact;

  /**
   * The key ring whose data key encrypts EBS volumes by default.
   *
   * @default - the stack's shared ring, `KmsKeyRing.of(this)`
   */
  readonly keyRing?: KmsKeyRing;
}

/**
 * The account-level security switches of one account and region: IAM password policy (CIS values),
 * EBS encryption by default with the key ring's data key, S3 account-level Block Public Access, IMDSv2
 * required by default, EBS snapshot and AMI Block Public Access, and IAM Access Analyzer (external and
 * unused access). CloudFormation resources where they exist (snapshot Block Public Access, analyzers),
 * type-checked SDK calls with roles of their own where they don't. Deleting leaves the safe settings in
 * place (nothing is reverted to a weaker one).
 *
 * Deploy one per account and region (e.g. with OrganizationBaseline); account-wide settings (password
 * policy, S3 Block Public Access, security contact) are set idempotently by each.
 */
export class AccountHardening extends Construct {
  /** Settings this construct manages (every AccountSetting not exempted). */
  public readonly managedSettings: AccountSetting[];

  constructor(scope: Construct, id: string, props: AccountHardeningProps = {}) {
    const p = propsOf(scope, id, props);
    validate(scope, id, p);
    super(scope, id);
    claimOnePerAccount(this, { kind: 'AccountHardening', why: 'the account-level settings it writes would be written twice, and the analyzers duplicated' });
    const exempted = new Map((p.exemptions ?? []).map((e) => [e.setting, e.reason.trim()]));
    this.managedSettings = Object.values(AccountSetting).filter((s) => !exempted.has(s));
    for (const [setting, reason] of exempted) {
      Annotations.of(this).addWarningV2(`cdk-fortress:explicit:AccountHardening:${setting}`, `${setting} is not managed: ${reason}`);
    }
    const on = (s: AccountSetting) => !exempted.has(s);
    const stack = Stack.of(this);

    if (on(AccountSetting.PASSWORD_POLICY)) this.passwordPolicy(p);
    if (on(AccountSetting.EBS_DEFAULT_ENCRYPTION)) this.ebsEncryption(p.keyRing ?? KmsKeyRing.of(this));
    if (on(AccountSetting.S3_ACCOUNT_PUBLIC_ACCESS_BLOCK)) {
      this.sdkSetting('S3PublicAccessBlock', 'Blocks public access to S3 for the whole account', {
        service: 'S3Control', action: 'putPublicAccessBlock', parameters: accountPublicAccessBlock(stack.account),
      }, [new iam.PolicyStatement({ actions: ['s3:PutAccountPublicAccessBlock'], resources: ['*'] })]);
      Acknowledgments.acknowledge(this.node.findChild('S3PublicAccessBlockPolicy'), 'Fortress-IAMPolicyNoAdminActionsOnWildcard',
        'The dedicated role of this custom resource exists to turn account-level S3 Block Public Access on: its only call, fixed in the template, '
        + 'sets all four switches to true; only the AwsCustomResource provider can assume it, and the action defines no resource type.');
    }
    if (on(AccountSetting.INSTANCE_METADATA_DEFAULTS)) {
      this.sdkSetting('InstanceMetadataDefaults', 'Requires IMDSv2 for new instances by default', {
        service: 'EC2', action: 'modifyInstanceMetadataDefaults', parameters: instanceMetadataDefaults(p.metadataHopLimit ?? 2),
      }, [new iam.PolicyStatement({ actions: ['ec2:ModifyInstanceMetadataDefaults'], resources: ['*'] })]);
    }
    if (on(AccountSetting.SNAPSHOT_BLOCK_PUBLIC_ACCESS)) {
      // https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-ec2-snapshotblockpublicaccess.html
      new ec2.CfnSnapshotBlockPublicAccess(this, 'SnapshotBlockPublicAccess', { state: 'block-all-sharing' });
    }
    if (on(AccountSetting.IMAGE_BLOCK_PUBLIC_ACCESS)) {
      this.sdkSetting('ImageBlockPublicAccess', 'Blocks new public sharing of AMIs', {
        service: 'EC2', action: 'enableImageBlockPublicAccess', parameters: imageBlockPublicAccess(),
      }, [new iam.PolicyStatement({ actions: ['ec2:EnableImageBlockPublicAccess'], resources: ['*'] })]);
    }
    if (on(AccountSetting.EXTERNAL_ACCESS_ANALYZER)) {
      new accessanalyzer.CfnAnalyzer(this, 'ExternalAccessAnalyzer', { type: 'ACCOUNT' });
    }
    if (on(AccountSetting.UNUSED_ACCESS_ANALYZER)) {
      new accessanalyzer.CfnAnalyzer(this, 'UnusedAccessAnalyzer', {
        type: 'ACCOUNT_UNUSED_ACCESS',
        analyzerConfiguration: { unusedAccessConfiguration: { unusedAccessAge: p.unusedAccessAgeDays ?? 90 } },
      });
    }
    if (p.securityContact) {
      const account = `arn:${stack.partition}:account::${stack.account}:account`;
      this.sdkSetting('SecurityContact', 'Sets the account\'s security alternate contact', {
        service: 'Account', action: 'putAlternateContact', parameters: securityAlternateContact(p.securityContact),
      }, [new iam.PolicyStatement({ actions: ['account:PutAlternateContact'], resources: [account], conditions: { StringEquals: { 'account:AlternateContactTypes': 'SECURITY' } } })]);
    } else {
      Annotations.of(this).addWarningV2('cdk-fortress:AccountHardening:securityContact',
        'No securityContact: AWS sends security notifications about this account to the root user\'s email address only.');
    }
  }

  private passwordPolicy(p: AccountHardeningProps): void {
    this.sdkSetting('PasswordPolicy', 'Sets the IAM account password policy', {
      service: 'IAM',
      action: 'updateAccountPasswordPolicy',
      parameters: passwordPolicy(p.minimumPasswordLength ?? 14, p.passwordReusePrevention ?? 24, p.maxPasswordAgeDays),
    }, [new iam.PolicyStatement({ actions: ['iam:UpdateAccountPasswordPolicy'], resources: ['*'] })]);
  }

  /** EnableEbsEncryptionByDefault, then ModifyEbsDefaultKmsKeyId with the ring's data key (which Auto Scaling may use). */
  private ebsEncryption(ring: KmsKeyRing): void {
    const key = ring.key(KeyPurpose.DATA);
    ring.enableService(KeyPurpose.DATA, KeyService.EBS_DEFAULT_ENCRYPTION);
    const enable = this.sdkSetting('EbsEncryptionByDefault', 'Turns on EBS encryption by default', {
      service: 'EC2', action: 'enableEbsEncryptionByDefault', parameters: enableEbsEncryptionByDefault(),
    }, [new iam.PolicyStatement({ actions: ['ec2:EnableEbsEncryptionByDefault'], resources: ['*'] })]);
    const defaultKey = this.sdkSetting('EbsDefaultKey', 'Makes the key ring\'s data key the default EBS key', {
      service: 'EC2', action: 'modifyEbsDefaultKmsKeyId', parameters: ebsDefaultKmsKey(key.keyArn),
    }, [
      new iam.PolicyStatement({ actions: ['ec2:ModifyEbsDefaultKmsKeyId'], resources: ['*'] }),
      // EC2 checks the key exists and is usable when it is made the default.
      new iam.PolicyStatement({ actions: ['kms:DescribeKey'], resources: [key.keyArn] }),
    ]);
    defaultKey.node.addDependency(enable);
  }

  /**
   * One setting made by an SDK call with a role of its own. The same call on create and update; on delete nothing is
   * called: the setting stays as safe as it is (see the README: a stack deletion or rollback never weakens the account).
   * The actions define no resource types (Service Authorization Reference), hence `*`.
   */
  private sdkSetting(id: string, description: string, call: Omit<cr.AwsSdkCall, 'physicalResourceId'>, statements: iam.PolicyStatement[]): cr.AwsCustomResource {
    const stack = Stack.of(this);
    const sdkCall: cr.AwsSdkCall = { ...call, physicalResourceId: cr.PhysicalResourceId.of(`account-hardening-${id}-${stack.region}`) };
    return dedicatedCustomResource(this, id, {
      description: `${description} (${this.node.path})`,
      onCreate: sdkCall,
      onUpdate: sdkCall,
      statements,
      wildcards: statements.some((s) => s.resources.includes('*'))
        ? [{ resource: '*', reason: `${call.action} is an account-level setting: the action defines no resource type (Service Authorization Reference).` }]
        : [],
    });
  }
}

function validate(scope: Construct, id: string, p: AccountHardeningProps): void {
  const path = scope.node.path ? `${scope.node.path}/${id}` : id;
  const check = new PropChecks(path);
  const exemptions = p.exemptions ?? [];
  if (!Array.isArray(exemptions)) throw FortressError.invalidProp(path, 'exemptions', 'must be a list of { setting, reason }', exemptions);
  for (const e of exemptions) {
    check.oneOf('exemptions.setting', e?.setting, Object.values(AccountSetting));
    if (e?.setting === undefined) throw FortressError.invalidProp(path, 'exemptions.setting', 'is required: the AccountSetting left alone');
    assertExplainingReason(path, `exemptions(${e.setting}).reason`, e.reason);
  }
  check.unique('exemptions', exemptions.map((e) => e.setting));
  const exempted = (s: AccountSetting) => exemptions.some((e) => e.setting === s);
  check.integerInRange('minimumPasswordLength', p.minimumPasswordLength, 6, 128);
  check.integerInRange('passwordReusePrevention', p.passwordReusePrevention, 1, 24);
  check.integerInRange('maxPasswordAgeDays', p.maxPasswordAgeDays, 1, 1095);
  check.integerInRange('metadataHopLimit', p.metadataHopLimit, 1, 64);
  check.integerInRange('unusedAccessAgeDays', p.unusedAccessAgeDays, 1, 365);
  const weaker = (p.minimumPasswordLength !== undefined && !Token.isUnresolved(p.minimumPasswordLength) && p.minimumPasswordLength < 14)
    || (p.passwordReusePrevention !== undefined && !Token.isUnresolved(p.passwordReusePrevention) && p.passwordReusePrevention < 24);
  if (weaker && p.weakerPasswordPolicyReason === undefined) {
    throw FortressError.invalidProp(path, p.minimumPasswordLength !== undefined && p.minimumPasswordLength < 14 ? 'minimumPasswordLength' : 'passwordReusePrevention',
      'must be at least the CIS AWS Foundations value (length 14, reuse prevention 24) unless weakerPasswordPolicyReason says why not');
  }
  if (p.weakerPasswordPolicyReason !== undefined) {
    if (!weaker) throw FortressError.invalidProp(path, 'weakerPasswordPolicyReason', 'is only for a minimumPasswordLength below 14 or a passwordReusePrevention below 24');
    assertExplainingReason(path, 'weakerPasswordPolicyReason', p.weakerPasswordPolicyReason);
  }
  const passwordProps: Array<[string, unknown]> = [['minimumPasswordLength', p.minimumPasswordLength], ['passwordReusePrevention', p.passwordReusePrevention], ['maxPasswordAgeDays', p.maxPasswordAgeDays]];
  for (const [prop, value] of passwordProps) {
    if (value !== undefined && exempted(AccountSetting.PASSWORD_POLICY)) throw FortressError.invalidProp(path, prop, 'cannot be combined with an exemption of PASSWORD_POLICY');
  }
  if (p.metadataHopLimit !== undefined && exempted(AccountSetting.INSTANCE_METADATA_DEFAULTS)) {
    throw FortressError.invalidProp(path, 'metadataHopLimit', 'cannot be combined with an exemption of INSTANCE_METADATA_DEFAULTS');
  }
  if (p.unusedAccessAgeDays !== undefined && exempted(AccountSetting.UNUSED_ACCESS_ANALYZER)) {
    throw FortressError.invalidProp(path, 'unusedAccessAgeDays', 'cannot be combined with an exemption of UNUSED_ACCESS_ANALYZER');
  }
  if (p.keyRing !== undefined && exempted(AccountSetting.EBS_DEFAULT_ENCRYPTION)) {
    throw FortressError.invalidProp(path, 'keyRing', 'cannot be combined with an exemption of EBS_DEFAULT_ENCRYPTION');
  }
  const c = p.securityContact;
  if (c !== undefined) {
    // Account API limits: name and title 1-64, email 1-254, phone 1-25 of [\s0-9()+-]. https://docs.aws.amazon.com/accounts/latest/reference/API_PutAlternateContact.html
    check.lengthInRange('securityContact.name', c.name, 1, 64);
    check.lengthInRange('securityContact.title', c.title, 1, 50);
    check.matches('securityContact.emailAddress', c.emailAddress, /^[^\s@]+@[^\s@]+\.[^\s@]+$/, 'an email address');
    check.matches('securityContact.phoneNumber', c.phoneNumber, /^[\s0-9()+-]{1,25}$/, 'a phone number of up to 25 digits, spaces, +, - and parentheses');
    for (const [prop, value] of [['name', c.name], ['title', c.title], ['emailAddress', c.emailAddress], ['phoneNumber', c.phoneNumber]]) {
      check.required(`securityContact.${prop}`, value, 'the security contact needs a name, title, email address and phone number');
    }
  }
}

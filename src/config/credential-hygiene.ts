import { Duration } from 'aws-cdk-lib';
import * as accessanalyzer from 'aws-cdk-lib/aws-accessanalyzer';
import * as config from 'aws-cdk-lib/aws-config';
import * as events from 'aws-cdk-lib/aws-events';
import { Construct } from 'constructs';
import { ConfigRecorder } from './config-recorder';
import { propsOf } from '../core/construct-args';
import { FortressError } from '../core/fortress-error';
import { claimOnePerAccount } from '../core/one-per-account';
import { pathOf, PropChecks } from '../core/prop-checks';
import { SecurityNotificationsTopic } from '../monitoring/security-notifications-topic';
import { undeliveredAlertsQueue } from '../monitoring/undelivered-alerts-queue';

/**
 * What the IAM_PASSWORD_POLICY rule requires of the account password policy. Every field is optional:
 * the defaults are the rule's own (and CIS AWS Foundations') requirements.
 *
 * @see https://docs.aws.amazon.com/config/latest/developerguide/iam-password-policy.html
 */
export interface PasswordPolicyRequirements {
  /**
   * Minimum password length, 14 to 128 (IAM accepts up to 128; CIS AWS Foundations asks for at least 14).
   *
   * @default 14
   */
  readonly minimumLength?: number;
  /**
   * How many previous passwords cannot be reused, 1 to 24 (IAM's range).
   *
   * @default 24
   */
  readonly reusePrevention?: number;
  /**
   * How long a password is valid, 1 to 1095 days (IAM's range).
   *
   * @default Duration.days(90)
   */
  readonly maxAge?: Duration;
  /** @default true */
  readonly requireUppercase?: boolean;
  /** @default true */
  readonly requireLowercase?: boolean;
  /** @default true */
  readonly requireSymbols?: boolean;
  /** @default true */
  readonly requireNumbers?: boolean;
}

/**
 * Properties of a {@link CredentialHygiene}. Every prop is optional: the defaults are compliant.
 */
export interface CredentialHygieneProps {
  /**
   * IAM_USER_UNUSED_CREDENTIALS_CHECK: passwords and access keys unused for longer are non-compliant.
   * 1 to 90 days (the rule takes any positive integer; more than 90 days would fall short of CIS and of
   * Security Hub's IAM.8).
   *
   * @default Duration.days(90)
   */
  readonly maxCredentialUsageAge?: Duration;

  /**
   * ACCESS_KEYS_ROTATED: access keys older than this are non-compliant. 1 to 90 days (the rule takes any
   * positive integer; more than 90 days would fall short of Security Hub's IAM.3 and CIS).
   *
   * @default Duration.days(90)
   */
  readonly maxAccessKeyAge?: Duration;

  /**
   * IAM_PASSWORD_POLICY's requirements.
   *
   * @default - the rule's defaults: 14 characters, all four character classes, 24 remembered, 90 days
   */
  readonly passwordPolicy?: PasswordPolicyRequirements;

  /**
   * How often the periodic rules run. Each evaluation is a billed AWS Config rule evaluation.
   *
   * @default config.MaximumExecutionFrequency.TWENTY_FOUR_HOURS
   */
  readonly maximumExecutionFrequency?: config.MaximumExecutionFrequency;

  /**
   * Create an IAM Access Analyzer unused-access analyzer for this account. It is billed per IAM role and
   * user analyzed per month; one per account is enough (its findings do not depend on the region). Its
   * findings are routed to the alert topic either way, so an analyzer created elsewhere in this region
   * (e.g. by Security Hub) is alerted on too.
   *
   * @default true - costs money (IAM Access Analyzer pricing, per role and user analyzed per month)
   */
  readonly unusedAccessAnalyzer?: boolean;

  /**
   * The unused-access analyzer's tracking period: 1 to 365 days.
   *
   * @see https://docs.aws.amazon.com/access-analyzer/latest/APIReference/API_UnusedAccessConfiguration.html
   * @default Duration.days(90)
   */
  readonly unusedAccessAge?: Duration;

  /**
   * The recorder the rules depend on (AWS Config rules need a running recorder).
   *
   * @default - none in this app: the account's recorder must exist before the rules are deployed
   */
  readonly configRecorder?: ConfigRecorder;

  /**
   * Where unused-access findings go.
   *
   * @default - the stack's SecurityNotificationsTopic
   */
  readonly alertTopic?: SecurityNotificationsTopic;

  /**
   * Email addresses subscribed to the alert topic (each confirms its subscription).
   *
   * @default - none
   */
  readonly alertEmails?: string[];
}

/**
 * Credential hygiene for one account (and region), with AWS Config managed rules: unused passwords and
 * access keys, access key rotation, root account MFA and no root access keys, MFA for every console
 * user, and the IAM password policy; and IAM Access Analyzer's unused-access findings routed to the
 * SecurityNotificationsTopic.
 *
 * IAM is global: deploy it in one region per account (the global-resources region of `ConfigRecorder`),
 * or every region evaluates (and bills) the same IAM rules.
 *
 * @example
 * new CredentialHygiene(this, 'CredentialHygiene', { maxAccessKeyAge: Duration.days(45) });
 */
export class CredentialHygiene extends Construct {
  /** The AWS Config rules, by identifier (e.g. `ACCESS_KEYS_ROTATED`). */
  public readonly rules: config.ManagedRule[] = [];
  /** The unused-access analyzer, when created. */
  public readonly analyzer?: accessanalyzer.CfnAnalyzer;
  /** The rule that routes unused-access findings to the topic. */
  public readonly findingsRule: events.CfnRule;

  constructor(scope: Construct, id: string, props: CredentialHygieneProps = {}) {
    const p = propsOf(scope, id, props);
    validate(pathOf(scope, id), p);
    super(scope, id);
    claimOnePerAccount(this, {
      kind: 'CredentialHygiene',
      why: 'its AWS Config rules would be evaluated (and billed) twice, and IAM Access Analyzer allows one unused-access analyzer per account',
    });
    const frequency = p.maximumExecutionFrequency ?? config.MaximumExecutionFrequency.TWENTY_FOUR_HOURS;
    const pw = p.passwordPolicy ?? {};
    const bool = (value: boolean | undefined) => (value ?? true ? 'true' : 'false'); // the rule reads only lower-case 'true'
    // Parameters as documented per rule: https://docs.aws.amazon.com/config/latest/developerguide/managed-rules-by-aws-config.html
    const rules: Array<[string, string, string, Record<string, unknown> | undefined]> = [
      ['UnusedCredentials', config.ManagedRuleIdentifiers.IAM_USER_UNUSED_CREDENTIALS_CHECK, 'IAM user passwords and access keys are used within the allowed age',
        { maxCredentialUsageAge: (p.maxCredentialUsageAge ?? Duration.days(90)).toDays() }],
      ['AccessKeysRotated', config.ManagedRuleIdentifiers.ACCESS_KEYS_ROTATED, 'Active access keys are rotated within the allowed age',
        { maxAccessKeyAge: (p.maxAccessKeyAge ?? Duration.days(90)).toDays() }],
      ['RootAccountMfa', config.ManagedRuleIdentifiers.ROOT_ACCOUNT_MFA_ENABLED, 'The root user signs in with MFA', undefined],
      ['NoRootAccessKey', config.ManagedRuleIdentifiers.IAM_ROOT_ACCESS_KEY_CHECK, 'The root user has no access keys', undefined],
      ['ConsoleUsersMfa', config.ManagedRuleIdentifiers.MFA_ENABLED_FOR_IAM_CONSOLE_ACCESS, 'Every IAM user with a console password has MFA', undefined],
      ['PasswordPolicy', config.ManagedRuleIdentifiers.IAM_PASSWORD_POLICY, 'The account password policy meets the requirements', {
        RequireUppercaseCharacters: bool(pw.requireUppercase),
        RequireLowercaseCharacters: bool(pw.requireLowercase),
        RequireSymbols: bool(pw.requireSymbols),
        RequireNumbers: bool(pw.requireNumbers),
        MinimumPasswordLength: pw.minimumLength ?? 14,
        PasswordReusePrevention: pw.reusePrevention ?? 24,
        MaxPasswordAge: (pw.maxAge ?? Duration.days(90)).toDays(),
      }],
    ];
    for (const [ruleId, identifier, description, inputParameters] of rules) {
      const rule = new config.ManagedRule(this, ruleId, { identifier, description, inputParameters, maximumExecutionFrequency: frequency });
      if (p.configRecorder) rule.node.addDependency(p.configRecorder);
      this.rules.push(rule);
    }

    if (p.unusedAccessAnalyzer ?? true) {
      this.analyzer = new accessanalyzer.CfnAnalyzer(this, 'UnusedAccessAnalyzer', {
        type: 'ACCOUNT_UNUSED_ACCESS',
        analyzerConfiguration: { unusedAccessConfiguration: { unusedAccessAge: (p.unusedAccessAge ?? Duration.days(90)).toDays() } },
      });
    }
    const topic = p.alertTopic ?? SecurityNotificationsTopic.of(this);
    (p.alertEmails ?? []).forEach((address) => topic.addEmailSubscription(address));
    // IAM Access Analyzer sends "Unused Access Finding for IAM entities" events directly to EventBridge (source aws.access-analyzer):
    // https://docs.aws.amazon.com/eventbridge/latest/ref/events-ref-access-analyzer.html
    this.findingsRule = new events.CfnRule(this, 'UnusedAccessFindingsRule', {
      description: 'IAM Access Analyzer unused-access findings (unused roles, users, passwords, access keys and permissions)',
      eventPattern: { 'source': ['aws.access-analyzer'], 'detail-type': ['Unused Access Finding for IAM entities'] },
      state: 'ENABLED',
      targets: [{ id: 'SecurityNotifications', arn: topic.topicArn, deadLetterConfig: { arn: undeliveredAlertsQueue(this).queueArn } }],
    });
  }
}

function validate(path: string, p: CredentialHygieneProps): void {
  const check = new PropChecks(path);
  check.durationInDays('maxCredentialUsageAge', durationOrRefuse(path, 'maxCredentialUsageAge', p.maxCredentialUsageAge), 1, 90);
  check.durationInDays('maxAccessKeyAge', durationOrRefuse(path, 'maxAccessKeyAge', p.maxAccessKeyAge), 1, 90);
  check.durationInDays('unusedAccessAge', durationOrRefuse(path, 'unusedAccessAge', p.unusedAccessAge), 1, 365);
  if (p.unusedAccessAnalyzer === false && p.unusedAccessAge !== undefined) {
    throw FortressError.invalidProp(path, 'unusedAccessAge', 'requires unusedAccessAnalyzer (it configures the analyzer this construct creates)');
  }
  check.oneOf('maximumExecutionFrequency', p.maximumExecutionFrequency, Object.values(config.MaximumExecutionFrequency));
  if (p.passwordPolicy !== undefined) {
    const pw = p.passwordPolicy;
    if (pw === null || typeof pw !== 'object') throw FortressError.invalidProp(path, 'passwordPolicy', 'must be PasswordPolicyRequirements', pw);
    // IAM's ranges: https://docs.aws.amazon.com/IAM/latest/APIReference/API_UpdateAccountPasswordPolicy.html
    check.integerInRange('passwordPolicy.minimumLength', pw.minimumLength, 14, 128);
    check.integerInRange('passwordPolicy.reusePrevention', pw.reusePrevention, 1, 24);
    check.durationInDays('passwordPolicy.maxAge', durationOrRefuse(path, 'passwordPolicy.maxAge', pw.maxAge), 1, 1095);
    for (const key of ['requireUppercase', 'requireLowercase', 'requireSymbols', 'requireNumbers'] as const) {
      if (pw[key] !== undefined && typeof pw[key] !== 'boolean') throw FortressError.invalidProp(path, `passwordPolicy.${key}`, 'must be true or false', pw[key]);
    }
  }
  if (p.configRecorder !== undefined && !(p.configRecorder instanceof ConfigRecorder)) throw FortressError.invalidProp(path, 'configRecorder', 'must be a ConfigRecorder');
  if (p.alertTopic !== undefined && !(p.alertTopic instanceof SecurityNotificationsTopic)) {
    throw FortressError.invalidProp(path, 'alertTopic', 'must be a SecurityNotificationsTopic (its policy admits EventBridge of this account)');
  }
  if (p.alertEmails !== undefined && !Array.isArray(p.alertEmails)) throw FortressError.invalidProp(path, 'alertEmails', 'must be a list of email addresses', p.alertEmails);
  (p.alertEmails ?? []).forEach((address, i) => check.matches(`alertEmails[${i}]`, address, /^[^\s@]+@[^\s@]+\.[^\s@]+$/, 'an email address'));
}

function durationOrRefuse(path: string, prop: string, value: Duration | undefined): Duration | undefined {
  if (value !== undefined && value !== null && !(value instanceof Duration)) throw FortressError.invalidProp(path, prop, 'must be a Duration in days, e.g. Duration.days(90)', value);
  return value ?? undefined;
}

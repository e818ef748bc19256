import { Annotations, Duration, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { conditionedTrust, trustStatementProblem } from './trust';
import { AuditTrail } from '../cloudtrail/audit-trail';
import { auditTrailsOf } from '../cloudtrail/stack-trails';
import { Acknowledgments } from '../core/acknowledgments';
import { propsOf } from '../core/construct-args';
import { FortressError } from '../core/fortress-error';
import { claimOnePerAccount } from '../core/one-per-account';
import { pathOf, PropChecks } from '../core/prop-checks';
import { renderedProperties } from '../core/rendered';
import { logPatternAlarm } from '../monitoring/log-pattern-alarm';
import { SecurityNotificationsTopic } from '../monitoring/security-notifications-topic';
import { undeliveredAlertsQueue } from '../monitoring/undelivered-alerts-queue';

/**
 * Properties of a {@link BreakGlassAccess}. Every prop is optional: the defaults are compliant.
 */
export interface BreakGlassAccessProps {
  /**
   * Who may assume the role (with MFA): accounts, IAM users or roles. Service, federated and
   * wildcard principals are refused (they cannot present MFA, or admit anyone).
   *
   * @default - this account (`AccountRootPrincipal`): IAM principals of this account allowed `sts:AssumeRole` on the role
   */
  readonly trustedPrincipals?: iam.IPrincipal[];

  /**
   * MFA is always required; `false` is refused. Kept as a prop so a template that turns it off is an explicit, refused choice.
   *
   * @default true
   */
  readonly requireMfa?: boolean;

  /**
   * The longest time since the MFA sign-in (`aws:MultiFactorAuthAge`): 1 minute to 12 hours.
   *
   * @default Duration.hours(1)
   */
  readonly maxMfaAge?: Duration;

  /**
   * The role's name: stable, so that `OrganizationGuardrails` can exempt the same role in every account.
   * 1-64 letters, digits and `+=,.@_-`.
   *
   * @default 'BreakGlassAccess'
   */
  readonly roleName?: string;

  /**
   * The permissions of the emergency role.
   *
   * @default - AdministratorAccess (AWS managed): an emergency role must be able to repair anything
   */
  readonly managedPolicies?: iam.IManagedPolicy[];

  /**
   * Where the alarm on every use goes.
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

  /**
   * The multi-region trail whose CloudWatch log group is watched for every use of the role: any API call made with
   * its sessions, console sessions (`SwitchRole`) included, and every `AssumeRole` of it, in every region. Cannot be
   * combined with `trailLogGroup`.
   *
   * @default - the stack's one AuditTrail when it is created before this construct; without one, only the
   * EventBridge rule alarms (AssumeRole calls recorded in this region), with a warning
   */
  readonly trail?: AuditTrail;

  /**
   * The CloudWatch log group of a multi-region CloudTrail trail, watched like `trail`'s (e.g. an organization trail's group,
   * imported). That the group receives such a trail's events cannot be checked at synth time. Cannot be combined with `trail`.
   *
   * @default - the log group of `trail`
   */
  readonly trailLogGroup?: logs.ILogGroup;
}

/** The role path of every break-glass role, for guardrail exemptions by ARN pattern. */
const BREAK_GLASS_PATH = '/break-glass/';

/**
 * An emergency role for people, in one account: assumable only with MFA (`aws:MultiFactorAuthPresent`
 * and a maximum `aws:MultiFactorAuthAge`), 1-hour sessions, a stable name and path (`/break-glass/`) so
 * organization guardrails can exempt it, and an alarm through the SecurityNotificationsTopic every time
 * anyone assumes it (an EventBridge rule on CloudTrail's `AssumeRole` event for this role).
 *
 * The rule needs CloudTrail (a trail, e.g. `AuditTrail`) and sees AssumeRole calls recorded in this
 * stack's region: STS regional endpoints record there, the global endpoint in us-east-1. With a
 * multi-region trail's log group (`trail`, `trailLogGroup` or the stack's AuditTrail), `usageAlarm`
 * alarms on every use of the role in every region, console sessions included.
 *
 * @example
 * const breakGlass = new BreakGlassAccess(this, 'BreakGlass', { alertEmails: ['security@example.com'] });
 */
export class BreakGlassAccess extends Construct {
  /** The emergency role. */
  public readonly role: iam.Role;
  /** The role's ARN. */
  public readonly roleArn: string;
  /** The role's name (stable across accounts, for guardrail exemptions). */
  public readonly roleName: string;
  /** The path of the role, `/break-glass/`. */
  public readonly rolePath: string = BREAK_GLASS_PATH;
  /** The rule that alarms on every AssumeRole of the role recorded in this region. */
  public readonly alarmRule: events.CfnRule;
  /** The alarm on every use of the role in every region, from the trail's log group (none without a trail). */
  public readonly usageAlarm?: cloudwatch.Alarm;
  private readonly alertTopic: SecurityNotificationsTopic;

  constructor(scope: Construct, id: string, props: BreakGlassAccessProps = {}) {
    const p = propsOf(scope, id, props);
    const path = pathOf(scope, id);
    validate(path, p);
    const trusted = p.trustedPrincipals ?? [new iam.AccountRootPrincipal()];
    const maxMfaAge = p.maxMfaAge ?? Duration.hours(1);
    const conditioned = trusted.map((principal, i) => {
      try {
        return conditionedTrust(path, scope, principal, { requireMfa: true, maxMfaAge });
      } catch (e) {
        throw FortressError.invalidProp(path, `trustedPrincipals[${i}]`, `must be an account, IAM user or role that can present MFA: ${(e as FortressError).allowed ?? e}`);
      }
    });
    super(scope, id);
    this.roleName = p.roleName ?? 'BreakGlassAccess';
    claimOnePerAccount(this, {
      kind: 'BreakGlassAccess',
      accountWide: true,
      name: this.roleName,
      why: 'IAM role names are unique per account (IAM is global), so the second role would fail at deploy',
    });

    this.role = new iam.Role(this, 'Role', {
      roleName: this.roleName,
      path: BREAK_GLASS_PATH,
      assumedBy: conditioned[0],
      maxSessionDuration: Duration.hours(1),
      description: 'Break-glass emergency access: MFA required, 1-hour sessions, every use alarmed',
      managedPolicies: p.managedPolicies ?? [iam.ManagedPolicy.fromAwsManagedPolicyName('AdministratorAccess')],
    });
    conditioned.slice(1).forEach((principal) => this.role.assumeRolePolicy!.addStatements(new iam.PolicyStatement({
      actions: ['sts:AssumeRole'], principals: [principal],
    })));
    this.roleArn = this.role.roleArn;
    if (p.managedPolicies === undefined) {
      const why = 'The break-glass role exists to repair anything when normal access fails; it is usable only with recent MFA, for 1-hour '
        + 'sessions, and every AssumeRole raises an alert through the security notifications topic.';
      Acknowledgments.acknowledge(this.role, 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/AdministratorAccess]', why);
      Acknowledgments.acknowledge(this.role, 'Fortress-IAMNoAwsManagedAdminPolicy[AdministratorAccess]', why);
    }

    const topic = p.alertTopic ?? SecurityNotificationsTopic.of(this);
    this.alertTopic = topic;
    (p.alertEmails ?? []).forEach((address) => topic.addEmailSubscription(address));
    // CloudTrail's AssumeRole event, as EventBridge receives it (source aws.sts, detail-type "AWS API Call via CloudTrail"):
    // https://docs.aws.amazon.com/eventbridge/latest/ref/events-ref-sts.html
    // AssumeRole is a read-only management event: only rules in state ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS receive it
    // (AWS's own example there matches sts AssumeRole): https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-service-event-cloudtrail-management.html
    this.alarmRule = new events.CfnRule(this, 'AssumedRule', {
      description: `Alerts every time the break-glass role ${this.roleName} is assumed`,
      eventPattern: {
        'source': ['aws.sts'],
        'detail-type': ['AWS API Call via CloudTrail'],
        'detail': {
          eventSource: ['sts.amazonaws.com'],
          eventName: ['AssumeRole'],
          requestParameters: { roleArn: [this.role.roleArn] },
        },
      },
      state: 'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS',
      targets: [{ id: 'SecurityNotifications', arn: topic.topicArn, deadLetterConfig: { arn: undeliveredAlertsQueue(this).queueArn } }],
    });
    const trailLogGroup = p.trailLogGroup ?? (p.trail ?? onlyOne(auditTrailsOf(this)))?.logGroup;
    if (trailLogGroup) {
      this.usageAlarm = this.alarmOnEveryUse(trailLogGroup, topic);
      const usageAlarm = this.usageAlarm;
      this.node.addValidation({ validate: () => this.usageAlarmProblems(usageAlarm, trailLogGroup, topic) });
    } else {
      Annotations.of(this).addWarningV2('cdk-fortress:breakGlassOneRegion', `Only AssumeRole calls recorded in ${Stack.of(this).region} alarm: `
        + 'pass `trail` (or `trailLogGroup`), a multi-region trail, to alarm on every use of the role in every region, console sessions included');
    }
    this.node.addValidation({ validate: () => this.recheck() });
  }

  /**
   * A metric filter on the multi-region trail's log group matching any event of a session of this role (its
   * `userIdentity.sessionContext.sessionIssuer.arn`, console sessions after SwitchRole included) or any AssumeRole of
   * it, in any region, and an alarm on the first match.
   * https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-user-identity.html
   * https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html
   */
  private alarmOnEveryUse(logGroup: logs.ILogGroup, topic: SecurityNotificationsTopic): cloudwatch.Alarm {
    return logPatternAlarm(this, 'UsageAlarm', {
      logGroup,
      filterPattern: this.usageFilterPattern(),
      metricNamespace: 'cdk-fortress/BreakGlass',
      metricName: `${this.roleName}Used`,
      description: `The break-glass role ${this.roleName} was assumed or used (any region, console included)`,
      topic,
    });
  }


  /** At synthesis, the trust policy as CloudFormation will receive it: every Allow requires MFA. */
  private recheck(): string[] {
    const cfn = this.role.node.defaultChild as iam.CfnRole;
    const rendered = renderedProperties(cfn);
    if (rendered.MaxSessionDuration !== undefined && rendered.MaxSessionDuration > 3600) {
      throw FortressError.invalidProp(this, 'MaxSessionDuration', 'must be 1 hour (3600 seconds) for a break-glass role', rendered.MaxSessionDuration);
    }
    for (const statement of [rendered.AssumeRolePolicyDocument?.Statement ?? []].flat()) {
      const problem = trustStatementProblem(statement);
      if (problem) throw FortressError.invalidProp(this, 'trust', problem);
      if (statement.Effect === 'Allow' && String(statement.Condition?.Bool?.['aws:MultiFactorAuthPresent']) !== 'true') {
        throw FortressError.invalidProp(this, 'trust', 'must require MFA (Bool aws:MultiFactorAuthPresent true) in every statement: a break-glass role without MFA is refused');
      }
    }
    const rule = renderedProperties(this.alarmRule);
    const pattern = rule.EventPattern ?? {};
    const alarms = rule.State === 'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS'
      && JSON.stringify(pattern.detail?.eventName) === '["AssumeRole"]'
      && JSON.stringify(pattern.detail?.requestParameters?.roleArn) === JSON.stringify([Stack.of(this).resolve(this.role.roleArn)])
      && [rule.Targets ?? []].flat().some((t: any) => JSON.stringify(t?.Arn) === JSON.stringify(Stack.of(this).resolve(this.alertTopic.topicArn)));
    if (!alarms) {
      throw FortressError.invalidProp(this, 'alarmRule', 'must stay enabled (ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS), match AssumeRole of this role and have a target: every use of the break-glass role is alarmed');
    }
    return [];
  }

  /**
   * The usage alarm and its filter as CloudFormation will receive them: the first match of the unchanged pattern in the
   * trail's log group, counted as 1 in this namespace and metric, without dimensions, alarms the topic.
   */
  private usageAlarmProblems(alarm: cloudwatch.Alarm, logGroup: logs.ILogGroup, topic: SecurityNotificationsTopic): string[] {
    const stack = Stack.of(this);
    const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
    const a = renderedProperties(alarm.node.defaultChild!);
    const f = renderedProperties(this.node.findChild('UsageAlarmFilter').node.defaultChild!);
    const [transformation, ...more] = [f.MetricTransformations ?? []].flat();
    const namespace = 'cdk-fortress/BreakGlass';
    const metricName = `${this.roleName}Used`;
    const intact = a.ActionsEnabled !== false && same(a.AlarmActions, [stack.resolve(topic.topicArn)])
      && a.Threshold === 1 && a.ComparisonOperator === 'GreaterThanOrEqualToThreshold' && a.EvaluationPeriods === 1
      && (a.DatapointsToAlarm === undefined || a.DatapointsToAlarm === 1) && a.Statistic === 'Sum' && a.Period === 300
      && a.Dimensions === undefined && a.Metrics === undefined && a.Namespace === namespace && a.MetricName === metricName
      && more.length === 0 && transformation?.MetricNamespace === namespace && transformation?.MetricName === metricName
      && transformation?.MetricValue === '1' && transformation?.Dimensions === undefined
      && same(f.LogGroupName, stack.resolve(logGroup.logGroupName)) && same(f.FilterPattern, stack.resolve(this.usageFilterPattern()));
    return intact ? [] : [`[cdk-fortress] ${this.node.path}: invalid 'usageAlarm': must stay enabled, notify its topic on the first match in 5 minutes `
      + `(Sum >= 1, one period, no dimensions) of its filter, which must keep its pattern, log group and metric ${namespace}/${metricName} = 1: `
      + 'every use of the break-glass role is alarmed'];
  }

  private usageFilterPattern(): string {
    const stack = Stack.of(this);
    const arn = this.role.roleArn;
    // The session ARN STS itself writes into the AssumeRole event, whatever role ARN spelling the caller sent.
    const sessions = `arn:${stack.partition}:sts::${stack.account}:assumed-role/${this.roleName}/*`;
    return `{ ($.userIdentity.sessionContext.sessionIssuer.arn = "${arn}") || (($.eventName = "AssumeRole") && `
      + `(($.requestParameters.roleArn = "${arn}") || ($.responseElements.assumedRoleUser.arn = "${sessions}"))) }`;
  }
}

function onlyOne<T>(items: T[]): T | undefined {
  return items.length === 1 ? items[0] : undefined;
}

function validate(path: string, p: BreakGlassAccessProps): void {
  const check = new PropChecks(path);
  check.exclusive('trail', p.trail, 'trailLogGroup', p.trailLogGroup);
  if (p.trail !== undefined && !(p.trail instanceof AuditTrail)) throw FortressError.invalidProp(path, 'trail', 'must be an AuditTrail', p.trail);
  if (p.requireMfa !== undefined && p.requireMfa !== true) {
    throw FortressError.invalidProp(path, 'requireMfa', 'must be true: a break-glass role without MFA is refused (its credentials alone would unlock the account)', p.requireMfa);
  }
  check.durationInSeconds('maxMfaAge', p.maxMfaAge, 60, 43_200, '1 minute to 12 hours');
  check.matches('roleName', p.roleName, /^[\w+=,.@-]{1,64}$/, '1-64 letters, digits and +=,.@_-');
  if (p.trustedPrincipals !== undefined) {
    if (!Array.isArray(p.trustedPrincipals) || p.trustedPrincipals.length === 0) {
      throw FortressError.invalidProp(path, 'trustedPrincipals', 'must list at least one account, IAM user or role', p.trustedPrincipals);
    }
    p.trustedPrincipals.forEach((principal, i) => {
      if (typeof (principal as any)?.policyFragment?.principalJson !== 'object') throw FortressError.invalidProp(path, `trustedPrincipals[${i}]`, 'must be an iam.IPrincipal', principal);
      if (principal instanceof iam.ServicePrincipal || Object.keys(principal.policyFragment.principalJson).some((k) => k !== 'AWS')) {
        throw FortressError.invalidProp(path, `trustedPrincipals[${i}]`, 'must be an account, IAM user or role: services and federated identities never present MFA');
      }
    });
  }
  if (p.managedPolicies !== undefined) {
    if (!Array.isArray(p.managedPolicies) || p.managedPolicies.length === 0) throw FortressError.invalidProp(path, 'managedPolicies', 'must list at least one managed policy', p.managedPolicies);
    p.managedPolicies.forEach((policy, i) => {
      if (typeof (policy as any)?.managedPolicyArn !== 'string') throw FortressError.invalidProp(path, `managedPolicies[${i}]`, 'must be a managed policy (iam.IManagedPolicy)', policy);
    });
  }
  if (p.alertTopic !== undefined && !(p.alertTopic instanceof SecurityNotificationsTopic)) {
    throw FortressError.invalidProp(path, 'alertTopic', 'must be a SecurityNotificationsTopic (its policy admits EventBridge of this account)');
  }
  if (p.alertEmails !== undefined && !Array.isArray(p.alertEmails)) throw FortressError.invalidProp(path, 'alertEmails', 'must be a list of email addresses', p.alertEmails);
  (p.alertEmails ?? []).forEach((address, i) => check.matches(`alertEmails[${i}]`, address, /^[^\s@]+@[^\s@]+\.[^\s@]+$/, 'an email address'));
}

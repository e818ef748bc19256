import { Aws, Duration, Names, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sso from 'aws-cdk-lib/aws-sso';
import { Construct } from 'constructs';
import { adminEquivalentManagedPolicy } from '../analysis';
import { Acknowledgments, assertExplainingReason } from '../core/acknowledgments';
import { propsOf } from '../core/construct-args';
import { FortressError } from '../core/fortress-error';
import { isAdminOrFullAccessPolicy } from '../core/permissions';
import { pathOf, PropChecks } from '../core/prop-checks';
import { renderedProperties } from '../core/rendered';
import { AllowedAwsManagedPolicy, NoResourceLevelAction } from '../iam/least-privilege-role';
import { describeStatement, noResourceLevelActionsOf, permissionProblem } from '../iam/statement-checks';

/**
 * A customer-managed policy (or permissions boundary) that exists, under this name and path, in every
 * account the permission set is assigned to.
 */
export interface PermissionSetPolicyReference {
  /** The policy's name, 1-128 characters of letters, digits and `+=,.@_-`. */
  readonly name: string;
  /**
   * The policy's path, `/` or `/<segments>/`.
   *
   * @default '/'
   */
  readonly path?: string;
}

/** Who a permission set is assigned to: a group or a user of the Identity Center identity store. */
export class PermissionSetPrincipal {
  /** A group of the identity store, by its id (e.g. `906757b2d0-1c2d3e4f-...` or a UUID). */
  public static group(groupId: string): PermissionSetPrincipal {
    return new PermissionSetPrincipal('GROUP', groupId);
  }

  /** A user of the identity store, by its id. */
  public static user(userId: string): PermissionSetPrincipal {
    return new PermissionSetPrincipal('USER', userId);
  }

  private constructor(
    /** `GROUP` or `USER`. */
    public readonly principalType: string,
    /** The identity store id of the group or user. */
    public readonly principalId: string,
  ) {}
}

/**
 * Properties of a {@link SecurePermissionSet}.
 */
export interface SecurePermissionSetProps {
  /**
   * The IAM Identity Center instance, `arn:<partition>:sso:::instance/ssoins-<16 hex digits>`.
   */
  readonly instanceArn: string;

  /**
   * The permission set's name (the role name people see): 1-32 letters, digits and `+=,.@_-`.
   *
   * @default - derived from the construct path
   */
  readonly permissionSetName?: string;

  /**
   * A description (1-700 characters).
   *
   * @default - none
   */
  readonly description?: string;

  /**
   * How long a session in an account lasts: 1 to 12 hours (IAM Identity Center's range), whole minutes.
   * Shorter sessions make stolen session credentials expire sooner.
   *
   * @see https://docs.aws.amazon.com/singlesignon/latest/userguide/howtosessionduration.html
   * @default Duration.hours(1)
   */
  readonly sessionDuration?: Duration;

  /**
   * Where the console sends people after sign-in (relay state), e.g. `https://console.aws.amazon.com/cloudwatch/home`.
   *
   * @default - the console home page
   */
  readonly relayState?: string;

  /**
   * Permissions, as an inline policy of explicit statements, checked like a `LeastPrivilegeRole`'s:
   * `*` and `service:*` actions, `NotAction`, `NotResource`, `Resource: "*"` (unless every action is
   * declared in `noResourceLevelActions`) and administrator-equivalent wildcards are refused.
   *
   * @default - none
   */
  readonly statements?: iam.PolicyStatement[];

  /**
   * Actions AWS offers no resource-level permission for, allowed on `Resource: "*"` in `statements`.
   *
   * @default - none
   */
  readonly noResourceLevelActions?: NoResourceLevelAction[];

  /**
   * Customer-managed policies to attach by reference: each must exist, with this name and path, in
   * every account the set is assigned to (deploy them there with a StackSet or `OrganizationBaseline`).
   *
   * @default - none
   */
  readonly customerManagedPolicies?: PermissionSetPolicyReference[];

  /**
   * A customer-managed policy, by reference, used as the permissions boundary of the role in each account.
   *
   * @default - none
   */
  readonly permissionsBoundary?: PermissionSetPolicyReference;

  /**
   * AWS managed policies to attach, each with a reason. Administrator and full-access policies
   * (AdministratorAccess, PowerUserAccess, IAMFullAccess, `*FullAccess`) are refused unless the set
   * is a break-glass set (`breakGlassReason`); there, each administrator-equivalent one is acknowledged
   * (`Fortress-IAMNoAwsManagedAdminPolicy[<policy>]`) with the break-glass reason and its own.
   *
   * @default - none
   */
  readonly awsManagedPolicies?: AllowedAwsManagedPolicy[];

  /**
   * Marks the set as a break-glass (emergency) set and says why it needs administrator or full access;
   * its session is limited to 1 hour. Assign it to a small group, and alarm on its use.
   *
   * @default - not a break-glass set: administrator and full-access policies are refused
   */
  readonly breakGlassReason?: string;
}

/** IAM Identity Center's session duration range, in seconds (1 to 12 hours). */
const MIN_SESSION = 3_600;
const MAX_SESSION = 43_200;

/**
 * An IAM Identity Center permission set for people, with short sessions (1 hour by default), permissions
 * from customer-managed policy references, a permissions boundary or an inline policy checked by the same
 * analyzer as every other policy; administrator and full-access AWS managed policies only for a named
 * break-glass set. `assign(principal, accounts)` gives it to groups or users in accounts.
 *
 * @example
 * const readOnly = new SecurePermissionSet(this, 'Auditors', {
 *   instanceArn: 'arn:aws:sso:::instance/ssoins-0123456789abcdef',
 *   customerManagedPolicies: [{ name: 'AuditorAccess' }],
 * });
 * readOnly.assign(PermissionSetPrincipal.group('906757b2d0-1c2d3e4f-5a6b-7c8d-9e0f-112233445566'), ['111122223333']);
 */
export class SecurePermissionSet extends Construct {
  /** The permission set's ARN. */
  public readonly permissionSetArn: string;
  /** The permission set's name. */
  public readonly permissionSetName: string;
  /** The Identity Center instance. */
  public readonly instanceArn: string;

  private readonly noResourceLevel: Map<string, string>;
  private readonly breakGlass: boolean;
  private readonly assigned = new Set<string>();

  constructor(scope: Construct, id: string, props: SecurePermissionSetProps) {
    const path = pathOf(scope, id);
    const p = propsOf(scope, id, props);
    const noResourceLevel = validate(path, p);
    super(scope, id);
    this.noResourceLevel = noResourceLevel;
    this.breakGlass = p.breakGlassReason !== undefined;
    this.instanceArn = p.instanceArn;
    this.permissionSetName = p.permissionSetName ?? Names.uniqueResourceName(this, { maxLength: 32 });
    const statements = p.statements ?? [];
    const resource = new sso.CfnPermissionSet(this, 'Resource', {
      instanceArn: p.instanceArn,
      name: this.permissionSetName,
      description: p.description ?? (p.breakGlassReason ? `Break-glass: ${p.breakGlassReason}`.slice(0, 700) : undefined),
      sessionDuration: isoDuration(p.sessionDuration ?? Duration.hours(1)),
      relayStateType: p.relayState,
      inlinePolicy: statements.length > 0 ? new iam.PolicyDocument({ statements }) : undefined,
      managedPolicies: nonEmpty((p.awsManagedPolicies ?? []).map((m) => `arn:${Aws.PARTITION}:iam::aws:policy/${m.policyName}`)),
      customerManagedPolicyReferences: nonEmpty((p.customerManagedPolicies ?? []).map((r) => ({ name: r.name, path: r.path }))),
      permissionsBoundary: p.permissionsBoundary
        ? { customerManagedPolicyReference: { name: p.permissionsBoundary.name, path: p.permissionsBoundary.path } }
        : undefined,
    });
    this.permissionSetArn = resource.attrPermissionSetArn;
    if (p.breakGlassReason !== undefined) {
      // A break-glass set is an administrator by design: acknowledge exactly the administrator policies it was given.
      for (const m of p.awsManagedPolicies ?? []) {
        const admin = adminEquivalentManagedPolicy(m.policyName);
        if (admin === undefined) continue;
        Acknowledgments.acknowledge(resource, `Fortress-IAMNoAwsManagedAdminPolicy[${admin.name}]`,
          `Break-glass permission set (${p.breakGlassReason.trim()}): ${m.reason.trim()} Sessions last at most 1 hour.`);
      }
    }
    this.node.addValidation({ validate: () => this.recheck(resource) });
  }

  /**
   * Assigns the permission set to a group or user of the identity store in each account (12-digit ids).
   */
  public assign(principal: PermissionSetPrincipal, accounts: string[]): void {
    if (!(principal instanceof PermissionSetPrincipal)) {
      throw FortressError.invalidProp(this, 'assign: principal', 'must be PermissionSetPrincipal.group(id) or PermissionSetPrincipal.user(id)', principal === undefined ? 'undefined' : principal);
    }
    const check = new PropChecks(this);
    // Identity store ids: https://docs.aws.amazon.com/singlesignon/latest/APIReference/API_CreateAccountAssignment.html (PrincipalId)
    check.matches('assign: principalId', principal.principalId,
      /^([0-9a-f]{10}-|)[A-Fa-f0-9]{8}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{12}$/, 'an identity store group or user id');
    if (!Array.isArray(accounts) || accounts.length === 0) throw FortressError.invalidProp(this, 'assign: accounts', 'must list at least one 12-digit account id', accounts);
    accounts.forEach((account, i) => check.matches(`assign: accounts[${i}]`, account, /^\d{12}$/, 'a 12-digit account id'));
    check.unique('assign: accounts', accounts);
    for (const account of accounts) {
      const key = `${principal.principalType}:${principal.principalId}:${account}`;
      if (this.assigned.has(key)) throw FortressError.invalidProp(this, 'assign', 'must not assign the same principal to the same account twice', key);
      this.assigned.add(key);
      new sso.CfnAssignment(this, `Assignment${this.assigned.size}`, {
        instanceArn: this.instanceArn,
        permissionSetArn: this.permissionSetArn,
        principalType: principal.principalType,
        principalId: principal.principalId,
        targetType: 'AWS_ACCOUNT',
        targetId: account,
      });
    }
  }

  /** At synthesis, the permission set as CloudFormation will receive it (escape hatches included). */
  private recheck(resource: sso.CfnPermissionSet): string[] {
    const rendered = renderedProperties(resource);
    for (const arn of [rendered.ManagedPolicies ?? []].flat()) {
      const name = /:iam::aws:policy\/([^"]+)"/.exec(typeof arn === 'string' ? `${arn}"` : JSON.stringify(arn))?.[1];
      if (name !== undefined && isAdminOrFullAccessPolicy(name) && !this.breakGlass) {
        throw FortressError.invalidProp(this, 'ManagedPolicies', 'refuses administrator and full-access AWS managed policies except in a break-glass set (breakGlassReason)', name);
      }
    }
    const document = typeof rendered.InlinePolicy === 'string' ? JSON.parse(rendered.InlinePolicy) : rendered.InlinePolicy;
    for (const json of [document?.Statement ?? []].flat()) {
      const problem = permissionProblem(json, this.noResourceLevel);
      if (problem) throw FortressError.invalidProp(this, `InlinePolicy ${describeStatement(json)}`, problem);
    }
    const seconds = typeof rendered.SessionDuration === 'string' ? isoSeconds(rendered.SessionDuration) : undefined;
    const max = this.breakGlass ? MIN_SESSION : MAX_SESSION;
    const outOfRange = seconds === undefined || seconds < MIN_SESSION || seconds > max;
    if (rendered.SessionDuration !== undefined && !Token.isUnresolved(rendered.SessionDuration) && outOfRange) {
      throw FortressError.invalidProp(this, 'SessionDuration', `must be an ISO-8601 duration from PT1H to ${this.breakGlass ? 'PT1H (break-glass set)' : 'PT12H'}`, rendered.SessionDuration);
    }
    return [];
  }
}

function nonEmpty<T>(list: T[]): T[] | undefined {
  return list.length > 0 ? list : undefined;
}

/** `PT<h>H<m>M` for a whole number of minutes. */
function isoDuration(duration: Duration): string {
  const minutes = duration.toMinutes();
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `PT${h > 0 ? `${h}H` : ''}${m > 0 ? `${m}M` : ''}`;
}

/** Seconds of an ISO-8601 duration of hours, minutes and seconds (`PT1H30M`), or undefined for other forms. */
function isoSeconds(value: string): number | undefined {
  const match = /^PT(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?$/.exec(value);
  if (!match || value === 'PT') return undefined;
  return Number(match[1] ?? 0) * 3600 + Number(match[2] ?? 0) * 60 + Number(match[3] ?? 0);
}

function validatePolicyReference(check: PropChecks, prop: string, ref: PermissionSetPolicyReference | undefined, path: string): void {
  if (ref === undefined) return;
  if (ref === null || typeof ref !== 'object' || typeof ref.name !== 'string') throw FortressError.invalidProp(path, prop, 'must be { name, path? }', ref);
  // Customer-managed policy references: https://docs.aws.amazon.com/singlesignon/latest/APIReference/API_CustomerManagedPolicyReference.html
  check.matches(`${prop}.name`, ref.name, /^[\w+=,.@-]{1,128}$/, '1-128 letters, digits and +=,.@_-');
  check.matches(`${prop}.path`, ref.path, /^(\/|\/[\u0021-\u007E]{1,510}\/)$/, '"/" or "/<segments>/" (at most 512 characters)');
}

/** Refuses invalid or contradictory props before any resource exists; returns `noResourceLevelActions` as a map. */
function validate(path: string, p: SecurePermissionSetProps): Map<string, string> {
  const check = new PropChecks(path);
  check.required('instanceArn', p.instanceArn, 'the IAM Identity Center instance ARN, arn:aws:sso:::instance/ssoins-<16 hex digits>');
  check.matches('instanceArn', p.instanceArn, /^arn:aws(-cn|-us-gov|-iso|-iso-b)?:sso:::instance\/ssoins-[a-f0-9]{16}$/,
    'an IAM Identity Center instance ARN, arn:aws:sso:::instance/ssoins-<16 hex digits>');
  // Permission set fields: https://docs.aws.amazon.com/singlesignon/latest/APIReference/API_PermissionSet.html
  check.matches('permissionSetName', p.permissionSetName, /^[\w+=,.@-]{1,32}$/, '1-32 letters, digits and +=,.@_-');
  check.matches('description', p.description, /^[\u0009\u000A\u000D\u0020-\u007E\u00A1-\u00FF]{1,700}$/, '1-700 printable characters');
  check.matches('relayState', p.relayState, /^[a-zA-Z0-9&$@#\\/%?=~\-_'"|!:,.;*+[\] (){}]{1,240}$/, '1-240 URL characters');
  const maxSeconds = p.breakGlassReason !== undefined ? MIN_SESSION : MAX_SESSION;
  if (p.sessionDuration !== undefined && !(p.sessionDuration instanceof Duration)) throw FortressError.invalidProp(path, 'sessionDuration', 'must be a Duration from 1 to 12 hours', p.sessionDuration);
  if (p.sessionDuration !== undefined && !p.sessionDuration.isUnresolved()) {
    const seconds = p.sessionDuration.toSeconds({ integral: false });
    if (!Number.isInteger(seconds / 60) || seconds < MIN_SESSION || seconds > maxSeconds) {
      throw FortressError.invalidProp(path, 'sessionDuration', p.breakGlassReason !== undefined
        ? 'must be 1 hour for a break-glass set' : 'must be a whole number of minutes from 1 to 12 hours (IAM Identity Center\'s range)', p.sessionDuration.toHumanString());
    }
  }
  if (p.breakGlassReason !== undefined) assertExplainingReason(path, 'breakGlassReason', p.breakGlassReason);
  const lists = { statements: p.statements, awsManagedPolicies: p.awsManagedPolicies, customerManagedPolicies: p.customerManagedPolicies };
  for (const [name, value] of Object.entries(lists)) {
    if (value !== undefined && !Array.isArray(value)) throw FortressError.invalidProp(path, name, 'must be a list', value);
  }
  (p.customerManagedPolicies ?? []).forEach((ref, i) => validatePolicyReference(check, `customerManagedPolicies[${i}]`, ref, path));
  validatePolicyReference(check, 'permissionsBoundary', p.permissionsBoundary, path);
  for (const [i, allowed] of (p.awsManagedPolicies ?? []).entries()) {
    if (typeof allowed?.policyName !== 'string') throw FortressError.invalidProp(path, `awsManagedPolicies[${i}].policyName`, 'is required: an AWS managed policy name', allowed);
    check.matches(`awsManagedPolicies[${i}].policyName`, allowed.policyName, /^[\w+=,.@/-]{1,512}$/, 'an AWS managed policy name, with its path if any (e.g. job-function/ViewOnlyAccess)');
    if (isAdminOrFullAccessPolicy(allowed.policyName) && p.breakGlassReason === undefined) {
      throw FortressError.invalidProp(path, `awsManagedPolicies[${i}]`,
        'must not grant administrator or full access (AdministratorAccess, PowerUserAccess, IAMFullAccess, *FullAccess) unless the set is a break-glass set (breakGlassReason)', allowed.policyName);
    }
    assertExplainingReason(path, `awsManagedPolicies[${i}].reason`, allowed.reason);
  }
  const total = (p.awsManagedPolicies ?? []).length + (p.customerManagedPolicies ?? []).length;
  // Managed policies per permission set: 10 by default (IAM Identity Center quotas, https://docs.aws.amazon.com/singlesignon/latest/userguide/limits.html).
  if (total > 10) throw FortressError.invalidProp(path, 'awsManagedPolicies', `with customerManagedPolicies must be at most 10 policies per permission set (has ${total})`);
  const noResourceLevel = noResourceLevelActionsOf(path, p.noResourceLevelActions);
  for (const [i, statement] of (p.statements ?? []).entries()) {
    if (typeof (statement as any)?.toStatementJson !== 'function') throw FortressError.invalidProp(path, `statements[${i}]`, 'must be an iam.PolicyStatement', statement);
    const problem = permissionProblem(statement.toStatementJson(), noResourceLevel);
    if (problem) throw FortressError.invalidProp(path, `statements[${i}] ${describeStatement(statement)}`, problem);
  }
  return noResourceLevel;
}

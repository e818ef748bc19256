import { Duration, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct, IConstruct } from 'constructs';
import { describeStatement, noResourceLevelActionsOf, statementJsonProblem, statementProblem } from './statement-checks';
import { conditionedTrust, trustStatementProblem } from './trust';
import { acknowledgeLeastPrivilegeWildcards } from './wildcard-acknowledgments';
import { Acknowledgments, assertExplainingReason } from '../core/acknowledgments';
import { FortressError, FortressErrors } from '../core/fortress-error';
import { DEFAULT_BOUNDARY_METADATA, isAdminOrFullAccessPolicy } from '../core/permissions';
import { pathOf, PropChecks } from '../core/prop-checks';
import { renderedProperties } from '../core/rendered';
import { FortressChecks } from '../nag/fortress-checks';

/**
 * Actions that AWS offers no resource-level permission for, so a statement
 * allowing them must use `Resource: "*"`, with one reason for all of them.
 *
 * Set `actions` (several actions, one reason) or `action` (one action), not both.
 * Administration and privilege-escalation actions (iam writes, `sts:AssumeRole`,
 * `kms:PutKeyPolicy`, `kms:CreateGrant`, ...) and common actions known to support
 * resource-level permissions (`s3:GetObject`, `sqs:SendMessage`, ...) are refused.
 */
export interface NoResourceLevelAction {
  /**
   * The actions, each exact (no wildcards), e.g. `['xray:PutTraceSegments', 'xray:PutTelemetryRecords']`.
   *
   * @default - only `action`
   */
  readonly actions?: string[];
  /**
   * One action, e.g. `ec2:DescribeInstances` (kept for compatibility; prefer `actions`).
   *
   * @default - only `actions`
   */
  readonly action?: string;
  /** Why `*` is the narrowest resource possible for these actions, e.g. a reference to the Service Authorization Reference. */
  readonly reason: string;
}

/**
 * An AWS managed policy the role may have, with the reason it is acceptable.
 */
export interface AllowedAwsManagedPolicy {
  /** The policy name, with its path if any, e.g. `service-role/AWSLambdaBasicExecutionRole`. */
  readonly policyName: string;
  /** Why this AWS managed policy is acceptable here. */
  readonly reason: string;
}

/**
 * Properties of a {@link LeastPrivilegeRole}.
 */
export interface LeastPrivilegeRoleProps {
  /** Who may assume the role. Every AWS principal (`*`) is refused. */
  readonly assumedBy: iam.IPrincipal;

  /**
   * Permissions, as explicit statements. More can be added later with `addToPolicy`
   * or through grants (`bucket.grantRead(role)`); all land in customer-managed policies.
   *
   * @default - none
   */
  readonly statements?: iam.PolicyStatement[];

  /**
   * Actions AWS offers no resource-level permission for, in groups that share a reason: only
   * these may be allowed on `Resource: "*"`, and the matching `AwsSolutions-IAM5[Resource::*]`
   * finding is acknowledged with these reasons. Administration and escalation actions
   * (iam writes, `sts:AssumeRole`, `kms:PutKeyPolicy`, `kms:CreateGrant`, ...) are refused, and so
   * are common actions that do support resource-level permissions (`s3:GetObject`, ...).
   *
   * @default - none: every statement names its resources
   */
  readonly noResourceLevelActions?: NoResourceLevelAction[];

  /**
   * AWS managed policies to attach, each with a reason; their `AwsSolutions-IAM4` findings are
   * acknowledged with it. Administrator and full-access policies (AdministratorAccess,
   * PowerUserAccess, IAMFullAccess, `*FullAccess`) are refused.
   *
   * @default - none
   */
  readonly awsManagedPolicies?: AllowedAwsManagedPolicy[];

  /**
   * Customer-managed policies to attach.
   *
   * @default - none beyond the role's own
   */
  readonly managedPolicies?: iam.IManagedPolicy[];

  /**
   * The permissions boundary.
   *
   * @default - the default set with `LeastPrivilegeRole.setDefaultPermissionsBoundary` on a containing scope, if any
   */
  readonly permissionsBoundary?: iam.IManagedPolicy;

  /**
   * Maximum session duration, 1 to 12 hours.
   *
   * @default Duration.hours(1)
   */
  readonly maxSessionDuration?: Duration;

  /**
   * For a service principal: require `aws:SourceAccount` (this account) in the trust policy, against
   * confused-deputy use. Turn off for a service that does not send it (the role could not be assumed).
   *
   * @default - true, except for services that only use roles passed to them with iam:PassRole and send
   *   no source context (Lambda, Lambda@Edge, EC2, ECS tasks), where iam:PassRole already rules out confused deputies
   */
  readonly confusedDeputyProtection?: boolean;

  /**
   * For a service principal: also require `aws:SourceArn` to match this ARN (pattern).
   *
   * @default - no source ARN condition
   */
  readonly trustSourceArn?: string;

  /**
   * For accounts and IAM principals (people): require MFA to assume the role.
   *
   * Refused for service, federated (web identity, OIDC, SAML) and service-linked role principals
   * and for trusts that mix services with accounts: they never present MFA, so the role could
   * never be assumed.
   *
   * @default false
   */
  readonly requireMfa?: boolean;

  /**
   * For accounts and IAM principals: the longest time since MFA authentication. Requires `requireMfa`.
   *
   * @default - no limit beyond the MFA session
   */
  readonly maxMfaAge?: Duration;

  /**
   * For cross-account trust: the external id the other account must present (`sts:ExternalId`).
   *
   * Refused for service, federated (web identity, OIDC, SAML) and service-linked role principals
   * and for trusts that mix services with accounts: only `sts:AssumeRole` callers can send it.
   *
   * @default - none
   */
  readonly externalId?: string;

  /**
   * A description of the role.
   *
   * @default - none
   */
  readonly description?: string;
}

/** Room left in each managed policy (IAM allows 6,144 characters) for tokens that render longer. */
const POLICY_BUDGET_CHARS = 5_000;
/** Managed policies IAM attaches to one role by default. */
const MAX_MANAGED_POLICIES = 10;


/**
 * An IAM role that only ever holds least-privilege permissions, in
 * customer-managed policies, and a drop-in `iam.Role` (grants keep working).
 *
 * Refused with the library's error, when added and again at synthesis:
 * `*` and `service:*` actions, `NotAction`, `NotResource`, `Resource: "*"`
 * (unless every action is declared in `noResourceLevelActions`),
 * `iam:PassRole` without a specific role and an `iam:PassedToService`
 * condition, inline policies, and administrator or full-access AWS managed policies.
 *
 * @example
 * declare const bucket: s3.IBucket;
 * const role = new LeastPrivilegeRole(this, 'App', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
 * bucket.grantRead(role);
 */
export class LeastPrivilegeRole extends iam.Role {
  /**
   * Applies `boundary` to every IAM role created in `scope` (a Stack, Stage or App),
   * LeastPrivilegeRoles and aws-cdk-lib's own roles alike.
   */
  public static setDefaultPermissionsBoundary(scope: IConstruct, boundary: iam.IManagedPolicy): void {
    iam.PermissionsBoundary.of(scope).apply(boundary);
    scope.node.addMetadata(DEFAULT_BOUNDARY_METADATA, true);
  }

  private permissionPolicies!: Array<{ policy: iam.ManagedPolicy; chars: number; acknowledged: Set<string> }>;
  private statements!: iam.PolicyStatement[];
  private noResourceLevel!: Map<string, string>;
  private allowedAwsManaged!: Map<string, string>;
  private attachedManagedPolicies!: iam.IManagedPolicy[];
  /** The policy construct the last recheck was judging, for the error's FortressChecks findings. */
  private refusedPolicies: IConstruct[] = [];

  constructor(scope: Construct, id: string, props: LeastPrivilegeRoleProps) {
    if (scope === undefined || scope === null || typeof (scope as any).node?.path !== 'string') {
      throw FortressError.invalidProp(`<no scope>/${id}`, 'scope', 'must be a construct (a Stack or a construct in one)', scope === undefined ? 'undefined' : scope);
    }
    if (typeof id !== 'string' || id.length === 0) throw FortressError.invalidProp(scope, 'id', 'must be a non-empty construct id', id === undefined ? 'undefined' : id);
    const path = pathOf(scope, id);
    if (props === undefined || props === null || typeof props !== 'object') {
      throw FortressError.invalidProp(path, 'props', 'are required: at least { assumedBy }, the principal that may assume the role', props === undefined ? 'undefined' : props);
    }
    if (typeof (props.assumedBy as any)?.policyFragment?.principalJson !== 'object') {
      throw FortressError.invalidProp(path, 'assumedBy', 'is required: the principal that may assume the role, e.g. new iam.ServicePrincipal(\'lambda.amazonaws.com\')',
        props.assumedBy === undefined ? 'undefined' : props.assumedBy);
    }
    const check = new PropChecks(path);
    if (props.maxSessionDuration && !props.maxSessionDuration.isUnresolved()) {
      const seconds = props.maxSessionDuration.toSeconds();
      if (seconds < 3600 || seconds > 43200) throw FortressError.invalidProp(path, 'maxSessionDuration', 'must be from 1 to 12 hours', props.maxSessionDuration.toHumanString());
    }
    const noResourceLevel = noResourceLevelActionsOf(path, props.noResourceLevelActions);
    for (const [i, allowed] of (props.awsManagedPolicies ?? []).entries()) {
      if (typeof allowed?.policyName !== 'string') throw FortressError.invalidProp(path, `awsManagedPolicies[${i}].policyName`, 'is required: an AWS managed policy name', allowed);
      if (isAdminOrFullAccessPolicy(allowed.policyName)) {
        throw FortressError.invalidProp(path, `awsManagedPolicies[${i}]`, 'must not grant administrator or full access (AdministratorAccess, PowerUserAccess, IAMFullAccess, *FullAccess)', allowed.policyName);
      }
      assertExplainingReason(path, `awsManagedPolicies[${i}].reason`, allowed.reason);
    }
    check.matches('externalId', props.externalId, /^[\w+=,.@:/-]{2,1224}$/, '2-1224 characters of letters, digits and +=,.@:/-');

    super(scope, id, {
      assumedBy: conditionedTrust(path, scope, props.assumedBy, props),
      maxSessionDuration: props.maxSessionDuration ?? Duration.hours(1),
      permissionsBoundary: props.permissionsBoundary,
      description: props.description,
    });
    this.initialize();
    noResourceLevel.forEach((reason, action) => this.noResourceLevel.set(action, reason));
    for (const allowed of props.awsManagedPolicies ?? []) {
      this.allowedAwsManaged.set(allowed.policyName, allowed.reason);
      this.addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName(allowed.policyName));
    }
    (props.managedPolicies ?? []).forEach((p) => this.addManagedPolicy(p));
    (props.statements ?? []).forEach((s) => this.addToPrincipalPolicy(s));
    this.node.addValidation({ validate: () => this.recheckNamingRules() });
  }

  public addToPrincipalPolicy(statement: iam.PolicyStatement): iam.AddToPrincipalPolicyResult {
    this.initialize();
    if (typeof (statement as any)?.toStatementJson !== 'function') {
      throw FortressError.invalidProp(this, 'statement', 'must be an iam.PolicyStatement', statement === undefined ? 'undefined' : statement);
    }
    this.refuseIfProblem(statement);
    const entry = this.policyWithRoomFor(statement);
    entry.policy.addStatements(statement);
    this.statements.push(statement);
    acknowledgeLeastPrivilegeWildcards(this, entry, statement, this.noResourceLevel);
    return { statementAdded: true, policyDependable: entry.policy };
  }

  /**
   * Declares more actions that AWS offers no resource-level permission for (as the `noResourceLevelActions` prop does),
   * for constructs that add statements to a role they did not create (e.g. a SecureFunction's).
   */
  public allowNoResourceLevelActions(declaration: NoResourceLevelAction): void {
    this.initialize();
    noResourceLevelActionsOf(this.node.path, [declaration]).forEach((reason, action) => this.noResourceLevel.set(action, reason));
  }

  public addManagedPolicy(policy: iam.IManagedPolicy): void {
    this.initialize();
    if (typeof (policy as any)?.managedPolicyArn !== 'string') {
      throw FortressError.invalidProp(this, 'addManagedPolicy', 'takes a managed policy (iam.ManagedPolicy or an imported one)', policy === undefined ? 'undefined' : policy);
    }
    const awsName = awsManagedPolicyName(this, policy);
    if (awsName !== undefined) {
      if (isAdminOrFullAccessPolicy(awsName)) {
        throw FortressError.invalidProp(this, 'addManagedPolicy', 'refuses administrator and full-access AWS managed policies', awsName);
      }
      const reason = this.allowedAwsManaged.get(awsName);
      if (reason === undefined) {
        throw FortressError.invalidProp(this, 'addManagedPolicy', 'accepts AWS managed policies only when listed in awsManagedPolicies with a reason', awsName);
      }
      Acknowledgments.acknowledge(this, `AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/${awsName}]`, reason);
    }
    this.attachedManagedPolicies.push(policy);
    super.addManagedPolicy(policy);
  }

  public attachInlinePolicy(_policy: iam.Policy): void {
    throw FortressError.invalidProp(this, 'attachInlinePolicy', 'is refused: permissions go into customer-managed policies (addToPolicy or grants), never inline');
  }

  /** Field set-up that must also work when iam.Role's constructor calls an override before ours runs. */
  private initialize(): void {
    this.permissionPolicies ??= [];
    this.statements ??= [];
    this.noResourceLevel ??= new Map();
    this.allowedAwsManaged ??= new Map();
    this.attachedManagedPolicies ??= [];
  }

  private refuseIfProblem(statement: iam.PolicyStatement): void {
    const problem = statementProblem(statement, new Set(this.noResourceLevel.keys()));
    if (problem) throw FortressError.invalidProp(this, describeStatement(statement), problem);
  }

  /**
   * Runs at synthesis, after every construct exists, so the order in which policies and
   * statements were attached does not matter: statements can be changed after they were added,
   * and policies can be attached from the policy side (`new iam.ManagedPolicy(scope, id, { roles:
   * [role] })`, `policy.attachToRole(role)`) or to the L1 directly, bypassing the role's methods.
   * Checks again, as CloudFormation will receive them (escape-hatch overrides included):
   * - the role's own statements;
   * - every customer-managed policy attached to the role, from either side, in any stack;
   * - inline policies naming the role (refused);
   * - the trust policy, with statements added through `role.assumeRolePolicy.addStatements()`;
   * - the AWS managed policies in `ManagedPolicyArns` (admin refused, others must be declared);
   * - the IAM quota of attached policies.
   */
  private recheck(): string[] {
    this.refusedPolicies = [];
    this.statements.forEach((s) => this.refuseIfProblem(s));
    const checked = new Set<IConstruct>();
    for (const policy of this.attachedManagedPolicies.filter((p): p is iam.ManagedPolicy => p instanceof iam.ManagedPolicy)) {
      const cfn = policy.node.defaultChild as iam.CfnManagedPolicy;
      checked.add(cfn);
      this.refusePolicyDocument(policy, renderedProperties(cfn).PolicyDocument);
    }
    let policiesFromPolicySide = 0;
    // A policy in another stack can name this role only through an export, which synthesis adds under `Exports`.
    const candidates = Stack.of(this).node.tryFindChild('Exports') ? this.node.root.node.findAll() : Stack.of(this).node.findAll();
    for (const cfn of candidates) {
      if (checked.has(cfn) || !(cfn instanceof iam.CfnManagedPolicy || cfn instanceof iam.CfnPolicy)) continue;
      const properties = renderedOrUndefined(cfn);
      if (!properties || !this.isNamedIn(cfn, properties.Roles)) continue;
      if (cfn instanceof iam.CfnPolicy) {
        this.refusedPolicies = [cfn];
        throw FortressError.invalidProp(this, `inline policy ${cfn.node.path}`, 'is refused: permissions go into customer-managed policies (addToPolicy or grants), never inline');
      }
      if (!this.permissionPolicies.some((e) => e.policy.node.defaultChild === cfn)) policiesFromPolicySide++;
      this.refusePolicyDocument(cfn.node.id === 'Resource' && cfn.node.scope ? cfn.node.scope : cfn, properties.PolicyDocument);
    }
    const role = renderedProperties(this.node.defaultChild as iam.CfnRole);
    [role?.AssumeRolePolicyDocument?.Statement ?? []].flat().forEach((json: any) => {
      const problem = trustStatementProblem(json);
      if (problem) throw FortressError.invalidProp(this, `trust ${describeStatement(json)}`, problem);
    });
    if (role?.Policies !== undefined && [role.Policies].flat().length > 0) {
      throw FortressError.invalidProp(this, 'Policies', 'must be empty: permissions go into customer-managed policies, never inline');
    }
    for (const arn of [role?.ManagedPolicyArns ?? []].flat()) {
      const name = /:iam::aws:policy\/([^"]+)"/.exec(typeof arn === 'string' ? `${arn}"` : JSON.stringify(arn))?.[1];
      if (name === undefined) continue;
      if (isAdminOrFullAccessPolicy(name)) throw FortressError.invalidProp(this, 'ManagedPolicyArns', 'refuses administrator and full-access AWS managed policies', name);
      if (!this.allowedAwsManaged.has(name)) throw FortressError.invalidProp(this, 'ManagedPolicyArns', 'accepts AWS managed policies only when listed in awsManagedPolicies with a reason', name);
    }
    const attached = this.permissionPolicies.length + this.attachedManagedPolicies.length + policiesFromPolicySide;
    if (attached > MAX_MANAGED_POLICIES) {
      throw FortressError.invalidProp(this, 'permissions', `must fit in ${MAX_MANAGED_POLICIES} managed policies (IAM quota); the role has ${attached}`);
    }
    return [];
  }

  /**
   * {@link recheck}, with a refusal naming the FortressChecks findings that judge the same
   * resources, so the error says which rule and which CloudFormation resource, as it would under
   * SecureBaseline (whose report never runs: a failed construct validation stops synthesis first).
   */
  private recheckNamingRules(): string[] {
    try {
      return this.recheck();
    } catch (error) {
      if (!FortressErrors.isFortressError(error)) throw error;
      const refused = error as FortressError;
      const scopes = [this, ...this.refusedPolicies];
      const findings = [...new Set(scopes.flatMap((scope) => fortressErrorsUnder(scope)))];
      if (findings.length === 0) throw error;
      throw new FortressError(refused.constructPath, refused.prop, `${refused.allowed}; FortressChecks reports: ${findings.join(', ')}`, refused.actual);
    }
  }

  /** Whether a policy's rendered `Roles` names this role (a Ref, or a cross-stack import of it). */
  private isNamedIn(policy: IConstruct, roles: unknown): boolean {
    if (roles === undefined) return false;
    let self: string;
    try {
      self = JSON.stringify(Stack.of(policy).resolve(this.roleName));
    } catch {
      return false; // a cross-stack reference not prepared yet (outside synthesis): nothing to compare
    }
    // In another stack a real reference to this role resolves to an import; a bare Ref there names another role.
    if (Stack.of(policy) !== Stack.of(this) && !self.includes('Fn::ImportValue')) return false;
    return [roles].flat().some((r) => JSON.stringify(r) === self);
  }

  /** Refuses a policy document attached to this role if any of its statements would be refused. */
  private refusePolicyDocument(policy: IConstruct, document: any): void {
    this.refusedPolicies = [policy];
    for (const json of [document?.Statement ?? []].flat()) {
      const problem = statementJsonProblem(json, new Set(this.noResourceLevel.keys()));
      if (problem) throw FortressError.invalidProp(this, `${describeStatement(json)} (in ${policy.node.path})`, problem);
    }
  }

  /** The current managed policy, or a new one when it would pass the IAM size limit. */
  private policyWithRoomFor(statement: iam.PolicyStatement) {
    const chars = JSON.stringify(Stack.of(this).resolve(statement.toStatementJson())).length;
    const current = this.permissionPolicies[this.permissionPolicies.length - 1];
    if (current && current.chars + chars <= POLICY_BUDGET_CHARS) {
      current.chars += chars;
      return current;
    }
    if (this.permissionPolicies.length + this.attachedManagedPolicies.length >= MAX_MANAGED_POLICIES) {
      throw FortressError.invalidProp(this, 'permissions', `must fit in ${MAX_MANAGED_POLICIES} managed policies of 6,144 characters (IAM quotas); split the role`);
    }
    const policy = new iam.ManagedPolicy(this, `Permissions${this.permissionPolicies.length + 1}`, {
      description: `Permissions of ${this.node.path}`,
      roles: [this],
    });
    const entry = { policy, chars, acknowledged: new Set<string>() };
    this.permissionPolicies.push(entry);
    return entry;
  }

}

/** `<rule id> at <construct path>` for each FortressChecks error on the resources rendered under `scope`. */
function fortressErrorsUnder(scope: IConstruct): string[] {
  try {
    return new FortressChecks().validateScope(scope).violations
      .filter((v) => v.severity !== 'warning')
      .flatMap((v) => v.violatingResources.map((r) => `${v.ruleName} at ${r.constructPath}`));
  } catch {
    return [];
  }
}


/** {@link renderedProperties}, or undefined for a resource of another stack whose cross-stack references are not prepared yet. */
function renderedOrUndefined(cfn: iam.CfnManagedPolicy | iam.CfnPolicy): any {
  try {
    return renderedProperties(cfn);
  } catch (e) {
    if (FortressErrors.isFortressError(e)) throw e;
    return undefined;
  }
}

/** The name (with path) of an AWS managed policy, or undefined for a customer-managed one. */
function awsManagedPolicyName(scope: IConstruct, policy: iam.IManagedPolicy): string | undefined {
  const arn = JSON.stringify(Stack.of(scope).resolve(policy.managedPolicyArn));
  const match = /:iam::aws:policy\/([^"]+)"/.exec(arn);
  return match?.[1];
}

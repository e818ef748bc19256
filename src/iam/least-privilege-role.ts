import { Duration, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { flattenCfnReference } from 'cdk-nag/lib/utils/flatten-cfn-reference';
import { Construct, IConstruct } from 'constructs';
import { describeStatement, statementProblem } from './statement-checks';
import { conditionedTrust } from './trust';
import { Acknowledgments, assertExplainingReason } from '../core/acknowledgments';
import { FortressError } from '../core/fortress-error';
import { CDK_GRANT_ACTION_FAMILIES, DEFAULT_BOUNDARY_METADATA, isAdminOrFullAccessPolicy } from '../core/permissions';
import { pathOf, PropChecks } from '../core/prop-checks';

/**
 * An action that AWS offers no resource-level permission for, so a statement
 * allowing it must use `Resource: "*"`.
 */
export interface NoResourceLevelAction {
  /** The action, e.g. `ec2:DescribeInstances` or `xray:PutTraceSegments`. */
  readonly action: string;
  /** Why `*` is the narrowest resource possible, e.g. a reference to the Service Authorization Reference. */
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
   * Actions AWS offers no resource-level permission for, each with a reason: only
   * these may be allowed on `Resource: "*"`, and the matching `AwsSolutions-IAM5[Resource::*]`
   * finding is acknowledged with these reasons.
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

  constructor(scope: Construct, id: string, props: LeastPrivilegeRoleProps) {
    const path = pathOf(scope, id);
    const check = new PropChecks(path);
    if (props.maxSessionDuration && !props.maxSessionDuration.isUnresolved()) {
      const seconds = props.maxSessionDuration.toSeconds();
      if (seconds < 3600 || seconds > 43200) throw FortressError.invalidProp(path, 'maxSessionDuration', 'must be from 1 to 12 hours', props.maxSessionDuration.toHumanString());
    }
    for (const [i, exception] of (props.noResourceLevelActions ?? []).entries()) {
      check.matches(`noResourceLevelActions[${i}].action`, exception.action, /^[a-z0-9-]+:[A-Za-z0-9]+$/, 'one exact action such as ec2:DescribeInstances, without wildcards');
      assertExplainingReason(path, `noResourceLevelActions[${i}].reason`, exception.reason);
    }
    for (const [i, allowed] of (props.awsManagedPolicies ?? []).entries()) {
      assertExplainingReason(path, `awsManagedPolicies[${i}].reason`, allowed.reason);
      if (isAdminOrFullAccessPolicy(allowed.policyName)) {
        throw FortressError.invalidProp(path, `awsManagedPolicies[${i}]`, 'must not grant administrator or full access (AdministratorAccess, PowerUserAccess, IAMFullAccess, *FullAccess)', allowed.policyName);
      }
    }
    check.matches('externalId', props.externalId, /^[\w+=,.@:/-]{2,1224}$/, '2-1224 characters of letters, digits and +=,.@:/-');

    super(scope, id, {
      assumedBy: conditionedTrust(path, scope, props.assumedBy, props),
      maxSessionDuration: props.maxSessionDuration ?? Duration.hours(1),
      permissionsBoundary: props.permissionsBoundary,
      description: props.description,
    });
    this.initialize();
    props.noResourceLevelActions?.forEach((e) => this.noResourceLevel.set(e.action.toLowerCase(), e.reason.trim()));
    for (const allowed of props.awsManagedPolicies ?? []) {
      this.allowedAwsManaged.set(allowed.policyName, allowed.reason);
      this.addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName(allowed.policyName));
    }
    (props.managedPolicies ?? []).forEach((p) => this.addManagedPolicy(p));
    (props.statements ?? []).forEach((s) => this.addToPrincipalPolicy(s));
    this.node.addValidation({ validate: () => this.recheck() });
  }

  public addToPrincipalPolicy(statement: iam.PolicyStatement): iam.AddToPrincipalPolicyResult {
    this.initialize();
    this.refuseIfProblem(statement);
    const entry = this.policyWithRoomFor(statement);
    entry.policy.addStatements(statement);
    this.statements.push(statement);
    this.acknowledgeWildcards(entry, statement);
    return { statementAdded: true, policyDependable: entry.policy };
  }

  public addManagedPolicy(policy: iam.IManagedPolicy): void {
    this.initialize();
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
   * Statements can be changed after they were added: check them all again at synthesis, with the
   * statements of customer-managed policies attached to the role, and the IAM quota of attached policies.
   */
  private recheck(): string[] {
    this.statements.forEach((s) => this.refuseIfProblem(s));
    for (const policy of this.attachedManagedPolicies.filter((p): p is iam.ManagedPolicy => p instanceof iam.ManagedPolicy)) {
      const document = Stack.of(this).resolve(policy.document.toJSON());
      [document?.Statement ?? []].flat().forEach((json: any) => this.refuseIfProblem(iam.PolicyStatement.fromJson(json)));
    }
    const attached = this.permissionPolicies.length + this.attachedManagedPolicies.length;
    if (attached > MAX_MANAGED_POLICIES) {
      throw FortressError.invalidProp(this, 'permissions', `must fit in ${MAX_MANAGED_POLICIES} managed policies (IAM quota); the role has ${attached}`);
    }
    return [];
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

  /**
   * Acknowledges the AwsSolutions-IAM5 findings this statement raises that are least
   * privilege already: aws-cdk-lib grant action families, object-level resources under a
   * named resource (`<arn>/*`), and `*` for actions declared without resource-level permissions.
   */
  private acknowledgeWildcards(entry: { policy: iam.ManagedPolicy; acknowledged: Set<string> }, statement: iam.PolicyStatement): void {
    const json = Stack.of(this).resolve(statement.toStatementJson());
    if (json.Effect === 'Deny') return;
    const acknowledge = (finding: string, reason: string) => {
      const id = `AwsSolutions-IAM5[${finding}]`;
      if (entry.acknowledged.has(id)) return;
      entry.acknowledged.add(id);
      Acknowledgments.acknowledge(entry.policy, id, reason);
    };
    const actions: string[] = [json.Action ?? []].flat();
    for (const action of actions.filter((a) => a.includes('*') && CDK_GRANT_ACTION_FAMILIES.has(a))) {
      acknowledge(`Action::${action}`, `${action} is an aws-cdk-lib grant action family (one resource type's related actions), scoped to the resources named in the statement.`);
    }
    for (const resource of [json.Resource ?? []].flat().map(flattenCfnReference)) {
      if (resource === '*') {
        const reasons = actions.map((a) => `${a}: ${this.noResourceLevel.get(a.toLowerCase())}`).join(' ');
        acknowledge('Resource::*', `Declared in noResourceLevelActions: ${reasons}`);
      } else if (/^<[^>]+\.Arn>\/(index\/)?\*$/.test(resource) || /^arn:[a-z-]+:s3:::[^/*]+\/\*$/.test(resource)) {
        acknowledge(`Resource::${resource}`, 'Object-level actions are scoped to one named resource\'s objects or indexes (<ARN>/*), the narrowest ARN the service accepts.');
      }
    }
  }
}

/** The name (with path) of an AWS managed policy, or undefined for a customer-managed one. */
function awsManagedPolicyName(scope: IConstruct, policy: iam.IManagedPolicy): string | undefined {
  const arn = JSON.stringify(Stack.of(scope).resolve(policy.managedPolicyArn));
  const match = /:iam::aws:policy\/([^"]+)"/.exec(arn);
  return match?.[1];
}

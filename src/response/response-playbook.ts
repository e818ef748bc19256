import * as path from 'path';
import { Duration, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cwActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as securityhub from 'aws-cdk-lib/aws-securityhub';
import { Construct } from 'constructs';
import { FindingsDestination } from './findings-destination';
import { Acknowledgments } from '../core/acknowledgments';
import { propsOf } from '../core/construct-args';
import { FortressError } from '../core/fortress-error';
import { pathOf } from '../core/prop-checks';
import { NoResourceLevelAction } from '../iam/least-privilege-role';
import { SecureFunction } from '../lambda/secure-function';
import { SecurityNotificationsTopic } from '../monitoring/security-notifications-topic';
import { undeliveredAlertsQueue } from '../monitoring/undelivered-alerts-queue';

/** What a playbook's role may do: statements on named resource patterns, plus actions AWS scopes to no resource. */
interface PlaybookPermissions {
  readonly statements: iam.PolicyStatement[];
  readonly noResourceLevelActions: NoResourceLevelAction[];
  /** Why each resource pattern is a wildcard (acknowledged on the role's policy as AwsSolutions-IAM5 findings). */
  readonly wildcardReasons: Array<{ resource: string; reason: string }>;
  /**
   * Why an action FortressChecks counts as administrator-equivalent may act on every resource of its type
   * (acknowledged as Fortress-IAMPolicyNoAdminActionsOnWildcard on the policy that holds it).
   */
  readonly adminEquivalent?: { action: string; reason: string };
}

const EC2_DESCRIBE_REASON = 'EC2 Describe actions support no resource-level permissions (Service Authorization Reference, '
  + 'https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonec2.html); the playbook reads the instance and finds the quarantine group with them.';

/**
 * A response playbook of the catalogue: the handler it runs (compiled with the package, in `lib/response/handlers`) and
 * the least privilege it needs. Every action is listed by name; where the affected resource is only known from the
 * finding at run time, the resource is every resource of that type in this account (and region), as narrow as AWS allows.
 */
export class PlaybookAction {
  /**
   * Isolate an EC2 instance: move its network interfaces to the VPC's `fortress-quarantine` security group (created on first
   * use, no ingress, default egress revoked), snapshot its EBS volumes, tag it. Triggered by GuardDuty or Security Hub findings
   * naming an instance. Existing tracked connections may survive the swap until they close
   * (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/security-group-connection-tracking.html).
   */
  public static readonly ISOLATE_EC2_INSTANCE = new PlaybookAction('ISOLATE_EC2_INSTANCE', 'isolate-ec2-instance', 'Isolate instance', (stack) => {
    const arn = (resource: string, account = stack.account) => `arn:${stack.partition}:ec2:${stack.region}:${account}:${resource}`;
    const instances = arn('instance/*');
    const interfaces = arn('network-interface/*');
    const groups = arn('security-group/*');
    const vpcs = arn('vpc/*');
    const volumes = arn('volume/*');
    const snapshots = arn('snapshot/*', '');
    const why = 'the instance, its interfaces, volumes and VPC are known only from the finding at run time; the role acts only in this account and region';
    return {
      noResourceLevelActions: [{ actions: ['ec2:DescribeInstances', 'ec2:DescribeSecurityGroups'], reason: EC2_DESCRIBE_REASON }],
      statements: [
        new iam.PolicyStatement({ actions: ['ec2:CreateSecurityGroup'], resources: [vpcs, groups] }),
        // Only the quarantine group: the one the playbook tagged when it created it.
        new iam.PolicyStatement({ actions: ['ec2:RevokeSecurityGroupEgress'], resources: [groups], conditions: { StringEquals: { 'aws:ResourceTag/fortress:quarantine': 'true' } } }),
        new iam.PolicyStatement({ actions: ['ec2:ModifyNetworkInterfaceAttribute'], resources: [interfaces, instances, groups, vpcs] }),
        new iam.PolicyStatement({ actions: ['ec2:CreateSnapshot'], resources: [volumes, snapshots] }),
        new iam.PolicyStatement({ actions: ['ec2:CreateTags'], resources: [instances] }),
        // Tags on creation only (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/supported-iam-actions-tagging.html).
        new iam.PolicyStatement({
          actions: ['ec2:CreateTags'], resources: [snapshots, groups], conditions: { StringEquals: { 'ec2:CreateAction': ['CreateSnapshot', 'CreateSecurityGroup'] } },
        }),
      ],
      wildcardReasons: [instances, interfaces, groups, vpcs, volumes, snapshots].map((resource) => ({ resource, reason: why })),
    };
  });

  /**
   * Deactivate (not delete) an IAM user access key a GuardDuty or Security Hub finding reports as exposed. Needs
   * `iam:UpdateAccessKey` on the account's users.
   */
  public static readonly DEACTIVATE_ACCESS_KEY = new PlaybookAction('DEACTIVATE_ACCESS_KEY', 'deactivate-access-key', 'Deactivate key', (stack) => {
    const users = `arn:${stack.partition}:iam::${stack.account}:user/*`;
    return {
      noResourceLevelActions: [],
      statements: [new iam.PolicyStatement({ actions: ['iam:UpdateAccessKey'], resources: [users] })],
      wildcardReasons: [{ resource: users, reason: 'the exposed key\'s user is known only from the finding at run time; the role may only change access key status, and only in this account' }],
    };
  });

  /**
   * Revoke the active sessions of a role: an inline `AWSRevokeOlderSessions` policy denying everything to sessions issued
   * before now (`aws:TokenIssueTime`), the policy IAM documents
   * (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_revoke-sessions.html). Needs `iam:PutRolePolicy` on the
   * account's roles, limited to that one policy name is not possible (IAM has no condition key for it): the handler writes
   * only that policy, and the function's own role is excluded by an explicit deny.
   */
  public static readonly REVOKE_ROLE_SESSIONS = new PlaybookAction('REVOKE_ROLE_SESSIONS', 'revoke-role-sessions', 'Revoke sessions', (stack) => {
    const roles = `arn:${stack.partition}:iam::${stack.account}:role/*`;
    return {
      noResourceLevelActions: [],
      statements: [new iam.PolicyStatement({ actions: ['iam:PutRolePolicy'], resources: [roles] })],
      wildcardReasons: [{
        resource: roles,
        reason: 'the role whose sessions to revoke is known only from the finding at run time; the handler only writes IAM\'s documented deny-older-sessions policy, '
          + 'and its own role is excluded by an explicit deny',
      }],
      adminEquivalent: {
        action: 'iam:PutRolePolicy',
        reason: 'Revoking a compromised role\'s sessions is an inline deny policy on that role, known only from the finding at run time, and IAM has no condition key '
          + 'on the policy content: the packaged handler writes only IAM\'s documented AWSRevokeOlderSessions deny, only EventBridge rules of this account invoke it, '
          + 'its own role is excluded by an explicit deny, and denyStatements can exclude more roles.',
      },
    };
  });

  /** Re-apply all four S3 Block Public Access settings to a bucket a finding names (Security Hub, GuardDuty, Macie, IAM Access Analyzer). */
  public static readonly BLOCK_BUCKET_PUBLIC_ACCESS = new PlaybookAction('BLOCK_BUCKET_PUBLIC_ACCESS', 'block-bucket-public-access', 'Block public access', (stack) => {
    const buckets = `arn:${stack.partition}:s3:::*`;
    return {
      noResourceLevelActions: [],
      // s3:ResourceAccount keeps it to this account's buckets (https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucket-policies.html).
      statements: [new iam.PolicyStatement({ actions: ['s3:PutBucketPublicAccessBlock'], resources: [buckets], conditions: { StringEquals: { 's3:ResourceAccount': stack.account } } })],
      wildcardReasons: [{ resource: buckets, reason: 'the bucket is known only from the finding at run time; bucket ARNs name no account, so s3:ResourceAccount limits it to this account\'s buckets' }],
      adminEquivalent: {
        action: 's3:PutBucketPublicAccessBlock',
        reason: 'Re-applying Block Public Access needs this action on the bucket a finding names at run time; the packaged handler only ever sets all four settings to true '
          + '(it can block, never unblock), only EventBridge rules of this account invoke it, and s3:ResourceAccount limits it to this account\'s buckets.',
      },
    };
  });

  /** The whole catalogue. */
  public static all(): PlaybookAction[] {
    return [
      PlaybookAction.ISOLATE_EC2_INSTANCE, PlaybookAction.DEACTIVATE_ACCESS_KEY,
      PlaybookAction.REVOKE_ROLE_SESSIONS, PlaybookAction.BLOCK_BUCKET_PUBLIC_ACCESS,
    ];
  }

  /**
   * @param name the constant's name
   * @param handlerModule the handler's module in `handlers/` (without extension)
   * @param actionName the Security Hub custom action's name (at most 20 characters)
   */
  private constructor(
    public readonly name: string,
    public readonly handlerModule: string,
    public readonly actionName: string,
    private readonly permissionsOf: (stack: Stack) => PlaybookPermissions,
  ) {}

  /** Every IAM action the playbook's handler calls, sorted. */
  public get actions(): string[] {
    const p = this.permissionsOf(new Stack());
    return [...new Set([...p.noResourceLevelActions.flatMap((n) => n.actions ?? [n.action!]), ...p.statements.flatMap((s) => s.actions)])].sort();
  }

  /** @internal */
  public _permissions(stack: Stack): PlaybookPermissions {
    return this.permissionsOf(stack);
  }
}

/**
 * Properties of a {@link ResponsePlaybook}.
 */
export interface ResponsePlaybookProps {
  /** The playbook to run, from the catalogue. */
  readonly action: PlaybookAction;

  /**
   * Dry run: the handler only logs what it would do (and reads what it must, e.g. DescribeInstances). Set `false` to
   * let it act, once you have read its logs for real findings. The function's `DRY_RUN` variable holds it.
   *
   * @default true
   */
  readonly dryRun?: boolean;

  /**
   * Create a Security Hub custom action (`AWS::SecurityHub::ActionTarget`) and a rule that runs the playbook on the
   * findings a person sends to it. Security Hub must be enabled in the account and region.
   *
   * @default false
   */
  readonly securityHubCustomAction?: boolean;

  /**
   * Deny statements that narrow what the playbook may do (e.g. leave production roles alone). Allow statements are
   * refused: the playbook already has exactly what its handler calls.
   *
   * @default - none
   */
  readonly denyStatements?: iam.PolicyStatement[];

  /**
   * The Node.js runtime: NODEJS_22_X or NODEJS_24_X (both ship the AWS SDK v3 the handlers import).
   *
   * @default lambda.Runtime.NODEJS_24_X
   */
  readonly runtime?: lambda.Runtime;
}

/**
 * A response playbook from the catalogue ({@link PlaybookAction}), run by a SecureFunction with only the permissions its
 * handler needs, in dry run until you set `dryRun: false`. Trigger it from a {@link FindingsRouter} route
 * (`FindingsDestination.lambdaFunction(playbook.handlerFunction)` or `playbook.destination`) or from a Security Hub custom
 * action (`securityHubCustomAction: true`).
 *
 * @example
 * const isolate = new ResponsePlaybook(this, 'Isolate', { action: PlaybookAction.ISOLATE_EC2_INSTANCE });
 * new FindingsRouter(this, 'Findings', {
 *   routes: [{ name: 'Isolate', minimumSeverity: FindingSeverity.HIGH, sources: [FindingSource.GUARDDUTY], destination: isolate.destination }],
 * });
 */
export class ResponsePlaybook extends Construct {
  /** The function that runs the playbook. */
  public readonly handlerFunction: SecureFunction;
  /** Whether the playbook only logs what it would do. */
  public readonly dryRun: boolean;
  /** The Security Hub custom action, when `securityHubCustomAction` is set. */
  public readonly actionTarget?: securityhub.CfnActionTarget;

  constructor(scope: Construct, id: string, props: ResponsePlaybookProps) {
    const p = propsOf(scope, id, props);
    validate(pathOf(scope, id), p);
    super(scope, id);
    const stack = Stack.of(this);
    this.dryRun = p.dryRun ?? true;
    const permissions = p.action._permissions(stack);
    const fn = new SecureFunction(this, 'Function', {
      runtime: p.runtime ?? lambda.Runtime.NODEJS_24_X,
      handler: `${p.action.handlerModule}.handler`,
      // The handlers compile with the package into lib/response/handlers (JavaScript); the TypeScript sources are left out.
      code: lambda.Code.fromAsset(path.join(__dirname, 'handlers'), { exclude: ['*.ts', '*.map'] }),
      description: `cdk-fortress response playbook ${p.action.name}${this.dryRun ? ' (dry run)' : ''}`,
      timeout: Duration.minutes(5),
      environment: { DRY_RUN: String(this.dryRun), ACCOUNT_ID: stack.account },
      reservedConcurrentExecutions: 5,
    });
    for (const n of permissions.noResourceLevelActions) {
      fn.leastPrivilegeRole.allowNoResourceLevelActions(n);
      fn.leastPrivilegeRole.addToPolicy(new iam.PolicyStatement({ actions: n.actions ?? [n.action!], resources: ['*'] }));
    }
    // An action FortressChecks counts as administrator-equivalent goes into a policy of its own, so that its
    // acknowledgment covers that statement only, never what an escape hatch might add to the role's other policy.
    const admin = permissions.adminEquivalent?.action;
    const isAdmin = (s: iam.PolicyStatement) => admin !== undefined && s.actions.includes(admin);
    permissions.statements.filter((s) => !isAdmin(s)).forEach((s) => fn.addToRolePolicy(s));
    const adminStatements = permissions.statements.filter(isAdmin);
    if (adminStatements.length > 0) {
      new iam.ManagedPolicy(this, 'ResponsePolicy', {
        description: `The ${p.action.name} playbook's ${admin} permission (${this.node.path})`,
        statements: adminStatements,
        roles: [fn.leastPrivilegeRole],
      });
    }
    if (p.action === PlaybookAction.REVOKE_ROLE_SESSIONS) {
      // Never its own role: a compromised finding must not lock the responder out.
      fn.addToRolePolicy(new iam.PolicyStatement({ effect: iam.Effect.DENY, actions: ['iam:PutRolePolicy'], resources: [fn.leastPrivilegeRole.roleArn] }));
    }
    (p.denyStatements ?? []).forEach((s) => fn.addToRolePolicy(s));
    this.acknowledgeWildcards(fn, permissions);
    this.handlerFunction = fn;
    if (p.securityHubCustomAction) this.actionTarget = this.customAction(p.action);
  }

  /** This playbook as a FindingsRouter destination. */
  public get destination(): FindingsDestination {
    return FindingsDestination.lambdaFunction(this.handlerFunction);
  }

  private acknowledgeWildcards(fn: SecureFunction, permissions: PlaybookPermissions): void {
    const role = fn.leastPrivilegeRole;
    const policies = [...this.node.findAll(), ...role.node.findAll()].filter((c): c is iam.ManagedPolicy => c instanceof iam.ManagedPolicy)
      .filter((c, i, all) => all.indexOf(c) === i);
    for (const { resource, reason } of permissions.wildcardReasons) {
      const needle = JSON.stringify(Stack.of(this).resolve(resource));
      const policy = policies.find((c) => JSON.stringify(Stack.of(this).resolve(c.document.toJSON())).includes(needle)) ?? role;
      Acknowledgments.acknowledgeFinding(policy, 'AwsSolutions-IAM5', `Resource::${resource}`, reason);
    }
    if (permissions.adminEquivalent) {
      const { action, reason } = permissions.adminEquivalent;
      const policy = policies.find((c) => c.node.id === 'ResponsePolicy' && JSON.stringify(c.document.toJSON()).includes(`"${action}"`)) ?? role;
      Acknowledgments.acknowledge(policy, 'Fortress-IAMPolicyNoAdminActionsOnWildcard', reason);
    }
  }

  /** The custom action and the rule that sends its findings to the function (with DLQ and failed-invocations alarm). */
  private customAction(action: PlaybookAction): securityhub.CfnActionTarget {
    const target = new securityhub.CfnActionTarget(this, 'CustomAction', {
      name: action.actionName,
      id: action.name.replace(/[^A-Za-z0-9]/g, '').slice(0, 20),
      description: `Runs the cdk-fortress ${action.name} playbook on the selected findings${this.dryRun ? ' (dry run: logs only)' : ''}`,
    });
    Acknowledgments.acknowledge(target, 'CloudFormation-Validate::F3006',
      'AWS::SecurityHub::ActionTarget is a CloudFormation resource type (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/'
      + 'aws-resource-securityhub-actiontarget.html) missing from the validator\'s resource specification, so this finding is a false positive.');
    const rule = new events.CfnRule(this, 'CustomActionRule', {
      description: `Security Hub custom action ${action.actionName} to ${this.handlerFunction.node.path}`,
      eventPattern: { 'source': ['aws.securityhub'], 'detail-type': ['Security Hub Findings - Custom Action'], 'resources': [target.attrActionTargetArn] },
      state: 'ENABLED',
    });
    this.destination._bind(this, rule, 'CustomActionRule');
    rule.targets = [{ id: 'Playbook', arn: this.handlerFunction.functionArn, deadLetterConfig: { arn: undeliveredAlertsQueue(this).queueArn } }];
    new cloudwatch.Alarm(this, 'CustomActionRuleFailedInvocations', {
      alarmDescription: `EventBridge could not run ${this.node.path} for a Security Hub custom action`,
      metric: new cloudwatch.Metric({ namespace: 'AWS/Events', metricName: 'FailedInvocations', dimensionsMap: { RuleName: rule.ref }, statistic: 'Sum', period: Duration.minutes(5) }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    }).addAlarmAction(new cwActions.SnsAction(SecurityNotificationsTopic.of(this)));
    return target;
  }
}

/** Refuses invalid props before any resource exists. */
function validate(where: string, p: ResponsePlaybookProps): void {
  if (p === undefined || p === null) throw FortressError.invalidProp(where, 'props', 'are required: at least { action }', p);
  if (!PlaybookAction.all().includes(p.action)) {
    throw FortressError.invalidProp(where, 'action', `must be a PlaybookAction (${PlaybookAction.all().map((a) => a.name).join(', ')})`, p.action);
  }
  if (p.dryRun !== undefined && typeof p.dryRun !== 'boolean') throw FortressError.invalidProp(where, 'dryRun', 'must be true or false', p.dryRun);
  if (p.securityHubCustomAction !== undefined && typeof p.securityHubCustomAction !== 'boolean') {
    throw FortressError.invalidProp(where, 'securityHubCustomAction', 'must be true or false', p.securityHubCustomAction);
  }
  if (p.runtime !== undefined && p.runtime !== lambda.Runtime.NODEJS_22_X && p.runtime !== lambda.Runtime.NODEJS_24_X) {
    throw FortressError.invalidProp(where, 'runtime', 'must be lambda.Runtime.NODEJS_22_X or NODEJS_24_X (the handlers are Node.js and use the runtime\'s AWS SDK v3)',
      (p.runtime as any)?.name ?? p.runtime);
  }
  if (p.denyStatements !== undefined) {
    if (!Array.isArray(p.denyStatements)) throw FortressError.invalidProp(where, 'denyStatements', 'must be a list of iam.PolicyStatement');
    p.denyStatements.forEach((s, i) => {
      if (!(s instanceof iam.PolicyStatement)) throw FortressError.invalidProp(where, `denyStatements[${i}]`, 'must be an iam.PolicyStatement', s);
      if (s.effect !== iam.Effect.DENY) {
        throw FortressError.invalidProp(where, `denyStatements[${i}]`,
          `must be a Deny: the playbook already has exactly what its handler calls (${p.action.actions.join(', ')}), and granting more is refused`, s.actions.join(', '));
      }
    });
  }
}

import { Arn, ArnFormat, Aspects, CfnResource, Duration, IAspect, Names, Stack, Token, Validations } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct, IConstruct } from 'constructs';
import { SecureBackupVault } from './secure-backup-vault';
import { unqualifiedRuleId } from '../core/acknowledgment-ids';
import { Acknowledgments } from '../core/acknowledgments';
import { propsOf } from '../core/construct-args';
import { groupRuleIds } from '../core/deferred-acknowledgments';
import { FortressError } from '../core/fortress-error';
import { pathOf, PropChecks } from '../core/prop-checks';
import { renderedProperties } from '../core/rendered';
import { RuleGroup } from '../core/rule-group';

/** AWS Backup lifecycle bounds (days). https://docs.aws.amazon.com/aws-backup/latest/devguide/API_Lifecycle.html */
const MAX_RETENTION_DAYS = 36_500;
const SHARED_PLAN_ID = 'FortressBackupPlan';
/** The lock minimum of the vault a plan creates (and SecureBackupVault's default). */
const DEFAULT_VAULT_MIN_RETENTION = Duration.days(7);

/**
 * Properties of a {@link SecureBackupPlan}. Every prop is optional: the defaults are compliant.
 */
export interface SecureBackupPlanProps {
  /**
   * The plan's name.
   *
   * @default - generated from the construct path
   */
  readonly backupPlanName?: string;

  /**
   * The vault recovery points go to. Its Vault Lock must admit the rules' retentions.
   *
   * @default - a SecureBackupVault created for the plan (`<plan>/Vault`)
   */
  readonly vault?: SecureBackupVault;

  /**
   * How long daily recovery points are kept: 1 to 36500 days, at least the vault's minimum retention.
   *
   * @default Duration.days(35) (storage billed per GB-month)
   */
  readonly dailyRetention?: Duration;

  /**
   * How long monthly recovery points are kept: 1 to 36500 days, at most the vault's maximum retention.
   *
   * @default Duration.days(365) (storage billed per GB-month)
   */
  readonly monthlyRetention?: Duration;

  /**
   * A vault in another region or account that every recovery point is copied to, kept as long as the original
   * (`arn:<partition>:backup:<region>:<account>:backup-vault:<name>`). A vault of another account must allow
   * `backup:CopyIntoBackupVault` from this account in its access policy, and cross-account backup must be
   * enabled in AWS Organizations.
   *
   * @default - no copy (cross-region and cross-account copies are billed per GB transferred and stored)
   * @see https://docs.aws.amazon.com/aws-backup/latest/devguide/recov-point-create-a-copy.html
   */
  readonly copyTargetVaultArn?: string;

  /**
   * Restore testing: AWS Backup restores the latest recovery point of each selected resource on the schedule,
   * validates it and deletes the restored copy (an `AWS::Backup::RestoreTestingPlan` and one selection per resource type).
   *
   * @default false (restored resources are billed while they exist)
   * @see https://docs.aws.amazon.com/aws-backup/latest/devguide/restore-testing.html
   */
  readonly restoreTesting?: boolean;

  /**
   * When restore tests run. Requires `restoreTesting`.
   *
   * @default - every Saturday at 06:00 UTC
   */
  readonly restoreTestingSchedule?: events.Schedule;

  /**
   * Select the stack's stateful resources automatically, by CloudFormation type when the app synthesizes:
   * DynamoDB tables and global tables, RDS DB instances (not Aurora members: their cluster is selected) and
   * DB clusters, EBS volumes, EFS file systems (and versioned S3 buckets with `includeBuckets`). One plan per stack
   * may do this.
   *
   * @default true
   */
  readonly selectStackResources?: boolean;

  /**
   * Include the stack's versioned S3 buckets in the automatic selection (AWS Backup for S3 needs versioning and
   * keeps its own continuous backup). No compliance pack requires it.
   *
   * @default false (S3 backup storage is billed per GB-month on top of the bucket's)
   */
  readonly includeBuckets?: boolean;
}

/**
 * A backup plan for a stack's data: daily recovery points kept 35 days and monthly ones kept a year, in a locked,
 * encrypted {@link SecureBackupVault}, with the stack's stateful resources selected automatically, so the packs'
 * "in backup plan" rules pass without hand-written selections. `SecureBackupPlan.of(stack)` is the stack's shared plan.
 *
 * @example
 * declare const stack: Stack;
 * const plan = SecureBackupPlan.of(stack);            // selects the stack's tables, databases, volumes, file systems
 */
export class SecureBackupPlan extends Construct {
  /**
   * The stack's shared plan: the stack's automatically selecting SecureBackupPlan if one exists, else one created
   * with default settings (`<stack>/FortressBackupPlan`).
   */
  public static of(scope: IConstruct): SecureBackupPlan {
    const stack = Stack.of(scope);
    const existing = stack.node.findAll()
      .find((c): c is SecureBackupPlan => c instanceof SecureBackupPlan && Stack.of(c) === stack && c.selectsStackResources);
    return existing ?? new SecureBackupPlan(stack, SHARED_PLAN_ID);
  }

  /** The vault recovery points go to. */
  public readonly vault: SecureBackupVault;
  /** The AWS Backup plan. */
  public readonly plan: backup.BackupPlan;
  /** The role AWS Backup assumes to back up (and, with restore testing, restore) the selected resources. */
  public readonly role: iam.Role;
  /** Whether the plan selects the stack's stateful resources by type. */
  public readonly selectsStackResources: boolean;
  /** The restore-testing plan, when `restoreTesting` is on. */
  public readonly restoreTestingPlan?: backup.CfnRestoreTestingPlan;

  private readonly includeBuckets: boolean;
  private readonly extraResources: string[] = [];
  private selected = false;

  constructor(scope: Construct, id: string, props: SecureBackupPlanProps = {}) {
    const p = propsOf(scope, id, props);
    const path = pathOf(scope, id);
    validate(path, p);
    const stack = Stack.of(scope);
    const selectsStackResources = p.selectStackResources ?? true;
    if (selectsStackResources) {
      const other = stack.node.findAll().find((c) => c instanceof SecureBackupPlan && Stack.of(c) === stack && c.selectsStackResources);
      if (other) {
        throw FortressError.invalidProp(path, 'selectStackResources',
          `must be false: ${other.node.path} already selects this stack's resources (use SecureBackupPlan.of(stack), or addResource on a second plan)`);
      }
    }
    if (p.copyTargetVaultArn !== undefined && isSameRegionAndAccount(stack, p.copyTargetVaultArn)) {
      throw FortressError.invalidProp(path, 'copyTargetVaultArn', 'must be a vault in another region or another account (a copy next to the original protects against nothing)', p.copyTargetVaultArn);
    }
    const daily = p.dailyRetention ?? Duration.days(35);
    const monthly = p.monthlyRetention ?? Duration.days(365);
    const lockMin = p.vault?.minRetention ?? DEFAULT_VAULT_MIN_RETENTION;
    checkAgainstLock(path, lockMin, p.vault?.maxRetention, 'dailyRetention', daily);
    checkAgainstLock(path, lockMin, p.vault?.maxRetention, 'monthlyRetention', monthly);
    super(scope, id);
    this.selectsStackResources = selectsStackResources;
    this.includeBuckets = p.includeBuckets ?? false;
    this.vault = p.vault ?? new SecureBackupVault(this, 'Vault', { minRetention: DEFAULT_VAULT_MIN_RETENTION });
    const copyTarget = p.copyTargetVaultArn === undefined ? undefined : backup.BackupVault.fromBackupVaultArn(this, 'CopyTarget', p.copyTargetVaultArn);
    const copy = (deleteAfter: Duration) => (copyTarget ? [{ destinationBackupVault: copyTarget, deleteAfter }] : undefined);

    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('backup.amazonaws.com'),
      description: `AWS Backup role of ${this.node.path}: backs up${p.restoreTesting ? ' and test-restores' : ''} the plan's selected resources.`,
    });
    // AWS Backup needs per-service permissions (snapshots, DynamoDB backups, EFS, KMS grants for encrypted resources)
    // that AWS maintains as the managed policies it documents for custom backup roles.
    // https://docs.aws.amazon.com/aws-backup/latest/devguide/iam-service-roles.html
    const managed = ['AWSBackupServiceRolePolicyForBackup', ...(p.restoreTesting ? ['AWSBackupServiceRolePolicyForRestores'] : [])];
    if (this.includeBuckets) managed.push('AWSBackupServiceRolePolicyForS3Backup', ...(p.restoreTesting ? ['AWSBackupServiceRolePolicyForS3Restore'] : []));
    for (const name of managed) {
      const policy = iam.ManagedPolicy.fromAwsManagedPolicyName(`service-role/${name}`);
      this.role.addManagedPolicy(policy);
      Acknowledgments.acknowledgeFinding(this.role, 'AwsSolutions-IAM4', `Policy::${policy.managedPolicyArn}`,
        `${name} is the policy AWS documents for AWS Backup service roles: it holds the per-service backup and restore `
        + 'permissions AWS keeps current as services are added, scoped by AWS to backup-related actions and KMS grants for AWS resources.');
    }

    Acknowledgments.acknowledge(this.role, 'Fortress-IAMRoleServiceTrustConfusedDeputy',
      'AWS Backup assumes this role only where it was passed to it (iam:PassRole in this account\'s backup and restore-testing '
      + 'selections); a passed role cannot be used on another account\'s resources, the reason the rule exempts Lambda and EC2.');

    this.plan = new backup.BackupPlan(this, 'Plan', {
      backupPlanName: p.backupPlanName ?? Names.uniqueResourceName(this, { maxLength: 50 }),
      backupVault: this.vault,
      backupPlanRules: [
        new backup.BackupPlanRule({
          ruleName: 'Daily', scheduleExpression: events.Schedule.cron({ minute: '0', hour: '5' }), deleteAfter: daily, copyActions: copy(daily),
        }),
        new backup.BackupPlanRule({
          ruleName: 'Monthly', scheduleExpression: events.Schedule.cron({ minute: '0', hour: '5', day: '1' }), deleteAfter: monthly, copyActions: copy(monthly),
        }),
      ],
    });

    if (p.restoreTesting) {
      this.restoreTestingPlan = new backup.CfnRestoreTestingPlan(this, 'RestoreTestingPlan', {
        restoreTestingPlanName: Names.uniqueResourceName(this, { maxLength: 50, separator: '_' }),
        scheduleExpression: (p.restoreTestingSchedule ?? events.Schedule.cron({ minute: '0', hour: '6', weekDay: 'SAT' })).expressionString,
        startWindowHours: 24,
        recoveryPointSelection: {
          algorithm: 'LATEST_WITHIN_WINDOW',
          includeVaults: [this.vault.backupVaultArn],
          recoveryPointTypes: ['SNAPSHOT'],
          selectionWindowDays: 7,
        },
      });
    }
    // The stack's resources are known only once every construct exists: the selection is made by an aspect,
    // before validation, so the packs (which run after) see it.
    Aspects.of(this).add(new SelectionAspect(this));
  }

  /**
   * Adds a resource to the plan's selection by ARN (e.g. a table of another stack, or any resource of a plan that
   * does not select its stack's resources).
   */
  public addResource(arn: string): void {
    new PropChecks(this).satisfies('addResource', arn, (a) => /^arn:[a-z-]+:[a-z0-9-]+:/.test(a), 'a resource ARN');
    this.extraResources.push(arn);
  }

  /** @internal builds the selections once, at synthesis. */
  public _select(): void {
    if (this.selected) return;
    this.selected = true;
    const found = this.selectsStackResources ? selectableResources(this, this.includeBuckets) : [];
    const arns = [...found.map((f) => f.arn), ...this.extraResources];
    if (arns.length === 0) return;
    new backup.CfnBackupSelection(this, 'Selection', {
      backupPlanId: this.plan.backupPlanId,
      backupSelection: {
        selectionName: Names.uniqueResourceName(this, { maxLength: 50 }),
        iamRoleArn: this.role.roleArn,
        resources: arns,
      },
    });
    if (!this.restoreTestingPlan) return;
    const byType = new Map<string, string[]>();
    for (const f of found) byType.set(f.restoreType, [...(byType.get(f.restoreType) ?? []), f.arn]);
    for (const [type, typeArns] of [...byType.entries()].sort()) {
      const selection = new backup.CfnRestoreTestingSelection(this, `RestoreTesting${type}`, {
        restoreTestingPlanName: this.restoreTestingPlan.restoreTestingPlanName,
        restoreTestingSelectionName: type,
        protectedResourceType: type,
        protectedResourceArns: typeArns,
        iamRoleArn: this.role.roleArn,
        validationWindowHours: 1,
      });
      selection.node.addDependency(this.restoreTestingPlan);
    }
  }
}

class SelectionAspect implements IAspect {
  constructor(private readonly plan: SecureBackupPlan) {}
  public visit(node: IConstruct): void {
    if (node === this.plan) this.plan._select();
  }
}

interface SelectableResource {
  readonly arn: string;
  /** The restore-testing `ProtectedResourceType`. */
  readonly restoreType: string;
}

/**
 * The plan's stack's stateful resources AWS Backup protects, judged on what CloudFormation receives (escape hatches
 * included). Aurora DB instances are backed up with their cluster: AWS Backup protects Aurora per cluster, so the
 * instance is not selected and the packs' RDSInBackupPlan rule is acknowledged on it.
 * https://docs.aws.amazon.com/aws-backup/latest/devguide/backup-feature-availability.html
 */
function selectableResources(plan: SecureBackupPlan, includeBuckets: boolean): SelectableResource[] {
  const stack = Stack.of(plan);
  const found: SelectableResource[] = [];
  for (const c of stack.node.findAll()) {
    if (!CfnResource.isCfnResource(c) || c.stack !== stack) continue;
    const r = c as CfnResource;
    switch (r.cfnResourceType) {
      case 'AWS::DynamoDB::Table':
      case 'AWS::DynamoDB::GlobalTable':
        found.push({ arn: r.getAtt('Arn').toString(), restoreType: 'DynamoDB' });
        break;
      case 'AWS::RDS::DBCluster':
        found.push({ arn: r.getAtt('DBClusterArn').toString(), restoreType: isAurora(renderedProperties(r)) ? 'Aurora' : 'RDS' });
        break;
      case 'AWS::RDS::DBInstance': {
        const properties = renderedProperties(r);
        if (properties.DBClusterIdentifier !== undefined || isAurora(properties)) {
          acknowledgeUnlessAcknowledged(r, RuleGroup.RDS_IN_BACKUP_PLAN,
            `This Aurora DB instance is backed up with its cluster: AWS Backup protects Aurora per cluster, and ${plan.node.path} selects the cluster.`);
        } else {
          found.push({ arn: r.getAtt('DBInstanceArn').toString(), restoreType: 'RDS' });
        }
        break;
      }
      case 'AWS::EC2::Volume':
        found.push({ arn: stack.formatArn({ service: 'ec2', resource: 'volume', resourceName: r.ref }), restoreType: 'EBS' });
        break;
      case 'AWS::EFS::FileSystem':
        found.push({ arn: r.getAtt('Arn').toString(), restoreType: 'EFS' });
        break;
      case 'AWS::S3::Bucket':
        if (includeBuckets && renderedProperties(r).VersioningConfiguration?.Status === 'Enabled') {
          found.push({ arn: r.getAtt('Arn').toString(), restoreType: 'S3' });
        }
        break;
      default:
    }
  }
  return found;
}

/**
 * Acknowledges `group` on `resource` at synthesis unless the resource or a construct above it already acknowledges each
 * rule (e.g. SecureDatabaseCluster on its member instances), so no rule is acknowledged twice.
 */
function acknowledgeUnlessAcknowledged(resource: IConstruct, group: RuleGroup, reason: string): void {
  let done = false;
  resource.node.addValidation({
    validate: () => {
      if (done) return [];
      done = true;
      const acknowledged = new Set(resource.node.scopes.flatMap((scope) => scope.node.metadata
        .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY && entry.data)
        .flatMap((entry) => Object.keys(entry.data as Record<string, string>).map(unqualifiedRuleId))));
      for (const id of groupRuleIds(resource, group)) {
        if (!acknowledged.has(id)) Validations.of(resource).acknowledge({ id, reason });
      }
      return [];
    },
  });
}

function isAurora(properties: Record<string, any>): boolean {
  return typeof properties.Engine === 'string' && properties.Engine.startsWith('aurora');
}


/** A retention the vault's lock admits (jobs outside the lock's bounds fail). */
function checkAgainstLock(path: string, min: Duration, max: Duration | undefined, prop: string, retention: Duration): void {
  if (retention.isUnresolved() || min.isUnresolved()) return;
  if (retention.toDays() < min.toDays()) {
    throw FortressError.invalidProp(path, prop, `must be at least the vault lock's minimum retention (${min.toDays()} days): shorter jobs fail`, retention.toHumanString());
  }
  if (max !== undefined && !max.isUnresolved() && retention.toDays() > max.toDays()) {
    throw FortressError.invalidProp(path, prop, `must be at most the vault lock's maximum retention (${max.toDays()} days): longer jobs fail`, retention.toHumanString());
  }
}

/** Refuses invalid or contradictory props before any resource exists. */
function validate(path: string, p: SecureBackupPlanProps): void {
  const check = new PropChecks(path);
  check.matches('backupPlanName', p.backupPlanName, /^[a-zA-Z0-9\-_.]{1,50}$/, "1-50 letters, digits and '-_.'");
  for (const prop of ['dailyRetention', 'monthlyRetention'] as const) {
    const value = p[prop];
    if (value !== undefined && !(value instanceof Duration)) throw FortressError.invalidProp(path, prop, `must be a Duration of 1 to ${MAX_RETENTION_DAYS} days`, value);
    check.durationInDays(prop, value, 1, MAX_RETENTION_DAYS);
  }
  if (p.vault !== undefined && !(p.vault instanceof SecureBackupVault)) {
    throw FortressError.invalidProp(path, 'vault', 'must be a SecureBackupVault (locked, encrypted, deletion denied)');
  }
  if (p.copyTargetVaultArn !== undefined && !Token.isUnresolved(p.copyTargetVaultArn)) {
    check.matches('copyTargetVaultArn', p.copyTargetVaultArn, /^arn:aws[a-z-]*:backup:[a-z0-9-]+:\d{12}:backup-vault:[a-zA-Z0-9\-_.]{2,50}$/,
      'a backup vault ARN (arn:<partition>:backup:<region>:<account>:backup-vault:<name>)');
  }
  check.requires('restoreTestingSchedule', p.restoreTestingSchedule, 'restoreTesting', p.restoreTesting || undefined);
  if (p.restoreTestingSchedule !== undefined && typeof (p.restoreTestingSchedule as any)?.expressionString !== 'string') {
    throw FortressError.invalidProp(path, 'restoreTestingSchedule', 'must be an events.Schedule, e.g. Schedule.cron({ hour: \'6\', minute: \'0\', weekDay: \'SAT\' })');
  }
  for (const prop of ['restoreTesting', 'selectStackResources', 'includeBuckets'] as const) {
    if (p[prop] !== undefined && typeof p[prop] !== 'boolean') throw FortressError.invalidProp(path, prop, 'must be true or false', p[prop]);
  }
  if (p.includeBuckets && p.selectStackResources === false) throw FortressError.invalidProp(path, 'includeBuckets', 'requires selectStackResources (buckets are selected with the stack\'s other resources)');
}

/** Whether `arn` names a vault in the stack's own region and account (no copy off-site). */
function isSameRegionAndAccount(stack: Stack, arn: string): boolean {
  if (Token.isUnresolved(arn) || Token.isUnresolved(stack.region) || Token.isUnresolved(stack.account)) return false;
  const parts = Arn.split(arn, ArnFormat.COLON_RESOURCE_NAME);
  return parts.region === stack.region && parts.account === stack.account;
}

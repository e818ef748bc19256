import { Duration } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { databaseDefaults, hardenDatabase, masterCredentials, rotateMasterSecret } from './database-hardening';
import { validateDatabaseOptions } from './database-validation';
import { CLUSTER_ENGINE_TYPES, engineProfileOf } from './engine-profile';
import { monitoringRoleOf } from './monitoring-role';
import { SecureDatabaseOptions } from './secure-database-options';
import { Acknowledgments } from '../core/acknowledgments';
import { propsOf } from '../core/construct-args';
import { FortressError } from '../core/fortress-error';
import { pathOf, PropChecks } from '../core/prop-checks';
import { RuleGroup } from '../core/rule-group';
import { RestrictedSecurityGroup } from '../ec2/restricted-security-group';
import { SecureLogGroup } from '../logs/secure-log-group';

/** Aurora allows 15 readers per cluster. */
const MAX_READERS = 15;
/** Aurora MySQL backtrack: up to 72 hours. @see https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/AuroraMySQL.Managing.Backtrack.html */
const MAX_BACKTRACK_HOURS = 72;

/**
 * Properties of a {@link SecureDatabaseCluster}: only `vpc` is required.
 */
export interface SecureDatabaseClusterProps extends SecureDatabaseOptions {
  /**
   * The Aurora engine, with a version. Aurora PostgreSQL and Aurora MySQL are accepted.
   *
   * @default - Aurora PostgreSQL 17.9 (`rds.AuroraPostgresEngineVersion.VER_17_9`), see `DEFAULT_AURORA_POSTGRES_VERSION`
   */
  readonly engine?: rds.IClusterEngine;

  /**
   * The instance class of the writer and every reader.
   *
   * @default - db.t4g.medium (about $0.073/hour per instance in us-east-1: writer plus one reader is about $107/month, plus storage and I/O)
   */
  readonly instanceType?: ec2.InstanceType;

  /**
   * How many reader instances run beside the writer (0 to 15). Readers inherit everything (class, encryption,
   * monitoring, Performance Insights, no public address) and take over if the writer fails; with 0, a failed
   * writer is recreated, which takes about 10 minutes.
   *
   * @default 1 - doubles the instance cost
   */
  readonly readers?: number;

  /**
   * How far an Aurora MySQL cluster can be rewound in place (1 second to 72 hours). Aurora MySQL only.
   * Billed per million change records kept.
   *
   * @default - Duration.hours(24) for Aurora MySQL; none for Aurora PostgreSQL (which has no backtrack)
   */
  readonly backtrackWindow?: Duration;

  /**
   * The cluster identifier: 1-63 lowercase letters, digits and hyphens, starting with a letter, without two hyphens
   * in a row or a trailing one. The exported log groups are named after it, so it is always set.
   *
   * @default - derived from the construct path
   */
  readonly clusterIdentifier?: string;
}

/**
 * An Aurora DB cluster that is compliant with only a VPC, and a drop-in `rds.DatabaseCluster`.
 *
 * Aurora PostgreSQL with a writer and one reader in isolated subnets, never public; storage, Performance
 * Insights, backups and snapshots encrypted with the key ring's data key; TLS required by the cluster parameter
 * group; IAM database authentication; master password generated into a secret under the ring's secrets key and
 * rotated every 30 days; deletion protection and a final snapshot on deletion; backups kept 7 days; tags copied
 * to snapshots; auto minor version upgrades; logs exported to encrypted, retained log groups; Enhanced Monitoring
 * every 60 s on every instance; a security group that admits the engine port only from what
 * `connections.allowDefaultPortFrom` names.
 *
 * @example
 * declare const vpc: ec2.IVpc;
 * declare const appSecurityGroup: ec2.ISecurityGroup;
 * const cluster = new SecureDatabaseCluster(this, 'Ledger', { vpc });
 * cluster.connections.allowDefaultPortFrom(appSecurityGroup, 'Ledger service');
 */
export class SecureDatabaseCluster extends rds.DatabaseCluster {
  /**
   * The default engine version, pinned: the newest Aurora PostgreSQL that both aws-cdk-lib and CloudFormation's published
   * engine-version list (as cfn-lint 1.51 carries it) know when this release was cut. aws-cdk-lib also lists 18.x, which
   * the published list does not have yet; pass it as `engine` once your region offers it.
   */
  public static readonly DEFAULT_AURORA_POSTGRES_VERSION = rds.AuroraPostgresEngineVersion.VER_17_9;

  /** The security group this construct created (undefined when `securityGroups` was given). */
  public readonly securityGroup?: RestrictedSecurityGroup;
  /** The log groups the engine's logs are exported to, one per log type. */
  public readonly logGroups: SecureLogGroup[];
  /** The rotation of the master secret. */
  public readonly secretRotation: secretsmanager.SecretRotation;

  constructor(scope: Construct, id: string, props: SecureDatabaseClusterProps) {
    const path = pathOf(scope, id);
    if (props === undefined || props === null) throw FortressError.invalidProp(path, 'props', 'are required: at least { vpc }', 'undefined');
    const p = propsOf(scope, id, props);
    const engine = p.engine ?? rds.DatabaseClusterEngine.auroraPostgres({ version: SecureDatabaseCluster.DEFAULT_AURORA_POSTGRES_VERSION });
    const profile = engine && typeof engine === 'object' ? engineProfileOf(engine) : undefined;
    if (!profile || !engine.engineType.startsWith('aurora')) {
      throw FortressError.invalidProp(path, 'engine', `must be an Aurora engine: ${CLUSTER_ENGINE_TYPES} (other engines: SecureDatabaseInstance)`, (engine as any)?.engineType ?? engine);
    }
    if (engine.parameterGroupFamily === undefined) {
      throw FortressError.invalidProp(path, 'engine', 'must name a version, e.g. rds.DatabaseClusterEngine.auroraPostgres({ version: rds.AuroraPostgresEngineVersion.VER_17_9 }): '
        + 'the TLS parameter group needs its family', engine.engineType);
    }
    validateDatabaseOptions(path, scope, p, engine, profile);
    const check = new PropChecks(path);
    check.integerInRange('readers', p.readers, 0, MAX_READERS);
    const mysql = profile.engineType === 'aurora-mysql';
    if (p.backtrackWindow !== undefined && !mysql) {
      throw FortressError.invalidProp(path, 'backtrackWindow', 'is only for Aurora MySQL (Aurora PostgreSQL has no backtrack; use point-in-time recovery)');
    }
    check.durationInSeconds('backtrackWindow', p.backtrackWindow, 1, MAX_BACKTRACK_HOURS * 3600, '1 second to 72 hours');
    check.matches('clusterIdentifier', p.clusterIdentifier, /^[a-z](?!.*--)[a-z0-9-]{0,62}$/, '1-63 lowercase letters, digits and hyphens, starting with a letter, no "--"');
    if (p.clusterIdentifier?.endsWith('-')) throw FortressError.invalidProp(path, 'clusterIdentifier', 'must not end with a hyphen', p.clusterIdentifier);

    const d = databaseDefaults(scope, p, profile);
    const instanceType = p.instanceType ?? ec2.InstanceType.of(ec2.InstanceClass.BURSTABLE4_GRAVITON, ec2.InstanceSize.MEDIUM);
    const instance = (name: string) => rds.ClusterInstance.provisioned(name, {
      instanceType,
      publiclyAccessible: false,
      autoMinorVersionUpgrade: true,
      allowMajorVersionUpgrade: false,
    });
    super(scope, id, {
      engine,
      vpc: p.vpc,
      vpcSubnets: d.subnets,
      securityGroups: p.securityGroups ?? [],
      port: p.port ?? profile.defaultPort,
      defaultDatabaseName: p.databaseName,
      clusterIdentifier: p.clusterIdentifier,
      writer: instance('Writer'),
      readers: Array.from({ length: p.readers ?? 1 }, (_, i) => instance(`Reader${i + 1}`)),
      credentials: masterCredentials(scope, id, p, d),
      storageEncrypted: true,
      storageEncryptionKey: d.key,
      backup: { retention: d.backupRetention, preferredWindow: p.preferredBackupWindow },
      preferredMaintenanceWindow: p.preferredMaintenanceWindow,
      deleteAutomatedBackups: false,
      copyTagsToSnapshot: true,
      autoMinorVersionUpgrade: true,
      deletionProtection: d.deletionProtection,
      removalPolicy: d.removalPolicy,
      iamAuthentication: d.iamAuthentication,
      parameters: d.parameters,
      cloudwatchLogsExports: profile.logExports,
      monitoringInterval: d.monitoringInterval,
      monitoringRole: monitoringRoleOf(scope),
      enablePerformanceInsights: true,
      performanceInsightEncryptionKey: d.key,
      performanceInsightRetention: d.performanceInsightRetention,
      backtrackWindow: mysql ? p.backtrackWindow ?? Duration.hours(24) : undefined,
    });
    const resource = this.node.defaultChild as rds.CfnDBCluster;
    const hardened = hardenDatabase({
      database: this, resource, kind: 'cluster', identifier: p.clusterIdentifier, profile, options: p, defaults: d, engine,
    });
    this.securityGroup = hardened.securityGroup;
    this.logGroups = hardened.logGroups;
    this.secretRotation = rotateMasterSecret(this, p.vpc, d.subnets, d.rotation);

    if (!d.iamAuthentication) Acknowledgments.acknowledgeGroup(this, RuleGroup.RDS_IAM_AUTHENTICATION, `iamAuthentication false was set explicitly: ${p.iamAuthenticationOffReason}`);
    // AWS Backup protects an Aurora cluster as a whole: a backup selection names the DB cluster, never its member instances.
    for (const member of this.node.children.filter((c) => c.node.defaultChild instanceof rds.CfnDBInstance)) {
      Acknowledgments.acknowledgeGroup(member, RuleGroup.RDS_IN_BACKUP_PLAN,
        'This is a member instance of an Aurora cluster: Aurora keeps the data in the cluster volume, which automated backups and AWS Backup '
        + 'protect at the cluster level (a backup selection names the DB cluster); a member instance holds no data of its own to back up.');
    }
  }
}

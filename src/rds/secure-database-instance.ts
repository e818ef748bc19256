import { Annotations } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import {
  acknowledgeBackupPlanUnlessSelected, databaseDefaults, hardenDatabase, masterCredentials, rotateMasterSecret,
} from './database-hardening';
import { validateDatabaseOptions } from './database-validation';
import { engineProfileOf, INSTANCE_ENGINE_TYPES } from './engine-profile';
import { monitoringRoleOf } from './monitoring-role';
import { SecureDatabaseOptions } from './secure-database-options';
import { Acknowledgments } from '../core/acknowledgments';
import { propsOf } from '../core/construct-args';
import { FortressError } from '../core/fortress-error';
import { pathOf, PropChecks } from '../core/prop-checks';
import { RuleGroup } from '../core/rule-group';
import { RestrictedSecurityGroup } from '../ec2/restricted-security-group';
import { SecureLogGroup } from '../logs/secure-log-group';

/**
 * Properties of a {@link SecureDatabaseInstance}: only `vpc` is required.
 */
export interface SecureDatabaseInstanceProps extends SecureDatabaseOptions {
  /**
   * The engine, with a version (the parameter group needs its family). PostgreSQL, MySQL, MariaDB (10.5 or later),
   * SQL Server and Oracle are accepted.
   *
   * @default - PostgreSQL 18 (`rds.PostgresEngineVersion.VER_18`), the newest major version when this release was cut
   */
  readonly engine?: rds.IInstanceEngine;

  /**
   * The instance class. Performance Insights needs a class that supports it (not micro or small).
   *
   * @default - db.t4g.medium (about $0.065/hour per instance in us-east-1, so about $95/month with Multi-AZ);
   *   db.m5.large for SQL Server and Oracle (db.t3.medium for SQL Server Express)
   */
  readonly instanceType?: ec2.InstanceType;

  /**
   * Whether a synchronous standby runs in another Availability Zone. `false` is recorded as your explicit choice
   * (acknowledged on this instance, with a synth warning). SQL Server Express and Web have no Multi-AZ (false, acknowledged).
   *
   * @default true - doubles the instance and storage cost
   */
  readonly multiAz?: boolean;

  /**
   * Allocated storage in GiB (20 to 65536).
   *
   * @default 20 (gp3, about $0.115/GB-month in us-east-1, twice with Multi-AZ)
   */
  readonly allocatedStorage?: number;

  /**
   * The upper limit in GiB to which RDS storage autoscaling may grow the storage; at least `allocatedStorage`.
   *
   * @default 100
   */
  readonly maxAllocatedStorage?: number;

  /**
   * The instance identifier: 1-63 lowercase letters, digits and hyphens, starting with a letter, without two
   * hyphens in a row or a trailing one. The exported log groups are named after it, so it is always set:
   * replacing the instance then needs a new identifier (CloudFormation refuses to replace a named resource,
   * which guards against accidental replacement).
   *
   * @default - derived from the construct path (e.g. `stack-db-1a2b3c4d`)
   */
  readonly instanceIdentifier?: string;
}

/**
 * An RDS DB instance that is compliant with only a VPC, and a drop-in `rds.DatabaseInstance`
 * (`connections`, `grantConnect`, `metric*`, proxies and rotation all work).
 *
 * PostgreSQL 18 in isolated subnets, never public; storage, Performance Insights, automated backups and
 * snapshots encrypted with the key ring's data key; TLS required by the parameter group; IAM database
 * authentication; master password generated into a secret under the ring's secrets key, rotated every 30
 * days; Multi-AZ; deletion protection and a final snapshot on deletion; backups kept 7 days; tags copied to
 * snapshots; auto minor version upgrades; audit/error logs exported to encrypted, retained log groups; Enhanced
 * Monitoring every 60 s with a least-privilege role; a security group that admits the engine port only from
 * what `connections.allowDefaultPortFrom` names.
 *
 * @example
 * declare const vpc: ec2.IVpc;
 * declare const appSecurityGroup: ec2.ISecurityGroup;
 * const db = new SecureDatabaseInstance(this, 'Orders', { vpc });
 * db.connections.allowDefaultPortFrom(appSecurityGroup, 'Orders service');
 */
export class SecureDatabaseInstance extends rds.DatabaseInstance {
  /**
   * The default engine version: the newest PostgreSQL major version in aws-cdk-lib when this release was cut (RDS
   * picks its current minor version, and auto minor version upgrades keep it current). Pinned, not computed, so
   * upgrading aws-cdk-lib never starts a major version upgrade of a running database.
   */
  public static readonly DEFAULT_POSTGRES_VERSION = rds.PostgresEngineVersion.VER_18;

  /** The security group this construct created (undefined when `securityGroups` was given). */
  public readonly securityGroup?: RestrictedSecurityGroup;
  /** The log groups the engine's logs are exported to, one per log type. */
  public readonly logGroups: SecureLogGroup[];
  /** The rotation of the master secret. */
  public readonly secretRotation: secretsmanager.SecretRotation;

  constructor(scope: Construct, id: string, props: SecureDatabaseInstanceProps) {
    const path = pathOf(scope, id);
    if (props === undefined || props === null) throw FortressError.invalidProp(path, 'props', 'are required: at least { vpc }', 'undefined');
    const p = propsOf(scope, id, props);
    const engine = p.engine ?? rds.DatabaseInstanceEngine.postgres({ version: SecureDatabaseInstance.DEFAULT_POSTGRES_VERSION });
    const profile = engine && typeof engine === 'object' ? engineProfileOf(engine) : undefined;
    if (!profile || engine.engineType.startsWith('aurora')) {
      throw FortressError.invalidProp(path, 'engine', `must be an instance engine of ${INSTANCE_ENGINE_TYPES} (Aurora: SecureDatabaseCluster)`, (engine as any)?.engineType ?? engine);
    }
    if (engine.parameterGroupFamily === undefined) {
      throw FortressError.invalidProp(path, 'engine', 'must name a version, e.g. rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_18 }): '
        + 'the TLS parameter group needs its family', engine.engineType);
    }
    validateDatabaseOptions(path, scope, p, engine, profile);
    const check = new PropChecks(path);
    check.integerInRange('allocatedStorage', p.allocatedStorage, 20, 65536);
    check.integerInRange('maxAllocatedStorage', p.maxAllocatedStorage, 20, 65536);
    if ((p.maxAllocatedStorage ?? 100) < (p.allocatedStorage ?? 20)) {
      throw FortressError.invalidProp(path, 'maxAllocatedStorage', `must be at least allocatedStorage (${p.allocatedStorage ?? 20})`, p.maxAllocatedStorage ?? 100);
    }
    check.matches('instanceIdentifier', p.instanceIdentifier, /^[a-z](?!.*--)[a-z0-9-]{0,62}$/, '1-63 lowercase letters, digits and hyphens, starting with a letter, no "--"');
    if (p.instanceIdentifier?.endsWith('-')) throw FortressError.invalidProp(path, 'instanceIdentifier', 'must not end with a hyphen', p.instanceIdentifier);
    if (p.multiAz !== undefined && typeof p.multiAz !== 'boolean') throw FortressError.invalidProp(path, 'multiAz', 'must be true or false', p.multiAz);
    if (p.multiAz === true && !profile.multiAz) throw FortressError.invalidProp(path, 'multiAz', `is not available for ${profile.engineType} (use Standard or Enterprise edition)`, true);

    const d = databaseDefaults(scope, p, profile);
    const multiAz = p.multiAz ?? profile.multiAz;
    const commercial = /^(sqlserver|oracle)/.test(profile.engineType);
    super(scope, id, {
      engine,
      vpc: p.vpc,
      vpcSubnets: d.subnets,
      publiclyAccessible: false,
      securityGroups: p.securityGroups ?? [],
      port: p.port ?? profile.defaultPort,
      databaseName: p.databaseName,
      instanceIdentifier: p.instanceIdentifier,
      instanceType: p.instanceType ?? defaultInstanceType(profile.engineType),
      licenseModel: commercial ? rds.LicenseModel.LICENSE_INCLUDED : undefined,
      credentials: masterCredentials(scope, id, p, d),
      storageEncrypted: true,
      storageEncryptionKey: d.key,
      storageType: rds.StorageType.GP3,
      allocatedStorage: p.allocatedStorage ?? 20,
      maxAllocatedStorage: p.maxAllocatedStorage ?? 100,
      multiAz,
      backupRetention: d.backupRetention,
      preferredBackupWindow: p.preferredBackupWindow,
      preferredMaintenanceWindow: p.preferredMaintenanceWindow,
      deleteAutomatedBackups: false,
      copyTagsToSnapshot: true,
      autoMinorVersionUpgrade: true,
      allowMajorVersionUpgrade: false,
      deletionProtection: d.deletionProtection,
      removalPolicy: d.removalPolicy,
      iamAuthentication: d.iamAuthentication ? true : undefined,
      parameters: d.parameters,
      cloudwatchLogsExports: profile.logExports,
      monitoringInterval: d.monitoringInterval,
      monitoringRole: monitoringRoleOf(scope),
      enablePerformanceInsights: true,
      performanceInsightEncryptionKey: d.key,
      performanceInsightRetention: d.performanceInsightRetention,
    });
    const resource = this.node.defaultChild as rds.CfnDBInstance;
    const hardened = hardenDatabase({
      database: this, resource, kind: 'instance', identifier: p.instanceIdentifier, profile, options: p, defaults: d, engine,
    });
    this.securityGroup = hardened.securityGroup;
    this.logGroups = hardened.logGroups;
    this.secretRotation = rotateMasterSecret(this, p.vpc, d.subnets, d.rotation);

    if (!multiAz) {
      const explicit = 'multiAz false was set explicitly on this instance: it runs in one Availability Zone and is restored from backups if that zone fails.';
      if (profile.multiAz) Annotations.of(this).addWarningV2('cdk-fortress:explicit:multiAz', explicit);
      const reason = profile.multiAz
        ? explicit
        : `RDS offers no Multi-AZ deployment for ${profile.engineType}; the instance is restored from its automated backups if its zone fails (Standard and Enterprise editions have Multi-AZ).`;
      Acknowledgments.acknowledgeGroup(this, RuleGroup.RDS_MULTI_AZ, reason);
    }
    acknowledgeBackupPlanUnlessSelected(this, resource, d.backupRetention.toDays());
  }
}

/** db.t4g.medium for the open-source engines, db.m5.large for SQL Server and Oracle (db.t3.medium for SQL Server Express, which has no m5). */
function defaultInstanceType(engineType: string): ec2.InstanceType {
  if (engineType === 'sqlserver-ex') return ec2.InstanceType.of(ec2.InstanceClass.BURSTABLE3, ec2.InstanceSize.MEDIUM);
  if (/^(sqlserver|oracle)/.test(engineType)) return ec2.InstanceType.of(ec2.InstanceClass.M5, ec2.InstanceSize.LARGE);
  return ec2.InstanceType.of(ec2.InstanceClass.BURSTABLE4_GRAVITON, ec2.InstanceSize.MEDIUM);
}

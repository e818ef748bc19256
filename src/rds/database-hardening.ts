import { Annotations, Duration, Names, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct, IConstruct } from 'constructs';
import { EngineProfile } from './engine-profile';
import { SecureDatabaseOptions } from './secure-database-options';
import { Acknowledgments } from '../core/acknowledgments';
import { groupRuleIds } from '../core/deferred-acknowledgments';
import { acknowledgeExplicitChoice } from '../core/explicit-choices';
import { RuleGroup } from '../core/rule-group';
import { RestrictedSecurityGroup } from '../ec2/restricted-security-group';
import { KeyPurpose } from '../kms/key-purpose';
import { KmsKeyRing } from '../kms/kms-key-ring';
import { SecureLogGroup } from '../logs/secure-log-group';
import { SecureSecret } from '../secretsmanager/secure-secret';

/**
 * The characters left out of generated master passwords: those some engines or their clients refuse, and those JSON,
 * shells and connection strings would need escaped (aws-cdk-lib's own default for database secrets and rotation).
 */
const PASSWORD_EXCLUDE_CHARACTERS = ' %+~`#$&*()|[]{}:;<>?!\'/@"\\';

/** The defaults both constructs apply, resolved from the options (the L2 props they pass to `super()`). */
export interface DatabaseDefaults {
  readonly subnets: ec2.SubnetSelection;
  readonly key: kms.IKey;
  readonly username: string;
  readonly backupRetention: Duration;
  readonly removalPolicy: RemovalPolicy;
  readonly deletionProtection: boolean;
  readonly iamAuthentication: boolean;
  readonly monitoringInterval: Duration;
  readonly parameters: { [name: string]: string };
  readonly performanceInsightRetention: rds.PerformanceInsightRetention;
  readonly rotation: Duration;
}

/** The secure values of the shared options: defaults, with the user's (validated) choices over them. */
export function databaseDefaults(scope: IConstruct, p: SecureDatabaseOptions, profile: EngineProfile): DatabaseDefaults {
  const ring = p.keyRing ?? KmsKeyRing.of(scope);
  const tls = profile.transportEncryption;
  return {
    subnets: p.vpcSubnets ?? defaultSubnets(p.vpc),
    key: p.storageEncryptionKey ?? ring.key(KeyPurpose.DATA),
    username: p.masterUsername ?? profile.defaultUsername,
    backupRetention: p.backupRetention ?? Duration.days(7),
    removalPolicy: p.removalPolicy ?? RemovalPolicy.SNAPSHOT,
    deletionProtection: p.deletionProtection ?? true,
    iamAuthentication: p.iamAuthentication ?? profile.iamAuthentication,
    monitoringInterval: p.monitoringInterval ?? Duration.seconds(60),
    // The TLS parameter goes last: validation refused a user value for it, and nothing may override it.
    parameters: { ...(p.parameters ?? {}), ...(tls.kind === 'parameter' ? { [tls.name]: tls.value! } : {}) },
    performanceInsightRetention: p.performanceInsightRetention ?? rds.PerformanceInsightRetention.DEFAULT,
    rotation: p.credentialsRotation ?? Duration.days(30),
  };
}

/** Isolated subnets when the VPC has them, private ones otherwise: never public. */
function defaultSubnets(vpc: ec2.IVpc): ec2.SubnetSelection {
  return { subnetType: vpc.isolatedSubnets.length > 0 ? ec2.SubnetType.PRIVATE_ISOLATED : ec2.SubnetType.PRIVATE_WITH_EGRESS };
}

/** What `hardenDatabase` needs to know about the database it hardens. */
export interface HardeningTarget {
  /** The SecureDatabaseInstance or SecureDatabaseCluster. */
  readonly database: Construct & ec2.IConnectable;
  /** Its L1 resource. */
  readonly resource: rds.CfnDBInstance | rds.CfnDBCluster;
  /** `instance` or `cluster`: the log group path RDS exports to (`/aws/rds/<kind>/<identifier>/<log>`). */
  readonly kind: 'instance' | 'cluster';
  /** The identifier the user chose, if any (the construct otherwise derives one from its path). */
  readonly identifier?: string;
  readonly profile: EngineProfile;
  readonly options: SecureDatabaseOptions;
  readonly defaults: DatabaseDefaults;
  /** The engine, for the Oracle option group. */
  readonly engine: rds.IInstanceEngine | rds.IClusterEngine;
}

/** What `hardenDatabase` created. */
export interface HardeningResult {
  readonly securityGroup?: RestrictedSecurityGroup;
  readonly logGroups: SecureLogGroup[];
  readonly identifier: string;
}

/**
 * Everything both constructs do once the L2 exists: the restricted security group, the database identifier and
 * its exported log groups (created first, encrypted, retained), the Oracle encryption option, and the
 * acknowledgments that apply to every RDS database this library creates.
 */
export function hardenDatabase(target: HardeningTarget): HardeningResult {
  const { database, resource, profile, options: p } = target;
  let securityGroup: RestrictedSecurityGroup | undefined;
  const securityGroups = p.securityGroups ?? [];
  if (p.securityGroups === undefined) {
    securityGroup = new RestrictedSecurityGroup(database, 'SecurityGroup', {
      vpc: p.vpc,
      description: `${profile.engineType} database ${database.node.path}: engine port only from peers named by connections.allowDefaultPortFrom`.slice(0, 255),
    });
    securityGroups.push(securityGroup);
    if (resource instanceof rds.CfnDBInstance) resource.vpcSecurityGroups = [securityGroup.securityGroupId];
    else resource.vpcSecurityGroupIds = [securityGroup.securityGroupId];
  }
  // The L2's default port is the endpoint's Port attribute, a token: rules (ours and the packs') cannot judge an ingress
  // rule on it. The port is known here, so connections use it literally.
  (database as { connections: ec2.Connections }).connections = new ec2.Connections({
    securityGroups, defaultPort: ec2.Port.tcp(p.port ?? profile.defaultPort),
  });

  const identifier = target.identifier ?? identifierOf(database);
  if (resource instanceof rds.CfnDBInstance) resource.dbInstanceIdentifier = identifier;
  else resource.dbClusterIdentifier = identifier;

  // RDS creates missing export log groups itself, unencrypted and kept forever: ours exist before the database does.
  const logGroups = profile.logExports.map((log) => new SecureLogGroup(database, `${pascal(log)}LogGroup`, {
    logGroupName: `/aws/rds/${target.kind}/${identifier}/${log}`,
    retention: p.cloudwatchLogsRetention ?? logs.RetentionDays.ONE_YEAR,
    keyRing: p.keyRing,
  }));
  logGroups.forEach((group) => resource.node.addDependency(group));

  if (profile.transportEncryption.kind === 'option' && resource instanceof rds.CfnDBInstance) {
    const optionGroup = new rds.OptionGroup(database, 'OptionGroup', {
      engine: target.engine as rds.IInstanceEngine,
      description: `Native network encryption required (${database.node.path})`,
      configurations: [{ name: profile.transportEncryption.name, settings: profile.transportEncryption.settings }],
    });
    resource.optionGroupName = optionGroup.optionGroupName;
  }

  acknowledgeCommon(target);
  return { securityGroup, logGroups, identifier };
}

function acknowledgeCommon(target: HardeningTarget): void {
  const { database, profile, options: p, defaults } = target;
  const port = p.port ?? profile.defaultPort;
  if (port === profile.defaultPort) {
    Acknowledgments.acknowledgeGroup(database, RuleGroup.RDS_NON_DEFAULT_PORT,
      `The database listens on the ${profile.engineType} default port ${port}: it has no public address, sits in isolated subnets, and its security group `
      + 'admits the port only from the peers named by connections.allowDefaultPortFrom, so a different port would hide nothing from anyone who can reach it.');
  }
  if (!defaults.iamAuthentication && profile.iamAuthentication) {
    Annotations.of(database).addWarningV2('cdk-fortress:explicit:iamAuthentication', `IAM database authentication is off: ${p.iamAuthenticationOffReason}`);
  }
  if (!defaults.deletionProtection) {
    Acknowledgments.acknowledgeGroup(database, RuleGroup.RDS_DELETION_PROTECTION,
      'deletionProtection false was set explicitly together with removalPolicy DESTROY: the database is declared disposable and is deleted with its stack.');
    Annotations.of(database).addWarningV2('cdk-fortress:explicit:deletionProtection',
      'deletionProtection is false and removalPolicy is DESTROY: deleting the stack deletes this database and its automated backups');
  }
  if (defaults.removalPolicy === RemovalPolicy.DESTROY) {
    acknowledgeExplicitChoice(database, 'Fortress-RDSDatabaseRetained',
      'removalPolicy DESTROY was set explicitly on this database: its data is declared disposable and is deleted with the stack, without a final snapshot.');
  }
}

/**
 * A database identifier derived from the construct path: lowercase letters, digits and single hyphens, starting with
 * a letter, at most 63 characters (what RDS accepts for instances and clusters), unique in the account and region
 * as long as stack names are.
 */
function identifierOf(database: IConstruct): string {
  const raw = Names.uniqueResourceName(database, { maxLength: 60, separator: '-' }).toLowerCase();
  const clean = raw.replace(/[^a-z0-9-]/g, '').replace(/-+/g, '-').replace(/^[^a-z]+/, '').replace(/-$/, '');
  return clean.length > 0 ? clean : `db-${Names.uniqueId(database).toLowerCase().slice(-16)}`;
}

function pascal(log: string): string {
  return log.charAt(0).toUpperCase() + log.slice(1);
}

/**
 * The master credentials: a password generated into a {@link SecureSecret} (the ring's secrets key, a resource policy
 * that denies principals outside the account, retained unless the database is DESTROY), never in the template.
 * The secret is created beside the database (`<id>Secret`): the L2 takes the credentials before the database exists.
 */
export function masterCredentials(scope: Construct, id: string, p: SecureDatabaseOptions, d: DatabaseDefaults): rds.Credentials {
  const secret = new SecureSecret(scope, `${id}Secret`, {
    description: `Master credentials of the database ${id} (cdk-fortress), rotated every ${d.rotation.toDays()} days`,
    keyRing: p.keyRing,
    generateSecretString: {
      secretStringTemplate: JSON.stringify({ username: d.username }),
      generateStringKey: 'password',
      passwordLength: 30,
      excludeCharacters: PASSWORD_EXCLUDE_CHARACTERS,
    },
    removalPolicy: d.removalPolicy === RemovalPolicy.DESTROY ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN,
  });
  return rds.Credentials.fromSecret(secret, d.username);
}

/**
 * Single-user rotation of the master secret every `every`, by the Secrets Manager rotation application for the engine,
 * run in the VPC's private subnets (they reach Secrets Manager through NAT) or, without them, in the database's subnets
 * (a Secrets Manager interface endpoint is then needed, and a warning says so).
 */
export function rotateMasterSecret(
  database: rds.DatabaseInstance | rds.DatabaseCluster, vpc: ec2.IVpc, subnets: ec2.SubnetSelection, every: Duration,
): secretsmanager.SecretRotation {
  const hasPrivate = vpc.privateSubnets.length > 0;
  if (!hasPrivate) {
    Annotations.of(database).addWarningV2('cdk-fortress:rotation-endpoint',
      'The VPC has no private subnets with egress: the rotation function runs in the database subnets and needs a Secrets Manager '
      + 'interface endpoint (SecureVpc interfaceEndpoints: [ec2.InterfaceVpcEndpointAwsService.SECRETS_MANAGER]).');
  }
  return database.addRotationSingleUser({
    automaticallyAfter: every,
    excludeCharacters: PASSWORD_EXCLUDE_CHARACTERS,
    vpcSubnets: hasPrivate ? { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS } : subnets,
  });
}

/**
 * Acknowledges the packs' "in an AWS Backup plan" rule on `instance` at synthesis, only when no AWS Backup selection
 * in its stack names it: RDS automated backups (point-in-time recovery) and the final snapshot protect it, and
 * `SecureBackupPlan` (or any backup selection naming it) makes the acknowledgment disappear.
 */
export function acknowledgeBackupPlanUnlessSelected(instance: Construct, resource: rds.CfnDBInstance, retentionDays: number): void {
  let done = false;
  instance.node.addValidation({
    validate: () => {
      if (done) return [];
      done = true;
      const stack = Stack.of(instance);
      const logicalId = stack.resolve(resource.ref)?.Ref as string | undefined;
      const selected = stack.node.findAll().some((c) => c instanceof backup.CfnBackupSelection
        && logicalId !== undefined && new RegExp(`${logicalId}(?![\\w])`).test(JSON.stringify(stack.resolve(c.backupSelection))));
      if (!selected) {
        const reason = `No AWS Backup selection in this stack names this instance yet; RDS automated backups with point-in-time recovery are kept ${retentionDays} days `
          + 'in the database\'s region, encrypted with its key, and a final snapshot is taken on deletion. Add SecureBackupPlan.of(stack) for vault-locked copies.';
        for (const id of groupRuleIds(instance, RuleGroup.RDS_IN_BACKUP_PLAN)) Validations.of(instance).acknowledge({ id, reason });
      }
      return [];
    },
  });
}

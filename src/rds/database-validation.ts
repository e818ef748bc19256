import { RemovalPolicy, Stack, Token } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as rds from 'aws-cdk-lib/aws-rds';
import { IConstruct } from 'constructs';
import { EngineProfile, tlsUnenforceableReason } from './engine-profile';
import { SecureDatabaseOptions } from './secure-database-options';
import { assertExplainingReason } from '../core/acknowledgments';
import { FortressError } from '../core/fortress-error';
import { PropChecks } from '../core/prop-checks';
import { KmsKeyRing } from '../kms/kms-key-ring';

/** The Enhanced Monitoring intervals RDS accepts, in seconds (0, off, is refused). */
export const MONITORING_INTERVALS = [1, 5, 10, 15, 30, 60];
/** Removal policies a database supports: SNAPSHOT is the default. */
export const DATABASE_REMOVAL_POLICIES: readonly RemovalPolicy[] = [
  RemovalPolicy.SNAPSHOT, RemovalPolicy.RETAIN, RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE, RemovalPolicy.DESTROY,
];
const DAY = '(mon|tue|wed|thu|fri|sat|sun)';
const TIME = '([01]\\d|2[0-3]):[0-5]\\d';

/**
 * Refuses the options a SecureDatabaseInstance and a SecureDatabaseCluster share, before any resource exists.
 *
 * @param path the construct's path-to-be
 * @param scope the scope the construct is created in (for the stack's region)
 * @param p the options
 * @param engine the engine (already checked to be known)
 * @param profile the engine's profile
 */
export function validateDatabaseOptions(
  path: string, scope: IConstruct, p: SecureDatabaseOptions, engine: rds.IEngine, profile: EngineProfile,
): void {
  const check = new PropChecks(path);
  check.required('vpc', p.vpc, 'the VPC to place the database in, e.g. a SecureVpc');
  if (typeof (p.vpc as any)?.selectSubnets !== 'function') throw FortressError.invalidProp(path, 'vpc', 'must be an ec2.IVpc, e.g. a SecureVpc', p.vpc);

  if (p.publiclyAccessible !== undefined && p.publiclyAccessible !== false) {
    throw FortressError.invalidProp(path, 'publiclyAccessible', 'must be false: a database never gets a public address (admit clients with connections.allowDefaultPortFrom)', p.publiclyAccessible);
  }
  validateSubnets(path, p.vpc, p.vpcSubnets);

  if (p.storageEncrypted !== undefined && p.storageEncrypted !== true) {
    throw FortressError.invalidProp(path, 'storageEncrypted', 'must be true: storage, backups and snapshots are always encrypted with a customer-managed key', p.storageEncrypted);
  }
  check.exclusive('storageEncryptionKey', p.storageEncryptionKey, 'keyRing', p.keyRing);
  if (p.keyRing !== undefined && !(p.keyRing instanceof KmsKeyRing)) throw FortressError.invalidProp(path, 'keyRing', 'must be a KmsKeyRing');
  if (p.storageEncryptionKey !== undefined) {
    if (typeof (p.storageEncryptionKey as any)?.keyArn !== 'string') throw FortressError.invalidProp(path, 'storageEncryptionKey', 'must be a customer-managed KMS key (kms.IKey)');
    const keyRegion = p.storageEncryptionKey.env?.region;
    const stackRegion = Stack.of(scope).region;
    if (keyRegion !== undefined && !Token.isUnresolved(keyRegion) && !Token.isUnresolved(stackRegion) && keyRegion !== stackRegion) {
      throw FortressError.invalidProp(path, 'storageEncryptionKey', `must be a key in the stack's region ${stackRegion} (RDS encrypts with a key of the database's region)`, keyRegion);
    }
  }

  check.durationInDays('backupRetention', p.backupRetention, 1, 35);
  check.durationInDays('credentialsRotation', p.credentialsRotation, 1, 1000);
  check.matches('preferredBackupWindow', p.preferredBackupWindow, new RegExp(`^${TIME}-${TIME}$`), 'hh24:mi-hh24:mi in UTC, e.g. 03:00-03:30');
  check.matches('preferredMaintenanceWindow', p.preferredMaintenanceWindow, new RegExp(`^${DAY}:${TIME}-${DAY}:${TIME}$`, 'i'),
    'ddd:hh24:mi-ddd:hh24:mi in UTC, e.g. sun:04:00-sun:04:30');

  check.oneOf('removalPolicy', p.removalPolicy, DATABASE_REMOVAL_POLICIES);
  if (p.deletionProtection !== undefined && typeof p.deletionProtection !== 'boolean') throw FortressError.invalidProp(path, 'deletionProtection', 'must be true or false', p.deletionProtection);
  if (p.deletionProtection === false && p.removalPolicy !== RemovalPolicy.DESTROY) {
    throw FortressError.invalidProp(path, 'deletionProtection',
      'can be false only with removalPolicy: RemovalPolicy.DESTROY set explicitly (the database is then declared disposable)', p.deletionProtection);
  }
  if (p.removalPolicy === RemovalPolicy.DESTROY && p.deletionProtection !== false) {
    throw FortressError.invalidProp(path, 'removalPolicy', 'DESTROY also needs deletionProtection: false (RDS refuses to delete a protected database)', p.removalPolicy);
  }

  if (p.monitoringInterval !== undefined && !p.monitoringInterval.isUnresolved()) {
    const seconds = p.monitoringInterval.toSeconds({ integral: false });
    if (!MONITORING_INTERVALS.includes(seconds)) {
      throw FortressError.invalidProp(path, 'monitoringInterval', `must be one of ${MONITORING_INTERVALS.join(', ')} seconds (Enhanced Monitoring stays on)`, p.monitoringInterval.toHumanString());
    }
  }

  validateIamAuthentication(path, p, profile);
  check.finiteLogRetention('cloudwatchLogsRetention', p.cloudwatchLogsRetention);
  check.oneOf('performanceInsightRetention', p.performanceInsightRetention,
    Object.values(rds.PerformanceInsightRetention).filter((v) => typeof v === 'number') as rds.PerformanceInsightRetention[]);
  check.integerInRange('port', p.port, 1150, 65535);
  check.matches('databaseName', p.databaseName, /^[A-Za-z][A-Za-z0-9_]{0,62}$/, '1-63 letters, digits or underscores, starting with a letter');
  check.matches('masterUsername', p.masterUsername, /^[A-Za-z][A-Za-z0-9_]{0,15}$/, '1-16 letters, digits or underscores, starting with a letter');
  if (p.masterUsername !== undefined && ['rdsadmin', 'rdsrepladmin', ...(profile.defaultUsername === 'postgres' ? ['admin'] : [])].includes(p.masterUsername.toLowerCase())) {
    throw FortressError.invalidProp(path, 'masterUsername', 'must not be a name RDS reserves for the engine (rdsadmin, rdsrepladmin; admin on PostgreSQL)', p.masterUsername);
  }
  validateParameters(path, p.parameters, profile);

  const unenforceable = tlsUnenforceableReason(engine);
  if (unenforceable) throw FortressError.invalidProp(path, 'engine', `must let the parameter group enforce TLS: ${unenforceable}; use a newer version`, engine.engineVersion?.fullVersion);
}

/** Refuses public subnets, by type and by the subnets a selection resolves to. */
function validateSubnets(path: string, vpc: ec2.IVpc, selection: ec2.SubnetSelection | undefined): void {
  if (selection === undefined) return;
  if (selection.subnetType === ec2.SubnetType.PUBLIC) {
    throw FortressError.invalidProp(path, 'vpcSubnets', 'must not select public subnets: a database lives in isolated (or private) subnets', selection.subnetType);
  }
  let selected: ec2.ISubnet[];
  try {
    selected = vpc.selectSubnets(selection).subnets;
  } catch (e) {
    throw FortressError.invalidProp(path, 'vpcSubnets', `must select subnets of the VPC (${(e as Error).message})`);
  }
  const publicIds = new Set(vpc.publicSubnets.map((s) => s.subnetId));
  const exposed = selected.filter((s) => publicIds.has(s.subnetId) || isRoutedToInternet(s));
  if (exposed.length > 0) {
    throw FortressError.invalidProp(path, 'vpcSubnets', 'must not select public subnets (a route to an internet gateway): a database lives in isolated (or private) subnets',
      exposed.map((s) => s.node.path));
  }
}

/** A subnet construct with a default route to an internet gateway. */
function isRoutedToInternet(subnet: ec2.ISubnet): boolean {
  return subnet instanceof ec2.PublicSubnet;
}

function validateIamAuthentication(path: string, p: SecureDatabaseOptions, profile: EngineProfile): void {
  if (p.iamAuthentication !== undefined && typeof p.iamAuthentication !== 'boolean') throw FortressError.invalidProp(path, 'iamAuthentication', 'must be true or false', p.iamAuthentication);
  if (p.iamAuthentication === true && !profile.iamAuthentication) {
    throw FortressError.invalidProp(path, 'iamAuthentication', `is not supported by RDS for ${profile.engineType} (use Kerberos through a directory domain instead)`, true);
  }
  if (p.iamAuthentication === false && profile.iamAuthentication) {
    if (p.iamAuthenticationOffReason === undefined) {
      throw FortressError.invalidProp(path, 'iamAuthentication', 'can be false only with iamAuthenticationOffReason saying why password-only authentication is acceptable', false);
    }
    assertExplainingReason(path, 'iamAuthenticationOffReason', p.iamAuthenticationOffReason);
  } else if (p.iamAuthenticationOffReason !== undefined) {
    throw FortressError.invalidProp(path, 'iamAuthenticationOffReason', 'is only for iamAuthentication: false on an engine that supports IAM authentication');
  }
}

function validateParameters(path: string, parameters: { [name: string]: string } | undefined, profile: EngineProfile): void {
  if (parameters === undefined) return;
  if (parameters === null || typeof parameters !== 'object' || Array.isArray(parameters)) throw FortressError.invalidProp(path, 'parameters', 'must be an object of parameter names to values', parameters);
  const tls = profile.transportEncryption;
  for (const [name, value] of Object.entries(parameters)) {
    if (typeof value !== 'string') throw FortressError.invalidProp(path, `parameters.${name}`, 'must be a string', value);
    if (tls.kind === 'parameter' && name.toLowerCase() === tls.name) {
      throw FortressError.invalidProp(path, `parameters.${name}`, `cannot be set: this construct sets ${tls.name}=${tls.value} so that every connection uses TLS`, value);
    }
    if (/^(ssl|tls_version)$/i.test(name)) {
      throw FortressError.invalidProp(path, `parameters.${name}`, 'cannot be set: TLS settings stay as RDS and this construct configure them', value);
    }
  }
}

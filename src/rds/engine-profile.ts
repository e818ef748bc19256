import * as rds from 'aws-cdk-lib/aws-rds';

/**
 * How the database refuses clear-text connections.
 *
 * - `parameter`: a (cluster) parameter group parameter set to a value.
 * - `option`: an option group option with settings (Oracle native network encryption).
 */
export interface TransportEncryption {
  readonly kind: 'parameter' | 'option';
  /** The parameter or option name. */
  readonly name: string;
  /** The parameter's value (`parameter`). */
  readonly value?: string;
  /** The option's settings (`option`). */
  readonly settings?: Record<string, string>;
  /** The AWS documentation of the setting. */
  readonly source: string;
}

/**
 * What cdk-fortress needs to know about one RDS engine type: how TLS is enforced, which logs hold
 * audit and error events, whether IAM database authentication and Multi-AZ are available.
 */
export interface EngineProfile {
  /** The engine type, e.g. `postgres`, `aurora-mysql`, `sqlserver-se`. */
  readonly engineType: string;
  /** The engine's default port (the one AwsSolutions-RDS11 calls default). */
  readonly defaultPort: number;
  /** How clear-text connections are refused. */
  readonly transportEncryption: TransportEncryption;
  /** The CloudWatch Logs exports holding the engine's audit and error logs (what the packs' logging rules ask for). */
  readonly logExports: string[];
  /** Whether RDS supports IAM database authentication for the engine. */
  readonly iamAuthentication: boolean;
  /** Whether RDS offers Multi-AZ deployments for the engine (SQL Server Express and Web do not). */
  readonly multiAz: boolean;
  /** The master user name RDS accepts for the engine (`admin` is reserved in PostgreSQL). */
  readonly defaultUsername: string;
}

/** @see https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/PostgreSQL.Concepts.General.SSL.html#PostgreSQL.Concepts.General.SSL.Requiring */
const POSTGRES_FORCE_SSL: TransportEncryption = {
  kind: 'parameter',
  name: 'rds.force_ssl',
  value: '1',
  source: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/PostgreSQL.Concepts.General.SSL.html',
};
/** @see https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/mysql-ssl-connections.require-ssl.html */
const MYSQL_REQUIRE_SECURE_TRANSPORT: TransportEncryption = {
  kind: 'parameter',
  name: 'require_secure_transport',
  value: '1',
  source: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/mysql-ssl-connections.require-ssl.html',
};
/** @see https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/mariadb-ssl-connections.require-ssl.html */
const MARIADB_REQUIRE_SECURE_TRANSPORT: TransportEncryption = {
  ...MYSQL_REQUIRE_SECURE_TRANSPORT,
  source: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/mariadb-ssl-connections.require-ssl.html',
};
/** @see https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/SQLServer.Concepts.General.SSL.Using.html#SQLServer.Concepts.General.SSL.Forcing */
const SQLSERVER_FORCE_SSL: TransportEncryption = {
  kind: 'parameter',
  name: 'rds.force_ssl',
  value: '1',
  source: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/SQLServer.Concepts.General.SSL.Using.html',
};
/** @see https://docs.aws.amazon.com/AmazonAuroraUserGuide/latest/AuroraUserGuide/AuroraPostgreSQL.Security.html#AuroraPostgreSQL.Security.SSL.Requiring */
const AURORA_POSTGRES_FORCE_SSL: TransportEncryption = {
  ...POSTGRES_FORCE_SSL,
  source: 'https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/AuroraPostgreSQL.Security.html',
};
/** @see https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/AuroraMySQL.Security.html#AuroraMySQL.Security.SSL.RequireSSL */
const AURORA_MYSQL_REQUIRE_SECURE_TRANSPORT: TransportEncryption = {
  ...MYSQL_REQUIRE_SECURE_TRANSPORT,
  source: 'https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/AuroraMySQL.Security.html',
};
/**
 * Oracle: native network encryption with encryption and integrity REQUIRED on the server, weak ciphers refused.
 * RDS offers NNE or the SSL option, not both; NNE needs no certificates on the clients.
 *
 * @see https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Appendix.Oracle.Options.NetworkEncryption.html
 * @see https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Oracle.Options.NNE.Options.html
 */
const ORACLE_NATIVE_NETWORK_ENCRYPTION: TransportEncryption = {
  kind: 'option',
  name: 'NATIVE_NETWORK_ENCRYPTION',
  settings: {
    'SQLNET.ENCRYPTION_SERVER': 'REQUIRED',
    'SQLNET.CRYPTO_CHECKSUM_SERVER': 'REQUIRED',
    'SQLNET.ENCRYPTION_TYPES_SERVER': 'AES256,AES192',
    'SQLNET.CRYPTO_CHECKSUM_TYPES_SERVER': 'SHA512,SHA384,SHA256',
    'SQLNET.ALLOW_WEAK_CRYPTO': 'FALSE',
  },
  source: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Appendix.Oracle.Options.NetworkEncryption.html',
};

/**
 * Log exports per engine: the logs the HIPAA, NIST and PCI packs' RDSLoggingEnabled rule asks for.
 *
 * @see https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_LogAccess.Procedural.UploadtoCloudWatch.html
 */
const MYSQL_LOGS = ['audit', 'error', 'general', 'slowquery'];

const PROFILES: Array<[RegExp, Omit<EngineProfile, 'engineType'>]> = [
  [/^postgres$/, { defaultPort: 5432, transportEncryption: POSTGRES_FORCE_SSL, logExports: ['postgresql', 'upgrade'], iamAuthentication: true, multiAz: true, defaultUsername: 'postgres' }],
  [/^mysql$/, { defaultPort: 3306, transportEncryption: MYSQL_REQUIRE_SECURE_TRANSPORT, logExports: MYSQL_LOGS, iamAuthentication: true, multiAz: true, defaultUsername: 'admin' }],
  [/^mariadb$/, { defaultPort: 3306, transportEncryption: MARIADB_REQUIRE_SECURE_TRANSPORT, logExports: MYSQL_LOGS, iamAuthentication: true, multiAz: true, defaultUsername: 'admin' }],
  [/^sqlserver-(se|ee)$/, { defaultPort: 1433, transportEncryption: SQLSERVER_FORCE_SSL, logExports: ['agent', 'error'], iamAuthentication: false, multiAz: true, defaultUsername: 'admin' }],
  [/^sqlserver-(ex|web)$/, { defaultPort: 1433, transportEncryption: SQLSERVER_FORCE_SSL, logExports: ['agent', 'error'], iamAuthentication: false, multiAz: false, defaultUsername: 'admin' }],
  [/^oracle-/, {
    defaultPort: 1521,
    transportEncryption: ORACLE_NATIVE_NETWORK_ENCRYPTION,
    logExports: ['audit', 'alert', 'listener', 'oemagent', 'trace'],
    iamAuthentication: false,
    multiAz: true,
    defaultUsername: 'admin',
  }],
  [/^aurora-postgresql$/, { defaultPort: 5432, transportEncryption: AURORA_POSTGRES_FORCE_SSL, logExports: ['postgresql'], iamAuthentication: true, multiAz: true, defaultUsername: 'postgres' }],
  [/^aurora-mysql$/, { defaultPort: 3306, transportEncryption: AURORA_MYSQL_REQUIRE_SECURE_TRANSPORT, logExports: MYSQL_LOGS, iamAuthentication: true, multiAz: true, defaultUsername: 'admin' }],
];

/** The profile of `engine`, or `undefined` for an engine type cdk-fortress does not know how to secure. */
export function engineProfileOf(engine: rds.IEngine): EngineProfile | undefined {
  const engineType = engine.engineType;
  const match = PROFILES.find(([pattern]) => pattern.test(engineType));
  return match ? { engineType, ...match[1] } : undefined;
}

/** Engine types a SecureDatabaseInstance / SecureDatabaseCluster accepts, for error messages. */
export const INSTANCE_ENGINE_TYPES = 'postgres, mysql, mariadb (10.5 or later), sqlserver-se/ee/ex/web, oracle-*';
export const CLUSTER_ENGINE_TYPES = 'aurora-postgresql, aurora-mysql';

/**
 * Why TLS cannot be enforced on this engine version, or `undefined` when it can: MariaDB supports
 * `require_secure_transport` from 10.5 only.
 *
 * @see https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/mariadb-ssl-connections.require-ssl.html
 */
export function tlsUnenforceableReason(engine: rds.IEngine): string | undefined {
  if (engine.engineType !== 'mariadb') return undefined;
  const major = engine.engineVersion?.majorVersion;
  if (major === undefined) return undefined;
  const [a, b] = major.split('.').map(Number);
  return a < 10 || (a === 10 && b < 5) ? `MariaDB ${major} has no require_secure_transport (10.5 and later have)` : undefined;
}

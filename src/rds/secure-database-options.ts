import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as rds from 'aws-cdk-lib/aws-rds';
import { KmsKeyRing } from '../kms/kms-key-ring';

/**
 * What a {@link SecureDatabaseInstance} and a {@link SecureDatabaseCluster} share. Only `vpc` is required:
 * the defaults are compliant with every cdk-nag pack and FortressChecks.
 */
export interface SecureDatabaseOptions {
  /** The VPC to place the database in, e.g. a `SecureVpc`. */
  readonly vpc: ec2.IVpc;

  /**
   * The subnets to place the database in. Public subnets are refused.
   *
   * @default - the VPC's isolated subnets (`PRIVATE_ISOLATED`), its private subnets when it has no isolated ones
   */
  readonly vpcSubnets?: ec2.SubnetSelection;

  /**
   * Whether the database gets a public address. Only `false` is accepted.
   *
   * @default false
   */
  readonly publiclyAccessible?: boolean;

  /**
   * The security groups of the database. Admit clients with `db.connections.allowDefaultPortFrom(peer)`.
   *
   * @default - a RestrictedSecurityGroup with no ingress and no egress: only what `connections.allowDefaultPortFrom` names reaches the engine port
   */
  readonly securityGroups?: ec2.ISecurityGroup[];

  /**
   * The port the database listens on.
   *
   * @default - the engine's default port (5432 PostgreSQL, 3306 MySQL/MariaDB, 1433 SQL Server, 1521 Oracle)
   */
  readonly port?: number;

  /**
   * The name of a database created with the instance or cluster.
   *
   * @default - none (PostgreSQL and MySQL create their default databases)
   */
  readonly databaseName?: string;

  /**
   * The master user name. The password is generated into a secret encrypted with the ring's secrets key, never in the template.
   *
   * @default - `postgres` for PostgreSQL engines, `admin` otherwise
   */
  readonly masterUsername?: string;

  /**
   * How often the master password is rotated (single-user rotation), 1 to 1000 days.
   *
   * @default Duration.days(30)
   */
  readonly credentialsRotation?: Duration;

  /**
   * Whether storage is encrypted. Only `true` is accepted (kept for drop-in compatibility with the L2 props).
   *
   * @default true
   */
  readonly storageEncrypted?: boolean;

  /**
   * The customer-managed key for storage, Performance Insights and (through the storage) snapshots and automated backups.
   * It must be in the stack's region. Cannot be combined with `keyRing`.
   *
   * @default - the data key of `keyRing`
   */
  readonly storageEncryptionKey?: kms.IKey;

  /**
   * The key ring whose data key encrypts storage and Performance Insights, and whose secrets key encrypts the credentials.
   * Cannot be combined with `storageEncryptionKey` (the credentials then use the stack's shared ring).
   *
   * @default - the stack's shared ring, `KmsKeyRing.of(this)`
   */
  readonly keyRing?: KmsKeyRing;

  /**
   * How long automated backups (and point-in-time recovery) are kept: 1 to 35 days (what RDS allows).
   * Backup storage up to the size of the database is free; beyond it, about $0.095/GB-month.
   *
   * @default Duration.days(7)
   * @see https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_WorkingWithAutomatedBackups.html
   */
  readonly backupRetention?: Duration;

  /**
   * The daily backup window, `hh24:mi-hh24:mi` in UTC, at least 30 minutes.
   *
   * @default - a 30-minute window RDS picks per region
   */
  readonly preferredBackupWindow?: string;

  /**
   * The weekly maintenance window, `ddd:hh24:mi-ddd:hh24:mi` in UTC (minor version upgrades are applied in it).
   *
   * @default - a 30-minute window RDS picks per region
   */
  readonly preferredMaintenanceWindow?: string;

  /**
   * Whether the database refuses deletion. `false` is accepted only with `removalPolicy: RemovalPolicy.DESTROY`
   * (then acknowledged on this construct as your explicit choice).
   *
   * @default true
   */
  readonly deletionProtection?: boolean;

  /**
   * What happens to the database when the stack deletes or replaces it. SNAPSHOT keeps a final snapshot; RETAIN keeps the
   * database; DESTROY deletes it with its automated backups (only with `deletionProtection: false`, acknowledged).
   *
   * @default RemovalPolicy.SNAPSHOT
   */
  readonly removalPolicy?: RemovalPolicy;

  /**
   * Whether IAM database authentication is on. Turning it off on an engine that supports it needs
   * `iamAuthenticationOffReason`. SQL Server and Oracle do not support it (off, and `true` is refused).
   *
   * @default - true where the engine supports it
   */
  readonly iamAuthentication?: boolean;

  /**
   * Why IAM database authentication is off (required with `iamAuthentication: false` where the engine supports it);
   * recorded as the acknowledgment's reason.
   *
   * @default - none
   */
  readonly iamAuthenticationOffReason?: string;

  /**
   * The Enhanced Monitoring interval: 1, 5, 10, 15, 30 or 60 seconds. Metrics go to CloudWatch Logs
   * (`RDSOSMetrics`), billed as log ingestion (about $3/month per instance at 60 seconds, more at shorter intervals).
   *
   * @default Duration.seconds(60)
   * @see https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_Monitoring.OS.html
   */
  readonly monitoringInterval?: Duration;

  /**
   * How long the exported database logs are kept. INFINITE is refused.
   *
   * @default logs.RetentionDays.ONE_YEAR
   */
  readonly cloudwatchLogsRetention?: logs.RetentionDays;

  /**
   * How long Performance Insights keeps its data (7 days is free; longer is billed per vCPU-month).
   *
   * @default rds.PerformanceInsightRetention.DEFAULT (7 days)
   */
  readonly performanceInsightRetention?: rds.PerformanceInsightRetention;

  /**
   * Engine parameters added to the parameter group this construct creates. The TLS parameter
   * (`rds.force_ssl`, `require_secure_transport`) cannot be changed here.
   *
   * @default - only the TLS parameter
   */
  readonly parameters?: { [name: string]: string };
}

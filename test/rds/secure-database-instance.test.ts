import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as backup from 'aws-cdk-lib/aws-backup';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as fc from 'fast-check';
import { Acknowledgments, FortressErrors, KeyPurpose, KmsKeyRing, SecureBackupPlan, SecureDatabaseInstance, SecureSecret, SecureVpc } from '../../src';
import { complianceTestStack, expectCompliant, propertyTestStack, rejectionOf } from '../compliance';

const ids = (acks: Array<{ constructPath: string; ruleId: string }>) => acks.map((a) => `${a.constructPath} ${a.ruleId}`);
const logicalId = (stack: Stack, c: { node: { defaultChild?: any } }) => stack.getLogicalId(c.node.defaultChild);
const keyArn = (stack: Stack, purpose: KeyPurpose) => ({ 'Fn::GetAtt': [logicalId(stack, KmsKeyRing.of(stack).key(purpose)), 'Arn'] });

/** What SecureVpc itself acknowledges (its public subnets' internet routes), present in every compliance test here. */
const VPC_ACKNOWLEDGMENTS = [1, 2, 3].flatMap((n) => ['HIPAA.Security', 'NIST.800.53.R5', 'PCI.DSS.321']
  .map((pack) => `Stack/Vpc/PublicSubnet${n}/DefaultRoute ${pack}-VPCNoUnrestrictedRouteToIGW`));
/** The stack's shared Enhanced Monitoring role: one log-stream wildcard inside the RDSOSMetrics log group. */
const MONITORING_ROLE_ACKNOWLEDGMENT = 'Stack/FortressRdsMonitoringRole/Permissions1 '
  + 'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:logs:eu-west-1:111122223333:log-group:RDSOSMetrics:log-stream:*]';
/** The acknowledgments a SecureDatabaseInstance with defaults makes (documented in the README). */
const DEFAULT_ACKNOWLEDGMENTS = [
  'Stack/Db AwsSolutions-RDS11',
  'Stack/Db HIPAA.Security-RDSInBackupPlan',
  'Stack/Db NIST.800.53.R4-RDSInBackupPlan',
  'Stack/Db NIST.800.53.R5-RDSInBackupPlan',
  MONITORING_ROLE_ACKNOWLEDGMENT,
  ...VPC_ACKNOWLEDGMENTS,
].sort();

function dbIn(stack: Stack, props: Record<string, unknown> = {}) {
  const vpc = new SecureVpc(stack, 'Vpc');
  const db = new SecureDatabaseInstance(stack, 'Db', { vpc, ...props });
  return { vpc, db };
}

describe('SecureDatabaseInstance defaults', () => {
  const stack = propertyTestStack();
  const { vpc, db } = dbIn(stack);
  const app = new ec2.SecurityGroup(stack, 'App', { vpc, allowAllOutbound: false });
  db.connections.allowDefaultPortFrom(app, 'Orders service');
  const template = Template.fromStack(stack);
  const dbId = logicalId(stack, db);

  test('drop-in: an rds.DatabaseInstance', () => {
    expect(db).toBeInstanceOf(rds.DatabaseInstance);
    expect(db.securityGroup).toBeDefined();
  });

  test('GIVEN no engine THEN PostgreSQL 18, the newest major version in the installed aws-cdk-lib', () => {
    const majors = Object.entries(rds.PostgresEngineVersion)
      .filter(([name, v]) => /^VER_\d+$/.test(name) && v instanceof rds.PostgresEngineVersion)
      .map(([, v]) => Number((v as rds.PostgresEngineVersion).postgresMajorVersion));
    expect(SecureDatabaseInstance.DEFAULT_POSTGRES_VERSION.postgresMajorVersion).toBe(String(Math.max(...majors)));
    template.hasResourceProperties('AWS::RDS::DBInstance', { Engine: 'postgres', EngineVersion: '18', DBInstanceClass: 'db.t4g.medium', Port: '5432' });
  });

  test('isolated subnets only, never public', () => {
    template.hasResourceProperties('AWS::RDS::DBInstance', { PubliclyAccessible: false });
    const group = Object.values(template.findResources('AWS::RDS::DBSubnetGroup'))[0] as any;
    expect(group.Properties.SubnetIds).toEqual(vpc.isolatedSubnets.map((s) => ({ Ref: logicalId(stack, s) })));
  });

  test('storage, Performance Insights (and so snapshots and backups) encrypted with the ring data key', () => {
    template.hasResourceProperties('AWS::RDS::DBInstance', {
      StorageEncrypted: true,
      KmsKeyId: keyArn(stack, KeyPurpose.DATA),
      EnablePerformanceInsights: true,
      PerformanceInsightsKMSKeyId: keyArn(stack, KeyPurpose.DATA),
      PerformanceInsightsRetentionPeriod: 7,
      StorageType: 'gp3',
      AllocatedStorage: '20',
      MaxAllocatedStorage: 100,
    });
  });

  test('TLS enforced by the parameter group (rds.force_ssl = 1)', () => {
    const groupId = Object.keys(template.findResources('AWS::RDS::DBParameterGroup'))[0];
    template.hasResourceProperties('AWS::RDS::DBParameterGroup', { Family: 'postgres18', Parameters: { 'rds.force_ssl': '1' } });
    template.hasResourceProperties('AWS::RDS::DBInstance', { DBParameterGroupName: { Ref: groupId } });
  });

  test('IAM authentication, deletion protection, snapshot on deletion, backups, tags, minor upgrades, Multi-AZ', () => {
    template.hasResource('AWS::RDS::DBInstance', {
      Properties: Match.objectLike({
        EnableIAMDatabaseAuthentication: true,
        DeletionProtection: true,
        BackupRetentionPeriod: 7,
        DeleteAutomatedBackups: false,
        CopyTagsToSnapshot: true,
        AutoMinorVersionUpgrade: true,
        AllowMajorVersionUpgrade: false,
        MultiAZ: true,
      }),
      DeletionPolicy: 'Snapshot',
      UpdateReplacePolicy: 'Snapshot',
    });
  });

  test('engine logs exported to encrypted, retained log groups created before the instance', () => {
    const identifier = (template.findResources('AWS::RDS::DBInstance')[dbId] as any).Properties.DBInstanceIdentifier;
    expect(identifier).toMatch(/^[a-z][a-z0-9-]{0,62}$/);
    template.hasResourceProperties('AWS::RDS::DBInstance', { EnableCloudwatchLogsExports: ['postgresql', 'upgrade'] });
    expect(db.logGroups.map((g) => g.node.id)).toEqual(['PostgresqlLogGroup', 'UpgradeLogGroup']);
    for (const log of ['postgresql', 'upgrade']) {
      template.hasResource('AWS::Logs::LogGroup', {
        Properties: { LogGroupName: `/aws/rds/instance/${identifier}/${log}`, KmsKeyId: keyArn(stack, KeyPurpose.LOGS), RetentionInDays: 365 },
        DeletionPolicy: 'Retain',
      });
    }
    const dependsOn = (template.findResources('AWS::RDS::DBInstance')[dbId] as any).DependsOn;
    expect(dependsOn).toEqual(expect.arrayContaining(db.logGroups.map((g) => logicalId(stack, g))));
  });

  test('Enhanced Monitoring every 60 s with the stack monitoring role, scoped to RDSOSMetrics', () => {
    const role = stack.node.findChild('FortressRdsMonitoringRole');
    template.hasResourceProperties('AWS::RDS::DBInstance', { MonitoringInterval: 60, MonitoringRoleArn: { 'Fn::GetAtt': [logicalId(stack, role), 'Arn'] } });
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: { Statement: [Match.objectLike({ Principal: { Service: 'monitoring.rds.amazonaws.com' }, Condition: Match.anyValue() })] },
      ManagedPolicyArns: Match.absent(),
    });
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: {
        Statement: [
          Match.objectLike({ Action: ['logs:CreateLogGroup', 'logs:PutRetentionPolicy'], Resource: Match.objectLike({ 'Fn::Join': ['', Match.arrayWith([':logs:eu-west-1:111122223333:log-group:RDSOSMetrics'])] }) }),
          Match.objectLike({ Action: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams', 'logs:GetLogEvents'] }),
        ],
      },
    });
  });

  test('master credentials generated into a secret under the secrets key, rotated every 30 days, never in the template', () => {
    template.hasResourceProperties('AWS::SecretsManager::Secret', {
      KmsKeyId: keyArn(stack, KeyPurpose.SECRETS),
      GenerateSecretString: Match.objectLike({ SecretStringTemplate: '{"username":"postgres"}', GenerateStringKey: 'password' }),
    });
    template.hasResourceProperties('AWS::SecretsManager::RotationSchedule', { RotationRules: { ScheduleExpression: 'rate(30 days)' } });
    expect(stack.node.findChild('DbSecret')).toBeInstanceOf(SecureSecret);
    template.hasResourceProperties('AWS::SecretsManager::ResourcePolicy', {
      BlockPublicPolicy: true,
      ResourcePolicy: { Statement: Match.arrayWith([Match.objectLike({ Sid: 'DenyPrincipalsOutsideThisAccount', Effect: 'Deny' })]) },
    });
    const password = (template.findResources('AWS::RDS::DBInstance')[dbId] as any).Properties.MasterUserPassword;
    expect(JSON.stringify(password)).toContain('{{resolve:secretsmanager:');
  });

  test('security group: no egress, the engine port only from what allowDefaultPortFrom names', () => {
    const sgId = logicalId(stack, db.securityGroup!);
    template.hasResourceProperties('AWS::RDS::DBInstance', { VPCSecurityGroups: [{ 'Fn::GetAtt': [sgId, 'GroupId'] }] });
    template.hasResourceProperties('AWS::EC2::SecurityGroup', {
      SecurityGroupEgress: [Match.objectLike({ CidrIp: '255.255.255.255/32', Description: 'Disallow all traffic' })],
      SecurityGroupIngress: Match.absent(),
    });
    const ingress = Object.values(template.findResources('AWS::EC2::SecurityGroupIngress'))
      .map((r: any) => r.Properties).filter((r) => JSON.stringify(r.GroupId).includes(sgId));
    expect(ingress.map((r) => [r.FromPort, r.ToPort, r.SourceSecurityGroupId['Fn::GetAtt'][0]]).sort()).toEqual([
      [5432, 5432, logicalId(stack, app)],
      [5432, 5432, expect.stringMatching(/^DbRotationSingleUserSecurityGroup/)],
    ].sort());
    expect(ingress.every((r) => r.CidrIp === undefined && r.CidrIpv6 === undefined)).toBe(true);
  });
});

describe('SecureDatabaseInstance attacks', () => {
  test('opening the engine port to the internet is refused by the RestrictedSecurityGroup', () => {
    const stack = propertyTestStack();
    const { db } = dbIn(stack);
    expect(() => db.connections.allowDefaultPortFrom(ec2.Peer.anyIpv4())).toThrow(/refuses ingress from 0\.0\.0\.0\/0 on TCP 5432/);
    expect(() => db.connections.allowFrom(ec2.Peer.ipv4('0.0.0.0/1'), ec2.Port.tcp(5432))).toThrow(/refuses ingress/);
  });

  test('the connections default port is the literal engine port, not the endpoint token', () => {
    const stack = propertyTestStack();
    const { db } = dbIn(stack, { port: 6432 });
    expect(db.connections.defaultPort?.toRuleJson()).toEqual({ ipProtocol: 'tcp', fromPort: 6432, toPort: 6432 });
  });
});

describe('SecureDatabaseInstance engines', () => {
  test.each<[string, rds.IInstanceEngine, string, string, string[]]>([
    ['MySQL', rds.DatabaseInstanceEngine.mysql({ version: rds.MysqlEngineVersion.VER_8_4_3 }), 'require_secure_transport', '3306', ['audit', 'error', 'general', 'slowquery']],
    ['MariaDB', rds.DatabaseInstanceEngine.mariaDb({ version: rds.MariaDbEngineVersion.VER_11_4_10 }), 'require_secure_transport', '3306', ['audit', 'error', 'general', 'slowquery']],
    ['SQL Server SE', rds.DatabaseInstanceEngine.sqlServerSe({ version: rds.SqlServerEngineVersion.VER_16_00_4236_2_V1 }), 'rds.force_ssl', '1433', ['agent', 'error']],
  ])('%s: TLS parameter, port and log exports', (_name, engine, parameter, port, exports) => {
    const stack = propertyTestStack();
    dbIn(stack, { engine });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::RDS::DBParameterGroup', { Parameters: { [parameter]: '1' } });
    template.hasResourceProperties('AWS::RDS::DBInstance', { Port: port, EnableCloudwatchLogsExports: exports, MultiAZ: true });
    template.resourceCountIs('AWS::Logs::LogGroup', exports.length + 1 /* VPC flow logs */);
  });

  test('SQL Server: no IAM authentication (unsupported), license included, db.m5.large', () => {
    const stack = propertyTestStack();
    dbIn(stack, { engine: rds.DatabaseInstanceEngine.sqlServerSe({ version: rds.SqlServerEngineVersion.VER_16_00_4236_2_V1 }) });
    Template.fromStack(stack).hasResourceProperties('AWS::RDS::DBInstance', {
      EnableIAMDatabaseAuthentication: Match.absent(), LicenseModel: 'license-included', DBInstanceClass: 'db.m5.large',
    });
  });

  test('Oracle: native network encryption REQUIRED in an option group', () => {
    const stack = propertyTestStack();
    dbIn(stack, { engine: rds.DatabaseInstanceEngine.oracleSe2({ version: rds.OracleEngineVersion.VER_19 }) });
    const template = Template.fromStack(stack);
    const optionGroupId = Object.keys(template.findResources('AWS::RDS::OptionGroup'))[0];
    template.hasResourceProperties('AWS::RDS::OptionGroup', {
      OptionConfigurations: [Match.objectLike({
        OptionName: 'NATIVE_NETWORK_ENCRYPTION',
        OptionSettings: Match.arrayWith([{ Name: 'SQLNET.ENCRYPTION_SERVER', Value: 'REQUIRED' }, { Name: 'SQLNET.ALLOW_WEAK_CRYPTO', Value: 'FALSE' }]),
      })],
    });
    template.hasResourceProperties('AWS::RDS::DBInstance', {
      OptionGroupName: { Ref: optionGroupId }, EnableCloudwatchLogsExports: ['audit', 'alert', 'listener', 'oemagent', 'trace'],
    });
  });
});

describe('SecureDatabaseInstance compliance (all six packs + FortressChecks)', () => {
  test('GIVEN only a vpc THEN no unacknowledged error, and exactly the documented acknowledgments', () => {
    const stack = complianceTestStack();
    dbIn(stack);
    expect(ids(expectCompliant(stack).acknowledgments)).toEqual(DEFAULT_ACKNOWLEDGMENTS);
  });

  test('GIVEN an AWS Backup selection naming it, a non-default port and a client THEN no backup-plan or port acknowledgment', () => {
    const stack = complianceTestStack();
    const { vpc, db } = dbIn(stack, { port: 6432 });
    db.connections.allowDefaultPortFrom(new ec2.SecurityGroup(stack, 'App', { vpc, allowAllOutbound: false, description: 'Application tier' }));
    const plan = backup.BackupPlan.daily35DayRetention(stack, 'Plan', new backup.BackupVault(stack, 'Vault', { encryptionKey: KmsKeyRing.of(stack).key(KeyPurpose.DATA) }));
    const selection = plan.addSelection('Databases', { resources: [backup.BackupResource.fromRdsDatabaseInstance(db)], allowRestores: false });
    Acknowledgments.acknowledgeFinding(selection, 'AwsSolutions-IAM4', 'Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup',
      'Test fixture only: the AWS Backup service role of this hand-written plan uses the AWS managed backup policy that AWS Backup documents for it.');
    const acks = ids(expectCompliant(stack).acknowledgments).filter((a) => a.startsWith('Stack/Db '));
    expect(acks).toEqual([]);
  });

  test('GIVEN the stack\'s SecureBackupPlan THEN the instance is selected and not acknowledged for the backup-plan rule', () => {
    const stack = complianceTestStack();
    dbIn(stack);
    SecureBackupPlan.of(stack);
    const acks = ids(expectCompliant(stack).acknowledgments).filter((a) => a.startsWith('Stack/Db '));
    expect(acks).toEqual(['Stack/Db AwsSolutions-RDS11']);
  });

  test('GIVEN explicit DESTROY, deletion protection off and a single AZ THEN compliant, each choice acknowledged on the instance only', () => {
    const stack = complianceTestStack();
    dbIn(stack, { removalPolicy: RemovalPolicy.DESTROY, deletionProtection: false, multiAz: false });
    const acks = ids(expectCompliant(stack).acknowledgments).filter((a) => a.startsWith('Stack/Db '));
    expect(acks).toEqual([
      'Stack/Db AwsSolutions-RDS10', 'Stack/Db AwsSolutions-RDS11', 'Stack/Db AwsSolutions-RDS3', 'Stack/Db Fortress-RDSDatabaseRetained',
      'Stack/Db HIPAA.Security-RDSInBackupPlan', 'Stack/Db HIPAA.Security-RDSInstanceDeletionProtectionEnabled', 'Stack/Db HIPAA.Security-RDSMultiAZSupport',
      'Stack/Db NIST.800.53.R4-RDSInBackupPlan', 'Stack/Db NIST.800.53.R4-RDSInstanceDeletionProtectionEnabled', 'Stack/Db NIST.800.53.R4-RDSMultiAZSupport',
      'Stack/Db NIST.800.53.R5-RDSInBackupPlan', 'Stack/Db NIST.800.53.R5-RDSInstanceDeletionProtectionEnabled', 'Stack/Db NIST.800.53.R5-RDSMultiAZSupport',
    ]);
  });

  test('property: random valid props always synthesize compliant', () => {
    fc.assert(fc.property(fc.record({
      engine: fc.constantFrom(
        undefined,
        rds.DatabaseInstanceEngine.mysql({ version: rds.MysqlEngineVersion.VER_8_4_3 }),
        rds.DatabaseInstanceEngine.mariaDb({ version: rds.MariaDbEngineVersion.VER_10_11_16 }),
        rds.DatabaseInstanceEngine.sqlServerEx({ version: rds.SqlServerEngineVersion.VER_16_00_4236_2_V1 }),
        rds.DatabaseInstanceEngine.oracleSe2({ version: rds.OracleEngineVersion.VER_19 }),
      ),
      backupDays: fc.option(fc.integer({ min: 1, max: 35 }), { nil: undefined }),
      monitoringSeconds: fc.option(fc.constantFrom(1, 5, 10, 15, 30, 60), { nil: undefined }),
      retention: fc.option(fc.constantFrom(logs.RetentionDays.ONE_MONTH, logs.RetentionDays.ONE_YEAR, logs.RetentionDays.TEN_YEARS),
        { nil: undefined }),
      removalPolicy: fc.constantFrom(undefined, RemovalPolicy.SNAPSHOT, RemovalPolicy.RETAIN),
    }), (p) => {
      const stack = complianceTestStack();
      dbIn(stack, {
        engine: p.engine,
        backupRetention: p.backupDays === undefined ? undefined : Duration.days(p.backupDays),
        monitoringInterval: p.monitoringSeconds === undefined ? undefined : Duration.seconds(p.monitoringSeconds),
        cloudwatchLogsRetention: p.retention,
        removalPolicy: p.removalPolicy,
      });
      expectCompliant(stack);
    }), { numRuns: 4 });
  });
});

describe('SecureDatabaseInstance rejects invalid input before creating anything', () => {
  const PREFIX = '[cdk-fortress] Stack/Db: ';
  const attempt = (props: (stack: Stack, vpc: ec2.IVpc) => any): unknown => rejectionOf('Db', (stack) => {
    const vpc = new SecureVpc(stack, 'Vpc');
    const p = props(stack, vpc);
    return typeof p === 'object' && p !== null ? { vpc, ...p } : p;
  }, (stack, id, p) => new SecureDatabaseInstance(stack, id, p));

  test.each<[string, (stack: Stack, vpc: ec2.IVpc) => any, string]>([
    ['publicly accessible', () => ({ publiclyAccessible: true }), "invalid 'publiclyAccessible': must be false"],
    ['public subnets by type', () => ({ vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC } }), "invalid 'vpcSubnets': must not select public subnets"],
    ['public subnets by list', (_s, vpc) => ({ vpcSubnets: { subnets: vpc.publicSubnets } }), "invalid 'vpcSubnets': must not select public subnets (a route to an internet gateway)"],
    ['unencrypted storage', () => ({ storageEncrypted: false }), "invalid 'storageEncrypted': must be true"],
    ['a key from another region', (stack) => ({ storageEncryptionKey: kms.Key.fromKeyArn(stack, 'K', 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab') }),
      "invalid 'storageEncryptionKey': must be a key in the stack's region eu-west-1"],
    ['a key and a key ring', (stack) => ({ storageEncryptionKey: new kms.Key(stack, 'K'), keyRing: KmsKeyRing.of(stack) }), "invalid 'storageEncryptionKey': cannot be combined with 'keyRing'"],
    ['backups kept 0 days', () => ({ backupRetention: Duration.days(0) }), "invalid 'backupRetention': must be a whole number of days from 1 to 35"],
    ['backups kept 36 days', () => ({ backupRetention: Duration.days(36) }), "invalid 'backupRetention'"],
    ['deletion protection off without DESTROY', () => ({ deletionProtection: false }), "invalid 'deletionProtection': can be false only with removalPolicy: RemovalPolicy.DESTROY"],
    ['DESTROY with deletion protection on', () => ({ removalPolicy: RemovalPolicy.DESTROY }), "invalid 'removalPolicy': DESTROY also needs deletionProtection: false"],
    ['monitoring every 45 s', () => ({ monitoringInterval: Duration.seconds(45) }), "invalid 'monitoringInterval': must be one of 1, 5, 10, 15, 30, 60 seconds"],
    ['monitoring off', () => ({ monitoringInterval: Duration.seconds(0) }), "invalid 'monitoringInterval'"],
    ['IAM authentication off without a reason', () => ({ iamAuthentication: false }), "invalid 'iamAuthentication': can be false only with iamAuthenticationOffReason"],
    ['IAM authentication off with a lazy reason', () => ({ iamAuthentication: false, iamAuthenticationOffReason: 'not needed' }), "invalid 'iamAuthenticationOffReason'"],
    ['IAM authentication on SQL Server', () => ({ iamAuthentication: true, engine: rds.DatabaseInstanceEngine.sqlServerSe({ version: rds.SqlServerEngineVersion.VER_16_00_4236_2_V1 }) }),
      "invalid 'iamAuthentication': is not supported by RDS for sqlserver-se"],
    ['MariaDB without require_secure_transport', () => ({ engine: rds.DatabaseInstanceEngine.mariaDb({ version: rds.MariaDbEngineVersion.VER_10_4_34 }) }),
      "invalid 'engine': must let the parameter group enforce TLS: MariaDB 10.4 has no require_secure_transport"],
    ['an unversioned engine', () => ({ engine: rds.DatabaseInstanceEngine.POSTGRES }), "invalid 'engine': must name a version"],
    ['an Aurora engine', () => ({ engine: rds.DatabaseClusterEngine.auroraPostgres({ version: rds.AuroraPostgresEngineVersion.VER_16_6 }) }), "invalid 'engine': must be an instance engine"],
    ['turning TLS off through parameters', () => ({ parameters: { 'rds.force_ssl': '0' } }), "invalid 'parameters.rds.force_ssl': cannot be set"],
    ['Multi-AZ on SQL Server Express', () => ({ multiAz: true, engine: rds.DatabaseInstanceEngine.sqlServerEx({ version: rds.SqlServerEngineVersion.VER_16_00_4236_2_V1 }) }), "invalid 'multiAz': is not available"],
    ['logs kept forever', () => ({ cloudwatchLogsRetention: logs.RetentionDays.INFINITE }), "invalid 'cloudwatchLogsRetention'"],
    ['a port RDS refuses', () => ({ port: 80 }), "invalid 'port': must be an integer from 1150 to 65535"],
    ['a reserved master user', () => ({ masterUsername: 'rdsadmin' }), "invalid 'masterUsername'"],
    ['admin on PostgreSQL', () => ({ masterUsername: 'admin' }), "invalid 'masterUsername': must not be a name RDS reserves"],
    ['rotation over 1000 days', () => ({ credentialsRotation: Duration.days(1001) }), "invalid 'credentialsRotation'"],
    ['an identifier with two hyphens', () => ({ instanceIdentifier: 'orders--db' }), "invalid 'instanceIdentifier'"],
    ['storage over its autoscaling limit', () => ({ allocatedStorage: 200, maxAllocatedStorage: 100 }), "invalid 'maxAllocatedStorage': must be at least allocatedStorage"],
    ['a malformed backup window', () => ({ preferredBackupWindow: '3am' }), "invalid 'preferredBackupWindow'"],
    ['a SNAPSHOT-less removal policy value', () => ({ removalPolicy: 'delete' }), "invalid 'removalPolicy'"],
  ])('%s', (_name, props, message) => {
    const error = attempt(props);
    expect(FortressErrors.isFortressError(error)).toBe(true);
    expect((error as Error).message).toContain(PREFIX + message);
  });

  test('missing props or vpc (JavaScript callers)', () => {
    expect((attempt(() => undefined) as Error).message).toContain(`${PREFIX}invalid 'props': are required`);
    const noVpc = rejectionOf('Db', () => ({}), (stack, id, p: any) => new SecureDatabaseInstance(stack, id, p));
    expect((noVpc as Error).message).toContain(`${PREFIX}invalid 'vpc': is required`);
  });

  test('property: any backup retention outside 1-35 days is refused with the library error', () => {
    fc.assert(fc.property(fc.oneof(fc.integer({ min: 36, max: 10_000 }), fc.constant(0)), (days) => {
      expect(FortressErrors.isFortressError(attempt(() => ({ backupRetention: Duration.days(days) })))).toBe(true);
    }), { numRuns: 10 });
  });
});

import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as fc from 'fast-check';
import { FortressErrors, KeyPurpose, KmsKeyRing, SecureBackupPlan, SecureDatabaseCluster, SecureSecret, SecureVpc } from '../../src';
import { complianceTestStack, expectCompliant, propertyTestStack, rejectionOf } from '../compliance';

const ids = (acks: Array<{ constructPath: string; ruleId: string }>) => acks.map((a) => `${a.constructPath} ${a.ruleId}`);
const logicalId = (stack: Stack, c: { node: { defaultChild?: any } }) => stack.getLogicalId(c.node.defaultChild);
const keyArn = (stack: Stack, purpose: KeyPurpose) => ({ 'Fn::GetAtt': [logicalId(stack, KmsKeyRing.of(stack).key(purpose)), 'Arn'] });
const MYSQL = rds.DatabaseClusterEngine.auroraMysql({ version: rds.AuroraMysqlEngineVersion.VER_3_12_0 });

const VPC_ACKNOWLEDGMENTS = [1, 2, 3].flatMap((n) => ['HIPAA.Security', 'NIST.800.53.R5', 'PCI.DSS.321']
  .map((pack) => `Stack/Vpc/PublicSubnet${n}/DefaultRoute ${pack}-VPCNoUnrestrictedRouteToIGW`));
const MEMBER_ACKNOWLEDGMENTS = (member: string) => ['HIPAA.Security', 'NIST.800.53.R4', 'NIST.800.53.R5'].map((pack) => `Stack/Db/${member} ${pack}-RDSInBackupPlan`);
/** The acknowledgments a SecureDatabaseCluster with defaults makes (documented in the README). */
const DEFAULT_ACKNOWLEDGMENTS = [
  'Stack/Db AwsSolutions-RDS11',
  ...MEMBER_ACKNOWLEDGMENTS('Reader1'),
  ...MEMBER_ACKNOWLEDGMENTS('Writer'),
  'Stack/FortressRdsMonitoringRole/Permissions1 AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:logs:eu-west-1:111122223333:log-group:RDSOSMetrics:log-stream:*]',
  ...VPC_ACKNOWLEDGMENTS,
].sort();

function clusterIn(stack: Stack, props: Record<string, unknown> = {}) {
  const vpc = new SecureVpc(stack, 'Vpc');
  const db = new SecureDatabaseCluster(stack, 'Db', { vpc, ...props });
  return { vpc, db };
}

describe('SecureDatabaseCluster defaults', () => {
  const stack = propertyTestStack();
  const { vpc, db } = clusterIn(stack);
  const app = new ec2.SecurityGroup(stack, 'App', { vpc, allowAllOutbound: false });
  db.connections.allowDefaultPortFrom(app, 'Ledger service');
  const template = Template.fromStack(stack);
  const clusterId = logicalId(stack, db);

  test('drop-in: an rds.DatabaseCluster of Aurora PostgreSQL 17.9, the newest 17.x in the installed aws-cdk-lib', () => {
    expect(db).toBeInstanceOf(rds.DatabaseCluster);
    // 18.x is in aws-cdk-lib but not yet in CloudFormation's published engine list (cfn-lint E3690): see DEFAULT_AURORA_POSTGRES_VERSION.
    const minors = Object.entries(rds.AuroraPostgresEngineVersion)
      .filter(([name, v]) => /^VER_17_\d+$/.test(name) && v instanceof rds.AuroraPostgresEngineVersion)
      .map(([, v]) => Number((v as rds.AuroraPostgresEngineVersion).auroraPostgresFullVersion.split('.')[1]));
    expect(SecureDatabaseCluster.DEFAULT_AURORA_POSTGRES_VERSION.auroraPostgresFullVersion).toBe(`17.${Math.max(...minors)}`);
    template.hasResourceProperties('AWS::RDS::DBCluster', { Engine: 'aurora-postgresql', EngineVersion: '17.9', Port: 5432 });
  });

  test('a writer and one reader, both inheriting class, privacy, monitoring and minor upgrades', () => {
    template.resourceCountIs('AWS::RDS::DBInstance', 2);
    const role = stack.node.findChild('FortressRdsMonitoringRole');
    for (const member of ['Writer', 'Reader1']) {
      expect(db.node.tryFindChild(member)).toBeDefined();
    }
    const members = Object.values(template.findResources('AWS::RDS::DBInstance')).map((r: any) => r.Properties);
    for (const m of members) {
      expect(m).toMatchObject({
        DBClusterIdentifier: { Ref: clusterId },
        DBInstanceClass: 'db.t4g.medium',
        PubliclyAccessible: false,
        AutoMinorVersionUpgrade: true,
        MonitoringInterval: 60,
        MonitoringRoleArn: { 'Fn::GetAtt': [logicalId(stack, role), 'Arn'] },
      });
    }
  });

  test('isolated subnets, encryption with the data key, Performance Insights, IAM auth, protection, snapshot, backups, tags', () => {
    template.hasResource('AWS::RDS::DBCluster', {
      Properties: Match.objectLike({
        StorageEncrypted: true,
        KmsKeyId: keyArn(stack, KeyPurpose.DATA),
        PerformanceInsightsEnabled: true,
        PerformanceInsightsKmsKeyId: keyArn(stack, KeyPurpose.DATA),
        PerformanceInsightsRetentionPeriod: 7,
        EnableIAMDatabaseAuthentication: true,
        DeletionProtection: true,
        BackupRetentionPeriod: 7,
        CopyTagsToSnapshot: true,
        EnableCloudwatchLogsExports: ['postgresql'],
      }),
      DeletionPolicy: 'Snapshot',
      UpdateReplacePolicy: 'Snapshot',
    });
    const group = Object.values(template.findResources('AWS::RDS::DBSubnetGroup'))[0] as any;
    expect(group.Properties.SubnetIds).toEqual(vpc.isolatedSubnets.map((s) => ({ Ref: logicalId(stack, s) })));
  });

  test('TLS enforced by the cluster parameter group', () => {
    const groupId = Object.keys(template.findResources('AWS::RDS::DBClusterParameterGroup'))[0];
    template.hasResourceProperties('AWS::RDS::DBClusterParameterGroup', { Family: 'aurora-postgresql17', Parameters: { 'rds.force_ssl': '1' } });
    template.hasResourceProperties('AWS::RDS::DBCluster', { DBClusterParameterGroupName: { Ref: groupId } });
  });

  test('logs exported to an encrypted, retained log group created before the cluster', () => {
    const cluster = template.findResources('AWS::RDS::DBCluster')[clusterId] as any;
    const identifier = cluster.Properties.DBClusterIdentifier;
    template.hasResource('AWS::Logs::LogGroup', {
      Properties: { LogGroupName: `/aws/rds/cluster/${identifier}/postgresql`, KmsKeyId: keyArn(stack, KeyPurpose.LOGS), RetentionInDays: 365 },
      DeletionPolicy: 'Retain',
    });
    expect(cluster.DependsOn).toEqual(expect.arrayContaining(db.logGroups.map((g) => logicalId(stack, g))));
  });

  test('master credentials in a SecureSecret under the secrets key, rotated every 30 days', () => {
    expect(stack.node.findChild('DbSecret')).toBeInstanceOf(SecureSecret);
    template.hasResourceProperties('AWS::SecretsManager::Secret', { KmsKeyId: keyArn(stack, KeyPurpose.SECRETS) });
    template.hasResourceProperties('AWS::SecretsManager::RotationSchedule', { RotationRules: { ScheduleExpression: 'rate(30 days)' } });
    expect(JSON.stringify((template.findResources('AWS::RDS::DBCluster')[clusterId] as any).Properties.MasterUserPassword)).toContain('{{resolve:secretsmanager:');
  });

  test('security group admits 5432 only from the named peers', () => {
    const sgId = logicalId(stack, db.securityGroup!);
    template.hasResourceProperties('AWS::RDS::DBCluster', { VpcSecurityGroupIds: [{ 'Fn::GetAtt': [sgId, 'GroupId'] }] });
    const ingress = Object.values(template.findResources('AWS::EC2::SecurityGroupIngress'))
      .map((r: any) => r.Properties).filter((r) => JSON.stringify(r.GroupId).includes(sgId));
    expect(ingress.map((r) => [r.FromPort, r.SourceSecurityGroupId['Fn::GetAtt'][0]]).sort()).toEqual([
      [5432, logicalId(stack, app)], [5432, expect.stringMatching(/^DbRotationSingleUserSecurityGroup/)],
    ].sort());
  });
});

describe('SecureDatabaseCluster with Aurora MySQL', () => {
  test('require_secure_transport, the four MySQL logs, backtrack 24 hours, 3 readers', () => {
    const stack = propertyTestStack();
    clusterIn(stack, { engine: MYSQL, readers: 3 });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::RDS::DBClusterParameterGroup', { Parameters: { require_secure_transport: '1' } });
    template.hasResourceProperties('AWS::RDS::DBCluster', {
      Engine: 'aurora-mysql', Port: 3306, BacktrackWindow: 86400, EnableCloudwatchLogsExports: ['audit', 'error', 'general', 'slowquery'],
    });
    template.resourceCountIs('AWS::RDS::DBInstance', 4);
  });
});

describe('SecureDatabaseCluster compliance (all six packs + FortressChecks)', () => {
  test('GIVEN only a vpc THEN no unacknowledged error, and exactly the documented acknowledgments', () => {
    const stack = complianceTestStack();
    clusterIn(stack);
    expect(ids(expectCompliant(stack).acknowledgments)).toEqual(DEFAULT_ACKNOWLEDGMENTS);
  });

  test('GIVEN IAM authentication off with a reason and DESTROY THEN compliant, acknowledged on the cluster', () => {
    const stack = complianceTestStack();
    clusterIn(stack, {
      engine: MYSQL,
      readers: 0,
      iamAuthentication: false,
      removalPolicy: RemovalPolicy.DESTROY,
      deletionProtection: false,
      iamAuthenticationOffReason: 'The legacy billing application only supports password authentication over TLS until its 2027 rewrite.',
    });
    const acks = ids(expectCompliant(stack).acknowledgments).filter((a) => a.startsWith('Stack/Db '));
    expect(acks).toEqual([
      'Stack/Db AwsSolutions-RDS10', 'Stack/Db AwsSolutions-RDS11', 'Stack/Db AwsSolutions-RDS6', 'Stack/Db Fortress-RDSDatabaseRetained',
      'Stack/Db HIPAA.Security-RDSInstanceDeletionProtectionEnabled', 'Stack/Db NIST.800.53.R4-RDSInstanceDeletionProtectionEnabled',
      'Stack/Db NIST.800.53.R5-RDSInstanceDeletionProtectionEnabled',
    ]);
  });

  test('GIVEN the stack\'s SecureBackupPlan THEN compliant', () => {
    const stack = complianceTestStack();
    clusterIn(stack, { port: 6432 });
    SecureBackupPlan.of(stack);
    expect(ids(expectCompliant(stack).acknowledgments).filter((a) => a.startsWith('Stack/Db '))).toEqual([]);
  });

  test('property: random valid props always synthesize compliant', () => {
    fc.assert(fc.property(fc.record({
      mysql: fc.boolean(),
      readers: fc.integer({ min: 0, max: 3 }),
      backupDays: fc.option(fc.integer({ min: 1, max: 35 }), { nil: undefined }),
      monitoringSeconds: fc.option(fc.constantFrom(1, 5, 10, 15, 30, 60), { nil: undefined }),
      backtrackHours: fc.option(fc.integer({ min: 1, max: 72 }), { nil: undefined }),
    }), (p) => {
      const stack = complianceTestStack();
      clusterIn(stack, {
        engine: p.mysql ? MYSQL : undefined,
        readers: p.readers,
        backupRetention: p.backupDays === undefined ? undefined : Duration.days(p.backupDays),
        monitoringInterval: p.monitoringSeconds === undefined ? undefined : Duration.seconds(p.monitoringSeconds),
        backtrackWindow: p.mysql && p.backtrackHours !== undefined ? Duration.hours(p.backtrackHours) : undefined,
      });
      expectCompliant(stack);
    }), { numRuns: 3 });
  });
});

describe('SecureDatabaseCluster rejects invalid input before creating anything', () => {
  const PREFIX = '[cdk-fortress] Stack/Db: ';
  const attempt = (props: (stack: Stack, vpc: ec2.IVpc) => any): unknown => rejectionOf('Db', (stack) => {
    const vpc = new SecureVpc(stack, 'Vpc');
    const p = props(stack, vpc);
    return typeof p === 'object' && p !== null ? { vpc, ...p } : p;
  }, (stack, id, p) => new SecureDatabaseCluster(stack, id, p));

  test.each<[string, (stack: Stack, vpc: ec2.IVpc) => any, string]>([
    ['publicly accessible', () => ({ publiclyAccessible: true }), "invalid 'publiclyAccessible': must be false"],
    ['public subnets', () => ({ vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC } }), "invalid 'vpcSubnets': must not select public subnets"],
    ['public subnets by group name', () => ({ vpcSubnets: { subnetGroupName: 'Public' } }), "invalid 'vpcSubnets': must not select public subnets (a route to an internet gateway)"],
    ['unencrypted storage', () => ({ storageEncrypted: false }), "invalid 'storageEncrypted': must be true"],
    ['a key from another region', (stack) => ({ storageEncryptionKey: kms.Key.fromKeyArn(stack, 'K', 'arn:aws:kms:us-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab') }),
      "invalid 'storageEncryptionKey': must be a key in the stack's region eu-west-1"],
    ['backups kept 40 days', () => ({ backupRetention: Duration.days(40) }), "invalid 'backupRetention': must be a whole number of days from 1 to 35"],
    ['backups kept 12 hours', () => ({ backupRetention: Duration.hours(12) }), "invalid 'backupRetention'"],
    ['deletion protection off without DESTROY', () => ({ deletionProtection: false, removalPolicy: RemovalPolicy.RETAIN }), "invalid 'deletionProtection': can be false only with"],
    ['monitoring every 2 minutes', () => ({ monitoringInterval: Duration.minutes(2) }), "invalid 'monitoringInterval': must be one of 1, 5, 10, 15, 30, 60 seconds"],
    ['IAM authentication off without a reason', () => ({ iamAuthentication: false }), "invalid 'iamAuthentication': can be false only with iamAuthenticationOffReason"],
    ['a reason without turning IAM authentication off', () => ({ iamAuthenticationOffReason: 'Our clients use passwords over TLS until the migration completes in 2027.' }),
      "invalid 'iamAuthenticationOffReason': is only for iamAuthentication: false"],
    ['an instance engine', () => ({ engine: rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_18 }) }), "invalid 'engine': must be an Aurora engine"],
    ['an unversioned Aurora engine', () => ({ engine: rds.DatabaseClusterEngine.AURORA_POSTGRESQL }), "invalid 'engine': must name a version"],
    ['TLS off through parameters', () => ({ engine: MYSQL, parameters: { require_secure_transport: 'OFF' } }), "invalid 'parameters.require_secure_transport': cannot be set"],
    ['16 readers', () => ({ readers: 16 }), "invalid 'readers': must be an integer from 0 to 15"],
    ['backtrack on PostgreSQL', () => ({ backtrackWindow: Duration.hours(1) }), "invalid 'backtrackWindow': is only for Aurora MySQL"],
    ['backtrack over 72 hours', () => ({ engine: MYSQL, backtrackWindow: Duration.hours(73) }), "invalid 'backtrackWindow'"],
    ['a cluster identifier with capitals', () => ({ clusterIdentifier: 'Ledger' }), "invalid 'clusterIdentifier'"],
    ['a SNAPSHOT-incompatible removal policy', () => ({ removalPolicy: 'snapshot-please' }), "invalid 'removalPolicy'"],
    ['a vpc that is not one', () => ({ vpc: 'vpc-123' }), "invalid 'vpc': must be an ec2.IVpc"],
  ])('%s', (_name, props, message) => {
    const error = attempt(props);
    expect(FortressErrors.isFortressError(error)).toBe(true);
    expect((error as Error).message).toContain(PREFIX + message);
  });

  test('property: any reader count outside 0-15 is refused with the library error', () => {
    fc.assert(fc.property(fc.oneof(fc.integer({ max: -1 }), fc.integer({ min: 16 }), fc.double({ min: 0.1, max: 14.9, noInteger: true })), (n) => {
      expect(FortressErrors.isFortressError(attempt(() => ({ readers: n })))).toBe(true);
    }), { numRuns: 10 });
  });
});

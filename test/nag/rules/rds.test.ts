import { RemovalPolicy } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as rds from 'aws-cdk-lib/aws-rds';
import { SecureDatabaseCluster, SecureDatabaseInstance } from '../../../src';
import { ruleTestStack, violationsOf } from '../rule-harness';

const PG = rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_18 });
const ISOLATED = { subnetType: ec2.SubnetType.PRIVATE_ISOLATED };
const AURORA_MYSQL = rds.DatabaseClusterEngine.auroraMysql({ version: rds.AuroraMysqlEngineVersion.VER_3_12_0 });

function vpcIn(stack: ReturnType<typeof ruleTestStack>) {
  return new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 0, subnetConfiguration: [{ name: 'Data', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
}

describe('RDSTlsEnforced', () => {
  const RULE = 'RDSTlsEnforced';

  test('Noncompliance 1: an instance on the engine default parameter group', () => {
    const stack = ruleTestStack();
    new rds.DatabaseInstance(stack, 'Db', { engine: PG, vpc: vpcIn(stack), vpcSubnets: ISOLATED });
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Db/Resource']);
  });

  test('Noncompliance 2: a parameter group with rds.force_ssl 0', () => {
    const stack = ruleTestStack();
    new rds.DatabaseInstance(stack, 'Db', { engine: PG, vpc: vpcIn(stack), vpcSubnets: ISOLATED, parameters: { 'rds.force_ssl': '0' } });
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Db/Resource']);
  });

  test('Noncompliance 3: a SecureDatabaseInstance whose TLS parameter was overridden by an escape hatch', () => {
    const stack = ruleTestStack();
    const db = new SecureDatabaseInstance(stack, 'Db', { vpc: vpcIn(stack) });
    (db.node.findChild('ParameterGroup').node.defaultChild as rds.CfnDBParameterGroup).addPropertyOverride('Parameters.rds\\.force_ssl', '0');
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Db/Resource']);
  });

  test('Noncompliance 4: a SecureDatabaseInstance pointed at an imported parameter group by an escape hatch', () => {
    const stack = ruleTestStack();
    const db = new SecureDatabaseInstance(stack, 'Db', { vpc: vpcIn(stack) });
    (db.node.defaultChild as rds.CfnDBInstance).addPropertyOverride('DBParameterGroupName', 'default.postgres18');
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Db/Resource']);
  });

  test('Noncompliance 5: an Aurora MySQL cluster without require_secure_transport', () => {
    const stack = ruleTestStack();
    new rds.DatabaseCluster(stack, 'Db', { engine: AURORA_MYSQL, vpc: vpcIn(stack), vpcSubnets: ISOLATED, writer: rds.ClusterInstance.provisioned('Writer'), parameters: { time_zone: 'UTC' } });
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Db/Resource']);
  });

  test('Noncompliance 6: an Oracle instance whose option group does not require encryption', () => {
    const stack = ruleTestStack();
    const db = new SecureDatabaseInstance(stack, 'Db', { vpc: vpcIn(stack), engine: rds.DatabaseInstanceEngine.oracleSe2({ version: rds.OracleEngineVersion.VER_19 }) });
    (db.node.findChild('OptionGroup').node.defaultChild as rds.CfnOptionGroup).addPropertyOverride('OptionConfigurations.0.OptionSettings.0.Value', 'ACCEPTED');
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Db/Resource']);
  });

  test('Compliance: SecureDatabaseInstance (PostgreSQL, MySQL, SQL Server, Oracle), SecureDatabaseCluster, a hand-made TLS group; cluster members not judged', () => {
    const stack = ruleTestStack();
    const vpc = vpcIn(stack);
    new SecureDatabaseInstance(stack, 'Pg', { vpc });
    new SecureDatabaseInstance(stack, 'My', { vpc, engine: rds.DatabaseInstanceEngine.mysql({ version: rds.MysqlEngineVersion.VER_8_4_3 }) });
    new SecureDatabaseInstance(stack, 'Ms', { vpc, engine: rds.DatabaseInstanceEngine.sqlServerSe({ version: rds.SqlServerEngineVersion.VER_16_00_4236_2_V1 }) });
    new SecureDatabaseInstance(stack, 'Ora', { vpc, engine: rds.DatabaseInstanceEngine.oracleSe2({ version: rds.OracleEngineVersion.VER_19 }) });
    new SecureDatabaseCluster(stack, 'Aurora', { vpc });
    new SecureDatabaseCluster(stack, 'AuroraMy', { vpc, engine: AURORA_MYSQL, readers: 0 });
    new rds.DatabaseInstance(stack, 'Plain', { engine: PG, vpc, vpcSubnets: ISOLATED, parameters: { 'rds.force_ssl': '1' } });
    expect(violationsOf(stack, RULE)).toEqual([]);
  });
});

describe('RDSDatabaseRetained', () => {
  const RULE = 'RDSDatabaseRetained';

  test('Noncompliance 1: an instance deleted with its stack', () => {
    const stack = ruleTestStack();
    new rds.DatabaseInstance(stack, 'Db', { engine: PG, vpc: vpcIn(stack), vpcSubnets: ISOLATED, removalPolicy: RemovalPolicy.DESTROY });
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Db/Resource']);
  });

  test('Noncompliance 2: a SecureDatabaseCluster whose deletion policy was overridden', () => {
    const stack = ruleTestStack();
    const db = new SecureDatabaseCluster(stack, 'Db', { vpc: vpcIn(stack) });
    (db.node.defaultChild as rds.CfnDBCluster).cfnOptions.deletionPolicy = undefined;
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Db/Resource']);
  });

  test('Noncompliance 3: a raw DB instance without policies', () => {
    const stack = ruleTestStack();
    new rds.CfnDBInstance(stack, 'Raw', { engine: 'postgres', dbInstanceClass: 'db.t4g.medium', allocatedStorage: '20' });
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Raw']);
  });

  test('Compliance: SNAPSHOT and RETAIN databases; Aurora members not judged; an explicit DESTROY is acknowledged', () => {
    const stack = ruleTestStack();
    const vpc = vpcIn(stack);
    new SecureDatabaseInstance(stack, 'Snap', { vpc });
    new SecureDatabaseInstance(stack, 'Kept', { vpc, removalPolicy: RemovalPolicy.RETAIN });
    new SecureDatabaseCluster(stack, 'Aurora', { vpc });
    new SecureDatabaseInstance(stack, 'Scratch', { vpc, removalPolicy: RemovalPolicy.DESTROY, deletionProtection: false });
    expect(violationsOf(stack, RULE)).toEqual([]);
  });
});

describe('RDSNotPubliclyAccessible', () => {
  const RULE = 'RDSNotPubliclyAccessible';

  test('Noncompliance 1: a raw instance that leaves it to RDS', () => {
    const stack = ruleTestStack();
    new rds.CfnDBInstance(stack, 'Raw', { engine: 'postgres', dbInstanceClass: 'db.t4g.medium', allocatedStorage: '20' });
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Raw']);
  });

  test('Noncompliance 2: a SecureDatabaseInstance made public by an escape hatch', () => {
    const stack = ruleTestStack();
    const db = new SecureDatabaseInstance(stack, 'Db', { vpc: vpcIn(stack) });
    (db.node.defaultChild as rds.CfnDBInstance).addPropertyOverride('PubliclyAccessible', true);
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Db/Resource']);
  });

  test('Noncompliance 3: an Aurora reader made public by an escape hatch', () => {
    const stack = ruleTestStack();
    const db = new SecureDatabaseCluster(stack, 'Db', { vpc: vpcIn(stack) });
    (db.node.findChild('Reader1').node.defaultChild as rds.CfnDBInstance).addPropertyOverride('PubliclyAccessible', 'true');
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Db/Reader1/Resource']);
  });

  test('Compliance: SecureDatabaseInstance, SecureDatabaseCluster and its members, a private L2 instance', () => {
    const stack = ruleTestStack();
    const vpc = vpcIn(stack);
    new SecureDatabaseInstance(stack, 'Db', { vpc });
    new SecureDatabaseCluster(stack, 'Aurora', { vpc });
    new rds.DatabaseInstance(stack, 'Plain', { engine: PG, vpc, vpcSubnets: ISOLATED });
    expect(violationsOf(stack, RULE)).toEqual([]);
  });
});

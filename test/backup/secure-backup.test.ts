import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as backup from 'aws-cdk-lib/aws-backup';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as efs from 'aws-cdk-lib/aws-efs';
import * as events from 'aws-cdk-lib/aws-events';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import * as fc from 'fast-check';
import { Acknowledgments, FortressErrors, KeyPurpose, KmsKeyRing, RuleGroup, SecureBackupPlan, SecureBackupVault, VaultLockMode } from '../../src';
import { checkCompliance, complianceTestStack, expectCompliant, propertyTestStack, rejectionOf } from '../compliance';

const ids = (acks: Array<{ constructPath: string; ruleId: string }>) => acks.map((a) => `${a.constructPath} ${a.ruleId}`);
const logicalId = (stack: Stack, c: { node: { defaultChild?: any } }) => stack.getLogicalId(c.node.defaultChild);
const BACKUP_ROLE_ACKS = [
  'Stack/FortressBackupPlan/Role AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup]',
  'Stack/FortressBackupPlan/Role Fortress-IAMRoleServiceTrustConfusedDeputy',
];

function table(stack: Stack, id = 'Table'): dynamodb.Table {
  return new dynamodb.Table(stack, id, {
    partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
    billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED,
    encryptionKey: KmsKeyRing.of(stack).key(KeyPurpose.DATA),
  });
}

describe('SecureBackupVault', () => {
  test('GIVEN no props THEN encrypted with the ring data key, governance lock of 7 days, deletion of recovery points denied, retained', () => {
    const stack = propertyTestStack();
    new SecureBackupVault(stack, 'Vault');
    Template.fromStack(stack).hasResource('AWS::Backup::BackupVault', {
      Properties: {
        EncryptionKeyArn: { 'Fn::GetAtt': [logicalId(stack, KmsKeyRing.of(stack).key(KeyPurpose.DATA)), 'Arn'] },
        LockConfiguration: { MinRetentionDays: 7, MaxRetentionDays: Match.absent(), ChangeableForDays: Match.absent() },
        AccessPolicy: {
          Version: '2012-10-17',
          Statement: [{
            Sid: 'DenyRecoveryPointDeletion',
            Effect: 'Deny',
            Principal: { AWS: '*' },
            Action: ['backup:DeleteRecoveryPoint', 'backup:UpdateRecoveryPointLifecycle', 'backup:PutBackupVaultAccessPolicy'],
            Resource: '*',
          }],
        },
      },
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
  });

  test('GIVEN compliance mode THEN min, max and a 3-day grace time are locked, with a warning that it cannot be undone', () => {
    const stack = propertyTestStack();
    const vault = new SecureBackupVault(stack, 'Vault', { lockMode: VaultLockMode.COMPLIANCE, minRetention: Duration.days(35), maxRetention: Duration.days(400) });
    Template.fromStack(stack).hasResourceProperties('AWS::Backup::BackupVault', { LockConfiguration: { MinRetentionDays: 35, MaxRetentionDays: 400, ChangeableForDays: 3 } });
    Annotations.fromStack(stack).hasWarning('/Stack/Vault', Match.stringLikeRegexp('compliance mode becomes immutable 3 days after deployment'));
    expect(vault.lockMode).toBe(VaultLockMode.COMPLIANCE);
  });

  test('GIVEN governance mode THEN no warning', () => {
    const stack = propertyTestStack();
    new SecureBackupVault(stack, 'Vault', { maxRetention: Duration.days(400) });
    Annotations.fromStack(stack).hasNoWarning('/Stack/Vault', Match.anyValue());
  });

  test('drop-in: a backup.BackupVault', () => {
    expect(new SecureBackupVault(propertyTestStack(), 'Vault')).toBeInstanceOf(backup.BackupVault);
  });
});

describe('SecureBackupPlan', () => {
  test('GIVEN of(stack) THEN daily 35-day and monthly 1-year rules into its SecureBackupVault', () => {
    const stack = propertyTestStack();
    const plan = SecureBackupPlan.of(stack);
    expect(SecureBackupPlan.of(stack)).toBe(plan);
    expect(plan.node.path).toBe('Stack/FortressBackupPlan');
    expect(plan.vault).toBeInstanceOf(SecureBackupVault);
    const vault = { 'Fn::GetAtt': [logicalId(stack, plan.vault), 'BackupVaultName'] };
    Template.fromStack(stack).hasResourceProperties('AWS::Backup::BackupPlan', {
      BackupPlan: {
        BackupPlanRule: [
          { RuleName: 'Daily', ScheduleExpression: 'cron(0 5 * * ? *)', Lifecycle: { DeleteAfterDays: 35 }, TargetBackupVault: vault },
          { RuleName: 'Monthly', ScheduleExpression: 'cron(0 5 1 * ? *)', Lifecycle: { DeleteAfterDays: 365 }, TargetBackupVault: vault },
        ],
      },
    });
  });

  test('GIVEN stateful resources of every supported type THEN one selection names each; Aurora members are left to their cluster', () => {
    const stack = propertyTestStack();
    const t = table(stack);
    const global = new dynamodb.TableV2(stack, 'Global', { partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING } });
    const volume = new ec2.CfnVolume(stack, 'Volume', { availabilityZone: 'eu-west-1a', size: 10, encrypted: true });
    const fs = new efs.CfnFileSystem(stack, 'Fs', { encrypted: true });
    const db = new rds.CfnDBInstance(stack, 'Db', { engine: 'postgres', dbInstanceClass: 'db.t4g.micro', allocatedStorage: '20' });
    const cluster = new rds.CfnDBCluster(stack, 'Cluster', { engine: 'aurora-postgresql' });
    new rds.CfnDBInstance(stack, 'ClusterMember', { engine: 'aurora-postgresql', dbInstanceClass: 'db.r6g.large', dbClusterIdentifier: cluster.ref });
    new s3.Bucket(stack, 'Bucket', { versioned: true });
    const plan = SecureBackupPlan.of(stack);
    Template.fromStack(stack).hasResourceProperties('AWS::Backup::BackupSelection', {
      BackupPlanId: { 'Fn::GetAtt': [logicalId(stack, plan.plan), 'BackupPlanId'] },
      BackupSelection: {
        IamRoleArn: { 'Fn::GetAtt': [logicalId(stack, plan.role), 'Arn'] },
        Resources: [
          { 'Fn::GetAtt': [logicalId(stack, t), 'Arn'] },
          { 'Fn::GetAtt': [logicalId(stack, global), 'Arn'] },
          { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':ec2:eu-west-1:111122223333:volume/', { Ref: stack.getLogicalId(volume) }]] },
          { 'Fn::GetAtt': [stack.getLogicalId(fs), 'Arn'] },
          { 'Fn::GetAtt': [stack.getLogicalId(db), 'DBInstanceArn'] },
          { 'Fn::GetAtt': [stack.getLogicalId(cluster), 'DBClusterArn'] },
        ],
      },
    });
  });

  test('GIVEN includeBuckets THEN versioned buckets are selected, unversioned ones not, and the S3 backup policy is attached', () => {
    const stack = propertyTestStack();
    const versioned = new s3.Bucket(stack, 'Versioned', { versioned: true });
    new s3.Bucket(stack, 'Plain');
    new SecureBackupPlan(stack, 'Plan', { includeBuckets: true });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::Backup::BackupSelection', { BackupSelection: { Resources: [{ 'Fn::GetAtt': [logicalId(stack, versioned), 'Arn'] }] } });
    template.hasResourceProperties('AWS::IAM::Role', {
      ManagedPolicyArns: Match.arrayWith([Match.objectLike({ 'Fn::Join': ['', Match.arrayWith([':iam::aws:policy/service-role/AWSBackupServiceRolePolicyForS3Backup'])] })]),
    });
  });

  test('GIVEN no stateful resource THEN no selection (CloudFormation refuses an empty one)', () => {
    const stack = propertyTestStack();
    SecureBackupPlan.of(stack);
    Template.fromStack(stack).resourceCountIs('AWS::Backup::BackupSelection', 0);
  });

  test('GIVEN a plan that does not select its stack THEN only what addResource names', () => {
    const stack = propertyTestStack();
    table(stack);
    const plan = new SecureBackupPlan(stack, 'Plan', { selectStackResources: false });
    plan.addResource('arn:aws:dynamodb:eu-west-1:111122223333:table/other');
    Template.fromStack(stack).hasResourceProperties('AWS::Backup::BackupSelection', { BackupSelection: { Resources: ['arn:aws:dynamodb:eu-west-1:111122223333:table/other'] } });
  });

  test('GIVEN a copy target in another region THEN both rules copy there with their retention', () => {
    const stack = propertyTestStack();
    const target = 'arn:aws:backup:eu-central-1:111122223333:backup-vault:dr';
    SecureBackupPlan.of(stack);
    new SecureBackupPlan(stack, 'Copying', { selectStackResources: false, copyTargetVaultArn: target });
    Template.fromStack(stack).hasResourceProperties('AWS::Backup::BackupPlan', {
      BackupPlan: {
        BackupPlanRule: [
          Match.objectLike({ RuleName: 'Daily', CopyActions: [{ DestinationBackupVaultArn: target, Lifecycle: { DeleteAfterDays: 35 } }] }),
          Match.objectLike({ RuleName: 'Monthly', CopyActions: [{ DestinationBackupVaultArn: target, Lifecycle: { DeleteAfterDays: 365 } }] }),
        ],
      },
    });
  });

  test('GIVEN restore testing THEN a restore-testing plan over the vault and one selection per protected resource type', () => {
    const stack = propertyTestStack();
    const t = table(stack);
    const db = new rds.CfnDBInstance(stack, 'Db', { engine: 'postgres', dbInstanceClass: 'db.t4g.micro', allocatedStorage: '20' });
    const plan = new SecureBackupPlan(stack, 'Plan', { restoreTesting: true, restoreTestingSchedule: events.Schedule.cron({ minute: '0', hour: '3', weekDay: 'SUN' }) });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::Backup::RestoreTestingPlan', {
      ScheduleExpression: 'cron(0 3 ? * SUN *)',
      RecoveryPointSelection: { Algorithm: 'LATEST_WITHIN_WINDOW', IncludeVaults: [{ 'Fn::GetAtt': [logicalId(stack, plan.vault), 'BackupVaultArn'] }], RecoveryPointTypes: ['SNAPSHOT'], SelectionWindowDays: 7 },
    });
    template.resourceCountIs('AWS::Backup::RestoreTestingSelection', 2);
    template.hasResourceProperties('AWS::Backup::RestoreTestingSelection', {
      ProtectedResourceType: 'DynamoDB', ProtectedResourceArns: [{ 'Fn::GetAtt': [logicalId(stack, t), 'Arn'] }], IamRoleArn: { 'Fn::GetAtt': [logicalId(stack, plan.role), 'Arn'] },
    });
    template.hasResourceProperties('AWS::Backup::RestoreTestingSelection', { ProtectedResourceType: 'RDS', ProtectedResourceArns: [{ 'Fn::GetAtt': [stack.getLogicalId(db), 'DBInstanceArn'] }] });
    template.hasResourceProperties('AWS::IAM::Role', {
      ManagedPolicyArns: Match.arrayWith([Match.objectLike({ 'Fn::Join': ['', Match.arrayWith([':iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores'])] })]),
    });
  });
});

describe('SecureBackupPlan compliance (all six packs + FortressChecks)', () => {
  test('GIVEN of(stack) with a table THEN no unacknowledged error; only the managed backup policy and the passed-role trust are acknowledged, on the role', () => {
    const stack = complianceTestStack();
    table(stack);
    SecureBackupPlan.of(stack);
    expect(ids(expectCompliant(stack).acknowledgments)).toEqual(BACKUP_ROLE_ACKS);
  });

  test('GIVEN an Aurora cluster and an RDS instance THEN RDSInBackupPlan passes for the instance and is acknowledged on the Aurora member only', () => {
    const stack = complianceTestStack();
    const vpc = new ec2.Vpc(stack, 'Vpc', { natGateways: 0, subnetConfiguration: [{ name: 'Isolated', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
    new rds.DatabaseCluster(stack, 'Aurora', {
      engine: rds.DatabaseClusterEngine.auroraPostgres({ version: rds.AuroraPostgresEngineVersion.VER_16_4 }),
      writer: rds.ClusterInstance.provisioned('Writer'),
      vpc,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
    });
    new rds.DatabaseInstance(stack, 'Postgres', { engine: rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_16 }), vpc, vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED } });
    SecureBackupPlan.of(stack);
    const report = checkCompliance(stack);
    const inBackupPlan = report.report.errors.filter((f) => /InBackupPlan/.test(f.ruleId));
    expect(inBackupPlan).toEqual([]);
    expect(ids(report.acknowledgments).filter((a) => /InBackupPlan/.test(a))).toEqual([
      'Stack/Aurora/Writer/Resource HIPAA.Security-RDSInBackupPlan',
      'Stack/Aurora/Writer/Resource NIST.800.53.R4-RDSInBackupPlan',
      'Stack/Aurora/Writer/Resource NIST.800.53.R5-RDSInBackupPlan',
    ]);
  });

  test('GIVEN an Aurora member already acknowledged above its resource THEN the plan does not acknowledge it again', () => {
    const stack = complianceTestStack();
    const cluster = new rds.CfnDBCluster(stack, 'Cluster', { engine: 'aurora-postgresql', storageEncrypted: true });
    const member = new Construct(stack, 'Member');
    new rds.CfnDBInstance(member, 'Resource', { engine: 'aurora-postgresql', dbInstanceClass: 'db.r6g.large', dbClusterIdentifier: cluster.ref });
    Acknowledgments.acknowledgeGroup(member, RuleGroup.RDS_IN_BACKUP_PLAN, 'This is a member instance of an Aurora cluster: the cluster volume holds its data, backed up per cluster.');
    SecureBackupPlan.of(stack);
    const acks = ids(checkCompliance(stack).acknowledgments).filter((a) => /RDSInBackupPlan/.test(a));
    expect(acks).toEqual(['Stack/Member HIPAA.Security-RDSInBackupPlan', 'Stack/Member NIST.800.53.R4-RDSInBackupPlan', 'Stack/Member NIST.800.53.R5-RDSInBackupPlan']);
  });

  test('property: random valid plans and vaults always synthesize compliant', () => {
    fc.assert(fc.property(fc.record({
      compliance: fc.boolean(),
      minDays: fc.integer({ min: 1, max: 35 }),
      daily: fc.integer({ min: 35, max: 100 }),
      monthly: fc.integer({ min: 100, max: 3650 }),
      restoreTesting: fc.boolean(),
      includeBuckets: fc.boolean(),
      copy: fc.boolean(),
    }), (p) => {
      const stack = complianceTestStack();
      table(stack);
      const vault = new SecureBackupVault(stack, 'Vault', {
        lockMode: p.compliance ? VaultLockMode.COMPLIANCE : undefined,
        minRetention: Duration.days(p.minDays),
        maxRetention: p.compliance ? Duration.days(3650) : undefined,
      });
      new SecureBackupPlan(stack, 'Plan', {
        vault,
        dailyRetention: Duration.days(p.daily),
        monthlyRetention: Duration.days(p.monthly),
        restoreTesting: p.restoreTesting,
        includeBuckets: p.includeBuckets,
        copyTargetVaultArn: p.copy ? 'arn:aws:backup:eu-central-1:444455556666:backup-vault:dr' : undefined,
      });
      expectCompliant(stack);
    }), { numRuns: 6 });
  });
});

describe('SecureBackupVault and SecureBackupPlan reject invalid input before creating anything', () => {
  const vaultAttempt = (props: (stack: Stack) => any): unknown => rejectionOf('V', props, (stack, id, p) => new SecureBackupVault(stack, id, p));
  const planAttempt = (props: (stack: Stack) => any): unknown => rejectionOf('P', props, (stack, id, p) => new SecureBackupPlan(stack, id, p));

  test.each<[string, (stack: Stack) => any, string]>([
    ['min retention over max', () => ({ minRetention: Duration.days(40), maxRetention: Duration.days(30) }), "invalid 'maxRetention': must be at least minRetention (40 days) (got '30 days')"],
    ['compliance mode without a maximum', () => ({ lockMode: VaultLockMode.COMPLIANCE }), "invalid 'maxRetention': is required: compliance mode locks a minimum and a maximum retention"],
    ['a grace time under 3 days', () => ({ lockMode: VaultLockMode.COMPLIANCE, maxRetention: Duration.days(30), changeableFor: Duration.days(2) }), "invalid 'changeableFor': must be a whole number of days from 3 to 36500"],
    ['a grace time in governance mode', () => ({ changeableFor: Duration.days(5) }), "invalid 'changeableFor': requires lockMode VaultLockMode.COMPLIANCE"],
    ['a minimum of 0 days', () => ({ minRetention: Duration.days(0) }), "invalid 'minRetention': must be a whole number of days from 1 to 36500"],
    ['a maximum over 36500 days', () => ({ maxRetention: Duration.days(36_501) }), "invalid 'maxRetention'"],
    ['a minimum in hours', () => ({ minRetention: Duration.hours(36) }), "invalid 'minRetention'"],
    ['a minimum given as a number', () => ({ minRetention: 7 }), "invalid 'minRetention': must be a Duration"],
    ['an unknown lock mode', () => ({ lockMode: 'STRICT' }), "invalid 'lockMode': must be one of"],
    ['a vault name with a space', () => ({ backupVaultName: 'my vault' }), "invalid 'backupVaultName'"],
    ['a key and a key ring', (stack) => ({ encryptionKey: new kms.Key(stack, 'K'), keyRing: KmsKeyRing.of(stack) }), "invalid 'encryptionKey': cannot be combined with 'keyRing'"],
    ['a SNAPSHOT removal policy', () => ({ removalPolicy: RemovalPolicy.SNAPSHOT }), "invalid 'removalPolicy'"],
  ])('vault: %s', (_name, props, message) => {
    const error = vaultAttempt(props);
    expect(FortressErrors.isFortressError(error)).toBe(true);
    expect((error as Error).message).toContain(`[cdk-fortress] Stack/V: ${message}`);
  });

  test.each<[string, (stack: Stack) => any, string]>([
    ['daily retention under the vault lock minimum', (stack) => ({ vault: new SecureBackupVault(stack, 'Vault', { minRetention: Duration.days(60) }) }), "invalid 'dailyRetention': must be at least the vault lock's minimum retention (60 days)"],
    ['monthly retention over the vault lock maximum', (stack) => ({ vault: new SecureBackupVault(stack, 'Vault', { maxRetention: Duration.days(100) }) }), "invalid 'monthlyRetention': must be at most the vault lock's maximum retention (100 days)"],
    ['a daily retention of 0 days', () => ({ dailyRetention: Duration.days(0) }), "invalid 'dailyRetention': must be a whole number of days from 1 to 36500"],
    ['a monthly retention over 36500 days', () => ({ monthlyRetention: Duration.days(40_000) }), "invalid 'monthlyRetention'"],
    ['a retention given as a number', () => ({ dailyRetention: 35 }), "invalid 'dailyRetention': must be a Duration"],
    ['a copy target that is not a vault ARN', () => ({ selectStackResources: false, copyTargetVaultArn: 'arn:aws:s3:::bucket' }), "invalid 'copyTargetVaultArn': must be a backup vault ARN"],
    ['a copy target next to the original', () => ({ selectStackResources: false, copyTargetVaultArn: 'arn:aws:backup:eu-west-1:111122223333:backup-vault:same' }), "invalid 'copyTargetVaultArn': must be a vault in another region or another account"],
    ['a restore-testing schedule without restore testing', () => ({ restoreTestingSchedule: events.Schedule.rate(Duration.days(7)) }), "invalid 'restoreTestingSchedule': requires 'restoreTesting'"],
    ['a vault that is not a SecureBackupVault', (stack) => ({ vault: new backup.BackupVault(stack, 'Plain') }), "invalid 'vault': must be a SecureBackupVault"],
    ['buckets without the stack selection', () => ({ selectStackResources: false, includeBuckets: true }), "invalid 'includeBuckets': requires selectStackResources"],
    ['restoreTesting as a string', () => ({ restoreTesting: 'yes' }), "invalid 'restoreTesting': must be true or false"],
    ['a plan name with a slash', () => ({ backupPlanName: 'a/b' }), "invalid 'backupPlanName'"],
    ['a second plan selecting the stack', (stack) => { SecureBackupPlan.of(stack); return {}; }, "invalid 'selectStackResources': must be false: Stack/FortressBackupPlan already selects this stack's resources"],
  ])('plan: %s', (_name, props, message) => {
    const error = planAttempt(props);
    expect(FortressErrors.isFortressError(error)).toBe(true);
    expect((error as Error).message).toContain(`[cdk-fortress] Stack/P: ${message}`);
  });
});

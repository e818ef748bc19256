import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as fc from 'fast-check';
import { FortressErrors, KeyPurpose, KmsKeyRing, SecureBackupPlan, SecureTable } from '../../src';
import { complianceTestStack, expectCompliant, propertyTestStack, rejectionOf } from '../compliance';

const ids = (acks: Array<{ constructPath: string; ruleId: string }>) => acks.map((a) => `${a.constructPath} ${a.ruleId}`);
const logicalId = (stack: Stack, c: { node: { defaultChild?: any } }) => stack.getLogicalId(c.node.defaultChild);
const PK = { name: 'pk', type: dynamodb.AttributeType.STRING };

/** The acknowledgments a SecureTable with defaults brings (through the stack's backup plan; documented in the README). */
const DEFAULT_ACKNOWLEDGMENTS = [
  'Stack/FortressBackupPlan/Role AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup]',
  'Stack/FortressBackupPlan/Role Fortress-IAMRoleServiceTrustConfusedDeputy',
];

describe('SecureTable', () => {
  test('GIVEN only a partition key THEN ring data key, PITR 35 days, deletion protection, on-demand, retained', () => {
    const stack = propertyTestStack();
    const table = new SecureTable(stack, 'Orders', { partitionKey: PK });
    Template.fromStack(stack).hasResource('AWS::DynamoDB::Table', {
      Properties: {
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        BillingMode: 'PAY_PER_REQUEST',
        SSESpecification: { SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: { 'Fn::GetAtt': [logicalId(stack, KmsKeyRing.of(stack).key(KeyPurpose.DATA)), 'Arn'] } },
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true, RecoveryPeriodInDays: 35 },
        DeletionProtectionEnabled: true,
        ContributorInsightsSpecification: Match.absent(),
        ProvisionedThroughput: Match.absent(),
      },
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
    expect(table).toBeInstanceOf(dynamodb.Table);
  });

  test('GIVEN only a partition key THEN the stack\'s backup plan selects the table', () => {
    const stack = propertyTestStack();
    const table = new SecureTable(stack, 'Orders', { partitionKey: PK });
    const template = Template.fromStack(stack);
    expect(SecureBackupPlan.of(stack).node.path).toBe('Stack/FortressBackupPlan');
    template.hasResourceProperties('AWS::Backup::BackupSelection', { BackupSelection: { Resources: [{ 'Fn::GetAtt': [logicalId(stack, table), 'Arn'] }] } });
  });

  test('GIVEN a plan of the user\'s created after the table THEN the table uses it and no default plan is created', () => {
    const stack = propertyTestStack();
    const table = new SecureTable(stack, 'Orders', { partitionKey: PK });
    const plan = new SecureBackupPlan(stack, 'Mine', { restoreTesting: true });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::Backup::BackupPlan', 1);
    expect(SecureBackupPlan.of(stack)).toBe(plan);
    template.hasResourceProperties('AWS::Backup::RestoreTestingSelection', { ProtectedResourceType: 'DynamoDB', ProtectedResourceArns: [{ 'Fn::GetAtt': [logicalId(stack, table), 'Arn'] }] });
  });

  test('GIVEN a plan that does not select its stack THEN the table is added to it', () => {
    const stack = propertyTestStack();
    const plan = new SecureBackupPlan(stack, 'Plan', { selectStackResources: false });
    const table = new SecureTable(stack, 'Orders', { partitionKey: PK, backupPlan: plan });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::Backup::BackupPlan', 1);
    template.hasResourceProperties('AWS::Backup::BackupSelection', { BackupSelection: { Resources: [{ 'Fn::GetAtt': [logicalId(stack, table), 'Arn'] }] } });
  });

  test('GIVEN provisioned capacity THEN the table and its indexes auto-scale on utilization', () => {
    const stack = propertyTestStack();
    const table = new SecureTable(stack, 'Orders', { partitionKey: PK, billingMode: dynamodb.BillingMode.PROVISIONED, readCapacity: 2, writeCapacity: 3, targetUtilizationPercent: 60 });
    table.addGlobalSecondaryIndex({ indexName: 'byCustomer', partitionKey: { name: 'customer', type: dynamodb.AttributeType.STRING } });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::DynamoDB::Table', { BillingMode: Match.absent() /* CloudFormation's default: PROVISIONED */, ProvisionedThroughput: { ReadCapacityUnits: 2, WriteCapacityUnits: 3 } });
    template.resourceCountIs('AWS::ApplicationAutoScaling::ScalableTarget', 4);
    for (const [dimension, min, max] of [['dynamodb:table:ReadCapacityUnits', 2, 20], ['dynamodb:table:WriteCapacityUnits', 3, 30],
      ['dynamodb:index:ReadCapacityUnits', 2, 20], ['dynamodb:index:WriteCapacityUnits', 3, 30]] as const) {
      template.hasResourceProperties('AWS::ApplicationAutoScaling::ScalableTarget', { ScalableDimension: dimension, MinCapacity: min, MaxCapacity: max });
    }
    template.hasResourceProperties('AWS::ApplicationAutoScaling::ScalingPolicy', { TargetTrackingScalingPolicyConfiguration: Match.objectLike({ TargetValue: 60 }) });
  });

  test('GIVEN contributor insights, a shorter PITR window, a stream and TTL THEN rendered', () => {
    const stack = propertyTestStack();
    new SecureTable(stack, 'Orders', {
      partitionKey: PK,
      sortKey: { name: 'sk', type: dynamodb.AttributeType.NUMBER },
      contributorInsights: true,
      pointInTimeRecoveryPeriod: Duration.days(7),
      stream: dynamodb.StreamViewType.NEW_AND_OLD_IMAGES,
      timeToLiveAttribute: 'expires',
      tableClass: dynamodb.TableClass.STANDARD_INFREQUENT_ACCESS,
    });
    Template.fromStack(stack).hasResourceProperties('AWS::DynamoDB::Table', {
      ContributorInsightsSpecification: { Enabled: true },
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true, RecoveryPeriodInDays: 7 },
      StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
      TimeToLiveSpecification: { AttributeName: 'expires', Enabled: true },
      TableClass: 'STANDARD_INFREQUENT_ACCESS',
    });
  });

  test('GIVEN DESTROY and no deletion protection THEN both, with a warning', () => {
    const stack = propertyTestStack();
    new SecureTable(stack, 'Scratch', { partitionKey: PK, removalPolicy: RemovalPolicy.DESTROY, deletionProtection: false });
    Template.fromStack(stack).hasResource('AWS::DynamoDB::Table', { Properties: Match.objectLike({ DeletionProtectionEnabled: false }), DeletionPolicy: 'Delete' });
    Annotations.fromStack(stack).hasWarning('/Stack/Scratch', Match.stringLikeRegexp('removalPolicy DESTROY was set explicitly on this table and deletion protection is off'));
  });

  test('drop-in: grants include the key', () => {
    const stack = propertyTestStack();
    const table = new SecureTable(stack, 'Orders', { partitionKey: PK });
    table.grantReadData(new iam.Role(stack, 'R', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') }));
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: Match.arrayWith(['kms:Decrypt']) })]) },
    });
  });

  test('addGlobalSecondaryIndex refuses an index name DynamoDB would refuse', () => {
    const table = new SecureTable(propertyTestStack(), 'Orders', { partitionKey: PK });
    expect(() => table.addGlobalSecondaryIndex({ indexName: 'i', partitionKey: PK })).toThrow(/\[cdk-fortress\] Stack\/Orders: invalid 'indexName': must be 3-255 letters/);
  });
});

describe('SecureTable compliance (all six packs + FortressChecks)', () => {
  test('GIVEN only a partition key THEN no unacknowledged error, and exactly the documented acknowledgments', () => {
    const stack = complianceTestStack();
    new SecureTable(stack, 'Orders', { partitionKey: PK });
    expect(ids(expectCompliant(stack).acknowledgments)).toEqual(DEFAULT_ACKNOWLEDGMENTS);
  });

  test('GIVEN provisioned capacity with an index THEN the auto-scaling rules pass without acknowledgment', () => {
    const stack = complianceTestStack();
    const table = new SecureTable(stack, 'Orders', { partitionKey: PK, billingMode: dynamodb.BillingMode.PROVISIONED });
    table.addGlobalSecondaryIndex({ indexName: 'byCustomer', partitionKey: { name: 'customer', type: dynamodb.AttributeType.STRING } });
    expect(ids(expectCompliant(stack).acknowledgments)).toEqual(DEFAULT_ACKNOWLEDGMENTS);
  });

  test('property: random valid props always synthesize compliant', () => {
    fc.assert(fc.property(fc.record({
      provisioned: fc.boolean(),
      read: fc.integer({ min: 1, max: 100 }),
      write: fc.integer({ min: 1, max: 100 }),
      target: fc.integer({ min: 20, max: 90 }),
      pitrDays: fc.option(fc.integer({ min: 1, max: 35 }), { nil: undefined }),
      insights: fc.boolean(),
      index: fc.boolean(),
      destroy: fc.boolean(),
    }), (p) => {
      const stack = complianceTestStack();
      const table = new SecureTable(stack, 'T', {
        partitionKey: PK,
        ...(p.provisioned
          ? { billingMode: dynamodb.BillingMode.PROVISIONED, readCapacity: p.read, writeCapacity: p.write, targetUtilizationPercent: p.target }
          : {}),
        pointInTimeRecoveryPeriod: p.pitrDays === undefined ? undefined : Duration.days(p.pitrDays),
        contributorInsights: p.insights,
        removalPolicy: p.destroy ? RemovalPolicy.DESTROY : undefined,
        deletionProtection: p.destroy ? false : undefined,
      });
      if (p.index) table.addGlobalSecondaryIndex({ indexName: 'byX', partitionKey: { name: 'x', type: dynamodb.AttributeType.STRING } });
      expectCompliant(stack);
    }), { numRuns: 5 });
  });
});

describe('SecureTable rejects invalid input before creating anything', () => {
  const PREFIX = '[cdk-fortress] Stack/T: ';
  const attempt = (props: (stack: Stack) => any): unknown => rejectionOf('T', props, (stack, id, p) => new SecureTable(stack, id, p));
  const PROV = { partitionKey: PK, billingMode: dynamodb.BillingMode.PROVISIONED };

  test.each<[string, (stack: Stack) => any, string]>([
    ['no partition key', () => ({}), "invalid 'partitionKey': is required"],
    ['a partition key without a name', () => ({ partitionKey: { type: dynamodb.AttributeType.STRING } }), "invalid 'partitionKey': must be { name, type }"],
    ['a partition key of an unknown type', () => ({ partitionKey: { name: 'pk', type: 'X' } }), "invalid 'partitionKey.type': must be one of"],
    ['deletion protection off without DESTROY', () => ({ partitionKey: PK, deletionProtection: false }), "invalid 'deletionProtection': may be false only with removalPolicy RemovalPolicy.DESTROY"],
    ['deletion protection off with RETAIN', () => ({ partitionKey: PK, deletionProtection: false, removalPolicy: RemovalPolicy.RETAIN }), "invalid 'deletionProtection'"],
    ['a SNAPSHOT removal policy', () => ({ partitionKey: PK, removalPolicy: RemovalPolicy.SNAPSHOT }), "invalid 'removalPolicy'"],
    ['capacity on an on-demand table', () => ({ partitionKey: PK, readCapacity: 5 }), "invalid 'readCapacity': requires billingMode dynamodb.BillingMode.PROVISIONED"],
    ['a read capacity of 0', () => ({ ...PROV, readCapacity: 0 }), "invalid 'readCapacity': must be an integer from 1 to 40000"],
    ['a maximum under the minimum', () => ({ ...PROV, writeCapacity: 10, maxWriteCapacity: 5 }), "invalid 'maxWriteCapacity': must be an integer from 10 to 40000"],
    ['a target utilization of 95%', () => ({ ...PROV, targetUtilizationPercent: 95 }), "invalid 'targetUtilizationPercent': must be an integer from 20 to 90"],
    ['a PITR window of 36 days', () => ({ partitionKey: PK, pointInTimeRecoveryPeriod: Duration.days(36) }), "invalid 'pointInTimeRecoveryPeriod': must be a whole number of days from 1 to 35"],
    ['a PITR window in hours', () => ({ partitionKey: PK, pointInTimeRecoveryPeriod: Duration.hours(12) }), "invalid 'pointInTimeRecoveryPeriod'"],
    ['a table name of 2 characters', () => ({ partitionKey: PK, tableName: 'ab' }), "invalid 'tableName'"],
    ['a key and a key ring', (stack) => ({ partitionKey: PK, encryptionKey: new kms.Key(stack, 'K'), keyRing: KmsKeyRing.of(stack) }), "invalid 'encryptionKey': cannot be combined with 'keyRing'"],
    ['a key that is not one', () => ({ partitionKey: PK, encryptionKey: 'alias/aws/dynamodb' }), "invalid 'encryptionKey': must be a customer-managed KMS key"],
    ['contributor insights as a string', () => ({ partitionKey: PK, contributorInsights: 'on' }), "invalid 'contributorInsights': must be true or false"],
    ['an unknown billing mode', () => ({ partitionKey: PK, billingMode: 'FREE' }), "invalid 'billingMode': must be one of"],
    ['a backup plan that is not one', () => ({ partitionKey: PK, backupPlan: {} }), "invalid 'backupPlan': must be a SecureBackupPlan"],
    ['props that are not an object', () => 'orders', "invalid 'props': must be an object"],
  ])('%s', (_name, props, message) => {
    const error = attempt(props);
    expect(FortressErrors.isFortressError(error)).toBe(true);
    expect((error as Error).message).toContain(PREFIX + message);
  });
});

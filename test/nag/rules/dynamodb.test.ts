import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as kms from 'aws-cdk-lib/aws-kms';
import { SecureTable } from '../../../src';
import { ruleTestStack, violationsOf } from '../rule-harness';

const PK = { name: 'pk', type: dynamodb.AttributeType.STRING };

describe('DynamoDBTableKmsEncrypted', () => {
  const RULE = 'DynamoDBTableKmsEncrypted';

  test('Noncompliance 1: the AWS owned key (the default)', () => {
    const stack = ruleTestStack();
    new dynamodb.Table(stack, 'Table', { partitionKey: PK });
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Table/Resource']);
  });

  test('Noncompliance 2: the AWS managed key', () => {
    const stack = ruleTestStack();
    new dynamodb.Table(stack, 'Table', { partitionKey: PK, encryption: dynamodb.TableEncryption.AWS_MANAGED });
    new dynamodb.CfnTable(stack, 'Raw', { keySchema: [{ attributeName: 'pk', keyType: 'HASH' }], sseSpecification: { sseEnabled: true, kmsMasterKeyId: 'alias/aws/dynamodb' } });
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Raw', 'RuleTest/Table/Resource']);
  });

  test('Noncompliance 3: a SecureTable\'s key removed by an escape hatch', () => {
    const stack = ruleTestStack();
    const table = new SecureTable(stack, 'Table', { partitionKey: PK });
    (table.node.defaultChild as dynamodb.CfnTable).addPropertyOverride('SSESpecification.SSEEnabled', false);
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Table/Resource']);
  });

  test('Noncompliance 4: a TableV2 with the AWS owned key, and one with a replica without a key', () => {
    const stack = ruleTestStack();
    new dynamodb.TableV2(stack, 'Owned', { partitionKey: PK });
    new dynamodb.TableV2(stack, 'Managed', { partitionKey: PK, encryption: dynamodb.TableEncryptionV2.awsManagedKey() });
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Managed/Resource', 'RuleTest/Owned/Resource']);
  });

  test('Compliance: SecureTable, a Table and a TableV2 with customer-managed keys', () => {
    const stack = ruleTestStack();
    const key = new kms.Key(stack, 'Key');
    new SecureTable(stack, 'Secure', { partitionKey: PK });
    new dynamodb.Table(stack, 'Table', { partitionKey: PK, encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED, encryptionKey: key });
    new dynamodb.TableV2(stack, 'V2', { partitionKey: PK, encryption: dynamodb.TableEncryptionV2.customerManagedKey(key) });
    expect(violationsOf(stack, RULE)).toEqual([]);
  });
});

describe('DynamoDBGlobalTablePitrEnabled', () => {
  const RULE = 'DynamoDBGlobalTablePitrEnabled';

  test('Noncompliance 1: a TableV2 without PITR', () => {
    const stack = ruleTestStack();
    new dynamodb.TableV2(stack, 'V2', { partitionKey: PK });
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/V2/Resource']);
  });

  test('Noncompliance 2: PITR switched off on the replica by an escape hatch', () => {
    const stack = ruleTestStack();
    const v2 = new dynamodb.TableV2(stack, 'V2', { partitionKey: PK, pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true } });
    (v2.node.defaultChild as dynamodb.CfnGlobalTable).addPropertyOverride('Replicas.0.PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled', false);
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/V2/Resource']);
  });

  test('Compliance: a TableV2 with PITR; plain tables are the packs\' business', () => {
    const stack = ruleTestStack();
    new dynamodb.TableV2(stack, 'V2', { partitionKey: PK, pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true } });
    new dynamodb.Table(stack, 'Table', { partitionKey: PK });
    expect(violationsOf(stack, RULE)).toEqual([]);
  });
});

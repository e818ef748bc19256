import { RemovalPolicy } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import { ruleTestStack, violationsOf } from '../rule-harness';

describe('CloudWatchLogGroupRetentionPeriod', () => {
  const RULE = 'CloudWatchLogGroupRetentionPeriod';

  test('Noncompliance 1: infinite retention', () => {
    const stack = ruleTestStack();
    new logs.LogGroup(stack, 'Logs', { retention: logs.RetentionDays.INFINITE });
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Logs/Resource']);
  });

  test('Noncompliance 2: an L1 log group without RetentionInDays', () => {
    const stack = ruleTestStack();
    new logs.CfnLogGroup(stack, 'Logs');
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Logs']);
  });

  test('Compliance: a retention period', () => {
    const stack = ruleTestStack();
    new logs.LogGroup(stack, 'Logs', { retention: logs.RetentionDays.ONE_YEAR });
    expect(violationsOf(stack, RULE)).toEqual([]);
  });
});

describe('CloudWatchLogGroupKmsEncrypted', () => {
  const RULE = 'CloudWatchLogGroupKmsEncrypted';

  test('Noncompliance 1: no KMS key', () => {
    const stack = ruleTestStack();
    new logs.LogGroup(stack, 'Logs');
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Logs/Resource']);
  });

  test('Noncompliance: the key removable in an Fn::If branch', () => {
    const stack = ruleTestStack();
    (new logs.LogGroup(stack, 'Logs', { encryptionKey: new kms.Key(stack, 'Key') }).node.defaultChild as logs.CfnLogGroup)
      .addPropertyOverride('KmsKeyId', { 'Fn::If': ['Never', { 'Fn::GetAtt': ['Key', 'Arn'] }, { Ref: 'AWS::NoValue' }] });
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Logs/Resource']);
  });

  test('Compliance: a customer-managed key', () => {
    const stack = ruleTestStack();
    new logs.LogGroup(stack, 'Logs', { encryptionKey: new kms.Key(stack, 'Key') });
    expect(violationsOf(stack, RULE)).toEqual([]);
  });
});

describe('CloudWatchLogGroupRetained', () => {
  const RULE = 'CloudWatchLogGroupRetained';

  test('Noncompliance 1: RemovalPolicy.DESTROY', () => {
    const stack = ruleTestStack();
    new logs.LogGroup(stack, 'Logs', { removalPolicy: RemovalPolicy.DESTROY });
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Logs/Resource']);
  });

  test('Noncompliance 2: an L1 log group without a deletion policy', () => {
    const stack = ruleTestStack();
    new logs.CfnLogGroup(stack, 'Logs');
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Logs']);
  });

  test('Compliance: the L2 default (Retain)', () => {
    const stack = ruleTestStack();
    new logs.LogGroup(stack, 'Logs');
    expect(violationsOf(stack, RULE)).toEqual([]);
  });
});

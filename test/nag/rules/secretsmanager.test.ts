import * as kms from 'aws-cdk-lib/aws-kms';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { SecureSecret } from '../../../src';
import { ruleTestStack, violationsOf } from '../rule-harness';

describe('SecretsManagerSecretKmsEncrypted', () => {
  const RULE = 'SecretsManagerSecretKmsEncrypted';
  const REPLICA_KEY = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';

  test('Noncompliance 1: no key (the AWS managed key)', () => {
    const stack = ruleTestStack();
    new secretsmanager.Secret(stack, 'Secret');
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Secret/Resource']);
  });

  test('Noncompliance 2: the AWS managed key by alias, which cdk-nag\'s SecretsManagerUsingKMSKey accepts', () => {
    const stack = ruleTestStack();
    new secretsmanager.CfnSecret(stack, 'Alias', { kmsKeyId: 'alias/aws/secretsmanager' });
    new secretsmanager.CfnSecret(stack, 'AliasArn', { kmsKeyId: 'arn:aws:kms:eu-west-1:111122223333:alias/aws/secretsmanager' });
    new secretsmanager.CfnSecret(stack, 'Bare', { kmsKeyId: 'aws/secretsmanager' });
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Alias', 'RuleTest/AliasArn', 'RuleTest/Bare']);
  });

  test('Noncompliance 3: a replica without a key, which no pack checks', () => {
    const stack = ruleTestStack();
    new secretsmanager.Secret(stack, 'Secret', { encryptionKey: new kms.Key(stack, 'Key'), replicaRegions: [{ region: 'us-east-1' }] });
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Secret/Resource']);
  });

  test('Noncompliance 4: the key removed from a SecureSecret by an escape hatch', () => {
    const stack = ruleTestStack();
    const secret = new SecureSecret(stack, 'Secret', { hostedRotation: secretsmanager.HostedRotation.mysqlSingleUser() });
    (secret.node.defaultChild as secretsmanager.CfnSecret).addPropertyDeletionOverride('KmsKeyId');
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Secret/Resource']);
  });

  test('Noncompliance 5: a replica key overridden to the AWS managed key', () => {
    const stack = ruleTestStack();
    const secret = new SecureSecret(stack, 'Secret', {
      hostedRotation: secretsmanager.HostedRotation.mysqlSingleUser(),
      replicaRegions: [{ region: 'us-east-1', encryptionKey: kms.Key.fromKeyArn(stack, 'K', REPLICA_KEY) }],
    });
    (secret.node.defaultChild as secretsmanager.CfnSecret).addPropertyOverride('ReplicaRegions.0.KmsKeyId', 'alias/aws/secretsmanager');
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Secret/Resource']);
  });

  test('Compliance: a customer-managed key, replicas with keys, SecureSecret', () => {
    const stack = ruleTestStack();
    new secretsmanager.Secret(stack, 'Plain', { encryptionKey: new kms.Key(stack, 'Key'), replicaRegions: [{ region: 'us-east-1', encryptionKey: kms.Key.fromKeyArn(stack, 'K', REPLICA_KEY) }] });
    new secretsmanager.CfnSecret(stack, 'ByAlias', { kmsKeyId: 'alias/my-secrets' });
    new SecureSecret(stack, 'Secure', { hostedRotation: secretsmanager.HostedRotation.mysqlSingleUser() });
    expect(violationsOf(stack, RULE)).toEqual([]);
  });
});

import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { ruleTestStack, violationsOf } from '../rule-harness';

describe('KMSKeyPolicyNoUnconditionalPublicPrincipal', () => {
  const RULE = 'KMSKeyPolicyNoUnconditionalPublicPrincipal';

  test('Noncompliance 1: Allow to AWS "*" without a condition', () => {
    const stack = ruleTestStack();
    const key = new kms.Key(stack, 'Key');
    key.addToResourcePolicy(new iam.PolicyStatement({ principals: [new iam.AnyPrincipal()], actions: ['kms:Decrypt'], resources: ['*'] }));
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Key/Resource']);
  });

  test('Noncompliance 2: Principal "*" as a bare string in an L1 key', () => {
    const stack = ruleTestStack();
    new kms.CfnKey(stack, 'Key', {
      keyPolicy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 'kms:*', Resource: '*' }] },
    });
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Key']);
  });

  test('Noncompliance 3: "*" among several AWS principals', () => {
    const stack = ruleTestStack();
    new kms.CfnKey(stack, 'Key', {
      keyPolicy: {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { AWS: ['arn:aws:iam::111122223333:root', '*'] }, Action: 'kms:Decrypt', Resource: '*', Condition: {} }],
      },
    });
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Key']);
  });

  test('Noncompliance 4: a condition that does not narrow the principal, or a wildcard value', () => {
    const stack = ruleTestStack();
    const key = new kms.Key(stack, 'Key');
    key.addToResourcePolicy(new iam.PolicyStatement({
      principals: [new iam.AnyPrincipal()], actions: ['kms:Decrypt'], resources: ['*'], conditions: { Bool: { 'aws:SecureTransport': 'true' } },
    }));
    const other = new kms.Key(stack, 'Other');
    other.addToResourcePolicy(new iam.PolicyStatement({
      principals: [new iam.AnyPrincipal()], actions: ['kms:Decrypt'], resources: ['*'], conditions: { StringLike: { 'aws:PrincipalOrgID': '*' } },
    }));
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Key/Resource', 'RuleTest/Other/Resource']);
  });

  test('Compliance: named principals, or "*" narrowed by a condition, or Deny', () => {
    const stack = ruleTestStack();
    const key = new kms.Key(stack, 'Key');
    key.addToResourcePolicy(new iam.PolicyStatement({
      principals: [new iam.AnyPrincipal()],
      actions: ['kms:Decrypt'],
      resources: ['*'],
      conditions: { StringEquals: { 'kms:CallerAccount': '111122223333', 'kms:ViaService': 's3.eu-west-1.amazonaws.com' } },
    }));
    key.addToResourcePolicy(new iam.PolicyStatement({
      effect: iam.Effect.DENY, principals: [new iam.AnyPrincipal()], actions: ['kms:ScheduleKeyDeletion'], resources: ['*'],
    }));
    expect(violationsOf(stack, RULE)).toEqual([]);
  });
});

describe('KMSKeyRetained', () => {
  const RULE = 'KMSKeyRetained';

  test('Noncompliance 1: RemovalPolicy.DESTROY', () => {
    const stack = ruleTestStack();
    new kms.Key(stack, 'Key', { removalPolicy: RemovalPolicy.DESTROY });
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Key/Resource']);
  });

  test('Noncompliance 2: an L1 key without a deletion policy', () => {
    const stack = ruleTestStack();
    new kms.CfnKey(stack, 'Key', { keyPolicy: { Version: '2012-10-17', Statement: [] } });
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Key']);
  });

  test('Compliance: the L2 default (Retain)', () => {
    const stack = ruleTestStack();
    new kms.Key(stack, 'Key');
    expect(violationsOf(stack, RULE)).toEqual([]);
  });
});

describe('KMSKeyPendingWindow30Days', () => {
  const RULE = 'KMSKeyPendingWindow30Days';

  test('Noncompliance 1: a 7-day window', () => {
    const stack = ruleTestStack();
    new kms.Key(stack, 'Key', { pendingWindow: Duration.days(7) });
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Key/Resource']);
  });

  test('Compliance: 30 days, explicitly or by default', () => {
    const stack = ruleTestStack();
    new kms.Key(stack, 'Explicit', { pendingWindow: Duration.days(30) });
    new kms.Key(stack, 'Default');
    expect(violationsOf(stack, RULE)).toEqual([]);
  });
});

describe('KMSKeyPolicyServiceGrantsConditioned', () => {
  const RULE = 'KMSKeyPolicyServiceGrantsConditioned';
  const grant = (key: kms.Key, conditions?: Record<string, any>) => key.addToResourcePolicy(new iam.PolicyStatement({
    principals: [new iam.ServicePrincipal('events.amazonaws.com')], actions: ['kms:GenerateDataKey'], resources: ['*'], conditions,
  }));

  test('Noncompliance 1: a service principal without a condition', () => {
    const stack = ruleTestStack();
    grant(new kms.Key(stack, 'Key'));
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Key/Resource']);
  });

  test('Noncompliance 2: a condition that does not tie the use to the account', () => {
    const stack = ruleTestStack();
    grant(new kms.Key(stack, 'Key'), { Bool: { 'aws:SecureTransport': 'true' } });
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Key/Resource']);
  });

  test('Noncompliance 3: a wildcard source account, or a negated condition', () => {
    const stack = ruleTestStack();
    grant(new kms.Key(stack, 'Key'), { StringLike: { 'aws:SourceAccount': '*' } });
    grant(new kms.Key(stack, 'Negated'), { StringNotEquals: { 'aws:SourceAccount': '444455556666' } });
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Key/Resource', 'RuleTest/Negated/Resource']);
  });

  test('Noncompliance 4: kms:CallerAccount or kms:ViaService alone (not documented for service principals)', () => {
    const stack = ruleTestStack();
    grant(new kms.Key(stack, 'Caller'), { StringEquals: { 'kms:CallerAccount': '111122223333' } });
    grant(new kms.Key(stack, 'Via'), { StringEquals: { 'kms:ViaService': 'sns.eu-west-1.amazonaws.com' } });
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Caller/Resource', 'RuleTest/Via/Resource']);
  });

  test('Compliance: the SNS topic encryption context alone (EventBridge to encrypted topics, which support no aws:Source* key)', () => {
    const stack = ruleTestStack();
    grant(new kms.Key(stack, 'Topics'), { ArnLike: { 'kms:EncryptionContext:aws:sns:topicArn': 'arn:aws:sns:eu-west-1:111122223333:*' } });
    expect(violationsOf(stack, RULE)).toEqual([]);
  });

  test('Compliance: SourceAccount, SourceArn or encryption-context conditions; account principals need none', () => {
    const stack = ruleTestStack();
    grant(new kms.Key(stack, 'Account'), { StringEquals: { 'aws:SourceAccount': '111122223333' } });
    grant(new kms.Key(stack, 'Arn'), { ArnLike: { 'aws:SourceArn': 'arn:aws:events:eu-west-1:111122223333:rule/*' } });
    grant(new kms.Key(stack, 'Context'), { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': 'arn:aws:logs:eu-west-1:111122223333:log-group:*' } });
    new kms.Key(stack, 'Plain');
    expect(violationsOf(stack, RULE)).toEqual([]);
  });
});

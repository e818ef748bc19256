import { RemovalPolicy } from 'aws-cdk-lib';
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

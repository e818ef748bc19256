import { CfnParameter } from 'aws-cdk-lib';
import * as ram from 'aws-cdk-lib/aws-ram';
import { ruleTestStack, violationsOf } from '../rule-harness';

describe('RAMShareNoExternalPrincipals', () => {
  const RULE = 'RAMShareNoExternalPrincipals';
  const SUBNET = 'arn:aws:ec2:eu-west-1:111122223333:subnet/subnet-0123456789abcdef0';
  const ORG = 'arn:aws:organizations::111122223333:organization/o-abc123defg';

  test('Noncompliance 1: AllowExternalPrincipals not set (CloudFormation defaults to true), shared with an account', () => {
    const stack = ruleTestStack();
    new ram.CfnResourceShare(stack, 'Share', { name: 'subnets', resourceArns: [SUBNET], principals: ['444455556666'] });
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Share']);
  });

  test('Noncompliance 2: true, "true" as a string, or a parameter', () => {
    const stack = ruleTestStack();
    const allow = new CfnParameter(stack, 'Allow', { type: 'String', default: 'false' });
    new ram.CfnResourceShare(stack, 'True', { name: 'a', resourceArns: [SUBNET], principals: [ORG], allowExternalPrincipals: true });
    new ram.CfnResourceShare(stack, 'String', { name: 'b', resourceArns: [SUBNET] }).addPropertyOverride('AllowExternalPrincipals', 'true');
    new ram.CfnResourceShare(stack, 'Param', { name: 'c', resourceArns: [SUBNET] }).addPropertyOverride('AllowExternalPrincipals', allow.valueAsString);
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Param', 'RuleTest/String', 'RuleTest/True']);
  });

  test('Noncompliance 3: escape hatch deleting AllowExternalPrincipals: false', () => {
    const stack = ruleTestStack();
    const share = new ram.CfnResourceShare(stack, 'Share', { name: 'subnets', resourceArns: [SUBNET], principals: [ORG], allowExternalPrincipals: false });
    share.addPropertyDeletionOverride('AllowExternalPrincipals');
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Share']);
  });

  test('Compliance: false (boolean or string), with the organization or an account of it', () => {
    const stack = ruleTestStack();
    new ram.CfnResourceShare(stack, 'Org', { name: 'a', resourceArns: [SUBNET], principals: [ORG], allowExternalPrincipals: false });
    new ram.CfnResourceShare(stack, 'Account', { name: 'b', resourceArns: [SUBNET], principals: ['444455556666'] }).addPropertyOverride('AllowExternalPrincipals', 'False');
    expect(violationsOf(stack, RULE)).toEqual([]);
  });
});

import * as iam from 'aws-cdk-lib/aws-iam';
import { ruleTestStack, violationsOf } from '../rule-harness';

describe('IAMRoleTrustNoWildcardPrincipal', () => {
  const RULE = 'IAMRoleTrustNoWildcardPrincipal';

  test('Noncompliance 1: trusted by AnyPrincipal', () => {
    const stack = ruleTestStack();
    new iam.Role(stack, 'Role', { assumedBy: new iam.AnyPrincipal() });
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Role/Resource']);
  });

  test('Noncompliance 2: a condition does not make AWS "*" acceptable', () => {
    const stack = ruleTestStack();
    new iam.Role(stack, 'Role', {
      assumedBy: new iam.PrincipalWithConditions(new iam.AnyPrincipal(), { StringEquals: { 'aws:PrincipalOrgID': 'o-abc123' } }),
    });
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Role/Resource']);
  });

  test('Noncompliance 3: "*" among the principals of an L1 role', () => {
    const stack = ruleTestStack();
    new iam.CfnRole(stack, 'Role', {
      assumeRolePolicyDocument: {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { AWS: ['arn:aws:iam::111122223333:root', '*'] }, Action: 'sts:AssumeRole' }],
      },
    });
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Role']);
  });

  test('Compliance: service, account and role principals', () => {
    const stack = ruleTestStack();
    new iam.Role(stack, 'Service', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    new iam.Role(stack, 'Account', { assumedBy: new iam.AccountPrincipal('444455556666') });
    new iam.Role(stack, 'Arn', { assumedBy: new iam.ArnPrincipal('arn:aws:iam::444455556666:role/deployer') });
    expect(violationsOf(stack, RULE)).toEqual([]);
  });
});

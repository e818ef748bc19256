import { Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import { FortressErrors, LeastPrivilegeRole } from '../../src';
import { checkCompliance, complianceTestStack, expectCompliant, propertyTestStack } from '../compliance';

const lambda = () => new iam.ServicePrincipal('lambda.amazonaws.com');

function refused(build: () => void, message: RegExp): void {
  let error: unknown;
  try { build(); } catch (e) { error = e; }
  expect(FortressErrors.isFortressError(error)).toBe(true);
  expect((error as Error).message).toMatch(message);
}

describe('LeastPrivilegeRole does not wave through account-wide access', () => {
  test('GIVEN every KMS key or role of the account THEN the IAM5 findings stay unacknowledged', () => {
    const stack = complianceTestStack();
    new LeastPrivilegeRole(stack, 'App', {
      assumedBy: lambda(),
      statements: [
        new iam.PolicyStatement({ actions: ['kms:Decrypt'], resources: ['arn:aws:kms:eu-west-1:111122223333:key/*'] }),
        new iam.PolicyStatement({ actions: ['sts:AssumeRole'], resources: ['arn:aws:iam::111122223333:role/*'] }),
      ],
    });
    const errors = checkCompliance(stack).report.errors.map((f) => f.ruleId);
    expect(errors).toEqual(expect.arrayContaining([
      'AwsSolutions-IAM5[Resource::arn:aws:kms:eu-west-1:111122223333:key/*]', 'AwsSolutions-IAM5[Resource::arn:aws:iam::111122223333:role/*]',
    ]));
  });

  test('GIVEN objects of a literal S3 bucket THEN the object-level wildcard is acknowledged', () => {
    const stack = complianceTestStack();
    new LeastPrivilegeRole(stack, 'App', { assumedBy: lambda(), statements: [new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['arn:aws:s3:::reports/*'] })] });
    expect(checkCompliance(stack).report.findingsUnder('Stack/App')).toEqual([]);
  });

  test('PassRole with a wildcard or negated iam:PassedToService is refused', () => {
    for (const conditions of [{ StringLike: { 'iam:PassedToService': '*' } }, { StringNotEquals: { 'iam:PassedToService': 'ec2.amazonaws.com' } }]) {
      refused(() => new LeastPrivilegeRole(propertyTestStack(), 'App', {
        assumedBy: lambda(), statements: [new iam.PolicyStatement({ actions: ['iam:PassRole'], resources: ['arn:aws:iam::111122223333:role/worker'], conditions })],
      }), /must condition iam:PassRole on iam:PassedToService/);
    }
  });

  test('a trust in every principal is refused, in any spelling', () => {
    refused(() => new LeastPrivilegeRole(propertyTestStack(), 'App', { assumedBy: new iam.StarPrincipal() }), /invalid 'assumedBy': must name accounts, roles or services/);
  });

  test('admin-like AWS managed policies are refused; noResourceLevelActions take exact actions only', () => {
    for (const name of ['AdministratorAccess-Amplify', 'job-function/SystemAdministrator', 'CloudWatchFullAccessV2']) {
      refused(() => new LeastPrivilegeRole(propertyTestStack(), 'App', { assumedBy: lambda(), awsManagedPolicies: [{ policyName: name, reason: 'Needed by the migration tooling in this account.' }] }),
        /must not grant administrator or full access/);
    }
    refused(() => new LeastPrivilegeRole(propertyTestStack(), 'App', {
      assumedBy: lambda(), noResourceLevelActions: [{ action: 'iam:Attach*', reason: 'Attachments have no resource-level permissions at all here.' }],
    }), /invalid 'noResourceLevelActions\[0\].action': must be exact actions/);
  });

  test('customer-managed policies attached to the role are checked at synthesis', () => {
    const stack = propertyTestStack();
    const open = new iam.ManagedPolicy(stack, 'Open', { statements: [new iam.PolicyStatement({ actions: ['*'], resources: ['*'] })] });
    new LeastPrivilegeRole(stack, 'App', { assumedBy: lambda(), managedPolicies: [open] });
    expect(() => Template.fromStack(stack)).toThrow(/\[cdk-fortress\] Stack\/App: invalid 'statement .*must name actions, not \*/);
  });

  test('with a default boundary, every role (aws-cdk-lib\'s included) passes Fortress-IAMRoleDefaultPermissionsBoundary', () => {
    const stack = complianceTestStack();
    const boundary = new iam.ManagedPolicy(stack, 'Boundary', { statements: [new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['arn:aws:s3:::reports/summary.csv'] })] });
    LeastPrivilegeRole.setDefaultPermissionsBoundary(stack, boundary);
    new LeastPrivilegeRole(stack, 'App', { assumedBy: lambda() });
    new iam.Role(stack, 'Plain', { assumedBy: new iam.AccountPrincipal('111122223333') });
    expectCompliant(stack);
  });
});

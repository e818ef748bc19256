import { IAMClient, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { mockClient } from 'aws-sdk-client-mock';
import { fromAccount, OWN_ACCOUNT, withDryRun } from './helpers';
import { handler, revokePolicy, roleNamesOf } from '../../../src/response/handlers/revoke-role-sessions';

const iam = mockClient(IAMClient);
const NOW = new Date('2026-01-02T03:04:05.000Z');
beforeEach(() => {
  iam.reset();
  jest.useFakeTimers({ now: NOW, doNotFake: ['nextTick', 'setImmediate', 'setTimeout'] });
  jest.spyOn(console, 'log').mockImplementation(() => undefined);
});
afterEach(() => {
  jest.useRealTimers();
  jest.restoreAllMocks();
});

const guardDuty = { source: 'aws.guardduty', detail: { id: 'gd-1', accountId: OWN_ACCOUNT, resource: { accessKeyDetails: { userType: 'AssumedRole', userName: 'app-role', accessKeyId: 'ASIAIOSFODNN7EXAMPLE' } } } };
const hub = {
  source: 'aws.securityhub',
  detail: {
    findings: [{
      Id: 'f-1',
      ProductArn: 'arn:aws:securityhub:eu-west-1::product/aws/guardduty',
      AwsAccountId: OWN_ACCOUNT,
      Resources: [
        { Type: 'AwsIamRole', Id: 'arn:aws:iam::123456789012:role/team/deployer' },
        { Type: 'AwsIamRole', Id: 'arn:aws:iam::123456789012:role/aws-service-role/guardduty.amazonaws.com/AWSServiceRoleForAmazonGuardDuty' },
      ],
    }],
  },
};

describe('revoke-role-sessions handler', () => {
  test('GIVEN findings THEN the role names; service-linked roles and IAM users are left out', () => {
    expect(roleNamesOf(guardDuty)).toEqual(['app-role']);
    expect(roleNamesOf(hub)).toEqual(['deployer']);
    expect(roleNamesOf({ source: 'aws.guardduty', detail: { accountId: OWN_ACCOUNT, resource: { accessKeyDetails: { userType: 'IAMUser', userName: 'alice' } } } })).toEqual([]);
  });

  test('GIVEN a finding about another account, a role of another account, a forged product, or no ACCOUNT_ID THEN no role', () => {
    expect(roleNamesOf(fromAccount(guardDuty, '999999999999'))).toEqual([]);
    expect(roleNamesOf(fromAccount(hub, '999999999999'))).toEqual([]);
    const otherRole = JSON.parse(JSON.stringify(hub));
    otherRole.detail.findings[0].Resources[0].Id = 'arn:aws:iam::999999999999:role/team/deployer';
    expect(roleNamesOf(otherRole)).toEqual([]);
    const forged = JSON.parse(JSON.stringify(hub));
    forged.detail.findings[0].ProductArn = `arn:aws:securityhub:eu-west-1:${OWN_ACCOUNT}:product/${OWN_ACCOUNT}/default`;
    expect(roleNamesOf(forged)).toEqual([]);
    delete process.env.ACCOUNT_ID;
    expect(roleNamesOf(guardDuty)).toEqual([]);
  });

  test('GIVEN a time THEN IAM\'s documented revoke-older-sessions policy', () => {
    expect(JSON.parse(revokePolicy(NOW))).toEqual({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Deny', Action: ['*'], Resource: ['*'], Condition: { DateLessThan: { 'aws:TokenIssueTime': '2026-01-02T03:04:05.000Z' } } }],
    });
  });

  test('GIVEN dry run THEN no call', async () => {
    expect(await withDryRun('true', () => handler(guardDuty))).toEqual([{ roleName: 'app-role', dryRun: true, issuedBefore: NOW.toISOString() }]);
    expect(iam.calls()).toHaveLength(0);
  });

  test('GIVEN DRY_RUN=false THEN exactly PutRolePolicy AWSRevokeOlderSessions per role', async () => {
    await withDryRun('false', () => handler(guardDuty));
    await withDryRun('false', () => handler(hub));
    expect(iam.commandCalls(PutRolePolicyCommand).map((c) => c.args[0].input)).toEqual(['app-role', 'deployer'].map((RoleName) => ({
      RoleName, PolicyName: 'AWSRevokeOlderSessions', PolicyDocument: revokePolicy(NOW),
    })));
    expect(iam.calls()).toHaveLength(2);
  });
});

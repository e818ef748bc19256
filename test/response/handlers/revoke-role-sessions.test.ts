import { IAMClient, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { mockClient } from 'aws-sdk-client-mock';
import { withDryRun } from './helpers';
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

const guardDuty = { source: 'aws.guardduty', detail: { id: 'gd-1', resource: { accessKeyDetails: { userType: 'AssumedRole', userName: 'app-role', accessKeyId: 'ASIAIOSFODNN7EXAMPLE' } } } };
const hub = {
  source: 'aws.securityhub',
  detail: {
    findings: [{
      Id: 'f-1',
      Resources: [
        { Type: 'AwsIamRole', Id: 'arn:aws:iam::111122223333:role/team/deployer' },
        { Type: 'AwsIamRole', Id: 'arn:aws:iam::111122223333:role/aws-service-role/guardduty.amazonaws.com/AWSServiceRoleForAmazonGuardDuty' },
      ],
    }],
  },
};

describe('revoke-role-sessions handler', () => {
  test('GIVEN findings THEN the role names; service-linked roles and IAM users are left out', () => {
    expect(roleNamesOf(guardDuty)).toEqual(['app-role']);
    expect(roleNamesOf(hub)).toEqual(['deployer']);
    expect(roleNamesOf({ source: 'aws.guardduty', detail: { resource: { accessKeyDetails: { userType: 'IAMUser', userName: 'alice' } } } })).toEqual([]);
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

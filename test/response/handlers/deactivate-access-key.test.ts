import { IAMClient, UpdateAccessKeyCommand } from '@aws-sdk/client-iam';
import { mockClient } from 'aws-sdk-client-mock';
import { fromAccount, OWN_ACCOUNT, sample, withDryRun } from './helpers';
import { exposedKeysOf, handler } from '../../../src/response/handlers/deactivate-access-key';

const iam = mockClient(IAMClient);
beforeEach(() => {
  iam.reset();
  jest.spyOn(console, 'log').mockImplementation(() => undefined);
});
afterEach(() => jest.restoreAllMocks());

const hubKey = (principalType: string, accessKeyId = 'AKIAI44QH8DHBEXAMPLE') => ({
  source: 'aws.securityhub',
  detail: { findings: [{ Id: 'f-1', ProductArn: 'arn:aws:securityhub:eu-west-1::product/aws/guardduty', AwsAccountId: OWN_ACCOUNT, Resources: [{ Type: 'AwsIamAccessKey', Id: `AWS::IAM::AccessKey:${accessKeyId}`, Details: { AwsIamAccessKey: { PrincipalName: 'bob', PrincipalType: principalType } } }] }] },
});

describe('deactivate-access-key handler', () => {
  test('GIVEN findings THEN the IAM user keys they name; temporary, role and root keys are not', () => {
    expect(exposedKeysOf(sample('guardduty-finding-access-key'))).toEqual([{ userName: 'alice', accessKeyId: 'AKIAIOSFODNN7EXAMPLE' }]);
    expect(exposedKeysOf(hubKey('IAMUser'))).toEqual([{ userName: 'bob', accessKeyId: 'AKIAI44QH8DHBEXAMPLE' }]);
    expect(exposedKeysOf(hubKey('AssumedRole'))).toEqual([]);
    expect(exposedKeysOf(hubKey('IAMUser', 'ASIAI44QH8DHBEXAMPLE'))).toEqual([]);
    expect(exposedKeysOf({ source: 'aws.guardduty', detail: { accountId: OWN_ACCOUNT, resource: { accessKeyDetails: { userType: 'Root', userName: 'Root', accessKeyId: 'AKIAIOSFODNN7EXAMPLE' } } } })).toEqual([]);
    expect(exposedKeysOf(sample('guardduty-finding'))).toEqual([]);
  });

  test('GIVEN a finding about another account, or imported by a non-AWS product THEN no key', () => {
    expect(exposedKeysOf(fromAccount(sample('guardduty-finding-access-key'), '999999999999'))).toEqual([]);
    expect(exposedKeysOf(fromAccount(hubKey('IAMUser'), '999999999999'))).toEqual([]);
    const forged = hubKey('IAMUser');
    forged.detail.findings[0].ProductArn = `arn:aws:securityhub:eu-west-1:${OWN_ACCOUNT}:product/${OWN_ACCOUNT}/default`;
    expect(exposedKeysOf(forged)).toEqual([]);
  });

  test('GIVEN the default (no DRY_RUN) THEN nothing is called, the plan is logged', async () => {
    expect(await withDryRun(undefined, () => handler(sample('guardduty-finding-access-key')))).toEqual([{ userName: 'alice', accessKeyId: 'AKIAIOSFODNN7EXAMPLE', dryRun: true }]);
    expect(iam.calls()).toHaveLength(0);
    expect(console.log).toHaveBeenCalledWith(expect.stringContaining('"action":"would deactivate access key"'));
  });

  test('GIVEN DRY_RUN=false THEN exactly UpdateAccessKey to Inactive for each key', async () => {
    await withDryRun('false', () => handler(sample('guardduty-finding-access-key')));
    await withDryRun('FALSE', () => handler(hubKey('IAMUser')));
    expect(iam.commandCalls(UpdateAccessKeyCommand).map((c) => c.args[0].input)).toEqual([
      { UserName: 'alice', AccessKeyId: 'AKIAIOSFODNN7EXAMPLE', Status: 'Inactive' },
      { UserName: 'bob', AccessKeyId: 'AKIAI44QH8DHBEXAMPLE', Status: 'Inactive' },
    ]);
    expect(iam.calls()).toHaveLength(2);
  });
});

import {
  CreateSecurityGroupCommand, CreateSnapshotCommand, CreateTagsCommand, DescribeInstancesCommand, DescribeSecurityGroupsCommand, EC2Client,
  ModifyNetworkInterfaceAttributeCommand, RevokeSecurityGroupEgressCommand,
} from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { OWN_ACCOUNT, sample, withDryRun } from './helpers';
import { handler, instanceIdsOf } from '../../../src/response/handlers/isolate-ec2-instance';

const ec2 = mockClient(EC2Client);
const NOW = new Date('2026-01-02T03:04:05.000Z');
const FINDING = '16afba5c5c43e07c9e3e5e2e544e95df';

beforeEach(() => {
  ec2.reset();
  jest.useFakeTimers({ now: NOW, doNotFake: ['nextTick', 'setImmediate', 'setTimeout'] });
  jest.spyOn(console, 'log').mockImplementation(() => undefined);
  ec2.on(DescribeInstancesCommand).resolves({
    Reservations: [{
      Instances: [{
        InstanceId: 'i-99999999',
        VpcId: 'vpc-1',
        NetworkInterfaces: [{ NetworkInterfaceId: 'eni-1' }, { NetworkInterfaceId: 'eni-2' }],
        BlockDeviceMappings: [{ DeviceName: '/dev/xvda', Ebs: { VolumeId: 'vol-1' } }, { DeviceName: '/dev/xvdb', Ebs: { VolumeId: 'vol-2' } }],
      }],
    }],
  });
  ec2.on(CreateSnapshotCommand, { VolumeId: 'vol-1' }).resolves({ SnapshotId: 'snap-1' });
  ec2.on(CreateSnapshotCommand, { VolumeId: 'vol-2' }).resolves({ SnapshotId: 'snap-2' });
});
afterEach(() => {
  jest.useRealTimers();
  jest.restoreAllMocks();
});

const calls = (command: any) => ec2.commandCalls(command).map((c) => c.args[0].input);

describe('isolate-ec2-instance handler', () => {
  test('GIVEN the GuardDuty sample and the Security Hub custom action sample THEN the instance ids they name', () => {
    expect(instanceIdsOf(sample('guardduty-finding'))).toEqual(['i-99999999']);
    expect(instanceIdsOf(sample('securityhub-findings-custom-action'))).toEqual(['i-0abcdef1234567890']);
    expect(instanceIdsOf(sample('macie-finding'))).toEqual([]);
    expect(instanceIdsOf({ source: 'aws.guardduty', detail: { accountId: OWN_ACCOUNT, resource: { instanceDetails: { instanceId: 'i-bad; rm -rf' } } } })).toEqual([]);
  });

  test.each([undefined, 'true', 'TRUE', 'yes', 'fals'])('GIVEN DRY_RUN=%s THEN it only describes the instance and logs the plan', async (value) => {
    const result = await withDryRun(value, () => handler(sample('guardduty-finding')));
    expect(result).toEqual([{ instanceId: 'i-99999999', dryRun: true, networkInterfaces: ['eni-1', 'eni-2'], volumes: ['vol-1', 'vol-2'], snapshots: [] }]);
    expect(ec2.calls().map((c) => c.args[0].constructor.name)).toEqual(['DescribeInstancesCommand']);
    expect(calls(DescribeInstancesCommand)).toEqual([{ InstanceIds: ['i-99999999'] }]);
    expect(console.log).toHaveBeenCalledWith(expect.stringContaining('"action":"would isolate instance"'));
  });

  test('GIVEN DRY_RUN=false and no quarantine group yet THEN it creates one closed both ways, moves every interface, snapshots, tags', async () => {
    ec2.on(DescribeSecurityGroupsCommand).resolves({ SecurityGroups: [] });
    ec2.on(CreateSecurityGroupCommand).resolves({ GroupId: 'sg-q' });
    const result = await withDryRun('false', () => handler(sample('guardduty-finding')));
    expect(result).toEqual([{ instanceId: 'i-99999999', dryRun: false, quarantineGroupId: 'sg-q', networkInterfaces: ['eni-1', 'eni-2'], volumes: ['vol-1', 'vol-2'], snapshots: ['snap-1', 'snap-2'] }]);
    expect(ec2.calls().map((c) => c.args[0].constructor.name)).toEqual([
      'DescribeInstancesCommand', 'DescribeSecurityGroupsCommand', 'CreateSecurityGroupCommand', 'RevokeSecurityGroupEgressCommand',
      'ModifyNetworkInterfaceAttributeCommand', 'ModifyNetworkInterfaceAttributeCommand', 'CreateSnapshotCommand', 'CreateSnapshotCommand', 'CreateTagsCommand',
    ]);
    expect(calls(DescribeSecurityGroupsCommand)).toEqual([{
      Filters: [{ Name: 'vpc-id', Values: ['vpc-1'] }, { Name: 'group-name', Values: ['fortress-quarantine'] }, { Name: 'tag:fortress:quarantine', Values: ['true'] }],
    }]);
    expect(calls(CreateSecurityGroupCommand)).toEqual([{
      GroupName: 'fortress-quarantine',
      Description: 'Quarantine: no ingress, no egress (cdk-fortress isolate-ec2-instance playbook)',
      VpcId: 'vpc-1',
      TagSpecifications: [{ ResourceType: 'security-group', Tags: [{ Key: 'fortress:quarantine', Value: 'true' }] }],
    }]);
    expect(calls(RevokeSecurityGroupEgressCommand)).toEqual([{ GroupId: 'sg-q', IpPermissions: [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }] }]);
    expect(calls(ModifyNetworkInterfaceAttributeCommand)).toEqual([{ NetworkInterfaceId: 'eni-1', Groups: ['sg-q'] }, { NetworkInterfaceId: 'eni-2', Groups: ['sg-q'] }]);
    const tags = [{ Key: 'fortress:quarantined', Value: NOW.toISOString() }, { Key: 'fortress:finding', Value: FINDING }];
    expect(calls(CreateSnapshotCommand)).toEqual(['vol-1', 'vol-2'].map((volume) => ({
      VolumeId: volume,
      Description: `Forensic snapshot of ${volume} (i-99999999) taken by the isolate-ec2-instance playbook`,
      TagSpecifications: [{ ResourceType: 'snapshot', Tags: [...tags, { Key: 'fortress:instance', Value: 'i-99999999' }] }],
    })));
    expect(calls(CreateTagsCommand)).toEqual([{ Resources: ['i-99999999'], Tags: tags }]);
  });

  test('GIVEN DRY_RUN=false and an existing quarantine group THEN it is reused, not created or changed', async () => {
    ec2.on(DescribeSecurityGroupsCommand).resolves({ SecurityGroups: [{ GroupId: 'sg-existing' }] });
    await withDryRun('false', () => handler(sample('securityhub-findings-custom-action')));
    expect(calls(CreateSecurityGroupCommand)).toEqual([]);
    expect(calls(RevokeSecurityGroupEgressCommand)).toEqual([]);
    expect(calls(DescribeInstancesCommand)).toEqual([{ InstanceIds: ['i-0abcdef1234567890'] }]);
    expect(calls(ModifyNetworkInterfaceAttributeCommand).map((i) => i.Groups)).toEqual([['sg-existing'], ['sg-existing']]);
  });

  test('GIVEN a quarantine group left with its default egress rule THEN the rule is revoked before use', async () => {
    ec2.on(DescribeSecurityGroupsCommand).resolves({ SecurityGroups: [{ GroupId: 'sg-half', IpPermissionsEgress: [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }] }] });
    await withDryRun('false', () => handler(sample('guardduty-finding')));
    expect(calls(RevokeSecurityGroupEgressCommand)).toEqual([{ GroupId: 'sg-half', IpPermissions: [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }] }]);
    expect(calls(ModifyNetworkInterfaceAttributeCommand).map((i) => i.Groups)).toEqual([['sg-half'], ['sg-half']]);
  });

  test.each([
    ['an ingress rule', { IpPermissions: [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }] }],
    ['an egress rule other than the default', { IpPermissionsEgress: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }] }],
  ])('GIVEN a quarantine group with %s THEN no interface is moved into it', async (_name, rules) => {
    ec2.on(DescribeSecurityGroupsCommand).resolves({ SecurityGroups: [{ GroupId: 'sg-open', ...rules }] });
    await expect(withDryRun('false', () => handler(sample('guardduty-finding')))).rejects.toThrow('sg-open: the quarantine group has rules');
    expect(calls(ModifyNetworkInterfaceAttributeCommand)).toEqual([]);
  });

  test('GIVEN a finding about another account THEN no AWS call', async () => {
    const other = JSON.parse(JSON.stringify(sample('guardduty-finding')).split(OWN_ACCOUNT).join('999999999999'));
    expect(await withDryRun('false', () => handler(other))).toEqual([]);
    expect(ec2.calls()).toHaveLength(0);
  });

  test('GIVEN a finding without an instance THEN no AWS call, a log line saying why', async () => {
    expect(await withDryRun('false', () => handler(sample('macie-finding')))).toEqual([]);
    expect(ec2.calls()).toHaveLength(0);
    expect(console.log).toHaveBeenCalledWith(expect.stringContaining('skip: no EC2 instance in the finding'));
  });

  test('GIVEN an instance that is gone THEN it fails (the event goes to the dead-letter queue), nothing changed', async () => {
    ec2.on(DescribeInstancesCommand).resolves({ Reservations: [] });
    await expect(withDryRun('false', () => handler(sample('guardduty-finding')))).rejects.toThrow('i-99999999: not found, or not in a VPC');
    expect(ec2.calls()).toHaveLength(1);
  });
});

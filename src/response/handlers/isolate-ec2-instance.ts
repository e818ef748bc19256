// eslint-disable-next-line import/no-extraneous-dependencies -- the Lambda Node.js runtime provides the AWS SDK v3 clients
import {
  CreateSecurityGroupCommand, CreateSnapshotCommand, CreateTagsCommand, DescribeInstancesCommand, DescribeSecurityGroupsCommand, EC2Client,
  ModifyNetworkInterfaceAttributeCommand, RevokeSecurityGroupEgressCommand,
} from '@aws-sdk/client-ec2';
import { FindingEvent, findingIdOf, guardDutyFinding, isDryRun, lastSegmentOf, logAction, securityHubResources } from './finding-event';

const PLAYBOOK = 'isolate-ec2-instance';
/** The quarantine security group's name, one per VPC, created on first use: no ingress rule, its default egress rule revoked. */
export const QUARANTINE_GROUP_NAME = 'fortress-quarantine';
/** The tag that marks the quarantine group (the role may revoke egress only on groups carrying it). */
export const QUARANTINE_TAG = 'fortress:quarantine';

const ec2 = new EC2Client({});

/** The instance ids a finding names: GuardDuty `resource.instanceDetails.instanceId`, Security Hub `AwsEc2Instance` resources. */
export function instanceIdsOf(event: FindingEvent): string[] {
  const fromGuardDuty = guardDutyFinding(event)?.resource?.instanceDetails?.instanceId;
  const fromHub = securityHubResources(event, 'AwsEc2Instance').map((r) => lastSegmentOf(r.Id));
  return [...new Set([fromGuardDuty, ...fromHub].filter((id): id is string => typeof id === 'string' && /^i-[0-9a-f]{8,17}$/.test(id)))];
}

/** What isolating one instance did (or would do). */
export interface IsolationResult {
  readonly instanceId: string;
  readonly dryRun: boolean;
  readonly quarantineGroupId?: string;
  readonly networkInterfaces: string[];
  readonly snapshots: string[];
  readonly volumes: string[];
}

/**
 * Isolates each instance a finding names: every network interface moved to the VPC's quarantine security group (no
 * ingress, no egress), every EBS volume snapshotted (for forensics), the instance tagged. In dry run (the default) it
 * only describes the instance and logs what it would do.
 */
export async function handler(event: FindingEvent): Promise<IsolationResult[]> {
  const dryRun = isDryRun();
  const results: IsolationResult[] = [];
  for (const instanceId of instanceIdsOf(event)) results.push(await isolate(instanceId, dryRun, findingIdOf(event)));
  if (results.length === 0) logAction(PLAYBOOK, dryRun, 'skip: no EC2 instance in the finding', { finding: findingIdOf(event) });
  return results;
}

async function isolate(instanceId: string, dryRun: boolean, findingId: string): Promise<IsolationResult> {
  const described = await ec2.send(new DescribeInstancesCommand({ InstanceIds: [instanceId] }));
  const instance = described.Reservations?.[0]?.Instances?.[0];
  if (!instance?.VpcId) throw new Error(`${instanceId}: not found, or not in a VPC`);
  const networkInterfaces = (instance.NetworkInterfaces ?? []).map((n) => n.NetworkInterfaceId!).filter(Boolean);
  const volumes = (instance.BlockDeviceMappings ?? []).map((b) => b.Ebs?.VolumeId!).filter(Boolean);
  const plan = { instanceId, vpcId: instance.VpcId, networkInterfaces, volumes, finding: findingId };
  if (dryRun) {
    logAction(PLAYBOOK, true, 'isolate instance', plan);
    return { instanceId, dryRun, networkInterfaces, volumes, snapshots: [] };
  }
  const groupId = await quarantineGroup(instance.VpcId);
  for (const networkInterfaceId of networkInterfaces) {
    await ec2.send(new ModifyNetworkInterfaceAttributeCommand({ NetworkInterfaceId: networkInterfaceId, Groups: [groupId] }));
  }
  const now = new Date().toISOString();
  const tags = [{ Key: 'fortress:quarantined', Value: now }, { Key: 'fortress:finding', Value: findingId }];
  const snapshots: string[] = [];
  for (const volumeId of volumes) {
    const snapshot = await ec2.send(new CreateSnapshotCommand({
      VolumeId: volumeId,
      Description: `Forensic snapshot of ${volumeId} (${instanceId}) taken by the ${PLAYBOOK} playbook`,
      TagSpecifications: [{ ResourceType: 'snapshot', Tags: [...tags, { Key: 'fortress:instance', Value: instanceId }] }],
    }));
    if (snapshot.SnapshotId) snapshots.push(snapshot.SnapshotId);
  }
  await ec2.send(new CreateTagsCommand({ Resources: [instanceId], Tags: tags }));
  logAction(PLAYBOOK, false, 'isolated instance', { ...plan, quarantineGroupId: groupId, snapshots });
  return { instanceId, dryRun, quarantineGroupId: groupId, networkInterfaces, volumes, snapshots };
}

/** The rule a new security group starts with: all traffic out to anywhere (IPv4). */
const DEFAULT_EGRESS = { IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] };

/**
 * The VPC's quarantine group, created (tagged, its default egress rule revoked) when missing. An existing group is
 * trusted only with the quarantine tag and no rule at all: a group pre-created under the same name (without the tag,
 * CreateSecurityGroup then fails on the name) or given rules since would let the "isolated" instance talk. A leftover
 * default egress rule (a run that stopped between creating and revoking) is revoked; any other rule fails the run.
 */
async function quarantineGroup(vpcId: string): Promise<string> {
  const existing = await ec2.send(new DescribeSecurityGroupsCommand({
    Filters: [{ Name: 'vpc-id', Values: [vpcId] }, { Name: 'group-name', Values: [QUARANTINE_GROUP_NAME] }, { Name: `tag:${QUARANTINE_TAG}`, Values: ['true'] }],
  }));
  const found = existing.SecurityGroups?.[0];
  if (found?.GroupId) {
    const egress = found.IpPermissionsEgress ?? [];
    const onlyDefaultEgress = egress.length === 1 && egress[0].IpProtocol === '-1' && (egress[0].IpRanges ?? []).some((r) => r.CidrIp === '0.0.0.0/0')
      && (egress[0].IpRanges ?? []).length === 1 && (egress[0].Ipv6Ranges ?? []).length === 0 && (egress[0].UserIdGroupPairs ?? []).length === 0
      && (egress[0].PrefixListIds ?? []).length === 0;
    if ((found.IpPermissions ?? []).length > 0 || (egress.length > 0 && !onlyDefaultEgress)) {
      throw new Error(`${found.GroupId}: the quarantine group has rules; refusing to move instances into it (remove its rules, or delete it)`);
    }
    if (onlyDefaultEgress) await ec2.send(new RevokeSecurityGroupEgressCommand({ GroupId: found.GroupId, IpPermissions: [DEFAULT_EGRESS] }));
    return found.GroupId;
  }
  const created = await ec2.send(new CreateSecurityGroupCommand({
    GroupName: QUARANTINE_GROUP_NAME,
    Description: 'Quarantine: no ingress, no egress (cdk-fortress isolate-ec2-instance playbook)',
    VpcId: vpcId,
    TagSpecifications: [{ ResourceType: 'security-group', Tags: [{ Key: QUARANTINE_TAG, Value: 'true' }] }],
  }));
  const groupId = created.GroupId!;
  // A new group allows all outbound traffic until its default egress rule is revoked
  // (https://docs.aws.amazon.com/vpc/latest/userguide/default-security-group.html).
  await ec2.send(new RevokeSecurityGroupEgressCommand({ GroupId: groupId, IpPermissions: [DEFAULT_EGRESS] }));
  return groupId;
}

// eslint-disable-next-line import/no-extraneous-dependencies -- the Lambda Node.js runtime provides the AWS SDK v3 clients
import { IAMClient, UpdateAccessKeyCommand } from '@aws-sdk/client-iam';
import { FindingEvent, findingIdOf, guardDutyFinding, isDryRun, logAction, securityHubResources } from './finding-event';

const PLAYBOOK = 'deactivate-access-key';
const iam = new IAMClient({});

/** An IAM user's access key named by a finding. */
export interface ExposedKey {
  readonly userName: string;
  readonly accessKeyId: string;
}

/**
 * The long-term IAM user keys a finding names: GuardDuty `resource.accessKeyDetails` of userType IAMUser, Security Hub
 * `AwsIamAccessKey` resources of PrincipalType IAMUser. Temporary keys (ASIA...) and root keys are not IAM user keys:
 * revoke a role's sessions instead, or rotate root credentials by hand.
 */
export function exposedKeysOf(event: FindingEvent): ExposedKey[] {
  const keys: ExposedKey[] = [];
  const details = guardDutyFinding(event)?.resource?.accessKeyDetails;
  if (details?.userType === 'IAMUser') keys.push({ userName: details.userName, accessKeyId: details.accessKeyId });
  for (const r of securityHubResources(event, 'AwsIamAccessKey')) {
    const d = r.Details?.AwsIamAccessKey ?? {};
    if ((d.PrincipalType ?? 'IAMUser') !== 'IAMUser') continue;
    keys.push({ userName: d.PrincipalName ?? d.UserName, accessKeyId: d.AccessKeyId ?? String(r.Id).split(':').pop() });
  }
  return keys.filter((k) => typeof k.userName === 'string' && /^[\w+=,.@-]{1,64}$/.test(k.userName) && /^AKIA[A-Z0-9]{12,124}$/.test(String(k.accessKeyId)))
    .filter((k, i, all) => all.findIndex((o) => o.accessKeyId === k.accessKeyId) === i);
}

/** Deactivates (does not delete) each exposed IAM user access key. In dry run (the default) it logs what it would do. */
export async function handler(event: FindingEvent): Promise<Array<ExposedKey & { dryRun: boolean }>> {
  const dryRun = isDryRun();
  const keys = exposedKeysOf(event);
  if (keys.length === 0) logAction(PLAYBOOK, dryRun, 'skip: no IAM user access key in the finding', { finding: findingIdOf(event) });
  for (const key of keys) {
    if (!dryRun) await iam.send(new UpdateAccessKeyCommand({ UserName: key.userName, AccessKeyId: key.accessKeyId, Status: 'Inactive' }));
    logAction(PLAYBOOK, dryRun, 'deactivate access key', { ...key, finding: findingIdOf(event) });
  }
  return keys.map((k) => ({ ...k, dryRun }));
}

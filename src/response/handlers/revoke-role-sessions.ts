// eslint-disable-next-line import/no-extraneous-dependencies -- the Lambda Node.js runtime provides the AWS SDK v3 clients
import { IAMClient, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { FindingEvent, findingIdOf, guardDutyFinding, isDryRun, lastSegmentOf, logAction, securityHubResources } from './finding-event';

const PLAYBOOK = 'revoke-role-sessions';
/** The inline policy name the IAM console uses when it revokes sessions. */
export const REVOKE_POLICY_NAME = 'AWSRevokeOlderSessions';
const iam = new IAMClient({});

/**
 * The role names a finding names: GuardDuty `resource.accessKeyDetails` of userType AssumedRole (its userName is the
 * role's name), Security Hub `AwsIamRole` resources. Service-linked roles (path /aws-service-role/) are left out: IAM
 * refuses inline policies on them.
 */
export function roleNamesOf(event: FindingEvent): string[] {
  const details = guardDutyFinding(event)?.resource?.accessKeyDetails;
  const fromGuardDuty = details?.userType === 'AssumedRole' ? [details.userName] : [];
  const fromHub = securityHubResources(event, 'AwsIamRole').filter((r) => !String(r.Id).includes('/aws-service-role/')).map((r) => lastSegmentOf(r.Id));
  return [...new Set([...fromGuardDuty, ...fromHub].filter((n) => typeof n === 'string' && /^[\w+=,.@-]{1,64}$/.test(n)))];
}

/**
 * The policy that revokes every session issued before `issuedBefore`: IAM's documented "revoke active sessions" policy
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_revoke-sessions.html). New sessions still work.
 */
export function revokePolicy(issuedBefore: Date): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Deny', Action: ['*'], Resource: ['*'], Condition: { DateLessThan: { 'aws:TokenIssueTime': issuedBefore.toISOString() } } }],
  });
}

/** Revokes the active sessions of each role a finding names. In dry run (the default) it logs what it would do. */
export async function handler(event: FindingEvent): Promise<Array<{ roleName: string; dryRun: boolean; issuedBefore: string }>> {
  const dryRun = isDryRun();
  const now = new Date();
  const roles = roleNamesOf(event);
  if (roles.length === 0) logAction(PLAYBOOK, dryRun, 'skip: no IAM role in the finding', { finding: findingIdOf(event) });
  for (const roleName of roles) {
    if (!dryRun) await iam.send(new PutRolePolicyCommand({ RoleName: roleName, PolicyName: REVOKE_POLICY_NAME, PolicyDocument: revokePolicy(now) }));
    logAction(PLAYBOOK, dryRun, 'revoke sessions issued before now', { roleName, issuedBefore: now.toISOString(), finding: findingIdOf(event) });
  }
  return roles.map((roleName) => ({ roleName, dryRun, issuedBefore: now.toISOString() }));
}

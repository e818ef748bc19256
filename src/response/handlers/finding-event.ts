/**
 * What the response playbooks read from the events that trigger them: GuardDuty findings, Security Hub findings
 * (imported, or sent to a custom action) and the other FindingsRouter sources. Node built-ins only: this directory is
 * the Lambda asset, run as compiled JavaScript on the Node.js runtime, which ships the AWS SDK v3 clients.
 */

/** An EventBridge event (only the fields the playbooks read). */
export interface FindingEvent {
  readonly 'source'?: string;
  readonly 'detail-type'?: string;
  readonly 'detail'?: any;
}

/** Dry run unless DRY_RUN is exactly `false` (any case): a missing or mistyped value never turns the playbook live. */
export function isDryRun(env: { [key: string]: string | undefined } = process.env): boolean {
  return (env.DRY_RUN ?? 'true').trim().toLowerCase() !== 'false';
}

/**
 * The account the playbook acts in (`ACCOUNT_ID`, set by ResponsePlaybook), else undefined: without it no finding is
 * acted on. A security account also receives its members' findings (aggregation, delegated administration); acting on
 * a same-named role, instance or key of its own account for another account's finding would hit the wrong resource.
 */
export function ownAccountId(env: { [key: string]: string | undefined } = process.env): string | undefined {
  const id = env.ACCOUNT_ID;
  return typeof id === 'string' && /^\d{12}$/.test(id) ? id : undefined;
}

/** Whether `arn` is of this account; ARNs without an account field (an S3 bucket's) and ids that are not ARNs do not say, and pass. */
export function isOwnArn(arn: unknown, account: string): boolean {
  if (!String(arn).startsWith('arn:')) return true;
  const field = String(arn).split(':')[4];
  return field === undefined || field === '' || field === account;
}

/**
 * Findings of AWS's own integrations (`ProductArn` `arn:<partition>:securityhub:<region>::product/aws/<service>`). Anyone
 * with `securityhub:BatchImportFindings` can import a finding of another product with any content, so only these trigger a
 * playbook (https://docs.aws.amazon.com/securityhub/latest/userguide/securityhub-findings-providers.html).
 */
const AWS_PRODUCT_ARN = /^arn:aws[a-z-]*:securityhub:[a-z0-9-]+::product\/aws\//;

/** The ASFF findings of a Security Hub event (imported or custom action) that an AWS service reported about this account. */
export function securityHubFindings(event: FindingEvent): any[] {
  const account = ownAccountId();
  if (account === undefined || event?.source !== 'aws.securityhub' || !Array.isArray(event.detail?.findings)) return [];
  return event.detail.findings.filter((f: any) => AWS_PRODUCT_ARN.test(String(f?.ProductArn)) && f?.AwsAccountId === account);
}

/** The resources of `type` (ASFF `Resources[].Type`) of this account across a Security Hub event's findings. */
export function securityHubResources(event: FindingEvent, type: string): any[] {
  const account = ownAccountId() ?? '';
  return securityHubFindings(event)
    .flatMap((f) => (Array.isArray(f?.Resources) ? f.Resources : []))
    .filter((r: any) => r?.Type === type && isOwnArn(r?.Id, account));
}

/** The detail of an event from `source` about this account (`detail.accountId`: GuardDuty, Macie, Access Analyzer), else undefined. */
export function ownAccountDetail(event: FindingEvent, source: string): any {
  const account = ownAccountId();
  return account !== undefined && event?.source === source && event.detail?.accountId === account ? event.detail : undefined;
}

/** The GuardDuty finding of a GuardDuty event about this account, else undefined. */
export function guardDutyFinding(event: FindingEvent): any {
  return ownAccountDetail(event, 'aws.guardduty');
}

/** An id for the finding, for tags and logs. */
export function findingIdOf(event: FindingEvent): string {
  const id = guardDutyFinding(event)?.id ?? securityHubFindings(event)[0]?.Id ?? event?.detail?.id ?? 'unknown';
  return String(id).slice(-256);
}

/** The last segment of an ARN's resource part (`.../instance/i-1` → `i-1`). */
export function lastSegmentOf(arn: string): string {
  return String(arn).split(/[/:]/).pop() ?? '';
}

/** Logs one structured line: what the playbook did, or would do in dry run. */
export function logAction(playbook: string, dryRun: boolean, action: string, details: object): void {
  console.log(JSON.stringify({ playbook, dryRun, action: dryRun ? `would ${action}` : action, ...details }));
}

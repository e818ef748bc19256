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

/** The ASFF findings of a Security Hub event (imported or custom action), else none. */
export function securityHubFindings(event: FindingEvent): any[] {
  return event?.source === 'aws.securityhub' && Array.isArray(event.detail?.findings) ? event.detail.findings : [];
}

/** The resources of `type` (ASFF `Resources[].Type`) across a Security Hub event's findings. */
export function securityHubResources(event: FindingEvent, type: string): any[] {
  return securityHubFindings(event).flatMap((f) => (Array.isArray(f?.Resources) ? f.Resources : [])).filter((r: any) => r?.Type === type);
}

/** The GuardDuty finding of a GuardDuty event, else undefined. */
export function guardDutyFinding(event: FindingEvent): any {
  return event?.source === 'aws.guardduty' ? event.detail : undefined;
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

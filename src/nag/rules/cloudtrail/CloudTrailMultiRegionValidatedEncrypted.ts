import { defineRule, RuleProblem } from '../../template/fortress-rule';
import { asList } from '../../template/stack-template';

/**
 * CloudTrail trails log management events in every region (with global service events),
 * validate their log files, and encrypt them with a KMS key.
 */
export default defineRule(__filename, {
  resourceTypes: ['AWS::CloudTrail::Trail'],
  info: 'The CloudTrail trail does not log management events in every region with log-file validation and KMS encryption.',
  explanation: 'A trail that misses a region misses API calls; without validation, altered log files go unnoticed; without KMS, anyone who can read the bucket can read the logs.',
  fix: 'Use AuditTrail (multi-region, validated, KMS-encrypted, logging) and remove overrides of IsLogging, IsMultiRegionTrail, EnableLogFileValidation, KMSKeyId or the event selectors.',
  evaluate: (trail) => {
    const p = trail.properties;
    const problems: RuleProblem[] = [];
    const expect = (ok: boolean, detail: string) => { if (!ok) problems.push({ detail }); };
    expect(p.IsMultiRegionTrail === true, 'IsMultiRegionTrail is not true.');
    expect(p.IncludeGlobalServiceEvents !== false, 'IncludeGlobalServiceEvents is false.');
    expect(p.EnableLogFileValidation === true, 'EnableLogFileValidation is not true.');
    expect(p.KMSKeyId !== undefined, 'KMSKeyId is not set.');
    expect(logsManagementEvents(asList(p.AdvancedEventSelectors), asList(p.EventSelectors)), 'The event selectors exclude management events.');
    return problems;
  },
});

/** Management events are logged unless selectors exist and none of them selects them. */
function logsManagementEvents(advanced: any[], basic: any[]): boolean {
  if (advanced.length > 0) {
    return advanced.some((selector) => asList(selector?.FieldSelectors)
      .some((f: any) => f?.Field === 'eventCategory' && asList(f.Equals).includes('Management')));
  }
  if (basic.length > 0) return basic.some((selector) => selector?.IncludeManagementEvents !== false);
  return true;
}

import { defineRule, problemIf } from '../../template/fortress-rule';

/** Workflow statuses that take a finding out of the FindingsRouter's view (it routes NEW and NOTIFIED ones). */
const CLOSING = ['SUPPRESSED', 'RESOLVED'];
/** Criteria that name what is closed: controls or resources, not whole severities, products or accounts. */
const NAMING = ['ComplianceSecurityControlId', 'ResourceId', 'Id', 'GeneratorId'];
/** Comparisons that select the named values (NOT_EQUALS / NOT_CONTAINS select everything else). */
const SELECTING = ['EQUALS', 'PREFIX', 'CONTAINS'];

/**
 * Security Hub automation rules that suppress or resolve findings name the controls or resources they close, as
 * `SecurityHubAutomationRules` requires: a rule closing findings by severity, product or account alone (or with no
 * criteria) would silence whole classes of findings before anyone sees them. Fail closed on values that are not
 * literals. https://docs.aws.amazon.com/securityhub/latest/userguide/automation-rules.html
 */
export default defineRule(__filename, {
  resourceTypes: ['AWS::SecurityHub::AutomationRule'],
  info: 'The Security Hub automation rule suppresses or resolves findings without naming controls or resources.',
  explanation: 'Closed findings never reach the findings router, its alerts or its playbooks: a broad rule hides every matching finding from then on.',
  fix: 'Use SecurityHubAutomationRules with AutomationRule.suppress({ controlIds }) or ({ resourceArns }); acknowledge on this rule only for a reviewed, '
    + 'deliberate mass suppression.',
  evaluate: (rule) => {
    const p = rule.properties as any;
    const closes = [p.Actions ?? []].flat().some((a: any) => {
      const status = a?.FindingFieldsUpdate?.Workflow?.Status;
      return typeof status !== 'string' ? status !== undefined : CLOSING.includes(status.toUpperCase());
    });
    const criteria = p.Criteria ?? {};
    const named = NAMING.some((key) => {
      const filters = criteria[key];
      return Array.isArray(filters) && filters.length > 0 && filters.every((f: any) => typeof f?.Value === 'string' && f.Value !== ''
        && typeof f?.Comparison === 'string' && SELECTING.includes(f.Comparison.toUpperCase()));
    });
    return problemIf(closes && p.RuleStatus !== 'DISABLED' && !named,
      'It closes findings (SUPPRESSED or RESOLVED) without selecting them by control id, resource id, finding id or generator.');
  },
});

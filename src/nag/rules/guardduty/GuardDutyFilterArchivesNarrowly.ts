import { defineRule, problemIf } from '../../template/fortress-rule';

/** Criterion operators that select the listed values (`Neq`/`NotEquals` select everything else). */
const SELECTING = ['Eq', 'Equals'];

/**
 * GuardDuty filters that auto-archive findings (suppression rules) name both the finding type and the resources they
 * suppress it for, as AWS's suppression-rule guidance does: a filter archiving by severity, account or type alone hides
 * every matching finding, in every resource, from then on.
 * https://docs.aws.amazon.com/guardduty/latest/ug/findings_suppression-rule.html
 */
export default defineRule(__filename, {
  resourceTypes: ['AWS::GuardDuty::Filter'],
  info: 'The GuardDuty filter archives findings without naming both the finding type and the resources.',
  explanation: 'Archived findings are not exported to Security Hub or EventBridge alerts: a broad suppression rule silences threat detection while '
    + 'GuardDuty still appears enabled.',
  fix: 'Select `type` and a `resource.*` field with Eq/Equals literals; acknowledge on this filter only for a reviewed, deliberate suppression.',
  evaluate: (filter) => {
    const p = filter.properties as any;
    if (p.Action !== 'ARCHIVE') return [];
    const criterion = p.FindingCriteria?.Criterion ?? {};
    const selects = (key: string) => {
      const condition = criterion[key];
      return condition !== null && typeof condition === 'object' && SELECTING.some((op) => Array.isArray(condition[op])
        && condition[op].length > 0 && condition[op].every((v: unknown) => typeof v === 'string' && v !== ''))
        && Object.keys(condition).every((op) => SELECTING.includes(op));
    };
    const namesType = selects('type');
    const namesResource = Object.keys(criterion).some((key) => key.startsWith('resource.') && selects(key));
    return problemIf(!namesType || !namesResource,
      `It archives findings selected by ${JSON.stringify(Object.keys(criterion))}: name the finding type and a resource field.`);
  },
});

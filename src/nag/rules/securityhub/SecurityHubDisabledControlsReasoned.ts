import { defineRule } from '../../template/fortress-rule';
import { asList } from '../../template/stack-template';

/** Every Security Hub control disabled in a standard carries a reason, recorded in the template. */
export default defineRule(__filename, {
  resourceTypes: ['AWS::SecurityHub::Standard'],
  info: 'A Security Hub control is disabled without a reason.',
  explanation: 'A disabled control is a deviation from the standard; the reason is what an auditor reads.',
  fix: 'Give every entry of disabledControls a reason (SecurityHubBaseline requires one).',
  evaluate: (r) => asList(r.properties.DisabledStandardsControls)
    .filter((c: any) => typeof c?.Reason !== 'string' || c.Reason.trim().length === 0)
    .map((c: any) => ({ detail: `Control ${JSON.stringify(c?.StandardsControlArn)} has no reason.` })),
});

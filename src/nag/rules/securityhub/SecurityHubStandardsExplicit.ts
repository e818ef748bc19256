import { defineRule, problemIf } from '../../template/fortress-rule';

/** Security Hub hubs do not enable the implicit default standards: every enabled standard is in the template. */
export default defineRule(__filename, {
  resourceTypes: ['AWS::SecurityHub::Hub'],
  info: 'The Security Hub hub enables the implicit default standards.',
  explanation: 'Implicit defaults change when AWS changes them and do not appear in the template.',
  fix: 'Use SecurityHubBaseline (explicit standards) or set EnableDefaultStandards to false and enable each standard explicitly.',
  evaluate: (r) => problemIf(r.properties.EnableDefaultStandards !== false, 'EnableDefaultStandards is not false.'),
});

import { defineRule } from '../../template/fortress-rule';
import { IAM_POLICY_TYPES, iamPolicyDocuments, statementsOf } from '../../template/policy-document';

/** No identity-based policy uses `NotAction` in an Allow. Never acknowledgeable. */
export default defineRule(__filename, {
  resourceTypes: IAM_POLICY_TYPES,
  neverAcknowledgeable: true,
  info: 'The IAM policy allows NotAction: every action except those listed.',
  explanation: 'An Allow with NotAction grants every action of every service but a few, including actions AWS adds later: administrator access in disguise.',
  fix: 'List the actions to allow in Action (LeastPrivilegeRole refuses NotAction).',
  evaluate: (r) => iamPolicyDocuments(r.type, r.properties).flatMap(statementsOf)
    .filter((s) => s.Effect === 'Allow' && s.NotAction !== undefined)
    .map((s) => ({ detail: `Statement ${JSON.stringify(s.Sid ?? s.NotAction)} uses NotAction.` })),
});

import { defineRule } from '../../template/fortress-rule';
import { IAM_POLICY_TYPES, iamPolicyDocuments, statementsOf } from '../../template/policy-document';

/** No identity-based policy uses `NotResource` in an Allow. */
export default defineRule(__filename, {
  resourceTypes: IAM_POLICY_TYPES,
  info: 'The IAM policy allows actions on NotResource: every resource except those listed.',
  explanation: 'NotResource in an Allow grants the actions on every resource of every account the principal can reach, including resources created later.',
  fix: 'List the resources (ARNs) in Resource.',
  evaluate: (r) => iamPolicyDocuments(r.type, r.properties).flatMap(statementsOf)
    .filter((s) => s.Effect === 'Allow' && s.NotResource !== undefined)
    .map((s) => ({ detail: `Statement ${JSON.stringify(s.Sid ?? s.Action)} uses NotResource.` })),
});

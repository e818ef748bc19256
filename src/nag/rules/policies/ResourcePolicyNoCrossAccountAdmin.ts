import { adminEquivalentReasons, conditionNamedOutsiders, isCrossAccount } from '../../../analysis';
import { ANY_RESOURCE_TYPE, defineRule } from '../../template/fortress-rule';
import { asList, statementsOf } from '../../template/policy-document';
import { resourcePolicyDocuments } from '../../template/resource-policies';

/**
 * No resource-based policy gives another account administrator-equivalent actions (`*`, `kms:*`,
 * `kms:PutKeyPolicy`, `kms:CreateGrant`, `iam:*`, `s3:*`, `s3:PutBucketPolicy`, ...).
 */
export default defineRule(__filename, {
  resourceTypes: [ANY_RESOURCE_TYPE],
  info: 'The resource policy gives another AWS account administrator-equivalent actions.',
  explanation: 'An account that can rewrite the policy, create grants or delete the resource owns it in all but name; a compromise there becomes a compromise here.',
  fix: 'Grant the other account only the data actions it needs (for example kms:Decrypt, s3:GetObject), never *, <service>:*, policy or grant management.',
  evaluate: (resource) => resourcePolicyDocuments(resource).flatMap(statementsOf).flatMap((statement) => {
    if (statement.Effect !== 'Allow') return [];
    const verdict = isCrossAccount(statement, resource.template.account);
    // Principal "*" narrowed to another account or an organization by a condition is that account or organization.
    const outsiders = [
      ...verdict.foreignAccounts.map((a) => `account ${a}`),
      ...(verdict.everyone ? conditionNamedOutsiders(statement, resource.template.account) : []),
    ];
    if (outsiders.length === 0) return [];
    const reasons = statement.NotAction !== undefined ? ['NotAction grants every action but those listed'] : adminEquivalentReasons(asList(statement.Action), asList(statement.Resource));
    return reasons.length > 0 ? [{ detail: `${outsiders.join(', ')}: ${reasons.join('; ')}.` }] : [];
  }),
});

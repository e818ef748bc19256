import { coversPassRole } from '../../../core/permissions';
import { defineRule } from '../../template/fortress-rule';
import { asList, hasNarrowingCondition, IAM_POLICY_TYPES, iamPolicyDocuments, statementsOf } from '../../template/policy-document';

/**
 * IAM policies (managed, inline, role, user and group policies, permission sets) allow iam:PassRole
 * (or a wildcard or NotAction covering it) only on specific roles and only with a positive,
 * non-wildcard iam:PassedToService condition, so a principal cannot hand a powerful role to any service.
 */
export default defineRule(__filename, {
  resourceTypes: IAM_POLICY_TYPES,
  info: 'The IAM policy allows iam:PassRole on a wildcard resource or without an iam:PassedToService condition.',
  explanation: 'iam:PassRole lets a principal give a role\'s permissions to a service.',
  fix: 'Name the roles that may be passed and add a StringEquals iam:PassedToService condition (role.grantPassRole does not add it: write the statement).',
  evaluate: (r) => iamPolicyDocuments(r.type, r.properties).flatMap(statementsOf).filter((s) => {
    // NotAction covers PassRole unless PassRole is among the excluded actions.
    const passes = s.NotAction !== undefined
      ? !asList(s.NotAction).some((a) => typeof a === 'string' && coversPassRole(a))
      : asList(s.Action).some((a) => typeof a === 'string' && coversPassRole(a));
    if (s.Effect !== 'Allow' || !passes) return false;
    const wildcardResource = s.NotResource !== undefined
      || asList(s.Resource).some((res) => typeof res === 'string' && (res === '*' || res.endsWith('/*')) || JSON.stringify(res).includes('/*'));
    return wildcardResource || !hasNarrowingCondition(s, [/^iam:passedtoservice$/i]);
  }).map((s) => ({ detail: `Statement ${JSON.stringify(s.Sid ?? s.Action ?? s.NotAction)} passes roles too widely.` })),
});

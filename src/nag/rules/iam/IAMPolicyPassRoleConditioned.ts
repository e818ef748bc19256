import { passRoleFindings } from '../../../analysis';
import { defineRule } from '../../template/fortress-rule';
import { IAM_POLICY_TYPES, iamPolicyDocuments, statementsOf } from '../../template/policy-document';

/**
 * IAM policies (managed, inline, role, user and group policies, permission sets) allow iam:PassRole
 * (in any spelling the IAM action catalogue matches: `iam:Pass?ole`, `iam:*Role`, `iam:*`, `*`, or
 * NotAction covering it) only on named roles and only with a fixed iam:PassedToService condition.
 */
export default defineRule(__filename, {
  resourceTypes: IAM_POLICY_TYPES,
  info: 'The IAM policy allows iam:PassRole on a wildcard resource or without an iam:PassedToService condition.',
  explanation: 'iam:PassRole lets a principal give a role\'s permissions to a service it controls.',
  fix: 'Name the roles that may be passed and add a StringEquals iam:PassedToService condition (role.grantPassRole does not add it: write the statement).',
  evaluate: (r) => iamPolicyDocuments(r.type, r.properties).flatMap(statementsOf)
    .flatMap((s) => passRoleFindings(s).filter((f) => f.severity === 'error' || f.code === 'PASSROLE_WILDCARD_ROLE'))
    .map((f) => ({ detail: f.message })),
});

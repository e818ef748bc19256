import { GuardrailPolicyKind } from './guardrail';
import { normalizeStatement, ParsedCondition } from '../analysis/policy-statements';

/**
 * Maximum policy document size per type, in characters as submitted (whitespace counts, so documents are minified):
 * SCP 5,120, RCP 5,120, declarative policy 10,000.
 * https://docs.aws.amazon.com/organizations/latest/userguide/orgs_reference_limits.html
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-organizations-policy.html (Content)
 */
export const POLICY_SIZE_LIMITS: Readonly<Record<GuardrailPolicyKind, number>> = {
  [GuardrailPolicyKind.SERVICE_CONTROL_POLICY]: 5120,
  [GuardrailPolicyKind.RESOURCE_CONTROL_POLICY]: 5120,
  [GuardrailPolicyKind.DECLARATIVE_POLICY_EC2]: 10000,
};

/**
 * Why a Deny statement could apply to the exemption role (a request from `arn:aws:iam::<account>:role/<name>` of the
 * organization, over TLS, not an AWS service), or `undefined` when one of its conditions excludes that request.
 * Reuses the analyzer's statement parser (src/analysis).
 */
export function lockoutProblem(statement: unknown, exemptionRoleName: string, organizationId: string | undefined): string | undefined {
  const s = normalizeStatement(statement);
  if (s.effect !== 'Deny') return undefined;
  const role = `arn:aws:iam::123456789012:role/${exemptionRoleName}`;
  const excludes = (c: ParsedCondition): boolean => {
    const values = c.values.map(String);
    const matchesRole = values.some((v) => glob(v).test(role));
    if (c.key === 'aws:principalarn') {
      if (['ArnNotLike', 'ArnNotEquals', 'StringNotLike', 'StringNotEquals'].includes(c.operator)) return matchesRole;
      if (['ArnLike', 'ArnEquals', 'StringLike', 'StringEquals'].includes(c.operator) && !c.ifExists) return !matchesRole;
    }
    if (c.key === 'aws:principalorgid' && c.operator === 'StringNotEquals') return organizationId !== undefined && values.includes(organizationId);
    if (c.key === 'aws:securetransport' && c.operator === 'Bool') return values.every((v) => v.toLowerCase() === 'false');
    if (c.key === 'aws:principalisawsservice' && c.operator === 'Bool' && !c.ifExists) return values.every((v) => v.toLowerCase() === 'true');
    if (c.key === 'ec2:roledelivery' && c.operator === 'NumericLessThan' && !c.ifExists) return true;
    return false;
  };
  if (s.conditions.some(excludes)) return undefined;
  return 'has no condition that excludes it (add ArnNotLike {"aws:PrincipalARN": "<the exemption role ARN>"})';
}

function glob(pattern: string): RegExp {
  return new RegExp(`^${pattern.split('').map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&'))).join('')}$`, 'i');
}

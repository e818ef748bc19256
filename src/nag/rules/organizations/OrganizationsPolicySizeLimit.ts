import { POLICY_SIZE_LIMITS } from '../../../organizations/guardrail-checks';
import { defineRule, problemIf } from '../../template/fortress-rule';

/**
 * AWS Organizations policies fit their type's size limit, counting every character as submitted (a string Content as
 * written, an object Content minified, as CloudFormation submits it): Organizations refuses larger ones at deploy time.
 * https://docs.aws.amazon.com/organizations/latest/userguide/orgs_reference_limits.html
 */
export default defineRule(__filename, {
  resourceTypes: ['AWS::Organizations::Policy'],
  neverAcknowledgeable: true,
  info: 'The AWS Organizations policy is larger than its policy type allows.',
  explanation: 'Organizations refuses the policy at deploy time; the guardrails it holds would not apply, and the stack rolls back.',
  fix: 'Use OrganizationGuardrails (packs statements into policies under the limit), or remove statements from the override.',
  evaluate: (policy) => {
    const limit = (POLICY_SIZE_LIMITS as Record<string, number | undefined>)[String(policy.properties.Type)];
    if (limit === undefined) return [];
    const content = policy.properties.Content;
    const size = typeof content === 'string' ? content.length : JSON.stringify(content ?? {}).length;
    return problemIf(size > limit, `Content is ${size} characters; a ${policy.properties.Type} takes at most ${limit}.`);
  },
});

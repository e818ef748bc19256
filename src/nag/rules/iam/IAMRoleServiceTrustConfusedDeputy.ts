import { CONFUSED_DEPUTY_CONDITION_KEYS, PASS_ROLE_ONLY_SERVICES } from '../../../core/permissions';
import { defineRule, RuleLevel } from '../../template/fortress-rule';
import { asList, hasNarrowingCondition, statementsOf } from '../../template/policy-document';

/**
 * Roles trusted by AWS service principals require the request's source account, ARN or organization,
 * so the service cannot be used as a confused deputy by another customer. Services that only use roles
 * passed to them (Lambda, EC2, ECS tasks) are exempt: they send no source context, and iam:PassRole
 * guards them. A warning: some other services do not send these keys for some roles either.
 */
export default defineRule(__filename, {
  resourceTypes: ['AWS::IAM::Role'],
  level: RuleLevel.WARNING,
  info: 'The IAM role trusts an AWS service without aws:SourceAccount, aws:SourceArn or aws:SourceOrgID conditions.',
  explanation: 'Without source conditions the service could be made to assume the role on behalf of another customer (confused deputy).',
  fix: 'Add the source conditions where the service supports them (LeastPrivilegeRole does by default); acknowledge where it does not.',
  evaluate: (r) => statementsOf(r.properties.AssumeRolePolicyDocument).filter((s) => {
    const services = asList(typeof s.Principal === 'object' ? s.Principal?.Service : undefined).map(String);
    if (s.Effect !== 'Allow' || services.length === 0 || services.every((svc) => PASS_ROLE_ONLY_SERVICES.has(svc))) return false;
    return !hasNarrowingCondition(s, CONFUSED_DEPUTY_CONDITION_KEYS);
  }).map((s) => ({ detail: `Trust of ${asList(s.Principal.Service).join(', ')} has no source condition.` })),
});

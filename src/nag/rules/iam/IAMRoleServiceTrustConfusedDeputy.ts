import { parse } from 'path';
import { CfnResource } from 'aws-cdk-lib';
import { CfnRole } from 'aws-cdk-lib/aws-iam';
import { NagRuleCompliance } from 'cdk-nag';
import { CONFUSED_DEPUTY_CONDITION_KEYS, PASS_ROLE_ONLY_SERVICES } from '../../../core/permissions';
import { asList, hasNarrowingCondition, resolvedStatements } from '../policy-documents';

/**
 * Roles trusted by AWS service principals require the request's source account, ARN or organization
 * (aws:SourceAccount, aws:SourceArn, aws:SourceOrgID), so the service cannot be used as a confused
 * deputy by another customer. Services that only use roles passed to them (Lambda, EC2, ECS tasks) are
 * exempt: they send no source context, and iam:PassRole guards them. A warning: some other services do
 * not send these keys for some roles either.
 * @param node the CfnResource to check
 */
export default Object.defineProperty(
  (node: CfnResource): NagRuleCompliance => {
    if (!(node instanceof CfnRole)) return NagRuleCompliance.NOT_APPLICABLE;
    const unprotected = resolvedStatements(node, node.assumeRolePolicyDocument).some((s) => {
      const principal = s.Principal as Record<string, unknown> | undefined;
      const services = asList(principal?.Service).map(String);
      if (s.Effect !== 'Allow' || services.length === 0 || services.every((svc) => PASS_ROLE_ONLY_SERVICES.has(svc))) return false;
      return !hasNarrowingCondition(s, CONFUSED_DEPUTY_CONDITION_KEYS);
    });
    return unprotected ? NagRuleCompliance.NON_COMPLIANT : NagRuleCompliance.COMPLIANT;
  },
  'name',
  { value: parse(__filename).name },
);

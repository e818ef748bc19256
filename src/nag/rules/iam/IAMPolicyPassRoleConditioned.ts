import { parse } from 'path';
import { CfnResource, Stack } from 'aws-cdk-lib';
import { CfnGroup, CfnGroupPolicy, CfnManagedPolicy, CfnPolicy, CfnRole, CfnRolePolicy, CfnUser, CfnUserPolicy } from 'aws-cdk-lib/aws-iam';
import { NagRuleCompliance } from 'cdk-nag';
import { flattenCfnReference } from 'cdk-nag/lib/utils/flatten-cfn-reference';
import { coversPassRole } from '../../../core/permissions';
import { asList, hasNarrowingCondition, ResolvedStatement, resolvedStatements } from '../policy-documents';

/**
 * IAM policies (managed, inline, role, user and group policies) allow iam:PassRole (or a wildcard or
 * NotAction covering it) only on specific roles and only with a positive, non-wildcard
 * iam:PassedToService condition, so a principal cannot hand a powerful role to any service.
 * @param node the CfnResource to check
 */
export default Object.defineProperty(
  (node: CfnResource): NagRuleCompliance => {
    let statements: ResolvedStatement[];
    if (node instanceof CfnPolicy || node instanceof CfnManagedPolicy || node instanceof CfnRolePolicy
      || node instanceof CfnUserPolicy || node instanceof CfnGroupPolicy) {
      statements = resolvedStatements(node, node.policyDocument);
    } else if (node instanceof CfnRole || node instanceof CfnUser || node instanceof CfnGroup) {
      const inline: any[] = Stack.of(node).resolve(node.policies) ?? [];
      statements = inline.flatMap((p) => resolvedStatements(node, p.policyDocument));
    } else {
      return NagRuleCompliance.NOT_APPLICABLE;
    }
    const unsafe = statements.some((s) => {
      // NotAction covers PassRole unless PassRole is among the excluded actions.
      const passes = s.NotAction !== undefined
        ? !asList(s.NotAction).some((a) => typeof a === 'string' && coversPassRole(a))
        : asList(s.Action).some((a) => typeof a === 'string' && coversPassRole(a));
      if (s.Effect !== 'Allow' || !passes) return false;
      const wildcardResource = s.NotResource !== undefined
        || asList(s.Resource).map((r) => flattenCfnReference(r)).some((r) => r === '*' || r.endsWith('/*'));
      return wildcardResource || !hasNarrowingCondition(s, [/^iam:passedtoservice$/i]);
    });
    return unsafe ? NagRuleCompliance.NON_COMPLIANT : NagRuleCompliance.COMPLIANT;
  },
  'name',
  { value: parse(__filename).name },
);

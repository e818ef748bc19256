import { parse } from 'path';
import { CfnResource, Stack } from 'aws-cdk-lib';
import { CfnGroup, CfnManagedPolicy, CfnPolicy, CfnRole, CfnUser } from 'aws-cdk-lib/aws-iam';
import { NagRuleCompliance } from 'cdk-nag';
import { coversPassRole } from '../../../core/permissions';
import { asList, ResolvedStatement, resolvedStatements } from '../policy-documents';

/**
 * IAM policies allow iam:PassRole (or a wildcard covering it) only on specific roles and only with an
 * iam:PassedToService condition, so a principal cannot hand a powerful role to any service.
 * @param node the CfnResource to check
 */
export default Object.defineProperty(
  (node: CfnResource): NagRuleCompliance => {
    let statements: ResolvedStatement[];
    if (node instanceof CfnPolicy || node instanceof CfnManagedPolicy) {
      statements = resolvedStatements(node, node.policyDocument);
    } else if (node instanceof CfnRole || node instanceof CfnUser || node instanceof CfnGroup) {
      const inline: any[] = Stack.of(node).resolve(node.policies) ?? [];
      statements = inline.flatMap((p) => resolvedStatements(node, p.policyDocument));
    } else {
      return NagRuleCompliance.NOT_APPLICABLE;
    }
    const unsafe = statements.some((s) => {
      if (s.Effect !== 'Allow' || !asList(s.Action).some((a) => typeof a === 'string' && coversPassRole(a))) return false;
      const wildcardResource = asList(s.Resource).some((r) => typeof r === 'string' && (r === '*' || r.endsWith('/*')));
      const keys = Object.values(s.Condition ?? {}).flatMap((c) => Object.keys(c ?? {}).map((k) => k.toLowerCase()));
      return wildcardResource || !keys.includes('iam:passedtoservice');
    });
    return unsafe ? NagRuleCompliance.NON_COMPLIANT : NagRuleCompliance.COMPLIANT;
  },
  'name',
  { value: parse(__filename).name },
);

import { parse } from 'path';
import { CfnResource } from 'aws-cdk-lib';
import { CfnKey } from 'aws-cdk-lib/aws-kms';
import { NagRuleCompliance } from 'cdk-nag';
import { hasCondition, isAnyPrincipal, resolvedStatements } from '../policy-documents';

/**
 * KMS key policies allow nothing to `Principal: *` unless a condition narrows who may use it.
 * @param node the CfnResource to check
 */
export default Object.defineProperty(
  (node: CfnResource): NagRuleCompliance => {
    if (!(node instanceof CfnKey)) return NagRuleCompliance.NOT_APPLICABLE;
    const open = resolvedStatements(node, node.keyPolicy).some(
      (s) => s.Effect === 'Allow' && isAnyPrincipal(s.Principal) && !hasCondition(s),
    );
    return open ? NagRuleCompliance.NON_COMPLIANT : NagRuleCompliance.COMPLIANT;
  },
  'name',
  { value: parse(__filename).name },
);

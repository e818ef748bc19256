import { parse } from 'path';
import { CfnResource } from 'aws-cdk-lib';
import { CfnRole } from 'aws-cdk-lib/aws-iam';
import { NagRuleCompliance } from 'cdk-nag';
import { isAnyPrincipal, resolvedStatements } from '../policy-documents';

/**
 * IAM role trust policies never trust every AWS principal (`AWS: *`), with or without conditions.
 * @param node the CfnResource to check
 */
export default Object.defineProperty(
  (node: CfnResource): NagRuleCompliance => {
    if (!(node instanceof CfnRole)) return NagRuleCompliance.NOT_APPLICABLE;
    const trustsEveryone = resolvedStatements(node, node.assumeRolePolicyDocument).some(
      (s) => s.Effect === 'Allow' && isAnyPrincipal(s.Principal),
    );
    return trustsEveryone ? NagRuleCompliance.NON_COMPLIANT : NagRuleCompliance.COMPLIANT;
  },
  'name',
  { value: parse(__filename).name },
);

import { parse } from 'path';
import { CfnResource } from 'aws-cdk-lib';
import { CfnKey } from 'aws-cdk-lib/aws-kms';
import { NagRuleCompliance } from 'cdk-nag';
import { hasNarrowingCondition, isAnyPrincipal, resolvedStatements } from '../policy-documents';

/** Condition keys that limit `Principal: *` to an account, organization, principal, source or network. */
const PRINCIPAL_NARROWING_KEYS = [
  /^aws:principal(orgid|orgpaths|account|arn)$/i, /^aws:source(account|arn|orgid|orgpaths|vpce|vpc)$/i, /^kms:calleraccount$/i,
];

/**
 * KMS key policies allow nothing to `Principal: *` unless a condition narrows it to an account,
 * organization, principal, source or network (a positive operator with a non-wildcard value).
 * @param node the CfnResource to check
 */
export default Object.defineProperty(
  (node: CfnResource): NagRuleCompliance => {
    if (!(node instanceof CfnKey)) return NagRuleCompliance.NOT_APPLICABLE;
    const open = resolvedStatements(node, node.keyPolicy).some(
      (s) => s.Effect === 'Allow' && isAnyPrincipal(s.Principal) && !hasNarrowingCondition(s, PRINCIPAL_NARROWING_KEYS),
    );
    return open ? NagRuleCompliance.NON_COMPLIANT : NagRuleCompliance.COMPLIANT;
  },
  'name',
  { value: parse(__filename).name },
);

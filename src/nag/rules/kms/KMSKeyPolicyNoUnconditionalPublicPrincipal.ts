import { defineRule } from '../../template/fortress-rule';
import { hasNarrowingCondition, isAnyPrincipal, statementsOf } from '../../template/policy-document';

/** Condition keys that limit `Principal: *` to an account, organization, principal, source or network. */
const PRINCIPAL_NARROWING_KEYS = [
  /^aws:principal(orgid|orgpaths|account|arn)$/i, /^aws:source(account|arn|orgid|orgpaths|vpce|vpc)$/i, /^kms:calleraccount$/i,
];

/**
 * KMS key policies allow nothing to `Principal: *` unless a condition narrows it to an account,
 * organization, principal, source or network (a positive operator with a non-wildcard value).
 */
export default defineRule(__filename, {
  resourceTypes: ['AWS::KMS::Key'],
  neverAcknowledgeable: true,
  info: 'The KMS key policy allows actions to Principal "*" without a condition that narrows it.',
  explanation: 'An unconditional Allow to every principal lets any AWS account use or manage the key.',
  fix: 'Name the principals, or narrow "*" with a fixed aws:PrincipalOrgID, aws:PrincipalAccount, kms:CallerAccount or aws:SourceVpce condition.',
  evaluate: (r) => statementsOf(r.properties.KeyPolicy)
    .filter((s) => s.Effect === 'Allow' && (isAnyPrincipal(s.Principal) || s.NotPrincipal !== undefined)
      && !hasNarrowingCondition(s, PRINCIPAL_NARROWING_KEYS))
    .map((s) => ({ detail: `Statement ${JSON.stringify(s.Sid ?? s.Action)} allows everyone.` })),
});

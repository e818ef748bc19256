import { isPublicStatement } from '../../../analysis';
import { defineRule } from '../../template/fortress-rule';
import { statementsOf } from '../../template/policy-document';

/**
 * KMS key policies allow nothing to everyone (`Principal: "*"`, `NotPrincipal`) unless a condition
 * AWS accepts as narrowing fixes the account, organization, principal, source or network
 * (a positive operator with a fixed, non-wildcard value). Never acknowledgeable.
 */
export default defineRule(__filename, {
  resourceTypes: ['AWS::KMS::Key', 'AWS::KMS::ReplicaKey'],
  neverAcknowledgeable: true,
  info: 'The KMS key policy allows actions to everyone without a condition that narrows it.',
  explanation: 'An unconditional Allow to every principal lets any AWS account use or manage the key.',
  fix: 'Name the principals, or narrow "*" with a fixed aws:PrincipalOrgID, aws:PrincipalAccount, kms:CallerAccount or aws:SourceVpce condition.',
  evaluate: (r) => statementsOf(r.properties.KeyPolicy).flatMap((statement) => {
    const verdict = isPublicStatement(statement);
    return verdict.public ? [{ detail: `Statement ${JSON.stringify(statement.Sid ?? statement.Action)}: ${verdict.reason}.` }] : [];
  }),
});

import { defineRule } from '../../template/fortress-rule';
import { isAnyPrincipal, statementsOf } from '../../template/policy-document';

/** IAM role trust policies never trust every AWS principal (`AWS: *`), with or without conditions. */
export default defineRule(__filename, {
  resourceTypes: ['AWS::IAM::Role'],
  neverAcknowledgeable: true,
  info: 'The IAM role trust policy allows every AWS principal (AWS: "*") to assume the role.',
  explanation: 'A role trusted by "*" can be assumed from any AWS account; conditions are easy to get wrong and do not belong in a trust policy this broad.',
  fix: 'Trust specific accounts, roles or service principals (LeastPrivilegeRole refuses AnyPrincipal).',
  evaluate: (r) => statementsOf(r.properties.AssumeRolePolicyDocument)
    .filter((s) => s.Effect === 'Allow' && (isAnyPrincipal(s.Principal) || s.NotPrincipal !== undefined))
    .map(() => ({ detail: 'A trust statement allows Principal "*" (or uses NotPrincipal).' })),
});

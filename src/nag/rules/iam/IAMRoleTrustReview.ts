import { analyzeTrustPolicy } from '../../../analysis';
import { defineRule, RuleLevel } from '../../template/fortress-rule';

/** What a role trust policy admits that deserves a reviewer's look: broad OIDC subjects, principals of unknown accounts. */
export default defineRule(__filename, {
  resourceTypes: ['AWS::IAM::Role'],
  level: RuleLevel.WARNING,
  info: 'The IAM role trust policy admits principals a reviewer should confirm.',
  explanation: 'Subject patterns such as repo:owner/* admit every repository of an owner, including ones created later; principals whose account cannot be known at synth may be outside it.',
  fix: 'Pin the subject to the repository and branch or environment, and trust principals of this account or named roles.',
  evaluate: (r) => analyzeTrustPolicy(r.properties.AssumeRolePolicyDocument, {
    ownAccount: r.template.account,
    ownIdentities: r.template.identityLogicalIds,
  }).findings
    .filter((f) => f.severity === 'warning')
    .map((f) => ({ detail: f.message })),
});

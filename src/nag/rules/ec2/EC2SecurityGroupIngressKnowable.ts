import { ingressReachOf, INGRESS_TYPES } from './security-group-reach';
import { defineRule, RuleLevel } from '../../template/fortress-rule';

/** Security group ingress whose reach cannot be known at synth time (prefix lists, CIDRs from parameters) is reported for review. */
export default defineRule(__filename, {
  resourceTypes: INGRESS_TYPES,
  level: RuleLevel.WARNING,
  info: 'The security group admits sources whose reach cannot be known at synth time.',
  explanation: 'A prefix list or a CIDR from a parameter can be changed after deployment to include the whole internet.',
  fix: 'Check who controls the prefix list or parameter; prefer security-group sources or literal CIDRs.',
  evaluate: (group) => ingressReachOf(group).unknowable.map((u) => ({ detail: `${u.kind}: ${u.detail}.` })),
});

import { neuteredManagedRuleGroupReason } from '../../../analysis';
import { defineRule, RuleProblem } from '../../template/fortress-rule';
import { asList } from '../../template/stack-template';

/**
 * WAFv2 web ACLs evaluate at least one managed rule group that acts. No standard pack looks at a web ACL's rules:
 * an ACL with no rules, or with its managed groups neutered, passes them all while blocking nothing. A group is
 * neutered when its `OverrideAction` is Count, or when every blocking rule of a known AWS group is turned into Count
 * or Allow through `RuleActionOverrides` (or the legacy `ExcludedRules`): the judgment is
 * `neuteredManagedRuleGroupReason` in src/analysis/waf-managed-rules.ts.
 *
 * One rule, not a second one for the rule-level overrides: "every managed group neutered" is the same finding
 * however the neutering is spelled, and one acknowledgment id keeps it acknowledgeable in one place.
 */
export default defineRule(__filename, {
  resourceTypes: ['AWS::WAFv2::WebACL'],
  info: 'The WAF web ACL evaluates no managed rule group that blocks.',
  explanation: 'Managed rule groups (such as AWSManagedRulesCommonRuleSet) carry protections maintained against current attacks; '
    + 'a web ACL without one, or whose managed groups only count (OverrideAction Count, or every rule overridden to Count), '
    + 'inspects traffic without stopping common exploits.',
  fix: 'Use SecureWebAcl (AWS baseline managed rule groups by default, managedRuleCountOverrides for single rules), or add a '
    + 'ManagedRuleGroupStatement rule with OverrideAction None and leave its blocking rules blocking.',
  evaluate: (acl): RuleProblem[] => {
    const rules = acl.properties.Rules;
    if (rules !== undefined && !Array.isArray(rules)) return [{ detail: 'Rules are computed at deploy time and cannot be verified.' }];
    const managed = asList(rules).filter((r) => r?.Statement?.ManagedRuleGroupStatement !== undefined);
    if (managed.length === 0) return [{ detail: 'No rule uses a ManagedRuleGroupStatement.' }];
    const neutered = managed.map((r) => ({ name: r.Name, why: neuteredManagedRuleGroupReason(r) }));
    if (neutered.every((n) => n.why !== undefined)) {
      return [{ detail: `Every managed rule group is neutered: ${neutered.map((n) => `${n.name}: ${n.why}`).join('; ')}.` }];
    }
    return [];
  },
});

import { defineRule, RuleProblem } from '../../template/fortress-rule';
import { asList } from '../../template/stack-template';

/**
 * WAFv2 web ACLs evaluate at least one managed rule group that acts (not overridden to COUNT). No standard pack
 * looks at a web ACL's rules: an ACL with no rules, or with its managed groups in count mode, passes them all
 * while blocking nothing.
 */
export default defineRule(__filename, {
  resourceTypes: ['AWS::WAFv2::WebACL'],
  info: 'The WAF web ACL evaluates no managed rule group that blocks.',
  explanation: 'Managed rule groups (such as AWSManagedRulesCommonRuleSet) carry protections maintained against current attacks; '
    + 'a web ACL without one, or whose managed groups only count, inspects traffic without stopping common exploits.',
  fix: 'Use SecureWebAcl (AWS baseline managed rule groups by default), or add a ManagedRuleGroupStatement rule with OverrideAction None.',
  evaluate: (acl): RuleProblem[] => {
    const rules = acl.properties.Rules;
    if (rules !== undefined && !Array.isArray(rules)) return [{ detail: 'Rules are computed at deploy time and cannot be verified.' }];
    const managed = asList(rules).filter((r) => r?.Statement?.ManagedRuleGroupStatement !== undefined);
    if (managed.length === 0) return [{ detail: 'No rule uses a ManagedRuleGroupStatement.' }];
    const acting = managed.filter((r) => r.OverrideAction === undefined || (typeof r.OverrideAction === 'object' && r.OverrideAction !== null
      && r.OverrideAction.Count === undefined && r.OverrideAction.None !== undefined));
    if (acting.length === 0) {
      return [{ detail: `Every managed rule group (${managed.map((r) => r.Name).join(', ')}) is overridden to COUNT: none blocks.` }];
    }
    return [];
  },
});

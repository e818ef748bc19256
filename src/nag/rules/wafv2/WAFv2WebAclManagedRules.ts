import { allowRulesBeforeManagedGroups, hasManagedRuleGroupScopeDown, isManagedRuleGroupRule, neuteredManagedRuleGroupReason } from '../../../analysis';
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
 * however the neutering is spelled (Count, Allow, Challenge or Captcha overrides), and one acknowledgment id keeps it
 * acknowledgeable in one place.
 *
 * Two narrower ways around the managed groups are reported as their own findings, so each is acknowledged for exactly
 * the rule it concerns:
 * - `[scopeDown:<rule>]`: a managed group with a `ScopeDownStatement` inspects only what the statement matches;
 * - `[allowFirst:<rule>]`: a rule with Action Allow evaluated before the last managed group (lower Priority) lets what
 *   it matches skip the groups after it (conservative: any Allow rule before the last group, e.g. an office IP allow-list).
 *
 * A web ACL with `DefaultAction: Block` and no rules blocks everything (fail closed) and is not reported.
 */
export default defineRule(__filename, {
  resourceTypes: ['AWS::WAFv2::WebACL'],
  info: 'The WAF web ACL evaluates no managed rule group that blocks, or lets requests around its managed groups.',
  explanation: 'Managed rule groups (such as AWSManagedRulesCommonRuleSet) carry protections maintained against current attacks; '
    + 'a web ACL without one, or whose managed groups only count (OverrideAction Count, or every rule overridden to Count, Allow, Challenge or Captcha), '
    + 'inspects traffic without stopping common exploits; a ScopeDownStatement on a group, or an Allow rule evaluated before it, lets requests skip it.',
  fix: 'Use SecureWebAcl (AWS baseline managed rule groups by default, managedRuleCountOverrides for single rules), or add a '
    + 'ManagedRuleGroupStatement rule with OverrideAction None and leave its blocking rules blocking; give Allow rules a Priority above every managed '
    + 'group. Scope-downs and early Allow rules are acknowledgeable one by one (Fortress-WAFv2WebAclManagedRules[scopeDown:<rule>] / [allowFirst:<rule>]).',
  evaluate: (acl): RuleProblem[] => {
    const rules = acl.properties.Rules;
    if (rules !== undefined && !Array.isArray(rules)) return [{ detail: 'Rules are computed at deploy time and cannot be verified.' }];
    const all = asList(rules);
    const defaultAction = acl.properties.DefaultAction;
    const blocksAll = defaultAction !== null && typeof defaultAction === 'object' && !Array.isArray(defaultAction)
      && Object.keys(defaultAction).length === 1 && defaultAction.Block !== undefined;
    if (all.length === 0 && blocksAll) return [];
    const managed = all.filter(isManagedRuleGroupRule);
    if (managed.length === 0) return [{ detail: 'No rule uses a ManagedRuleGroupStatement.' }];
    const problems: RuleProblem[] = [];
    const neutered = managed.map((r) => ({ name: r.Name, why: neuteredManagedRuleGroupReason(r) }));
    if (neutered.every((n) => n.why !== undefined)) {
      problems.push({ detail: `Every managed rule group is neutered: ${neutered.map((n) => `${n.name}: ${n.why}`).join('; ')}.` });
    }
    managed.forEach((r, i) => {
      if (!hasManagedRuleGroupScopeDown(r)) return;
      const name = ruleName(r, i);
      problems.push({
        finding: `scopeDown:${name}`,
        detail: `Managed rule group rule ${name} has a ScopeDownStatement: requests it does not match pass the group uninspected. `
          + `If the scope is intended (e.g. only /api/*), acknowledge Fortress-WAFv2WebAclManagedRules[scopeDown:${name}] on the web ACL with why the rest needs no inspection.`,
      });
    });
    for (const r of allowRulesBeforeManagedGroups(all)) {
      const name = ruleName(r, all.indexOf(r));
      problems.push({
        finding: `allowFirst:${name}`,
        detail: `Rule ${name} (Action Allow, Priority ${JSON.stringify(r.Priority)}) is evaluated before the last managed rule group: requests it matches `
          + 'are allowed without passing the managed groups after it. Give it a Priority above every managed group, or, if what it matches is trusted '
          + `(e.g. an office IP set), acknowledge Fortress-WAFv2WebAclManagedRules[allowFirst:${name}] on the web ACL saying why.`,
      });
    }
    return problems;
  },
});

/** A rule's name for a finding id: its literal `Name`, else its position. */
function ruleName(rule: any, index: number): string {
  return typeof rule?.Name === 'string' && /^[\w-]{1,128}$/.test(rule.Name) ? rule.Name : `#${index}`;
}

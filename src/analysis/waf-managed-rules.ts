/**
 * What a WAFv2 web ACL's managed rule group references really do, read from the rendered `AWS::WAFv2::WebACL`:
 * a group whose rule-level overrides turn every rule that blocks into Count (or Allow) inspects traffic and stops none.
 */

/**
 * The rules of AWS Managed Rules groups that act (Block) by default, by group name: the long-standing core of
 * each group, as published for the latest static versions. Rules that only count by default (such as
 * `AWSManagedIPDDoSList`) are not listed: overriding them changes nothing. Rules AWS adds in later versions are
 * not listed either, so a group whose every listed rule is neutralized is judged neutered even if a newer rule
 * still blocks (acknowledge the finding if that is really the intent).
 * - https://docs.aws.amazon.com/waf/latest/developerguide/aws-managed-rule-groups-baseline.html
 * - https://docs.aws.amazon.com/waf/latest/developerguide/aws-managed-rule-groups-use-case.html
 * - https://docs.aws.amazon.com/waf/latest/developerguide/aws-managed-rule-groups-ip-rep.html
 */
export const AWS_MANAGED_RULE_GROUP_BLOCKING_RULES: Readonly<Record<string, readonly string[]>> = {
  AWSManagedRulesCommonRuleSet: [
    'NoUserAgent_HEADER', 'UserAgent_BadBots_HEADER', 'SizeRestrictions_QUERYSTRING', 'SizeRestrictions_Cookie_HEADER',
    'SizeRestrictions_BODY', 'SizeRestrictions_URIPATH', 'EC2MetaDataSSRF_BODY', 'EC2MetaDataSSRF_COOKIE', 'EC2MetaDataSSRF_URIPATH',
    'EC2MetaDataSSRF_QUERYARGUMENTS', 'GenericLFI_QUERYARGUMENTS', 'GenericLFI_URIPATH', 'GenericLFI_BODY', 'RestrictedExtensions_URIPATH',
    'RestrictedExtensions_QUERYARGUMENTS', 'GenericRFI_QUERYARGUMENTS', 'GenericRFI_BODY', 'GenericRFI_URIPATH', 'CrossSiteScripting_COOKIE',
    'CrossSiteScripting_QUERYARGUMENTS', 'CrossSiteScripting_BODY', 'CrossSiteScripting_URIPATH',
  ],
  AWSManagedRulesKnownBadInputsRuleSet: [
    'JavaDeserializationRCE_HEADER', 'JavaDeserializationRCE_BODY', 'JavaDeserializationRCE_URIPATH', 'JavaDeserializationRCE_QUERYSTRING',
    'Host_localhost_HEADER', 'PROPFIND_METHOD', 'ExploitablePaths_URIPATH', 'Log4JRCE_HEADER', 'Log4JRCE_QUERYSTRING', 'Log4JRCE_BODY',
    'Log4JRCE_URIPATH',
  ],
  // AWSManagedIPDDoSList counts by default.
  AWSManagedRulesAmazonIpReputationList: ['AWSManagedIPReputationList', 'AWSManagedReconnaissanceList'],
  AWSManagedRulesAnonymousIpList: ['AnonymousIPList', 'HostingProviderIPList'],
  AWSManagedRulesSQLiRuleSet: ['SQLi_QUERYARGUMENTS', 'SQLiExtendedPatterns_QUERYARGUMENTS', 'SQLi_BODY', 'SQLiExtendedPatterns_BODY', 'SQLi_COOKIE'],
  AWSManagedRulesLinuxRuleSet: ['LFI_URIPATH', 'LFI_QUERYSTRING', 'LFI_HEADER'],
};

/**
 * Why a web ACL rule referencing a managed rule group blocks nothing (`undefined` when it may block):
 * - `OverrideAction` is `Count` (or anything but `None`): the group's matches are only counted. For a rule group
 *   reference, `None` means "use the group's own rule actions"; `Count` overrides them all.
 *   https://docs.aws.amazon.com/waf/latest/APIReference/API_OverrideAction.html
 * - every blocking rule of a known AWS group is overridden to anything but `Block` through `RuleActionOverrides`:
 *   `Count`, `Allow` (worse: it ends evaluation and lets the request through), `Challenge` or `Captcha` (a browser, or
 *   any automated client running one, solves them and the attack payload goes through), or listed in the legacy
 *   `ExcludedRules` (which sets a rule to Count). https://docs.aws.amazon.com/waf/latest/APIReference/API_RuleActionOverride.html
 * Groups of other vendors, or AWS groups not in {@link AWS_MANAGED_RULE_GROUP_BLOCKING_RULES}, are judged only by
 * their `OverrideAction`: their rules are unknown.
 */
export function neuteredManagedRuleGroupReason(rule: any): string | undefined {
  const statement = rule?.Statement?.ManagedRuleGroupStatement;
  if (statement === undefined) return undefined;
  const override = rule.OverrideAction;
  if (override !== undefined && (typeof override !== 'object' || override === null || override.Count !== undefined || override.None === undefined)) {
    return 'OverrideAction is not None: the group\'s matches are only counted';
  }
  const blocking = statement.VendorName === 'AWS' ? AWS_MANAGED_RULE_GROUP_BLOCKING_RULES[statement.Name] : undefined;
  if (blocking === undefined) return undefined;
  const neutralized = new Set<string>();
  for (const o of Array.isArray(statement.RuleActionOverrides) ? statement.RuleActionOverrides : []) {
    const action = o?.ActionToUse ?? {};
    // Fail closed: only Block keeps a rule blocking (Count, Allow, Challenge, Captcha, anything unknown do not).
    if (typeof o?.Name === 'string' && (action === null || typeof action !== 'object' || action.Block === undefined)) neutralized.add(o.Name);
  }
  for (const e of Array.isArray(statement.ExcludedRules) ? statement.ExcludedRules : []) {
    if (typeof e?.Name === 'string') neutralized.add(e.Name);
  }
  return blocking.every((name) => neutralized.has(name))
    ? `every blocking rule (${blocking.length}) is overridden to Count, Allow, Challenge or Captcha (RuleActionOverrides/ExcludedRules)`
    : undefined;
}

/** Whether a web ACL rule references a managed rule group. */
export function isManagedRuleGroupRule(rule: any): boolean {
  return rule?.Statement?.ManagedRuleGroupStatement !== undefined;
}

/**
 * Whether a managed rule group reference is narrowed by a `ScopeDownStatement`: the group then inspects only the
 * requests the statement matches, and everything else passes it uninspected.
 * https://docs.aws.amazon.com/waf/latest/developerguide/waf-rule-scope-down-statements.html
 */
export function hasManagedRuleGroupScopeDown(rule: any): boolean {
  const statement = rule?.Statement?.ManagedRuleGroupStatement;
  return statement !== null && typeof statement === 'object' && statement.ScopeDownStatement !== undefined;
}

/**
 * The rules with Action `Allow` evaluated before (lower `Priority`) the last managed rule group of a web ACL: Allow
 * ends evaluation, so a request matching such a rule never reaches the managed groups after it. Conservative: an Allow
 * rule is reported even if its statement matches little (an office IP set), and a `Priority` that is not a literal
 * number counts as earlier (fail closed). WAF evaluates rules in priority order, lowest first:
 * https://docs.aws.amazon.com/waf/latest/developerguide/web-acl-processing-order.html
 */
export function allowRulesBeforeManagedGroups(rules: readonly any[]): any[] {
  const groupPriorities = rules.filter(isManagedRuleGroupRule).map((r) => priorityOf(r?.Priority));
  if (groupPriorities.length === 0) return [];
  const last = groupPriorities.some((p) => p === undefined) ? Infinity : Math.max(...(groupPriorities as number[]));
  return rules.filter((r) => {
    const action = r?.Action;
    if (action === null || typeof action !== 'object' || action.Allow === undefined) return false;
    const priority = priorityOf(r.Priority);
    return priority === undefined || priority < last;
  });
}

/** A literal priority (a number, or a string of digits as CloudFormation also accepts), else `undefined`. */
function priorityOf(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  return typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : undefined;
}

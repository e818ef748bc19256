import { PolicyValidationPluginReport, PolicyViolation } from 'aws-cdk-lib';
import { ANY_RESOURCE_TYPE, FortressRule, RuleLevel, RuleProblem } from './fortress-rule';
import { isAcknowledgedWithinStack } from './rule-acknowledgments';
import { StackTemplate, TemplateResource } from './stack-template';

/** Severity of findings no acknowledgment can silence: CDK's validation never suppresses `fatal`. */
export const UNACKNOWLEDGEABLE_SEVERITY = 'fatal';

/**
 * Runs `rules` over every resource of `templates` and reports the problems
 * that are not acknowledged on the resource's own construct (or an ancestor
 * inside its stack). Findings of never-acknowledgeable rules are reported
 * whatever was acknowledged.
 */
export function runRules(
  pack: string, rules: readonly FortressRule[], templates: readonly StackTemplate[], verbose: boolean,
): PolicyValidationPluginReport {
  const rulesByType = new Map<string, FortressRule[]>();
  for (const rule of rules) {
    for (const type of rule.resourceTypes) rulesByType.set(type, [...(rulesByType.get(type) ?? []), rule]);
  }
  const violations = new Map<string, PolicyViolation & { violatingResources: any[] }>();
  for (const template of templates) {
    for (const resource of template.resources) {
      const anyType = resource.type === ANY_RESOURCE_TYPE ? [] : rulesByType.get(ANY_RESOURCE_TYPE) ?? [];
      const applicable = [...rulesByType.get(resource.type) ?? [], ...anyType];
      for (const rule of applicable) {
        // One entry per rule, finding and resource: the resource's problems read as one description.
        const byFinding = new Map<string | undefined, RuleProblem[]>();
        for (const problem of problemsOf(rule, resource)) byFinding.set(problem.finding, [...(byFinding.get(problem.finding) ?? []), problem]);
        for (const [finding, problems] of byFinding) {
          const ruleId = `${pack}-${rule.name}${finding === undefined ? '' : `[${finding}]`}`;
          if (!rule.neverAcknowledgeable && resource.construct && isAcknowledgedWithinStack(resource.construct, pack, ruleId)) continue;
          const description = describe(rule, problems, verbose);
          const key = `${ruleId}\u0000${description}`;
          const violation = violations.get(key) ?? {
            ruleName: ruleId,
            description,
            fix: rule.fix,
            severity: severityOf(rule),
            violatingResources: [],
          };
          violation.violatingResources.push({
            constructPath: resource.construct?.node.path ?? `${template.stackPath}/${resource.logicalId}`,
            resourceLogicalId: resource.logicalId,
            locations: ['Properties'],
          });
          violations.set(key, violation);
        }
      }
    }
  }
  const list = [...violations.values()];
  return { success: list.every((v) => v.severity === 'warning'), violations: list };
}

function problemsOf(rule: FortressRule, resource: TemplateResource): RuleProblem[] {
  try {
    return rule.evaluate(resource);
  } catch (error) {
    // A rule that cannot judge a resource must not pass it.
    return [{ detail: `The rule could not evaluate this resource (${(error as Error).message}).` }];
  }
}

function severityOf(rule: FortressRule): string {
  if (rule.level === RuleLevel.WARNING) return 'warning';
  return rule.neverAcknowledgeable ? UNACKNOWLEDGEABLE_SEVERITY : 'error';
}

/** The finding's text: what is wrong here, and how to fix it (with the why when verbose). */
function describe(rule: FortressRule, problems: RuleProblem[], verbose: boolean): string {
  const parts = [rule.info, ...problems.map((p) => p.detail), `Fix: ${rule.fix}`];
  if (rule.neverAcknowledgeable) parts.push('This finding cannot be acknowledged.');
  if (verbose) parts.push(rule.explanation);
  return parts.filter((p) => p.length > 0).join(' ');
}

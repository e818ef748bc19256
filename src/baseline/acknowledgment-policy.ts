import { IPolicyValidationContext, IPolicyValidationPlugin, PolicyValidationPluginReport, PolicyViolation, Stack, Stage } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { resetLedger, silencedFindings } from './acknowledgment-ledger';
import { catalogueOf, knownPacks, nearestRuleId, packOfRuleId, RuleCatalogue } from './rule-catalogue';
import { acknowledgmentsOn, unqualifiedRuleId } from '../core/acknowledgment-ids';
import { reasonProblem } from '../core/acknowledgment-reasons';
import { pluginsEnforcedOn } from '../core/enforced-plugins';
import { FortressChecks } from '../nag/fortress-checks';
import { UNACKNOWLEDGEABLE_SEVERITY } from '../nag/template/rule-runner';

/** Rule ids of the acknowledgment policy's own findings. */
export const AcknowledgmentPolicyRules = {
  /** An acknowledgment whose reason does not explain why the deviation is safe. */
  REASON: 'Fortress-AcknowledgmentReason',
  /** A FortressChecks rule acknowledged on an App, Stage or Stack. */
  SCOPE: 'Fortress-AcknowledgmentScope',
  /** A never-acknowledgeable FortressChecks rule acknowledged anywhere. */
  NEVER: 'Fortress-AcknowledgmentNotAllowed',
  /** An id no known pack can report (typo, wildcard, wrong case). */
  UNKNOWN: 'Fortress-AcknowledgmentUnknownRule',
  /** Another pack's rule acknowledged on an App, Stage or Stack: a warning listing what it silences. */
  BROAD: 'Fortress-AcknowledgmentAboveStack',
} as const;

/** One acknowledgment found in the tree. */
interface FoundAcknowledgment {
  readonly construct: IConstruct;
  readonly key: string;
  readonly ruleId: string;
  readonly reason: string;
}

/**
 * SecureBaseline's meta-check over every acknowledgment that applies to a
 * Stage's stacks (made on them, or inherited from the Stages and App around
 * them), whatever API made it. Its findings are `fatal`: CDK never lets an
 * acknowledgment silence them. See docs/enforcement.md.
 */
export class AcknowledgmentPolicy implements IPolicyValidationPlugin {
  public readonly name = 'Fortress-AcknowledgmentPolicy';
  public readonly ruleIds = Object.values(AcknowledgmentPolicyRules);

  constructor(private readonly scope: Stage) {}

  public validate(_context: IPolicyValidationContext): PolicyValidationPluginReport {
    const catalogue = catalogueOf([...knownPacks(), ...pluginsEnforcedOn(this.scope)]);
    const never = new Set(FortressChecks.neverAcknowledgeableRuleIdentifiers());
    const violations: PolicyViolation[] = [];
    const add = (ruleName: string, severity: string, at: IConstruct, description: string) => violations.push({
      ruleName, severity, description, violatingResources: [{ constructPath: at.node.path, locations: ['Metadata'] }],
    });
    const acknowledgments = acknowledgmentsApplyingTo(this.scope);
    // Constructs repeat the same reason for the same rule many times: judge each pair once.
    const reasonProblems = new Map<string, string | undefined>();
    for (const ack of acknowledgments) {
      const pack = packOfRuleId(catalogue, ack.ruleId);
      if (!pack && !looksLikeRuleId(catalogue, ack.ruleId)) continue; // a CDK annotation warning, not a pack rule
      const where = describePath(ack.construct);
      const reasonKey = `${ack.ruleId}\u0000${ack.reason}`;
      if (!reasonProblems.has(reasonKey)) reasonProblems.set(reasonKey, reasonProblem(ack.ruleId, ack.reason));
      const problem = reasonProblems.get(reasonKey);
      if (problem) add(AcknowledgmentPolicyRules.REASON, UNACKNOWLEDGEABLE_SEVERITY, ack.construct, `The acknowledgment of ${ack.ruleId} on ${where} has a reason that ${problem}: ${JSON.stringify(ack.reason)}. Fix: say why the deviation is safe here.`);
      const baseId = ack.ruleId.replace(/\[.*\]$/, '');
      if (!pack || !catalogue.get(pack)!.has(baseId)) {
        const suggestion = nearestRuleId(catalogue, ack.ruleId);
        add(AcknowledgmentPolicyRules.UNKNOWN, UNACKNOWLEDGEABLE_SEVERITY, ack.construct, `${ack.ruleId} (acknowledged on ${where}) is not a rule any known pack reports, so it silences nothing.${suggestion ? ` Did you mean ${suggestion}?` : ''} Rule ids are case-sensitive and take no wildcards.`);
        continue;
      }
      if (never.has(baseId)) {
        add(AcknowledgmentPolicyRules.NEVER, UNACKNOWLEDGEABLE_SEVERITY, ack.construct, `${ack.ruleId} cannot be acknowledged (on ${where}): no reason makes this finding safe. Fix the resource instead; see docs/enforcement.md for the list.`);
      } else if (pack === FortressChecks.PACK_NAME && isStackOrAbove(ack.construct)) {
        add(AcknowledgmentPolicyRules.SCOPE, UNACKNOWLEDGEABLE_SEVERITY, ack.construct, `${ack.ruleId} is acknowledged on ${where}, which would cover every resource below it. Acknowledge FortressChecks rules on the resource's own construct.`);
      }
    }
    for (const warning of broadAcknowledgmentWarnings(this.scope, acknowledgments, catalogue)) add(AcknowledgmentPolicyRules.BROAD, 'warning', warning.at, warning.description);
    resetLedger(this.scope);
    return { success: violations.every((v) => v.severity === 'warning'), violations };
  }
}

/** Acknowledgments on `stage`'s subtree and on every construct above it (they apply to its stacks too). */
function acknowledgmentsApplyingTo(stage: Stage): FoundAcknowledgment[] {
  const constructs = [...stage.node.scopes.slice(0, -1), ...stage.node.findAll()];
  return constructs.flatMap((construct) => Object.entries(acknowledgmentsOn(construct)).map(([key, reason]) => ({
    construct, key, ruleId: unqualifiedRuleId(key), reason: String(reason ?? ''),
  })));
}

/** An id that was meant as a pack rule: it names a known pack in any case, or uses a wildcard. */
function looksLikeRuleId(catalogue: RuleCatalogue, ruleId: string): boolean {
  if (/[*?]/.test(ruleId)) return true;
  const lower = ruleId.toLowerCase();
  return [...catalogue.keys()].some((pack) => lower.startsWith(`${pack.toLowerCase()}-`) || lower.startsWith(`${pack.toLowerCase()}.`));
}

function isStackOrAbove(construct: IConstruct): boolean {
  return Stack.isStack(construct) || Stage.isStage(construct);
}

function describePath(construct: IConstruct): string {
  if (construct.node.path === '') return 'the App';
  return `${Stage.isStage(construct) ? 'Stage' : Stack.isStack(construct) ? 'Stack' : 'construct'} ${construct.node.path}`;
}

/** One warning per broad acknowledgment of another cdk-nag pack's rule, listing the findings it silenced. */
function broadAcknowledgmentWarnings(
  stage: Stage, acknowledgments: readonly FoundAcknowledgment[], catalogue: RuleCatalogue,
): Array<{ at: IConstruct; description: string }> {
  const byAcknowledgment = new Map<string, { at: IConstruct; ruleId: string; resources: Set<string> }>();
  for (const ack of acknowledgments) {
    const pack = packOfRuleId(catalogue, ack.ruleId);
    // Only cdk-nag packs' rules: CDK's own suppression of other plugins' findings is listed in its report.
    if (!isStackOrAbove(ack.construct) || !pack || pack === FortressChecks.PACK_NAME) continue;
    byAcknowledgment.set(`${ack.construct.node.path}\u0000${ack.ruleId}`, { at: ack.construct, ruleId: ack.ruleId, resources: new Set() });
  }
  for (const finding of silencedFindings(stage)) {
    byAcknowledgment.get(`${finding.acknowledgedAt}\u0000${finding.ruleId}`)?.resources.add(finding.resourcePath);
  }
  return [...byAcknowledgment.values()].map(({ at, ruleId, resources }) => ({
    at,
    description: `${ruleId} is acknowledged on ${describePath(at)}, for every resource below it. It silenced ${resources.size} finding(s)${resources.size > 0 ? `: ${[...resources].sort().join(', ')}` : ''}. Acknowledge on the narrowest construct instead.`,
  }));
}

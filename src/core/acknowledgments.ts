import { Validations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { unqualifiedRuleId } from './acknowledgment-ids';
import { reasonProblem } from './acknowledgment-reasons';
import { acknowledgeFindingAtSynth, acknowledgeGroupAtSynth } from './deferred-acknowledgments';
import { BUILT_IN_PACK_NAMES, packOf, pluginsEnforcedOn } from './enforced-plugins';
import { FortressError } from './fortress-error';
import { RuleGroup } from './rule-group';

/**
 * One acknowledged rule, as recorded in the construct tree.
 */
export interface AcknowledgmentRecord {
  /** Path of the construct the acknowledgment was made on. */
  readonly constructPath: string;
  /** The rule (or rule finding) acknowledged, e.g. `AwsSolutions-S1` or `AwsSolutions-IAM5[Resource::*]`. */
  readonly ruleId: string;
  /** Why the deviation is safe. */
  readonly reason: string;
  /**
   * The pack the rule belongs to (`AwsSolutions`, `Fortress`, ...), or `Annotation` for a
   * CDK warning acknowledged the same way.
   */
  readonly pack: string;
  /** Whether the acknowledgment was made above the listed scope (on an ancestor) and applies to it. */
  readonly inherited: boolean;
}

/**
 * Acknowledges compliance rules on the narrowest construct, with a reason a
 * reviewer can accept, and lists the acknowledgments made in a tree.
 *
 * A thin, stricter layer over `Validations.of(scope).acknowledge()`: the
 * reason must explain why the deviation is safe (see {@link Acknowledgments.reasonProblem}).
 */
export class Acknowledgments {
  /**
   * Acknowledges `ruleId` on `scope` (and everything below it).
   *
   * @param scope the narrowest construct the deviation applies to
   * @param ruleId the rule or finding, e.g. `AwsSolutions-S1` or `AwsSolutions-IAM5[Action::kms:GenerateDataKey*]`
   * @param reason why the deviation is safe
   * @throws FortressError if the rule id is blank or the reason is empty or generic
   */
  public static acknowledge(scope: IConstruct, ruleId: string, reason: string): void {
    assertConstruct(scope, 'Acknowledgments.acknowledge');
    const id = typeof ruleId === 'string' ? ruleId.trim() : '';
    if (id.length === 0 || /\s/.test(id)) {
      throw FortressError.invalidProp(scope, 'ruleId', 'must be a rule id without spaces, e.g. AwsSolutions-S1', ruleId);
    }
    assertExplainingReason(scope, `reason for ${id}`, reason, id);
    Validations.of(scope).acknowledge({ id, reason: reason.trim() });
  }

  /**
   * Acknowledges one concern in every enforced pack that checks it, with one reason: the group's
   * ids are resolved when the App synthesizes, against the packs enforced on `scope`'s Stage (all
   * packs' ids when none is registered), so nothing is acknowledged for a pack that is not enforced.
   *
   * @param scope the narrowest construct the deviation applies to
   * @param group the concern, e.g. `RuleGroup.S3_SERVER_ACCESS_LOGGING`
   * @param reason why the deviation is safe
   */
  public static acknowledgeGroup(scope: IConstruct, group: RuleGroup, reason: string): void {
    assertConstruct(scope, 'Acknowledgments.acknowledgeGroup');
    if (!(group instanceof RuleGroup)) throw FortressError.invalidProp(scope, 'group', 'must be a RuleGroup, e.g. RuleGroup.S3_SERVER_ACCESS_LOGGING', group === undefined ? 'undefined' : group);
    assertExplainingReason(scope, `reason for ${group.name}`, reason, group.name);
    acknowledgeGroupAtSynth(scope, group, reason.trim());
  }

  /**
   * Acknowledges one finding of a rule that reports findings per resource or action (such as
   * `AwsSolutions-IAM5`), without copying its generated id: `finding` may contain tokens, e.g.
   * `` `Resource::${bucket.arnForObjects('*')}` ``, and is resolved at synthesis the way the pack sees
   * it in `scope`'s stack (cross-stack references included).
   *
   * @param scope the policy (or narrowest construct) the finding is about
   * @param ruleId the rule, e.g. `AwsSolutions-IAM5`
   * @param finding the finding, e.g. `Action::s3:GetObject*` or `` `Resource::${bucket.bucketArn}/*` ``
   * @param reason why the deviation is safe
   */
  public static acknowledgeFinding(scope: IConstruct, ruleId: string, finding: string, reason: string): void {
    assertConstruct(scope, 'Acknowledgments.acknowledgeFinding');
    if (typeof ruleId !== 'string' || !/^[A-Za-z0-9.]+-[A-Za-z0-9]+$/.test(ruleId)) {
      throw FortressError.invalidProp(scope, 'ruleId', 'must be a rule id without a finding, e.g. AwsSolutions-IAM5', ruleId);
    }
    if (typeof finding !== 'string' || finding.trim().length === 0) {
      throw FortressError.invalidProp(scope, 'finding', 'must name the finding, e.g. Action::s3:GetObject* or Resource::<arn>', finding);
    }
    assertExplainingReason(scope, `reason for ${ruleId}`, reason, ruleId);
    acknowledgeFindingAtSynth(scope, ruleId, finding, reason.trim());
  }

  /**
   * Every acknowledgment that applies to `scope`: those recorded on it and its descendants, and
   * those inherited from its ancestors (Stack, Stage, App), sorted by path then rule. Only rules of
   * the packs enforced over `scope` are listed (every pack's when none is registered), plus
   * acknowledged CDK warnings; other validation plugins' rules are not.
   */
  public static list(scope: IConstruct): AcknowledgmentRecord[] {
    assertConstruct(scope, 'Acknowledgments.list');
    const enforced = pluginsEnforcedOn(scope).map((plugin) => plugin.name);
    const packNames = [...new Set([...BUILT_IN_PACK_NAMES, ...enforced])];
    const records: AcknowledgmentRecord[] = [];
    const ancestors = scope.node.scopes.slice(0, -1);
    for (const construct of [...ancestors, ...scope.node.findAll()]) {
      for (const entry of construct.node.metadata) {
        if (entry.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY || !entry.data) continue;
        for (const [qualifiedId, reason] of Object.entries(entry.data as Record<string, string>)) {
          const ruleId = unqualifiedRuleId(qualifiedId);
          const namespace = qualifiedId.length > ruleId.length ? qualifiedId.slice(0, -ruleId.length - 2) : 'Annotation';
          const pack = packOf(ruleId, packNames);
          // Rules of other validation plugins (e.g. aws-cdk-lib's own CloudFormation-Validate::W3010) are not listed.
          if (!pack && !/^annotation$/i.test(namespace)) continue;
          if (pack && enforced.length > 0 && !enforced.includes(pack)) continue;
          records.push({ constructPath: construct.node.path, ruleId, reason, pack: pack ?? 'Annotation', inherited: ancestors.includes(construct) });
        }
      }
    }
    return records.sort((a, b) => a.constructPath.localeCompare(b.constructPath) || a.ruleId.localeCompare(b.ruleId));
  }

  /**
   * What is wrong with an acknowledgment reason, or `undefined` when it is acceptable: the check
   * `acknowledge` applies, for reasons recorded some other way (e.g. `Validations.of(c).acknowledge()`).
   *
   * Refused: empty; fewer than five words or 25 characters; placeholders (`TODO`, `TBD`);
   * mostly identifiers or punctuation; keyboard mash or repeated words; the rule id with little
   * else; and stock phrases, even padded: fewer than four distinct real words remain after dropping
   * stopwords, the rule id's words and stock words (false positive, ignore, suppress, not needed, not
   * applicable, by design, known issue, approved, accepted risk, temporary, ...).
   *
   * @param ruleId the rule or finding acknowledged (`''` when there is none)
   * @param reason the reason to judge
   * @returns a phrase completing "must ...", or undefined when the reason is acceptable
   */
  public static reasonProblem(ruleId: string, reason: string): string | undefined {
    return reasonProblem(ruleId ?? '', reason);
  }
}

/**
 * Refuses a reason that does not explain why a deviation is safe (the same bar as
 * {@link Acknowledgments.acknowledge}), for props that carry reasons.
 *
 * @param scope the construct, or its path, for the error
 * @param prop the prop holding the reason
 * @param reason the reason to check
 * @param ruleId the rule the reason is for, when there is one (it must not merely repeat it)
 */
export function assertExplainingReason(scope: IConstruct | string, prop: string, reason: string, ruleId = ''): void {
  const problem = reasonProblem(ruleId, reason);
  if (problem) throw FortressError.invalidProp(scope, prop, problem, reason);
}

/** Refuses a missing or non-construct scope (JavaScript and Python callers) with the library's error. */
function assertConstruct(scope: IConstruct, call: string): void {
  if (scope === undefined || scope === null || typeof (scope as any).node?.path !== 'string') {
    throw FortressError.invalidProp('<no scope>', `${call}: scope`, 'must be a construct (the narrowest one the acknowledgment applies to)', scope === undefined ? 'undefined' : scope);
  }
}


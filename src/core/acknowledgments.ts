import { Validations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { reasonProblem } from './acknowledgment-reasons';
import { FortressError } from './fortress-error';

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
   * Every acknowledgment recorded on `scope` and its descendants, sorted by path then rule.
   */
  public static list(scope: IConstruct): AcknowledgmentRecord[] {
    assertConstruct(scope, 'Acknowledgments.list');
    const records: AcknowledgmentRecord[] = [];
    for (const construct of scope.node.findAll()) {
      for (const entry of construct.node.metadata) {
        if (entry.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY || !entry.data) continue;
        for (const [qualifiedId, reason] of Object.entries(entry.data as Record<string, string>)) {
          records.push({ constructPath: construct.node.path, ruleId: unqualified(qualifiedId), reason });
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

/** `Annotation::AwsSolutions-S1` → `AwsSolutions-S1` (the namespace CDK adds to plain ids). */
function unqualified(qualifiedId: string): string {
  return qualifiedId.replace(/^annotation::/i, '');
}

import { Validations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
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

/** Reasons that say nothing about *why* a deviation is safe. */
const GENERIC_REASONS = new Set([
  'acknowledged', 'accepted', 'as designed', 'by design', 'false positive', 'fine', 'fix later', 'ignore',
  'ignored', 'intentional', 'known issue', 'n a', 'na', 'no reason', 'none', 'not applicable', 'not needed',
  'not required', 'not relevant', 'ok', 'suppress', 'suppressed', 'temporary', 'test', 'testing', 'will fix later',
]);
const PLACEHOLDER = /\b(todo|tbd|fixme|xxx|lorem ipsum)\b/i;
const MIN_REASON_CHARS = 25;
const MIN_REASON_WORDS = 5;

/**
 * Acknowledges compliance rules on the narrowest construct, with a reason a
 * reviewer can accept, and lists the acknowledgments made in a tree.
 *
 * A thin, stricter layer over `Validations.of(scope).acknowledge()`: the
 * reason must explain why the deviation is safe (at least five words, no
 * placeholder, not a stock phrase such as "false positive" or "not needed").
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
    const id = ruleId.trim();
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

/** What is wrong with a reason, or `undefined` when it is acceptable. */
export function reasonProblem(ruleId: string, reason: string): string | undefined {
  const text = (reason ?? '').trim();
  const normalized = text.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
  const words = normalized.split(' ').filter((w) => w.length > 0);
  if (text.length === 0) return 'must explain why the deviation is safe; it is empty';
  if (GENERIC_REASONS.has(normalized)) return 'must explain why the deviation is safe, not use a stock phrase';
  if (PLACEHOLDER.test(text)) return 'must be a real explanation, not a placeholder';
  if (ruleId && text.toLowerCase().includes(ruleId.toLowerCase()) && words.length < MIN_REASON_WORDS + ruleId.split(/[^A-Za-z0-9]+/).length) {
    return 'must explain why the deviation is safe, not repeat the rule id';
  }
  if (text.length < MIN_REASON_CHARS || words.length < MIN_REASON_WORDS) {
    return `must explain why the deviation is safe in at least ${MIN_REASON_WORDS} words and ${MIN_REASON_CHARS} characters`;
  }
  return undefined;
}

/** `Annotation::AwsSolutions-S1` → `AwsSolutions-S1` (the namespace CDK adds to plain ids). */
function unqualified(qualifiedId: string): string {
  return qualifiedId.replace(/^annotation::/i, '');
}

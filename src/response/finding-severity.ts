import { FortressError } from '../core/fortress-error';

/**
 * The one severity scale findings are routed by, whatever service reported them. Each source's own severity
 * maps onto it as documented on {@link FindingSource}:
 *
 * | scale | GuardDuty (numeric `detail.severity`) | Security Hub `Severity.Label` | Inspector `severity` | Macie `severity.description` |
 * | --- | --- | --- | --- | --- |
 * | INFORMATIONAL | (none below 1.0) | INFORMATIONAL | INFORMATIONAL | - |
 * | LOW | 1.0-3.9 | LOW | LOW | Low |
 * | MEDIUM | 4.0-6.9 | MEDIUM | MEDIUM, UNTRIAGED | Medium |
 * | HIGH | 7.0-8.9 | HIGH | HIGH | High |
 * | CRITICAL | 9.0-10.0 | CRITICAL | CRITICAL | - |
 *
 * Security Hub's labels are the scale itself (https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_Severity.html).
 *
 * @example
 * const minimum = FindingSeverity.HIGH;
 */
export class FindingSeverity {
  /** No issue found, or information only. */
  public static readonly INFORMATIONAL = new FindingSeverity('INFORMATIONAL', 0);
  /** Does not require action on its own. */
  public static readonly LOW = new FindingSeverity('LOW', 1);
  /** Must be addressed, but not urgently. */
  public static readonly MEDIUM = new FindingSeverity('MEDIUM', 2);
  /** Must be addressed as a priority. */
  public static readonly HIGH = new FindingSeverity('HIGH', 3);
  /** Must be remediated immediately to avoid it escalating. */
  public static readonly CRITICAL = new FindingSeverity('CRITICAL', 4);

  /** Every level, lowest first. */
  public static all(): FindingSeverity[] {
    return [FindingSeverity.INFORMATIONAL, FindingSeverity.LOW, FindingSeverity.MEDIUM, FindingSeverity.HIGH, FindingSeverity.CRITICAL];
  }

  /**
   * The level named `name` (INFORMATIONAL, LOW, MEDIUM, HIGH or CRITICAL, any case); other names are refused.
   */
  public static of(name: string): FindingSeverity {
    const found = FindingSeverity.all().find((s) => typeof name === 'string' && s.name === name.trim().toUpperCase());
    if (!found) throw FortressError.invalidProp('FindingSeverity', 'name', `must be one of ${FindingSeverity.all().map((s) => s.name).join(', ')}`, name);
    return found;
  }

  /**
   * @param name the level's name, as Security Hub spells it
   * @param rank 0 (INFORMATIONAL) to 4 (CRITICAL)
   */
  private constructor(public readonly name: string, public readonly rank: number) {}

  /** Whether this level is `other` or above. */
  public isAtLeast(other: FindingSeverity): boolean {
    return this.rank >= other.rank;
  }

  /** This level and every level above it. */
  public andAbove(): FindingSeverity[] {
    return FindingSeverity.all().filter((s) => s.isAtLeast(this));
  }

  public toString(): string {
    return this.name;
  }
}

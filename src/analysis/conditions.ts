/**
 * Whether a condition really narrows who or what a statement admits. A condition narrows only if it
 * is a positive match (no `Not...` operator, no `Null`), without `...IfExists` (a missing key would
 * pass), without a set qualifier on single-valued keys (`ForAllValues:` passes when the key is
 * absent; `ForAnyValue:` is not a recognized narrowing form either), with at least one value, and
 * every value fixed enough (one wide value admits everything).
 */
import { fixedPrefix, hasWildcard, renderValue } from './intrinsics';
import { ConditionQualifier, NormalizedStatement, ParsedCondition } from './policy-statements';

/** Positive string-matching operators. */
export const POSITIVE_STRING_OPERATORS: readonly string[] = ['StringEquals', 'StringEqualsIgnoreCase', 'StringLike', 'ArnEquals', 'ArnLike'];

/** Human text for a condition, e.g. `ForAnyValue:StringLike on aws:PrincipalArn`. */
export function describeCondition(c: ParsedCondition): string {
  return `${c.qualifier ? `${c.qualifier}:` : ''}${c.operator}${c.ifExists ? 'IfExists' : ''} on ${c.rawKey}`;
}

/** What counts as a narrowing use of one condition. */
export interface NarrowingRule {
  /** Operators accepted (canonical names). */
  readonly operators: readonly string[];
  /** A set qualifier that is accepted (for multi-valued keys such as `amr`). */
  readonly qualifier?: ConditionQualifier;
  /** Whether one rendered value (placeholders `${..}` are fixed) is narrow; returns why not, or undefined. */
  readonly value: (rendered: string, condition: ParsedCondition) => string | undefined;
  /** Optional check over all values together (e.g. the union of CIDRs); returns why not, or undefined. */
  readonly all?: (values: readonly unknown[]) => string | undefined;
}

/** Why a condition does not narrow under a rule, or `undefined` when it does. */
export function whyNotNarrowing(c: ParsedCondition, rule: NarrowingRule): string | undefined {
  const what = describeCondition(c);
  if (!rule.operators.includes(c.operator)) return `${what} is not a positive match (only ${rule.operators.join(', ')} narrow)`;
  if (c.ifExists) return `${what} passes when the key is missing (IfExists)`;
  if (c.qualifier && c.qualifier !== rule.qualifier) {
    return `${what} uses a set operator on a single-valued key${c.qualifier === 'ForAllValues' ? ' (ForAllValues passes when the key is missing)' : ''}`;
  }
  if (c.values.length === 0) return `${what} has no values`;
  for (const value of c.values) {
    const rendered = renderValue(value);
    if (rendered === undefined) return `${what} has a value that is not a string`;
    const problem = rule.value(rendered, c);
    if (problem) return `${what}: ${problem}`;
  }
  const together = rule.all?.(c.values);
  return together ? `${what}: ${together}` : undefined;
}

/** The first condition on one of `keys` that narrows, and the reasons the others do not. */
export function findNarrowing(
  statement: NormalizedStatement,
  keys: Readonly<Record<string, NarrowingRule>>,
): { narrowing?: ParsedCondition; rejected: string[] } {
  const rejected: string[] = [];
  for (const c of statement.conditions) {
    const rule = keys[c.key];
    if (!rule) continue;
    const why = whyNotNarrowing(c, rule);
    if (!why) return { narrowing: c, rejected };
    rejected.push(why);
  }
  return { rejected };
}

/** Value rule: no wildcard at all (ids such as account, organization, VPC ids). */
export function exactValue(rendered: string): string | undefined {
  return hasWildcard(rendered) ? `"${rendered}" contains a wildcard` : undefined;
}

/** Value rule: a fixed value, or a pattern whose text before the first wildcard is not empty. */
export function prefixedValue(rendered: string): string | undefined {
  return fixedPrefix(rendered).trim() === '' ? `"${rendered}" starts with a wildcard and matches anything` : undefined;
}

/**
 * Value rule for ARNs (ArnLike compares the six fields separately, StringLike does not): the account field must be fixed (`arn:aws:iam::123456789012:role/*` narrows to
 * one account; `arn:aws:iam::*:role/x` and `*` do not). ARNs without an account field (S3 buckets)
 * must have no wildcard at all, since anyone can create a bucket matching a pattern.
 */
export function arnValue(rendered: string, condition?: ParsedCondition): string | undefined {
  if (!hasWildcard(rendered)) return undefined;
  // Placeholders (`${AWS::Partition}`) hold colons: mask them before splitting into ARN fields.
  const fields = rendered.replace(/\$\{[^}]*\}/g, '#').split(':');
  if (fields.length < 6 || fields[0] !== 'arn') return `"${rendered}" is not an ARN with a fixed account`;
  // ArnLike matches each field separately; under StringLike a `*` before the account field can span ':'.
  const perField = condition?.operator === 'ArnLike' || condition?.operator === 'ArnEquals';
  if (!perField && fields.slice(0, 4).some((f) => f.includes('*'))) return `"${rendered}" has a wildcard that can span the account field`;
  const account = fields[4];
  if (account === '') return `"${rendered}" has no account field and a wildcard`;
  if (/[*?]/.test(account)) return `"${rendered}" leaves the account open`;
  return undefined;
}

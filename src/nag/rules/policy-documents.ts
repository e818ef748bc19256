import { CfnResource, Stack } from 'aws-cdk-lib';

/** A policy statement after token resolution, in CloudFormation (PascalCase) form. */
export interface ResolvedStatement {
  readonly Effect?: string;
  readonly Principal?: unknown;
  readonly Action?: unknown;
  readonly Resource?: unknown;
  readonly Condition?: Record<string, Record<string, unknown>>;
  readonly [key: string]: unknown;
}

/**
 * The statements of a policy document property, resolved through the node's stack.
 * Throws when the document itself is an unresolvable intrinsic, so cdk-nag
 * reports the rule as not evaluable instead of passing it silently.
 */
export function resolvedStatements(node: CfnResource, document: unknown): ResolvedStatement[] {
  const stack = Stack.of(node);
  const resolved = stack.resolve(document);
  if (resolved === undefined) return [];
  const statements = resolved?.Statement !== undefined && !Array.isArray(resolved.Statement) && typeof resolved.Statement === 'object'
    ? [resolved.Statement] // a single statement object is valid IAM
    : resolved?.Statement;
  if (!Array.isArray(statements)) {
    throw new Error(`policy document of ${node.node.path} has no resolvable Statement list`);
  }
  return statements.map((s) => stack.resolve(s));
}

/** Values of a single-or-list policy element, as an array. */
export function asList(value: unknown): unknown[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/** Whether a statement's principal is everyone: `"*"`, `{ AWS: "*" }` or a list containing `"*"`. */
export function isAnyPrincipal(principal: unknown): boolean {
  if (principal === '*') return true;
  if (typeof principal !== 'object' || principal === null) return false;
  return asList((principal as Record<string, unknown>).AWS).includes('*');
}

/**
 * Whether a statement has a condition that really narrows who it applies to: a key matching one of
 * `keys`, under a positive operator (not a negation, `...IfExists` or `Null`), with no wildcard-only value.
 */
export function hasNarrowingCondition(statement: ResolvedStatement, keys: readonly RegExp[]): boolean {
  return Object.entries(statement.Condition ?? {}).some(([operator, entries]) => {
    if (/Not|IfExists$|^Null$/.test(operator)) return false;
    return Object.entries(entries ?? {}).some(([key, value]) => keys.some((k) => k.test(key))
      && asList(value).length > 0
      && asList(value).every((v) => typeof v !== 'string' || !/^[*?]*$/.test(v)));
  });
}

/**
 * Normalizes IAM policy documents as they appear in templates: `Statement` as one object or a list;
 * `Action`, `Resource`, principal values single or lists; condition blocks parsed per key.
 */

import { candidateStrings } from './candidates';

/** The principal element's kinds; `*` is the bare `"Principal": "*"`. */
export type PrincipalKind = '*' | 'AWS' | 'Service' | 'Federated' | 'CanonicalUser';

/** One principal value: a string, or an intrinsic (unknown but fixed). */
export interface PrincipalEntry {
  readonly kind: PrincipalKind;
  readonly value: unknown;
}

/** A set operator qualifying a condition (`ForAllValues:StringEquals`). */
export type ConditionQualifier = 'ForAllValues' | 'ForAnyValue';

/** One condition key under one operator. */
export interface ParsedCondition {
  /** Base operator in canonical spelling (`StringLike`), without qualifier and `IfExists`. */
  readonly operator: string;
  readonly qualifier?: ConditionQualifier;
  /** Whether the operator ends in `IfExists` (then a missing key passes the condition). */
  readonly ifExists: boolean;
  /** Condition key, lower-cased (IAM keys are case-insensitive). */
  readonly key: string;
  /** The key as written. */
  readonly rawKey: string;
  /** Values, always a list (strings, numbers, booleans or intrinsics). */
  readonly values: readonly unknown[];
}

/** A statement in one shape; list-valued elements are `undefined` when absent. */
export interface NormalizedStatement {
  readonly sid?: string;
  /** `Allow`, `Deny`, or whatever else was written. */
  readonly effect: string;
  readonly actions?: readonly unknown[];
  readonly notActions?: readonly unknown[];
  readonly resources?: readonly unknown[];
  readonly notResources?: readonly unknown[];
  readonly principals?: readonly PrincipalEntry[];
  readonly notPrincipals?: readonly PrincipalEntry[];
  readonly conditions: readonly ParsedCondition[];
}

const OPERATORS = [
  'StringEquals', 'StringNotEquals', 'StringEqualsIgnoreCase', 'StringNotEqualsIgnoreCase', 'StringLike', 'StringNotLike',
  'NumericEquals', 'NumericNotEquals', 'NumericLessThan', 'NumericLessThanEquals', 'NumericGreaterThan', 'NumericGreaterThanEquals',
  'DateEquals', 'DateNotEquals', 'DateLessThan', 'DateLessThanEquals', 'DateGreaterThan', 'DateGreaterThanEquals',
  'Bool', 'BinaryEquals', 'IpAddress', 'NotIpAddress', 'ArnEquals', 'ArnLike', 'ArnNotEquals', 'ArnNotLike', 'Null',
];
const CANONICAL = new Map(OPERATORS.map((op) => [op.toLowerCase(), op]));
const PRINCIPAL_KINDS: Record<string, PrincipalKind> = { aws: 'AWS', service: 'Service', federated: 'Federated', canonicaluser: 'CanonicalUser' };

/** A single value or a list as a list; `undefined` stays `undefined`. */
export function asList(value: unknown): unknown[] | undefined {
  if (value === undefined || value === null) return undefined;
  return Array.isArray(value) ? value : [value];
}

/** Parses `ForAnyValue:StringLikeIfExists` into its parts (operator names are matched case-insensitively). */
export function parseOperator(raw: string): { operator: string; qualifier?: ConditionQualifier; ifExists: boolean } {
  let rest = raw.trim();
  let qualifier: ConditionQualifier | undefined;
  const colon = rest.indexOf(':');
  if (colon >= 0) {
    const q = rest.slice(0, colon).toLowerCase();
    if (q === 'forallvalues') qualifier = 'ForAllValues';
    else if (q === 'foranyvalue') qualifier = 'ForAnyValue';
    rest = rest.slice(colon + 1);
  }
  let ifExists = false;
  if (rest.toLowerCase().endsWith('ifexists') && rest.length > 'IfExists'.length) {
    ifExists = true;
    rest = rest.slice(0, -'IfExists'.length);
  }
  return { operator: CANONICAL.get(rest.toLowerCase()) ?? rest, qualifier, ifExists };
}

/** Parses a `Condition` block into one entry per operator and key. Malformed blocks yield no entries. */
export function parseConditions(block: unknown): ParsedCondition[] {
  if (block === null || typeof block !== 'object' || Array.isArray(block)) return [];
  const out: ParsedCondition[] = [];
  for (const [rawOperator, keys] of Object.entries(block as Record<string, unknown>)) {
    if (keys === null || typeof keys !== 'object' || Array.isArray(keys)) continue;
    const parsed = parseOperator(rawOperator);
    for (const [rawKey, values] of Object.entries(keys as Record<string, unknown>)) {
      out.push({ ...parsed, key: rawKey.toLowerCase(), rawKey, values: asList(values) ?? [] });
    }
  }
  return out;
}

/**
 * Normalizes a `Principal` / `NotPrincipal` element. A value written as an intrinsic that can deploy as `*`
 * (`Fn::Sub: '*'`, `Fn::Join ['', ['*']]`, an `Fn::If` or `Fn::Select` branch, ...) also yields the entry `*`, so every
 * judgment of public principals sees it.
 */
export function normalizePrincipal(element: unknown): PrincipalEntry[] | undefined {
  if (element === undefined || element === null) return undefined;
  if (element === '*' || mayBeStar(element)) return [{ kind: '*', value: '*' }];
  if (typeof element !== 'object' || Array.isArray(element)) return [];
  const out: PrincipalEntry[] = [];
  for (const [rawKind, values] of Object.entries(element as Record<string, unknown>)) {
    const kind = PRINCIPAL_KINDS[rawKind.toLowerCase()];
    if (!kind) continue;
    for (const value of asList(values) ?? []) {
      out.push({ kind, value });
      if (typeof value !== 'string' && mayBeStar(value)) out.push({ kind, value: '*' });
    }
  }
  return out;
}

/** Whether an intrinsic (not a plain string) can deploy as `*`. */
function mayBeStar(value: unknown): boolean {
  return value !== null && typeof value === 'object' && candidateStrings(value).includes('*');
}

/** Normalizes one statement object. */
export function normalizeStatement(statement: unknown): NormalizedStatement {
  const s = (statement !== null && typeof statement === 'object' ? statement : {}) as Record<string, unknown>;
  return {
    sid: typeof s.Sid === 'string' ? s.Sid : undefined,
    effect: typeof s.Effect === 'string' ? s.Effect : String(s.Effect),
    actions: asList(s.Action),
    notActions: asList(s.NotAction),
    resources: asList(s.Resource),
    notResources: asList(s.NotResource),
    principals: normalizePrincipal(s.Principal),
    notPrincipals: normalizePrincipal(s.NotPrincipal),
    conditions: parseConditions(s.Condition),
  };
}

/** Normalizes a policy document (`{Version, Statement}`); a missing document has no statements. */
export function normalizePolicy(document: unknown): NormalizedStatement[] {
  if (document === null || typeof document !== 'object') return [];
  return (asList((document as Record<string, unknown>).Statement) ?? []).map(normalizeStatement);
}

/** Accepts a raw statement or an already normalized one. */
export function toStatement(statement: unknown): NormalizedStatement {
  const s = statement as Partial<NormalizedStatement> | undefined;
  if (s && Array.isArray(s.conditions) && typeof s.effect === 'string') return s as NormalizedStatement;
  return normalizeStatement(statement);
}

/** Whether a principal entry means every principal: `"*"` or `{"AWS": "*"}`. */
export function isEveryone(principal: PrincipalEntry): boolean {
  return principal.value === '*' && (principal.kind === '*' || principal.kind === 'AWS');
}

/** Conditions on one key (lower-cased comparison). */
export function conditionsOn(statement: NormalizedStatement, key: string): ParsedCondition[] {
  const k = key.toLowerCase();
  return statement.conditions.filter((c) => c.key === k);
}

/**
 * A small, general IAM policy evaluator for tests: does a set of policy documents allow or deny one request?
 *
 * It follows the documented evaluation logic closely enough for guardrail tests
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html):
 * an explicit Deny in any document wins; otherwise the request is allowed only if some Allow matches
 * (or, with `implicitAllow`, when no Deny matches: SCPs and RCPs are evaluated against AWS's FullAWSAccess /
 * RCPFullAWSAccess, so a catalogue of deny-only guardrails allows what it does not deny).
 *
 * Supported: Effect, Action/NotAction and Resource/NotResource with `*` and `?` wildcards (actions case-insensitive),
 * Principal/NotPrincipal (`*`, `{AWS: ...}`, `{Service: ...}`), and the condition operators StringEquals,
 * StringNotEquals, StringEqualsIgnoreCase, StringLike, StringNotLike, ArnEquals, ArnLike, ArnNotEquals, ArnNotLike,
 * Bool, Null, NumericEquals/LessThan/GreaterThan(Equals), each with `IfExists`, and the ForAnyValue / ForAllValues
 * qualifiers. Condition keys are case-insensitive. Policy variables `${aws:...}` in Resource are replaced from the
 * request context (e.g. `aws:username`). Unknown operators throw, so a test never passes by accident.
 * `resolveIntrinsics` turns rendered templates' `Ref`, `Fn::GetAtt` and `Fn::Join` into the strings the evaluator reads.
 */

/** One request: who asks for what, with which context keys. */
export interface EvalRequest {
  readonly action: string;
  readonly resource?: string;
  /** The calling principal's ARN (also offered as `aws:PrincipalArn` unless the context sets it), or a service principal. */
  readonly principal?: string;
  /** Condition context, e.g. `{ 'aws:RequestedRegion': 'eu-west-1' }`; multi-valued keys as arrays. */
  readonly context?: Record<string, string | string[] | boolean | number>;
}

export type Decision = 'ALLOW' | 'DENY' | 'IMPLICIT_DENY';

export interface EvaluationOptions {
  /** Treat "no statement matched" as allowed (guardrail policies evaluated under FullAWSAccess). @default false */
  readonly implicitAllow?: boolean;
}

/** The decision for `request` under `documents` (policy JSON objects or strings). */
export function evaluate(documents: unknown | unknown[], request: EvalRequest, options: EvaluationOptions = {}): Decision {
  const docs = (Array.isArray(documents) ? documents : [documents]).map((d) => (typeof d === 'string' ? JSON.parse(d) : d));
  const statements = docs.flatMap((d: any) => [d.Statement].flat().filter(Boolean));
  const matching = statements.filter((s: any) => statementMatches(s, request));
  if (matching.some((s: any) => s.Effect === 'Deny')) return 'DENY';
  if (matching.some((s: any) => s.Effect === 'Allow')) return 'ALLOW';
  return options.implicitAllow ? 'ALLOW' : 'IMPLICIT_DENY';
}

/** Whether the documents deny the request explicitly. */
export function isDenied(documents: unknown | unknown[], request: EvalRequest): boolean {
  return evaluate(documents, request, { implicitAllow: true }) === 'DENY';
}

/** Whether one statement applies to the request (effect not considered). */
export function statementMatches(statement: any, request: EvalRequest): boolean {
  if (statement.Action !== undefined && !list(statement.Action).some((p) => globMatch(p, request.action, true))) return false;
  if (statement.NotAction !== undefined && list(statement.NotAction).some((p) => globMatch(p, request.action, true))) return false;
  const resource = request.resource ?? '*';
  const context = contextOf(request);
  // Policy variables (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html); an unknown one matches nothing.
  const substitute = (p: string) => p.replace(/\$\{(aws:[\w]+)\}/gi, (_m, key: string) => String(context.get(key.toLowerCase())?.[0] ?? '\u0000'));
  if (statement.Resource !== undefined && !list(statement.Resource).some((p) => p === '*' || globMatch(substitute(p), resource, false))) return false;
  if (statement.NotResource !== undefined && list(statement.NotResource).some((p) => globMatch(substitute(p), resource, false))) return false;
  if (statement.Principal !== undefined && !principalMatches(statement.Principal, request.principal)) return false;
  if (statement.NotPrincipal !== undefined && principalMatches(statement.NotPrincipal, request.principal)) return false;
  return conditionsMatch(statement.Condition ?? {}, context);
}

/** Pseudo parameters as the tests' stacks resolve them (account 111122223333, eu-west-1, commercial partition). */
const PSEUDO: Record<string, string> = { 'AWS::Partition': 'aws', 'AWS::AccountId': '111122223333', 'AWS::Region': 'eu-west-1' };

/**
 * A rendered template value with `Fn::Join`, `Ref` (pseudo parameters, or logical ids in `refs`) and `Fn::GetAtt`
 * (`refs[logicalId]`, whatever the attribute) resolved to strings, so the evaluator can read a document.
 */
export function resolveIntrinsics(value: any, refs: Record<string, string> = {}): any {
  if (Array.isArray(value)) return value.map((v) => resolveIntrinsics(v, refs));
  if (value && typeof value === 'object') {
    if ('Fn::Join' in value) return value['Fn::Join'][1].map((v: any) => resolveIntrinsics(v, refs)).join(value['Fn::Join'][0]);
    if ('Ref' in value) return PSEUDO[value.Ref] ?? refs[value.Ref] ?? value;
    if ('Fn::GetAtt' in value) return refs[value['Fn::GetAtt'][0]] ?? value;
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveIntrinsics(v, refs)]));
  }
  return value;
}

function contextOf(request: EvalRequest): Map<string, unknown[]> {
  const out = new Map<string, unknown[]>();
  for (const [k, v] of Object.entries(request.context ?? {})) out.set(k.toLowerCase(), Array.isArray(v) ? v : [v]);
  if (request.principal && !out.has('aws:principalarn') && request.principal.startsWith('arn:')) out.set('aws:principalarn', [request.principal]);
  return out;
}

function principalMatches(element: any, principal: string | undefined): boolean {
  if (element === '*') return true;
  const entries = Object.values(element ?? {}).flatMap((v) => list(v));
  return entries.some((e) => e === '*' || (principal !== undefined && globMatch(e, principal, false)));
}

function conditionsMatch(block: Record<string, Record<string, unknown>>, context: Map<string, unknown[]>): boolean {
  return Object.entries(block).every(([rawOperator, keys]) => Object.entries(keys)
    .every(([key, expected]) => conditionMatches(rawOperator, key.toLowerCase(), list(expected), context)));
}

function conditionMatches(rawOperator: string, key: string, expected: unknown[], context: Map<string, unknown[]>): boolean {
  let operator = rawOperator;
  let qualifier: 'ForAnyValue' | 'ForAllValues' | undefined;
  const q = /^(ForAnyValue|ForAllValues):(.+)$/.exec(operator);
  if (q) { qualifier = q[1] as any; operator = q[2]; }
  const ifExists = operator.endsWith('IfExists');
  if (ifExists) operator = operator.slice(0, -'IfExists'.length);
  const actual = context.get(key);
  if (operator === 'Null') return String(expected[0]) === 'true' ? actual === undefined : actual !== undefined;
  if (actual === undefined) {
    if (ifExists) return true;
    // A missing key: negated operators match (nothing equals), positive ones do not; ForAllValues of nothing is true.
    if (qualifier === 'ForAllValues') return true;
    return /Not/.test(operator) && qualifier === undefined;
  }
  const one = (value: unknown) => test(operator, String(value), expected.map(String));
  if (qualifier === 'ForAllValues') return actual.every(one);
  if (qualifier === 'ForAnyValue') return actual.some(one);
  // Single-valued: negated operators hold when the value matches none of the expected values.
  return actual.some(one);
}

function test(operator: string, value: string, expected: string[]): boolean {
  switch (operator) {
    case 'StringEquals': case 'ArnEquals': return expected.includes(value);
    case 'StringEqualsIgnoreCase': return expected.some((e) => e.toLowerCase() === value.toLowerCase());
    case 'StringNotEquals': case 'ArnNotEquals': return !expected.includes(value);
    case 'StringNotEqualsIgnoreCase': return !expected.some((e) => e.toLowerCase() === value.toLowerCase());
    case 'StringLike': case 'ArnLike': return expected.some((e) => globMatch(e, value, false));
    case 'StringNotLike': case 'ArnNotLike': return !expected.some((e) => globMatch(e, value, false));
    case 'Bool': return expected.some((e) => e.toLowerCase() === value.toLowerCase());
    case 'NumericEquals': return expected.some((e) => Number(value) === Number(e));
    case 'NumericNotEquals': return expected.every((e) => Number(value) !== Number(e));
    case 'NumericLessThan': return expected.some((e) => Number(value) < Number(e));
    case 'NumericLessThanEquals': return expected.some((e) => Number(value) <= Number(e));
    case 'NumericGreaterThan': return expected.some((e) => Number(value) > Number(e));
    case 'NumericGreaterThanEquals': return expected.some((e) => Number(value) >= Number(e));
    default: throw new Error(`policy-evaluator: unsupported condition operator ${operator}`);
  }
}

function list(value: unknown): string[] {
  return (Array.isArray(value) ? value : [value]).map(String);
}

/** IAM wildcard match: `*` any run of characters, `?` one character; actions compare case-insensitively. */
export function globMatch(pattern: string, value: string, ignoreCase: boolean): boolean {
  const source = pattern.split('').map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&'))).join('');
  return new RegExp(`^${source}$`, ignoreCase ? 'i' : '').test(value);
}

/**
 * A SMALL identity-policy evaluator for tests, after IAM's evaluation logic
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html):
 * an explicit Deny wins, otherwise an Allow is needed, otherwise the request is implicitly denied.
 *
 * Supports what the policies under test use: Action / NotAction with `*` and `?` wildcards
 * (case-insensitive), Resource / NotResource with wildcards and `${aws:username}` substituted,
 * and the condition operators Bool and BoolIfExists (a missing key makes ...IfExists true).
 * Rendered templates' `Fn::Join` and `Ref` to pseudo parameters are resolved.
 */
export interface EvaluationRequest {
  readonly action: string;
  readonly resource: string;
  /** Request context keys, e.g. `{ 'aws:MultiFactorAuthPresent': 'true' }`; a missing key is absent. */
  readonly context?: Record<string, string>;
  /** The caller's user name, for `${aws:username}`. */
  readonly username: string;
}

export type Decision = 'Allow' | 'ExplicitDeny' | 'ImplicitDeny';

const PSEUDO: Record<string, string> = { 'AWS::Partition': 'aws', 'AWS::AccountId': '111122223333', 'AWS::Region': 'eu-west-1' };

/** Resolves `Fn::Join` and `Ref` to pseudo parameters in a rendered template value. */
export function resolvePseudo(value: any): any {
  if (Array.isArray(value)) return value.map(resolvePseudo);
  if (value && typeof value === 'object') {
    if ('Fn::Join' in value) {
      const [sep, parts] = value['Fn::Join'];
      return parts.map(resolvePseudo).join(sep);
    }
    if ('Ref' in value && PSEUDO[value.Ref] !== undefined) return PSEUDO[value.Ref];
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolvePseudo(v)]));
  }
  return value;
}

function list(v: unknown): string[] {
  return v === undefined ? [] : (Array.isArray(v) ? v : [v]) as string[];
}

function glob(pattern: string, value: string, caseInsensitive: boolean): boolean {
  const re = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${re}$`, caseInsensitive ? 'i' : '').test(value);
}

function matchesAction(statement: any, action: string): boolean {
  if (statement.Action !== undefined) return list(statement.Action).some((p) => glob(p, action, true));
  if (statement.NotAction !== undefined) return !list(statement.NotAction).some((p) => glob(p, action, true));
  return false;
}

function matchesResource(statement: any, request: EvaluationRequest): boolean {
  const substitute = (r: string) => r.replace(/\$\{aws:username\}/g, request.username);
  if (statement.Resource !== undefined) return list(statement.Resource).some((p) => glob(substitute(p), request.resource, false));
  if (statement.NotResource !== undefined) return !list(statement.NotResource).some((p) => glob(substitute(p), request.resource, false));
  return false;
}

function conditionsHold(statement: any, context: Record<string, string>): boolean {
  for (const [operator, entries] of Object.entries<Record<string, unknown>>(statement.Condition ?? {})) {
    const ifExists = operator.endsWith('IfExists');
    const base = ifExists ? operator.slice(0, -'IfExists'.length) : operator;
    if (base !== 'Bool') throw new Error(`the test evaluator does not support the ${operator} operator`);
    for (const [key, expected] of Object.entries(entries)) {
      const actual = Object.entries(context).find(([k]) => k.toLowerCase() === key.toLowerCase())?.[1];
      if (actual === undefined) {
        if (!ifExists) return false;
        continue;
      }
      if (!list(expected).some((e) => String(e).toLowerCase() === actual.toLowerCase())) return false;
    }
  }
  return true;
}

/** The decision for `request` under the identity-based statements given (rendered JSON). */
export function evaluate(statements: any[], request: EvaluationRequest): Decision {
  const applicable = statements.map(resolvePseudo)
    .filter((s) => matchesAction(s, request.action) && matchesResource(s, request) && conditionsHold(s, request.context ?? {}));
  if (applicable.some((s) => s.Effect === 'Deny')) return 'ExplicitDeny';
  return applicable.some((s) => s.Effect === 'Allow') ? 'Allow' : 'ImplicitDeny';
}

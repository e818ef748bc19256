/**
 * A small EventBridge event-pattern matcher for tests (EventBridge's TestEventPattern is a remote call), covering what
 * the FindingsRouter renders: exact values (strings, numbers, booleans, null), `prefix`, `suffix`, `numeric` ranges,
 * `anything-but` (a value, a list, or `{ prefix }`), `exists`, `equals-ignore-case` and `$or`.
 *
 * Semantics from https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-patterns.html and
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-create-pattern-operators.html:
 * every field of the pattern must match; a pattern array matches when any of its entries matches; an event array matches
 * when any of its elements matches (arrays of objects are flattened when descending); a missing field matches only
 * `{ exists: false }`; `anything-but` and `numeric` need the field to be present.
 */
export function matchesPattern(pattern: Record<string, any>, event: unknown): boolean {
  return matchObject(pattern, [event]);
}

/** `pattern` against the candidate values of one level (several when the event had arrays of objects above). */
function matchObject(pattern: Record<string, any>, candidates: unknown[]): boolean {
  for (const [key, sub] of Object.entries(pattern)) {
    if (key === '$or') {
      if (!Array.isArray(sub) || !sub.some((alternative) => matchObject(alternative, candidates))) return false;
      continue;
    }
    const values = candidates.flatMap((c) => (isObject(c) && key in c ? flatten([(c as any)[key]]) : []));
    const present = candidates.some((c) => isObject(c) && key in c);
    if (Array.isArray(sub)) {
      if (!sub.some((rule) => matchLeaf(rule, values, present))) return false;
    } else if (isObject(sub)) {
      const objects = values.filter(isObject);
      if (objects.length === 0) {
        // A nested pattern over a missing object still matches when everything in it asks for absence.
        if (!onlyAbsence(sub)) return false;
        continue;
      }
      if (!matchObject(sub, objects)) return false;
    } else {
      throw new Error(`invalid pattern at ${key}: ${JSON.stringify(sub)} (leaves must be arrays)`);
    }
  }
  return true;
}

function onlyAbsence(pattern: Record<string, any>): boolean {
  return Object.values(pattern).every((v) => (Array.isArray(v) ? v.some((r) => isObject(r) && r.exists === false) : isObject(v) && onlyAbsence(v)));
}

function flatten(values: unknown[]): unknown[] {
  return values.flatMap((v) => (Array.isArray(v) ? flatten(v) : [v]));
}

function isObject(x: unknown): x is Record<string, unknown> {
  return x !== null && typeof x === 'object' && !Array.isArray(x);
}

/** One entry of a pattern array against the field's values. */
function matchLeaf(rule: unknown, values: unknown[], present: boolean): boolean {
  if (!isObject(rule)) return values.some((v) => v === rule);
  const [op, arg] = Object.entries(rule)[0];
  switch (op) {
    case 'exists':
      return arg ? present : !present;
    case 'prefix':
      return values.some((v) => typeof v === 'string' && v.startsWith(arg as string));
    case 'suffix':
      return values.some((v) => typeof v === 'string' && v.endsWith(arg as string));
    case 'equals-ignore-case':
      return values.some((v) => typeof v === 'string' && v.toLowerCase() === String(arg).toLowerCase());
    case 'numeric':
      return values.some((v) => typeof v === 'number' && numericMatches(arg as unknown[], v));
    case 'anything-but': {
      if (!present || values.length === 0) return false;
      if (isObject(arg) && 'prefix' in arg) return values.some((v) => !(typeof v === 'string' && v.startsWith(arg.prefix as string)));
      const excluded = Array.isArray(arg) ? arg : [arg];
      return values.some((v) => !excluded.includes(v));
    }
    default:
      throw new Error(`unsupported pattern operator ${op}`);
  }
}

function numericMatches(conditions: unknown[], value: number): boolean {
  for (let i = 0; i < conditions.length; i += 2) {
    const op = conditions[i] as string;
    const bound = conditions[i + 1] as number;
    const ok = op === '=' ? value === bound : op === '>' ? value > bound : op === '>=' ? value >= bound : op === '<' ? value < bound : op === '<=' ? value <= bound : undefined;
    if (ok === undefined) throw new Error(`unsupported numeric operator ${op}`);
    if (!ok) return false;
  }
  return true;
}

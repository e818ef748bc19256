/**
 * A small evaluator of CloudWatch Logs JSON filter patterns for tests: `{ ... }` with `$.a.b = "value"` / `!=` terms
 * (strings, `*` wildcards), `&&`, `||` and parentheses
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html#matching-terms-json-log-events).
 * Anything else throws, so a test never passes on a pattern it did not understand.
 */
export function matchesJsonFilter(pattern: string, event: unknown): boolean {
  const body = pattern.trim();
  if (!body.startsWith('{') || !body.endsWith('}')) throw new Error(`not a JSON filter pattern: ${pattern}`);
  const tokens = body.slice(1, -1).match(/\(|\)|&&|\|\||\$\.[\w.]+|!=|=|"[^"]*"|\S+/g) ?? [];
  let i = 0;
  const next = () => tokens[i++];
  const or = (): boolean => {
    let value = and();
    while (tokens[i] === '||') { next(); value = and() || value; }
    return value;
  };
  const and = (): boolean => {
    let value = term();
    while (tokens[i] === '&&') { next(); value = term() && value; }
    return value;
  };
  const term = (): boolean => {
    const token = next();
    if (token === '(') {
      const value = or();
      if (next() !== ')') throw new Error(`unbalanced parentheses in ${pattern}`);
      return value;
    }
    if (!token?.startsWith('$.')) throw new Error(`unsupported term ${token} in ${pattern}`);
    const operator = next();
    const literal = next();
    if ((operator !== '=' && operator !== '!=') || !literal?.startsWith('"')) throw new Error(`unsupported comparison ${operator} ${literal} in ${pattern}`);
    const actual = token.slice(2).split('.').reduce<any>((v, key) => (v === undefined || v === null ? undefined : v[key]), event);
    const expected = new RegExp(`^${literal.slice(1, -1).split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
    const equal = typeof actual === 'string' && expected.test(actual);
    return operator === '=' ? equal : !equal;
  };
  const result = or();
  if (i !== tokens.length) throw new Error(`unparsed tokens ${tokens.slice(i).join(' ')} in ${pattern}`);
  return result;
}

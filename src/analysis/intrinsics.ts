/**
 * CloudFormation intrinsics as they appear in synthesized templates. Analysis treats an intrinsic as
 * "unknown but fixed": it is never a wildcard. Where the shape is simple enough, it is rendered to a
 * template string so account ids can still be recognized: `${AWS::AccountId}`, `${AWS::Partition}`,
 * `${AWS::Region}`, `${AWS::URLSuffix}` stay as such, anything else becomes `${?}`.
 */

/** Placeholder for a value no analysis can know (a parameter, an attribute, an import). */
export const UNKNOWN_PLACEHOLDER = '${?}';
/** Placeholder for the deploying account's id. */
export const ACCOUNT_PLACEHOLDER = '${AWS::AccountId}';

const PSEUDO = new Set(['AWS::AccountId', 'AWS::Partition', 'AWS::Region', 'AWS::URLSuffix']);

/** Whether a value is a CloudFormation intrinsic (`{"Ref": ..}`, `{"Fn::...": ..}`, `{"Condition": ..}`). */
export function isIntrinsic(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && (keys[0] === 'Ref' || keys[0].startsWith('Fn::'));
}

/**
 * A string (as is) or an intrinsic rendered to a template string with placeholders; `undefined` for
 * anything else (numbers and booleans are stringified).
 */
export function renderValue(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (!isIntrinsic(value)) return undefined;
  const [key, arg] = Object.entries(value)[0];
  if (key === 'Ref') return typeof arg === 'string' && PSEUDO.has(arg) ? `\${${arg}}` : UNKNOWN_PLACEHOLDER;
  if (key === 'Fn::Join' && Array.isArray(arg) && typeof arg[0] === 'string' && Array.isArray(arg[1])) {
    return arg[1].map((part: unknown) => renderValue(part) ?? UNKNOWN_PLACEHOLDER).join(arg[0]);
  }
  if (key === 'Fn::Sub') {
    const [template, vars] = Array.isArray(arg) ? [arg[0], arg[1] as Record<string, unknown> | undefined] : [arg, undefined];
    if (typeof template !== 'string') return UNKNOWN_PLACEHOLDER;
    return template.replace(/\$\{([^}!]*)\}/g, (_m, name: string) => {
      if (vars && name in vars) return renderValue(vars[name]) ?? UNKNOWN_PLACEHOLDER;
      return PSEUDO.has(name) ? `\${${name}}` : UNKNOWN_PLACEHOLDER;
    });
  }
  return UNKNOWN_PLACEHOLDER;
}

/** The text of a rendered value with its placeholders removed (what is literally written). */
export function literalText(rendered: string): string {
  return rendered.replace(/\$\{[^}]*\}/g, '');
}

/** Whether the literal parts of a value contain an IAM wildcard (`*` or `?`). Placeholders are fixed. */
export function hasWildcard(value: unknown): boolean {
  const rendered = renderValue(value);
  return rendered !== undefined && /[*?]/.test(literalText(rendered));
}

/**
 * The literal text before the first wildcard of a rendered value (placeholders count as fixed text,
 * kept as `${..}`). A value without wildcards returns itself.
 */
export function fixedPrefix(rendered: string): string {
  let out = '';
  for (let i = 0; i < rendered.length; i++) {
    if (rendered.startsWith('${', i)) {
      const end = rendered.indexOf('}', i);
      if (end > 0) {
        out += rendered.slice(i, end + 1);
        i = end;
        continue;
      }
    }
    if (rendered[i] === '*' || rendered[i] === '?') return out;
    out += rendered[i];
  }
  return out;
}

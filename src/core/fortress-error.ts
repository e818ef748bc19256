import { IConstruct } from 'constructs';

/**
 * Recognizes the errors cdk-fortress throws at synth time for invalid input.
 *
 * Every message names the construct path, the offending prop and what is
 * allowed, so the fix is obvious from the error alone:
 *
 * `[cdk-fortress] App/Stack/Bucket: invalid 'noncurrentVersionRetentionDays': must be an integer from 1 to 3650 (got 0)`
 *
 * jsii cannot expose a subclass of `Error` to other languages, so this class
 * is the portable check; TypeScript users can also import the `FortressError`
 * class from `cdk-fortress/lib/core/fortress-error` and use `instanceof`.
 */
export class FortressErrors {
  /**
   * Whether `x` is an error thrown by cdk-fortress (works across copies of the module).
   */
  public static isFortressError(x: any): boolean {
    return typeof x === 'object' && x !== null && x[FORTRESS_ERROR_SYMBOL] === true;
  }

  private constructor() {}
}

/**
 * The error cdk-fortress throws at synth time for invalid input (see {@link FortressErrors}).
 */
export class FortressError extends Error {
  /**
   * Builds the error for an invalid prop of a construct.
   *
   * @param scope the construct whose prop is invalid, or its path when it does not exist yet
   * @param prop the prop's name, as the user wrote it (e.g. `encryption.keyRotationDays`)
   * @param allowed what values are accepted, phrased to complete "must ..." or "is ..."
   * @param actual the rejected value, rendered into the message
   */
  public static invalidProp(scope: IConstruct | string, prop: string, allowed: string, actual?: unknown): FortressError {
    const path = typeof scope === 'string' ? scope : scope.node.path;
    return new FortressError(path || '<root>', prop, allowed, actual === undefined ? undefined : renderValue(actual));
  }

  /** Path of the construct that rejected the input (`<root>` for the App). */
  public readonly constructPath: string;
  /** The prop (or operation) that was rejected. */
  public readonly prop: string;
  /** What would have been accepted. */
  public readonly allowed: string;
  /** The rejected value, rendered as text, when there was one. */
  public readonly actual?: string;

  /**
   * @param constructPath path of the construct that rejected the input
   * @param prop the prop (or operation) that was rejected
   * @param allowed what would have been accepted
   * @param actual the rejected value, rendered as text
   */
  constructor(constructPath: string, prop: string, allowed: string, actual?: string) {
    super(`[cdk-fortress] ${constructPath}: invalid '${prop}': ${allowed}${actual === undefined ? '' : ` (got ${actual})`}`);
    this.name = 'FortressError';
    this.constructPath = constructPath;
    this.prop = prop;
    this.allowed = allowed;
    this.actual = actual;
    Object.defineProperty(this, FORTRESS_ERROR_SYMBOL, { value: true });
    Object.setPrototypeOf(this, new.target.prototype);
  }
}

const FORTRESS_ERROR_SYMBOL = Symbol.for('cdk-fortress.FortressError');

/** Renders a rejected value compactly and safely (strings quoted, long values cut). */
function renderValue(value: unknown): string {
  let text: string;
  try {
    text = typeof value === 'string' ? `'${value}'` : JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

import { App, Stack } from 'aws-cdk-lib';
import { SecureBaseline, SecureBaselineProps } from '../../src';

/** The account every red-team stack deploys to. */
export const ENV = { account: '111122223333', region: 'eu-west-1' };
/** An account outside the deploying one. */
export const OTHER_ACCOUNT = '444455556666';

/** One insecure app that must not synthesize under SecureBaseline. */
export interface InsecureCase {
  readonly name: string;
  /** Builds the insecure app; SecureBaseline is already enforced on `app` (default packs). */
  readonly build: (app: App) => void;
  /** The rule id the thrown message must name, e.g. `Fortress-ResourcePolicyNotPublic`. */
  readonly expectRule: string;
  /** The construct path the finding must name (the violating resource, or the acknowledging construct). */
  readonly expectPath: string;
  /** App context. */
  readonly context?: Record<string, unknown>;
  /** Runs before SecureBaseline.enforce (tampering with the App's plugins first). */
  readonly beforeEnforce?: (app: App) => void;
  readonly enforceProps?: SecureBaselineProps;
  /** SecureBaseline.enforce itself must throw a FortressError whose message contains expectRule. */
  readonly throwsAtEnforce?: boolean;
  /**
   * The construct refuses the insecure input while the app is built (a FortressError naming the
   * construct path), before synthesis: the message must contain expectRule (the refused operation) and expectPath.
   */
  readonly rejectedAtBuild?: boolean;
  /** A known gap left open: why (the case runs as test.failing). */
  readonly knownGap?: string;
}

/** A secure look-alike that must synthesize: only the tested property is in question, and it is fine. */
export interface SecureCase {
  readonly name: string;
  readonly build: (app: App) => void;
}

/** The stack each case builds into. */
export function workload(app: App, id = 'W'): Stack {
  return new Stack(app, id, { env: ENV });
}

function redTeamApp(context?: Record<string, unknown>): App {
  return new App({ builtinCloudFormationValidation: false, context });
}

/** The message of what `fn` throws, or undefined when it does not throw. */
function thrownBy(fn: () => unknown): string | undefined {
  try {
    fn();
    return undefined;
  } catch (error) {
    return String((error as Error)?.message ?? error);
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Whether one finding of the report names both `ruleId` (exactly, or with a `[finding]` suffix) and
 * `path`. The report renders one block per finding, blocks separated by blank lines.
 */
export function reportNames(message: string, ruleId: string, path: string): boolean {
  const id = new RegExp(`(^|[^\\w-])${escapeRegExp(ruleId)}(?=$|[^\\w-])`, 'm');
  const at = new RegExp(`(^|[\\s(])${escapeRegExp(path)}(?=$|[\\s,;:)'])`, 'm');
  return message.split(/\n\s*\n/).some((block) => id.test(block) && at.test(block));
}

/** Asserts the case's app does not synthesize and the failure names its rule and construct path. */
export function expectRejected(c: InsecureCase): void {
  const app = redTeamApp(c.context);
  c.beforeEnforce?.(app);
  if (c.throwsAtEnforce) {
    const message = thrownBy(() => SecureBaseline.enforce(app, c.enforceProps));
    expect(message).toBeDefined();
    expect(message).toContain(c.expectRule);
    return;
  }
  SecureBaseline.enforce(app, c.enforceProps);
  if (c.rejectedAtBuild) {
    const refusal = thrownBy(() => c.build(app));
    expect(refusal).toContain('[cdk-fortress]');
    expect(refusal).toContain(c.expectRule);
    expect(refusal).toContain(c.expectPath);
    return;
  }
  c.build(app);
  const message = thrownBy(() => app.synth());
  if (message === undefined) throw new Error(`${c.name}: the insecure app synthesized`);
  if (!reportNames(message, c.expectRule, c.expectPath)) {
    throw new Error(`${c.name}: synthesis failed, but no finding names ${c.expectRule} at ${c.expectPath}:\n${message}`);
  }
}

/** Asserts the look-alike synthesizes under SecureBaseline with no unacknowledged error. */
export function expectAccepted(c: SecureCase): void {
  const app = redTeamApp();
  SecureBaseline.enforce(app);
  c.build(app);
  const message = thrownBy(() => app.synth());
  if (message !== undefined) throw new Error(`${c.name}: the secure look-alike did not synthesize:\n${message}`);
}

/** One Jest test per case; known gaps run as test.failing. */
export function insecureSuite(title: string, cases: readonly InsecureCase[]): void {
  describe(title, () => {
    for (const c of cases) (c.knownGap ? test.failing : test)(c.name, () => expectRejected(c));
    test('case names are unique', () => {
      expect(new Set(cases.map((c) => c.name)).size).toBe(cases.length);
    });
  });
}

import { Stage } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { readAssembly } from './assembly-reader';
import { Change, diffInventories, Risk, RISK_ORDER } from './changes';
import { buildInventory, Inventory } from './inventory';
import { reviewProgressListener } from './progress';
import { diffJson, diffMarkdown, diffSarif, highestRisk, inventoryJson, inventoryMarkdown, inventorySarif, templateFilesOf } from './renderers';
import { FortressError } from '../core/fortress-error';

/** What a review holds besides its public surface (kept off the jsii API). */
const INTERNALS = new WeakMap<SecurityReview, { inventory: Inventory; files: Map<string, string> }>();

/** How much a security change adds to the risk of a deployment. */
export enum RiskLevel {
  /** Nothing added: risk reduced, a finding fixed, an acknowledgment removed. */
  NONE = 'none',
  /** Worth a look: a new acknowledgment or reason, new read access, ingress on an ordinary port from a new range. */
  LOW = 'low',
  /** Review before merging: new write access, an administration or database port opened to a range, versioning or retention cut. */
  MEDIUM = 'medium',
  /** Block by default: new internet or cross-account exposure, administrator-equivalent or permissions-management actions, logging or encryption removed, new errors. */
  HIGH = 'high',
}

/** One classified change of a security diff. */
export interface SecurityChange {
  /**
   * `new-exposure`, `widened-ingress`, `new-actions`, `new-principals`, `encryption-weakened`,
   * `retention-weakened`, `logging-off`, `acknowledgment-added`, `acknowledgment-changed`,
   * `acknowledgment-removed`, `finding-appeared`, `finding-disappeared` or `risk-reduced`.
   */
  readonly kind: string;
  /** How much the change adds to the risk. */
  readonly risk: RiskLevel;
  /** The stack (display name, `Stage/Stack` inside a Stage). */
  readonly stack: string;
  /** Construct path of the resource that changed. */
  readonly constructPath: string;
  /** What changed, in one sentence. */
  readonly summary: string;
  /** The value before, when there was one. */
  readonly before?: string;
  /** The value after, when there is one. */
  readonly after?: string;
  /**
   * `file:line` (relative to the working directory) of the code that created the construct, when the
   * assembly recorded stack traces.
   */
  readonly sourceLocation?: string;
}

/**
 * The security inventory of a cloud assembly: per stack and construct path, what is exposed to the
 * internet or to other accounts, who can assume each role and what it may do (wildcards expanded),
 * encryption, TLS, versioning and retention of stateful resources, logging and detection, every
 * acknowledgment with its reason, and the unacknowledged findings. Stable and sorted, with construct
 * paths instead of logical ids, so two reviews compare fact by fact ({@link SecurityReview.diff}).
 *
 * Acknowledgments are read from the stack metadata (where CDK records `Validations.of(c).acknowledge()`),
 * on the construct they were placed on; findings from the assembly's `validation-report.json`.
 *
 * @example
 * const review = SecurityReview.fromAssembly('cdk.out');
 * const markdown = review.toMarkdown();
 */
export class SecurityReview {
  /**
   * Reviews the cloud assembly in `directory` (e.g. `cdk.out`), nested assemblies of Stages and
   * nested stack templates included.
   *
   * @throws if the directory does not exist, holds no `manifest.json`, the manifest is malformed, or there is no stack template
   */
  public static fromAssembly(directory: string): SecurityReview {
    const contents = readAssembly(directory, reviewProgressListener());
    return new SecurityReview(buildInventory(contents), templateFilesOf(contents.stacks));
  }

  /**
   * Reviews a Stage (or App) or a Stack: synthesizes its Stage (once; later calls reuse the
   * assembly) and reviews the stacks at or below `scope`.
   */
  public static of(scope: IConstruct): SecurityReview {
    if (scope === undefined || scope === null || typeof (scope as any).node?.path !== 'string') {
      throw FortressError.invalidProp('<no scope>', 'SecurityReview.of: scope', 'must be a Stage, an App or a Stack', String(scope));
    }
    const stage = Stage.isStage(scope) ? scope : Stage.of(scope);
    if (!stage) throw FortressError.invalidProp(scope, 'SecurityReview.of: scope', 'must be in an App or Stage');
    const assembly = stage.synth();
    const contents = readAssembly(assembly.directory);
    const below = scope === stage ? undefined : scope.node.path;
    const stacks = below === undefined ? contents.stacks
      : contents.stacks.filter((s) => s.constructPath === below || s.constructPath.startsWith(`${below}/`));
    if (stacks.length === 0) throw FortressError.invalidProp(scope, 'SecurityReview.of: scope', 'must be or contain a Stack');
    return new SecurityReview(buildInventory({ stacks, findings: contents.findings }), templateFilesOf(stacks));
  }

  /** The security diff from `before` to `after`, every change classified with a risk level. */
  public static diff(before: SecurityReview, after: SecurityReview): SecurityDiff {
    return new SecurityDiff(before, after);
  }

  /** Names of the reviewed stacks, sorted. */
  public readonly stackNames: string[];
  /** How many unacknowledged findings the assembly's validation report holds for these stacks. */
  public readonly findingCount: number;
  /** How many acknowledgments these stacks record. */
  public readonly acknowledgmentCount: number;

  private constructor(inventory: Inventory, files: Map<string, string>) {
    INTERNALS.set(this, { inventory, files });
    this.stackNames = inventory.stacks.map((s) => s.stack);
    this.findingCount = inventory.stacks.reduce((n, s) => n + s.findings.length, 0);
    this.acknowledgmentCount = inventory.stacks.reduce((n, s) => n + s.acknowledgments.length, 0);
  }

  /** The inventory as stable JSON (sorted, construct paths, no hashes or source lines). */
  public toJson(): string {
    return JSON.stringify(inventoryJson(INTERNALS.get(this)!.inventory), undefined, 2) + '\n';
  }

  /** The inventory as Markdown: per-stack counts, then each section folded. */
  public toMarkdown(): string {
    return inventoryMarkdown(INTERNALS.get(this)!.inventory);
  }

  /** SARIF 2.1.0: unacknowledged findings (errors and warnings) and exposure (notes). */
  public toSarif(): string {
    const { inventory, files } = INTERNALS.get(this)!;
    return inventorySarif(inventory, files);
  }
}

/**
 * The classified changes between two security reviews ({@link SecurityReview.diff}).
 */
export class SecurityDiff {
  /** Every change, highest risk first, then by stack and construct path. */
  public readonly changes: SecurityChange[];
  /** The highest risk of any change (`NONE` when nothing changed). */
  public readonly highestRisk: RiskLevel;

  private readonly raw: Change[];
  private readonly files: Map<string, string>;

  /**
   * @param before the review of the base (e.g. the target branch's `cdk.out`)
   * @param after the review of the change (e.g. the pull request's `cdk.out`)
   */
  constructor(before: SecurityReview, after: SecurityReview) {
    const b = INTERNALS.get(before);
    const a = INTERNALS.get(after);
    if (!b || !a) throw FortressError.invalidProp('SecurityDiff', before ? 'after' : 'before', 'must be a SecurityReview');
    const raw = diffInventories(b.inventory, a.inventory);
    this.raw = raw;
    this.files = new Map([...b.files, ...a.files]);
    this.changes = raw.map((c) => ({
      kind: c.kind,
      risk: c.risk as RiskLevel,
      stack: c.stack,
      constructPath: c.path,
      summary: c.summary,
      ...(c.before === undefined ? {} : { before: c.before }),
      ...(c.after === undefined ? {} : { after: c.after }),
      ...(c.source === undefined ? {} : { sourceLocation: c.source }),
    }));
    this.highestRisk = highestRisk(raw) as RiskLevel;
  }

  /** Whether any change is at least as risky as `level` (with `NONE`: whether anything changed). */
  public hasRiskAtOrAbove(level: RiskLevel): boolean {
    const threshold = RISK_ORDER.indexOf(level as string as Risk);
    return this.raw.some((c) => RISK_ORDER.indexOf(c.risk) >= threshold);
  }

  /** Markdown for a pull-request comment: the verdict and the risky changes first, details folded. */
  public toMarkdown(): string {
    return diffMarkdown(this.raw);
  }

  /** The changes as stable JSON, with the highest risk and counts per risk. */
  public toJson(): string {
    return JSON.stringify(diffJson(this.raw), undefined, 2) + '\n';
  }

  /** SARIF 2.1.0: each change that adds risk as a result of its kind's rule (high: error, medium: warning, low: note). */
  public toSarif(): string {
    return diffSarif(this.raw, this.files);
  }
}

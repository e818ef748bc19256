/**
 * Reads a cloud assembly directory (`cdk.out`) into what the security inventory needs: each stack's
 * template (nested stacks included), the construct path of every resource, where it was created, the
 * acknowledgments recorded in the construct metadata, and the validation report's findings.
 *
 * Acknowledgments come from the stack metadata (`aws:cdk:acknowledged-rules` entries, in the
 * manifest or the stack's `additionalMetadataFile`): every acknowledgment on the construct it was
 * placed on, whichever plugin it is for. Unacknowledged findings come from `validation-report.json`.
 */
import * as fs from 'fs';
import * as path from 'path';
import { FortressError } from '../core/fortress-error';

/** One stack template with the facts needed to describe its resources by construct path. */
export interface AssemblyStack {
  /** Display name: the stack's artifact id, prefixed by its Stage's path (`Prod/Workload`). */
  readonly name: string;
  /** Construct path of the stack. */
  readonly constructPath: string;
  readonly template: Record<string, any>;
  /** The template's file, relative to the top assembly directory. */
  readonly templateFile?: string;
  /** The deploying account (12 digits) when the stack has an environment. */
  readonly account?: string;
  /** Logical id → construct path (without a trailing `/Resource`). */
  readonly paths: ReadonlyMap<string, string>;
  /** Construct path → `file:line` of the user code that created it, when stack traces were recorded. */
  readonly sources: ReadonlyMap<string, string>;
  /** Acknowledgments recorded in this stack's metadata. */
  readonly acknowledgments: readonly RecordedAcknowledgment[];
}

export interface RecordedAcknowledgment {
  readonly constructPath: string;
  /** Namespace as recorded (`Annotation` for plain ids, or a plugin's name). */
  readonly namespace: string;
  readonly ruleId: string;
  readonly reason: string;
}

/** An unacknowledged finding of the validation report. */
export interface ReportFinding {
  readonly pack: string;
  readonly ruleId: string;
  readonly severity: string;
  readonly constructPath: string;
  readonly description: string;
}

export interface AssemblyContents {
  readonly stacks: AssemblyStack[];
  readonly findings: ReportFinding[];
}

const ACKNOWLEDGED = 'aws:cdk:acknowledged-rules';

/** Errors of the review's inputs: no stack trace is useful to the user, the message says what to fix. */
export class ReviewInputError extends FortressError {
  constructor(message: string) {
    super('cdk-fortress review', 'assembly', message);
    this.message = message;
    this.name = 'ReviewInputError';
  }
}

/** Reads every stack of the assembly in `directory` and of its nested assemblies (Stages). */
export function readAssembly(directory: string, onProgress?: (done: number, total: number) => void): AssemblyContents {
  if (!fs.existsSync(directory)) throw new ReviewInputError(`${directory}: no such directory (expected a cloud assembly such as cdk.out)`);
  if (!fs.statSync(directory).isDirectory()) throw new ReviewInputError(`${directory}: not a directory (expected a cloud assembly such as cdk.out)`);
  const out: AssemblyContents = { stacks: [], findings: [] };
  readOne(directory, '', out, onProgress, directory);
  if (out.stacks.length === 0) throw new ReviewInputError(`${directory}: the cloud assembly has no stack templates (did \`cdk synth\` run?)`);
  out.stacks.sort((a, b) => compare(a.name, b.name));
  return out;
}

function readJson(file: string, what: string): any {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new ReviewInputError(`${file}: cannot read the ${what} (${(e as Error).message})`);
  }
  try {
    const json = JSON.parse(text);
    if (json === null || typeof json !== 'object') throw new Error('not a JSON object');
    return json;
  } catch (e) {
    throw new ReviewInputError(`${file}: malformed ${what} (${(e as Error).message})`);
  }
}

type Progress = ((done: number, total: number) => void) | undefined;

function readOne(directory: string, prefix: string, out: AssemblyContents, onProgress: Progress, top: string): void {
  const manifestFile = path.join(directory, 'manifest.json');
  if (!fs.existsSync(manifestFile)) throw new ReviewInputError(`${directory}: not a cloud assembly (no manifest.json; run \`cdk synth\` first)`);
  const manifest = readJson(manifestFile, 'cloud assembly manifest');
  const artifacts = manifest.artifacts;
  if (artifacts !== undefined && (typeof artifacts !== 'object' || artifacts === null || Array.isArray(artifacts))) {
    throw new ReviewInputError(`${manifestFile}: malformed cloud assembly manifest ("artifacts" is not an object)`);
  }
  const entries = Object.entries<any>(artifacts ?? {});
  const stacks = entries.filter(([, a]) => a?.type === 'aws:cloudformation:stack');
  let done = 0;
  for (const [id, artifact] of stacks) {
    const templateFile = artifact.properties?.templateFile;
    if (typeof templateFile !== 'string') throw new ReviewInputError(`${manifestFile}: malformed cloud assembly manifest (stack ${id} has no templateFile)`);
    out.stacks.push(...readStack(directory, id, prefix, artifact, top, assetFiles(directory, artifact, artifacts)));
    onProgress?.(++done, stacks.length);
  }
  for (const [, artifact] of entries) {
    if (artifact?.type !== 'cdk:cloud-assembly') continue;
    const dir = artifact.properties?.directoryName;
    if (typeof dir !== 'string') continue;
    readOne(path.join(directory, dir), artifact.displayName ?? dir, out, onProgress, top);
  }
  const report = path.join(directory, 'validation-report.json');
  if (fs.existsSync(report)) out.findings.push(...readFindings(readJson(report, 'validation report')));
}

/** Asset hash → file of the stack's asset manifest: where nested stack templates are when asset metadata is off. */
function assetFiles(directory: string, artifact: any, artifacts: Record<string, any>): Map<string, string> {
  const out = new Map<string, string>();
  for (const dependency of Array.isArray(artifact.dependencies) ? artifact.dependencies : []) {
    const manifest = artifacts[dependency];
    if (manifest?.type !== 'cdk:asset-manifest' || typeof manifest.properties?.file !== 'string') continue;
    const file = path.join(directory, manifest.properties.file);
    if (!fs.existsSync(file)) continue;
    for (const [hash, asset] of Object.entries<any>(readJson(file, 'asset manifest').files ?? {})) {
      if (typeof asset?.source?.path === 'string') out.set(hash, asset.source.path);
    }
  }
  return out;
}

function readStack(directory: string, id: string, prefix: string, artifact: any, top: string, assets: Map<string, string>): AssemblyStack[] {
  const template = readJson(path.join(directory, artifact.properties.templateFile), `template of stack ${id}`);
  let metadata: Record<string, any[]> = { ...(artifact.metadata ?? {}) };
  if (typeof artifact.additionalMetadataFile === 'string') {
    const file = path.join(directory, artifact.additionalMetadataFile);
    if (fs.existsSync(file)) metadata = { ...metadata, ...readJson(file, `metadata of stack ${id}`) };
  }
  const account = /^aws:\/\/(\d{12})\//.exec(artifact.environment ?? '')?.[1];
  const name = artifact.displayName ?? (prefix ? `${prefix}/${id}` : id);
  const stackPath = Object.keys(metadata).map((k) => k.replace(/^\//, '')).sort((a, b) => a.length - b.length)[0] ?? name;

  const logicalIdPaths = new Map<string, string>();
  const sources = new Map<string, string>();
  const acknowledgments: RecordedAcknowledgment[] = [];
  for (const [rawPath, entries] of Object.entries(metadata)) {
    const constructPath = rawPath.replace(/^\//, '');
    const merged: Record<string, string> = {};
    for (const entry of Array.isArray(entries) ? entries : []) {
      if (entry?.type === 'aws:cdk:logicalId' && typeof entry.data === 'string') logicalIdPaths.set(entry.data, trimResource(constructPath));
      if (entry?.type === 'aws:cdk:creationStack' && Array.isArray(entry.data)) {
        const source = userFrame(entry.data);
        if (source && !sources.has(trimResource(constructPath))) sources.set(trimResource(constructPath), source);
      }
      if (entry?.type === ACKNOWLEDGED && entry.data && typeof entry.data === 'object') Object.assign(merged, entry.data);
    }
    for (const [key, reason] of Object.entries(merged)) {
      const { namespace, ruleId } = splitAcknowledgedId(key);
      acknowledgments.push({ constructPath, namespace, ruleId, reason: String(reason) });
    }
  }
  const result: AssemblyStack[] = [];
  const relative = (file: string) => path.relative(top, path.join(directory, file)).split(path.sep).join('/');
  const visit = (json: Record<string, any>, displayName: string, constructPath: string, templateFile: string) => {
    const paths = new Map<string, string>();
    for (const [logicalId, resource] of Object.entries<any>(json.Resources ?? {})) {
      const p = resource?.Metadata?.['aws:cdk:path'];
      paths.set(logicalId, typeof p === 'string' ? trimResource(p) : logicalIdPaths.get(logicalId) ?? `${constructPath}/${logicalId}`);
    }
    result.push({
      name: displayName,
      constructPath,
      template: json,
      templateFile: relative(templateFile),
      account,
      paths,
      sources,
      // Acknowledgments of nested stacks' constructs are recorded in the parent's metadata: listed once, there.
      acknowledgments: result.length === 0 ? acknowledgments : [],
    });
    for (const [logicalId, resource] of Object.entries<any>(json.Resources ?? {})) {
      if (resource?.Type !== 'AWS::CloudFormation::Stack') continue;
      const url = JSON.stringify(resource.Properties?.TemplateURL ?? '');
      const assetPath = resource.Metadata?.['aws:asset:path'] ?? [...assets].find(([hash]) => url.includes(hash))?.[1];
      if (typeof assetPath !== 'string' || !assetPath.endsWith('.json')) continue;
      const file = path.join(directory, assetPath);
      if (!fs.existsSync(file)) continue;
      const nestedPath = (paths.get(logicalId) ?? logicalId).replace(/\.NestedStack\/\.NestedStackResource$/, '').replace(/\.NestedStackResource$/, '');
      visit(readJson(file, `nested template ${assetPath}`), `${displayName}/${nestedPath.split('/').pop()}`, nestedPath, assetPath);
    }
  };
  visit(template, name, stackPath, artifact.properties.templateFile);
  return result;
}

/** A plain id is recorded as `Annotation::Id`; a namespaced one as `Plugin::Id`; findings may hold `::` inside brackets. */
function splitAcknowledgedId(key: string): { namespace: string; ruleId: string } {
  const bracket = key.indexOf('[');
  const separator = key.indexOf('::');
  if (separator === -1 || (bracket !== -1 && separator > bracket)) return { namespace: 'Annotation', ruleId: key };
  const namespace = key.substring(0, separator);
  return { namespace: /^annotation$/i.test(namespace) ? 'Annotation' : namespace, ruleId: key.substring(separator + 2) };
}

function trimResource(constructPath: string): string {
  return constructPath.replace(/^\//, '').replace(/\/(Resource|Default)$/, '');
}

const LIBRARY_ROOT = path.resolve(__dirname, '..');

/** The first frame of a creation stack in user code, as `relative/file.ts:line`. */
function userFrame(frames: unknown[]): string | undefined {
  for (const frame of frames) {
    if (typeof frame !== 'string') continue;
    const match = /\(?((?:[A-Za-z]:)?[^():\s]+\.[cm]?[jt]sx?):(\d+)(?::\d+)?\)?$/.exec(frame);
    if (!match) continue;
    const file = match[1];
    if (!path.isAbsolute(file) || file.includes(`${path.sep}node_modules${path.sep}`) || file.startsWith(LIBRARY_ROOT + path.sep)) continue;
    return `${path.relative(process.cwd(), file).split(path.sep).join('/')}:${match[2]}`;
  }
  return undefined;
}

function readFindings(json: any): ReportFinding[] {
  const out: ReportFinding[] = [];
  for (const report of Array.isArray(json.pluginReports) ? json.pluginReports : []) {
    for (const v of Array.isArray(report?.violations) ? report.violations : []) {
      for (const c of Array.isArray(v?.violatingConstructs) && v.violatingConstructs.length > 0 ? v.violatingConstructs : [{}]) {
        out.push({
          pack: String(report.pluginName ?? ''),
          ruleId: String(v.ruleName ?? ''),
          severity: String(v.severity ?? 'error'),
          constructPath: trimResource(String(c.constructPath ?? '')),
          description: String(v.description ?? ''),
        });
      }
    }
  }
  return out;
}

/** Locale-independent ordering, so output is the same on every machine. */
export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

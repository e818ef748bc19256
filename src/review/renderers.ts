/**
 * Renders inventories and diffs: Markdown (pull-request comments: summary first, details folded),
 * JSON (stable, sorted, hash-free) and SARIF 2.1.0 (code scanning).
 */
import { AssemblyStack } from './assembly-reader';
import { Change, CHANGE_KINDS, Risk, RISK_ORDER } from './changes';
import { Inventory, StackInventory } from './inventory';

const TOOL = 'cdk-fortress';
const INFORMATION_URI = 'https://github.com/cdk-fortress/cdk-fortress#reviewing-changes';
const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

/** The inventory as a JSON-serializable value (no source locations: they change with unrelated edits). */
export function inventoryJson(inventory: Inventory): Record<string, unknown> {
  return { version: 1, stacks: inventory.stacks };
}

export function diffJson(changes: readonly Change[]): Record<string, unknown> {
  return { version: 1, highestRisk: highestRisk(changes), summary: countByRisk(changes), changes };
}

export function highestRisk(changes: readonly Change[]): Risk {
  return changes.reduce<Risk>((m, c) => (RISK_ORDER.indexOf(c.risk) > RISK_ORDER.indexOf(m) ? c.risk : m), 'none');
}

function countByRisk(changes: readonly Change[]): Record<Risk, number> {
  const out: Record<Risk, number> = { high: 0, medium: 0, low: 0, none: 0 };
  for (const c of changes) out[c.risk]++;
  return out;
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function code(text: string): string {
  return `\`${text.replace(/`/g, "'")}\``;
}

/** Markdown for a pull-request comment: the verdict and a table of risky changes, everything else folded. */
export function diffMarkdown(changes: readonly Change[]): string {
  const counts = countByRisk(changes);
  const lines = ['## cdk-fortress security diff', ''];
  if (changes.length === 0) {
    lines.push('No security-relevant change.');
    return lines.join('\n') + '\n';
  }
  const top = highestRisk(changes);
  lines.push(`**Highest risk: ${top.toUpperCase()}** · ${changes.length} change${changes.length === 1 ? '' : 's'}: `
    + `${counts.high} high, ${counts.medium} medium, ${counts.low} low, ${counts.none} with no added risk`, '');
  const risky = changes.filter((c) => c.risk !== 'none');
  if (risky.length > 0) {
    lines.push('| risk | change | construct | what |', '| --- | --- | --- | --- |');
    for (const c of risky) lines.push(`| ${c.risk} | ${CHANGE_KINDS[c.kind]?.title ?? c.kind} | ${code(c.path)} | ${cell(c.summary)} |`);
    lines.push('');
  }
  lines.push('<details><summary>Details</summary>', '');
  for (const stack of [...new Set(changes.map((c) => c.stack))].sort()) {
    lines.push(`### ${stack}`, '');
    for (const c of changes.filter((x) => x.stack === stack)) {
      lines.push(`- **${c.risk}** ${CHANGE_KINDS[c.kind]?.title ?? c.kind}: ${code(c.path)}${c.source ? ` (${c.source})` : ''}`);
      lines.push(`  - ${cell(c.summary)}`);
      if (c.before !== undefined) lines.push(`  - before: ${cell(c.before)}`);
      if (c.after !== undefined) lines.push(`  - after: ${cell(c.after)}`);
    }
    lines.push('');
  }
  lines.push('</details>', '');
  return lines.join('\n');
}

/** Markdown inventory: per-stack counts first, each section folded. */
export function inventoryMarkdown(inventory: Inventory): string {
  const lines = ['## cdk-fortress security review', ''];
  lines.push('| stack | exposure | roles | stateful resources | logging | acknowledged | unacknowledged findings |', '| --- | --- | --- | --- | --- | --- | --- |');
  for (const s of inventory.stacks) {
    lines.push(`| ${cell(s.stack)} | ${s.exposure.length} | ${s.roles.length} | ${s.dataProtection.length} | ${s.logging.length} | ${s.acknowledgments.length} | ${s.findings.length} |`);
  }
  lines.push('');
  for (const s of inventory.stacks) lines.push(...stackMarkdown(s));
  return lines.join('\n');
}

function stackMarkdown(s: StackInventory): string[] {
  const lines = [`### ${s.stack}`, ''];
  const fold = (title: string, count: number, body: string[]) => {
    lines.push(`<details><summary>${title} (${count})</summary>`, '', ...(body.length ? body : ['none']), '', '</details>', '');
  };
  fold('Exposure', s.exposure.length, s.exposure.map((e) => `- ${code(e.path)}: ${e.detail}${e.actions?.length ? ` (${e.actions.join(', ')})` : ''}`));
  fold('Security group ingress', s.securityGroups.reduce((n, g) => n + g.ingress.length, 0), s.securityGroups.flatMap((g) => g.ingress.map((r) =>
    `- ${code(g.path)}: ${r.ports} from ${r.source}${r.internetWide ? ' (internet-wide)' : ''}${r.sensitivePort ? ` (${r.sensitivePort})` : ''}`)));
  fold('Identity', s.roles.length, s.roles.flatMap((r) => [
    `- ${code(r.path)}: assumed by ${r.trustedBy.join(', ') || 'nobody'}${r.permissionsBoundary ? `; boundary ${r.permissionsBoundary}` : ''}${r.managedPolicies.length ? `; managed policies ${r.managedPolicies.join(', ')}` : ''}`,
    ...r.grants.map((g) => `  - ${cell(g.resource)}: ${g.actions.join(', ')}`),
  ]));
  fold('Data protection', s.dataProtection.length, s.dataProtection.map((d) => `- ${code(d.path)} (${d.type}): encryption ${d.encryption}${
    d.tlsEnforced === undefined ? '' : `, TLS ${d.tlsEnforced ? 'enforced' : 'not enforced'}`}${d.versioning ? `, versioning ${d.versioning}` : ''}${
    d.retention ? `, retention ${d.retention}` : ''}, deletion policy ${d.deletionPolicy}`));
  fold('Logging and detection', s.logging.length, s.logging.map((l) => `- ${code(l.path)}: ${l.kind} ${l.state}`));
  fold('Acknowledgments', s.acknowledgments.length, s.acknowledgments.map((a) => `- ${code(a.path)}: ${a.ruleId} (${a.pack}): ${cell(a.reason)}`));
  fold('Unacknowledged findings', s.findings.length, s.findings.map((f) => `- ${code(f.path)}: ${f.severity} ${f.ruleId}: ${cell(f.description)}`));
  return lines;
}

interface SarifRule {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  help: { text: string };
  defaultConfiguration: { level: string };
}
interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: unknown[];
  properties?: Record<string, unknown>;
}

function level(risk: Risk): string {
  return risk === 'high' ? 'error' : risk === 'medium' ? 'warning' : risk === 'low' ? 'note' : 'none';
}

function location(path: string, source: string | undefined, templateFile: string | undefined): unknown {
  const logicalLocations = [{ fullyQualifiedName: path, kind: 'resource' }];
  const m = source ? /^(.*):(\d+)$/.exec(source) : null;
  if (m) return { physicalLocation: { artifactLocation: { uri: m[1] }, region: { startLine: Number(m[2]) } }, logicalLocations };
  if (templateFile) return { physicalLocation: { artifactLocation: { uri: templateFile, uriBaseId: 'CDK_OUT' } }, logicalLocations };
  return { logicalLocations };
}

function sarifLog(rules: SarifRule[], results: SarifResult[]): string {
  return JSON.stringify({
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [{
      tool: { driver: { name: TOOL, informationUri: INFORMATION_URI, rules } },
      originalUriBaseIds: { CDK_OUT: { description: { text: 'The cloud assembly directory (cdk.out).' } } },
      results,
    }],
  }, undefined, 2) + '\n';
}

/** SARIF for a diff: every change that adds risk, as a result of its kind's rule. */
export function diffSarif(changes: readonly Change[], files: ReadonlyMap<string, string>): string {
  const risky = changes.filter((c) => c.risk !== 'none');
  const kinds = [...new Set(risky.map((c) => c.kind))].sort();
  const rules = kinds.map((k) => kindRule(k, risky.filter((c) => c.kind === k).map((c) => c.risk)));
  const results = risky.map((c) => ({
    ruleId: c.kind,
    ruleIndex: kinds.indexOf(c.kind),
    level: level(c.risk),
    message: { text: `${CHANGE_KINDS[c.kind]?.title ?? c.kind} (${c.risk} risk) in ${c.stack} at ${c.path}: ${c.summary}` },
    locations: [location(c.path, c.source, files.get(c.stack))],
    properties: { risk: c.risk, stack: c.stack },
  }));
  return sarifLog(rules, results);
}

function kindRule(kind: string, risks: Risk[]): SarifRule {
  const info = CHANGE_KINDS[kind] ?? { id: kind, title: kind, help: kind };
  const top = risks.reduce<Risk>((m, r) => (RISK_ORDER.indexOf(r) > RISK_ORDER.indexOf(m) ? r : m), 'low');
  return {
    id: kind,
    name: info.title.replace(/(^|\s)(\w)/g, (_m, _s, c: string) => c.toUpperCase()),
    shortDescription: { text: info.title },
    fullDescription: { text: info.help },
    help: { text: info.help },
    defaultConfiguration: { level: level(top) },
  };
}

/** SARIF for an inventory: unacknowledged findings (rule ids of their packs) and exposure (rule `exposure/<kind>`). */
export function inventorySarif(inventory: Inventory, files: ReadonlyMap<string, string>): string {
  const rules: SarifRule[] = [];
  const index = new Map<string, number>();
  const rule = (id: string, title: string, help: string, lvl: string) => {
    if (!index.has(id)) {
      index.set(id, rules.length);
      rules.push({ id, name: id.replace(/[^A-Za-z0-9]/g, ''), shortDescription: { text: title }, fullDescription: { text: help }, help: { text: help }, defaultConfiguration: { level: lvl } });
    }
    return index.get(id)!;
  };
  const results: SarifResult[] = [];
  for (const s of inventory.stacks) {
    for (const f of s.findings) {
      const lvl = f.severity === 'warning' ? 'warning' : 'error';
      const i = rule(f.ruleId, `${f.pack} ${f.ruleId}`, f.description, lvl);
      results.push({
        ruleId: f.ruleId,
        ruleIndex: i,
        level: lvl,
        message: { text: `${f.ruleId} in ${s.stack} at ${f.path}: ${f.description}` },
        locations: [location(f.path, inventory.sources.get(f.path), files.get(s.stack))],
      });
    }
    for (const e of s.exposure) {
      const id = `exposure/${e.kind}`;
      const i = rule(id, `Exposure: ${e.kind}`, CHANGE_KINDS['new-exposure'].help, 'note');
      results.push({
        ruleId: id,
        ruleIndex: i,
        level: 'note',
        message: { text: `${s.stack} at ${e.path}: ${e.detail}${e.actions?.length ? ` (${e.actions.join(', ')})` : ''}` },
        locations: [location(e.path, inventory.sources.get(e.path), files.get(s.stack))],
      });
    }
  }
  return sarifLog(rules, results);
}

/** Stack name → template file (relative to the assembly), for SARIF locations without a source line. */
export function templateFilesOf(stacks: readonly AssemblyStack[]): Map<string, string> {
  return new Map(stacks.filter((s) => s.templateFile).map((s) => [s.name, s.templateFile!]));
}

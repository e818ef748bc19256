/**
 * The security diff: compares two inventories fact by fact and classifies each change with a risk
 * level. Only what a security reviewer acts on is reported; renames of hashed logical ids never show,
 * since every fact is keyed by construct path.
 */
import { matchesAny } from '../analysis';
import { compare } from './assembly-reader';
import { actionRisk, Inventory, StackInventory } from './inventory';

/** Risk as text, lowest to highest. */
export type Risk = 'none' | 'low' | 'medium' | 'high';
export const RISK_ORDER: readonly Risk[] = ['none', 'low', 'medium', 'high'];

/** A change kind: its id (SARIF rule id), title, and the help text a reviewer reads. */
export interface ChangeKindInfo {
  readonly id: string;
  readonly title: string;
  readonly help: string;
}

export const CHANGE_KINDS: Readonly<Record<string, ChangeKindInfo>> = Object.fromEntries(([
  ['new-exposure', 'New exposure', 'Something is now reachable from the internet or from everyone: an internet-wide ingress port, a public resource policy or trust policy, an internet-facing load balancer or instance, public IPs on launch. Check that the path is meant to be public and goes through the intended protections (CDN, WAF, authentication).'],
  ['widened-ingress', 'Widened ingress', 'A security group admits a new source. Check that the range is as narrow as it can be; administration and database ports should admit application security groups, not address ranges.'],
  ['new-actions', 'New actions', 'A role or a cross-account grant can do more than before. Check that each action is needed and scoped to named resources.'],
  ['new-principals', 'New principals', 'New principals can assume a role or use a resource: another account, an identity provider, a service. Check that each is trusted and conditioned (external id, organization id, source ARN).'],
  ['encryption-weakened', 'Encryption weakened', 'Encryption at rest is weaker (customer-managed key to AWS-managed, or none), key rotation is off, or TLS is no longer enforced.'],
  ['retention-weakened', 'Retention weakened', 'Data is kept for a shorter time or less safely: versioning off, log retention shortened, backups or point-in-time recovery reduced, deletion protection or the retain policy removed.'],
  ['logging-off', 'Logging off', 'A trail, flow log, access log or detector (GuardDuty, Security Hub, AWS Config) is off or removed.'],
  ['acknowledgment-added', 'Acknowledgment added', 'A compliance finding is newly acknowledged: read the reason and check that it explains why the deviation is safe.'],
  ['acknowledgment-changed', 'Acknowledgment changed', 'The reason given for an acknowledged finding changed: read the new reason.'],
  ['acknowledgment-removed', 'Acknowledgment removed', 'An acknowledgment is gone: the deviation was fixed, or its finding is reported again.'],
  ['finding-appeared', 'Finding appeared', 'A compliance rule reports a new unacknowledged finding.'],
  ['finding-disappeared', 'Finding disappeared', 'An unacknowledged finding is no longer reported.'],
  ['risk-reduced', 'Risk reduced', 'Exposure, ingress, permissions or principals were removed, or protection was strengthened.'],
] as const).map(([id, title, help]) => [id, { id, title, help }]));

/** One classified change. */
export interface Change {
  readonly kind: string;
  readonly risk: Risk;
  readonly stack: string;
  readonly path: string;
  readonly summary: string;
  readonly before?: string;
  readonly after?: string;
  /** `file:line` where the construct was created, when recorded. */
  readonly source?: string;
}

type Emit = (kind: string, risk: Risk, path: string, summary: string, before?: string, after?: string) => void;

/** Every classified change from `before` to `after`, sorted by risk (highest first), stack, path, kind. */
export function diffInventories(before: Inventory, after: Inventory): Change[] {
  const changes: Change[] = [];
  const names = [...new Set([...before.stacks.map((s) => s.stack), ...after.stacks.map((s) => s.stack)])];
  for (const name of names) {
    const b = before.stacks.find((s) => s.stack === name) ?? emptyStack(name);
    const a = after.stacks.find((s) => s.stack === name) ?? emptyStack(name);
    const emit: Emit = (kind, risk, path, summary, was, now) => {
      const source = after.sources.get(path) ?? before.sources.get(path);
      changes.push({
        kind,
        risk,
        stack: name,
        path,
        summary,
        ...(was === undefined ? {} : { before: was }),
        ...(now === undefined ? {} : { after: now }),
        ...(source ? { source } : {}),
      });
    };
    diffExposure(b, a, emit);
    diffIngress(b, a, emit);
    diffRoles(b, a, emit);
    diffDataProtection(b, a, emit);
    diffLogging(b, a, emit);
    diffAcknowledgments(b, a, emit);
    diffFindings(b, a, emit);
  }
  return changes.sort((x, y) => RISK_ORDER.indexOf(y.risk) - RISK_ORDER.indexOf(x.risk)
    || compare(x.stack, y.stack) || compare(x.path, y.path) || compare(x.kind, y.kind) || compare(x.summary, y.summary));
}

function emptyStack(stack: string): StackInventory {
  return { stack, exposure: [], securityGroups: [], roles: [], dataProtection: [], logging: [], acknowledgments: [], findings: [] };
}

function byKey<T>(items: readonly T[], key: (t: T) => string): Map<string, T> {
  return new Map(items.map((i) => [key(i), i]));
}

function diffExposure(b: StackInventory, a: StackInventory, emit: Emit): void {
  const key = (e: { path: string; kind: string; subject: string }) => `${e.path}|${e.kind}|${e.subject}`;
  const was = byKey(b.exposure, key);
  const now = byKey(a.exposure, key);
  for (const [k, e] of now) {
    const old = was.get(k);
    const cross = e.kind.startsWith('cross-account');
    if (!old) {
      const actions = e.actions?.length ? `: ${e.actions.join(', ')}` : '';
      if (cross) emit('new-principals', 'high', e.path, `${e.subject} is granted access (${e.kind})${actions}`, undefined, e.detail);
      else emit('new-exposure', 'high', e.path, `${e.detail} (${e.kind} ${e.subject})${actions}`, undefined, e.detail);
      continue;
    }
    const added = (e.actions ?? []).filter((x) => !(old.actions ?? []).includes(x));
    if (added.length > 0) emit('new-actions', 'high', e.path, `${e.subject} (${e.kind}) may now also ${added.join(', ')}`, (old.actions ?? []).join(', '), (e.actions ?? []).join(', '));
  }
  for (const [k, e] of was) {
    if (!now.has(k)) emit('risk-reduced', 'none', e.path, `no longer exposed: ${e.detail} (${e.kind} ${e.subject})`, e.detail, undefined);
  }
}

function diffIngress(b: StackInventory, a: StackInventory, emit: Emit): void {
  const rules = (s: StackInventory) => new Map(s.securityGroups.flatMap((g) => g.ingress.map((r) => [`${g.path}|${r.ports}|${r.source}`, { path: g.path, ...r }] as const)));
  const was = rules(b);
  const now = rules(a);
  for (const [k, r] of now) {
    // Internet-wide sources are reported as exposure (per port), not once more per rule.
    if (was.has(k) || r.internetWide) continue;
    const risk: Risk = r.sensitivePort ? 'medium' : 'low';
    emit('widened-ingress', risk, r.path, `${r.ports} now admits ${r.source}${r.sensitivePort ? ` on an administration or database port: ${r.sensitivePort}` : ''}`, undefined, `${r.ports} from ${r.source}`);
  }
  for (const [k, r] of was) {
    if (!now.has(k) && !r.internetWide) emit('risk-reduced', 'none', r.path, `${r.ports} no longer admits ${r.source}`, `${r.ports} from ${r.source}`, undefined);
  }
}

function diffRoles(b: StackInventory, a: StackInventory, emit: Emit): void {
  const was = byKey(b.roles, (r) => r.path);
  for (const role of a.roles) {
    const old = was.get(role.path);
    const trusted = role.trustedBy.filter((t) => !(old?.trustedBy ?? []).includes(t));
    for (const t of trusted) {
      // Other accounts and everyone are exposure (see diffExposure); listed here are services, providers, own principals.
      if (t === 'everyone' || /^account:\d{12}$/.test(t)) continue;
      emit('new-principals', t.startsWith('federated:') ? 'high' : 'low', role.path, `${t} may now assume the role`, (old?.trustedBy ?? []).join(', '), role.trustedBy.join(', '));
    }
    if (old?.permissionsBoundary && !role.permissionsBoundary) {
      emit('new-actions', 'high', role.path, `permissions boundary ${old.permissionsBoundary} removed`, old.permissionsBoundary, undefined);
    }
    const oldGrants = new Set((old?.grants ?? []).flatMap((g) => g.actions.map((x) => `${x} on ${g.resource}`)));
    const oldPatterns = (resource: string) => (old?.grants ?? []).filter((g) => g.resource === resource).flatMap((g) => g.actions.filter((x) => x.includes('*')));
    const added: { action: string; resource: string }[] = [];
    for (const g of role.grants) {
      for (const x of g.actions) {
        // An action an old wildcard (kept as written) already granted is not new.
        if (!oldGrants.has(`${x} on ${g.resource}`) && !matchesAny(oldPatterns(g.resource), x)) added.push({ action: x, resource: g.resource });
      }
    }
    const managed = role.managedPolicies.filter((m) => !(old?.managedPolicies ?? []).includes(m));
    if (added.length > 0 || managed.length > 0) {
      const risks = added.map((x) => actionRisk(x.action, x.resource) as Risk).concat(managed.length > 0 ? ['high'] : []);
      const risk = risks.reduce<Risk>((m, r) => (RISK_ORDER.indexOf(r) > RISK_ORDER.indexOf(m) ? r : m), 'none');
      const byResource = new Map<string, string[]>();
      for (const x of added) byResource.set(x.resource, [...(byResource.get(x.resource) ?? []), x.action]);
      const parts = [...byResource].map(([resource, actions]) => `${actions.join(', ')} on ${resource}`)
        .concat(managed.map((m) => `managed policy ${m}`));
      emit('new-actions', risk, role.path, `${old ? 'role' : 'new role'} may now ${parts.join('; ')}`, undefined, parts.join('; '));
    }
    const newGrants = new Set(role.grants.flatMap((g) => g.actions.map((x) => `${x} on ${g.resource}`)));
    const removed = [...oldGrants].filter((g) => !newGrants.has(g));
    if (old && removed.length > 0) emit('risk-reduced', 'none', role.path, `role may no longer ${removed.join('; ')}`, removed.join('; '), undefined);
  }
}

const ENCRYPTION_RANK = (e: string): number => (e === 'none' ? 0 : e.startsWith('customer-managed') ? 3 : e.startsWith('aws-managed') ? 2 : 1);

function retentionDays(r: string | undefined): number | undefined {
  if (r === undefined) return undefined;
  if (r === 'never expires') return Number.POSITIVE_INFINITY;
  const m = /^(?:backups )?(\d+) (days|seconds)/.exec(r);
  return m ? Number(m[1]) : undefined;
}

function diffDataProtection(b: StackInventory, a: StackInventory, emit: Emit): void {
  const was = byKey(b.dataProtection, (d) => d.path);
  for (const d of a.dataProtection) {
    const old = was.get(d.path);
    if (!old) continue;
    const weakened = (kind: string, risk: Risk, what: string, from: string, to: string) => emit(kind, risk, d.path, `${what}: ${from} → ${to}`, from, to);
    const improved = (what: string, from: string, to: string) => emit('risk-reduced', 'none', d.path, `${what}: ${from} → ${to}`, from, to);
    if (old.encryption !== d.encryption) {
      if (d.type === 'AWS::KMS::Key') {
        if (d.encryption.endsWith('off')) weakened('encryption-weakened', 'medium', 'key rotation', old.encryption, d.encryption);
        else improved('key rotation', old.encryption, d.encryption);
      } else if (ENCRYPTION_RANK(d.encryption) < ENCRYPTION_RANK(old.encryption)) {
        weakened('encryption-weakened', d.encryption === 'none' ? 'high' : 'medium', 'encryption at rest', old.encryption, d.encryption);
      } else if (ENCRYPTION_RANK(d.encryption) > ENCRYPTION_RANK(old.encryption)) {
        improved('encryption at rest', old.encryption, d.encryption);
      }
    }
    if (old.tlsEnforced === true && d.tlsEnforced === false) weakened('encryption-weakened', 'medium', 'TLS enforcement', 'enforced', 'not enforced');
    if (old.tlsEnforced === false && d.tlsEnforced === true) improved('TLS enforcement', 'not enforced', 'enforced');
    if (old.versioning !== d.versioning && old.versioning !== undefined && d.versioning !== undefined) {
      if (old.versioning === 'Enabled') weakened('retention-weakened', 'medium', 'versioning', old.versioning, d.versioning);
      else if (d.versioning === 'Enabled') improved('versioning', old.versioning, d.versioning);
    }
    if (old.retention !== d.retention && old.retention !== undefined && d.retention !== undefined) {
      const from = retentionDays(old.retention);
      const to = retentionDays(d.retention);
      const lostProtection = (/deletion protection/.test(old.retention) && !/deletion protection/.test(d.retention))
        || (old.retention === 'point-in-time recovery' && d.retention !== old.retention);
      if (lostProtection || (from !== undefined && to !== undefined && to < from)) {
        const risk: Risk = lostProtection || (d.type !== 'AWS::Logs::LogGroup') || (to ?? 0) < 365 ? 'medium' : 'low';
        weakened('retention-weakened', risk, 'retention', old.retention, d.retention);
      } else {
        improved('retention', old.retention, d.retention);
      }
    }
    if (old.deletionPolicy !== d.deletionPolicy) {
      if (d.deletionPolicy === 'Delete') weakened('retention-weakened', 'medium', 'deletion policy', old.deletionPolicy, d.deletionPolicy);
      else if (old.deletionPolicy === 'Delete') improved('deletion policy', old.deletionPolicy, d.deletionPolicy);
    }
  }
}

const DETECTION_KINDS = new Set(['trail', 'flow-log', 'guardduty', 'security-hub', 'config-recorder']);

function diffLogging(b: StackInventory, a: StackInventory, emit: Emit): void {
  const key = (l: { path: string; kind: string }) => `${l.path}|${l.kind}`;
  const was = byKey(b.logging, key);
  const now = byKey(a.logging, key);
  const off = (s: string | undefined) => s === undefined || s === 'off';
  for (const [k, old] of was) {
    const l = now.get(k);
    if (off(old.state)) {
      if (l && !off(l.state)) emit('risk-reduced', 'none', l.path, `${l.kind} on`, old.state, l.state);
      continue;
    }
    // A removed resource ends its access logs with it; trails, flow logs and detectors are reported.
    if (!l && !DETECTION_KINDS.has(old.kind)) continue;
    if (!l || off(l.state)) {
      emit('logging-off', old.kind === 'access-logs' || old.kind === 'flow-log' ? 'medium' : 'high', old.path, `${old.kind} ${l ? 'turned off' : 'removed'}`, old.state, l?.state ?? 'removed');
    } else if (old.kind === 'trail' && l.state !== old.state && /single-region|not validated/.test(l.state) && !/single-region|not validated/.test(old.state)) {
      emit('logging-off', 'medium', l.path, `trail narrowed: ${old.state} → ${l.state}`, old.state, l.state);
    }
  }
}

function diffAcknowledgments(b: StackInventory, a: StackInventory, emit: Emit): void {
  const key = (x: { path: string; namespace: string; ruleId: string }) => `${x.path}|${x.namespace}|${x.ruleId}`;
  const was = byKey(b.acknowledgments, key);
  const now = byKey(a.acknowledgments, key);
  for (const [k, x] of now) {
    const old = was.get(k);
    if (!old) emit('acknowledgment-added', 'low', x.path, `${x.ruleId} acknowledged: ${x.reason}`, undefined, x.reason);
    else if (old.reason !== x.reason) emit('acknowledgment-changed', 'low', x.path, `${x.ruleId} acknowledged with a new reason: ${x.reason}`, old.reason, x.reason);
  }
  for (const [k, x] of was) if (!now.has(k)) emit('acknowledgment-removed', 'none', x.path, `${x.ruleId} no longer acknowledged`, x.reason, undefined);
}

function diffFindings(b: StackInventory, a: StackInventory, emit: Emit): void {
  const key = (f: { path: string; ruleId: string; description: string }) => `${f.path}|${f.ruleId}|${f.description}`;
  const was = byKey(b.findings, key);
  const now = byKey(a.findings, key);
  for (const [k, f] of now) {
    if (!was.has(k)) emit('finding-appeared', f.severity === 'warning' ? 'low' : 'high', f.path, `${f.severity} ${f.ruleId}: ${f.description}`, undefined, f.severity);
  }
  for (const [k, f] of was) if (!now.has(k)) emit('finding-disappeared', 'none', f.path, `${f.ruleId} no longer reported: ${f.description}`, f.severity, undefined);
}

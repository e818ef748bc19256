/**
 * The security inventory: a stable, sorted, hash-free description of what matters to a security
 * reviewer, per stack and construct path. Every judgment (public, cross-account, internet-wide,
 * action expansion, admin equivalence) comes from `src/analysis/`; this module only collects facts.
 */
import {
  accessLevel, adminEquivalentReasons, canonicalAction, expandActionsDetailed, formatCidr, internetWidePorts, IngressRuleInput,
  isCrossAccount, isPublicStatement, normalizePolicy, normalizeProtocol, parseCidr,
} from '../analysis';
import { AssemblyContents, AssemblyStack, compare } from './assembly-reader';
import { ADMIN_AND_DATABASE_PORTS } from '../core/sensitive-ports';
import { iamPolicyDocuments, statementsOf } from '../nag/template/policy-document';
import { resourcePolicyDocuments } from '../nag/template/resource-policies';
import { StackTemplate } from '../nag/template/stack-template';

/** Internet-wide or cross-account reach of one resource. */
export interface ExposureFact {
  readonly path: string;
  /** `internet-ingress`, `public-policy`, `cross-account-policy`, `cross-account-trust`, `public-trust`, `internet-facing`, `public-ip-on-launch`. */
  readonly kind: string;
  /** What is reachable: ports (`tcp 443 ipv4`), accounts, or the resource's type. */
  readonly subject: string;
  /** Actions granted, for policies. */
  readonly actions?: string[];
  readonly detail: string;
}

export interface IngressRuleFact {
  /** `tcp 5432`, `udp 53`, `all`. */
  readonly ports: string;
  /** CIDR, security group path, or prefix list. */
  readonly source: string;
  readonly internetWide: boolean;
  readonly sensitivePort?: string;
}

export interface SecurityGroupFact {
  readonly path: string;
  readonly ingress: IngressRuleFact[];
}

export interface RoleFact {
  readonly path: string;
  /** Who can assume it: `service:lambda.amazonaws.com`, `account:123456789012`, `federated:...`, `everyone`. */
  readonly trustedBy: string[];
  readonly permissionsBoundary?: string;
  /** AWS-managed and imported policies by ARN. */
  readonly managedPolicies: string[];
  /** Granted actions (wildcards expanded where the catalogue knows them) per resource. */
  readonly grants: GrantFact[];
}

export interface GrantFact {
  readonly resource: string;
  readonly actions: string[];
}

export interface DataProtectionFact {
  readonly path: string;
  readonly type: string;
  /** `none`, `aws-managed`, `customer-managed <key path>`, `AES256`. */
  readonly encryption: string;
  /** Stated only where it applies: `true` when a policy denies non-TLS requests. */
  readonly tlsEnforced?: boolean;
  readonly versioning?: string;
  /** Log retention in days, `never expires`, backup retention, or point-in-time recovery. */
  readonly retention?: string;
  readonly deletionPolicy: string;
}

export interface LoggingFact {
  readonly path: string;
  /** `trail`, `flow-log`, `access-logs`, `guardduty`, `security-hub`, `config-recorder`. */
  readonly kind: string;
  /** `on`, `off`, or details such as `multi-region, validated`. */
  readonly state: string;
}

export interface AcknowledgmentFact {
  readonly path: string;
  /** `Annotation` (plain id) or a plugin's namespace. */
  readonly namespace: string;
  readonly pack: string;
  readonly ruleId: string;
  readonly reason: string;
}

export interface FindingFact {
  readonly path: string;
  readonly pack: string;
  readonly ruleId: string;
  readonly severity: string;
  readonly description: string;
}

export interface StackInventory {
  readonly stack: string;
  readonly exposure: ExposureFact[];
  readonly securityGroups: SecurityGroupFact[];
  readonly roles: RoleFact[];
  readonly dataProtection: DataProtectionFact[];
  readonly logging: LoggingFact[];
  readonly acknowledgments: AcknowledgmentFact[];
  readonly findings: FindingFact[];
}

export interface Inventory {
  readonly stacks: StackInventory[];
  /** Construct path → `file:line` where it was created (not part of the JSON: it changes with unrelated edits). */
  readonly sources: ReadonlyMap<string, string>;
}

/** Wildcards expanding to more actions than this are listed as written. */
const MAX_EXPANSION = 100;

const KNOWN_PACKS = ['AwsSolutions', 'HIPAA.Security', 'NIST.800.53.R4', 'NIST.800.53.R5', 'PCI.DSS.321', 'Serverless', 'Fortress'];

/** Builds the inventory of every stack of an assembly. */
export function buildInventory(contents: AssemblyContents): Inventory {
  const sources = new Map<string, string>();
  const stacks = contents.stacks.map((stack) => {
    for (const [k, v] of stack.sources) sources.set(k, v);
    return stackInventory(stack, contents);
  });
  return { stacks, sources };
}

function stackInventory(stack: AssemblyStack, contents: AssemblyContents): StackInventory {
  const t = new Template(stack);
  const stackPrefix = `${stack.constructPath}/`;
  const under = (p: string) => p === stack.constructPath || p.startsWith(stackPrefix);
  // Nested stacks are listed separately: leave their paths to them.
  const nested = contents.stacks.filter((s) => s !== stack && s.constructPath.startsWith(stackPrefix)).map((s) => `${s.constructPath}/`);
  const own = (p: string) => under(p) && !nested.some((n) => p.startsWith(n));
  return {
    stack: stack.name,
    ...t.exposureAndGroups(),
    roles: t.roles(),
    dataProtection: t.dataProtection(),
    logging: t.logging(),
    acknowledgments: stack.acknowledgments.map((a) => ({
      path: a.constructPath,
      namespace: a.namespace,
      pack: KNOWN_PACKS.filter((p) => a.ruleId.startsWith(`${p}-`)).sort((x, y) => y.length - x.length)[0] ?? (a.namespace === 'Annotation' ? 'Annotation' : a.namespace),
      ruleId: a.ruleId,
      reason: a.reason,
    })).sort((a, b) => compare(a.path, b.path) || compare(a.ruleId, b.ruleId) || compare(a.namespace, b.namespace)),
    findings: contents.findings.filter((f) => own(f.constructPath)).map((f) => ({
      path: f.constructPath, pack: f.pack, ruleId: f.ruleId, severity: f.severity, description: f.description,
    })).sort((a, b) => compare(a.path, b.path) || compare(a.ruleId, b.ruleId) || compare(a.description, b.description)),
  };
}

const STATEFUL_ENCRYPTION: Record<string, (p: any) => { enabled: boolean | undefined; key: unknown; algorithm?: string }> = {
  'AWS::S3::Bucket': (p) => {
    const rule = p.BucketEncryption?.ServerSideEncryptionConfiguration?.[0]?.ServerSideEncryptionByDefault;
    // S3 encrypts every object with SSE-S3 since January 2023.
    return { enabled: true, key: rule?.KMSMasterKeyID, algorithm: rule?.SSEAlgorithm ?? 'AES256' };
  },
  'AWS::Logs::LogGroup': (p) => ({ enabled: true, key: p.KmsKeyId, algorithm: p.KmsKeyId ? 'aws:kms' : 'aws-owned' }),
  'AWS::SNS::Topic': (p) => ({ enabled: p.KmsMasterKeyId !== undefined, key: p.KmsMasterKeyId }),
  'AWS::SQS::Queue': (p) => ({ enabled: p.KmsMasterKeyId !== undefined || p.SqsManagedSseEnabled !== false, key: p.KmsMasterKeyId, algorithm: p.KmsMasterKeyId ? 'aws:kms' : 'SQS-managed' }),
  'AWS::RDS::DBInstance': (p) => ({ enabled: p.StorageEncrypted === true || p.StorageEncrypted === 'true' || p.DBClusterIdentifier !== undefined, key: p.KmsKeyId }),
  'AWS::RDS::DBCluster': (p) => ({ enabled: p.StorageEncrypted === true || p.StorageEncrypted === 'true', key: p.KmsKeyId }),
  'AWS::DynamoDB::Table': (p) => ({ enabled: true, key: p.SSESpecification?.KMSMasterKeyId, algorithm: p.SSESpecification?.SSEEnabled ? 'aws:kms' : 'aws-owned' }),
  'AWS::EC2::Volume': (p) => ({ enabled: p.Encrypted === true || p.Encrypted === 'true', key: p.KmsKeyId }),
  'AWS::EFS::FileSystem': (p) => ({ enabled: p.Encrypted === true || p.Encrypted === 'true', key: p.KmsKeyId }),
  'AWS::SecretsManager::Secret': (p) => ({ enabled: true, key: p.KmsKeyId, algorithm: p.KmsKeyId ? 'aws:kms' : 'aws-managed' }),
  'AWS::Kinesis::Stream': (p) => ({ enabled: p.StreamEncryption !== undefined, key: p.StreamEncryption?.KeyId }),
  'AWS::CloudTrail::Trail': (p) => ({ enabled: true, key: p.KMSKeyId, algorithm: p.KMSKeyId ? 'aws:kms' : 'SSE-S3' }),
  'AWS::Backup::BackupVault': (p) => ({ enabled: true, key: p.EncryptionKeyArn, algorithm: p.EncryptionKeyArn ? 'aws:kms' : 'aws-managed' }),
  'AWS::KMS::Key': () => ({ enabled: true, key: undefined, algorithm: 'kms' }),
};

/** A template with values rendered through construct paths instead of (hashed) logical ids. */
class Template {
  private readonly resources: [string, any][];
  private readonly statementOwner = new StackTemplate('', {}, new Map());
  constructor(private readonly stack: AssemblyStack) {
    this.resources = Object.entries<any>(stack.template.Resources ?? {}).filter(([, r]) => r && typeof r === 'object');
  }

  private path(logicalId: string): string {
    return this.stack.paths.get(logicalId) ?? logicalId;
  }

  private get ownAccount(): unknown {
    return this.stack.account ?? { Ref: 'AWS::AccountId' };
  }

  /** A template value as text, references shown as construct paths (`${Workload/Bucket.Arn}`). */
  public render(value: unknown): string {
    if (typeof value === 'string') return value;
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    if (Array.isArray(value)) return value.map((v) => this.render(v)).join(', ');
    if (value === null || typeof value !== 'object') return '';
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length !== 1) return JSON.stringify(value);
    const [key, arg] = entries[0];
    if (key === 'Ref') return typeof arg === 'string' ? `\${${arg.startsWith('AWS::') ? arg : this.path(arg)}}` : '${?}';
    if (key === 'Fn::GetAtt') {
      const [id, attr] = Array.isArray(arg) ? arg : String(arg).split('.');
      return `\${${this.path(String(id))}.${this.render(attr)}}`;
    }
    if (key === 'Fn::Join' && Array.isArray(arg) && Array.isArray(arg[1])) return arg[1].map((v: unknown) => this.render(v)).join(String(arg[0]));
    if (key === 'Fn::Sub') {
      const [template, vars] = Array.isArray(arg) ? [arg[0], arg[1] ?? {}] : [arg, {}];
      return String(template).replace(/\$\{([^}!]*)\}/g, (_m, name: string) => (name in vars ? this.render(vars[name])
        : name.startsWith('AWS::') ? `\${${name}}` : `\${${this.path(name.split('.')[0])}${name.includes('.') ? `.${name.split('.').slice(1).join('.')}` : ''}}`));
    }
    if (key === 'Fn::ImportValue') return `\${Import:${this.render(arg)}}`;
    return `\${${key}}`;
  }

  /** The logical id a Ref / GetAtt points at. */
  private target(value: any): string | undefined {
    if (value && typeof value === 'object') {
      if (typeof value.Ref === 'string') return value.Ref;
      const g = value['Fn::GetAtt'];
      if (Array.isArray(g)) return String(g[0]);
      if (typeof g === 'string') return g.split('.')[0];
    }
    return undefined;
  }

  private keyDescription(key: unknown): string {
    if (key === undefined || key === null) return '';
    const id = this.target(key);
    if (id && this.stack.template.Resources?.[id]?.Type === 'AWS::KMS::Key') return `customer-managed ${this.path(id)}`;
    const text = this.render(key);
    return /alias\/aws\//.test(text) ? `aws-managed ${text}` : `customer-managed ${text}`;
  }

  public exposureAndGroups(): { exposure: ExposureFact[]; securityGroups: SecurityGroupFact[] } {
    const exposure: ExposureFact[] = [];
    // Security groups: inline rules plus standalone ingress resources.
    const rules = new Map<string, IngressRuleInput[]>();
    for (const [id, r] of this.resources) {
      if (r.Type === 'AWS::EC2::SecurityGroup') rules.set(id, [...(rules.get(id) ?? []), ...asArray(r.Properties?.SecurityGroupIngress)]);
      if (r.Type === 'AWS::EC2::SecurityGroupIngress') {
        const group = this.target(r.Properties?.GroupId) ?? this.render(r.Properties?.GroupId ?? r.Properties?.GroupName);
        rules.set(group, [...(rules.get(group) ?? []), r.Properties ?? {}]);
      }
    }
    const securityGroups: SecurityGroupFact[] = [];
    for (const [id, list] of rules) {
      const path = this.path(id);
      const wide = internetWidePorts(list).wide;
      const ingress = dedupe(list.map((rule) => this.ingressRule(rule)), (r) => `${r.ports}|${r.source}`)
        .sort((a, b) => compare(a.ports, b.ports) || compare(a.source, b.source));
      securityGroups.push({ path, ingress });
      for (const w of wide) {
        const ports = w.fromPort < 0 ? `${w.protocol}` : w.fromPort === w.toPort ? `${w.protocol} ${w.fromPort}` : `${w.protocol} ${w.fromPort}-${w.toPort}`;
        exposure.push({ path, kind: 'internet-ingress', subject: `${ports} ${w.family}`, detail: `${ports} is reachable from ${Math.round(w.coverage * 100)}% of the public ${w.family} internet` });
      }
    }
    for (const [id, r] of this.resources) {
      const path = this.path(id);
      const p = r.Properties ?? {};
      const resource = { logicalId: id, type: String(r.Type), properties: p, template: this.statementOwner };
      for (const doc of this.safe(() => resourcePolicyDocuments(resource))) {
        for (const s of this.safe(() => statementsOf(doc))) {
          if (s.Effect !== 'Allow') continue;
          const actions = this.actionsOf(s.Action ?? (s.NotAction ? ['NotAction'] : []));
          const pub = isPublicStatement(s);
          if (pub.public) {
            exposure.push({ path, kind: 'public-policy', subject: 'everyone', actions, detail: pub.reason.split(';')[0] });
            continue;
          }
          const cross = isCrossAccount(s, this.ownAccount);
          for (const account of cross.foreignAccounts) {
            exposure.push({ path, kind: 'cross-account-policy', subject: `account ${account}`, actions, detail: `the resource policy grants account ${account}` });
          }
        }
      }
      if (r.Type === 'AWS::ElasticLoadBalancingV2::LoadBalancer' || r.Type === 'AWS::ElasticLoadBalancing::LoadBalancer') {
        if (p.Scheme !== 'internal') exposure.push({ path, kind: 'internet-facing', subject: String(r.Type), detail: 'internet-facing load balancer' });
      }
      if (r.Type === 'AWS::EC2::Subnet' && (p.MapPublicIpOnLaunch === true || p.MapPublicIpOnLaunch === 'true')) {
        exposure.push({ path, kind: 'public-ip-on-launch', subject: 'AWS::EC2::Subnet', detail: 'instances launched here get a public IP address' });
      }
      if (r.Type === 'AWS::EC2::Instance' && asArray(p.NetworkInterfaces).some((n: any) => n?.AssociatePublicIpAddress === true || n?.AssociatePublicIpAddress === 'true')) {
        exposure.push({ path, kind: 'internet-facing', subject: 'AWS::EC2::Instance', detail: 'instance with a public IP address' });
      }
      if (r.Type === 'AWS::IAM::Role') {
        for (const who of this.trustedBy(p.AssumeRolePolicyDocument)) {
          if (who === 'everyone') exposure.push({ path, kind: 'public-trust', subject: 'everyone', detail: 'any AWS principal may assume the role' });
          else if (/^account:\d{12}$/.test(who)) exposure.push({ path, kind: 'cross-account-trust', subject: `account ${who.slice(8)}`, detail: `account ${who.slice(8)} may assume the role` });
        }
      }
    }
    return {
      exposure: dedupe(exposure, (e) => `${e.path}|${e.kind}|${e.subject}|${(e.actions ?? []).join(',')}`)
        .sort((a, b) => compare(a.path, b.path) || compare(a.kind, b.kind) || compare(a.subject, b.subject)),
      securityGroups: securityGroups.sort((a, b) => compare(a.path, b.path)),
    };
  }

  private ingressRule(rule: IngressRuleInput): IngressRuleFact {
    const protocol = normalizeProtocol(rule.IpProtocol) ?? this.render(rule.IpProtocol);
    const from = Number(rule.FromPort);
    const to = Number(rule.ToPort);
    const ports = protocol === 'all' || !Number.isFinite(from) || from < 0 ? protocol
      : from === to || !Number.isFinite(to) ? `${protocol} ${from}` : `${protocol} ${from}-${to}`;
    let source: string;
    let internetWide = false;
    if (rule.CidrIp !== undefined || rule.CidrIpv6 !== undefined) {
      const cidr = rule.CidrIp ?? rule.CidrIpv6;
      const parsed = parseCidr(cidr);
      source = parsed ? formatCidr(parsed) : this.render(cidr);
      internetWide = internetWidePorts([{ ...rule, IpProtocol: rule.IpProtocol }]).wide.length > 0;
    } else if (rule.SourceSecurityGroupId !== undefined) {
      source = `security group ${this.render(rule.SourceSecurityGroupId).replace(/^\$\{(.*)\.GroupId\}$/, '$1')}`;
    } else if (rule.SourcePrefixListId !== undefined) {
      source = `prefix list ${this.render(rule.SourcePrefixListId)}`;
    } else {
      source = `security group ${this.render(rule.SourceSecurityGroupName)}`;
    }
    const sensitive = sensitivePort(protocol, from, to);
    return { ports, source, internetWide, ...(sensitive ? { sensitivePort: sensitive } : {}) };
  }

  private safe<T>(fn: () => T[]): T[] {
    try {
      return fn();
    } catch {
      return [];
    }
  }

  /**
   * Actions as AWS spells them, wildcards expanded against the catalogue; a pattern expanding to more
   * than {@link MAX_EXPANSION} actions (`*`, `ec2:*`) is kept as written, and so is one matching nothing.
   */
  private actionsOf(patterns: unknown): string[] {
    const out = new Set<string>();
    for (const pattern of asArray(patterns)) {
      if (typeof pattern !== 'string') {
        out.add(this.render(pattern));
        continue;
      }
      const { actions } = expandActionsDetailed([pattern]);
      if (actions.size === 0 || actions.size > MAX_EXPANSION) out.add(pattern);
      else for (const a of actions) out.add(canonicalAction(a));
    }
    return [...out].sort(compare);
  }

  private trustedBy(document: unknown): string[] {
    const out = new Set<string>();
    for (const s of this.safe(() => normalizePolicy(document))) {
      if (s.effect !== 'Allow') continue;
      if (s.notPrincipals !== undefined) out.add('everyone');
      for (const p of s.principals ?? []) {
        if (p.kind === '*' || (p.kind === 'AWS' && p.value === '*')) {out.add('everyone');} else if (p.kind === 'Service') {out.add(`service:${this.render(p.value)}`);} else if (p.kind === 'Federated') {out.add(`federated:${this.render(p.value)}`);} else if (p.kind === 'AWS') {
          const cross = isCrossAccount({ Effect: 'Allow', Principal: { AWS: p.value }, Action: 'sts:AssumeRole' }, this.ownAccount);
          if (cross.foreignAccounts.length > 0) for (const a of cross.foreignAccounts) out.add(`account:${a}`);
          else out.add(`principal:${this.render(p.value)}`);
        }
      }
    }
    return [...out].sort(compare);
  }

  public roles(): RoleFact[] {
    const byRole = new Map<string, Map<string, Set<string>>>();
    const grant = (roleId: string, document: unknown) => {
      const grants = byRole.get(roleId) ?? new Map<string, Set<string>>();
      byRole.set(roleId, grants);
      for (const s of this.safe(() => statementsOf(document))) {
        if (s.Effect !== 'Allow') continue;
        const actions = s.NotAction ? [`NotAction ${this.render(s.NotAction)}`] : this.actionsOf(s.Action);
        const resources = s.NotResource ? [`NotResource ${this.render(s.NotResource)}`] : asArray(s.Resource).map((x) => this.render(x));
        for (const resource of resources.length ? resources : ['*']) {
          const set = grants.get(resource) ?? new Set<string>();
          actions.forEach((a) => set.add(a));
          grants.set(resource, set);
        }
      }
    };
    const roleIds = this.resources.filter(([, r]) => r.Type === 'AWS::IAM::Role').map(([id]) => id);
    for (const id of roleIds) byRole.set(id, new Map());
    for (const [id, r] of this.resources) {
      const p = r.Properties ?? {};
      if (r.Type === 'AWS::IAM::Role') for (const doc of iamPolicyDocuments(r.Type, p)) grant(id, doc);
      if (r.Type === 'AWS::IAM::Policy' || r.Type === 'AWS::IAM::ManagedPolicy' || r.Type === 'AWS::IAM::RolePolicy') {
        const roles = r.Type === 'AWS::IAM::RolePolicy' ? [p.RoleName] : asArray(p.Roles);
        for (const role of roles) {
          const target = this.target(role);
          if (target && roleIds.includes(target)) grant(target, p.PolicyDocument);
        }
      }
    }
    return roleIds.map((id) => {
      const p = this.stack.template.Resources[id].Properties ?? {};
      const managed: string[] = [];
      for (const arn of asArray(p.ManagedPolicyArns)) {
        const target = this.target(arn);
        const policy = target ? this.stack.template.Resources?.[target] : undefined;
        if (policy?.Type === 'AWS::IAM::ManagedPolicy') grant(id, policy.Properties?.PolicyDocument);
        else managed.push(this.render(arn));
      }
      const grants = [...(byRole.get(id) ?? new Map()).entries()]
        .map(([resource, actions]) => ({ resource, actions: [...actions].sort(compare) }))
        .sort((a, b) => compare(a.resource, b.resource));
      return {
        path: this.path(id),
        trustedBy: this.trustedBy(p.AssumeRolePolicyDocument),
        ...(p.PermissionsBoundary ? { permissionsBoundary: this.render(p.PermissionsBoundary) } : {}),
        managedPolicies: managed.sort(compare),
        grants,
      };
    }).sort((a, b) => compare(a.path, b.path));
  }

  public dataProtection(): DataProtectionFact[] {
    const tlsDenied = new Set<string>();
    for (const [, r] of this.resources) {
      if (!['AWS::S3::BucketPolicy', 'AWS::SNS::TopicPolicy', 'AWS::SQS::QueuePolicy'].includes(r.Type)) continue;
      const denies = this.safe(() => normalizePolicy(r.Properties?.PolicyDocument)).some((s) => s.effect === 'Deny'
        && s.conditions.some((c) => c.key === 'aws:securetransport' && c.operator === 'Bool' && c.values.map(String).includes('false')));
      if (!denies) continue;
      const targets = [r.Properties?.Bucket, ...asArray(r.Properties?.Topics), ...asArray(r.Properties?.Queues)];
      for (const t of targets) {
        const id = this.target(t);
        if (id) tlsDenied.add(id);
      }
    }
    const out: DataProtectionFact[] = [];
    for (const [id, r] of this.resources) {
      const describe = STATEFUL_ENCRYPTION[r.Type];
      if (!describe) continue;
      const p = r.Properties ?? {};
      const e = describe(p);
      const encryption = !e.enabled ? 'none'
        : e.key !== undefined ? this.keyDescription(e.key)
          : e.algorithm === 'aws:kms' ? 'aws-managed aws/kms' : e.algorithm ?? 'aws-managed';
      const fact: Record<string, unknown> = { path: this.path(id), type: r.Type, encryption };
      if (['AWS::S3::Bucket', 'AWS::SNS::Topic', 'AWS::SQS::Queue'].includes(r.Type)) fact.tlsEnforced = tlsDenied.has(id);
      if (r.Type === 'AWS::S3::Bucket') fact.versioning = p.VersioningConfiguration?.Status ?? 'off';
      if (r.Type === 'AWS::KMS::Key') fact.encryption = `key rotation ${p.EnableKeyRotation === true || p.EnableKeyRotation === 'true' ? 'on' : 'off'}`;
      const retention = this.retention(r.Type, p);
      if (retention !== undefined) fact.retention = retention;
      fact.deletionPolicy = String(r.DeletionPolicy ?? 'Delete');
      out.push(fact as unknown as DataProtectionFact);
    }
    return out.sort((a, b) => compare(a.path, b.path));
  }

  private retention(type: string, p: any): string | undefined {
    switch (type) {
      case 'AWS::Logs::LogGroup': return p.RetentionInDays === undefined ? 'never expires' : `${p.RetentionInDays} days`;
      case 'AWS::RDS::DBInstance':
      case 'AWS::RDS::DBCluster': return `backups ${p.BackupRetentionPeriod ?? 1} days${p.DeletionProtection === true || p.DeletionProtection === 'true' ? ', deletion protection' : ''}`;
      case 'AWS::DynamoDB::Table': return p.PointInTimeRecoverySpecification?.PointInTimeRecoveryEnabled ? 'point-in-time recovery' : 'no point-in-time recovery';
      case 'AWS::SQS::Queue': return p.MessageRetentionPeriod === undefined ? undefined : `${p.MessageRetentionPeriod} seconds`;
      case 'AWS::KMS::Key': return p.PendingWindowInDays === undefined ? undefined : `${p.PendingWindowInDays} days pending deletion`;
      default: return undefined;
    }
  }

  public logging(): LoggingFact[] {
    const out: LoggingFact[] = [];
    const bool = (v: unknown) => v === true || v === 'true';
    for (const [id, r] of this.resources) {
      const p = r.Properties ?? {};
      const path = this.path(id);
      switch (r.Type) {
        case 'AWS::CloudTrail::Trail':
          out.push({
            path,
            kind: 'trail',
            state: !bool(p.IsLogging) ? 'off' : ['on', bool(p.IsMultiRegionTrail) ? 'multi-region' : 'single-region',
              bool(p.EnableLogFileValidation) ? 'validated' : 'not validated', bool(p.IsOrganizationTrail) ? 'organization' : ''].filter(Boolean).join(', '),
          });
          break;
        case 'AWS::EC2::FlowLog':
          out.push({ path, kind: 'flow-log', state: `on (${p.TrafficType ?? 'ALL'} of ${this.render(p.ResourceId)})` });
          break;
        case 'AWS::S3::Bucket':
          out.push({ path, kind: 'access-logs', state: p.LoggingConfiguration ? `on (to ${p.LoggingConfiguration.DestinationBucketName ? this.render(p.LoggingConfiguration.DestinationBucketName) : 'this bucket'})` : 'off' });
          break;
        case 'AWS::GuardDuty::Detector':
          out.push({ path, kind: 'guardduty', state: bool(p.Enable) ? 'on' : 'off' });
          break;
        case 'AWS::SecurityHub::Hub':
          out.push({ path, kind: 'security-hub', state: 'on' });
          break;
        case 'AWS::Config::ConfigurationRecorder':
          out.push({ path, kind: 'config-recorder', state: 'on' });
          break;
        case 'AWS::ElasticLoadBalancingV2::LoadBalancer': {
          const logs = asArray(p.LoadBalancerAttributes).find((a: any) => a?.Key === 'access_logs.s3.enabled');
          out.push({ path, kind: 'access-logs', state: logs && bool(logs.Value) ? 'on' : 'off' });
          break;
        }
        default:
      }
    }
    return out.sort((a, b) => compare(a.path, b.path) || compare(a.kind, b.kind));
  }
}

function asArray(value: unknown): any[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

function dedupe<T>(items: T[], key: (t: T) => string): T[] {
  const seen = new Map<string, T>();
  for (const item of items) if (!seen.has(key(item))) seen.set(key(item), item);
  return [...seen.values()];
}

/** The administration or database service behind a port range, when it includes one. */
function sensitivePort(protocol: string, from: number, to: number): string | undefined {
  const lo = Number.isFinite(from) && from >= 0 ? from : 0;
  const hi = Number.isFinite(to) && to >= 0 ? to : 65535;
  const hit = ADMIN_AND_DATABASE_PORTS.find(([proto, port]) => (protocol === 'all' || proto === protocol) && port >= lo && port <= hi);
  return hit ? `${hit[2]} (${hit[0]} ${hit[1]})` : undefined;
}

/** The access level that makes a new action risky: administrator-equivalent, permissions management, write. */
export function actionRisk(action: string, resource: string): 'high' | 'medium' | 'low' {
  if (adminEquivalentReasons([action], [resource]).length > 0) return 'high';
  const level = accessLevel(action);
  if (level === 'Permissions management' || action.startsWith('NotAction')) return 'high';
  if (level === 'Write' || level === 'Tagging' || level === undefined) return 'medium';
  return 'low';
}

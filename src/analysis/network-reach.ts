/**
 * Which ports are reachable from where, for security-group ingress rules and network ACL entries, as
 * CloudFormation receives them. Per protocol and port, the source addresses of all rules are united
 * (IPv4 and IPv6 separately); a port is internet-wide when that union covers at least half of the
 * public address space (see `cidr.ts` for the exact definition). Sources that cannot be judged
 * (prefix lists, CIDRs given as parameters, malformed CIDRs) are returned as `unknowable`.
 */
import { AddressRange, intersectRanges, IpFamily, normalizeRanges, parseCidr, PUBLIC_IPV4, PUBLIC_IPV6, publicCoverage, RangeSet, rangeSize, subtractRanges } from './cidr';
import { isIntrinsic } from './intrinsics';

/** `AWS::EC2::SecurityGroup` `SecurityGroupIngress` item or `AWS::EC2::SecurityGroupIngress` properties. */
export interface IngressRuleInput {
  readonly IpProtocol?: unknown;
  readonly FromPort?: unknown;
  readonly ToPort?: unknown;
  readonly CidrIp?: unknown;
  readonly CidrIpv6?: unknown;
  readonly SourcePrefixListId?: unknown;
  readonly SourceSecurityGroupId?: unknown;
  readonly SourceSecurityGroupName?: unknown;
}

/** `AWS::EC2::NetworkAclEntry` properties. */
export interface NetworkAclEntryInput {
  readonly RuleNumber?: unknown;
  readonly Protocol?: unknown;
  readonly RuleAction?: unknown;
  readonly Egress?: unknown;
  readonly CidrBlock?: unknown;
  readonly Ipv6CidrBlock?: unknown;
  readonly PortRange?: { readonly From?: unknown; readonly To?: unknown };
  readonly Icmp?: { readonly Code?: unknown; readonly Type?: unknown };
}

/**
 * `tcp`, `udp`, `icmp` (ports are ICMP types), `icmpv6`, `all` (protocol -1), or another protocol
 * number as a string (no ports: from/to are -1).
 */
export type Protocol = string;

/** Sources of one protocol, family and contiguous port range. */
export interface PortSegment {
  readonly protocol: Protocol;
  readonly family: IpFamily;
  readonly fromPort: number;
  readonly toPort: number;
  readonly sources: RangeSet;
  /** Fraction (0..1) of the family's public address space the sources cover. */
  readonly coverage: number;
}

/** A rule whose reach cannot be judged from the template. */
export interface UnknowableSource {
  readonly kind: 'prefixList' | 'intrinsicCidr' | 'invalidCidr' | 'invalidProtocol' | 'intrinsicPorts';
  readonly detail: string;
  readonly rule: unknown;
}

export interface Reach {
  readonly segments: PortSegment[];
  readonly unknowable: UnknowableSource[];
}

/** A port range reachable from most of the internet. */
export interface WidePorts {
  readonly protocol: Protocol;
  readonly family: IpFamily;
  readonly fromPort: number;
  readonly toPort: number;
  /** Smallest coverage over the range (0..1). */
  readonly coverage: number;
}

/** Internet-wide port ranges and the rules that could not be judged (report them as warnings). */
export interface WideReach {
  readonly wide: WidePorts[];
  readonly unknowable: UnknowableSource[];
}

export interface WideOptions {
  /** Share of the public address space that counts as internet-wide. @default 0.5 */
  readonly threshold?: number;
}

interface Entry {
  readonly protocol: Protocol;
  readonly family: IpFamily;
  readonly from: number;
  readonly to: number;
  readonly range?: AddressRange;
  readonly deny?: boolean;
}

const NAMES: Record<string, Protocol> = { '-1': 'all', 'all': 'all', '6': 'tcp', 'tcp': 'tcp', '17': 'udp', 'udp': 'udp', '1': 'icmp', 'icmp': 'icmp', '58': 'icmpv6', 'icmpv6': 'icmpv6' };

/** Normalizes a protocol name or number; `undefined` when invalid. */
export function normalizeProtocol(value: unknown): Protocol | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const text = String(value).trim().toLowerCase();
  if (NAMES[text]) return NAMES[text];
  return /^\d{1,3}$/.test(text) && Number(text) <= 255 ? String(Number(text)) : undefined;
}

/** The ports a protocol has: [0, 65535] for tcp/udp, [0, 255] ICMP types, [-1, -1] for others. */
export function portDomain(protocol: Protocol): [number, number] {
  if (protocol === 'tcp' || protocol === 'udp') return [0, 65535];
  if (protocol === 'icmp' || protocol === 'icmpv6') return [0, 255];
  return [-1, -1];
}

function toPort(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'string' && /^-?\d+$/.test(value.trim())) return Number(value);
  return undefined;
}

/** A port range within the protocol's domain; -1 / missing mean all; intrinsics mean all (and are reported). */
function portRange(protocol: Protocol, from: unknown, to: unknown, rule: unknown, unknowable: UnknowableSource[]): [number, number] {
  const [lo, hi] = portDomain(protocol);
  if (lo < 0) return [lo, hi];
  if (isIntrinsic(from) || isIntrinsic(to)) {
    unknowable.push({ kind: 'intrinsicPorts', detail: 'ports given by a parameter or reference; judged as all ports', rule });
    return [lo, hi];
  }
  const f = toPort(from);
  const t = protocol === 'icmp' || protocol === 'icmpv6' ? f : toPort(to);
  if (f === undefined || f < 0 || t === undefined || t < 0) return [lo, hi];
  return [Math.max(lo, Math.min(f, t)), Math.min(hi, Math.max(f, t))];
}

function addressEntry(rule: unknown, cidr: unknown, field: string, family: IpFamily, unknowable: UnknowableSource[]): AddressRange | undefined {
  if (cidr === undefined || cidr === null) return undefined;
  if (isIntrinsic(cidr)) {
    unknowable.push({ kind: 'intrinsicCidr', detail: `${field} is a parameter or reference`, rule });
    return undefined;
  }
  const parsed = parseCidr(cidr);
  if (!parsed || parsed.family !== family) {
    unknowable.push({ kind: 'invalidCidr', detail: `${field} ${JSON.stringify(cidr)} is not a valid ${family} CIDR block`, rule });
    return undefined;
  }
  return parsed.range;
}

function sameRanges(a: RangeSet, b: RangeSet): boolean {
  return a.length === b.length && a.every((r, i) => r.start === b[i].start && r.end === b[i].end);
}

/**
 * Segments per protocol and family. `combine` receives, in input order, the entries covering one
 * elementary port segment and returns the reachable sources.
 */
function buildReach(entries: Entry[], combine: (covering: Entry[]) => RangeSet): PortSegment[] {
  const protocols = new Set(entries.map((e) => e.protocol));
  if (protocols.has('all')) for (const p of ['tcp', 'udp', 'icmp', 'icmpv6']) protocols.add(p);
  const out: PortSegment[] = [];
  for (const protocol of [...protocols].sort()) {
    const [lo, hi] = portDomain(protocol);
    for (const family of ['ipv4', 'ipv6'] as const) {
      // Protocol -1 rules apply to every protocol over its whole port domain.
      const bucket = entries
        .filter((e) => e.family === family && (e.protocol === protocol || (e.protocol === 'all' && protocol !== 'all')))
        .map((e) => (e.protocol === protocol ? e : { ...e, protocol, from: lo, to: hi }));
      if (bucket.length === 0) continue;
      const cuts = [...new Set(bucket.flatMap((e) => [e.from, e.to + 1]))].sort((a, b) => a - b);
      for (let i = 0; i < cuts.length - 1; i++) {
        const from = cuts[i];
        const to = cuts[i + 1] - 1;
        const covering = bucket.filter((e) => e.from <= from && e.to >= to);
        if (covering.length === 0) continue;
        const sources = combine(covering);
        if (sources.length === 0) continue;
        const last = out[out.length - 1];
        if (last && last.protocol === protocol && last.family === family && last.toPort === from - 1 && sameRanges(last.sources, sources)) {
          out[out.length - 1] = { ...last, toPort: to };
        } else {
          out.push({ protocol, family, fromPort: from, toPort: to, sources, coverage: publicCoverage(family, sources) });
        }
      }
    }
  }
  return out;
}

/** Per protocol, family and port range: the union of ingress sources of security-group rules. */
export function ingressReach(rules: readonly IngressRuleInput[]): Reach {
  const unknowable: UnknowableSource[] = [];
  const entries: Entry[] = [];
  for (const rule of rules) {
    const protocol = normalizeProtocol(rule.IpProtocol);
    if (!protocol) {
      unknowable.push({ kind: 'invalidProtocol', detail: `IpProtocol ${JSON.stringify(rule.IpProtocol)} is not a protocol name or number`, rule });
      continue;
    }
    if (rule.SourcePrefixListId !== undefined) {
      unknowable.push({ kind: 'prefixList', detail: `prefix list ${JSON.stringify(rule.SourcePrefixListId)}: its entries are not in the template`, rule });
    }
    const [from, to] = portRange(protocol, rule.FromPort, rule.ToPort, rule, unknowable);
    for (const [field, cidr, family] of [['CidrIp', rule.CidrIp, 'ipv4'], ['CidrIpv6', rule.CidrIpv6, 'ipv6']] as const) {
      const range = addressEntry(rule, cidr, field, family, unknowable);
      if (range) entries.push({ protocol, family, from, to, range });
    }
  }
  return { segments: buildReach(entries, (covering) => normalizeRanges(covering.map((e) => e.range!))), unknowable };
}

function isEgress(value: unknown): boolean {
  return value === true || (typeof value === 'string' && value.toLowerCase() === 'true');
}

/**
 * Effective allowed ingress of network ACL entries: entries are evaluated in RuleNumber order and the
 * first match decides, so an allow admits only what no lower-numbered deny (of the same protocol and
 * ports) already refused. Egress entries are ignored. A deny whose CIDR is unknowable is reported and
 * not subtracted (the result errs towards "reachable").
 */
export function naclIngressReach(entries: readonly NetworkAclEntryInput[]): Reach {
  const unknowable: UnknowableSource[] = [];
  const ordered = entries
    .filter((e) => !isEgress(e.Egress))
    .map((e, i) => ({ e, i, n: toPort(e.RuleNumber) ?? Number.MAX_SAFE_INTEGER }))
    .sort((a, b) => a.n - b.n || a.i - b.i)
    .map((x) => x.e);
  const list: Entry[] = [];
  for (const rule of ordered) {
    const protocol = normalizeProtocol(rule.Protocol);
    if (!protocol) {
      unknowable.push({ kind: 'invalidProtocol', detail: `Protocol ${JSON.stringify(rule.Protocol)} is not a protocol number`, rule });
      continue;
    }
    const deny = typeof rule.RuleAction === 'string' && rule.RuleAction.toLowerCase() === 'deny';
    const [from, to] = protocol === 'icmp' || protocol === 'icmpv6'
      ? portRange(protocol, rule.Icmp?.Type, rule.Icmp?.Type, rule, unknowable)
      : portRange(protocol, rule.PortRange?.From, rule.PortRange?.To, rule, unknowable);
    for (const [field, cidr, family] of [['CidrBlock', rule.CidrBlock, 'ipv4'], ['Ipv6CidrBlock', rule.Ipv6CidrBlock, 'ipv6']] as const) {
      const range = addressEntry(rule, cidr, field, family, unknowable);
      if (range) list.push({ protocol, family, from, to, range, deny });
    }
  }
  const combine = (covering: Entry[]): RangeSet => {
    let denied: RangeSet = [];
    let allowed: RangeSet = [];
    for (const e of covering) {
      if (e.deny) denied = normalizeRanges([...denied, e.range!]);
      else allowed = normalizeRanges([...allowed, ...subtractRanges([e.range!], denied)]);
    }
    return allowed;
  };
  return { segments: buildReach(list, combine), unknowable };
}

/** Exact test: sources cover at least `threshold` of the public space. */
function isWide(segment: PortSegment, threshold: number): boolean {
  const pub = segment.family === 'ipv4' ? PUBLIC_IPV4 : PUBLIC_IPV6;
  const scale = 1_000_000n;
  return rangeSize(intersectRanges(segment.sources, pub)) * scale >= rangeSize(pub) * BigInt(Math.round(threshold * 1_000_000));
}

/**
 * The internet-wide port ranges of a reach. When protocol `all` (-1) is itself wide for a family, the
 * per-protocol entries it implies for that family are left out.
 */
export function widePorts(reach: Reach, options: WideOptions = {}): WidePorts[] {
  const threshold = options.threshold ?? 0.5;
  const wide = reach.segments.filter((s) => isWide(s, threshold));
  const allWide = new Set(wide.filter((s) => s.protocol === 'all').map((s) => s.family));
  const out: WidePorts[] = [];
  for (const s of wide) {
    if (s.protocol !== 'all' && allWide.has(s.family)) continue;
    const last = out[out.length - 1];
    if (last && last.protocol === s.protocol && last.family === s.family && last.toPort === s.fromPort - 1) {
      out[out.length - 1] = { ...last, toPort: s.toPort, coverage: Math.min(last.coverage, s.coverage) };
    } else {
      out.push({ protocol: s.protocol, family: s.family, fromPort: s.fromPort, toPort: s.toPort, coverage: s.coverage });
    }
  }
  return out;
}

/** Security-group ingress: which port ranges most of the internet can reach, and what could not be judged. */
export function internetWidePorts(rules: readonly IngressRuleInput[], options: WideOptions = {}): WideReach {
  const reach = ingressReach(rules);
  return { wide: widePorts(reach, options), unknowable: reach.unknowable };
}

/** Network ACL ingress: which port ranges most of the internet can reach, and what could not be judged. */
export function naclInternetWidePorts(entries: readonly NetworkAclEntryInput[], options: WideOptions = {}): WideReach {
  const reach = naclIngressReach(entries);
  return { wide: widePorts(reach, options), unknowable: reach.unknowable };
}

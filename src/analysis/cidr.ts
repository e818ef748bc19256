/* eslint-disable no-bitwise -- addresses are BigInts: shifts and masks are the arithmetic */
/**
 * CIDR parsing and address-range arithmetic with BigInt, and the definition of "internet-wide".
 *
 * INTERNET-WIDE: a set of source addresses is internet-wide when it covers at least half (>= 50%) of
 * the public address space of its family:
 * - IPv4 public space = 0.0.0.0/0 minus 0.0.0.0/8, 10.0.0.0/8, 100.64.0.0/10 (carrier-grade NAT),
 *   127.0.0.0/8, 169.254.0.0/16, 172.16.0.0/12, 192.168.0.0/16 and 224.0.0.0/3 (multicast, reserved).
 * - IPv6 public space = 2000::/3 (global unicast).
 * So `0.0.0.0/0`, `::/0`, `0.0.0.0/1` + `128.0.0.0/1` and three /2s are wide; one /2 (at most ~29%
 * of public IPv4) and `10.0.0.0/8` are not; `2000::/4` (exactly half of 2000::/3) is.
 */

/** Inclusive address range. */
export interface AddressRange {
  readonly start: bigint;
  readonly end: bigint;
}

/** A sorted list of disjoint, non-adjacent ranges. */
export type RangeSet = readonly AddressRange[];

export type IpFamily = 'ipv4' | 'ipv6';

/** A parsed CIDR block. */
export interface ParsedCidr {
  readonly family: IpFamily;
  readonly prefix: number;
  /** First and last address of the block (host bits masked off). */
  readonly range: AddressRange;
  /** Whether the written address had host bits set (e.g. `10.0.0.1/8`). */
  readonly hostBitsSet: boolean;
}

const BITS: Record<IpFamily, number> = { ipv4: 32, ipv6: 128 };

function parseIpv4(text: string): bigint | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0n;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part) || Number(part) > 255 || (part.length > 1 && part.startsWith('0'))) return undefined;
    value = (value << 8n) | BigInt(Number(part));
  }
  return value;
}

function parseIpv6(text: string): bigint | undefined {
  let body = text.toLowerCase();
  const lastColon = body.lastIndexOf(':');
  if (lastColon < 0) return undefined;
  const last = body.slice(lastColon + 1);
  if (last.includes('.')) {
    // Embedded IPv4 (`::ffff:192.0.2.1`): rewrite as two hex groups.
    const v4 = parseIpv4(last);
    if (v4 === undefined) return undefined;
    body = `${body.slice(0, lastColon + 1)}${(v4 >> 16n).toString(16)}:${(v4 & 0xffffn).toString(16)}`;
  }
  const halves = body.split('::');
  if (halves.length > 2) return undefined;
  const head = halves[0] === '' ? [] : halves[0].split(':');
  let groups = head;
  if (halves.length === 2) {
    const tail = halves[1] === '' ? [] : halves[1].split(':');
    const missing = 8 - head.length - tail.length;
    if (missing < 1) return undefined;
    groups = [...head, ...Array<string>(missing).fill('0'), ...tail];
  }
  if (groups.length !== 8) return undefined;
  let value = 0n;
  for (const group of groups) {
    if (!/^[0-9a-f]{1,4}$/.test(group)) return undefined;
    value = (value << 16n) | BigInt(parseInt(group, 16));
  }
  return value;
}

/** Parses `a.b.c.d/n` or an IPv6 CIDR; `undefined` when malformed (or not a string). */
export function parseCidr(cidr: unknown): ParsedCidr | undefined {
  if (typeof cidr !== 'string') return undefined;
  const match = /^([^/\s]+)\/(\d{1,3})$/.exec(cidr.trim());
  if (!match) return undefined;
  const family: IpFamily = match[1].includes(':') ? 'ipv6' : 'ipv4';
  const prefix = Number(match[2]);
  const bits = BITS[family];
  if (prefix > bits || (match[2].length > 1 && match[2].startsWith('0'))) return undefined;
  const address = family === 'ipv4' ? parseIpv4(match[1]) : parseIpv6(match[1]);
  if (address === undefined) return undefined;
  const size = 1n << BigInt(bits - prefix);
  const start = (address / size) * size;
  return { family, prefix, range: { start, end: start + size - 1n }, hostBitsSet: start !== address };
}

/** Why a CIDR is malformed, or `undefined` when it is valid. Host bits set is reported as a problem too. */
export function cidrProblem(cidr: unknown): string | undefined {
  if (typeof cidr !== 'string') return 'is not a string';
  const parsed = parseCidr(cidr);
  if (!parsed) return `"${cidr}" is not a valid IPv4 or IPv6 CIDR block (expected e.g. 10.0.0.0/16 or 2001:db8::/32)`;
  if (parsed.hostBitsSet) return `"${cidr}" has host bits set; the block is ${formatCidr(parsed)}`;
  return undefined;
}

/** Whether a value is a well-formed CIDR block (host bits may be set). */
export function isValidCidr(cidr: unknown): boolean {
  return parseCidr(cidr) !== undefined;
}

/** Canonical text of a parsed block (IPv6 uncompressed lower-case hex groups without leading zeros). */
export function formatCidr(cidr: ParsedCidr): string {
  const v = cidr.range.start;
  if (cidr.family === 'ipv4') {
    return `${[24n, 16n, 8n, 0n].map((s) => String((v >> s) & 255n)).join('.')}/${cidr.prefix}`;
  }
  const groups: string[] = [];
  for (let i = 7; i >= 0; i--) groups.push(((v >> BigInt(i * 16)) & 0xffffn).toString(16));
  return `${groups.join(':')}/${cidr.prefix}`;
}

/** Normalizes ranges into a sorted, disjoint, merged set. */
export function normalizeRanges(ranges: readonly AddressRange[]): RangeSet {
  const sorted = [...ranges].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  const out: AddressRange[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r.start <= last.end + 1n) {
      if (r.end > last.end) out[out.length - 1] = { start: last.start, end: r.end };
    } else {
      out.push(r);
    }
  }
  return out;
}

export function unionRanges(a: RangeSet, b: RangeSet): RangeSet {
  return normalizeRanges([...a, ...b]);
}

/** Addresses in `a` and not in `b`. */
export function subtractRanges(a: RangeSet, b: RangeSet): RangeSet {
  const out: AddressRange[] = [];
  for (const r of a) {
    let pieces: AddressRange[] = [r];
    for (const cut of b) {
      pieces = pieces.flatMap((p) => {
        if (cut.end < p.start || cut.start > p.end) return [p];
        const left = cut.start > p.start ? [{ start: p.start, end: cut.start - 1n }] : [];
        const right = cut.end < p.end ? [{ start: cut.end + 1n, end: p.end }] : [];
        return [...left, ...right];
      });
    }
    out.push(...pieces);
  }
  return normalizeRanges(out);
}

export function intersectRanges(a: RangeSet, b: RangeSet): RangeSet {
  const out: AddressRange[] = [];
  for (const x of a) {
    for (const y of b) {
      const start = x.start > y.start ? x.start : y.start;
      const end = x.end < y.end ? x.end : y.end;
      if (start <= end) out.push({ start, end });
    }
  }
  return normalizeRanges(out);
}

/** Number of addresses in a set. */
export function rangeSize(set: RangeSet): bigint {
  return set.reduce((n, r) => n + (r.end - r.start + 1n), 0n);
}

function blocks(cidrs: string[]): RangeSet {
  return normalizeRanges(cidrs.map((c) => parseCidr(c)!.range));
}

const ALL_V4 = blocks(['0.0.0.0/0']);
const ALL_V6 = blocks(['::/0']);
/** Public IPv4 space (see the module comment). */
export const PUBLIC_IPV4: RangeSet = subtractRanges(ALL_V4, blocks([
  '0.0.0.0/8', '10.0.0.0/8', '100.64.0.0/10', '127.0.0.0/8', '169.254.0.0/16', '172.16.0.0/12', '192.168.0.0/16', '224.0.0.0/3',
]));
/** Public IPv6 space: global unicast 2000::/3. */
export const PUBLIC_IPV6: RangeSet = blocks(['2000::/3']);

/** Fraction (0..1) of the family's public space a set of addresses covers. */
export function publicCoverage(family: IpFamily, set: RangeSet): number {
  const pub = family === 'ipv4' ? PUBLIC_IPV4 : PUBLIC_IPV6;
  const covered = rangeSize(intersectRanges(set, pub));
  // Scale to keep precision in Number: both sizes fit after shifting by the same amount.
  const total = rangeSize(pub);
  const shift = family === 'ipv4' ? 0n : 64n;
  return Number(covered >> shift) / Number(total >> shift);
}

/** Whether a set of addresses covers at least half of the family's public space (exact BigInt test). */
export function isInternetWideSet(family: IpFamily, set: RangeSet): boolean {
  const pub = family === 'ipv4' ? PUBLIC_IPV4 : PUBLIC_IPV6;
  return 2n * rangeSize(intersectRanges(set, pub)) >= rangeSize(pub);
}

/** Whether one CIDR block is internet-wide; malformed input is not (validate it with `cidrProblem`). */
export function isInternetWideCidr(cidr: unknown): boolean {
  const parsed = parseCidr(cidr);
  return parsed !== undefined && isInternetWideSet(parsed.family, [parsed.range]);
}

/** Whether a list of CIDRs of mixed families is internet-wide in either family; malformed entries are ignored. */
export function isInternetWideCidrs(cidrs: readonly unknown[]): boolean {
  const parsed = cidrs.map(parseCidr).filter((p): p is ParsedCidr => p !== undefined);
  return (['ipv4', 'ipv6'] as const).some((family) =>
    isInternetWideSet(family, normalizeRanges(parsed.filter((p) => p.family === family).map((p) => p.range))));
}

export const ALL_ADDRESSES: Readonly<Record<IpFamily, RangeSet>> = { ipv4: ALL_V4, ipv6: ALL_V6 };

import { Token } from 'aws-cdk-lib';
import { FortressError } from '../core/fortress-error';

/** One subnet tier: its name, prefix length, and how many subnets (one per AZ). */
export interface TierPlan {
  readonly name: string;
  readonly cidrMask: number;
}

/** The IPv4 CIDR's prefix length, or a FortressError naming `prop` if it is not a valid network address. */
export function parseCidr(path: string, prop: string, cidr: string): { prefix: number; base: number } {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(cidr);
  const octets = match ? match.slice(1, 5).map(Number) : [];
  const prefix = match ? Number(match[5]) : NaN;
  if (!match || octets.some((o) => o > 255) || prefix > 32) {
    throw FortressError.invalidProp(path, prop, 'must be an IPv4 CIDR block such as 10.0.0.0/16', cidr);
  }
  const base = octets.reduce((acc, o) => acc * 256 + o, 0);
  if (base % 2 ** (32 - prefix) !== 0) {
    throw FortressError.invalidProp(path, prop, 'must be a network address: the bits after the prefix must be zero (e.g. 10.0.0.0/16)', cidr);
  }
  return { prefix, base };
}

/**
 * Refuses subnet plans that cannot be carved out of the VPC CIDR: masks outside
 * the VPC prefix to /28, or tiers that need more addresses than the block has
 * (subnets are allocated in order, each aligned to its size, as aws-cdk-lib does).
 */
export function checkSubnetPlan(path: string, vpcCidr: string, tiers: TierPlan[], azs: number, cidrProp = 'cidr'): void {
  if (Token.isUnresolved(vpcCidr)) return;
  const { prefix } = parseCidr(path, cidrProp, vpcCidr);
  let cursor = 0;
  for (const tier of tiers) {
    if (!Number.isInteger(tier.cidrMask) || tier.cidrMask < prefix || tier.cidrMask > 28) {
      throw FortressError.invalidProp(path, `${tier.name}SubnetCidrMask`, `must be an integer from ${prefix} (the VPC prefix) to 28`, tier.cidrMask);
    }
    const size = 2 ** (32 - tier.cidrMask);
    for (let i = 0; i < azs; i++) cursor = Math.ceil(cursor / size) * size + size;
  }
  const available = 2 ** (32 - prefix);
  if (cursor > available) {
    const plan = tiers.map((t) => `${azs} x /${t.cidrMask} ${t.name}`).join(', ');
    throw FortressError.invalidProp(path, cidrProp, `must hold every subnet: ${plan} need ${cursor} addresses, /${prefix} has ${available}`, vpcCidr);
  }
}

import { isInternetWideCidr, parseCidr, publicCoverage } from '../analysis';

/**
 * Share of the public address space from which a single source counts as "the internet" for a
 * construct's early refusal: 1/256, as much as a whole IPv4 /8. Stricter than the template rules'
 * definition of internet-wide (half of the public space, see src/analysis/cidr.ts), so a construct
 * refuses before synthesis what the rules would report after it, and more.
 */
export const BROAD_SOURCE_SHARE = 1 / 256;

/**
 * Whether a CIDR block opens to the internet at large: internet-wide by the analyzer's definition,
 * or covering at least {@link BROAD_SOURCE_SHARE} of the public address space of its family.
 */
export function isInternetWide(cidr: string | undefined): boolean {
  const parsed = parseCidr(cidr);
  if (!parsed) return false;
  return isInternetWideCidr(cidr) || publicCoverage(parsed.family, [parsed.range]) >= BROAD_SOURCE_SHARE;
}

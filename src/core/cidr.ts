/**
 * Whether a CIDR block opens to the internet at large: `0.0.0.0/0`, `::/0` in any spelling, or any
 * block so wide (IPv4 shorter than /8, IPv6 shorter than /16) that it can only mean "everyone"
 * (e.g. `0.0.0.0/1` + `128.0.0.0/1`).
 */
export function isInternetWide(cidr: string | undefined): boolean {
  if (typeof cidr !== 'string') return false;
  const match = /\/(\d{1,3})$/.exec(cidr.trim());
  if (!match) return false;
  const prefix = Number(match[1]);
  return cidr.includes(':') ? prefix < 16 : prefix < 8;
}

/**
 * The lowest TLS version an Elastic Load Balancing security policy (ALB HTTPS or NLB TLS listener) accepts,
 * read from the policy's name, or `undefined` for a name this judgment does not know (treated as too old).
 *
 * Named policies encode their floor: `ELBSecurityPolicy-TLS13-1-2-...` and `-TLS13-1-3-...` (TLS 1.3 policies with
 * a 1.2 or 1.3 floor, FIPS and post-quantum variants included), `ELBSecurityPolicy-TLS-1-2-...` and
 * `ELBSecurityPolicy-FS-1-2-...` accept TLS 1.2 and up; `-TLS13-1-0/1-1-`, `-TLS-1-0/1-1-`, `-FS-1-1-`,
 * `ELBSecurityPolicy-FS-2018-06`, `ELBSecurityPolicy-2016-08` and `-2015-05` still accept TLS 1.0 or 1.1.
 * An HTTPS listener without `SslPolicy` gets `ELBSecurityPolicy-2016-08` (TLS 1.0) when created by CloudFormation.
 *
 * @see https://docs.aws.amazon.com/elasticloadbalancing/latest/application/describe-ssl-policies.html
 * @see https://docs.aws.amazon.com/elasticloadbalancing/latest/network/describe-ssl-policies.html
 */
export function elbPolicyMinimumTls(policyName: string): '1.0' | '1.1' | '1.2' | '1.3' | undefined {
  if (typeof policyName !== 'string') return undefined;
  const tls13 = /^ELBSecurityPolicy-TLS13-1-([0-3])-/.exec(policyName);
  if (tls13) return `1.${tls13[1]}` as '1.0' | '1.1' | '1.2' | '1.3';
  const tls = /^ELBSecurityPolicy-(?:TLS|FS)-1-([0-2])-/.exec(policyName);
  if (tls) return `1.${tls[1]}` as '1.0' | '1.1' | '1.2';
  if (/^ELBSecurityPolicy-(?:FS-2018-06|2016-08|2015-05)$/.test(policyName)) return '1.0';
  return undefined;
}

/** Whether an Elastic Load Balancing security policy refuses every TLS version below 1.2. */
export function elbPolicyRequiresTls12(policyName: string): boolean {
  const floor = elbPolicyMinimumTls(policyName);
  return floor === '1.2' || floor === '1.3';
}

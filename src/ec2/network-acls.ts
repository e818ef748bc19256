import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Acknowledgments } from '../core/acknowledgments';

/**
 * The ephemeral range return traffic arrives on. NAT gateways, Elastic Load Balancing and Lambda pick source
 * ports from 1024-65535, so a narrower range (e.g. Linux's 32768-60999) would drop their replies.
 *
 * @see https://docs.aws.amazon.com/vpc/latest/userguide/nacl-ephemeral-ports.html
 */
const EPHEMERAL_FROM = 1024;
const EPHEMERAL_TO = 65535;

/**
 * Path MTU discovery: routers answer an oversized packet with ICMP "destination unreachable, fragmentation
 * needed and DF set" (type 3, code 4) for IPv4 and ICMPv6 "packet too big" (type 2) for IPv6. Dropping them
 * makes large transfers hang while small requests work, so AWS asks for both inbound and outbound rules.
 *
 * @see https://docs.aws.amazon.com/vpc/latest/userguide/path_mtu_discovery.html
 */
const FRAGMENTATION_NEEDED = ec2.AclTraffic.icmp({ type: 3, code: 4 });
const PACKET_TOO_BIG = ec2.AclTraffic.icmpv6({ type: 2, code: 0 });

/**
 * TCP ports the public tier refuses from outside the VPC by default, before its ephemeral-range allow: remote
 * administration and data stores that get breached when placed in a public subnet with a public address
 * (MS SQL, Oracle, NFS, Docker API, MySQL, RDP, mSQL, PostgreSQL, Redis, Memcached, MongoDB), including every
 * port cdk-nag's EC2RestrictedCommonPorts names above 1023. SSH, FTP and the rest below 1024 are never admitted.
 * AWS documents denying ports within the ephemeral range with lower-numbered rules.
 *
 * @see https://docs.aws.amazon.com/vpc/latest/userguide/nacl-ephemeral-ports.html
 */
export const DEFAULT_PUBLIC_DENIED_TCP_PORTS: readonly number[] = [
  1433, 1434, 1521, 2049, 2375, 2376, 3306, 3309, 3389, 4333, 5432, 6379, 11211, 27017,
];

/** Inbound IPv4 rules every public ACL has besides its denies (VPC, HTTPS, HTTP, TCP, UDP, ICMP). */
const PUBLIC_INBOUND_ALLOWS = 6;
/** AWS's default quota of inbound rules per network ACL. @see https://docs.aws.amazon.com/vpc/latest/userguide/amazon-vpc-limits.html */
const RULES_PER_ACL = 20;
/** How many deny rules (after merging adjacent ports) fit in the public ACL under the default quota. */
export const MAX_PUBLIC_DENY_RULES = RULES_PER_ACL - PUBLIC_INBOUND_ALLOWS;

/** Ports merged into ranges of adjacent ports, sorted: [3306, 1433, 1434] -> [[1433, 1434], [3306, 3306]]. */
export function portRanges(ports: readonly number[]): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  for (const port of [...new Set(ports)].sort((a, b) => a - b)) {
    const last = ranges[ranges.length - 1];
    if (last && port === last[1] + 1) last[1] = port;
    else ranges.push([port, port]);
  }
  return ranges;
}

/** Where the tier ACLs are drawn: the VPC's address ranges and which tiers and endpoints exist. */
export interface TierAclOptions {
  /** The VPC's IPv4 CIDR block (a literal keeps the rules readable at synth time; a token works too). */
  readonly ipv4Cidr: string;
  /** The VPC's IPv6 CIDR block, when it has one: every internet rule then gets its `::/0` twin. */
  readonly ipv6Cidr?: string;
  /** Whether the private tier (routed through NAT) exists. */
  readonly privateEgress: boolean;
  /** Whether the S3 and DynamoDB gateway endpoints exist (the isolated tier then reaches them over HTTPS). */
  readonly gatewayEndpoints: boolean;
  /** TCP ports the public tier refuses from outside the VPC (validated by the caller). */
  readonly publicDeniedTcpPorts: readonly number[];
}

/** One ACL entry, before it is doubled for IPv6. `peer` is 'vpc' or 'internet'. */
interface Rule {
  readonly name: string;
  readonly ruleNumber: number;
  readonly direction: ec2.TrafficDirection;
  readonly peer: 'vpc' | 'internet';
  readonly traffic: 'all' | 'icmp-pmtu' | ec2.AclTraffic;
  readonly action?: ec2.Action;
}

const { INGRESS, EGRESS } = ec2.TrafficDirection;
const tcp = (from: number, to: number) => from === to ? ec2.AclTraffic.tcpPort(from) : ec2.AclTraffic.tcpPortRange(from, to);
const TCP_EPHEMERAL = ec2.AclTraffic.tcpPortRange(EPHEMERAL_FROM, EPHEMERAL_TO);
const UDP_EPHEMERAL = ec2.AclTraffic.udpPortRange(EPHEMERAL_FROM, EPHEMERAL_TO);

/**
 * Network ACLs per tier, a stateless layer under the security groups (see the README's table for every rule
 * and why). Rule numbers: 100 the VPC itself, 110-2xx public-tier denies, 300+ internet allows; an IPv6 twin
 * takes the IPv4 rule's number plus one.
 *
 * - public (NAT gateways, load balancers): everything from the VPC; from the internet HTTPS, HTTP, and return
 *   traffic (TCP and UDP 1024-65535, ICMP fragmentation-needed), except TCP to sensitive ports in that range;
 *   all out (NAT forwards any port; load balancers answer on clients' ephemeral ports).
 * - private (workloads behind NAT): everything from the VPC; return traffic of its NAT connections (TCP and UDP
 *   1024-65535, ICMP fragmentation-needed); all out.
 * - isolated (data): the VPC only, plus HTTPS to the S3 and DynamoDB gateway endpoints and its return traffic.
 *
 * @see https://docs.aws.amazon.com/vpc/latest/userguide/custom-network-acl.html
 */
export function addTierNetworkAcls(vpc: ec2.Vpc, options: TierAclOptions): void {
  const returnTraffic = (first: number): Rule[] => [
    { name: 'TcpReturnIn', ruleNumber: first, direction: INGRESS, peer: 'internet', traffic: TCP_EPHEMERAL },
    // DNS to resolvers outside the VPC, NTP, QUIC (HTTP/3) and other UDP replies through NAT.
    { name: 'UdpReturnIn', ruleNumber: first + 10, direction: INGRESS, peer: 'internet', traffic: UDP_EPHEMERAL },
    { name: 'PathMtuIn', ruleNumber: first + 20, direction: INGRESS, peer: 'internet', traffic: 'icmp-pmtu' },
  ];
  const vpcIn: Rule = { name: 'VpcIn', ruleNumber: 100, direction: INGRESS, peer: 'vpc', traffic: 'all' };
  const allOut: Rule = { name: 'AllOut', ruleNumber: 100, direction: EGRESS, peer: 'internet', traffic: 'all' };

  addTierAcl(vpc, 'PublicAcl', ec2.SubnetType.PUBLIC, options, [
    // The VPC first: replies from targets to a load balancer may land on any port, including the denied ones.
    vpcIn,
    ...portRanges(options.publicDeniedTcpPorts).map(([from, to], i): Rule => ({
      name: from === to ? `DenyTcp${from}In` : `DenyTcp${from}To${to}In`, ruleNumber: 110 + i * 10, direction: INGRESS, peer: 'internet', traffic: tcp(from, to), action: ec2.Action.DENY,
    })),
    { name: 'HttpsIn', ruleNumber: 300, direction: INGRESS, peer: 'internet', traffic: ec2.AclTraffic.tcpPort(443) },
    { name: 'HttpIn', ruleNumber: 310, direction: INGRESS, peer: 'internet', traffic: ec2.AclTraffic.tcpPort(80) },
    ...returnTraffic(320),
    allOut,
  ]);
  if (options.privateEgress) {
    addTierAcl(vpc, 'PrivateAcl', ec2.SubnetType.PRIVATE_WITH_EGRESS, options, [vpcIn, ...returnTraffic(300), allOut]);
  }
  addTierAcl(vpc, 'IsolatedAcl', ec2.SubnetType.PRIVATE_ISOLATED, options, [
    vpcIn,
    { name: 'VpcOut', ruleNumber: 100, direction: EGRESS, peer: 'vpc', traffic: 'all' },
    // Gateway endpoints are reached at the services' public IP ranges, which ACLs cannot name by prefix list;
    // the isolated tier has no internet route, so HTTPS out can only reach those endpoints.
    ...(options.gatewayEndpoints ? [
      { name: 'GatewayEndpointsHttpsOut', ruleNumber: 300, direction: EGRESS, peer: 'internet', traffic: ec2.AclTraffic.tcpPort(443) },
      { name: 'GatewayEndpointsReturnIn', ruleNumber: 300, direction: INGRESS, peer: 'internet', traffic: TCP_EPHEMERAL },
      { name: 'GatewayEndpointsPathMtuIn', ruleNumber: 320, direction: INGRESS, peer: 'internet', traffic: 'icmp-pmtu' },
      { name: 'GatewayEndpointsPathMtuOut', ruleNumber: 320, direction: EGRESS, peer: 'internet', traffic: 'icmp-pmtu' },
    ] as Rule[] : []),
  ]);
}

function addTierAcl(vpc: ec2.Vpc, id: string, subnetType: ec2.SubnetType, options: TierAclOptions, rules: Rule[]): void {
  const subnets = { [ec2.SubnetType.PUBLIC]: vpc.publicSubnets, [ec2.SubnetType.PRIVATE_ISOLATED]: vpc.isolatedSubnets }[subnetType as string]
    ?? vpc.privateSubnets;
  if (subnets.length === 0) return;
  const nacl = new ec2.NetworkAcl(vpc, id, { vpc, subnetSelection: { subnetType } });
  for (const rule of rules) {
    const ruleAction = rule.action ?? ec2.Action.ALLOW;
    const v4Traffic = rule.traffic === 'all' ? ec2.AclTraffic.allTraffic() : rule.traffic === 'icmp-pmtu' ? FRAGMENTATION_NEEDED : rule.traffic;
    const v4Cidr = rule.peer === 'vpc' ? ec2.AclCidr.ipv4(options.ipv4Cidr) : ec2.AclCidr.anyIpv4();
    nacl.addEntry(rule.name, { ruleNumber: rule.ruleNumber, direction: rule.direction, cidr: v4Cidr, traffic: v4Traffic, ruleAction });
    if (options.ipv6Cidr === undefined) continue;
    const v6Traffic = rule.traffic === 'all' ? ec2.AclTraffic.allTraffic() : rule.traffic === 'icmp-pmtu' ? PACKET_TOO_BIG : rule.traffic;
    const v6Cidr = rule.peer === 'vpc' ? ec2.AclCidr.ipv6(options.ipv6Cidr) : ec2.AclCidr.anyIpv6();
    nacl.addEntry(`${rule.name}Ipv6`, { ruleNumber: rule.ruleNumber + 1, direction: rule.direction, cidr: v6Cidr, traffic: v6Traffic, ruleAction });
  }
  Acknowledgments.acknowledge(nacl, 'AwsSolutions-VPC3',
    'Network ACLs were turned on explicitly (networkAcls: true) as a stateless layer under the security groups, one per subnet tier.');
}

import { ingressReach, internetWidePorts, naclInternetWidePorts, normalizeProtocol } from '../../src/analysis';

const tcp = (from: number, to: number, cidr: string) => ({ IpProtocol: 'tcp', FromPort: from, ToPort: to, CidrIp: cidr });

describe('normalizeProtocol', () => {
  test.each([
    ['-1', 'all'], [-1, 'all'], ['tcp', 'tcp'], ['TCP', 'tcp'], ['6', 'tcp'], [6, 'tcp'], ['17', 'udp'], ['1', 'icmp'], ['58', 'icmpv6'], ['icmpv6', 'icmpv6'], ['47', '47'],
  ])('%j -> %s', (input, expected) => {
    expect(normalizeProtocol(input)).toBe(expected);
  });

  test.each([['gre'], ['256'], [{ Ref: 'P' }], [undefined]])('%j is invalid', (input) => {
    expect(normalizeProtocol(input)).toBeUndefined();
  });
});

describe('internetWidePorts (security groups)', () => {
  test('0.0.0.0/0 on 22 is wide; 10.0.0.0/8 on 443 is not', () => {
    const { wide } = internetWidePorts([tcp(22, 22, '0.0.0.0/0'), tcp(443, 443, '10.0.0.0/8')]);
    expect(wide).toEqual([{ protocol: 'tcp', family: 'ipv4', fromPort: 22, toPort: 22, coverage: 1 }]);
  });

  test('0.0.0.0/1 + 128.0.0.0/1 on the same port is wide', () => {
    const { wide } = internetWidePorts([tcp(3389, 3389, '0.0.0.0/1'), tcp(3389, 3389, '128.0.0.0/1')]);
    expect(wide).toEqual([expect.objectContaining({ protocol: 'tcp', fromPort: 3389, toPort: 3389, coverage: 1 })]);
  });

  test('halves on different ports are only wide where they overlap enough', () => {
    const { wide } = internetWidePorts([tcp(1000, 2000, '128.0.0.0/1'), tcp(1500, 3000, '0.0.0.0/1'), tcp(1800, 1900, '128.0.0.0/1')]);
    // 0.0.0.0/1 alone covers ~56% of public IPv4: 1500-3000 is wide, 1000-1499 (128/1 alone, ~43%) is not.
    expect(wide.map((w) => [w.fromPort, w.toPort])).toEqual([[1500, 3000]]);
  });

  test('::/1 + 8000::/1 is wide for IPv6; IPv4 and IPv6 are separate', () => {
    const { wide } = internetWidePorts([
      { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIpv6: '::/1' },
      { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIpv6: '8000::/1' },
      tcp(443, 443, '10.0.0.0/8'),
    ]);
    expect(wide).toEqual([expect.objectContaining({ family: 'ipv6', fromPort: 443, toPort: 443 })]);
  });

  test('three /2s are wide, one is not', () => {
    expect(internetWidePorts([tcp(80, 80, '0.0.0.0/2'), tcp(80, 80, '64.0.0.0/2'), tcp(80, 80, '128.0.0.0/2')]).wide).toHaveLength(1);
    expect(internetWidePorts([tcp(80, 80, '64.0.0.0/2')]).wide).toEqual([]);
  });

  test('protocol -1 is reported once as "all", not per protocol', () => {
    const { wide } = internetWidePorts([{ IpProtocol: '-1', CidrIp: '0.0.0.0/0' }, tcp(22, 22, '0.0.0.0/0')]);
    expect(wide).toEqual([{ protocol: 'all', family: 'ipv4', fromPort: -1, toPort: -1, coverage: 1 }]);
  });

  test('protocol -1 from one half and tcp 22 from the other make tcp 22 wide', () => {
    const { wide } = internetWidePorts([{ IpProtocol: '-1', CidrIp: '128.0.0.0/1' }, tcp(22, 22, '0.0.0.0/1')]);
    expect(wide).toEqual([expect.objectContaining({ protocol: 'tcp', fromPort: 22, toPort: 22, coverage: 1 })]);
  });

  test('numeric protocols, -1 ports and string ports', () => {
    const { wide } = internetWidePorts([
      { IpProtocol: '6', FromPort: '8080', ToPort: '8081', CidrIp: '0.0.0.0/0' },
      { IpProtocol: '17', FromPort: -1, ToPort: -1, CidrIp: '0.0.0.0/0' },
      { IpProtocol: 'icmp', FromPort: 8, ToPort: -1, CidrIp: '0.0.0.0/0' },
      { IpProtocol: '47', CidrIp: '0.0.0.0/0' },
    ]);
    expect(wide.map((w) => `${w.protocol}:${w.fromPort}-${w.toPort}`)).toEqual(['47:-1--1', 'icmp:8-8', 'tcp:8080-8081', 'udp:0-65535']);
  });

  test('prefix lists, intrinsic and malformed CIDRs are unknowable; security-group sources are ignored', () => {
    const result = internetWidePorts([
      { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, SourcePrefixListId: 'pl-123' },
      { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: { Ref: 'AllowedCidr' } },
      { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '1.2.3/24' },
      { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, SourceSecurityGroupId: 'sg-1' },
      { IpProtocol: 'bogus', CidrIp: '0.0.0.0/0' },
    ]);
    expect(result.wide).toEqual([]);
    expect(result.unknowable.map((u) => u.kind)).toEqual(['prefixList', 'intrinsicCidr', 'invalidCidr', 'invalidProtocol']);
  });

  test('ingressReach exposes the per-port unions', () => {
    const { segments } = ingressReach([tcp(20, 30, '10.0.0.0/8'), tcp(25, 40, '11.0.0.0/8')]);
    expect(segments.map((s) => [s.fromPort, s.toPort, s.sources.length])).toEqual([[20, 24, 1], [25, 30, 1], [31, 40, 1]]);
  });
});

describe('naclInternetWidePorts', () => {
  const entry = (n: number, action: string, cidr: string, from = 22, to = 22, protocol: unknown = 6) => ({
    RuleNumber: n, RuleAction: action, Protocol: protocol, Egress: false, CidrBlock: cidr, PortRange: { From: from, To: to },
  });

  test('an allow of 0.0.0.0/0 is wide', () => {
    expect(naclInternetWidePorts([entry(100, 'allow', '0.0.0.0/0')]).wide).toEqual([expect.objectContaining({ protocol: 'tcp', fromPort: 22, toPort: 22 })]);
  });

  test('a lower-numbered deny removes what it covers', () => {
    expect(naclInternetWidePorts([entry(200, 'allow', '0.0.0.0/0'), entry(100, 'deny', '0.0.0.0/1')]).wide).toEqual([]);
  });

  test('a higher-numbered deny changes nothing (first match wins)', () => {
    expect(naclInternetWidePorts([entry(100, 'allow', '0.0.0.0/0'), entry(200, 'deny', '0.0.0.0/0')]).wide).toHaveLength(1);
  });

  test('a deny on other ports does not reduce the allow', () => {
    const { wide } = naclInternetWidePorts([entry(100, 'deny', '0.0.0.0/0', 3389, 3389), entry(200, 'allow', '0.0.0.0/0', 0, 65535)]);
    expect(wide.map((w) => [w.fromPort, w.toPort])).toEqual([[0, 3388], [3390, 65535]]);
  });

  test('a protocol -1 deny covers every protocol', () => {
    expect(naclInternetWidePorts([entry(100, 'deny', '0.0.0.0/0', 0, 0, -1), entry(200, 'allow', '0.0.0.0/0')]).wide).toEqual([]);
  });

  test('egress entries are ignored; IPv6 entries are separate', () => {
    const result = naclInternetWidePorts([
      { ...entry(100, 'allow', '0.0.0.0/0'), Egress: true },
      { RuleNumber: 101, RuleAction: 'allow', Protocol: '-1', Ipv6CidrBlock: '::/0' },
    ]);
    expect(result.wide).toEqual([{ protocol: 'all', family: 'ipv6', fromPort: -1, toPort: -1, coverage: 1 }]);
  });

  test('ICMP entries use Icmp.Type', () => {
    const { wide } = naclInternetWidePorts([{ RuleNumber: 100, RuleAction: 'allow', Protocol: 1, CidrBlock: '0.0.0.0/0', Icmp: { Type: 8, Code: -1 } }]);
    expect(wide).toEqual([expect.objectContaining({ protocol: 'icmp', fromPort: 8, toPort: 8 })]);
  });

  test('an unknowable deny is reported and not subtracted', () => {
    const result = naclInternetWidePorts([entry(100, 'deny', { Ref: 'Blocked' } as unknown as string), entry(200, 'allow', '0.0.0.0/0')]);
    expect(result.wide).toHaveLength(1);
    expect(result.unknowable.map((u) => u.kind)).toEqual(['intrinsicCidr']);
  });
});

import { cidrProblem, formatCidr, isInternetWideCidr, isInternetWideCidrs, isValidCidr, parseCidr, publicCoverage, subtractRanges, unionRanges } from '../../src/analysis';

describe('parseCidr / cidrProblem', () => {
  test.each([
    ['10.0.0.0/8', '10.0.0.0/8'], ['0.0.0.0/0', '0.0.0.0/0'], ['192.168.1.1/32', '192.168.1.1/32'],
    ['::/0', '0:0:0:0:0:0:0:0/0'], ['2001:db8::/32', '2001:db8:0:0:0:0:0:0/32'], ['::ffff:192.0.2.1/128', '0:0:0:0:0:ffff:c000:201/128'],
    ['2001:DB8:0:0:1::/80', '2001:db8:0:0:1:0:0:0/80'],
  ])('%s parses', (cidr, canonical) => {
    expect(formatCidr(parseCidr(cidr)!)).toBe(canonical);
    expect(cidrProblem(cidr)).toBeUndefined();
  });

  test.each([
    ['10.0.0/8'], ['10.0.0.256/32'], ['10.0.0.0/33'], ['10.0.0.0'], ['10.0.0.0/'], ['01.0.0.0/8'], ['10.0.0.0/08'], ['::/129'],
    ['2001:db8:::/32'], ['1:2:3:4:5:6:7:8:9/128'], ['1::2::3/64'], ['g::/16'], ['12345::/16'], [''], ['abc'], ['10.0.0.0/8 '.repeat(2)],
  ])('%j is malformed', (cidr) => {
    expect(isValidCidr(cidr)).toBe(false);
    expect(cidrProblem(cidr)).toMatch(/not a valid/);
  });

  test('non-strings are malformed', () => {
    expect(cidrProblem({ Ref: 'X' })).toBe('is not a string');
    expect(isValidCidr(42)).toBe(false);
  });

  test('host bits set: valid, but reported with the real block', () => {
    expect(parseCidr('10.1.2.3/8')!.hostBitsSet).toBe(true);
    expect(isValidCidr('10.1.2.3/8')).toBe(true);
    expect(cidrProblem('10.1.2.3/8')).toMatch(/host bits set; the block is 10\.0\.0\.0\/8/);
  });
});

describe('internet-wide threshold (>= 50% of public space)', () => {
  test.each([
    ['0.0.0.0/0', true], ['::/0', true], ['10.0.0.0/8', false], ['192.168.0.0/16', false], ['172.16.0.0/12', false],
    ['203.0.113.0/24', false], ['128.0.0.0/2', false], ['2000::/3', true], ['2000::/4', true], ['2000::/5', false],
    ['fc00::/7', false], ['0.0.0.0/1', true], ['128.0.0.0/1', false],
  ])('%s wide: %s', (cidr, wide) => {
    expect(isInternetWideCidr(cidr)).toBe(wide);
  });

  test('0.0.0.0/1 + 128.0.0.0/1 = wide; ::/1 + 8000::/1 = wide', () => {
    expect(isInternetWideCidrs(['0.0.0.0/1', '128.0.0.0/1'])).toBe(true);
    expect(isInternetWideCidrs(['::/1', '8000::/1'])).toBe(true);
  });

  test('a single /2 of public space covers under a third: not wide; any three /2s are', () => {
    for (const c of ['0.0.0.0/2', '64.0.0.0/2', '128.0.0.0/2', '192.0.0.0/2']) {
      expect(isInternetWideCidrs([c])).toBe(false);
      expect(publicCoverage('ipv4', [parseCidr(c)!.range])).toBeLessThan(0.3);
    }
    expect(isInternetWideCidrs(['0.0.0.0/2', '64.0.0.0/2', '128.0.0.0/2'])).toBe(true);
    expect(isInternetWideCidrs(['64.0.0.0/2', '128.0.0.0/2', '192.0.0.0/2'])).toBe(true);
  });

  test('all private and reserved space together is never wide', () => {
    expect(isInternetWideCidrs(['0.0.0.0/8', '10.0.0.0/8', '100.64.0.0/10', '127.0.0.0/8', '169.254.0.0/16', '172.16.0.0/12', '192.168.0.0/16', '224.0.0.0/3', 'fc00::/7', 'fe80::/10'])).toBe(false);
  });

  test('malformed input is not wide', () => {
    expect(isInternetWideCidr('0.0.0.0')).toBe(false);
    expect(isInternetWideCidrs(['nope'])).toBe(false);
  });
});

describe('range arithmetic', () => {
  test('union merges adjacent ranges, subtract splits', () => {
    const a = parseCidr('10.0.0.0/25')!.range;
    const b = parseCidr('10.0.0.128/25')!.range;
    expect(unionRanges([a], [b])).toEqual([parseCidr('10.0.0.0/24')!.range]);
    expect(subtractRanges([parseCidr('10.0.0.0/24')!.range], [a])).toEqual([b]);
  });
});

/* eslint-disable no-bitwise -- addresses are BigInts: shifts and masks are the arithmetic */
import * as fc from 'fast-check';
import { expandActions, formatCidr, internetWidePorts, isInternetWideCidr, isInternetWideCidrs, isPublicStatement, parseCidr, serviceActions } from '../../src/analysis';

/** Splits a block into sub-blocks, each split decided by the random stream. */
function split(cidr: string, choices: boolean[], depth = 0): string[] {
  const parsed = parseCidr(cidr)!;
  const bits = parsed.family === 'ipv4' ? 32 : 128;
  if (depth > 6 || parsed.prefix >= bits || !(choices[depth % choices.length] ?? false)) return [cidr];
  const half = 1n << BigInt(bits - parsed.prefix - 1);
  const left = formatCidr({ ...parsed, prefix: parsed.prefix + 1 });
  const right = formatCidr({ ...parsed, prefix: parsed.prefix + 1, range: { start: parsed.range.start + half, end: parsed.range.end } });
  return [...split(left, choices.slice(1), depth + 1), ...split(right, choices.slice(2), depth + 1)];
}

const v4Block = fc.tuple(fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.integer({ min: 0, max: 4 })).map(([addr, prefix]) =>
  formatCidr({ ...parseCidr(`${[24, 16, 8, 0].map((s) => (addr >>> s) & 255).join('.')}/${prefix}`)! }));
const v6Block = fc.tuple(fc.integer({ min: 0, max: 0xffff }), fc.integer({ min: 0, max: 5 })).map(([g, prefix]) => formatCidr(parseCidr(`${g.toString(16)}::/${prefix}`)!));

describe('properties: network', () => {
  test('splitting a block into sub-blocks never changes the verdict', () => {
    fc.assert(fc.property(fc.oneof(v4Block, v6Block), fc.array(fc.boolean(), { minLength: 1, maxLength: 12 }), (block, choices) => {
      const parts = split(block, choices);
      expect(isInternetWideCidrs(parts)).toBe(isInternetWideCidr(block));
      const rules = parts.map((p) => (p.includes(':') ? { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, CidrIpv6: p } : { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, CidrIp: p }));
      expect(internetWidePorts(rules).wide.length > 0).toBe(isInternetWideCidr(block));
    }), { numRuns: 200 });
  });

  test('private space never becomes wide, however it is split', () => {
    const priv = fc.constantFrom('10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10', 'fc00::/7', 'fe80::/10');
    fc.assert(fc.property(fc.array(priv, { minLength: 1, maxLength: 6 }), (cidrs) => {
      expect(isInternetWideCidrs(cidrs)).toBe(false);
    }));
  });
});

const account = fc.stringMatching(/^\d{12}$/);
const narrowing = fc.oneof(
  account.map((a) => ({ StringEquals: { 'aws:PrincipalAccount': a } })),
  account.map((a) => ({ StringEquals: { 'aws:SourceAccount': a } })),
  fc.stringMatching(/^o-[a-z0-9]{10}$/).map((o) => ({ StringEquals: { 'aws:PrincipalOrgID': o } })),
  account.map((a) => ({ ArnLike: { 'aws:PrincipalArn': `arn:aws:iam::${a}:role/*` } })),
  account.map((a) => ({ ArnLike: { 'aws:SourceArn': `arn:aws:sns:*:${a}:*` } })),
  fc.stringMatching(/^vpce-[0-9a-f]{8}$/).map((v) => ({ StringEquals: { 'aws:SourceVpce': v } })),
  account.map((a) => ({ StringEquals: { 'kms:CallerAccount': a } })),
);
const notNarrowing = fc.oneof(
  account.map((a) => ({ StringEqualsIfExists: { 'aws:PrincipalAccount': a } })),
  account.map((a) => ({ 'ForAllValues:StringEquals': { 'aws:PrincipalAccount': a } })),
  account.map((a) => ({ StringNotEquals: { 'aws:PrincipalAccount': a } })),
  fc.constant({ StringLike: { 'aws:PrincipalArn': 'arn:aws:iam::*' } }),
  fc.constant({ Null: { 'aws:PrincipalOrgID': 'false' } }),
  fc.constant({ Bool: { 'aws:SecureTransport': 'true' } }),
);
const principal = fc.constantFrom<unknown>('*', { AWS: '*' }, { AWS: ['*'] });
const actions = fc.constantFrom('s3:GetObject', 'kms:Decrypt', 'sqs:SendMessage', '*');

describe('properties: public access', () => {
  test('random valid narrow policies are not public', () => {
    fc.assert(fc.property(principal, actions, narrowing, fc.option(notNarrowing), (p, action, cond, extra) => {
      const condition = { ...(extra ?? {}), ...cond };
      expect(isPublicStatement({ Effect: 'Allow', Principal: p, Action: action, Resource: '*', Condition: condition }).public).toBe(false);
    }));
  });

  test('conditions that do not narrow never make a public statement private', () => {
    fc.assert(fc.property(principal, actions, fc.array(notNarrowing, { maxLength: 3 }), (p, action, conds) => {
      const condition = Object.assign({}, ...conds);
      expect(isPublicStatement({ Effect: 'Allow', Principal: p, Action: action, Resource: '*', Condition: condition }).public).toBe(true);
    }));
  });
});

describe('properties: actions', () => {
  const known = fc.constantFrom(...serviceActions('iam').slice(0, 50), ...serviceActions('s3').slice(0, 50));
  test('action expansion ignores case', () => {
    fc.assert(fc.property(known, fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }), (action, flips) => {
      const mixed = [...action].map((ch, i) => (flips[i % flips.length] ? ch.toUpperCase() : ch.toLowerCase())).join('');
      expect(expandActions([mixed])).toEqual(new Set([action]));
    }));
  });
});

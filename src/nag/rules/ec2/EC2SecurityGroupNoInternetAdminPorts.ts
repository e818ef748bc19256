import { covers, describeRange, ingressReachOf, INGRESS_TYPES } from './security-group-reach';
import { ADMIN_AND_DATABASE_PORTS } from '../../../core/sensitive-ports';
import { defineRule } from '../../template/fortress-rule';

/**
 * No security group admits most of the internet (by the union of all its ingress rules, IPv4 and
 * IPv6, however the ranges are split) on a remote administration or database port. Never acknowledgeable.
 */
export default defineRule(__filename, {
  resourceTypes: INGRESS_TYPES,
  neverAcknowledgeable: true,
  info: 'The security group opens a remote administration or database port to the internet.',
  explanation: 'Internet-wide SSH, RDP or database ports are scanned within minutes of creation and are the most common way into cloud workloads.',
  fix: 'Admit these ports from named security groups or the VPC CIDR only; reach instances through Systems Manager Session Manager instead of SSH/RDP.',
  evaluate: (group) => ingressReachOf(group).wide.flatMap((range) => {
    const exposed = ADMIN_AND_DATABASE_PORTS.filter(([protocol, port]) => covers(range, protocol, port));
    return exposed.length > 0
      ? [{ detail: `${describeRange(range)} is reachable from ${Math.round(range.coverage * 100)}% of the public address space, exposing ${[...new Set(exposed.map(([, , name]) => name))].join(', ')}.` }]
      : [];
  }),
});

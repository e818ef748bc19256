import { elbPolicyMinimumTls, elbPolicyRequiresTls12 } from '../../../analysis/tls-policies';
import { defineRule, problemIf } from '../../template/fortress-rule';

/**
 * HTTPS (ALB) and TLS (NLB) listeners use a security policy that refuses TLS below 1.2. No standard pack looks at
 * SslPolicy, and a listener without one gets ELBSecurityPolicy-2016-08 (TLS 1.0) from CloudFormation.
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/application/describe-ssl-policies.html
 */
export default defineRule(__filename, {
  resourceTypes: ['AWS::ElasticLoadBalancingV2::Listener'],
  info: 'The HTTPS or TLS listener accepts TLS versions below 1.2.',
  explanation: 'TLS 1.0 and 1.1 are deprecated (RFC 8996) and PCI DSS no longer accepts them; a listener without SslPolicy gets '
    + 'ELBSecurityPolicy-2016-08, which still negotiates TLS 1.0.',
  fix: 'Use SecureLoadBalancer (TLS 1.3 policy by default), or set SslPolicy to ELBSecurityPolicy-TLS13-1-2-Res-2021-06 or another policy '
    + 'whose name says TLS13-1-2, TLS13-1-3, TLS-1-2 or FS-1-2.',
  evaluate: (listener) => {
    const protocol = listener.properties.Protocol;
    if (protocol !== 'HTTPS' && protocol !== 'TLS') return [];
    const policy = listener.properties.SslPolicy;
    if (policy === undefined) return [{ detail: 'SslPolicy is not set: CloudFormation applies ELBSecurityPolicy-2016-08, which accepts TLS 1.0.' }];
    if (typeof policy !== 'string') return [{ detail: 'SslPolicy is computed at deploy time and cannot be verified to refuse TLS below 1.2.' }];
    return problemIf(!elbPolicyRequiresTls12(policy),
      `SslPolicy ${policy} ${elbPolicyMinimumTls(policy) ? `accepts TLS ${elbPolicyMinimumTls(policy)}` : 'is not known to refuse TLS below 1.2'}.`);
  },
});

import { listenerOf, nonRedirectProblem } from './listeners';
import { defineRule, RuleProblem } from '../../template/fortress-rule';

/**
 * Plain-HTTP load balancer listeners, and the rules added to them, only redirect to HTTPS. cdk-nag's
 * ALBHttpToHttpsRedirection (HIPAA, NIST, PCI; not AwsSolutions) accepts a listener with any redirect among
 * its default actions and never looks at listener rules, which forward HTTP traffic just the same.
 */
export default defineRule(__filename, {
  resourceTypes: ['AWS::ElasticLoadBalancingV2::Listener', 'AWS::ElasticLoadBalancingV2::ListenerRule'],
  info: 'A plain-HTTP load balancer listener (or a rule on one) does something other than redirect to HTTPS.',
  explanation: 'Requests served over plain HTTP cross the network unencrypted, credentials and session cookies included; '
    + 'an HTTP listener should only answer with a redirect to HTTPS.',
  fix: 'Use SecureLoadBalancer (addHttpsListener for traffic, addRedirect for port 80), or make every action of the HTTP listener '
    + 'and its rules a redirect with Protocol HTTPS.',
  evaluate: (resource): RuleProblem[] => {
    if (resource.type === 'AWS::ElasticLoadBalancingV2::ListenerRule') {
      const listener = listenerOf(resource);
      if (listener === undefined || listener.properties.Protocol !== 'HTTP') return [];
      const problem = nonRedirectProblem(resource.properties.Actions, `The rule on HTTP listener ${listener.logicalId}`);
      return problem ? [{ detail: problem }] : [];
    }
    const protocol = resource.properties.Protocol;
    if (protocol === undefined) return [];
    if (typeof protocol !== 'string') return [{ detail: 'Protocol is computed at deploy time and cannot be verified to be HTTPS.' }];
    if (protocol !== 'HTTP') return [];
    const problem = nonRedirectProblem(resource.properties.DefaultActions, 'The HTTP listener');
    return problem ? [{ detail: problem }] : [];
  },
});

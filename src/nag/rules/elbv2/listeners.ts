import { asList, referencedLogicalId, TemplateResource, TemplateValue } from '../../template/stack-template';

/** Whether `action` (a rendered listener or listener-rule action) is a redirect to HTTPS. */
export function redirectsToHttps(action: TemplateValue): boolean {
  return typeof action === 'object' && action !== null && action.Type === 'redirect' && action.RedirectConfig?.Protocol === 'HTTPS';
}

/** Why the actions of a plain-HTTP listener (or its rule) do not all redirect to HTTPS, or `undefined` when they do. */
export function nonRedirectProblem(actions: TemplateValue, what: string): string | undefined {
  const list = asList(actions);
  if (list.length === 0) return `${what} has no action: nothing redirects its requests to HTTPS.`;
  if (!Array.isArray(actions) && typeof actions === 'object' && Object.keys(actions).some((k) => k.startsWith('Fn::'))) {
    return `${what}'s actions are computed at deploy time (${Object.keys(actions)[0]}) and cannot be verified to redirect to HTTPS.`;
  }
  const other = list.filter((a) => !redirectsToHttps(a));
  if (other.length === 0) return undefined;
  return `${what} serves plain HTTP with ${other.map((a) => (typeof a?.Type === 'string' ? a.Type : JSON.stringify(a))).join(', ')} `
    + 'instead of only redirecting to HTTPS.';
}

/** The listener `rule` belongs to, when it is defined in the same template. */
export function listenerOf(rule: TemplateResource): TemplateResource | undefined {
  const id = referencedLogicalId(rule.properties.ListenerArn);
  const listener = id === undefined ? undefined : rule.template.resource(id);
  return listener?.type === 'AWS::ElasticLoadBalancingV2::Listener' ? listener : undefined;
}

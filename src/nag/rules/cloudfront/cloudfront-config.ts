import { TemplateResource, TemplateValue, asList } from '../../template/stack-template';

/**
 * Viewer security policies with TLS 1.2 or newer and only the current ciphers: TLSv1.2_2021 and later.
 * https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/secure-connections-supported-viewer-protocols-ciphers.html
 */
export const TLS12_VIEWER_POLICIES: readonly string[] = ['TLSv1.2_2021', 'TLSv1.2_2025', 'TLSv1.3_2025'];

/** The distribution's `DistributionConfig` as rendered (an empty object when absent). */
export function distributionConfigOf(distribution: TemplateResource): Record<string, TemplateValue> {
  const config = distribution.properties.DistributionConfig;
  return typeof config === 'object' && config !== null ? config : {};
}

/** The default cache behavior and every additional one, each with a label for findings. */
export function cacheBehaviorsOf(config: Record<string, TemplateValue>): Array<{ label: string; behavior: Record<string, TemplateValue> }> {
  const behaviors: Array<{ label: string; behavior: Record<string, TemplateValue> }> = [];
  if (config.DefaultCacheBehavior) behaviors.push({ label: 'DefaultCacheBehavior', behavior: config.DefaultCacheBehavior });
  asList(config.CacheBehaviors).forEach((b: TemplateValue, i: number) => {
    behaviors.push({ label: `CacheBehaviors[${i}] (${typeof b?.PathPattern === 'string' ? b.PathPattern : '?'})`, behavior: b ?? {} });
  });
  return behaviors;
}

/** Renders a template value for a finding. */
export function shown(value: TemplateValue): string {
  return value === undefined ? 'absent' : JSON.stringify(value);
}

import { distributionConfigOf, shown } from './cloudfront-config';
import { defineRule } from '../../template/fortress-rule';
import { asList } from '../../template/stack-template';

/**
 * CloudFront reaches custom origins over HTTPS only, with TLSv1.2 only: `OriginProtocolPolicy` https-only and
 * `OriginSSLProtocols` exactly TLSv1.2. AwsSolutions-CFR5 lets TLSv1.1 through.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-cloudfront-distribution-customoriginconfig.html
 */
export default defineRule(__filename, {
  resourceTypes: ['AWS::CloudFront::Distribution'],
  info: 'A CloudFront custom origin is reached over HTTP or with TLS below 1.2.',
  explanation: 'Between CloudFront and the origin, HTTP (http-only, or match-viewer) and SSLv3/TLSv1/TLSv1.1 expose the traffic on the internet path.',
  fix: 'Use SecureDistribution (origins with HTTP or old TLS refused), or set protocolPolicy HTTPS_ONLY and originSslProtocols [TLS_V1_2] on HttpOrigin / LoadBalancerV2Origin.',
  evaluate: (distribution) => asList(distributionConfigOf(distribution).Origins).flatMap((origin: any, i: number) => {
    const custom = origin?.CustomOriginConfig;
    if (custom === undefined) return [];
    const label = `Origins[${i}] (${typeof origin?.Id === 'string' ? origin.Id : '?'})`;
    const problems = [];
    if (custom.OriginProtocolPolicy !== 'https-only') problems.push({ detail: `${label} has OriginProtocolPolicy ${shown(custom.OriginProtocolPolicy)}.` });
    const protocols = asList(custom.OriginSSLProtocols);
    if (protocols.length === 0 || protocols.some((p) => p !== 'TLSv1.2')) {
      problems.push({ detail: `${label} has OriginSSLProtocols ${shown(custom.OriginSSLProtocols)} (only TLSv1.2 is accepted).` });
    }
    return problems;
  }),
});

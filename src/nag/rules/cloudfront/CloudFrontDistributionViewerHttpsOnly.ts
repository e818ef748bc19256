import { cacheBehaviorsOf, distributionConfigOf, shown } from './cloudfront-config';
import { defineRule } from '../../template/fortress-rule';

/**
 * Every cache behavior sends viewers to HTTPS (`redirect-to-https` or `https-only`): `allow-all` serves the
 * content, cookies and tokens over plain HTTP. AwsSolutions-CFR4/CFR5 check TLS versions, not this.
 */
export default defineRule(__filename, {
  resourceTypes: ['AWS::CloudFront::Distribution'],
  info: 'A CloudFront cache behavior allows viewers to use plain HTTP.',
  explanation: 'With ViewerProtocolPolicy allow-all, responses (and the cookies and tokens in requests) travel unencrypted and can be read or altered on the way.',
  fix: 'Use SecureDistribution (REDIRECT_TO_HTTPS by default, ALLOW_ALL refused), or set viewerProtocolPolicy REDIRECT_TO_HTTPS or HTTPS_ONLY on every behavior.',
  evaluate: (distribution) => cacheBehaviorsOf(distributionConfigOf(distribution))
    .filter(({ behavior }) => !['redirect-to-https', 'https-only'].includes(behavior.ViewerProtocolPolicy))
    .map(({ label, behavior }) => ({ detail: `${label} has ViewerProtocolPolicy ${shown(behavior.ViewerProtocolPolicy)}.` })),
});

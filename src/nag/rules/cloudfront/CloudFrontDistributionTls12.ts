import { distributionConfigOf, shown, TLS12_VIEWER_POLICIES } from './cloudfront-config';
import { defineRule } from '../../template/fortress-rule';

/**
 * Viewers connect with TLS 1.2 or newer: a custom certificate (ACM or IAM) served with SNI and a security policy
 * of TLSv1.2_2021 or later. With the default *.cloudfront.net certificate CloudFront uses TLSv1 whatever
 * MinimumProtocolVersion says, and so does a dedicated-IP (vip) distribution per cdk-nag's CFR4
 * (https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_ViewerCertificate.html). AwsSolutions-CFR4 passes
 * TLSv1.1_2016, TLSv1.2_2018 and TLSv1.2_2019, which still allow CBC/SHA-1 ciphers; this rule does not.
 */
export default defineRule(__filename, {
  resourceTypes: ['AWS::CloudFront::Distribution'],
  info: 'The CloudFront distribution lets viewers connect with TLS below 1.2 or with outdated ciphers.',
  explanation: 'TLS 1.0 and 1.1 are deprecated (RFC 8996) and PCI DSS forbids them; security policies before TLSv1.2_2021 also accept weak ciphers.',
  fix: 'Use SecureDistribution with a certificate and domainNames (minimumProtocolVersion TLS_V1_2_2021 by default), or set them on the distribution.',
  evaluate: (distribution) => {
    const cert = distributionConfigOf(distribution).ViewerCertificate;
    if (typeof cert !== 'object' || cert === null || cert.CloudFrontDefaultCertificate === true
      || (cert.AcmCertificateArn === undefined && cert.IamCertificateId === undefined)) {
      return [{ detail: 'The distribution uses the default *.cloudfront.net certificate, on which CloudFront accepts TLSv1.' }];
    }
    const problems = [];
    if (!TLS12_VIEWER_POLICIES.includes(cert.MinimumProtocolVersion)) {
      problems.push({ detail: `MinimumProtocolVersion is ${shown(cert.MinimumProtocolVersion)}, not one of ${TLS12_VIEWER_POLICIES.join(', ')}.` });
    }
    if (cert.SslSupportMethod !== 'sni-only') problems.push({ detail: `SslSupportMethod is ${shown(cert.SslSupportMethod)}, not sni-only.` });
    return problems;
  },
});

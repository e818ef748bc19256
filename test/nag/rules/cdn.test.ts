import { Stack } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { SecureDistribution, SecureUserPool } from '../../../src';
import { ruleTestStack, violationsOf } from '../rule-harness';

const CERT_ARN = 'arn:aws:acm:us-east-1:111122223333:certificate/abcdef01-2345-6789-abcd-ef0123456789';
const edgeStack = () => new Stack(undefined, 'RuleTest', { env: { account: '111122223333', region: 'us-east-1' } });

/** A plain aws-cdk-lib distribution with a certificate, HTTPS viewers and an HTTPS TLSv1.2 origin. */
function plainDistribution(stack: Stack, props: Partial<cloudfront.DistributionProps> = {}): cloudfront.Distribution {
  return new cloudfront.Distribution(stack, 'Cdn', {
    defaultBehavior: { origin: new origins.HttpOrigin('app.example.com'), viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS },
    certificate: acm.Certificate.fromCertificateArn(stack, 'Cert', CERT_ARN),
    domainNames: ['www.example.com'],
    minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
    ...props,
  });
}
const cfnOf = (d: cloudfront.Distribution) => d.node.defaultChild as cloudfront.CfnDistribution;
function secureDistribution(stack: Stack): SecureDistribution {
  return new SecureDistribution(stack, 'Cdn', {
    defaultBehavior: { origin: new origins.HttpOrigin('app.example.com') },
    certificate: acm.Certificate.fromCertificateArn(stack, 'Cert', CERT_ARN),
    domainNames: ['www.example.com'],
  });
}

describe('CloudFrontDistributionViewerHttpsOnly', () => {
  const RULE = 'CloudFrontDistributionViewerHttpsOnly';

  test('Noncompliance 1: aws-cdk-lib\'s default viewer policy is allow-all', () => {
    const stack = ruleTestStack();
    new cloudfront.Distribution(stack, 'Cdn', { defaultBehavior: { origin: new origins.HttpOrigin('app.example.com') } });
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Cdn/Resource']);
  });

  test('Noncompliance 2: one additional behavior allows HTTP', () => {
    const stack = ruleTestStack();
    plainDistribution(stack, { additionalBehaviors: { '/img/*': { origin: new origins.HttpOrigin('img.example.com'), viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.ALLOW_ALL } } });
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Cdn/Resource']);
  });

  test('Noncompliance 3: a SecureDistribution\'s behavior switched to allow-all by an escape hatch', () => {
    const stack = edgeStack();
    const distribution = secureDistribution(stack);
    cfnOf(distribution).addPropertyOverride('DistributionConfig.DefaultCacheBehavior.ViewerProtocolPolicy', 'allow-all');
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Cdn/Resource']);
  });

  test('Noncompliance 4: a raw distribution with the policy missing on a cache behavior', () => {
    const stack = ruleTestStack();
    new cloudfront.CfnDistribution(stack, 'Raw', {
      distributionConfig: {
        enabled: true,
        origins: [{ id: 'o', domainName: 'app.example.com', customOriginConfig: { originProtocolPolicy: 'https-only', originSslProtocols: ['TLSv1.2'] } }],
        defaultCacheBehavior: { targetOriginId: 'o', viewerProtocolPolicy: 'https-only' },
        cacheBehaviors: [{ pathPattern: '/x/*', targetOriginId: 'o', viewerProtocolPolicy: 'ALLOW-ALL' }],
      },
    });
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Raw']);
  });

  test('Compliance: redirect-to-https and https-only behaviors, SecureDistribution', () => {
    const stack = ruleTestStack();
    plainDistribution(stack, { additionalBehaviors: { '/api/*': { origin: new origins.HttpOrigin('api.example.com'), viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY } } });
    expect(violationsOf(stack, RULE)).toEqual([]);
    const edge = edgeStack();
    secureDistribution(edge);
    expect(violationsOf(edge, RULE)).toEqual([]);
  });
});

describe('CloudFrontDistributionTls12', () => {
  const RULE = 'CloudFrontDistributionTls12';

  test('Noncompliance 1: the default *.cloudfront.net certificate', () => {
    const stack = ruleTestStack();
    new cloudfront.Distribution(stack, 'Cdn', { defaultBehavior: { origin: new origins.HttpOrigin('app.example.com') } });
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Cdn/Resource']);
  });

  test('Noncompliance 2: TLSv1.2_2019, which CFR4 accepts', () => {
    const stack = ruleTestStack();
    plainDistribution(stack, { minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2019 });
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Cdn/Resource']);
  });

  test('Noncompliance 3: TLSv1.1_2016', () => {
    const stack = ruleTestStack();
    plainDistribution(stack, { minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_1_2016 });
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Cdn/Resource']);
  });

  test('Noncompliance 4: dedicated-IP (vip) SSL', () => {
    const stack = ruleTestStack();
    plainDistribution(stack, { sslSupportMethod: cloudfront.SSLMethod.VIP });
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Cdn/Resource']);
  });

  test('Noncompliance 5: a SecureDistribution lowered to TLSv1 by an escape hatch', () => {
    const stack = edgeStack();
    cfnOf(secureDistribution(stack)).addPropertyOverride('DistributionConfig.ViewerCertificate.MinimumProtocolVersion', 'TLSv1');
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Cdn/Resource']);
  });

  test('Noncompliance 6: the certificate swapped for the default one by an escape hatch', () => {
    const stack = edgeStack();
    cfnOf(secureDistribution(stack)).addPropertyOverride('DistributionConfig.ViewerCertificate', { CloudFrontDefaultCertificate: true, MinimumProtocolVersion: 'TLSv1.2_2021' });
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Cdn/Resource']);
  });

  test('Compliance: TLSv1.2_2021, TLSv1.2_2025 and TLSv1.3_2025 with SNI; SecureDistribution', () => {
    const { TLS_V1_2_2021, TLS_V1_2_2025, TLS_V1_3_2025 } = cloudfront.SecurityPolicyProtocol;
    for (const version of [TLS_V1_2_2021, TLS_V1_2_2025, TLS_V1_3_2025]) {
      const stack = ruleTestStack();
      plainDistribution(stack, { minimumProtocolVersion: version });
      expect(violationsOf(stack, RULE)).toEqual([]);
    }
    const edge = edgeStack();
    secureDistribution(edge);
    expect(violationsOf(edge, RULE)).toEqual([]);
  });
});

describe('CloudFrontDistributionOriginTls12', () => {
  const RULE = 'CloudFrontDistributionOriginTls12';

  test('Noncompliance 1: an http-only origin', () => {
    const stack = ruleTestStack();
    plainDistribution(stack, { defaultBehavior: { origin: new origins.HttpOrigin('app.example.com', { protocolPolicy: cloudfront.OriginProtocolPolicy.HTTP_ONLY }) } });
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Cdn/Resource']);
  });

  test('Noncompliance 2: a match-viewer origin', () => {
    const stack = ruleTestStack();
    plainDistribution(stack, { defaultBehavior: { origin: new origins.HttpOrigin('app.example.com', { protocolPolicy: cloudfront.OriginProtocolPolicy.MATCH_VIEWER }) } });
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Cdn/Resource']);
  });

  test('Noncompliance 3: TLSv1.1 accepted to the origin (CFR5 lets it through)', () => {
    const stack = ruleTestStack();
    plainDistribution(stack, { defaultBehavior: { origin: new origins.HttpOrigin('app.example.com', { originSslProtocols: [cloudfront.OriginSslPolicy.TLS_V1_1, cloudfront.OriginSslPolicy.TLS_V1_2] }) } });
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Cdn/Resource']);
  });

  test('Noncompliance 4: SSLv3 added to a SecureDistribution origin by an escape hatch', () => {
    const stack = edgeStack();
    cfnOf(secureDistribution(stack)).addPropertyOverride('DistributionConfig.Origins.0.CustomOriginConfig.OriginSSLProtocols', ['SSLv3', 'TLSv1.2']);
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Cdn/Resource']);
  });

  test('Noncompliance 5: a raw custom origin without OriginSSLProtocols', () => {
    const stack = ruleTestStack();
    new cloudfront.CfnDistribution(stack, 'Raw', {
      distributionConfig: {
        enabled: true,
        origins: [{ id: 'o', domainName: 'app.example.com', customOriginConfig: { originProtocolPolicy: 'https-only' } }],
        defaultCacheBehavior: { targetOriginId: 'o', viewerProtocolPolicy: 'https-only' },
      },
    });
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Raw']);
  });

  test('Compliance: HttpOrigin defaults, S3 origins with OAC, SecureDistribution', () => {
    const stack = ruleTestStack();
    plainDistribution(stack);
    expect(violationsOf(stack, RULE)).toEqual([]);
    const edge = edgeStack();
    secureDistribution(edge);
    expect(violationsOf(edge, RULE)).toEqual([]);
  });
});

describe('CognitoUserPoolMfaRequired', () => {
  const RULE = 'CognitoUserPoolMfaRequired';

  test('Noncompliance 1: aws-cdk-lib\'s default (MFA off)', () => {
    const stack = ruleTestStack();
    new cognito.UserPool(stack, 'Pool');
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Pool/Resource']);
  });

  test('Noncompliance 2: MFA optional', () => {
    const stack = ruleTestStack();
    new cognito.UserPool(stack, 'Pool', { mfa: cognito.Mfa.OPTIONAL, mfaSecondFactor: { otp: true, sms: false } });
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Pool/Resource']);
  });

  test('Noncompliance 3: a SecureUserPool switched to OPTIONAL by an escape hatch', () => {
    const stack = ruleTestStack();
    const pool = new SecureUserPool(stack, 'Pool');
    (pool.node.defaultChild as cognito.CfnUserPool).addPropertyOverride('MfaConfiguration', 'OPTIONAL');
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Pool/Resource']);
  });

  test('Compliance: MFA required, SecureUserPool', () => {
    const stack = ruleTestStack();
    new cognito.UserPool(stack, 'Plain', { mfa: cognito.Mfa.REQUIRED, mfaSecondFactor: { otp: true, sms: false } });
    new SecureUserPool(stack, 'Secure');
    expect(violationsOf(stack, RULE)).toEqual([]);
  });
});

describe('CognitoUserPoolThreatProtectionEnforced', () => {
  const RULE = 'CognitoUserPoolThreatProtectionEnforced';

  test('Noncompliance 1: the ESSENTIALS plan (aws-cdk-lib\'s default)', () => {
    const stack = ruleTestStack();
    new cognito.UserPool(stack, 'Pool');
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Pool/Resource']);
  });

  test('Noncompliance 2: PLUS in audit mode, which passes AwsSolutions-COG8', () => {
    const stack = ruleTestStack();
    new cognito.UserPool(stack, 'Pool', { featurePlan: cognito.FeaturePlan.PLUS, standardThreatProtectionMode: cognito.StandardThreatProtectionMode.AUDIT_ONLY });
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Pool/Resource']);
  });

  test('Noncompliance 3: a SecureUserPool turned to AUDIT by an escape hatch', () => {
    const stack = ruleTestStack();
    const pool = new SecureUserPool(stack, 'Pool');
    (pool.node.defaultChild as cognito.CfnUserPool).addPropertyOverride('UserPoolAddOns.AdvancedSecurityMode', 'AUDIT');
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Pool/Resource']);
  });

  test('Compliance: PLUS with full-function threat protection, SecureUserPool', () => {
    const stack = ruleTestStack();
    new cognito.UserPool(stack, 'Plain', { featurePlan: cognito.FeaturePlan.PLUS, standardThreatProtectionMode: cognito.StandardThreatProtectionMode.FULL_FUNCTION });
    new SecureUserPool(stack, 'Secure');
    expect(violationsOf(stack, RULE)).toEqual([]);
  });
});

describe('CognitoUserPoolClientNoImplicitGrant', () => {
  const RULE = 'CognitoUserPoolClientNoImplicitGrant';

  test('Noncompliance 1: aws-cdk-lib\'s default client flows include the implicit grant', () => {
    const stack = ruleTestStack();
    new cognito.UserPool(stack, 'Pool').addClient('App');
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Pool/App/Resource']);
  });

  test('Noncompliance 2: a SecureUserPool client given the implicit grant by an escape hatch', () => {
    const stack = ruleTestStack();
    const client = new SecureUserPool(stack, 'Pool').addClient('App', { oAuth: { callbackUrls: ['https://app.example.com/cb'] } });
    (client.node.defaultChild as cognito.CfnUserPoolClient).addPropertyOverride('AllowedOAuthFlows', ['code', 'implicit']);
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Pool/App/Resource']);
  });

  test('Noncompliance 3: a raw client with the implicit grant', () => {
    const stack = ruleTestStack();
    new cognito.CfnUserPoolClient(stack, 'Raw', { userPoolId: 'eu-west-1_abc', allowedOAuthFlows: ['implicit'], allowedOAuthFlowsUserPoolClient: true });
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Raw']);
  });

  test('Compliance: the code grant, client credentials, no OAuth, SecureUserPool clients', () => {
    const stack = ruleTestStack();
    const plain = new cognito.UserPool(stack, 'Plain');
    plain.addClient('Code', { oAuth: { flows: { authorizationCodeGrant: true }, callbackUrls: ['https://app.example.com/cb'] } });
    plain.addClient('NoOAuth', { disableOAuth: true });
    const secure = new SecureUserPool(stack, 'Secure');
    secure.addClient('Web', { oAuth: { callbackUrls: ['https://app.example.com/cb'] } });
    secure.addClient('Server', { generateSecret: true });
    expect(violationsOf(stack, RULE)).toEqual([]);
  });
});

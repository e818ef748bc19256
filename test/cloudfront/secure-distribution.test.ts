import { Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as fc from 'fast-check';
import { EncryptedBucket, FortressErrors, KeyPurpose, KmsKeyRing, SecureDistribution } from '../../src';
import { complianceTestApp, expectCompliant, propertyTestApp } from '../compliance';

const ENV = { account: '111122223333', region: 'us-east-1' };
const CERT_ARN = 'arn:aws:acm:us-east-1:111122223333:certificate/abcdef01-2345-6789-abcd-ef0123456789';
const ACL_ARN = 'arn:aws:wafv2:us-east-1:111122223333:global/webacl/edge/a1b2c3d4-5678-90ab-cdef-0123456789ab';
const SECURITY_HEADERS_POLICY_ID = '67f7725c-6f97-4210-82d7-5512b31e9d03';
const REASON = 'Internal preview distribution on its cloudfront.net name only: no customer traffic and no cardholder data pass through it.';

const ids = (acks: Array<{ constructPath: string; ruleId: string }>) => acks.map((a) => `${a.constructPath} ${a.ruleId}`);
const edgeStack = (compliance = false) => new Stack(compliance ? complianceTestApp() : propertyTestApp(), 'Stack', { env: ENV });
const certificateOf = (stack: Stack) => acm.Certificate.fromCertificateArn(stack, 'Cert', CERT_ARN);
const logicalId = (stack: Stack, c: { node: { defaultChild?: any } }) => stack.getLogicalId(c.node.defaultChild);

/** A distribution for an EncryptedBucket (OAC) and an HTTPS API origin, with a certificate. */
function site(stack: Stack, extra: Partial<cloudfront.DistributionProps> & Record<string, unknown> = {}) {
  const bucket = new EncryptedBucket(stack, 'Site');
  const distribution = new SecureDistribution(stack, 'Cdn', {
    defaultBehavior: { origin: origins.S3BucketOrigin.withOriginAccessControl(bucket) },
    additionalBehaviors: { '/api/*': { origin: new origins.HttpOrigin('api.example.com'), cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED } },
    certificate: certificateOf(stack),
    domainNames: ['www.example.com'],
    ...extra,
  });
  return { bucket, distribution };
}

/** What an EncryptedBucket acknowledges with its defaults (see its README section). */
const encryptedBucketAcks = (path: string) => [
  `${path} HIPAA.Security-S3BucketReplicationEnabled`,
  `${path} NIST.800.53.R4-S3BucketDefaultLockEnabled`,
  `${path} NIST.800.53.R4-S3BucketReplicationEnabled`,
  `${path} NIST.800.53.R5-S3BucketReplicationEnabled`,
  `${path} PCI.DSS.321-S3BucketReplicationEnabled`,
];
/** What the stack's shared AccessLogsBucket acknowledges (see its README section). */
const ACCESS_LOGS_BUCKET_ACKS = [
  'AwsSolutions-S1', 'Fortress-S3BucketKmsEncrypted', 'HIPAA.Security-S3BucketLoggingEnabled', 'HIPAA.Security-S3BucketReplicationEnabled',
  'HIPAA.Security-S3DefaultEncryptionKMS', 'NIST.800.53.R4-S3BucketDefaultLockEnabled', 'NIST.800.53.R4-S3BucketLoggingEnabled',
  'NIST.800.53.R4-S3BucketReplicationEnabled', 'NIST.800.53.R5-S3BucketLoggingEnabled', 'NIST.800.53.R5-S3BucketReplicationEnabled',
  'NIST.800.53.R5-S3DefaultEncryptionKMS', 'PCI.DSS.321-S3BucketLoggingEnabled', 'PCI.DSS.321-S3BucketReplicationEnabled', 'PCI.DSS.321-S3DefaultEncryptionKMS',
].map((rule) => `Stack/FortressAccessLogs ${rule}`);

/**
 * The acknowledgments a SecureDistribution makes (documented in the README): legacy-logging CFR3 on the distribution,
 * plus the defaults of the EncryptedBucket it creates for its access logs and of the stack's AccessLogsBucket.
 */
const ALWAYS_ACKNOWLEDGED = ['Stack/Cdn AwsSolutions-CFR3', ...encryptedBucketAcks('Stack/Cdn/AccessLogs'), ...ACCESS_LOGS_BUCKET_ACKS];

describe('SecureDistribution', () => {
  test('GIVEN a certificate THEN TLSv1.2_2021 with SNI and the domain names', () => {
    const stack = edgeStack();
    site(stack);
    Template.fromStack(stack).hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        Aliases: ['www.example.com'],
        ViewerCertificate: { AcmCertificateArn: CERT_ARN, MinimumProtocolVersion: 'TLSv1.2_2021', SslSupportMethod: 'sni-only' },
      }),
    });
  });

  test('every behavior redirects HTTP to HTTPS and sends the security headers (HSTS)', () => {
    const stack = edgeStack();
    site(stack);
    const behavior = Match.objectLike({ ViewerProtocolPolicy: 'redirect-to-https', ResponseHeadersPolicyId: SECURITY_HEADERS_POLICY_ID });
    Template.fromStack(stack).hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({ DefaultCacheBehavior: behavior, CacheBehaviors: [behavior] }),
    });
  });

  test('a behavior\'s own HTTPS_ONLY policy and response headers policy are kept', () => {
    const stack = edgeStack();
    const policy = new cloudfront.ResponseHeadersPolicy(stack, 'Strict', {
      securityHeadersBehavior: {
        strictTransportSecurity: { accessControlMaxAge: Duration.days(730), includeSubdomains: true, preload: true, override: true },
      },
    });
    const origin = new origins.HttpOrigin('app.example.com');
    site(stack, { defaultBehavior: { origin, viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY, responseHeadersPolicy: policy } });
    Template.fromStack(stack).hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        DefaultCacheBehavior: Match.objectLike({ ViewerProtocolPolicy: 'https-only', ResponseHeadersPolicyId: { Ref: logicalId(stack, policy) } }),
      }),
    });
  });

  test('custom origins are reached over HTTPS with TLSv1.2 only', () => {
    const stack = edgeStack();
    site(stack);
    Template.fromStack(stack).hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        Origins: Match.arrayWith([Match.objectLike({ DomainName: 'api.example.com', CustomOriginConfig: { OriginProtocolPolicy: 'https-only', OriginSSLProtocols: ['TLSv1.2'] } })]),
      }),
    });
  });

  test('an EncryptedBucket origin: origin access control, a bucket policy for this distribution, and its key lets CloudFront decrypt', () => {
    const stack = edgeStack();
    const { bucket, distribution } = site(stack);
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::CloudFront::OriginAccessControl', 1);
    template.resourceCountIs('AWS::CloudFront::CloudFrontOriginAccessIdentity', 0);
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        Origins: Match.arrayWith([Match.objectLike({ OriginAccessControlId: Match.anyValue(), S3OriginConfig: { OriginAccessIdentity: '' } })]),
      }),
    });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: logicalId(stack, bucket) },
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({
          Effect: 'Allow',
          Principal: { Service: 'cloudfront.amazonaws.com' },
          Action: 's3:GetObject',
          Condition: { StringEquals: { 'AWS:SourceArn': Match.objectLike({ 'Fn::Join': Match.arrayWith([Match.arrayWith([{ Ref: logicalId(stack, distribution) }])]) }) } },
        })]),
      },
    });
    template.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: { Statement: Match.arrayWith([Match.objectLike({ Principal: { Service: 'cloudfront.amazonaws.com' }, Action: 'kms:Decrypt', Condition: { ArnLike: { 'AWS:SourceArn': Match.anyValue() } } })]) },
    });
    expect(bucket.encryptionKey).toBe(KmsKeyRing.of(stack).key(KeyPurpose.DATA));
  });

  test('access logs: standard logging v2 into an encrypted bucket for this delivery source only, no legacy logging', () => {
    const stack = edgeStack();
    const { distribution } = site(stack);
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::CloudFront::Distribution', { DistributionConfig: Match.objectLike({ Logging: Match.absent() }) });
    template.hasResourceProperties('AWS::Logs::DeliverySource', {
      LogType: 'ACCESS_LOGS',
      ResourceArn: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':cloudfront::111122223333:distribution/', { Ref: logicalId(stack, distribution) }]] },
    });
    template.hasResourceProperties('AWS::Logs::DeliveryDestination', { DestinationResourceArn: { 'Fn::GetAtt': [logicalId(stack, distribution.accessLogsBucket as s3.Bucket), 'Arn'] } });
    template.hasResource('AWS::Logs::Delivery', { DependsOn: Match.arrayWith([Match.stringLikeRegexp('CdnAccessLogsPolicy')]) });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({
          Sid: 'CloudFrontAccessLogDelivery',
          Principal: { Service: 'delivery.logs.amazonaws.com' },
          Action: 's3:PutObject',
          Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } }, ArnLike: { 'aws:SourceArn': Match.anyValue() } },
        })]),
      },
    });
    expect(distribution.accessLogsBucket).toBeInstanceOf(EncryptedBucket);
    expect(distribution.accessLogsBucket.encryptionKey).toBe(KmsKeyRing.of(stack).key(KeyPurpose.LOGS));
  });

  test('the stack\'s CLOUDFRONT-scope SecureWebAcl is created once, shared and attached by default; an own webAclId replaces it', () => {
    const stack = edgeStack();
    const { distribution } = site(stack);
    const second = new SecureDistribution(stack, 'Second', { defaultBehavior: { origin: new origins.HttpOrigin('b.example.com') }, defaultCertificateReason: REASON });
    expect(second.webAcl).toBe(distribution.webAcl);
    expect(distribution.webAcl!.node.path).toBe('Stack/FortressCloudFrontWebAcl');
    Template.fromStack(stack).resourceCountIs('AWS::WAFv2::WebACL', 1);
    Template.fromStack(stack).hasResourceProperties('AWS::WAFv2::WebACL', { Scope: 'CLOUDFRONT' });
    Template.fromStack(stack).hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({ WebACLId: { 'Fn::GetAtt': [logicalId(stack, distribution.webAcl!), 'Arn'] } }),
    });

    const other = edgeStack();
    const own = site(other, { webAclId: ACL_ARN }).distribution;
    expect(own.webAcl).toBeUndefined();
    Template.fromStack(other).resourceCountIs('AWS::WAFv2::WebACL', 0);
    Template.fromStack(other).hasResourceProperties('AWS::CloudFront::Distribution', { DistributionConfig: Match.objectLike({ WebACLId: ACL_ARN }) });
  });

  test('shieldAdvanced protects the distribution, with health-based detection', () => {
    const stack = edgeStack();
    const { distribution } = site(stack, { shieldAdvanced: true, shieldHealthCheckArns: ['arn:aws:route53:::healthcheck/abcdef01-2345-6789-abcd-ef0123456789'] });
    Template.fromStack(stack).hasResourceProperties('AWS::Shield::Protection', {
      ResourceArn: stack.resolve(distribution.distributionArn),
      HealthCheckArns: ['arn:aws:route53:::healthcheck/abcdef01-2345-6789-abcd-ef0123456789'],
    });
    expect(Template.fromStack(edgeStack()).findResources('AWS::Shield::Protection')).toEqual({});
  });

  test('addBehavior after construction is hardened the same way, and ALLOW_ALL or HTTP origins are refused', () => {
    const stack = edgeStack();
    const { distribution } = site(stack);
    distribution.addBehavior('/late/*', new origins.HttpOrigin('late.example.com'));
    Template.fromStack(stack).hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        CacheBehaviors: Match.arrayWith([Match.objectLike({ PathPattern: '/late/*', ViewerProtocolPolicy: 'redirect-to-https', ResponseHeadersPolicyId: SECURITY_HEADERS_POLICY_ID })]),
      }),
    });
    expect(() => distribution.addBehavior('/open/*', new origins.HttpOrigin('open.example.com'), { viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.ALLOW_ALL }))
      .toThrow("[cdk-fortress] Stack/Cdn: invalid 'addBehavior('/open/*').viewerProtocolPolicy'");
    expect(() => distribution.addBehavior('/plain/*', new origins.HttpOrigin('plain.example.com', { protocolPolicy: cloudfront.OriginProtocolPolicy.HTTP_ONLY })))
      .toThrow("[cdk-fortress] Stack/Cdn: invalid 'addBehavior('/plain/*').origin.protocolPolicy'");
  });

  test('drop-in: it is a cloudfront.Distribution', () => {
    const { distribution } = site(edgeStack());
    expect(distribution).toBeInstanceOf(cloudfront.Distribution);
  });
});

describe('SecureDistribution compliance (all six packs + FortressChecks, stack in us-east-1)', () => {
  test('GIVEN an S3 and an HTTPS origin with a certificate THEN compliant, acknowledging legacy-logging CFR3 and the documented bucket defaults', () => {
    const stack = edgeStack(true);
    site(stack);
    expect(ids(expectCompliant(stack).acknowledgments)).toEqual([...ALWAYS_ACKNOWLEDGED, ...encryptedBucketAcks('Stack/Site')]);
  });

  test('GIVEN the default certificate with a reason THEN CFR4 and Fortress-CloudFrontDistributionTls12 are acknowledged too', () => {
    const stack = edgeStack(true);
    new SecureDistribution(stack, 'Cdn', { defaultBehavior: { origin: new origins.HttpOrigin('app.example.com') }, defaultCertificateReason: REASON });
    expect(ids(expectCompliant(stack).acknowledgments)).toEqual([
      'Stack/Cdn AwsSolutions-CFR3',
      'Stack/Cdn AwsSolutions-CFR4',
      'Stack/Cdn Fortress-CloudFrontDistributionTls12',
      ...ALWAYS_ACKNOWLEDGED.slice(1),
    ]);
  });

  test('property: random valid props always synthesize compliant', () => {
    fc.assert(fc.property(fc.record({
      tls: fc.constantFrom(undefined, cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021, cloudfront.SecurityPolicyProtocol.TLS_V1_2_2025,
        cloudfront.SecurityPolicyProtocol.TLS_V1_3_2025),
      viewer: fc.constantFrom(undefined, cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS, cloudfront.ViewerProtocolPolicy.HTTPS_ONLY),
      priceClass: fc.constantFrom(undefined, cloudfront.PriceClass.PRICE_CLASS_100, cloudfront.PriceClass.PRICE_CLASS_ALL),
      geo: fc.boolean(),
      httpVersion: fc.constantFrom(undefined, cloudfront.HttpVersion.HTTP2_AND_3),
    }), (p) => {
      const stack = edgeStack(true);
      new SecureDistribution(stack, 'Cdn', {
        defaultBehavior: { origin: new origins.HttpOrigin('app.example.com'), viewerProtocolPolicy: p.viewer },
        certificate: certificateOf(stack),
        domainNames: ['app.example.com'],
        minimumProtocolVersion: p.tls,
        priceClass: p.priceClass,
        geoRestriction: p.geo ? cloudfront.GeoRestriction.allowlist('DE', 'FR', 'US') : undefined,
        httpVersion: p.httpVersion,
      });
      expect(ids(expectCompliant(stack).acknowledgments)).toEqual(ALWAYS_ACKNOWLEDGED);
    }), { numRuns: 3 });
  });
});

describe('SecureDistribution rejects invalid input before creating anything', () => {
  const PREFIX = '[cdk-fortress] Stack/Cdn: ';
  const attempt = (props: (stack: Stack) => any, region = 'us-east-1'): unknown => {
    const stack = new Stack(propertyTestApp(), 'Stack', { env: { account: '111122223333', region } });
    try {
      new SecureDistribution(stack, 'Cdn', props(stack));
    } catch (e) {
      if (stack.node.tryFindChild('Cdn') !== undefined) throw new Error('Cdn was refused but left constructs behind');
      return e;
    }
    return undefined;
  };
  const app = () => new origins.HttpOrigin('app.example.com');
  const valid = (stack: Stack) => ({ defaultBehavior: { origin: app() }, certificate: certificateOf(stack), domainNames: ['www.example.com'] });

  test.each<[string, (stack: Stack) => any, string]>([
    ['no certificate and no reason', () => ({ defaultBehavior: { origin: app() } }), "invalid 'certificate': is required (with domainNames)"],
    ['a stock default-certificate reason', () => ({ defaultBehavior: { origin: app() }, defaultCertificateReason: 'accepted risk' }), "invalid 'defaultCertificateReason'"],
    ['a reason beside a certificate', (s) => ({ ...valid(s), defaultCertificateReason: REASON }), "invalid 'defaultCertificateReason': cannot be combined with 'certificate'"],
    ['a certificate without domain names', (s) => ({ ...valid(s), domainNames: undefined }), "invalid 'domainNames': is required with a certificate"],
    ['ALLOW_ALL on the default behavior', (s) => ({ ...valid(s), defaultBehavior: { origin: app(), viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.ALLOW_ALL } }),
      "invalid 'defaultBehavior.viewerProtocolPolicy': must be REDIRECT_TO_HTTPS or HTTPS_ONLY"],
    ['ALLOW_ALL on an additional behavior', (s) => ({ ...valid(s), additionalBehaviors: { '/img/*': { origin: app(), viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.ALLOW_ALL } } }),
      "invalid 'additionalBehaviors['/img/*'].viewerProtocolPolicy'"],
    ['TLSv1.2_2019', (s) => ({ ...valid(s), minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2019 }), "invalid 'minimumProtocolVersion': must be one of TLSv1.2_2021"],
    ['TLSv1', (s) => ({ ...valid(s), minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1 }), "invalid 'minimumProtocolVersion'"],
    ['a minimum version without a certificate', () => ({ defaultBehavior: { origin: app() }, defaultCertificateReason: REASON, minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021 }),
      "invalid 'minimumProtocolVersion': needs a certificate"],
    ['dedicated-IP SSL', (s) => ({ ...valid(s), sslSupportMethod: cloudfront.SSLMethod.VIP }), "invalid 'sslSupportMethod': must be SSLMethod.SNI"],
    ['an HTTP-only origin', (s) => ({ ...valid(s), defaultBehavior: { origin: new origins.HttpOrigin('app.example.com', { protocolPolicy: cloudfront.OriginProtocolPolicy.HTTP_ONLY }) } }),
      "invalid 'defaultBehavior.origin.protocolPolicy': must be OriginProtocolPolicy.HTTPS_ONLY"],
    ['a match-viewer origin', (s) => ({ ...valid(s), defaultBehavior: { origin: new origins.HttpOrigin('app.example.com', { protocolPolicy: cloudfront.OriginProtocolPolicy.MATCH_VIEWER }) } }),
      "invalid 'defaultBehavior.origin.protocolPolicy'"],
    ['an origin accepting TLSv1.1', (s) => ({ ...valid(s), defaultBehavior: { origin: new origins.HttpOrigin('app.example.com', { originSslProtocols: [cloudfront.OriginSslPolicy.TLS_V1_1, cloudfront.OriginSslPolicy.TLS_V1_2] }) } }),
      "invalid 'defaultBehavior.origin.originSslProtocols': must be [OriginSslPolicy.TLS_V1_2]"],
    ['an HTTP origin hidden in an origin group', (s) => ({
      ...valid(s),
      defaultBehavior: {
        origin: new origins.OriginGroup({
          primaryOrigin: app(), fallbackOrigin: new origins.HttpOrigin('b.example.com', { protocolPolicy: cloudfront.OriginProtocolPolicy.HTTP_ONLY }),
        }),
      },
    }), "invalid 'defaultBehavior.origin.protocolPolicy'"],
    ['an S3 origin with a legacy origin access identity', (s) => ({ ...valid(s), defaultBehavior: { origin: origins.S3BucketOrigin.withOriginAccessIdentity(new EncryptedBucket(s, 'B')) } }),
      "invalid 'defaultBehavior.origin': must use origin access control"],
    ['an S3 origin without access control (public bucket)', (s) => ({ ...valid(s), defaultBehavior: { origin: origins.S3BucketOrigin.withBucketDefaults(new EncryptedBucket(s, 'B')) } }),
      "invalid 'defaultBehavior.origin': must use origin access control"],
    ['an S3 website endpoint', (s) => ({ ...valid(s), defaultBehavior: { origin: new origins.S3StaticWebsiteOrigin(new s3.Bucket(s, 'W', { websiteIndexDocument: 'index.html' })) } }),
      "invalid 'defaultBehavior.origin'"],
    ['legacy logging', (s) => ({ ...valid(s), enableLogging: true }), "invalid 'enableLogging': must not be set: legacy logging writes with object ACLs"],
    ['a legacy log bucket', (s) => ({ ...valid(s), logBucket: new s3.Bucket(s, 'L') }), "invalid 'logBucket': must not be set"],
    ['a regional web ACL ARN', (s) => ({ ...valid(s), webAclId: 'arn:aws:wafv2:eu-west-1:111122223333:regional/webacl/app/a1b2c3d4' }), "invalid 'webAclId': must be the ARN of a CLOUDFRONT-scope WAFv2 web ACL"],
    ['a WAF Classic web ACL id', (s) => ({ ...valid(s), webAclId: '473e64fd-f30b-4765-81a0-62ad96dd167a' }), "invalid 'webAclId'"],
    ['health checks without Shield Advanced', (s) => ({ ...valid(s), shieldHealthCheckArns: ['arn:aws:route53:::healthcheck/abcdef01'] }), "invalid 'shieldHealthCheckArns': requires shieldAdvanced: true"],
    ['no default behavior', () => ({ defaultCertificateReason: REASON }), "invalid 'defaultBehavior': is required"],
  ])('%s', (_name, props, message) => {
    const error = attempt(props);
    expect(FortressErrors.isFortressError(error)).toBe(true);
    expect((error as Error).message).toContain(PREFIX + message);
  });

  test('a stack outside us-east-1 is refused, with where to put the distribution instead', () => {
    const error = attempt((s) => ({ ...valid(s), webAclId: ACL_ARN }), 'eu-west-1');
    expect(FortressErrors.isFortressError(error)).toBe(true);
    expect((error as Error).message).toContain(`${PREFIX}invalid 'stack region': must be us-east-1`);
    expect((error as Error).message).toContain('edge stack');
  });

  test.each([undefined, null])('JavaScript callers passing %p props are told what is required', (props) => {
    const error = attempt(() => props);
    expect((error as Error).message).toContain(`${PREFIX}invalid 'defaultBehavior': is required`);
  });
});

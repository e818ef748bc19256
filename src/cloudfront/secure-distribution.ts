import { Annotations, Aws, Names, Stack, Token } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { Acknowledgments, assertExplainingReason } from '../core/acknowledgments';
import { propsOf } from '../core/construct-args';
import { FortressError } from '../core/fortress-error';
import { pathOf, PropChecks } from '../core/prop-checks';
import { RuleGroup } from '../core/rule-group';
import { stackSingleton } from '../core/stack-singleton';
import { KeyPurpose } from '../kms/key-purpose';
import { KeyService } from '../kms/key-service';
import { vendedLogDeliveryStatement } from '../kms/key-service-grants';
import { KmsKeyRing } from '../kms/kms-key-ring';
import { EncryptedBucket } from '../s3/encrypted-bucket';
import { ShieldProtection } from '../shield/shield-protection';
import { SecureWebAcl, WebAclScope } from '../wafv2/secure-web-acl';

/**
 * CloudFront's control plane, its CLOUDFRONT-scope web ACLs and its standard logging (v2) delivery sources live in
 * US East (N. Virginia): a web ACL for CloudFront must be created there
 * (https://docs.aws.amazon.com/waf/latest/developerguide/how-aws-waf-works-resources.html), and CloudFront's
 * access-log delivery source is created through the CloudWatch Logs API in us-east-1
 * (https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/standard-logging.html).
 */
const CLOUDFRONT_REGION = 'us-east-1';

/**
 * Viewer security policies accepted: TLS 1.2 or newer with current ciphers only.
 * https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/secure-connections-supported-viewer-protocols-ciphers.html
 */
const TLS12_POLICIES: readonly cloudfront.SecurityPolicyProtocol[] = [
  cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021, cloudfront.SecurityPolicyProtocol.TLS_V1_2_2025, cloudfront.SecurityPolicyProtocol.TLS_V1_3_2025,
];

/** A WAFv2 web ACL ARN of CloudFront scope (`global`), as CloudFront's WebACLId takes it. */
const CLOUDFRONT_WEB_ACL_ARN = /^arn:aws[a-z-]*:wafv2:us-east-1:\d{12}:global\/webacl\/[\w-]+\/[a-f0-9-]+$/;

/**
 * Properties of a {@link SecureDistribution}: those of `cloudfront.Distribution`, with secure defaults and the
 * insecure choices refused, plus a few of its own.
 */
export interface SecureDistributionProps extends cloudfront.DistributionProps {
  /**
   * Why this distribution serves on its `*.cloudfront.net` name, without a certificate of your own. On the default
   * certificate CloudFront accepts TLSv1 from viewers whatever the minimum protocol version says
   * (https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_ViewerCertificate.html), so it fails
   * AwsSolutions-CFR4 and Fortress-CloudFrontDistributionTls12: the reason is recorded as their acknowledgment.
   * Not with `certificate`.
   *
   * @default - none: `certificate` and `domainNames` are required
   */
  readonly defaultCertificateReason?: string;

  /**
   * The bucket CloudFront's access logs (standard logging v2, through CloudWatch Logs vended log delivery) go to.
   * It must be encrypted with the ring's logs key (or S3-managed keys); delivery is allowed in its bucket policy for
   * this distribution's delivery source only. Legacy logging (`enableLogging`, `logBucket`) is refused: it needs
   * object ACLs, which EncryptedBucket disables, so it would fail at deploy time.
   *
   * @default - an EncryptedBucket created for the logs (`<distribution>/AccessLogs`), encrypted with the ring's logs key
   */
  readonly accessLogsBucket?: s3.IBucket;

  /**
   * The key ring whose logs key encrypts the access-log bucket created here.
   *
   * @default - the stack's shared ring, `KmsKeyRing.of(this)`
   */
  readonly keyRing?: KmsKeyRing;

  /**
   * Protect the distribution with Shield Advanced (a {@link ShieldProtection}). Explicit opt-in: the account must be
   * subscribed to Shield Advanced, which costs $3,000 a month per organization (one-year commitment).
   *
   * @default false (Shield Standard, free and always on)
   */
  readonly shieldAdvanced?: boolean;

  /**
   * Route 53 health checks for Shield Advanced's health-based detection (with `shieldAdvanced`).
   *
   * @default - none
   */
  readonly shieldHealthCheckArns?: string[];
}

/**
 * A CloudFront distribution that is compliant once it has its origin and certificate, and a drop-in
 * `cloudfront.Distribution`.
 *
 * Viewers on HTTPS only (HTTP redirected, ALLOW_ALL refused), TLSv1.2_2021 or newer with SNI, the managed
 * SecurityHeadersPolicy (HSTS, nosniff, frame options, referrer policy) on every behavior without a policy of its
 * own, HTTPS with TLS 1.2 only to custom origins, origin access control for S3 origins
 * (`S3BucketOrigin.withOriginAccessControl`: the bucket policy admits this distribution, the bucket's KMS key lets
 * CloudFront decrypt; OAI and public-bucket origins are refused), access logs through standard logging v2 into an
 * encrypted bucket, and the stack's CLOUDFRONT-scope SecureWebAcl (one per stack, shared). The stack must be in us-east-1: put the distribution in an
 * edge stack there (origins in other regions by domain name or `crossRegionReferences`).
 *
 * @example
 * declare const stack: Stack;
 * declare const certificate: acm.ICertificate;
 * declare const site: EncryptedBucket;
 * new SecureDistribution(stack, 'Site', {
 *   defaultBehavior: { origin: origins.S3BucketOrigin.withOriginAccessControl(site) },
 *   certificate,
 *   domainNames: ['www.example.com'],
 * });
 */
export class SecureDistribution extends cloudfront.Distribution {
  /**
   * The stack's shared CLOUDFRONT-scope web ACL (`FortressCloudFrontWebAcl`) attached to this distribution, created on first
   * use; undefined when `webAclId` was given.
   */
  public readonly webAcl?: SecureWebAcl;
  /** Where the access logs go. */
  public readonly accessLogsBucket: s3.IBucket;
  /** The standard logging (v2) delivery of this distribution's access logs to `accessLogsBucket`. */
  public readonly accessLogDelivery: logs.CfnDelivery;
  /** The Shield Advanced protection, with `shieldAdvanced`. */
  public readonly shieldProtection?: ShieldProtection;

  constructor(scope: Construct, id: string, props: SecureDistributionProps) {
    const p = propsOf(scope, id, props);
    const path = pathOf(scope, id);
    validate(path, Stack.of(scope), p);
    const harden = (b: cloudfront.BehaviorOptions): cloudfront.BehaviorOptions => ({
      ...b,
      viewerProtocolPolicy: b.viewerProtocolPolicy ?? cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      responseHeadersPolicy: b.responseHeadersPolicy ?? cloudfront.ResponseHeadersPolicy.SECURITY_HEADERS,
    });
    const additionalBehaviors = p.additionalBehaviors === undefined ? undefined
      : Object.fromEntries(Object.entries(p.additionalBehaviors).map(([pattern, b]) => [pattern, harden(b)]));
    super(scope, id, {
      ...p,
      defaultBehavior: harden(p.defaultBehavior),
      additionalBehaviors,
      minimumProtocolVersion: p.certificate ? (p.minimumProtocolVersion ?? cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021) : undefined,
      sslSupportMethod: p.certificate ? cloudfront.SSLMethod.SNI : undefined,
      webAclId: p.webAclId,
      enableLogging: undefined,
      logBucket: undefined,
      logFilePrefix: undefined,
      logIncludesCookies: undefined,
    });
    if (p.webAclId === undefined) {
      // One CLOUDFRONT-scope web ACL per stack, shared by its distributions ($5 a month and $1 per rule each).
      this.webAcl = stackSingleton(this, 'FortressCloudFrontWebAcl', SecureWebAcl,
        (stack, aclId) => new SecureWebAcl(stack, aclId, { scope: WebAclScope.CLOUDFRONT, keyRing: p.keyRing }));
      this.attachWebAclId(this.webAcl.webAclArn);
    }

    const ring = p.keyRing ?? KmsKeyRing.of(this);
    this.accessLogsBucket = p.accessLogsBucket ?? this.createAccessLogsBucket(ring);
    this.accessLogDelivery = this.deliverAccessLogs(ring, this.accessLogsBucket);

    if (!p.certificate) {
      Acknowledgments.acknowledgeGroup(this, RuleGroup.CLOUDFRONT_VIEWER_TLS,
        `This distribution serves on its *.cloudfront.net name without a certificate of its own, chosen explicitly: ${p.defaultCertificateReason!.trim()}`);
    }
    Acknowledgments.acknowledge(this, 'AwsSolutions-CFR3',
      'Access logs are delivered by CloudFront standard logging (v2) to an encrypted S3 bucket (AWS::Logs::Delivery on this '
      + 'distribution); AwsSolutions-CFR3 only recognizes legacy logging, which needs object ACLs that the bucket disables.');
    if (p.shieldAdvanced) {
      this.shieldProtection = new ShieldProtection(this, 'ShieldProtection', { resourceArn: this.distributionArn, healthCheckArns: p.shieldHealthCheckArns });
    }
  }

  /**
   * Adds a behavior with the same hardening as the constructor's: HTTPS for viewers (REDIRECT_TO_HTTPS unless
   * HTTPS_ONLY is given; ALLOW_ALL refused), the managed SecurityHeadersPolicy unless a policy is given, and origins
   * over HTTPS with TLS 1.2 (S3 origins with origin access control).
   */
  public addBehavior(pathPattern: string, origin: cloudfront.IOrigin, behaviorOptions?: cloudfront.AddBehaviorOptions): void {
    const options = behaviorOptions ?? {};
    validateBehavior(this.node.path, `addBehavior('${pathPattern}')`, { ...options, origin });
    super.addBehavior(pathPattern, origin, {
      ...options,
      viewerProtocolPolicy: options.viewerProtocolPolicy ?? cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      responseHeadersPolicy: options.responseHeadersPolicy ?? cloudfront.ResponseHeadersPolicy.SECURITY_HEADERS,
    });
  }

  /** An EncryptedBucket for the access logs, encrypted with the ring's logs key (vended log delivery enabled on it). */
  private createAccessLogsBucket(ring: KmsKeyRing): s3.IBucket {
    return new EncryptedBucket(this, 'AccessLogs', { encryptionKey: ring.key(KeyPurpose.LOGS) });
  }

  /**
   * Standard logging (v2): a delivery source for this distribution's ACCESS_LOGS, an S3 delivery destination, and the
   * delivery between them. The bucket policy lets delivery.logs.amazonaws.com write for this delivery source only
   * (aws:SourceAccount, aws:SourceArn), and the bucket's key lets it encrypt.
   * https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/AWS-logs-infrastructure-V2-S3.html
   */
  private deliverAccessLogs(ring: KmsKeyRing, bucket: s3.IBucket): logs.CfnDelivery {
    const name = Names.uniqueResourceName(this, { maxLength: 60, separator: '-' });
    const source = new logs.CfnDeliverySource(this, 'AccessLogSource', {
      name,
      logType: 'ACCESS_LOGS',
      resourceArn: this.distributionArn,
    });
    const destination = new logs.CfnDeliveryDestination(this, 'AccessLogDestination', {
      name,
      destinationResourceArn: bucket.bucketArn,
    });
    const sourceArn = `arn:${Aws.PARTITION}:logs:${CLOUDFRONT_REGION}:${Aws.ACCOUNT_ID}:delivery-source:${name}`;
    const delivery = new iam.ServicePrincipal('delivery.logs.amazonaws.com');
    const conditions = { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID }, ArnLike: { 'aws:SourceArn': sourceArn } };
    const added = bucket.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'CloudFrontAccessLogDelivery',
      principals: [delivery],
      actions: ['s3:PutObject'],
      resources: [bucket.arnForObjects('*')],
      conditions,
    })).statementAdded;
    if (!added) {
      Annotations.of(this).addWarningV2('cdk-fortress:accessLogsBucketPolicy',
        'accessLogsBucket is imported: allow delivery.logs.amazonaws.com s3:PutObject in its bucket policy (aws:SourceArn this delivery source)');
    }
    const key = bucket.encryptionKey;
    if (key !== undefined && key === ring.key(KeyPurpose.LOGS)) {
      ring.enableService(KeyPurpose.LOGS, KeyService.LOG_DELIVERY);
    } else if (key instanceof kms.Key) {
      key.addToResourcePolicy(vendedLogDeliveryStatement());
    } else if (key !== undefined) {
      Annotations.of(this).addWarningV2('cdk-fortress:accessLogsBucketKey',
        'accessLogsBucket is encrypted with an imported key: allow delivery.logs.amazonaws.com to use it in that key\'s policy');
    }
    const cfnDelivery = new logs.CfnDelivery(this, 'AccessLogDelivery', {
      deliverySourceName: source.ref,
      deliveryDestinationArn: destination.attrArn,
    });
    // The delivery checks its permissions when it is created: after the bucket policy that grants them.
    const policy = bucket.policy?.node.defaultChild;
    if (policy instanceof s3.CfnBucketPolicy) cfnDelivery.node.addDependency(policy);
    return cfnDelivery;
  }
}

/** The origins a behavior reaches (an origin group's members included). */
function originsOf(origin: cloudfront.IOrigin): cloudfront.IOrigin[] {
  const group = (origin as any)?.props;
  if (origin instanceof origins.OriginGroup && group) return [group.primaryOrigin, group.fallbackOrigin].filter(Boolean).flatMap(originsOf);
  return [origin];
}

/** Refuses origins that reach their server over HTTP or old TLS, and S3 origins without origin access control. */
function validateOrigin(path: string, prop: string, origin: cloudfront.IOrigin): void {
  const anyOrigin = origin as any;
  if (origin === undefined || origin === null || typeof anyOrigin.bind !== 'function') throw FortressError.invalidProp(path, prop, 'must be a CloudFront origin', origin);
  if (origin instanceof origins.S3BucketOrigin && !('originAccessLevels' in anyOrigin)) {
    throw FortressError.invalidProp(path, prop, 'must use origin access control: S3BucketOrigin.withOriginAccessControl(bucket) '
      + '(origin access identities are legacy, and an origin without either needs a public bucket)');
  }
  if (anyOrigin.constructor?.name === 'S3Origin') {
    throw FortressError.invalidProp(path, prop, 'must use origin access control: S3BucketOrigin.withOriginAccessControl(bucket) (S3Origin uses a legacy origin access identity)');
  }
  if (origin instanceof origins.S3StaticWebsiteOrigin) {
    throw FortressError.invalidProp(path, prop, 'must not be an S3 website endpoint (they serve HTTP only): use S3BucketOrigin.withOriginAccessControl(bucket)');
  }
  if (typeof anyOrigin.renderCustomOriginConfig === 'function') {
    const config = anyOrigin.renderCustomOriginConfig() as cloudfront.CfnDistribution.CustomOriginConfigProperty | undefined;
    if (config === undefined) return;
    if (config.originProtocolPolicy !== cloudfront.OriginProtocolPolicy.HTTPS_ONLY) {
      throw FortressError.invalidProp(path, `${prop}.protocolPolicy`, 'must be OriginProtocolPolicy.HTTPS_ONLY: CloudFront must reach the origin over TLS', config.originProtocolPolicy);
    }
    const protocols = config.originSslProtocols ?? [];
    if (!Token.isUnresolved(protocols) && (protocols.length === 0 || protocols.some((v) => v !== cloudfront.OriginSslPolicy.TLS_V1_2))) {
      throw FortressError.invalidProp(path, `${prop}.originSslProtocols`, 'must be [OriginSslPolicy.TLS_V1_2] (SSLv3, TLSv1 and TLSv1.1 are broken or deprecated)', protocols);
    }
  }
}

function validateBehavior(path: string, prop: string, b: cloudfront.BehaviorOptions): void {
  if (b === undefined || b === null || typeof b !== 'object') throw FortressError.invalidProp(path, prop, 'is required: the behavior with its origin', b);
  if (b.viewerProtocolPolicy === cloudfront.ViewerProtocolPolicy.ALLOW_ALL) {
    throw FortressError.invalidProp(path, `${prop}.viewerProtocolPolicy`, 'must be REDIRECT_TO_HTTPS or HTTPS_ONLY: ALLOW_ALL serves content and cookies over plain HTTP', b.viewerProtocolPolicy);
  }
  new PropChecks(path).oneOf(`${prop}.viewerProtocolPolicy`, b.viewerProtocolPolicy, [cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS, cloudfront.ViewerProtocolPolicy.HTTPS_ONLY]);
  for (const origin of originsOf(b.origin)) validateOrigin(path, `${prop}.origin`, origin);
}

function validate(path: string, stack: Stack, p: SecureDistributionProps): void {
  const check = new PropChecks(path);
  check.required('defaultBehavior', p.defaultBehavior, 'the default behavior with its origin');
  validateBehavior(path, 'defaultBehavior', p.defaultBehavior);
  for (const [pattern, b] of Object.entries(p.additionalBehaviors ?? {})) validateBehavior(path, `additionalBehaviors['${pattern}']`, b);

  if (!Token.isUnresolved(stack.region) && stack.region !== CLOUDFRONT_REGION) {
    throw FortressError.invalidProp(path, 'stack region', `must be ${CLOUDFRONT_REGION}: the distribution's CLOUDFRONT-scope web ACL and its access-log delivery `
      + `source can only be created there. CloudFront is global: put SecureDistribution in an edge stack with env region ${CLOUDFRONT_REGION} and reach `
      + 'origins in other regions by domain name or crossRegionReferences', stack.region);
  }
  if (p.enableLogging === true || p.logBucket !== undefined || p.logFilePrefix !== undefined || p.logIncludesCookies !== undefined) {
    const prop = p.enableLogging === true ? 'enableLogging' : p.logBucket !== undefined ? 'logBucket' : p.logFilePrefix !== undefined ? 'logFilePrefix' : 'logIncludesCookies';
    throw FortressError.invalidProp(path, prop, 'must not be set: legacy logging writes with object ACLs, which EncryptedBucket disables (the deployment would fail); '
      + 'SecureDistribution delivers access logs with standard logging v2 (accessLogsBucket)');
  }

  if (p.certificate === undefined) {
    if (p.defaultCertificateReason === undefined) {
      throw FortressError.invalidProp(path, 'certificate', 'is required (with domainNames): on the default *.cloudfront.net certificate CloudFront accepts TLSv1; '
        + "for a distribution that must serve on its cloudfront.net name, set 'defaultCertificateReason' instead");
    }
    assertExplainingReason(path, 'defaultCertificateReason', p.defaultCertificateReason, 'AwsSolutions-CFR4');
    if (p.minimumProtocolVersion !== undefined) throw FortressError.invalidProp(path, 'minimumProtocolVersion', 'needs a certificate: on the default certificate CloudFront ignores it');
  } else {
    if (p.defaultCertificateReason !== undefined) throw FortressError.invalidProp(path, 'defaultCertificateReason', "cannot be combined with 'certificate'");
    if (p.domainNames === undefined || p.domainNames.length === 0) throw FortressError.invalidProp(path, 'domainNames', 'is required with a certificate: the names it serves');
  }
  if (p.minimumProtocolVersion !== undefined && !TLS12_POLICIES.includes(p.minimumProtocolVersion)) {
    throw FortressError.invalidProp(path, 'minimumProtocolVersion', `must be one of ${TLS12_POLICIES.join(', ')} (older policies allow TLS 1.0/1.1 or weak ciphers)`, p.minimumProtocolVersion);
  }
  if (p.sslSupportMethod !== undefined && p.sslSupportMethod !== cloudfront.SSLMethod.SNI) {
    throw FortressError.invalidProp(path, 'sslSupportMethod', 'must be SSLMethod.SNI (dedicated-IP SSL costs $600 a month and only serves clients without SNI)', p.sslSupportMethod);
  }
  if (p.webAclId !== undefined) check.matches('webAclId', p.webAclId, CLOUDFRONT_WEB_ACL_ARN, 'the ARN of a CLOUDFRONT-scope WAFv2 web ACL (arn:aws:wafv2:us-east-1:<account>:global/webacl/<name>/<id>)');
  if (p.keyRing !== undefined && !(p.keyRing instanceof KmsKeyRing)) throw FortressError.invalidProp(path, 'keyRing', 'must be a KmsKeyRing');
  if (p.accessLogsBucket !== undefined) {
    if (typeof (p.accessLogsBucket as any)?.bucketArn !== 'string') throw FortressError.invalidProp(path, 'accessLogsBucket', 'must be an S3 bucket');
  }
  if (p.shieldHealthCheckArns !== undefined && p.shieldAdvanced !== true) throw FortressError.invalidProp(path, 'shieldHealthCheckArns', 'requires shieldAdvanced: true');
}

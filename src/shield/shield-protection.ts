import { Names, Token } from 'aws-cdk-lib';
import * as shield from 'aws-cdk-lib/aws-shield';
import { Construct } from 'constructs';
import { propsOf } from '../core/construct-args';
import { FortressError } from '../core/fortress-error';
import { pathOf, PropChecks } from '../core/prop-checks';

/** What Shield Advanced's automatic application-layer DDoS mitigation does with the rules it adds to the web ACL. */
export enum ShieldAutomaticResponse {
  /** The rules Shield adds block matching requests. */
  BLOCK = 'BLOCK',
  /** The rules Shield adds only count matching requests (to watch before blocking). */
  COUNT = 'COUNT',
}

/**
 * Resource types Shield Advanced protects, as ARNs: CloudFront distributions, Application and Classic Load Balancers,
 * Elastic IPs, Global Accelerator accelerators, Route 53 hosted zones.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-shield-protection.html
 */
const PROTECTABLE_ARN = new RegExp([
  '^arn:aws[a-z-]*:cloudfront::\\d{12}:distribution/[A-Z0-9]+$',
  '^arn:aws[a-z-]*:elasticloadbalancing:[a-z0-9-]+:\\d{12}:loadbalancer/(app/[^/]+/[a-f0-9]+|[^/]+)$',
  '^arn:aws[a-z-]*:ec2:[a-z0-9-]+:\\d{12}:eip-allocation/eipalloc-[a-f0-9]+$',
  '^arn:aws[a-z-]*:globalaccelerator::\\d{12}:accelerator/[a-f0-9-]+$',
  '^arn:aws[a-z-]*:route53:::hostedzone/[A-Z0-9]+$',
].join('|'));
const HEALTH_CHECK_ARN = /^arn:aws[a-z-]*:route53:::healthcheck\/[a-f0-9-]+$/;

/**
 * Properties of a {@link ShieldProtection}.
 */
export interface ShieldProtectionProps {
  /**
   * The ARN of the resource to protect: a CloudFront distribution (`distribution.distributionArn`), an Application or
   * Classic Load Balancer, an Elastic IP allocation, a Global Accelerator accelerator or a Route 53 hosted zone.
   */
  readonly resourceArn: string;

  /**
   * The protection's name: 1-128 letters, digits, spaces, `_`, `.` or `-`.
   *
   * @default - derived from the construct path
   */
  readonly protectionName?: string;

  /**
   * Route 53 health checks for health-based detection: Shield reacts faster and with fewer false positives when it
   * knows whether the application is healthy. Not for Route 53 hosted zones.
   * https://docs.aws.amazon.com/waf/latest/developerguide/ddos-advanced-health-checks.html
   *
   * @default - no health-based detection (recommended: a health check on the application's own health endpoint)
   */
  readonly healthCheckArns?: string[];

  /**
   * Automatic application-layer DDoS mitigation: Shield adds rate-based rules to the resource's web ACL during an
   * attack. Only for CloudFront distributions and Application Load Balancers, which must have a web ACL associated.
   *
   * @default - off
   */
  readonly automaticResponse?: ShieldAutomaticResponse;
}

/**
 * Shield Advanced protection for one resource (`AWS::Shield::Protection`): DDoS detection and mitigation beyond
 * Shield Standard, the AWS Shield Response Team, and cost protection for scaling during an attack.
 *
 * Explicit opt-in, never a default: Shield Advanced costs **$3,000 a month per organization** (one-year commitment),
 * plus data transfer out for protected resources (https://aws.amazon.com/shield/pricing/). The account must already
 * be subscribed (console or `CreateSubscription` API), or the deployment fails. Shield Standard protects every
 * account at no charge and needs no configuration.
 *
 * @example
 * declare const stack: Stack;
 * declare const distribution: cloudfront.Distribution;
 * new ShieldProtection(stack, 'EdgeShield', {
 *   resourceArn: distribution.distributionArn,
 *   healthCheckArns: ['arn:aws:route53:::healthcheck/abcdef01-2345-6789-abcd-ef0123456789'],
 * });
 */
export class ShieldProtection extends Construct {
  /** The ARN of the protection. */
  public readonly protectionArn: string;
  /** The protection's id. */
  public readonly protectionId: string;

  constructor(scope: Construct, id: string, props: ShieldProtectionProps) {
    const p = propsOf(scope, id, props);
    validate(pathOf(scope, id), p);
    super(scope, id);
    const resource = new shield.CfnProtection(this, 'Resource', {
      name: p.protectionName ?? Names.uniqueResourceName(this, { maxLength: 128, separator: '-' }),
      resourceArn: p.resourceArn,
      healthCheckArns: p.healthCheckArns,
      applicationLayerAutomaticResponseConfiguration: p.automaticResponse === undefined ? undefined : {
        status: 'ENABLED',
        action: p.automaticResponse === ShieldAutomaticResponse.BLOCK ? { block: {} } : { count: {} },
      },
    });
    this.protectionArn = resource.attrProtectionArn;
    this.protectionId = resource.attrProtectionId;
  }
}

function validate(path: string, p: ShieldProtectionProps): void {
  const check = new PropChecks(path);
  check.required('resourceArn', p.resourceArn, 'the ARN of a CloudFront distribution, load balancer, Elastic IP, accelerator or hosted zone');
  check.matches('resourceArn', p.resourceArn, PROTECTABLE_ARN,
    'the ARN of a CloudFront distribution, Application or Classic Load Balancer, Elastic IP allocation, Global Accelerator accelerator or Route 53 hosted zone');
  check.matches('protectionName', p.protectionName, /^[ a-zA-Z0-9_.-]{1,128}$/, "1-128 letters, digits, spaces, '_', '.' or '-'");
  if (p.healthCheckArns !== undefined) {
    if (!Token.isUnresolved(p.healthCheckArns) && !Array.isArray(p.healthCheckArns)) {
      throw FortressError.invalidProp(path, 'healthCheckArns', 'must be a list of Route 53 health check ARNs', p.healthCheckArns);
    }
    check.minLength('healthCheckArns', p.healthCheckArns, 1);
    check.unique('healthCheckArns', p.healthCheckArns);
    for (const arn of p.healthCheckArns) {
      check.matches('healthCheckArns', arn, HEALTH_CHECK_ARN, 'a Route 53 health check ARN (arn:aws:route53:::healthcheck/<id>)');
    }
    if (typeof p.resourceArn === 'string' && !Token.isUnresolved(p.resourceArn) && /:route53:::hostedzone\//.test(p.resourceArn)) {
      throw FortressError.invalidProp(path, 'healthCheckArns', 'is not supported for Route 53 hosted zones (Shield health-based detection)');
    }
  }
  check.oneOf('automaticResponse', p.automaticResponse, [ShieldAutomaticResponse.BLOCK, ShieldAutomaticResponse.COUNT]);
  if (p.automaticResponse !== undefined && typeof p.resourceArn === 'string' && !Token.isUnresolved(p.resourceArn)
    && !/:cloudfront::|:loadbalancer\/app\//.test(p.resourceArn)) {
    throw FortressError.invalidProp(path, 'automaticResponse', 'is only for CloudFront distributions and Application Load Balancers (with a web ACL)');
  }
}

import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as fc from 'fast-check';
import { FortressErrors, ShieldAutomaticResponse, ShieldProtection } from '../../src';
import { complianceTestStack, expectCompliant, propertyTestStack, rejectionOf } from '../compliance';

const DISTRIBUTION = 'arn:aws:cloudfront::111122223333:distribution/E2QWRUHAPOMQZL';
const ALB = 'arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/web/50dc6c495c0c9188';
const HEALTH_CHECK = 'arn:aws:route53:::healthcheck/abcdef01-2345-6789-abcd-ef0123456789';

describe('ShieldProtection', () => {
  test('GIVEN a distribution ARN THEN one protection, named after the construct, without automatic response', () => {
    const stack = propertyTestStack();
    const protection = new ShieldProtection(stack, 'EdgeShield', { resourceArn: DISTRIBUTION });
    Template.fromStack(stack).hasResourceProperties('AWS::Shield::Protection', {
      Name: Match.stringLikeRegexp('EdgeShield'),
      ResourceArn: DISTRIBUTION,
      HealthCheckArns: Match.absent(),
      ApplicationLayerAutomaticResponseConfiguration: Match.absent(),
    });
    expect(stack.resolve(protection.protectionArn)).toEqual({ 'Fn::GetAtt': [expect.any(String), 'ProtectionArn'] });
  });

  test('GIVEN a health check and automatic response THEN health-based detection and a blocking response', () => {
    const stack = propertyTestStack();
    new ShieldProtection(stack, 'AlbShield', {
      resourceArn: ALB, protectionName: 'web alb', healthCheckArns: [HEALTH_CHECK], automaticResponse: ShieldAutomaticResponse.BLOCK,
    });
    Template.fromStack(stack).hasResourceProperties('AWS::Shield::Protection', {
      Name: 'web alb',
      HealthCheckArns: [HEALTH_CHECK],
      ApplicationLayerAutomaticResponseConfiguration: { Status: 'ENABLED', Action: { Block: {} } },
    });
  });

  test('compliance: no finding, no acknowledgment', () => {
    const stack = complianceTestStack();
    new ShieldProtection(stack, 'AlbShield', { resourceArn: ALB, healthCheckArns: [HEALTH_CHECK], automaticResponse: ShieldAutomaticResponse.COUNT });
    expect(expectCompliant(stack).acknowledgments).toEqual([]);
  });

  test('property: any protectable ARN with optional settings synthesizes', () => {
    const responses = fc.constantFrom(undefined, ShieldAutomaticResponse.BLOCK, ShieldAutomaticResponse.COUNT);
    fc.assert(fc.property(fc.constantFrom(DISTRIBUTION, ALB), fc.boolean(), responses,
      (arn, withHealthCheck, response) => {
        const stack = propertyTestStack();
        new ShieldProtection(stack, 'P', { resourceArn: arn, healthCheckArns: withHealthCheck ? [HEALTH_CHECK] : undefined, automaticResponse: response });
        Template.fromStack(stack).resourceCountIs('AWS::Shield::Protection', 1);
      }), { numRuns: 8 });
  });
});

describe('ShieldProtection rejects invalid input before creating anything', () => {
  const PREFIX = '[cdk-fortress] Stack/Shield: ';
  const attempt = (props: (stack: Stack) => any): unknown => rejectionOf('Shield', props, (stack, id, p) => new ShieldProtection(stack, id, p));

  test.each<[string, (stack: Stack) => any, string]>([
    ['no resource ARN', () => ({}), "invalid 'resourceArn': is required"],
    ['no props at all', () => undefined, "invalid 'resourceArn': is required"],
    ['an S3 bucket ARN', () => ({ resourceArn: 'arn:aws:s3:::orders' }), "invalid 'resourceArn': must be the ARN of a CloudFront distribution"],
    ['a network load balancer ARN', () => ({ resourceArn: 'arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/net/web/50dc6c495c0c9188' }), "invalid 'resourceArn'"],
    ['a name with a slash', () => ({ resourceArn: DISTRIBUTION, protectionName: 'edge/shield' }), "invalid 'protectionName'"],
    ['a name over 128 characters', () => ({ resourceArn: DISTRIBUTION, protectionName: 'p'.repeat(129) }), "invalid 'protectionName'"],
    ['an empty health check list', () => ({ resourceArn: DISTRIBUTION, healthCheckArns: [] }), "invalid 'healthCheckArns': must have at least 1 entry"],
    ['a health check id instead of an ARN', () => ({ resourceArn: DISTRIBUTION, healthCheckArns: ['abcdef01-2345'] }), "invalid 'healthCheckArns': must be a Route 53 health check ARN"],
    ['a repeated health check', () => ({ resourceArn: DISTRIBUTION, healthCheckArns: [HEALTH_CHECK, HEALTH_CHECK] }), "invalid 'healthCheckArns': must not repeat entries"],
    ['a health check on a hosted zone', () => ({ resourceArn: 'arn:aws:route53:::hostedzone/Z0123456789ABC', healthCheckArns: [HEALTH_CHECK] }), "invalid 'healthCheckArns': is not supported for Route 53 hosted zones"],
    ['automatic response on an Elastic IP', () => ({ resourceArn: 'arn:aws:ec2:eu-west-1:111122223333:eip-allocation/eipalloc-0abc1234', automaticResponse: ShieldAutomaticResponse.BLOCK }), "invalid 'automaticResponse': is only for CloudFront distributions and Application Load Balancers"],
    ['an unknown automatic response', () => ({ resourceArn: DISTRIBUTION, automaticResponse: 'DROP' }), "invalid 'automaticResponse'"],
  ])('%s', (_name, props, message) => {
    const error = attempt(props);
    expect(FortressErrors.isFortressError(error)).toBe(true);
    expect((error as Error).message).toContain(PREFIX + message);
  });
});

import { Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as fc from 'fast-check';
import { EncryptedBucket, FortressErrors, SecureVpc, SecureVpcProps } from '../../src';
import { propertyTestStack } from '../compliance';

function attempt(props: SecureVpcProps): unknown {
  const stack = propertyTestStack();
  try {
    new SecureVpc(stack, 'Vpc', props);
  } catch (e) {
    expect(stack.node.tryFindChild('Vpc')).toBeUndefined();
    return e;
  }
  return undefined;
}

describe('SecureVpc rejects invalid input before creating anything', () => {
  test.each<[string, SecureVpcProps, string]>([
    ['a malformed CIDR', { cidr: '10.0.0/16' }, "invalid 'cidr': must be an IPv4 CIDR block such as 10.0.0.0/16 (got '10.0.0/16')"],
    ['octets over 255', { cidr: '10.300.0.0/16' }, "invalid 'cidr': must be an IPv4 CIDR block"],
    ['host bits set', { cidr: '10.0.1.0/16' }, "invalid 'cidr': must be a network address"],
    ['a prefix below /16', { cidr: '10.0.0.0/8' }, "invalid 'cidr': must have a prefix from /16 to /28"],
    ['a prefix above /28', { cidr: '10.0.0.0/29' }, "invalid 'cidr': must have a prefix from /16 to /28"],
    ['zero AZs', { maxAzs: 0 }, "invalid 'maxAzs': must be an integer from 1 to 6 (got 0)"],
    ['seven AZs', { maxAzs: 7 }, "invalid 'maxAzs': must be an integer from 1 to 6"],
    ['more NAT gateways than AZs', { maxAzs: 2, natGateways: 3 }, "invalid 'natGateways': must be an integer from 0 to 2 (got 3)"],
    ['no NAT with a private-with-egress tier', { natGateways: 0 }, "invalid 'natGateways': must be at least 1 while privateEgress is on"],
    ['NAT without a private tier', { privateEgress: false, natGateways: 1 }, "invalid 'natGateways': must be 0 when privateEgress is false"],
    ['a subnet mask larger than the VPC', { cidr: '10.0.0.0/20', publicSubnetCidrMask: 19 }, "invalid 'publicSubnetCidrMask': must be an integer from 20 (the VPC prefix) to 28 (got 19)"],
    ['a subnet mask over /28', { isolatedSubnetCidrMask: 29 }, "invalid 'isolatedSubnetCidrMask': must be an integer from 16 (the VPC prefix) to 28"],
    ['an exhausted plan', { cidr: '10.0.0.0/20' }, "invalid 'cidr': must hold every subnet: 3 x /24 public, 3 x /20 private, 3 x /24 isolated need"],
    ['infinite flow-log retention', { flowLogRetention: logs.RetentionDays.INFINITE }, "invalid 'flowLogRetention': must be one of"],
    ['an unknown retention', { flowLogRetention: 2 as logs.RetentionDays }, "invalid 'flowLogRetention'"],
    ['S3 retention settings', { flowLogDestination: 's3' as any, flowLogRetention: logs.RetentionDays.ONE_YEAR }, "invalid 'flowLogRetention': applies to CloudWatch Logs only"],
    ['an unknown destination', { flowLogDestination: 'firehose' as any }, "invalid 'flowLogDestination': must be one of \"cloud-watch-logs\", \"s3\""],
    ['the same interface endpoint twice', { interfaceEndpoints: [ec2.InterfaceVpcEndpointAwsService.SSM, ec2.InterfaceVpcEndpointAwsService.SSM] }, "invalid 'interfaceEndpoints': must not repeat entries"],
  ])('%s', (_name, props, message) => {
    const error = attempt(props);
    expect(FortressErrors.isFortressError(error)).toBe(true);
    expect((error as Error).message).toContain(`[cdk-fortress] Stack/Vpc: ${message}`);
  });

  test.each<[string, SecureVpcProps, string]>([
    ['cidr and ipAddresses together', { cidr: '10.0.0.0/16', ipAddresses: ec2.IpAddresses.cidr('10.1.0.0/16') }, "invalid 'cidr': cannot be combined with 'ipAddresses'"],
    ['an ipAddresses block too wide for a VPC', { ipAddresses: ec2.IpAddresses.cidr('10.0.0.0/8') }, "invalid 'ipAddresses': must have a prefix from /16 to /28 (the VPC limits) (got '10.0.0.0/8')"],
    ['an ipAddresses block too small for the subnets', { ipAddresses: ec2.IpAddresses.cidr('10.0.0.0/20') }, "invalid 'ipAddresses': must hold every subnet"],
    ['an IPAM netmask outside /16-/28', { ipAddresses: ec2.IpAddresses.awsIpamAllocation({ ipv4IpamPoolId: 'ipam-pool-1', ipv4NetmaskLength: 12, defaultSubnetIpv4NetmaskLength: 24 }) },
      "invalid 'ipAddresses': must be an integer from 16 to 28 (got 12)"],
    ['maxAzs and availabilityZones together', { maxAzs: 2, availabilityZones: ['eu-west-1a', 'eu-west-1b'] }, "invalid 'maxAzs': cannot be combined with 'availabilityZones'"],
    ['AZs of another region', { availabilityZones: ['eu-west-1a', 'us-east-1a'] }, "invalid 'availabilityZones': must be Availability Zone names in the stack's region eu-west-1 (e.g. eu-west-1a), not zone IDs or other regions' zones (got 'us-east-1a')"],
    ['AZ ids instead of names', { availabilityZones: ['euw1-az1'] }, "invalid 'availabilityZones': must be Availability Zone names in the stack's region eu-west-1"],
    ['a region name instead of an AZ', { availabilityZones: ['eu-west-1'] }, "invalid 'availabilityZones': must be Availability Zone names"],
    ['no AZs', { availabilityZones: [] }, "invalid 'availabilityZones': must list 1 to 6 Availability Zone names (got [])"],
    ['seven AZs', { availabilityZones: ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((l) => `eu-west-1${l}`) }, "invalid 'availabilityZones': must list 1 to 6"],
    ['the same AZ twice', { availabilityZones: ['eu-west-1a', 'eu-west-1a'] }, "invalid 'availabilityZones': must not repeat entries"],
    ['more NAT gateways than the AZs listed', { availabilityZones: ['eu-west-1a'], natGateways: 2 }, "invalid 'natGateways': must be an integer from 0 to 1 (got 2)"],
  ])('ip addresses and AZs: %s', (_name, props, message) => {
    const error = attempt(props);
    expect(FortressErrors.isFortressError(error)).toBe(true);
    expect((error as Error).message).toContain(`[cdk-fortress] Stack/Vpc: ${message}`);
  });

  test('AZs in an environment-agnostic stack must still look like AZ names', () => {
    expect(() => new SecureVpc(new Stack(undefined, 'Agnostic'), 'Vpc', { availabilityZones: ['use1-az1'] }))
      .toThrow("[cdk-fortress] Agnostic/Vpc: invalid 'availabilityZones': must be Availability Zone names such as eu-west-1a, not zone IDs (got 'use1-az1')");
    expect(() => new SecureVpc(new Stack(undefined, 'Agnostic2'), 'Vpc', { availabilityZones: ['us-east-1a', 'us-west-2-lax-1a'] })).not.toThrow();
  });

  test('JavaScript callers: undefined or null props mean the defaults, never a TypeError', () => {
    const stack = propertyTestStack();
    expect(() => new SecureVpc(stack, 'A', undefined as any)).not.toThrow();
    expect(() => new SecureVpc(stack, 'B', null as any)).not.toThrow();
  });

  test('a flow-log bucket without the S3 destination', () => {
    const stack = propertyTestStack();
    expect(() => new SecureVpc(stack, 'Vpc', { flowLogBucket: new EncryptedBucket(stack, 'Logs') }))
      .toThrow("[cdk-fortress] Stack/Vpc: invalid 'flowLogBucket': requires flowLogDestination: FlowLogDestinationKind.S3");
  });

  test('property: NAT counts and AZ counts out of range always raise the library error', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 20 }), (azs, extra) => {
      const error = attempt({ maxAzs: azs, natGateways: azs + extra });
      expect(FortressErrors.isFortressError(error)).toBe(true);
      expect((error as Error).message).toContain("invalid 'natGateways'");
    }));
  });

  test('property: random CIDR strings are refused with the library error or accepted as valid /16-/28 networks', () => {
    const octet = fc.integer({ min: 0, max: 255 });
    const cidr = fc.tuple(fc.integer({ min: 0, max: 300 }), octet, octet, octet, fc.integer({ min: 0, max: 33 }))
      .map(([a, b, c, d, p]) => `${a}.${b}.${c}.${d}/${p}`);
    fc.assert(fc.property(cidr, (value) => {
      const error = attempt({ cidr: value, maxAzs: 1, publicSubnetCidrMask: 28, privateSubnetCidrMask: 28, isolatedSubnetCidrMask: 28 });
      if (error !== undefined) {
        expect(FortressErrors.isFortressError(error)).toBe(true);
        expect((error as Error).message).toMatch(/invalid '(cidr|publicSubnetCidrMask)'/);
      }
    }), { numRuns: 60 });
  });
});

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

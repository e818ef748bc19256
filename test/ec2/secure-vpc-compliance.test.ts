import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as fc from 'fast-check';
import { FlowLogDestinationKind, SecureVpc, SecureVpcProps } from '../../src';
import { complianceTestStack, expectCompliant } from '../compliance';

const ids = (acks: Array<{ constructPath: string; ruleId: string }>) => acks.map((a) => `${a.constructPath} ${a.ruleId}`);

describe('SecureVpc compliance (all six cdk-nag packs + FortressChecks + CloudFormation validation)', () => {
  test('GIVEN no props THEN no unacknowledged error; only the public default routes are acknowledged', () => {
    const stack = complianceTestStack();
    new SecureVpc(stack, 'Vpc');
    const ours = ids(expectCompliant(stack).acknowledgments);
    expect(ours).toEqual([1, 2, 3].flatMap((n) => ['HIPAA.Security', 'NIST.800.53.R5', 'PCI.DSS.321']
      .map((pack) => `Stack/Vpc/PublicSubnet${n}/DefaultRoute ${pack}-VPCNoUnrestrictedRouteToIGW`)));
  });

  const matrix: Array<[string, SecureVpcProps]> = [
    ['one AZ', { maxAzs: 1 }],
    ['NAT per AZ', { maxAzs: 3, natGateways: 3 }],
    ['isolated only', { privateEgress: false, maxAzs: 2 }],
    ['flow logs to S3, extended fields', { flowLogDestination: FlowLogDestinationKind.S3, flowLogExtendedFields: true }],
    ['interface endpoints', { interfaceEndpoints: [ec2.InterfaceVpcEndpointAwsService.SSM, ec2.InterfaceVpcEndpointAwsService.KMS] }],
    ['interface endpoints in an isolated-only VPC', { privateEgress: false, interfaceEndpoints: [ec2.InterfaceVpcEndpointAwsService.STS] }],
    ['network ACLs', { networkAcls: true }],
    ['no gateway endpoints, small CIDR', {
      gatewayEndpoints: false, cidr: '10.10.0.0/22', maxAzs: 2, publicSubnetCidrMask: 27, privateSubnetCidrMask: 25, isolatedSubnetCidrMask: 26,
    }],
  ];

  test.each(matrix)('GIVEN %s THEN no unacknowledged error', (_name, props) => {
    const stack = complianceTestStack();
    new SecureVpc(stack, 'Vpc', props);
    expectCompliant(stack);
  });

  test('property: random valid AZ, NAT, tier and flow-log settings always synthesize compliant', () => {
    const props = fc.record({
      maxAzs: fc.integer({ min: 1, max: 3 }), privateEgress: fc.boolean(), acls: fc.boolean(), s3: fc.boolean(), extended: fc.boolean(),
    })
      .chain((p) => fc.record({
        p: fc.constant(p),
        nat: p.privateEgress ? fc.integer({ min: 1, max: p.maxAzs }) : fc.constant(0),
      }));
    fc.assert(fc.property(props, ({ p, nat }) => {
      const stack = complianceTestStack();
      new SecureVpc(stack, 'Vpc', {
        maxAzs: p.maxAzs,
        privateEgress: p.privateEgress,
        natGateways: nat,
        networkAcls: p.acls,
        flowLogDestination: p.s3 ? FlowLogDestinationKind.S3 : undefined,
        flowLogExtendedFields: p.extended,
      });
      expectCompliant(stack);
    }), { numRuns: 10 });
  });
});

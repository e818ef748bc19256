import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Acknowledgments } from '../core/acknowledgments';

const EPHEMERAL = ec2.AclTraffic.tcpPortRange(1024, 65535);

/** One entry: name, peer, traffic, direction (rule numbers follow the order). */
type AclEntry = [string, ec2.AclCidr, ec2.AclTraffic, ec2.TrafficDirection];

/**
 * Network ACLs per tier, a stateless layer under security groups:
 * public admits HTTP/HTTPS and return traffic from anywhere; private admits the
 * VPC and return traffic of its outbound (NAT) connections; isolated talks to
 * the VPC only (plus HTTPS to the S3 and DynamoDB gateway endpoints, when present).
 */
export function addTierNetworkAcls(vpc: ec2.Vpc, vpcCidr: string, privateEgress: boolean, gatewayEndpoints: boolean): void {
  const acl = (id: string, subnetType: ec2.SubnetType, entries: AclEntry[]) => {
    if (vpc.selectSubnets({ subnetType }).subnets.length === 0) return;
    const nacl = new ec2.NetworkAcl(vpc, id, { vpc, subnetSelection: { subnetType } });
    entries.forEach(([name, cidr, traffic, direction], i) =>
      nacl.addEntry(name, { ruleNumber: 100 + i * 10, cidr, traffic, direction, ruleAction: ec2.Action.ALLOW }));
    Acknowledgments.acknowledge(nacl, 'AwsSolutions-VPC3',
      'Network ACLs were turned on explicitly (networkAcls: true) as a stateless layer under the security groups, one per subnet tier.');
  };
  const vpcOnly = ec2.AclCidr.ipv4(vpcCidr);
  const anywhere = ec2.AclCidr.anyIpv4();
  const { INGRESS, EGRESS } = ec2.TrafficDirection;

  acl('PublicAcl', ec2.SubnetType.PUBLIC, [
    ['HttpsIn', anywhere, ec2.AclTraffic.tcpPort(443), INGRESS],
    ['HttpIn', anywhere, ec2.AclTraffic.tcpPort(80), INGRESS],
    ['EphemeralIn', anywhere, EPHEMERAL, INGRESS],
    ['VpcIn', vpcOnly, ec2.AclTraffic.allTraffic(), INGRESS],
    ['AllOut', anywhere, ec2.AclTraffic.allTraffic(), EGRESS],
  ]);
  if (privateEgress) {
    acl('PrivateAcl', ec2.SubnetType.PRIVATE_WITH_EGRESS, [
      ['VpcIn', vpcOnly, ec2.AclTraffic.allTraffic(), INGRESS],
      ['EphemeralIn', anywhere, EPHEMERAL, INGRESS],
      ['AllOut', anywhere, ec2.AclTraffic.allTraffic(), EGRESS],
    ]);
  }
  acl('IsolatedAcl', ec2.SubnetType.PRIVATE_ISOLATED, [
    ['VpcIn', vpcOnly, ec2.AclTraffic.allTraffic(), INGRESS],
    ['VpcOut', vpcOnly, ec2.AclTraffic.allTraffic(), EGRESS],
    // Gateway endpoints are reached at the services' public IP ranges, which ACLs cannot name by prefix
    // list; the isolated tier has no internet route, so HTTPS out can only reach those endpoints.
    ...(gatewayEndpoints ? [
      ['GatewayEndpointsHttpsOut', anywhere, ec2.AclTraffic.tcpPort(443), EGRESS],
      ['GatewayEndpointsReturnIn', anywhere, EPHEMERAL, INGRESS],
    ] as AclEntry[] : []),
  ]);
}

import { App, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { expectAccepted, OTHER_ACCOUNT, SecureCase, workload } from './harness';
import { AuditTrail, EncryptedBucket, KeyPurpose, KmsKeyRing, LeastPrivilegeRole, RestrictedSecurityGroup, SecureVpc } from '../../src';

// GIVEN an app that resembles an insecure case but is safe in the tested property, built from
// cdk-fortress constructs so nothing else is in question, THEN it synthesizes (no false positive).

const GITHUB = 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com';

function readOnlyRole(stack: Stack, id: string, assumedBy: iam.IPrincipal, extra: { externalId?: string } = {}): LeastPrivilegeRole {
  return new LeastPrivilegeRole(stack, id, {
    assumedBy,
    ...extra,
    statements: [new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['arn:aws:s3:::reports/*'] })],
  });
}

function vpcAnd(app: App): { stack: Stack; vpc: SecureVpc } {
  const stack = workload(app);
  return { stack, vpc: new SecureVpc(stack, 'V') };
}

const cases: SecureCase[] = [
  {
    name: 'bucket policy with Principal * narrowed by a fixed aws:PrincipalOrgID',
    build: (app) => {
      const b = new EncryptedBucket(workload(app), 'B');
      b.addToResourcePolicy(new iam.PolicyStatement({
        principals: [new iam.AnyPrincipal()],
        actions: ['s3:GetObject'],
        resources: [b.arnForObjects('*')],
        conditions: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc123def4' } },
      }));
    },
  },
  {
    name: 'GitHub OIDC trust with aud sts.amazonaws.com and sub pinned to repo:org/repo:ref:refs/heads/main',
    build: (app) => {
      readOnlyRole(workload(app), 'Deploy', new iam.WebIdentityPrincipal(GITHUB, {
        StringEquals: {
          'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
          'token.actions.githubusercontent.com:sub': 'repo:org/repo:ref:refs/heads/main',
        },
      }));
    },
  },
  {
    name: 'ALB security group open to the internet on 443 only',
    build: (app) => {
      const { stack, vpc } = vpcAnd(app);
      const sg = new RestrictedSecurityGroup(stack, 'Alb', { vpc, description: 'public HTTPS load balancer', publicIngressPorts: [443] });
      sg.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(443), 'HTTPS from the internet');
      sg.addIngressRule(ec2.Peer.anyIpv6(), ec2.Port.tcp(443), 'HTTPS from the internet (IPv6)');
    },
  },
  {
    name: 'SSH admitted from the VPC CIDR only, PostgreSQL from a private /8',
    build: (app) => {
      const { stack, vpc } = vpcAnd(app);
      const sg = new RestrictedSecurityGroup(stack, 'Bastion', { vpc, description: 'administration from inside the VPC' });
      // A literal CIDR: the standard packs' port rules cannot evaluate a token (vpc.vpcCidrBlock) and report an error.
      sg.addIngressRule(ec2.Peer.ipv4('10.0.0.0/16'), ec2.Port.tcp(22), 'SSH from the VPC');
      sg.addIngressRule(ec2.Peer.ipv4('10.0.0.0/8'), ec2.Port.tcp(5432), 'PostgreSQL from the corporate network');
    },
  },
  {
    name: 'KMS key policy giving another account kms:Decrypt only',
    build: (app) => {
      const key = KmsKeyRing.of(workload(app)).key(KeyPurpose.DATA) as kms.Key;
      key.addToResourcePolicy(new iam.PolicyStatement({
        principals: [new iam.AccountPrincipal(OTHER_ACCOUNT)], actions: ['kms:Decrypt'], resources: ['*'],
      }));
    },
  },
  {
    name: 'cross-account role guarded by sts:ExternalId',
    build: (app) => { readOnlyRole(workload(app), 'Vendor', new iam.AccountPrincipal(OTHER_ACCOUNT), { externalId: 'vendor-7f3a9c' }); },
  },
  {
    name: 'cross-account role trusting a named role ARN in the other account',
    build: (app) => { readOnlyRole(workload(app), 'Peer', new iam.ArnPrincipal(`arn:aws:iam::${OTHER_ACCOUNT}:role/reporting`)); },
  },
  {
    name: 'iam:PassRole on a named role with iam:PassedToService',
    build: (app) => {
      const stack = workload(app);
      new LeastPrivilegeRole(stack, 'Launcher', {
        assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
        statements: [new iam.PolicyStatement({
          actions: ['iam:PassRole'],
          resources: ['arn:aws:iam::111122223333:role/worker'],
          conditions: { StringEquals: { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' } },
        })],
      });
    },
  },
  {
    name: 'the hardened defaults: EncryptedBucket, AuditTrail and SecureVpc untouched',
    build: (app) => {
      const stack = workload(app);
      new EncryptedBucket(stack, 'B');
      new AuditTrail(stack, 'T');
      new SecureVpc(stack, 'V');
    },
  },
];

describe('red team: secure look-alikes synthesize', () => {
  for (const c of cases) test(c.name, () => expectAccepted(c));
});

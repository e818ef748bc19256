/**
 * The pull-request scenario of the security review: the reference app, and the reference app with
 * changes that synthesize green without SecureBaseline but a reviewer must see.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { buildReferenceApp, REFERENCE_APP_CONTEXT } from '../../examples/reference-app';
import { KeyPurpose, KmsKeyRing } from '../../src';

/** Synthesizes the reference app (with `change` applied to its stacks) into a fresh directory. */
export function synthReferenceApp(change?: (stacks: { tooling: Stack; workload: Stack }) => void): string {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'fortress-review-'));
  // No SecureBaseline: enforcement would refuse some of the changes, and the review must see what deploys.
  const app = new App({ outdir, builtinCloudFormationValidation: false, context: REFERENCE_APP_CONTEXT });
  const stacks = buildReferenceApp(app);
  const named = (name: string) => stacks.find((s) => s.stackName === name)!;
  const [tooling, workload] = [named('SecurityTooling'), named('Workload')];
  change?.({ tooling, workload });
  app.synth();
  return outdir;
}

/** The scenario's changes, each of which the diff must report once, with its classification. */
export function scenarioChanges({ tooling, workload }: { tooling: Stack; workload: Stack }): void {
  const vpc = workload.node.findChild('Network') as ec2.IVpc;
  // (1) a database security group opened to a private /16 on PostgreSQL
  const database = new ec2.SecurityGroup(workload, 'DatabaseSecurityGroup', { vpc, allowAllOutbound: false, description: 'Orders database' });
  database.addIngressRule(ec2.Peer.ipv4('10.0.0.0/16'), ec2.Port.tcp(5432), 'PostgreSQL from the VPC');
  // (2) the application load balancer opened to the internet on 443, bypassing the CDN and WAF
  const alb = new ec2.SecurityGroup(workload, 'ApplicationLoadBalancer', { vpc, allowAllOutbound: false, description: 'Application load balancer' });
  alb.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(443), 'HTTPS from anywhere');
  // (3) s3:DeleteObject added to the worker role
  const customerData = workload.node.findChild('CustomerData') as s3.Bucket;
  const worker = workload.node.findChild('ReportingJob') as iam.Role;
  worker.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['s3:DeleteObject'], resources: [customerData.arnForObjects('exports/daily.csv')] }));
  // (4) the data key's policy opened to another account
  KmsKeyRing.of(workload).key(KeyPurpose.DATA).addToResourcePolicy(new iam.PolicyStatement({
    principals: [new iam.AccountPrincipal('444455556666')], actions: ['kms:Decrypt'], resources: ['*'],
  }));
  // (5) versioning turned off (escape hatch: the review judges what deploys)
  (customerData.node.defaultChild as s3.CfnBucket).addPropertyOverride('VersioningConfiguration.Status', 'Suspended');
  // (6) the audit trail's log group retention cut from a year to a month
  (tooling.node.findChild('AuditTrail').node.findChild('Logs').node.defaultChild as any).addPropertyOverride('RetentionInDays', 30);
  // (7) an acknowledgment's reason changed
  Validations.of(workload.node.findChild('Web').node.findChild('SecurityGroup')).acknowledge({
    id: 'AwsSolutions-EC23',
    reason: 'The load balancer serves the public website on 443 only; the WAF in front of it filters requests before they reach targets.',
  });
}

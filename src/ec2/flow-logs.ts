import { Aws, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { SecureLogGroup } from '../logs/secure-log-group';

/** Version 2 default fields plus the extended ones (VPC, subnet, instance, TCP flags, packet addresses, direction, path). */
export const EXTENDED_FLOW_LOG_FORMAT = [
  'version', 'account-id', 'interface-id', 'srcaddr', 'dstaddr', 'srcport', 'dstport', 'protocol', 'packets', 'bytes',
  'start', 'end', 'action', 'log-status', 'vpc-id', 'subnet-id', 'instance-id', 'tcp-flags', 'type', 'pkt-srcaddr',
  'pkt-dstaddr', 'region', 'az-id', 'pkt-src-aws-service', 'pkt-dst-aws-service', 'flow-direction', 'traffic-path',
].map((field) => `\${${field}}`).join(' ');

/** Where and how a VPC's flow logs are delivered. */
export interface FlowLogTarget {
  readonly vpc: ec2.IVpc;
  readonly logFormat?: string;
}

/**
 * ALL-traffic flow logs to a KMS-encrypted CloudWatch log group, delivered by a
 * role that only VPC Flow Logs in this account can assume and that may only
 * write to that log group (customer-managed policy, no wildcards).
 *
 * @see https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs-iam-role.html
 */
export function flowLogsToCloudWatch(scope: Construct, target: FlowLogTarget, key: kms.IKey, retention: logs.RetentionDays): logs.LogGroup {
  const logGroup = new SecureLogGroup(scope, 'FlowLogs', { retention, encryptionKey: key });
  const role = new iam.Role(scope, 'FlowLogsRole', {
    description: 'Assumed by VPC Flow Logs to write this VPC\'s flow logs',
    assumedBy: new iam.ServicePrincipal('vpc-flow-logs.amazonaws.com', {
      conditions: {
        StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID },
        ArnLike: { 'aws:SourceArn': `arn:${Aws.PARTITION}:ec2:${Aws.REGION}:${Aws.ACCOUNT_ID}:vpc-flow-log/*` },
      },
    }),
  });
  new iam.ManagedPolicy(scope, 'FlowLogsPolicy', {
    description: 'Write this VPC\'s flow logs to their log group only',
    roles: [role],
    statements: [new iam.PolicyStatement({
      actions: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
      resources: [logGroup.logGroupArn],
    })],
  });
  new ec2.CfnFlowLog(scope, 'FlowLog', {
    resourceId: target.vpc.vpcId,
    resourceType: 'VPC',
    trafficType: 'ALL',
    logDestinationType: 'cloud-watch-logs',
    logDestination: logGroup.logGroupArn,
    deliverLogsPermissionArn: role.roleArn,
    logFormat: target.logFormat,
  });
  return logGroup;
}

/**
 * ALL-traffic flow logs to an S3 bucket. For a bucket managed here, the bucket
 * policy lets the log delivery service write under `AWSLogs/<account>/` for this
 * account's log sources only.
 *
 * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/AWS-logs-infrastructure-V2-S3.html
 */
export function flowLogsToS3(scope: Construct, target: FlowLogTarget, bucket: s3.IBucket): void {
  const sourceConditions = {
    StringEquals: { 'aws:SourceAccount': Stack.of(scope).account },
    ArnLike: { 'aws:SourceArn': `arn:${Aws.PARTITION}:logs:${Aws.REGION}:${Aws.ACCOUNT_ID}:*` },
  };
  const delivery = new iam.ServicePrincipal('delivery.logs.amazonaws.com');
  bucket.addToResourcePolicy(new iam.PolicyStatement({
    sid: 'AWSLogDeliveryWrite',
    principals: [delivery],
    actions: ['s3:PutObject'],
    resources: [bucket.arnForObjects(`AWSLogs/${Stack.of(scope).account}/*`)],
    conditions: sourceConditions,
  }));
  bucket.addToResourcePolicy(new iam.PolicyStatement({
    sid: 'AWSLogDeliveryCheck',
    principals: [delivery],
    actions: ['s3:GetBucketAcl', 's3:ListBucket'],
    resources: [bucket.bucketArn],
    conditions: sourceConditions,
  }));
  new ec2.CfnFlowLog(scope, 'FlowLog', {
    resourceId: target.vpc.vpcId,
    resourceType: 'VPC',
    trafficType: 'ALL',
    logDestinationType: 's3',
    logDestination: bucket.bucketArn,
    logFormat: target.logFormat,
  });
}

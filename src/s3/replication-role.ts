import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { Acknowledgments } from '../core/acknowledgments';
import { acknowledgeWildcardResources } from '../core/wildcard-acknowledgments';

/** Where replicas go and which key encrypts them. */
export interface ReplicationTarget {
  readonly bucket: s3.IBucket;
  readonly key: kms.IKey;
}

/**
 * The role S3 assumes to replicate `source` to `target`: the minimum actions from
 * the S3 User Guide, named explicitly, in a customer-managed policy. KMS use is
 * limited to S3 in the bucket's region and to each bucket's encryption context.
 *
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/setting-repl-config-perm-overview.html
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication-config-for-kms-objects.html
 */
export function createReplicationRole(scope: Construct, source: s3.IBucket, sourceKey: kms.IKey, target: ReplicationTarget): iam.Role {
  const role = new iam.Role(scope, 'ReplicationRole', {
    assumedBy: new iam.ServicePrincipal('s3.amazonaws.com'),
    description: 'Assumed by S3 to replicate this bucket',
  });
  Acknowledgments.acknowledge(role, 'Fortress-IAMRoleServiceTrustConfusedDeputy',
    'The S3 User Guide\'s replication trust policy names only s3.amazonaws.com; only a principal allowed iam:PassRole on this role '
    + 'in this account can name it in a replication configuration.');
  const sourceObjects = source.arnForObjects('*');
  const targetObjects = target.bucket.arnForObjects('*');
  const policy = new iam.ManagedPolicy(scope, 'ReplicationPolicy', {
    description: 'Minimum permissions for S3 to replicate this bucket (S3 User Guide)',
    roles: [role],
    statements: [
      new iam.PolicyStatement({ actions: ['s3:GetReplicationConfiguration', 's3:ListBucket'], resources: [source.bucketArn] }),
      new iam.PolicyStatement({
        actions: ['s3:GetObjectVersionForReplication', 's3:GetObjectVersionAcl', 's3:GetObjectVersionTagging'],
        resources: [sourceObjects],
      }),
      new iam.PolicyStatement({ actions: ['s3:ReplicateObject', 's3:ReplicateDelete', 's3:ReplicateTags'], resources: [targetObjects] }),
      kmsStatement(['kms:Decrypt'], sourceKey, source, source.env.region),
      // The destination is usually imported from another region, which its env may not tell: any S3 region.
      kmsStatement(['kms:Encrypt', 'kms:GenerateDataKey'], target.key, target.bucket, '*'),
    ],
  });
  acknowledgeWildcardResources(policy, [sourceObjects, targetObjects],
    'Object-level replication actions can only be scoped to a bucket\'s objects as <bucket ARN>/*; the bucket itself is named.');
  return role;
}

/** KMS use through S3 in `region`, for that bucket's objects only (bucket ARN when S3 Bucket Keys are on). */
function kmsStatement(actions: string[], key: kms.IKey, bucket: s3.IBucket, region: string): iam.PolicyStatement {
  return new iam.PolicyStatement({
    actions,
    resources: [key.keyArn],
    conditions: {
      StringLike: {
        'kms:ViaService': `s3.${region}.amazonaws.com`,
        'kms:EncryptionContext:aws:s3:arn': [bucket.bucketArn, bucket.arnForObjects('*')],
      },
    },
  });
}

import { Duration, Names } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { AccessLogsBucket } from './access-logs-bucket';

/** What differs between the library's SSE-S3 buckets. */
export interface SseS3BucketOptions {
  readonly bucketName?: string;
  /** Id of the lifecycle rule. */
  readonly lifecycleRuleId: string;
  /** When current objects expire. @default - never */
  readonly expiration?: Duration;
  /** When noncurrent versions expire. */
  readonly noncurrentVersionExpiration: Duration;
}

/**
 * The props of a bucket that an AWS service (or every account of an organization) can only use with SSE-S3 default
 * encryption: everything else hardened (TLS 1.2+ only, public access blocked, ACLs disabled, versioning, expiry of
 * noncurrent versions and of incomplete uploads). Shared by AccessLogsBucket, LoadBalancerLogsBucket and the
 * OrganizationBaseline asset buckets.
 */
export function sseS3BucketProps(options: SseS3BucketOptions): s3.BucketProps {
  return {
    bucketName: options.bucketName,
    encryption: s3.BucketEncryption.S3_MANAGED,
    enforceSSL: true,
    minimumTLSVersion: 1.2,
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
    versioned: true,
    lifecycleRules: [{
      id: options.lifecycleRuleId,
      expiration: options.expiration,
      noncurrentVersionExpiration: options.noncurrentVersionExpiration,
      abortIncompleteMultipartUploadAfter: Duration.days(7),
    }],
  };
}

/**
 * Sends `bucket`'s server access logs to the stack's AccessLogsBucket under `<unique id>/`, by bucket policy. Set on
 * the L1: the L2 would fall back to ACL-based delivery (incompatible with BucketOwnerEnforced) when the app lacks the
 * `@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy` flag.
 */
export function logToStackAccessLogsBucket(bucket: s3.Bucket): void {
  const accessLogs = AccessLogsBucket.of(bucket);
  const prefix = `${Names.uniqueId(bucket)}/`;
  (bucket.node.defaultChild as s3.CfnBucket).loggingConfiguration = { destinationBucketName: accessLogs.bucketName, logFilePrefix: prefix };
  accessLogs.allowLogDeliveryFrom(bucket, prefix);
}

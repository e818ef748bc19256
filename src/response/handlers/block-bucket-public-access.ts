// eslint-disable-next-line import/no-extraneous-dependencies -- the Lambda Node.js runtime provides the AWS SDK v3 clients
import { PutPublicAccessBlockCommand, S3Client } from '@aws-sdk/client-s3';
import { FindingEvent, findingIdOf, guardDutyFinding, isDryRun, logAction, ownAccountDetail, securityHubResources } from './finding-event';

const PLAYBOOK = 'block-bucket-public-access';
const s3 = new S3Client({});
const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/**
 * The bucket names a finding names: Security Hub `AwsS3Bucket` resources, GuardDuty `resource.s3BucketDetails`,
 * Macie `resourcesAffected.s3Bucket`, IAM Access Analyzer `resource` of type AWS::S3::Bucket.
 */
export function bucketNamesOf(event: FindingEvent): string[] {
  const names: unknown[] = securityHubResources(event, 'AwsS3Bucket').map((r) => String(r.Id).replace(/^arn:[^:]+:s3:::/, ''));
  names.push(...(guardDutyFinding(event)?.resource?.s3BucketDetails ?? []).map((b: any) => b?.name));
  names.push(ownAccountDetail(event, 'aws.macie')?.resourcesAffected?.s3Bucket?.name);
  const analyzed = ownAccountDetail(event, 'aws.access-analyzer');
  if (analyzed?.resourceType === 'AWS::S3::Bucket') names.push(String(analyzed.resource).replace(/^arn:[^:]+:s3:::/, ''));
  return [...new Set(names.filter((n): n is string => typeof n === 'string' && BUCKET_NAME.test(n)))];
}

/** Block Public Access with all four settings on. */
export const BLOCK_ALL = { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true };

/** Re-applies all four Block Public Access settings to each bucket a finding names. In dry run (the default) it logs what it would do. */
export async function handler(event: FindingEvent): Promise<Array<{ bucket: string; dryRun: boolean }>> {
  const dryRun = isDryRun();
  const buckets = bucketNamesOf(event);
  if (buckets.length === 0) logAction(PLAYBOOK, dryRun, 'skip: no S3 bucket in the finding', { finding: findingIdOf(event) });
  for (const bucket of buckets) {
    // ExpectedBucketOwner: never change a same-named bucket of another account.
    if (!dryRun) {
      const input = { Bucket: bucket, PublicAccessBlockConfiguration: BLOCK_ALL, ExpectedBucketOwner: process.env.ACCOUNT_ID };
      await s3.send(new PutPublicAccessBlockCommand(input));
    }
    logAction(PLAYBOOK, dryRun, 'block public access', { bucket, finding: findingIdOf(event) });
  }
  return buckets.map((bucket) => ({ bucket, dryRun }));
}

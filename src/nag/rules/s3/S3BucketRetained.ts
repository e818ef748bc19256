import { parse } from 'path';
import { CfnResource } from 'aws-cdk-lib';
import { CfnBucket } from 'aws-cdk-lib/aws-s3';
import { NagRuleCompliance } from 'cdk-nag';
import { retainedCompliance } from '../retention';

/**
 * S3 buckets are retained on stack deletion (DeletionPolicy Retain).
 * @param node the CfnResource to check
 */
export default Object.defineProperty(
  (node: CfnResource): NagRuleCompliance => retainedCompliance(node, CfnBucket.CFN_RESOURCE_TYPE_NAME),
  'name',
  { value: parse(__filename).name },
);

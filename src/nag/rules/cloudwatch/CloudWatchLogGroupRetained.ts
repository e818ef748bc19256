import { parse } from 'path';
import { CfnResource } from 'aws-cdk-lib';
import { CfnLogGroup } from 'aws-cdk-lib/aws-logs';
import { NagRuleCompliance } from 'cdk-nag';
import { retainedCompliance } from '../retention';

/**
 * CloudWatch log groups are retained on stack deletion (DeletionPolicy Retain).
 * @param node the CfnResource to check
 */
export default Object.defineProperty(
  (node: CfnResource): NagRuleCompliance => retainedCompliance(node, CfnLogGroup.CFN_RESOURCE_TYPE_NAME),
  'name',
  { value: parse(__filename).name },
);

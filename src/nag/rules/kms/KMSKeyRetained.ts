import { parse } from 'path';
import { CfnResource } from 'aws-cdk-lib';
import { CfnKey } from 'aws-cdk-lib/aws-kms';
import { NagRuleCompliance } from 'cdk-nag';
import { retainedCompliance } from '../retention';

/**
 * KMS keys are retained on stack deletion (DeletionPolicy Retain): a deleted key makes its ciphertext unreadable.
 * @param node the CfnResource to check
 */
export default Object.defineProperty(
  (node: CfnResource): NagRuleCompliance => retainedCompliance(node, CfnKey.CFN_RESOURCE_TYPE_NAME),
  'name',
  { value: parse(__filename).name },
);

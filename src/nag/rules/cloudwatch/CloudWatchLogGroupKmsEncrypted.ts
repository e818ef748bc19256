import { parse } from 'path';
import { CfnResource, Stack } from 'aws-cdk-lib';
import { CfnLogGroup } from 'aws-cdk-lib/aws-logs';
import { NagRuleCompliance } from 'cdk-nag';

/**
 * CloudWatch log groups are encrypted with a customer-managed KMS key.
 * @param node the CfnResource to check
 */
export default Object.defineProperty(
  (node: CfnResource): NagRuleCompliance => {
    if (!(node instanceof CfnLogGroup)) return NagRuleCompliance.NOT_APPLICABLE;
    const kmsKeyId = Stack.of(node).resolve(node.kmsKeyId);
    return kmsKeyId !== undefined && kmsKeyId !== '' ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
  },
  'name',
  { value: parse(__filename).name },
);

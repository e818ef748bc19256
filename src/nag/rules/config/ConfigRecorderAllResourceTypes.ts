import { parse } from 'path';
import { CfnResource, Stack } from 'aws-cdk-lib';
import { CfnConfigurationRecorder } from 'aws-cdk-lib/aws-config';
import { NagRuleCompliance } from 'cdk-nag';

/**
 * AWS Config recorders record every supported resource type, so new resource types are covered
 * without anyone remembering to add them.
 * @param node the CfnResource to check
 */
export default Object.defineProperty(
  (node: CfnResource): NagRuleCompliance => {
    if (!(node instanceof CfnConfigurationRecorder)) return NagRuleCompliance.NOT_APPLICABLE;
    const group = Stack.of(node).resolve(node.recordingGroup);
    return group?.allSupported === true ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
  },
  'name',
  { value: parse(__filename).name },
);

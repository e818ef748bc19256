import { parse } from 'path';
import { CfnResource, Stack } from 'aws-cdk-lib';
import { CfnDetector } from 'aws-cdk-lib/aws-guardduty';
import { NagRuleCompliance } from 'cdk-nag';

/** The protection plans GuardDuty offers on a detector, beyond foundational threat detection. */
const PLANS = ['S3_DATA_EVENTS', 'EKS_AUDIT_LOGS', 'EBS_MALWARE_PROTECTION', 'RDS_LOGIN_EVENTS', 'LAMBDA_NETWORK_LOGS', 'RUNTIME_MONITORING'];

/**
 * GuardDuty detectors are enabled with every protection plan on (S3, EKS audit logs, EBS malware
 * protection, RDS login events, Lambda network logs, Runtime Monitoring); a plan left off must be acknowledged.
 * @param node the CfnResource to check
 */
export default Object.defineProperty(
  (node: CfnResource): NagRuleCompliance => {
    if (!(node instanceof CfnDetector)) return NagRuleCompliance.NOT_APPLICABLE;
    const stack = Stack.of(node);
    const features: Array<{ name?: string; status?: string }> = stack.resolve(node.features) ?? [];
    const enabled = new Set(features.filter((f) => f?.status === 'ENABLED').map((f) => f.name));
    const detectorOn = stack.resolve(node.enable) === true;
    return detectorOn && PLANS.every((plan) => enabled.has(plan)) ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
  },
  'name',
  { value: parse(__filename).name },
);

import { defineRule, RuleProblem } from '../../template/fortress-rule';
import { asList } from '../../template/stack-template';

/** The protection plans GuardDuty offers on a detector, beyond foundational threat detection. */
const PLANS = ['S3_DATA_EVENTS', 'EKS_AUDIT_LOGS', 'EBS_MALWARE_PROTECTION', 'RDS_LOGIN_EVENTS', 'LAMBDA_NETWORK_LOGS', 'RUNTIME_MONITORING'];

/** GuardDuty detectors have every protection plan on; a plan left off must be acknowledged. */
export default defineRule(__filename, {
  resourceTypes: ['AWS::GuardDuty::Detector'],
  info: 'Not every GuardDuty protection plan is enabled on the detector.',
  explanation: 'Each protection plan watches a data source foundational detection does not. A plan left off is a blind spot.',
  fix: 'Use GuardDutyOrg (every plan on) and remove overrides of Features; to leave a plan off, use disabledProtections with a reason.',
  evaluate: (detector) => {
    const problems: RuleProblem[] = [];
    const enabled = new Set(asList(detector.properties.Features).filter((f: any) => f?.Status === 'ENABLED').map((f: any) => f.Name));
    for (const plan of PLANS.filter((p) => !enabled.has(p))) problems.push({ detail: `Protection plan ${plan} is not enabled.` });
    return problems;
  },
});

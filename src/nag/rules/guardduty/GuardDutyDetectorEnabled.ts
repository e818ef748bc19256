import { defineRule, problemIf } from '../../template/fortress-rule';

/** GuardDuty detectors are on. A detector deployed switched off detects nothing and cannot be excused. */
export default defineRule(__filename, {
  resourceTypes: ['AWS::GuardDuty::Detector'],
  neverAcknowledgeable: true,
  info: 'The GuardDuty detector is switched off.',
  explanation: 'A disabled detector produces no findings while appearing deployed.',
  fix: 'Remove the override of Enable; to stop paying for GuardDuty, remove the GuardDutyOrg construct instead.',
  evaluate: (detector) => problemIf(detector.properties.Enable !== true, `Enable is ${JSON.stringify(detector.properties.Enable)}.`),
});

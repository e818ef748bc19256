import { defineRule, problemIf } from '../../template/fortress-rule';
import { refersTo } from '../../template/stack-template';

/** GuardDuty detectors export findings to an S3 publishing destination encrypted with a KMS key. */
export default defineRule(__filename, {
  resourceTypes: ['AWS::GuardDuty::Detector'],
  info: 'The GuardDuty detector does not export findings to a KMS-encrypted S3 publishing destination.',
  explanation: 'GuardDuty keeps findings for 90 days; investigations and audits need them longer, encrypted under a key you control.',
  fix: 'Use GuardDutyOrg (exports findings to an EncryptedBucket under the logs key).',
  evaluate: (detector) => problemIf(!detector.template.ofType('AWS::GuardDuty::PublishingDestination').some((d) =>
    refersTo(d.properties.DetectorId, detector.logicalId) && d.properties.DestinationProperties?.KmsKeyArn !== undefined),
  'No publishing destination with a KmsKeyArn exports this detector\'s findings.'),
});

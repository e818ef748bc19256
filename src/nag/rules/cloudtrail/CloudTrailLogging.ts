import { defineRule, problemIf } from '../../template/fortress-rule';

/** CloudTrail trails are logging. A trail deployed switched off records nothing and cannot be excused. */
export default defineRule(__filename, {
  resourceTypes: ['AWS::CloudTrail::Trail'],
  neverAcknowledgeable: true,
  info: 'The CloudTrail trail is not logging.',
  explanation: 'A trail with IsLogging false records no API call while appearing deployed: the audit has a hole no one sees.',
  fix: 'Remove the override of IsLogging (AuditTrail always logs).',
  evaluate: (trail) => problemIf(trail.properties.IsLogging !== true, `IsLogging is ${JSON.stringify(trail.properties.IsLogging)}.`),
});

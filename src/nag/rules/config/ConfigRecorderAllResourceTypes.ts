import { defineRule, problemIf } from '../../template/fortress-rule';

/** AWS Config recorders record every supported resource type. */
export default defineRule(__filename, {
  resourceTypes: ['AWS::Config::ConfigurationRecorder'],
  info: 'The AWS Config recorder does not record all supported resource types.',
  explanation: 'A recorder limited to a list of types silently misses every type added later, and the Security Hub controls that depend on them stop evaluating.',
  fix: 'Use ConfigRecorder (records all supported types) or set recordingGroup.allSupported to true.',
  evaluate: (r) => problemIf(r.properties.RecordingGroup?.AllSupported !== true, 'RecordingGroup.AllSupported is not true.'),
});

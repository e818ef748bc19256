import { defineRule, problemIf } from '../../template/fortress-rule';

/** CloudWatch log groups have a retention period (logs are not kept, and paid for, forever by accident). */
export default defineRule(__filename, {
  resourceTypes: ['AWS::Logs::LogGroup'],
  info: 'The CloudWatch log group does not set a retention period.',
  explanation: 'Without RetentionInDays logs are kept, and billed, forever.',
  fix: 'Use SecureLogGroup (one year by default), or set retention to what your audit requirement needs (for example logs.RetentionDays.ONE_YEAR or more for CIS and PCI DSS).',
  evaluate: (r) => {
    const days = Number(r.properties.RetentionInDays);
    return problemIf(!(Number.isFinite(days) && days > 0), 'RetentionInDays is not set.');
  },
});

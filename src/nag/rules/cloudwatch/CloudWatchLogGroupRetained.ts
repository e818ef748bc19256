import { defineRule } from '../../template/fortress-rule';
import { retentionProblems } from '../retention';

/** CloudWatch log groups are retained when their stack deletes or replaces them: logs are evidence. */
export default defineRule(__filename, {
  resourceTypes: ['AWS::Logs::LogGroup'],
  info: 'The CloudWatch log group is not retained when its stack is deleted (DeletionPolicy is not Retain).',
  explanation: 'Logs are evidence: deleting a stack must not delete them before their retention period ends.',
  fix: 'Use SecureLogGroup, or set removalPolicy: RemovalPolicy.RETAIN on the log group.',
  evaluate: retentionProblems,
});

import { defineRule } from '../../template/fortress-rule';
import { retentionProblems } from '../retention';

/** KMS keys are retained when their stack deletes or replaces them: every ciphertext depends on them. */
export default defineRule(__filename, {
  resourceTypes: ['AWS::KMS::Key'],
  info: 'The KMS key is not retained when its stack is deleted (DeletionPolicy is not Retain).',
  explanation: 'Once a key is deleted every ciphertext it protected is unrecoverable, including data in retained buckets and backups.',
  fix: 'Use KmsKeyRing keys (retained by default) or removalPolicy: RemovalPolicy.RETAIN.',
  evaluate: retentionProblems,
});

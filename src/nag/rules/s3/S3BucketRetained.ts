import { defineRule } from '../../template/fortress-rule';
import { retentionProblems } from '../retention';

/** S3 buckets are retained (DeletionPolicy and UpdateReplacePolicy Retain) when their stack deletes or replaces them. */
export default defineRule(__filename, {
  resourceTypes: ['AWS::S3::Bucket'],
  info: 'The S3 bucket is not retained when its stack is deleted (DeletionPolicy is not Retain).',
  explanation: 'Deleting a stack must never delete data.',
  fix: 'Use EncryptedBucket (retained by default) or removalPolicy: RemovalPolicy.RETAIN; for disposable data set RemovalPolicy.DESTROY explicitly and acknowledge this rule on the bucket.',
  evaluate: retentionProblems,
});

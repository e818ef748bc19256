import { defineRule, problemIf } from '../../template/fortress-rule';
import { isCustomerManagedKeyId } from '../messaging-policies';

/** SQS queues are encrypted with a customer-managed KMS key (not SSE-SQS, not the AWS managed key `alias/aws/sqs`). */
export default defineRule(__filename, {
  resourceTypes: ['AWS::SQS::Queue'],
  info: 'The SQS queue is not encrypted with a customer-managed KMS key.',
  explanation: 'SQS-managed keys (SSE-SQS) and the AWS managed key alias/aws/sqs cannot be scoped by key policy, audited per key '
    + 'or used by AWS services that send to the queue; a customer-managed key can.',
  fix: 'Use SecureQueue, or set encryptionMasterKey to KmsKeyRing.of(stack).key(KeyPurpose.MESSAGING).',
  evaluate: (queue) => problemIf(!isCustomerManagedKeyId(queue.properties.KmsMasterKeyId, 'sqs', queue.template.json),
    queue.properties.KmsMasterKeyId === undefined ? 'KmsMasterKeyId is not set (SQS-managed or no encryption).' : 'KmsMasterKeyId is, or may deploy as, the AWS managed key alias/aws/sqs or nothing.'),
});

import { defineRule, problemIf } from '../../template/fortress-rule';
import { isCustomerManagedKeyId } from '../messaging-policies';

/** SNS topics are encrypted with a customer-managed KMS key (not unencrypted, not the AWS managed key `alias/aws/sns`). */
export default defineRule(__filename, {
  resourceTypes: ['AWS::SNS::Topic'],
  info: 'The SNS topic is not encrypted with a customer-managed KMS key.',
  explanation: 'Unencrypted topics store messages in clear text; the AWS managed key alias/aws/sns cannot be used by CloudWatch, '
    + 'EventBridge or S3 to publish, nor scoped by key policy. A customer-managed key can.',
  fix: 'Use SecureTopic, or set masterKey to KmsKeyRing.of(stack).key(KeyPurpose.MESSAGING).',
  evaluate: (topic) => problemIf(!isCustomerManagedKeyId(topic.properties.KmsMasterKeyId, 'sns', topic.template.json),
    topic.properties.KmsMasterKeyId === undefined ? 'KmsMasterKeyId is not set.' : 'KmsMasterKeyId is, or may deploy as, the AWS managed key alias/aws/sns or nothing.'),
});

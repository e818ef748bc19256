import { candidateStrings, NO_VALUE } from '../../../analysis/candidates';
import { defineRule, problemIf } from '../../template/fortress-rule';

/** CloudWatch log groups are encrypted with a customer-managed KMS key, whatever the key id deploys as. */
export default defineRule(__filename, {
  resourceTypes: ['AWS::Logs::LogGroup'],
  info: 'The CloudWatch log group is not encrypted with a customer-managed KMS key.',
  explanation: 'Logs often contain sensitive data. A customer-managed key (KmsKeyId) gives control over, and an audit trail of, who can read them.',
  fix: 'Use SecureLogGroup, or set encryptionKey to KmsKeyRing.of(stack).key(KeyPurpose.LOGS) with ring.enableService(KeyPurpose.LOGS, KeyService.CLOUDWATCH_LOGS).',
  // Every value KmsKeyId can deploy as (an Fn::If branch of AWS::NoValue removes it).
  evaluate: (r) => problemIf(r.properties.KmsKeyId === undefined
    || candidateStrings(r.properties.KmsKeyId, r.template.json).some((c) => c === '' || c === NO_VALUE), 'KmsKeyId is not set, or may be removed.'),
});

import { defineRule, RuleProblem } from '../../template/fortress-rule';
import { asList, TemplateValue } from '../../template/stack-template';

/**
 * DynamoDB tables (and every replica of a global table) are encrypted with a customer-managed KMS key. No standard pack
 * checks DynamoDB encryption at all, and none looks at `AWS::DynamoDB::GlobalTable` (what `TableV2` renders).
 */
export default defineRule(__filename, {
  resourceTypes: ['AWS::DynamoDB::Table', 'AWS::DynamoDB::GlobalTable'],
  info: 'The DynamoDB table (or a replica of the global table) is not encrypted with a customer-managed KMS key.',
  explanation: 'Without SSE-KMS and a key of yours, DynamoDB encrypts with an AWS owned key (or the AWS managed alias/aws/dynamodb), '
    + 'which no key policy of yours governs and no CloudTrail event of yours records; a customer-managed key adds a separately governed permission.',
  fix: 'Use SecureTable (the key ring\'s data key); for a TableV2, set encryption: TableEncryption.customerManagedKey(key, replicaKeyArns).',
  evaluate: (table) => {
    const sse = table.properties.SSESpecification ?? {};
    const kms = sse.SSEEnabled === true && (sse.SSEType === undefined || sse.SSEType === 'KMS');
    if (table.type === 'AWS::DynamoDB::Table') {
      if (!kms) return [{ detail: 'SSESpecification does not enable SSE-KMS (the AWS owned key is used).' }];
      return isCustomerManagedKeyId(sse.KMSMasterKeyId) ? [] : [{ detail: 'SSESpecification.KMSMasterKeyId is not a customer-managed key (absent, or alias/aws/dynamodb).' }];
    }
    if (!kms) return [{ detail: 'SSESpecification does not enable SSE-KMS for the global table (the AWS owned key is used).' }];
    const problems: RuleProblem[] = [];
    asList(table.properties.Replicas).forEach((replica: TemplateValue, i: number) => {
      if (!isCustomerManagedKeyId(replica?.SSESpecification?.KMSMasterKeyId)) {
        problems.push({ detail: `Replicas[${i}] (${typeof replica?.Region === 'string' ? replica.Region : 'a region'}) names no customer-managed KMSMasterKeyId.` });
      }
    });
    return problems;
  },
});

/** Set, and not the AWS managed key `alias/aws/dynamodb` (by name or alias ARN). */
function isCustomerManagedKeyId(keyId: TemplateValue): boolean {
  if (keyId === undefined || keyId === null || keyId === '') return false;
  if (typeof keyId !== 'string') return true;
  return !/(^|:)alias\/aws\/dynamodb$/.test(keyId);
}

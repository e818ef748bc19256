import { CONFUSED_DEPUTY_CONDITION_KEYS } from '../../../core/permissions';
import { defineRule } from '../../template/fortress-rule';
import { asList, hasNarrowingCondition, statementsOf } from '../../template/policy-document';

/**
 * Condition keys that AWS documents for tying a service principal's use of a key to this account or its
 * resources: the global confused-deputy keys (https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html)
 * and the service's encryption context (e.g. aws:logs:arn, aws:cloudtrail:arn, aws:sns:topicArn; the only
 * scoping SNS supports for EventBridge, https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html).
 * Not kms:CallerAccount or kms:ViaService: they describe the calling principal or the service it calls
 * through, and no service documents them for statements whose principal is the service itself.
 */
const NARROWING_KEYS = [...CONFUSED_DEPUTY_CONDITION_KEYS, /^kms:encryptioncontext:/i];

/**
 * KMS key policies allow AWS service principals only with a condition that ties
 * the use to this account or its resources (aws:SourceAccount, aws:SourceArn,
 * kms:EncryptionContext:*) with a positive operator and a non-wildcard value,
 * against confused-deputy use.
 */
export default defineRule(__filename, {
  resourceTypes: ['AWS::KMS::Key'],
  info: 'The KMS key policy allows an AWS service principal without a condition tying it to this account or its resources.',
  explanation: 'A service principal alone matches requests the service makes for any AWS customer (confused deputy).',
  fix: 'Condition the statement on aws:SourceAccount, aws:SourceArn or the service\'s encryption context (KmsKeyRing.enableService adds the documented condition for each service).',
  evaluate: (r) => statementsOf(r.properties.KeyPolicy)
    .filter((s) => s.Effect === 'Allow' && typeof s.Principal === 'object' && asList(s.Principal?.Service).length > 0
      && !hasNarrowingCondition(s, NARROWING_KEYS))
    .map((s) => ({ detail: `Statement ${JSON.stringify(s.Sid ?? s.Principal.Service)} has no such condition.` })),
});

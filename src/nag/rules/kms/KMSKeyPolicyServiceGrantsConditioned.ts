import { parse } from 'path';
import { CfnResource } from 'aws-cdk-lib';
import { CfnKey } from 'aws-cdk-lib/aws-kms';
import { NagRuleCompliance } from 'cdk-nag';
import { CONFUSED_DEPUTY_CONDITION_KEYS } from '../../../core/permissions';
import { asList, hasNarrowingCondition, resolvedStatements } from '../policy-documents';

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
 * @param node the CfnResource to check
 */
export default Object.defineProperty(
  (node: CfnResource): NagRuleCompliance => {
    if (!(node instanceof CfnKey)) return NagRuleCompliance.NOT_APPLICABLE;
    const unconditioned = resolvedStatements(node, node.keyPolicy).some((s) => {
      const principal = s.Principal as Record<string, unknown> | undefined;
      const isServiceGrant = s.Effect === 'Allow' && typeof principal === 'object' && asList(principal?.Service).length > 0;
      return isServiceGrant && !hasNarrowingCondition(s, NARROWING_KEYS);
    });
    return unconditioned ? NagRuleCompliance.NON_COMPLIANT : NagRuleCompliance.COMPLIANT;
  },
  'name',
  { value: parse(__filename).name },
);

import { adminEquivalentReasons, coversEveryResource } from '../../../analysis';
import { defineRule } from '../../template/fortress-rule';
import { asList, IAM_POLICY_TYPES, iamPolicyDocuments, statementsOf } from '../../template/policy-document';

/**
 * No identity-based policy allows administrator-equivalent actions (`*`, every action of IAM, KMS,
 * STS, Organizations or S3, privilege-escalation actions such as iam:PutRolePolicy or
 * kms:PutKeyPolicy, in any spelling: `iam:Put*Policy`, `kms:Put?eyPolicy`) on every resource (`*`, or an
 * ARN pattern covering every resource of a type: `arn:aws:iam::*:role/*`, `arn:*`).
 */
export default defineRule(__filename, {
  resourceTypes: IAM_POLICY_TYPES,
  info: 'The IAM policy allows administrator-equivalent actions on every resource.',
  explanation: 'Actions such as *, iam:*, kms:PutKeyPolicy or iam:AttachRolePolicy on "*" let the holder grant itself anything: least privilege ends there.',
  fix: 'Name the actions the workload needs and the resources (ARNs) they act on; use LeastPrivilegeRole, which refuses admin policies and wildcards.',
  evaluate: (r) => iamPolicyDocuments(r.type, r.properties).flatMap(statementsOf).flatMap((s) => {
    // NotResource applies to every resource but those listed: as broad as "*" for an administrator-equivalent action.
    const everyResource = s.NotResource !== undefined || asList(s.Resource).some(coversEveryResource);
    if (s.Effect !== 'Allow' || s.NotAction !== undefined || !everyResource) return [];
    const reasons = adminEquivalentReasons(asList(s.Action), ['*']);
    return reasons.length > 0 ? [{ detail: `Statement ${JSON.stringify(s.Sid ?? s.Action)} ${reasons.join('; ')}.` }] : [];
  }),
});

import { isPublicStatement } from '../../../analysis';
import { ANY_RESOURCE_TYPE, defineRule } from '../../template/fortress-rule';
import { statementsOf } from '../../template/policy-document';
import { resourcePolicyDocuments } from '../../template/resource-policies';

/**
 * No resource-based policy (buckets, keys, topics, queues, secrets, repositories, log destinations,
 * event buses, backup vaults, search domains, file systems, APIs, tables, streams, endpoints, ...)
 * allows everyone: `Principal: "*"` or `NotPrincipal` in an Allow, unless a condition AWS accepts as
 * narrowing (the keys S3 Block Public Access recognizes) fixes the account, organization, principal,
 * source or network. Types without a known policy property (new types, raw `CfnResource`s, custom
 * resources) are searched for policy documents with principals. Never acknowledgeable.
 */
export default defineRule(__filename, {
  resourceTypes: [ANY_RESOURCE_TYPE],
  neverAcknowledgeable: true,
  info: 'The resource policy allows everyone (a public Allow).',
  explanation: 'A public statement lets any AWS account, or anonymous callers, use the resource: read data, publish, subscribe or administer it.',
  fix: 'Name the principals, or narrow "*" with a fixed aws:PrincipalOrgID, aws:PrincipalAccount, aws:SourceAccount, aws:SourceArn or aws:SourceVpce condition (StringEquals, no IfExists, no wildcards).',
  // KMS key policies have their own rule with the same judgment (KMSKeyPolicyNoUnconditionalPublicPrincipal).
  evaluate: (resource) => (resource.type.startsWith('AWS::KMS::') ? [] : resourcePolicyDocuments(resource)).flatMap(statementsOf).flatMap((statement) => {
    const verdict = isPublicStatement(statement);
    return verdict.public ? [{ detail: `Statement ${JSON.stringify(statement.Sid ?? statement.Action)}: ${verdict.reason}.` }] : [];
  }),
});

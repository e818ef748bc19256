import { CandidateTemplate, candidateStrings, NO_VALUE } from '../../analysis/candidates';
import { asList, canonical, isAnyPrincipal, statementsOf, TemplateStatement } from '../template/policy-document';
import { refersTo, TemplateResource, TemplateValue } from '../template/stack-template';

/**
 * Statements of every SQS queue policy (`AWS::SQS::QueuePolicy` listing the queue's URL, or
 * `AWS::SQS::QueueInlinePolicy` on it) in the queue's template. A queue's `Ref` is its URL.
 */
export function queuePolicyStatements(queue: TemplateResource): TemplateStatement[] {
  return [
    ...queue.template.ofType('AWS::SQS::QueuePolicy')
      .filter((policy) => asList(policy.properties.Queues).some((q) => refersTo(q, queue.logicalId)))
      .flatMap((policy) => statementsOf(policy.properties.PolicyDocument)),
    ...queue.template.ofType('AWS::SQS::QueueInlinePolicy')
      .filter((policy) => refersTo(policy.properties.Queue, queue.logicalId))
      .flatMap((policy) => statementsOf(policy.properties.PolicyDocument)),
  ];
}

/**
 * Statements of every SNS topic policy (`AWS::SNS::TopicPolicy` listing the topic's ARN, or
 * `AWS::SNS::TopicInlinePolicy` on it) in the topic's template. A topic's `Ref` is its ARN.
 */
export function topicPolicyStatements(topic: TemplateResource): TemplateStatement[] {
  return [
    ...topic.template.ofType('AWS::SNS::TopicPolicy')
      .filter((policy) => asList(policy.properties.Topics).some((t) => refersTo(t, topic.logicalId)))
      .flatMap((policy) => statementsOf(policy.properties.PolicyDocument)),
    ...topic.template.ofType('AWS::SNS::TopicInlinePolicy')
      .filter((policy) => refersTo(policy.properties.TopicArn, topic.logicalId))
      .flatMap((policy) => statementsOf(policy.properties.PolicyDocument)),
  ];
}

/**
 * Whether `statement` denies every principal `actions` (any of them, or a service or global wildcard) on
 * `resources` (any of their forms, or `*`) whenever `aws:SecureTransport` is false, with no other
 * condition that could narrow the deny.
 */
export function deniesInsecureTransport(statement: TemplateStatement, actions: readonly string[], resources: readonly TemplateValue[]): boolean {
  if (statement.Effect !== 'Deny' || !isAnyPrincipal(statement.Principal) || statement.NotAction !== undefined || statement.NotResource !== undefined) return false;
  const stated = asList(statement.Action).map((a) => String(a).toLowerCase());
  if (!stated.some((a) => actions.map((x) => x.toLowerCase()).includes(a))) return false;
  const operators = Object.entries(statement.Condition ?? {});
  if (operators.length !== 1 || operators[0][0] !== 'Bool') return false;
  const entries = Object.entries(operators[0][1] ?? {});
  if (entries.length !== 1 || entries[0][0] !== 'aws:SecureTransport') return false;
  const values = asList(entries[0][1]).map((v) => String(v).toLowerCase());
  if (values.length !== 1 || values[0] !== 'false') return false;
  const forms = resources.map(canonical);
  return asList(statement.Resource).some((r) => r === '*' || forms.includes(canonical(r)));
}

/**
 * Whether a `KmsMasterKeyId` names a customer-managed key whatever it deploys as: set, and in no case (an `Fn::If`
 * branch, a `Join`/`Sub` spelling) removed (`AWS::NoValue`), empty, or the AWS managed key `alias/aws/<service>`.
 * A key from elsewhere (an import, a parameter) counts as named.
 */
export function isCustomerManagedKeyId(keyId: TemplateValue, service: 'sqs' | 'sns', template: CandidateTemplate = {}): boolean {
  if (keyId === undefined || keyId === null || keyId === '') return false;
  const awsManaged = new RegExp(`(^|:)alias/aws/${service}$`);
  return candidateStrings(keyId, template).every((c) => c !== '' && c !== NO_VALUE && !awsManaged.test(c));
}

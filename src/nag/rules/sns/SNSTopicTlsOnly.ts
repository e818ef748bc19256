import { defineRule, problemIf } from '../../template/fortress-rule';
import { deniesInsecureTransport, topicPolicyStatements } from '../messaging-policies';

/** SNS topic policies deny publishing without TLS (`aws:SecureTransport` false), for every principal. */
export default defineRule(__filename, {
  resourceTypes: ['AWS::SNS::Topic'],
  info: 'The SNS topic policy does not deny publishing without TLS.',
  explanation: 'Without a Deny on aws:SecureTransport false, messages can be published in clear text over HTTP.',
  fix: 'Use SecureTopic, or set enforceSSL: true on the topic (a Deny on sns:Publish for every principal when aws:SecureTransport is false).',
  evaluate: (topic) => problemIf(!topicPolicyStatements(topic).some(
    (s) => deniesInsecureTransport(s, ['sns:Publish', 'sns:*', '*'], [{ Ref: topic.logicalId }]),
  ), 'No topic policy statement denies sns:Publish to every principal on this topic when aws:SecureTransport is false.'),
});

import { defineRule, problemIf } from '../../template/fortress-rule';
import { deniesInsecureTransport, queuePolicyStatements } from '../messaging-policies';

/** SQS queue policies deny every request made without TLS (`aws:SecureTransport` false), for every principal and action. */
export default defineRule(__filename, {
  resourceTypes: ['AWS::SQS::Queue'],
  info: 'The SQS queue policy does not deny requests made without TLS.',
  explanation: 'Without a Deny on aws:SecureTransport false, messages and credentials can be sent in clear text over HTTP.',
  fix: 'Use SecureQueue, or set enforceSSL: true on the queue (a Deny on sqs:* for every principal when aws:SecureTransport is false).',
  evaluate: (queue) => problemIf(!queuePolicyStatements(queue).some(
    (s) => deniesInsecureTransport(s, ['sqs:*', '*'], [{ 'Fn::GetAtt': [queue.logicalId, 'Arn'] }]),
  ), 'No queue policy statement denies sqs:* to every principal on this queue when aws:SecureTransport is false.'),
});

import { Stack } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { IConstruct } from 'constructs';
import { Acknowledgments } from '../core/acknowledgments';
import { RuleGroup } from '../core/rule-group';

/** Handler policies already acknowledged (notifications can be added several times). */
const ACKNOWLEDGED = new WeakSet<IConstruct>();

/** Construct id aws-cdk-lib gives its per-stack S3 notifications handler (a singleton). */
const HANDLER_ID = 'BucketNotificationsHandler050a0587b7544547bf325f094a3db834';
const BASIC_EXECUTION_FINDING = 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]';

/**
 * aws-cdk-lib applies a bucket's notification configuration (EventBridge
 * included) through one custom-resource Lambda per stack. Idempotent: called
 * at construction and after each notification added later. Acknowledges what
 * its IAM set-up cannot satisfy, on exactly the constructs aws-cdk-lib creates:
 * the handler's role (AWS managed basic-execution policy) and this bucket's
 * handler policy (an inline policy scoped to this bucket).
 */
export function acknowledgeNotificationsHandler(bucket: s3.Bucket): void {
  const handlerPolicy = bucket.node.tryFindChild('Notifications')?.node.tryFindChild('HandlerPolicy');
  if (handlerPolicy && !ACKNOWLEDGED.has(handlerPolicy)) {
    ACKNOWLEDGED.add(handlerPolicy);
    Acknowledgments.acknowledgeGroup(handlerPolicy, RuleGroup.IAM_NO_INLINE_POLICY,
      'aws-cdk-lib attaches this policy to its S3 notifications handler: it allows s3:PutBucketNotification on this bucket only, '
      + 'and is created, updated and deleted with the bucket.');
  }
  const handlerRole = Stack.of(bucket).node.tryFindChild(HANDLER_ID)?.node.tryFindChild('Role');
  if (handlerRole && !Acknowledgments.list(handlerRole).some((a) => a.ruleId === BASIC_EXECUTION_FINDING)) {
    Acknowledgments.acknowledge(handlerRole, BASIC_EXECUTION_FINDING,
      'aws-cdk-lib\'s S3 notifications handler needs only to write its own CloudWatch Logs, which is exactly what '
      + 'AWSLambdaBasicExecutionRole grants; the role is created and managed by aws-cdk-lib.');
  }
}

import { Stack } from 'aws-cdk-lib';
import * as cr from 'aws-cdk-lib/custom-resources';
import { IConstruct } from 'constructs';
import { Acknowledgments } from './acknowledgments';
import { RuleGroup } from './rule-group';
import { acknowledgeWildcardResources } from './wildcard-acknowledgments';

/** A wildcard resource in a custom resource's policy, with why nothing narrower is possible. */
export interface WildcardResource {
  readonly resource: string;
  readonly reason: string;
}

/** aws-cdk-lib's construct id for the one AwsCustomResource provider function of a stack. */
const PROVIDER_ID = 'AWS679f53fac002430cb0da5b7982bd2287';

const PROVIDER_FUNCTION_RULES: Array<[string[], string]> = [
  [['HIPAA.Security-LambdaConcurrency', 'NIST.800.53.R5-LambdaConcurrency'],
    'aws-cdk-lib\'s AwsCustomResource provider runs only during deployments, once per custom-resource event; a concurrency limit would protect nothing.'],
  [['HIPAA.Security-LambdaDLQ', 'NIST.800.53.R5-LambdaDLQ', 'Serverless-LambdaDLQ'],
    'CloudFormation invokes the provider and receives, reports and rolls back every failure itself; there is no asynchronous event to dead-letter.'],
  [['HIPAA.Security-LambdaInsideVPC', 'NIST.800.53.R4-LambdaInsideVPC', 'NIST.800.53.R5-LambdaInsideVPC', 'PCI.DSS.321-LambdaInsideVPC'],
    'The provider only calls AWS service APIs during deployments; it holds no data and serves no network traffic, so a VPC would add NAT cost and nothing else.'],
  [['Serverless-LambdaDefaultMemorySize'],
    'aws-cdk-lib sizes its AwsCustomResource provider for single SDK calls made during deployments; it is not a workload to tune.'],
  [['Serverless-LambdaTracing'],
    'The provider makes one SDK call per deployment event, each recorded by CloudTrail and in the stack events; tracing adds no insight.'],
];

/**
 * Acknowledges what an AwsCustomResource cannot satisfy, on exactly the constructs it creates:
 * the stack's shared provider function and its role (once per stack), and this resource's policy
 * (inline, by aws-cdk-lib's design, and its declared wildcard resources).
 */
export function acknowledgeAwsCustomResource(resource: cr.AwsCustomResource, wildcards: WildcardResource[] = []): void {
  const policy = resource.node.tryFindChild('CustomResourcePolicy');
  if (policy) {
    Acknowledgments.acknowledgeGroup(policy, RuleGroup.IAM_NO_INLINE_POLICY,
      'aws-cdk-lib attaches each AwsCustomResource\'s policy inline to the shared provider role; it holds exactly the API calls this resource makes.');
    for (const wildcard of wildcards) acknowledgeWildcardResources(policy, [wildcard.resource], wildcard.reason);
  }
  const provider = Stack.of(resource).node.tryFindChild(PROVIDER_ID);
  if (provider && !alreadyAcknowledged(provider)) {
    for (const [ruleIds, reason] of PROVIDER_FUNCTION_RULES) ruleIds.forEach((ruleId) => Acknowledgments.acknowledge(provider, ruleId, reason));
    const role = provider.node.tryFindChild('ServiceRole');
    if (role) {
      Acknowledgments.acknowledge(role, 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        'aws-cdk-lib\'s AwsCustomResource provider role needs only to write the provider\'s own CloudWatch Logs, exactly what this managed policy grants.');
    }
  }
}

function alreadyAcknowledged(provider: IConstruct): boolean {
  return Acknowledgments.list(provider).some((a) => a.constructPath === provider.node.path);
}

import { asList, TemplateResource, TemplateValue } from './stack-template';

/** Where each CloudFormation type that carries a resource-based policy keeps it. */
const POLICY_LOCATIONS: Record<string, (properties: Record<string, TemplateValue>) => TemplateValue[]> = {
  'AWS::S3::BucketPolicy': (p) => [p.PolicyDocument],
  'AWS::S3::AccessPoint': (p) => [p.Policy],
  'AWS::S3::MultiRegionAccessPointPolicy': (p) => [p.Policy],
  'AWS::S3Express::BucketPolicy': (p) => [p.PolicyDocument],
  'AWS::KMS::Key': (p) => [p.KeyPolicy],
  'AWS::KMS::ReplicaKey': (p) => [p.KeyPolicy],
  'AWS::SNS::TopicPolicy': (p) => [p.PolicyDocument],
  'AWS::SNS::TopicInlinePolicy': (p) => [p.PolicyDocument],
  'AWS::SQS::QueuePolicy': (p) => [p.PolicyDocument],
  'AWS::SQS::QueueInlinePolicy': (p) => [p.PolicyDocument],
  'AWS::SecretsManager::ResourcePolicy': (p) => [p.ResourcePolicy],
  'AWS::ECR::Repository': (p) => [p.RepositoryPolicyText],
  'AWS::ECR::RegistryPolicy': (p) => [p.PolicyText],
  'AWS::Logs::ResourcePolicy': (p) => [p.PolicyDocument],
  'AWS::Logs::Destination': (p) => [p.DestinationPolicy],
  'AWS::Events::EventBus': (p) => [p.Policy],
  'AWS::Events::EventBusPolicy': (p) => [p.Statement ? { Statement: [p.Statement] } : eventBusPolicyStatement(p)],
  'AWS::Backup::BackupVault': (p) => [p.AccessPolicy],
  'AWS::OpenSearchService::Domain': (p) => [p.AccessPolicies],
  'AWS::Elasticsearch::Domain': (p) => [p.AccessPolicies],
  'AWS::EFS::FileSystem': (p) => [p.FileSystemPolicy],
  'AWS::ApiGateway::RestApi': (p) => [p.Policy],
  'AWS::DynamoDB::Table': (p) => [p.ResourcePolicy?.PolicyDocument, p.StreamSpecification?.ResourcePolicy?.PolicyDocument],
  'AWS::DynamoDB::GlobalTable': (p) => asList(p.Replicas).flatMap((r: any) => [r?.ResourcePolicy?.PolicyDocument, r?.ReplicaStreamSpecification?.ResourcePolicy?.PolicyDocument]),
  'AWS::Kinesis::ResourcePolicy': (p) => [p.ResourcePolicy],
  'AWS::CodeArtifact::Domain': (p) => [p.PermissionsPolicyDocument],
  'AWS::CodeArtifact::Repository': (p) => [p.PermissionsPolicyDocument],
  'AWS::Glue::ResourcePolicy': (p) => [p.PolicyInJson],
  'AWS::VpcLattice::AuthPolicy': (p) => [p.Policy],
  'AWS::VpcLattice::ResourcePolicy': (p) => [p.Policy],
  'AWS::EC2::VPCEndpoint': (p) => [p.PolicyDocument],
  'AWS::CloudTrail::ResourcePolicy': (p) => [p.ResourcePolicy],
};

/** Every CloudFormation type whose properties hold a resource-based policy. */
export const RESOURCE_POLICY_TYPES: readonly string[] = Object.keys(POLICY_LOCATIONS);

/**
 * The resource-based policy documents `resource` carries (documents given as JSON strings
 * are parsed), or an empty list for types without one.
 */
export function resourcePolicyDocuments(resource: TemplateResource): TemplateValue[] {
  const locate = POLICY_LOCATIONS[resource.type];
  if (!locate) return [];
  return locate(resource.properties)
    .filter((d) => d !== undefined && d !== null)
    .map((d) => (typeof d === 'string' ? JSON.parse(d) : d));
}

/** `AWS::Events::EventBusPolicy` in its older form: Principal/Action/Condition as properties. */
function eventBusPolicyStatement(p: Record<string, TemplateValue>): TemplateValue {
  if (p.Principal === undefined) return undefined;
  return {
    Statement: [{
      Effect: 'Allow',
      Principal: p.Principal === '*' ? '*' : { AWS: p.Principal },
      Action: p.Action,
      Resource: '*',
      ...(p.Condition ? { Condition: { StringEquals: { [p.Condition.Key]: p.Condition.Value } } } : {}),
    }],
  };
}

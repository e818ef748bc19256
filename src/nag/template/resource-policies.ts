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

/** Every CloudFormation type whose properties hold a resource-based policy at a known place. */
export const RESOURCE_POLICY_TYPES: readonly string[] = Object.keys(POLICY_LOCATIONS);

/**
 * Types whose policy documents are not resource-based grants, judged elsewhere or not at all:
 * identity policies and role trust (the IAM rules), permission sets, and organization policies
 * (SCP/RCP statements restrict, they grant nothing).
 */
const NOT_RESOURCE_POLICY_TYPE = /^AWS::(IAM|SSO|Organizations)::/;

/**
 * The resource-based policy documents `resource` carries (documents given as JSON strings
 * are parsed). Types with a known place for their policy are read there; any other type
 * (a resource type added to CloudFormation later, a raw `CfnResource`, a custom resource whose
 * SDK call sets a policy) is searched for policy documents with principals, anywhere in its
 * properties, JSON strings included.
 */
export function resourcePolicyDocuments(resource: TemplateResource): TemplateValue[] {
  const locate = POLICY_LOCATIONS[resource.type];
  if (!locate) return NOT_RESOURCE_POLICY_TYPE.test(resource.type) ? [] : discoveredPolicyDocuments(resource.properties);
  return locate(resource.properties)
    .filter((d) => d !== undefined && d !== null)
    .map((d) => (typeof d === 'string' ? JSON.parse(d) : d));
}

/** Deepest nesting searched: properties, JSON strings inside them, and strings inside those. */
const MAX_DEPTH = 12;

/**
 * Policy documents found anywhere in `value`: objects with a literal `Statement` (one statement
 * or a list) of which at least one names a `Principal` or `NotPrincipal`. Strings that parse as
 * JSON are searched too. What cannot be parsed is not a document and is skipped.
 */
export function discoveredPolicyDocuments(value: TemplateValue, depth = 0): TemplateValue[] {
  if (depth > MAX_DEPTH || value === null || value === undefined) return [];
  if (typeof value === 'string') {
    const text = value.trim();
    if (!text.startsWith('{') || !text.includes('Statement')) return [];
    try {
      return discoveredPolicyDocuments(JSON.parse(text), depth + 1);
    } catch {
      return [];
    }
  }
  if (Array.isArray(value)) return value.flatMap((v) => discoveredPolicyDocuments(v, depth + 1));
  if (typeof value !== 'object') return [];
  const statement = value.Statement;
  const statements = Array.isArray(statement) ? statement : [statement];
  const literal = statement !== undefined && statements.every((s) => typeof s === 'object' && s !== null && !Array.isArray(s)
    && !Object.keys(s).some((k) => k.startsWith('Fn::')));
  if (literal && statements.some((s) => 'Principal' in s || 'NotPrincipal' in s)) return [value];
  return Object.values(value).flatMap((v) => discoveredPolicyDocuments(v, depth + 1));
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

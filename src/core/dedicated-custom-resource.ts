import { Lazy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { acknowledgeAwsCustomResource, WildcardResource } from './aws-custom-resource-acks';
import { acknowledgeWildcardResources } from './wildcard-acknowledgments';

/** An AwsCustomResource whose SDK calls run with a role of their own. */
export interface DedicatedCustomResourceProps {
  readonly onCreate: cr.AwsSdkCall;
  readonly onUpdate?: cr.AwsSdkCall;
  readonly onDelete?: cr.AwsSdkCall;
  /** What the calls need, explicitly: the dedicated role's only permissions. */
  readonly statements: iam.PolicyStatement[];
  /** Wildcard resources in `statements`, each with why nothing narrower is possible. */
  readonly wildcards?: WildcardResource[];
  /** The role's description. */
  readonly description: string;
}

/**
 * An AwsCustomResource whose calls run with a dedicated role (`<id>Role`, permissions in the
 * customer-managed `<id>Policy`) instead of the stack's shared provider role.
 *
 * aws-cdk-lib runs every AwsCustomResource of a stack in one singleton function, and its `role`
 * prop sets the role of that singleton for all of them (only when it is the first one created), so
 * it cannot isolate one resource. Instead each call names the dedicated role as `assumedRoleArn`:
 * the shared provider role gets nothing but `sts:AssumeRole` on it, and the role trusts that
 * provider role alone. Other custom resources of the stack no longer hold these permissions.
 */
export function dedicatedCustomResource(scope: Construct, id: string, props: DedicatedCustomResourceProps): cr.AwsCustomResource {
  let providerRoleArn: string | undefined;
  const role = new iam.Role(scope, `${id}Role`, {
    assumedBy: new iam.ArnPrincipal(Lazy.string({ produce: () => providerRoleArn })),
    description: props.description,
  });
  const policy = new iam.ManagedPolicy(scope, `${id}Policy`, { description: props.description, roles: [role], statements: props.statements });
  const assuming = (call: cr.AwsSdkCall | undefined) => (call ? { ...call, assumedRoleArn: role.roleArn } : undefined);
  const resource = new cr.AwsCustomResource(scope, id, {
    onCreate: assuming(props.onCreate),
    onUpdate: assuming(props.onUpdate),
    onDelete: assuming(props.onDelete),
    installLatestAwsSdk: false,
    policy: cr.AwsCustomResourcePolicy.fromStatements([new iam.PolicyStatement({ actions: ['sts:AssumeRole'], resources: [role.roleArn] })]),
  });
  providerRoleArn = (resource.grantPrincipal as iam.IRole).roleArn;
  // The calls reference the role (assumedRoleArn); its permissions must be attached before they run, and kept until the delete call ran.
  resource.node.addDependency(policy);
  acknowledgeAwsCustomResource(resource);
  for (const wildcard of props.wildcards ?? []) acknowledgeWildcardResources(policy, [wildcard.resource], wildcard.reason);
  return resource;
}

import { Stack } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/**
 * A CfnResource as CloudFormation will receive it: escape-hatch overrides applied, tokens resolved (`Type`,
 * `Properties`, `DeletionPolicy`, ...). Synthesis-time rechecks judge this, never the construct's props.
 */
export function renderedResource(cfn: IConstruct): Record<string, any> {
  const rendered = Stack.of(cfn).resolve((cfn as any)._toCloudFormation());
  return Object.values<any>(rendered?.Resources ?? {})[0] ?? {};
}

/** The `Properties` of {@link renderedResource} (an empty object when there are none). */
export function renderedProperties(cfn: IConstruct): Record<string, any> {
  return renderedResource(cfn).Properties ?? {};
}

// Pure analysis of CloudFormation template JSON: no aws-cdk-lib, no constructs. Internal: not exported from src/index.ts.
export * from './findings';
export * from './intrinsics';
export * from './policy-statements';
export * from './iam-actions';
export * from './admin-actions';
export * from './conditions';
export * from './principals';
export * from './policy-analysis';
export * from './oidc-providers';
export * from './trust-analysis';
export * from './cidr';
export * from './network-reach';
export { IAM_ACTION_CATALOGUE_SOURCE } from './iam-action-catalogue.generated';
export * from './lambda-permissions';
export * from './lambda-runtimes';
export * from './lambda-environment';
export * from './tls-policies';
export * from './admin-managed-policies';

import { App, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { EncryptedBucket, LeastPrivilegeRole, SecureVpc } from '../src';

/** What one construct default costs in a template. */
export interface Footprint {
  readonly resources: number;
  readonly templateBytes: number;
  readonly lambdaFunctions: number;
  readonly kmsKeys: number;
  readonly buckets: number;
  readonly natGateways: number;
}

const ENV = { account: '111122223333', region: 'eu-west-1' };

/** Counts the footprint of the stack that `build` returns. */
export function footprintOf(build: (app: App) => Stack): Footprint {
  const app = new App({ builtinCloudFormationValidation: false });
  const stack = build(app);
  const template = app.synth().getStackArtifact(stack.artifactId).template;
  const types = Object.values<any>(template.Resources ?? {}).map((r) => r.Type as string);
  const count = (type: string) => types.filter((t) => t === type).length;
  return {
    resources: types.length,
    templateBytes: Buffer.byteLength(JSON.stringify(template)),
    lambdaFunctions: count('AWS::Lambda::Function'),
    kmsKeys: count('AWS::KMS::Key'),
    buckets: count('AWS::S3::Bucket'),
    natGateways: count('AWS::EC2::NatGateway'),
  };
}

/**
 * A builder for `footprintOf` that puts what `add` creates into an otherwise empty stack
 * (in eu-west-1, or `region`: CloudFront's edge pieces live in us-east-1).
 */
export function inEmptyStack(add: (stack: Stack) => void, region = ENV.region): (app: App) => Stack {
  return (app) => {
    const stack = new Stack(app, 'Footprint', { env: { ...ENV, region } });
    add(stack);
    return stack;
  };
}

/**
 * The reference workload: a SecureVpc, an EncryptedBucket and a LeastPrivilegeRole
 * that reads it, all with defaults, in one stack.
 */
export function referenceWorkload(app: App): Stack {
  const stack = new Stack(app, 'ReferenceWorkload', { env: ENV });
  new SecureVpc(stack, 'Network');
  const bucket = new EncryptedBucket(stack, 'Data');
  const reader = new LeastPrivilegeRole(stack, 'Reader', {
    assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
    description: 'Reads the data bucket',
  });
  bucket.grantRead(reader);
  return stack;
}

/**
 * What the reference workload may cost at most (measured; README "Measurements").
 * The one Lambda is aws-cdk-lib's default-security-group restriction (SecureVpc):
 * CloudFormation cannot remove a default security group's rules natively.
 * Raise a figure only on purpose, with the reason in the README.
 */
export const REFERENCE_WORKLOAD_BUDGET = { resources: 57, lambdaFunctions: 1, kmsKeys: 2 } as const;

/** Lines naming each figure of `footprint` over the budget (empty when within it). */
export function overBudget(footprint: Footprint): string[] {
  return (Object.keys(REFERENCE_WORKLOAD_BUDGET) as Array<keyof typeof REFERENCE_WORKLOAD_BUDGET>)
    .filter((k) => footprint[k] > REFERENCE_WORKLOAD_BUDGET[k])
    .map((k) => `${k}: ${footprint[k]} > budget ${REFERENCE_WORKLOAD_BUDGET[k]}`);
}

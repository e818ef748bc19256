import { App, Stack } from 'aws-cdk-lib';

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

/** A builder for `footprintOf` that puts what `add` creates into an otherwise empty stack. */
export function inEmptyStack(add: (stack: Stack) => void): (app: App) => Stack {
  return (app) => {
    const stack = new Stack(app, 'Footprint', { env: ENV });
    add(stack);
    return stack;
  };
}

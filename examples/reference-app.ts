import { App, Stack, StackProps } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';

/**
 * The reference app: what a platform team deploys with cdk-fortress. It grows
 * as constructs land; every stack must synthesize with no unacknowledged error
 * under SecureBaseline.
 */
export interface ReferenceAppOptions {
  /** How many copies of the workload stack to create (the benchmark scales this). */
  readonly workloadCopies?: number;
}

const ENV = { account: '111122223333', region: 'eu-west-1' };

/** Organization-wide security tooling: detection, posture, audit. */
export class SecurityToolingStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    new kms.Key(this, 'AuditKey', { description: 'Encrypts audit evidence', enableKeyRotation: true });
  }
}

/** An application team's stack: data, network, identity. */
export class WorkloadStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    new kms.Key(this, 'DataKey', { description: 'Encrypts workload data', enableKeyRotation: true });
  }
}

/** Adds the reference stacks to `app`. */
export function buildReferenceApp(app: App, options: ReferenceAppOptions = {}): Stack[] {
  const copies = options.workloadCopies ?? 1;
  const stacks: Stack[] = [new SecurityToolingStack(app, 'SecurityTooling', { env: ENV })];
  for (let i = 0; i < copies; i++) {
    stacks.push(new WorkloadStack(app, copies === 1 ? 'Workload' : `Workload${i + 1}`, { env: ENV }));
  }
  return stacks;
}

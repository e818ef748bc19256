import { Stack } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/**
 * The construct of `type` with `id` at the root of `scope`'s stack, created with `create` on first
 * use: the one-per-stack resources (key ring, access-logs bucket, alert topic and queue) that every
 * construct in a stack shares.
 */
export function stackSingleton<T extends IConstruct>(
  scope: IConstruct, id: string, type: abstract new (...args: any[]) => T, create: (stack: Stack, id: string) => T,
): T {
  const stack = Stack.of(scope);
  const existing = stack.node.tryFindChild(id);
  return existing instanceof type ? existing : create(stack, id);
}

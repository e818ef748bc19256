import { Stack } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { AuditTrail } from './audit-trail';

/** The AuditTrails of `scope`'s stack created so far (for constructs that watch the stack's trail without being told which). */
export function auditTrailsOf(scope: IConstruct): AuditTrail[] {
  const stack = Stack.of(scope);
  return stack.node.findAll().filter((c): c is AuditTrail => c instanceof AuditTrail && Stack.of(c) === stack);
}

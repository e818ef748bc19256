import { Stack } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { acknowledgmentKeys, acknowledgmentsOn } from '../../core/acknowledgment-ids';

/**
 * Whether `ruleId` is acknowledged for a resource rendered by `construct`: on
 * the construct itself or an ancestor **inside its stack**. Acknowledgments on
 * the Stack, a Stage or the App never count for FortressChecks (they would
 * silence every resource below them; SecureBaseline reports them as errors).
 */
export function isAcknowledgedWithinStack(construct: IConstruct, pack: string, ruleId: string): boolean {
  const keys = acknowledgmentKeys(pack, ruleId);
  for (let current: IConstruct | undefined = construct; current && !Stack.isStack(current); current = current.node.scope) {
    const acknowledged = acknowledgmentsOn(current);
    if (keys.some((key) => key in acknowledged)) return true;
  }
  return false;
}

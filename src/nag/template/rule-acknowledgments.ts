import { Stack, Validations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/**
 * The spellings an acknowledgment of `ruleId` can take in construct metadata:
 * plain ids are stored as `Annotation::<id>` (older aws-cdk-lib: `annotation::`),
 * and `Fortress::<id>` is the id qualified by the plugin's namespace.
 */
export function acknowledgmentKeys(pack: string, ruleId: string): string[] {
  return [ruleId, `Annotation::${ruleId}`, `annotation::${ruleId}`, `${pack}::${ruleId}`];
}

/** The id an acknowledgment metadata key stands for, without its namespace. */
export function unqualifiedRuleId(key: string): string {
  const separator = key.indexOf('::');
  return separator === -1 ? key : key.substring(separator + 2);
}

/** The acknowledgments recorded directly on `construct`: metadata key → reason. */
export function acknowledgmentsOn(construct: IConstruct): Record<string, string> {
  const entries: Record<string, string> = {};
  for (const entry of construct.node.metadata) {
    if (entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY && entry.data) Object.assign(entries, entry.data);
  }
  return entries;
}

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

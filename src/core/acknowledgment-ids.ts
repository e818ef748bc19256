import { Validations } from 'aws-cdk-lib';
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
  // Only a `::` before any finding (`[Resource::...]`) separates a namespace.
  const bracket = key.indexOf('[');
  const separator = key.indexOf('::');
  return separator === -1 || (bracket !== -1 && separator > bracket) ? key : key.substring(separator + 2);
}

/** The acknowledgments recorded directly on `construct`: metadata key → reason. */
export function acknowledgmentsOn(construct: IConstruct): Record<string, string> {
  const entries: Record<string, string> = {};
  for (const entry of construct.node.metadata) {
    if (entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY && entry.data) Object.assign(entries, entry.data);
  }
  return entries;
}

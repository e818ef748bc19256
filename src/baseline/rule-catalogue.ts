import { CfnResource, IPolicyValidationPlugin, Stack } from 'aws-cdk-lib';
import { AwsSolutionsChecks, HIPAASecurityChecks, NagPack, NIST80053R4Checks, NIST80053R5Checks, PCIDSS321Checks, ServerlessChecks } from 'cdk-nag';
import { FortressChecks } from '../nag/fortress-checks';

/** The rule ids a pack can report, by pack name. */
export type RuleCatalogue = ReadonlyMap<string, ReadonlySet<string>>;

const CACHE = new Map<string, ReadonlySet<string>>();

/**
 * Every rule id `plugin` can report. FortressChecks declares its rules; a cdk-nag
 * pack applies every one of its rules to every resource (each rule decides
 * whether it applies), so checking one probe resource with `applyRule`
 * intercepted lists them all without evaluating any. Other plugins are known
 * by their `ruleIds`, when they declare them.
 */
export function ruleIdsOf(plugin: IPolicyValidationPlugin): ReadonlySet<string> {
  const key = `${plugin.constructor.name}:${plugin.name}`;
  const cached = CACHE.get(key);
  if (cached) return cached;
  const ids = new Set<string>(plugin.ruleIds ?? []);
  if (plugin instanceof NagPack && !(plugin instanceof FortressChecks)) {
    const probe = Object.create(plugin);
    probe.applyRule = (params: { ruleSuffixOverride?: string; rule: { name: string } }) => {
      ids.add(`${plugin.readPackName}-${params.ruleSuffixOverride ?? params.rule.name}`);
    };
    const stack = new Stack();
    probe.checkResource(new CfnResource(stack, 'Probe', { type: 'AWS::CloudFormation::WaitConditionHandle' }));
    // Reported when a resource with escape hatches cannot be re-judged as synthesized (rendered-shadow.ts).
    ids.add(`${plugin.readPackName}-RenderedResourceNotJudged`);
  }
  CACHE.set(key, ids);
  return ids;
}

/** Every pack cdk-fortress knows, enforced or not: ids of these packs are never "unknown" when they exist. */
export function knownPacks(): IPolicyValidationPlugin[] {
  return [
    new AwsSolutionsChecks(), new HIPAASecurityChecks(), new NIST80053R4Checks(), new NIST80053R5Checks(),
    new PCIDSS321Checks(), new ServerlessChecks(), new FortressChecks(),
  ];
}

/** The catalogue of `plugins`' rule ids, by pack name. */
export function catalogueOf(plugins: readonly IPolicyValidationPlugin[]): RuleCatalogue {
  const catalogue = new Map<string, ReadonlySet<string>>();
  for (const plugin of plugins) catalogue.set(plugin.name, new Set([...(catalogue.get(plugin.name) ?? []), ...ruleIdsOf(plugin)]));
  return catalogue;
}

/** The pack an id belongs to, by its `<pack>-` prefix (case-sensitive), or `undefined`. */
export function packOfRuleId(catalogue: RuleCatalogue, ruleId: string): string | undefined {
  return [...catalogue.keys()].sort((a, b) => b.length - a.length).find((pack) => ruleId.startsWith(`${pack}-`));
}

/** The catalogue id closest to `ruleId` (edit distance, case-insensitive), to suggest on a typo. */
export function nearestRuleId(catalogue: RuleCatalogue, ruleId: string): string | undefined {
  const wanted = ruleId.replace(/\[.*$/, '').toLowerCase();
  let best: { id: string; distance: number } | undefined;
  for (const ids of catalogue.values()) {
    for (const id of ids) {
      const distance = editDistance(wanted, id.toLowerCase());
      if (!best || distance < best.distance) best = { id, distance };
    }
  }
  return best && best.distance <= Math.max(3, Math.floor(wanted.length / 3)) ? best.id : undefined;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}

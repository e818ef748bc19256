import { IPolicyValidationPlugin, Stage } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/** A plugin that wraps a pack (SecureBaseline's per-Stage wrapper), so the pack itself can be found. */
export interface WrappingPlugin extends IPolicyValidationPlugin {
  readonly pack: IPolicyValidationPlugin;
}

/**
 * Every validation plugin that runs over `scope`'s stacks: those registered on
 * its Stage and on each Stage containing it, however they were registered
 * (SecureBaseline or `Validations.of(stage).addPlugins()`), unwrapped.
 */
export function pluginsEnforcedOn(scope: IConstruct): IPolicyValidationPlugin[] {
  const plugins: IPolicyValidationPlugin[] = [];
  const first = Stage.isStage(scope) ? scope : Stage.of(scope);
  for (let stage: Stage | undefined = first; stage; stage = stage.parentStage) {
    // `_validationPlugins` is how aws-cdk-lib itself reads a Stage's plugins (there is no public getter).
    const registered = (stage as unknown as { _validationPlugins?: IPolicyValidationPlugin[] })._validationPlugins ?? [];
    for (const plugin of registered) plugins.push(isWrapping(plugin) ? plugin.pack : plugin);
  }
  return plugins;
}

function isWrapping(plugin: IPolicyValidationPlugin): plugin is WrappingPlugin {
  return typeof (plugin as Partial<WrappingPlugin>).pack === 'object';
}

/** The packs cdk-fortress knows by name: cdk-nag's six and FortressChecks. */
export const BUILT_IN_PACK_NAMES: readonly string[] = [
  'AwsSolutions', 'HIPAA.Security', 'NIST.800.53.R4', 'NIST.800.53.R5', 'PCI.DSS.321', 'Serverless', 'Fortress',
];

/** The pack a rule id belongs to among `packNames` (longest prefix wins), or `undefined`. */
export function packOf(ruleId: string, packNames: readonly string[]): string | undefined {
  return [...packNames].sort((a, b) => b.length - a.length).find((pack) => ruleId.startsWith(`${pack}-`));
}

import * as fs from 'fs';
import * as path from 'path';
import { App, CfnResource, PolicyValidationPluginReport, PolicyViolation, Stack, Stage, Validations } from 'aws-cdk-lib';
import { CfnInclude } from 'aws-cdk-lib/cloudformation-include';
import { NagPack } from 'cdk-nag';
import { IConstruct } from 'constructs';
import { acknowledgmentsOn } from '../core/acknowledgment-ids';

/**
 * The cdk-nag packs judge construct props, which escape hatches (`addPropertyOverride`,
 * `addOverride`, deletion overrides) bypass: they change what CloudFormation receives after the
 * props were set. For every stack in which any resource carries escape-hatch overrides, this
 * re-runs the pack on typed copies of the stack's resources **as synthesized**: the template file
 * is read back with `CfnInclude` into a detached App, each copy inherits every acknowledgment that
 * applies to its original (its own and its ancestors'), and the copies' findings replace the
 * originals' for that stack. The whole stack is re-judged, not only the overridden resource,
 * because rules read related resources (a bucket's rule reads its bucket policy). Stacks without
 * overrides are judged on the tree as before: their props are what deploys.
 */
export function judgeRenderedOverrides(pack: NagPack, scope: IConstruct, report: PolicyValidationPluginReport): PolicyValidationPluginReport {
  const stacks = new Set(scope.node.findAll()
    .filter((c): c is CfnResource => CfnResource.isCfnResource(c) && hasOverrides(c))
    .map((r) => r.stack));
  if (stacks.size === 0) return report;
  const replaced = new Set([...stacks].flatMap((stack) => resourcesOf(stack).map((r) => r.node.path)));
  const violations: PolicyViolation[] = withoutResources(report.violations, replaced);
  for (const stack of stacks) violations.push(...judgeStack(pack, stack));
  return { ...report, success: violations.every((v) => v.severity === 'warning'), violations };
}

/** The resources `stack` itself renders (not its nested stacks'). */
function resourcesOf(stack: Stack): CfnResource[] {
  return stack.node.findAll().filter((c): c is CfnResource => CfnResource.isCfnResource(c) && c.stack === stack);
}

/** Whether `resource` is an instance of a generated L1 class (`CfnBucket`, ...), which cdk-nag rules recognize. */
function isGeneratedL1(resource: CfnResource): boolean {
  return typeof (resource.constructor as { CFN_RESOURCE_TYPE_NAME?: unknown }).CFN_RESOURCE_TYPE_NAME === 'string';
}

function hasOverrides(resource: CfnResource): boolean {
  // `rawOverrides` is where every escape hatch of CfnResource writes (addOverride and its variants).
  const overrides = (resource as unknown as { rawOverrides?: Record<string, unknown> }).rawOverrides;
  return overrides !== undefined && Object.keys(overrides).length > 0;
}

/** Findings of `pack` on the synthesized copies of `stack`'s resources, reported on the originals' paths. */
function judgeStack(pack: NagPack, stack: Stack): PolicyViolation[] {
  const originals = new Map(resourcesOf(stack).map((r) => [stack.resolve(r.logicalId) as string, r]));
  const templateFile = path.join(Stage.of(stack)!.outdir, stack.templateFile);
  let include: CfnInclude;
  try {
    if (!fs.existsSync(templateFile)) throw new Error(`no synthesized template at ${templateFile}`);
    const shadow = new Stack(new App(), 'Rendered', { env: { account: stack.account, region: stack.region } });
    include = new CfnInclude(shadow, 'Template', { templateFile, preserveLogicalIds: true });
  } catch (error) {
    return [...originals.values()].filter(hasOverrides).map((r) => notJudged(pack, r, (error as Error).message));
  }
  const pathOfCopy = new Map<string, string>();
  for (const [logicalId, original] of originals) {
    const copy = include.node.tryFindChild(logicalId);
    // Only copies of generated L1s are judged: raw CfnResources and their subclasses (aws-cdk-lib's own handlers
    // among them) are judged by FortressChecks only, as cdk-nag never sees them on the tree either.
    if (!copy || !isGeneratedL1(original)) continue;
    inheritAcknowledgments(copy, original);
    pathOfCopy.set(copy.node.path, original.node.path);
  }
  return pack.validateScope(include).violations
    .map((v) => ({
      ...v,
      violatingResources: v.violatingResources
        .filter((r) => pathOfCopy.has(r.constructPath ?? ''))
        .map((r) => ({ ...r, constructPath: pathOfCopy.get(r.constructPath!) })),
    }))
    .filter((v) => v.violatingResources.length > 0);
}

/** Everything acknowledged on `original` or its ancestors, recorded on `copy` itself. */
function inheritAcknowledgments(copy: IConstruct, original: IConstruct): void {
  for (const construct of [...original.node.scopes].reverse()) {
    for (const [key, reason] of Object.entries(acknowledgmentsOn(construct))) {
      Validations.of(copy).acknowledge({ id: key, reason });
    }
  }
}

function withoutResources(violations: readonly PolicyViolation[], paths: ReadonlySet<string>): PolicyViolation[] {
  return violations
    .map((v) => ({ ...v, violatingResources: v.violatingResources.filter((r) => !paths.has(r.constructPath ?? '')) }))
    .filter((v) => v.violatingResources.length > 0);
}

/** A resource whose synthesized form could not be judged is reported, never passed. */
function notJudged(pack: NagPack, resource: CfnResource, why: string): PolicyViolation {
  return {
    ruleName: `${pack.readPackName}-RenderedResourceNotJudged`,
    description: `The resource carries escape-hatch overrides and its synthesized form could not be re-checked by ${pack.readPackName} (${why}). Remove the overrides or acknowledge this on the resource.`,
    severity: 'error',
    violatingResources: [{ constructPath: resource.node.path, locations: ['Properties'] }],
  };
}

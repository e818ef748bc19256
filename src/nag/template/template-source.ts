import * as fs from 'fs';
import * as path from 'path';
import { CfnElement, Stack, Stage, Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { StackTemplate } from './stack-template';

/**
 * Where FortressChecks reads templates from.
 *
 * - `SYNTHESIZED`: the template files synthesis has just written to the cloud
 *   assembly (what `cdk deploy` uploads). Used when the pack runs as a CDK
 *   validation plugin: reading them costs milliseconds (measured in
 *   docs/enforcement.md), and they are exactly what CloudFormation receives.
 * - `RENDERED`: each stack rendered in memory now. Used when the pack is called
 *   directly on a tree that has not been synthesized (`validateScope`).
 */
export enum TemplateOrigin {
  SYNTHESIZED = 'synthesized',
  RENDERED = 'rendered',
}

/**
 * The templates of every stack (nested stacks included) at or below `scope`,
 * each with its logical ids mapped back to constructs. When `scope` is inside a
 * stack, that stack's template is returned, limited to resources under `scope`.
 */
export function templatesUnder(scope: IConstruct, origin: TemplateOrigin): StackTemplate[] {
  const stacks = scope.node.findAll().filter((c): c is Stack => Stack.isStack(c));
  if (stacks.length === 0) {
    const enclosing = enclosingStack(scope);
    if (!enclosing) return [];
    return [templateOf(enclosing, origin, scope)];
  }
  return stacks.map((stack) => templateOf(stack, origin));
}

function templateOf(stack: Stack, origin: TemplateOrigin, within?: IConstruct): StackTemplate {
  const constructs = constructsByLogicalId(stack, within);
  const json = origin === TemplateOrigin.SYNTHESIZED ? readSynthesized(stack) ?? render(stack) : render(stack);
  if (within) {
    json.Resources = Object.fromEntries(Object.entries(json.Resources ?? {}).filter(([id]) => constructs.has(id)));
  }
  const account = Token.isUnresolved(stack.account) ? { Ref: 'AWS::AccountId' } : stack.account;
  return new StackTemplate(stack.node.path, json, constructs, account);
}

/** The template file synthesis wrote for `stack` (nested stacks write theirs beside their parent's). */
function readSynthesized(stack: Stack): Record<string, any> | undefined {
  const stage = Stage.of(stack);
  if (!stage) return undefined;
  const file = path.join(stage.outdir, stack.templateFile);
  if (!fs.existsSync(file)) return undefined;
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

/** The template as synthesis would render it now (escape-hatch overrides applied, tokens resolved). */
function render(stack: Stack): Record<string, any> {
  // `_toCloudFormation` is what the stack synthesizer itself calls; it is protected, not private.
  return (stack as unknown as { _toCloudFormation(): Record<string, any> })._toCloudFormation();
}

/** Logical id → construct for the elements that `stack` itself renders (not its nested stacks'). */
function constructsByLogicalId(stack: Stack, within?: IConstruct): Map<string, IConstruct> {
  const map = new Map<string, IConstruct>();
  for (const construct of (within ?? stack).node.findAll()) {
    if (!CfnElement.isCfnElement(construct) || construct.stack !== stack) continue;
    map.set(stack.resolve(construct.logicalId), construct);
  }
  return map;
}

function enclosingStack(scope: IConstruct): Stack | undefined {
  try {
    return Stack.of(scope);
  } catch {
    return undefined;
  }
}

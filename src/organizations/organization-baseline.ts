import { AssetStaging, Aws, CfnRule, Fn, Lazy, Names, NestedStack, Stack, Stage, Token } from 'aws-cdk-lib';
import * as cloudformation from 'aws-cdk-lib/aws-cloudformation';
import { Construct } from 'constructs';
import { baselineAssetBucket } from './baseline-asset-stacks';
import { BaselineStackSynthesizer } from './baseline-stack-synthesizer';
import { propsOf } from '../core/construct-args';
import { FortressError } from '../core/fortress-error';
import { PropChecks } from '../core/prop-checks';
import { renderedProperties } from '../core/rendered';

/** Who the StackSet is managed as. */
export enum StackSetCaller {
  /** The organization's management account. */
  SELF = 'SELF',
  /** A member account registered as CloudFormation StackSets delegated administrator. */
  DELEGATED_ADMIN = 'DELEGATED_ADMIN',
}

/** How StackSets moves through regions. */
export enum RegionConcurrency {
  /** One region after another: a failure stops the rollout before the next region. */
  SEQUENTIAL = 'SEQUENTIAL',
  /** All regions at once. */
  PARALLEL = 'PARALLEL',
}

/** Properties of an {@link OrganizationBaseline}. */
export interface OrganizationBaselineProps {
  /**
   * The Stack to deploy to every account of `targetOrganizationalUnitIds` in every region of `regions`: typically
   * AccountHardening, KmsKeyRing, SecurityAlarms and ConfigRecorder. It must be environment-agnostic. If it has file
   * assets (e.g. custom-resource handler code), it must be synthesized with {@link BaselineStackSynthesizer}.
   */
  readonly stack: Stack;

  /** Organizational units (`ou-...`) or the root (`r-...`) whose accounts, current and future, get the stack. */
  readonly targetOrganizationalUnitIds: string[];

  /** Regions to deploy to in each account. */
  readonly regions: string[];

  /**
   * The organization's id (`o-...`): its principals may read the baseline's assets. Required when the baseline has file
   * assets.
   *
   * @default - none: a baseline with file assets is refused
   */
  readonly organizationId?: string;

  /**
   * Percentage of accounts deployed at once, per region (1-100).
   *
   * @default 25
   */
  readonly maxConcurrentPercentage?: number;

  /**
   * Percentage of accounts that may fail, per region, before StackSets stops the operation (0-99); must be below
   * `maxConcurrentPercentage`.
   *
   * @default 0 - the first failure stops the rollout
   */
  readonly failureTolerancePercentage?: number;

  /**
   * How regions are rolled out.
   *
   * @default RegionConcurrency.SEQUENTIAL
   */
  readonly regionConcurrency?: RegionConcurrency;

  /**
   * Management account or CloudFormation delegated administrator.
   *
   * @default StackSetCaller.SELF
   */
  readonly callAs?: StackSetCaller;

  /**
   * The StackSet's name.
   *
   * @default - 'fortress-' followed by the stack's name
   */
  readonly stackSetName?: string;

  /**
   * Keep the stack in an account that leaves the target OUs (its resources are then no longer managed).
   *
   * @default false - the stack instance is deleted; AccountHardening's settings stay as they are
   */
  readonly retainStacksOnAccountRemoval?: boolean;
}

/**
 * A CDK Stack rolled out to every account of some organizational units, in every given region, by a
 * service-managed CloudFormation StackSet with automatic deployment: accounts created in or moved into
 * those OUs get the stack from StackSets without any pipeline run. Managed execution, concurrency and
 * failure tolerance are props. StackSets never deploy to the management account: deploy the same stack
 * there directly. Deploy in the management account or a CloudFormation delegated administrator.
 *
 * The template is the stack's own synthesized template, inlined (TemplateBody, up to 51,200 bytes). File assets
 * (custom-resource handler code) go to an organization-readable bucket in every target region, each in a stack of its
 * own in this construct's account (`assetStacks`, deployed before this stack; each region must be CDK-bootstrapped).
 * See docs/organization.md for the order of operations.
 */
export class OrganizationBaseline extends Construct {
  /** The StackSet. */
  public readonly stackSet: cloudformation.CfnStackSet;
  /** Object keys of the baseline stack's file assets, copied into the asset bucket of every target region. */
  public readonly assetObjectKeys: string[];
  /**
   * The stacks holding the asset buckets, one per target region, in this construct's account (none when the baseline has
   * no file asset). This construct's stack and the baseline depend on them, so `cdk deploy` creates them first.
   */
  public readonly assetStacks: Stack[];

  constructor(scope: Construct, id: string, props: OrganizationBaselineProps) {
    const p = propsOf(scope, id, props);
    const path = scope.node.path ? `${scope.node.path}/${id}` : id;
    validate(scope, path, p);
    super(scope, id);
    const baseline = p.stack;
    const assets = baseline.synthesizer instanceof BaselineStackSynthesizer ? baseline.synthesizer._fileAssets : [];
    this.assetObjectKeys = assets.map((a) => a.objectKey);
    this.assetStacks = assets.length === 0 ? [] : distributeAssets(Stack.of(this), baseline, p);
    // Assets can be added to the baseline after this construct: checked again when the App synthesizes.
    this.node.addValidation({ validate: () => assetProblems(baseline, this.assetObjectKeys) });
    this.node.addValidation({ validate: () => templateSizeProblems(baseline) });
    // The rollout as this construct renders it; escape hatches may change nothing of it.
    const rollout: RolloutShape = {
      PermissionModel: 'SERVICE_MANAGED',
      StackInstancesGroup: [{ DeploymentTargets: { OrganizationalUnitIds: [...p.targetOrganizationalUnitIds] }, Regions: [...p.regions] }],
      RegionOrder: [...p.regions],
      TemplateURL: undefined,
      Parameters: undefined,
    };
    this.node.addValidation({ validate: () => renderedRolloutProblems(this.stackSet, baseline, rollout) });
    const concurrency = p.maxConcurrentPercentage ?? 25;
    const tolerance = p.failureTolerancePercentage ?? 0;
    this.stackSet = new cloudformation.CfnStackSet(this, 'Resource', {
      stackSetName: p.stackSetName ?? `fortress-${baseline.stackName}`,
      description: `cdk-fortress baseline ${baseline.stackName}, rolled out by ${this.node.path}`,
      permissionModel: 'SERVICE_MANAGED',
      autoDeployment: { enabled: true, retainStacksOnAccountRemoval: p.retainStacksOnAccountRemoval ?? false },
      callAs: p.callAs ?? StackSetCaller.SELF,
      // The baseline creates IAM roles (custom resources' dedicated roles) with generated names.
      capabilities: ['CAPABILITY_IAM'],
      managedExecution: { Active: true },
      operationPreferences: {
        maxConcurrentPercentage: concurrency,
        failureTolerancePercentage: tolerance,
        regionConcurrencyType: p.regionConcurrency ?? RegionConcurrency.SEQUENTIAL,
        regionOrder: [...p.regions],
      },
      stackInstancesGroup: [{ deploymentTargets: { organizationalUnitIds: [...p.targetOrganizationalUnitIds] }, regions: [...p.regions] }],
      templateBody: Lazy.string({ produce: () => JSON.stringify(stackSetTemplate(baseline)) }),
    });
  }
}

/** The baseline's template as StackSets will deploy it: the bootstrap-version parameter and rule removed (member accounts are not bootstrapped). */
function stackSetTemplate(stack: Stack): any {
  const template = JSON.parse(JSON.stringify((stack as any)._toCloudFormation()));
  if (template.Parameters) {
    delete template.Parameters.BootstrapVersion;
    if (Object.keys(template.Parameters).length === 0) delete template.Parameters;
  }
  if (template.Rules) {
    delete template.Rules.CheckBootstrapVersion;
    if (Object.keys(template.Rules).length === 0) delete template.Rules;
  }
  return template;
}

/** CreateStackSet accepts a TemplateBody of at most 51,200 bytes. https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_CreateStackSet.html */
const MAX_TEMPLATE_BODY_BYTES = 51_200;

function templateSizeProblems(stack: Stack): string[] {
  const bytes = Buffer.byteLength(JSON.stringify(stackSetTemplate(stack)), 'utf8');
  return bytes > MAX_TEMPLATE_BODY_BYTES
    ? [`[cdk-fortress] the template of ${stack.node.path} is ${bytes} bytes; a StackSet's TemplateBody takes at most ${MAX_TEMPLATE_BODY_BYTES}: split the baseline into several stacks`]
    : [];
}

/** Copies every file asset of the baseline into the asset bucket of every target region; both stacks deploy after the buckets. */
function distributeAssets(holding: Stack, baseline: Stack, p: OrganizationBaselineProps): Stack[] {
  const synthesizer = baseline.synthesizer as BaselineStackSynthesizer;
  // Wherever the template is deployed (a stack instance added outside this app, a direct deployment), CloudFormation
  // refuses it before creating anything in a region without an asset bucket of this account: there, the bucket name
  // could belong to anyone. https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-rules.html
  new CfnRule(baseline, `FortressAssetBucketRegions${Names.uniqueId(holding)}`, {
    assertions: [{
      assert: Fn.conditionContains([...p.regions], Aws.REGION),
      assertDescription: `This baseline's handler code is only in asset buckets of account ${synthesizer.assetBucketAccount} in ${p.regions.join(', ')}`,
    }],
  });
  return p.regions.map((region) => {
    const bucket = baselineAssetBucket(holding, synthesizer, region, p.organizationId!);
    for (const asset of synthesizer._fileAssets) bucket.addAsset(asset.source, asset.objectKey);
    const assetStack = Stack.of(bucket);
    holding.addStackDependency(assetStack, 'the StackSet instances read the baseline\'s assets from its bucket');
    baseline.addStackDependency(assetStack, 'a direct deployment reads the baseline\'s assets from its bucket');
    return assetStack;
  });
}

/** What of the StackSet decides where, how and what deploys. */
interface RolloutShape {
  readonly PermissionModel: string;
  readonly StackInstancesGroup: unknown;
  readonly RegionOrder: string[];
  readonly TemplateURL: undefined;
  readonly Parameters: undefined;
}

/**
 * The StackSet as it will deploy, escape hatches included, must roll out exactly what this construct rendered: another
 * region (however spelled: a literal, an Fn::If, a token) would have stack instances read handler code from a bucket
 * name anyone could have claimed there; other targets or permission models leave the OUs' service-managed rollout;
 * another template is not the baseline that cdk-nag and FortressChecks judged.
 */
function renderedRolloutProblems(stackSet: cloudformation.CfnStackSet, baseline: Stack, intended: RolloutShape): string[] {
  const rendered = renderedProperties(stackSet);
  const actual: Record<string, unknown> = {
    PermissionModel: rendered.PermissionModel,
    StackInstancesGroup: rendered.StackInstancesGroup,
    RegionOrder: rendered.OperationPreferences?.RegionOrder,
    TemplateURL: rendered.TemplateURL,
    Parameters: rendered.Parameters,
  };
  const changed = Object.entries(intended).filter(([key, value]) => JSON.stringify(actual[key]) !== JSON.stringify(value)).map(([key]) => key);
  const problems = changed.map((key) => `[cdk-fortress] ${stackSet.node.path}: ${key} was changed after OrganizationBaseline rendered it `
    + `(${JSON.stringify(actual[key])}); StackSets would deploy elsewhere or otherwise than its regions, OUs and asset buckets: change the `
    + 'OrganizationBaseline\'s props instead of the StackSet');
  if (rendered.TemplateBody !== JSON.stringify(stackSetTemplate(baseline))) {
    problems.push(`[cdk-fortress] ${stackSet.node.path}: its template is not ${baseline.node.path}'s, the stack cdk-nag and FortressChecks judged; `
      + 'change the baseline stack instead of overriding TemplateBody or TemplateURL');
  }
  return problems;
}

function assetProblems(stack: Stack, distributed: string[]): string[] {
  if (!(stack.synthesizer instanceof BaselineStackSynthesizer)) {
    const hasAssets = stack.node.findAll().some((c) => c instanceof AssetStaging);
    return hasAssets ? [`[cdk-fortress] ${stack.node.path} has file assets (e.g. custom-resource handler code) that member accounts cannot read `
      + 'from their own CDK bootstrap bucket: synthesize it with new BaselineStackSynthesizer({ assetBucketAccount })'] : [];
  }
  const nested = stack.node.findAll().filter((c) => NestedStack.isNestedStack(c));
  if (nested.length > 0) {
    return [`[cdk-fortress] ${stack.node.path} has nested stacks (${nested.map((c) => c.node.path).join(', ')}): a StackSet deploys one template, `
      + 'and a nested stack\'s template would have to be read from a bucket; put their constructs in the baseline stack itself'];
  }
  const late = stack.synthesizer._fileAssets.filter((a) => !distributed.includes(a.objectKey));
  return late.length === 0 ? [] : [`[cdk-fortress] ${stack.node.path} gained file assets after its OrganizationBaseline was created `
    + `(${late.map((a) => a.objectKey).join(', ')}): they would be missing from the asset buckets; create the OrganizationBaseline after the baseline stack is complete`];
}

function validate(scope: Construct, path: string, p: OrganizationBaselineProps): void {
  const check = new PropChecks(path);
  check.required('stack', p.stack, 'the Stack to roll out');
  check.required('targetOrganizationalUnitIds', p.targetOrganizationalUnitIds, 'the OUs (or root) whose accounts get the stack');
  check.required('regions', p.regions, 'the regions to deploy to');
  if (!Stack.isStack(p.stack)) throw FortressError.invalidProp(path, 'stack', 'must be a Stack', p.stack);
  if (p.stack === Stack.of(scope)) throw FortressError.invalidProp(path, 'stack', 'must be another stack than the one holding this OrganizationBaseline');
  if (!Token.isUnresolved(p.stack.account) || !Token.isUnresolved(p.stack.region)) {
    throw FortressError.invalidProp(path, 'stack', `must be environment-agnostic (no env): StackSets deploy it to many accounts and regions (${p.stack.node.path} has ${p.stack.account}/${p.stack.region})`);
  }
  validateAssetDistribution(Stack.of(scope), path, p);
  if (!Array.isArray(p.targetOrganizationalUnitIds)) throw FortressError.invalidProp(path, 'targetOrganizationalUnitIds', 'must be a list of OU ids', p.targetOrganizationalUnitIds);
  check.minLength('targetOrganizationalUnitIds', p.targetOrganizationalUnitIds, 1);
  check.unique('targetOrganizationalUnitIds', p.targetOrganizationalUnitIds);
  for (const ou of p.targetOrganizationalUnitIds) {
    check.matches('targetOrganizationalUnitIds', ou, /^(ou-[a-z0-9]{4,32}-[a-z0-9]{8,32}|r-[a-z0-9]{4,32})$/, 'an OU id (ou-xxxx-xxxxxxxx) or the root id (r-xxxx)');
  }
  if (!Array.isArray(p.regions)) throw FortressError.invalidProp(path, 'regions', 'must be a list of regions', p.regions);
  check.minLength('regions', p.regions, 1);
  check.unique('regions', p.regions);
  for (const region of p.regions) check.knownRegion('regions', region);
  check.integerInRange('maxConcurrentPercentage', p.maxConcurrentPercentage, 1, 100);
  check.integerInRange('failureTolerancePercentage', p.failureTolerancePercentage, 0, 99);
  const concurrency = p.maxConcurrentPercentage ?? 25;
  const tolerance = p.failureTolerancePercentage ?? 0;
  if (!Token.isUnresolved(concurrency) && !Token.isUnresolved(tolerance) && tolerance >= concurrency) {
    throw FortressError.invalidProp(path, 'failureTolerancePercentage', `must be below maxConcurrentPercentage (${concurrency}): otherwise more accounts may fail than are deployed at once, and a broken baseline rolls on`, tolerance);
  }
  check.oneOf('callAs', p.callAs, Object.values(StackSetCaller));
  check.oneOf('regionConcurrency', p.regionConcurrency, Object.values(RegionConcurrency));
  check.matches('stackSetName', p.stackSetName, /^[a-zA-Z][-a-zA-Z0-9]{0,127}$/, 'a StackSet name: a letter, then letters, digits and hyphens (up to 128)');
}

/** A baseline with file assets needs buckets in this construct's account, named after it, readable by the organization. */
function validateAssetDistribution(holding: Stack, path: string, p: OrganizationBaselineProps): void {
  const check = new PropChecks(path);
  check.organizationId('organizationId', p.organizationId);
  const synthesizer = p.stack.synthesizer;
  if (!(synthesizer instanceof BaselineStackSynthesizer) || synthesizer._fileAssets.length === 0) return;
  check.required('organizationId', p.organizationId, 'the organization whose accounts read the baseline\'s assets');
  if (Stage.of(p.stack) !== Stage.of(holding)) {
    throw FortressError.invalidProp(path, 'stack', `must be in the same Stage as ${holding.node.path}: its assets are staged there`, p.stack.node.path);
  }
  if (Token.isUnresolved(holding.account)) {
    throw FortressError.invalidProp(path, 'stack', `has file assets, so ${holding.node.path} needs a concrete account (env.account): the asset buckets are created there`);
  }
  if (synthesizer.assetBucketAccount !== holding.account) {
    throw FortressError.invalidProp(path, 'stack', `must address its assets in this account: its BaselineStackSynthesizer's assetBucketAccount must be ${holding.account}`,
      synthesizer.assetBucketAccount);
  }
}

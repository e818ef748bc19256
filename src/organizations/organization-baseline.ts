import { extname } from 'path';
import { AssetStaging, DefaultStackSynthesizer, Lazy, Stack, Token } from 'aws-cdk-lib';
import * as cloudformation from 'aws-cdk-lib/aws-cloudformation';
import { Construct } from 'constructs';
import { propsOf } from '../core/construct-args';
import { FortressError } from '../core/fortress-error';
import { PropChecks } from '../core/prop-checks';

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

/** Properties of a {@link BaselineStackSynthesizer}. */
export interface BaselineStackSynthesizerProps {
  /**
   * Prefix of the asset buckets, one per region, named `<prefix>-<region>`, readable by the organization (see
   * docs/organization.md for their bucket policy); the baseline's file assets are uploaded to each.
   */
  readonly assetBucketPrefix: string;
}

/**
 * Synthesizer for a stack deployed by {@link OrganizationBaseline}: file assets (custom-resource handler code) are
 * addressed in `<assetBucketPrefix>-<region of the stack instance>` with key `<hash>.<ext>`, a bucket of the
 * organization in every target region instead of each account's CDK bootstrap bucket (member accounts are not
 * bootstrapped), and no bootstrap-version parameter is added.
 */
export class BaselineStackSynthesizer extends DefaultStackSynthesizer {
  /** The asset buckets' prefix. */
  public readonly assetBucketPrefix: string;

  constructor(props: BaselineStackSynthesizerProps) {
    new PropChecks('BaselineStackSynthesizer').matches('assetBucketPrefix', props?.assetBucketPrefix, /^[a-z0-9][a-z0-9.-]{1,40}$/,
      'a bucket name prefix of lowercase letters, digits, dots and hyphens (up to 41 characters, leaving room for -<region>)');
    super({
      fileAssetsBucketName: `${props.assetBucketPrefix}-\${AWS::Region}`,
      bucketPrefix: '',
      generateBootstrapVersionRule: false,
    });
    this.assetBucketPrefix = props.assetBucketPrefix;
  }
}

/**
 * A CDK Stack rolled out to every account of some organizational units, in every given region, by a
 * service-managed CloudFormation StackSet with automatic deployment: accounts created in or moved into
 * those OUs get the stack from StackSets without any pipeline run. Managed execution, concurrency and
 * failure tolerance are props. StackSets never deploy to the management account: deploy the same stack
 * there directly. Deploy in the management account or a CloudFormation delegated administrator.
 *
 * The template is the stack's own synthesized template, inlined (TemplateBody, up to 51,200 bytes).
 * See docs/organization.md for assets and the order of operations.
 */
export class OrganizationBaseline extends Construct {
  /** The StackSet. */
  public readonly stackSet: cloudformation.CfnStackSet;
  /** Object keys of the baseline stack's file assets, to upload to `<assetBucketPrefix>-<region>` in every target region. */
  public readonly assetObjectKeys: string[];

  constructor(scope: Construct, id: string, props: OrganizationBaselineProps) {
    const p = propsOf(scope, id, props);
    const path = scope.node.path ? `${scope.node.path}/${id}` : id;
    validate(scope, path, p);
    super(scope, id);
    const baseline = p.stack;
    this.assetObjectKeys = [];
    // Assets can be added to the baseline after this construct: checked again when the App synthesizes.
    this.node.addValidation({ validate: () => assetProblems(baseline) });
    this.node.addValidation({ validate: () => templateSizeProblems(baseline) });
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
    const stagings = baseline.node.findAll().filter((c): c is AssetStaging => c instanceof AssetStaging);
    // DefaultStackSynthesizer's object keys: <hash>.zip for directories, <hash><extension> for files.
    this.assetObjectKeys.push(...new Set(stagings.map((s) => `${s.assetHash}${s.isArchive && s.packaging === 'zip' ? '.zip' : extname(s.absoluteStagedPath)}`)));
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

function assetProblems(stack: Stack): string[] {
  const hasAssets = stack.node.findAll().some((c) => c instanceof AssetStaging);
  if (!hasAssets || stack.synthesizer instanceof BaselineStackSynthesizer) return [];
  return [`[cdk-fortress] ${stack.node.path} has file assets (e.g. custom-resource handler code) that member accounts cannot read from their own `
    + 'CDK bootstrap bucket: synthesize it with new BaselineStackSynthesizer({ assetBucketPrefix }) and upload the assets to <prefix>-<region> in every target region'];
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

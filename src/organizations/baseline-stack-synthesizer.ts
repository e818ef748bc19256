import {
  AssetManifestBuilder, DockerImageAssetLocation, DockerImageAssetSource, FileAssetLocation, FileAssetSource, ISynthesisSession, StackSynthesizer,
} from 'aws-cdk-lib';
import { FortressError } from '../core/fortress-error';
import { PropChecks } from '../core/prop-checks';
import { isValidBucketName } from '../s3/bucket-naming';

/** Properties of a {@link BaselineStackSynthesizer}. */
export interface BaselineStackSynthesizerProps {
  /**
   * The account that holds the asset buckets: the account of the stack holding the {@link OrganizationBaseline} (the
   * management account or the CloudFormation delegated administrator). It is part of every bucket's name, so a bucket
   * of that name in another account is never used: creating it fails instead.
   */
  readonly assetBucketAccount: string;

  /**
   * Prefix of the asset buckets, one per target region, named `<prefix>-<assetBucketAccount>-<region>`.
   *
   * @default 'fortress-baseline-assets'
   */
  readonly assetBucketPrefix?: string;
}

/** A file asset of the baseline: where it is staged and the object key it has in every asset bucket. */
interface BaselineFileAsset {
  readonly source: FileAssetSource;
  readonly objectKey: string;
}

/** Longest region name (ap-southeast-5), for the bucket-name length budget. */
const LONGEST_REGION = 'ap-southeast-5';

/**
 * Synthesizer for a stack deployed by {@link OrganizationBaseline}.
 *
 * File assets (custom-resource handler code) are addressed in `<prefix>-<assetBucketAccount>-<region of the stack
 * instance>`, key `<hash>.<ext>`: the organization-readable bucket that OrganizationBaseline creates and fills in every
 * target region, instead of each account's CDK bootstrap bucket (member accounts are not bootstrapped). Lambda reads
 * function code from a bucket of its own region in any account
 * (https://docs.aws.amazon.com/lambda/latest/api/API_FunctionCode.html).
 *
 * The template is never uploaded anywhere: StackSets take it inline, and a direct deployment (in the management account,
 * where StackSets never deploy) passes it inline too (`TemplateBody`, up to 51,200 bytes, which OrganizationBaseline
 * checks), so no bucket can swap it. There is no bootstrap-version parameter, and a direct deployment uses the CLI's
 * credentials, no bootstrap roles. Container image assets are refused: StackSets have no registry to take them from.
 */
export class BaselineStackSynthesizer extends StackSynthesizer {
  /** The asset buckets' prefix. */
  public readonly assetBucketPrefix: string;
  /** The account holding the asset buckets. */
  public readonly assetBucketAccount: string;

  private readonly fileAssets: BaselineFileAsset[] = [];
  private readonly assetManifest = new AssetManifestBuilder();

  constructor(props: BaselineStackSynthesizerProps) {
    const check = new PropChecks('BaselineStackSynthesizer');
    check.required('assetBucketAccount', props?.assetBucketAccount, 'the account id of the stack holding the OrganizationBaseline');
    check.matches('assetBucketAccount', props.assetBucketAccount, /^\d{12}$/, 'a 12-digit account id');
    const prefix = props.assetBucketPrefix ?? 'fortress-baseline-assets';
    check.satisfies('assetBucketPrefix', prefix, (p) => !p.includes('.') && isValidBucketName(assetBucketName(p, props.assetBucketAccount, LONGEST_REGION)),
      'a prefix that leaves a valid bucket name <prefix>-<account>-<region> (lowercase letters, digits and hyphens, at most 35 characters)');
    super();
    this.assetBucketPrefix = prefix;
    this.assetBucketAccount = props.assetBucketAccount;
  }

  /** The asset bucket of `region`. */
  public assetBucketName(region: string): string {
    return assetBucketName(this.assetBucketPrefix, this.assetBucketAccount, region);
  }

  public addFileAsset(asset: FileAssetSource): FileAssetLocation {
    // The CDK toolkit resolves the placeholder to the region it deploys to; templates get Fn::Sub.
    const location = this.assetManifest.defaultAddFileAsset(this.boundStack, asset, { bucketName: this.assetBucketName('${AWS::Region}'), bucketPrefix: '' });
    if (!this.fileAssets.some((a) => a.objectKey === location.objectKey)) this.fileAssets.push({ source: asset, objectKey: location.objectKey });
    return this.cloudFormationLocationFromFileAsset(location);
  }

  public addDockerImageAsset(asset: DockerImageAssetSource): DockerImageAssetLocation {
    throw FortressError.invalidProp(this.boundStack.node.path, 'synthesizer',
      `cannot deploy container image assets through StackSets (asset ${asset.sourceHash}): use an image from a registry the organization can pull from`);
  }

  public synthesize(session: ISynthesisSession): void {
    this.synthesizeTemplate(session);
    // No stackTemplateAssetObjectUrl: the toolkit deploys the template inline, never through a bucket.
    this.emitArtifact(session, { additionalDependencies: [this.assetManifest.emitManifest(this.boundStack, session)] });
  }

  /** The file assets added so far. @internal */
  public get _fileAssets(): Array<{ readonly source: FileAssetSource; readonly objectKey: string }> {
    return [...this.fileAssets];
  }
}

function assetBucketName(prefix: string, account: string, region: string): string {
  return `${prefix}-${account}-${region}`;
}

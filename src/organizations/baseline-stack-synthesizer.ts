import {
  CliCredentialsStackSynthesizer, DockerImageAssetLocation, DockerImageAssetSource, FileAssetLocation, FileAssetSource, ISynthesisSession,
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
 * Built on `CliCredentialsStackSynthesizer`: no bootstrap-version parameter, and deploying the same stack directly
 * (in the management account, where StackSets never deploy) uses the CLI's credentials and the same buckets, no
 * bootstrap roles. Container image assets are refused: StackSets have no registry to take them from.
 */
export class BaselineStackSynthesizer extends CliCredentialsStackSynthesizer {
  /** The asset buckets' prefix. */
  public readonly assetBucketPrefix: string;
  /** The account holding the asset buckets. */
  public readonly assetBucketAccount: string;

  private readonly fileAssets: BaselineFileAsset[] = [];
  private synthesizing = false;

  constructor(props: BaselineStackSynthesizerProps) {
    const check = new PropChecks('BaselineStackSynthesizer');
    check.required('assetBucketAccount', props?.assetBucketAccount, 'the account id of the stack holding the OrganizationBaseline');
    check.matches('assetBucketAccount', props.assetBucketAccount, /^\d{12}$/, 'a 12-digit account id');
    const prefix = props.assetBucketPrefix ?? 'fortress-baseline-assets';
    check.satisfies('assetBucketPrefix', prefix, (p) => !p.includes('.') && isValidBucketName(assetBucketName(p, props.assetBucketAccount, LONGEST_REGION)),
      'a prefix that leaves a valid bucket name <prefix>-<account>-<region> (lowercase letters, digits and hyphens, at most 35 characters)');
    super({
      fileAssetsBucketName: assetBucketName(prefix, props.assetBucketAccount, '${AWS::Region}'),
      bucketPrefix: '',
    });
    this.assetBucketPrefix = prefix;
    this.assetBucketAccount = props.assetBucketAccount;
  }

  /** The asset bucket of `region`. */
  public assetBucketName(region: string): string {
    return assetBucketName(this.assetBucketPrefix, this.assetBucketAccount, region);
  }

  public addFileAsset(asset: FileAssetSource): FileAssetLocation {
    const location = super.addFileAsset(asset);
    // The template itself is added while synthesizing: StackSets take it inline, no bucket copy is needed.
    if (!this.synthesizing && !this.fileAssets.some((a) => a.objectKey === location.objectKey)) {
      this.fileAssets.push({ source: asset, objectKey: location.objectKey });
    }
    return location;
  }

  public addDockerImageAsset(asset: DockerImageAssetSource): DockerImageAssetLocation {
    throw FortressError.invalidProp(this.boundStack.node.path, 'synthesizer',
      `cannot deploy container image assets through StackSets (asset ${asset.sourceHash}): use an image from a registry the organization can pull from`);
  }

  public synthesize(session: ISynthesisSession): void {
    this.synthesizing = true;
    try {
      super.synthesize(session);
    } finally {
      this.synthesizing = false;
    }
  }

  /** The file assets added so far (not the template). @internal */
  public get _fileAssets(): Array<{ readonly source: FileAssetSource; readonly objectKey: string }> {
    return [...this.fileAssets];
  }
}

function assetBucketName(prefix: string, account: string, region: string): string {
  return `${prefix}-${account}-${region}`;
}

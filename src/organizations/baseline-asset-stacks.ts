import { Stack, Stage } from 'aws-cdk-lib';
import { BaselineAssetBucket } from './baseline-asset-bucket';
import { BaselineStackSynthesizer } from './baseline-stack-synthesizer';
import { FortressError } from '../core/fortress-error';

const BUCKET_ID = 'Assets';

/**
 * The asset bucket of `region` for baselines synthesized with `synthesizer`, in a stack of its own (the holding stack's
 * account, that region), created on first use and shared by every OrganizationBaseline of the Stage that names the same
 * bucket. aws-cdk-lib's CodePipeline creates its cross-region support stacks the same way.
 */
export function baselineAssetBucket(
  holding: Stack, synthesizer: BaselineStackSynthesizer, region: string, organizationId: string,
): BaselineAssetBucket {
  // A Stack always has a Stage: its App if nothing else.
  const stage = Stage.of(holding)!;
  const bucketName = synthesizer.assetBucketName(region);
  const id = `BaselineAssets-${bucketName}`;
  const existing = stage.node.tryFindChild(id);
  if (existing) {
    const bucket = existing.node.findChild(BUCKET_ID) as BaselineAssetBucket;
    if (bucket.organizationId !== organizationId) {
      throw FortressError.invalidProp(holding.node.path, 'organizationId', `must be the organization that already reads ${bucketName} (${bucket.organizationId})`, organizationId);
    }
    return bucket;
  }
  const stack = new Stack(stage, id, {
    env: { account: holding.account, region },
    description: `cdk-fortress: the OrganizationBaseline assets that member accounts read in ${region}`,
    terminationProtection: true,
  });
  return new BaselineAssetBucket(stack, BUCKET_ID, { bucketName, organizationId });
}

/**
 * Snapshot serializer: strips what changes on every upgrade or asset edit but says
 * nothing about security (asset hashes, library versions), so snapshots fail only
 * on real template drift.
 */
const ASSET_HASH = /[0-9a-f]{64}/;
const LIBRARY_VERSION = /\b(aws-cdk-lib|cdk-nag|cdk-fortress|constructs)([@/:v\s"]*)\d+\.\d+\.\d+(?:-[\w.]+)?/;

expect.addSnapshotSerializer({
  test: (value: unknown) =>
    typeof value === 'string' && (ASSET_HASH.test(value) || LIBRARY_VERSION.test(value)),
  serialize: (value: string) =>
    JSON.stringify(
      value
        .replace(new RegExp(ASSET_HASH.source, 'g'), '[ASSET HASH]')
        .replace(new RegExp(LIBRARY_VERSION.source, 'g'), '$1$2[VERSION]'),
    ),
});

/** Inline Lambda source (aws-cdk-lib's custom-resource handlers) changes with every aws-cdk-lib release. */
const INLINE_CODE = '[INLINE LAMBDA CODE]';
expect.addSnapshotSerializer({
  test: (value: any) => value !== null && typeof value === 'object' && typeof value.ZipFile === 'string' && value.ZipFile !== INLINE_CODE,
  serialize: (value: any, config, indentation, depth, refs, printer) =>
    printer({ ...value, ZipFile: INLINE_CODE }, config, indentation, depth, refs),
});

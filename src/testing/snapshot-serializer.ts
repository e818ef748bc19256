/**
 * A Jest snapshot serializer for CloudFormation templates: strips what changes on every upgrade or
 * asset edit but says nothing about security (asset hashes, library versions, aws-cdk-lib's inline
 * Lambda code), so snapshots fail only on real template drift.
 *
 * In `jest.config` (or projen's `jestOptions.jestConfig`):
 *
 *   snapshotSerializers: ['cdk-fortress/lib/testing/snapshot-serializer']
 *
 * or in a setup file: `expect.addSnapshotSerializer(require('cdk-fortress/lib/testing/snapshot-serializer'))`.
 */

const ASSET_HASH = /[0-9a-f]{64}/;
const LIBRARY_VERSION = /\b(aws-cdk-lib|cdk-nag|cdk-fortress|constructs)([@/:v\s"]*)\d+\.\d+\.\d+(?:-[\w.]+)?/;
/** Inline Lambda source (aws-cdk-lib's custom-resource handlers) changes with every aws-cdk-lib release. */
const INLINE_CODE = '[INLINE LAMBDA CODE]';

/** Jest's printer callback (the part of its signature used here). */
type Printer = (value: unknown, config: any, indentation: string, depth: number, refs: any) => string;

function isVolatileString(value: unknown): value is string {
  return typeof value === 'string' && (ASSET_HASH.test(value) || LIBRARY_VERSION.test(value));
}

function hasInlineCode(value: any): boolean {
  return value !== null && typeof value === 'object' && typeof value.ZipFile === 'string' && value.ZipFile !== INLINE_CODE;
}

/** `value` with asset hashes and library versions replaced (strings only). */
export function stripVolatile(value: string): string {
  return value
    .replace(new RegExp(ASSET_HASH.source, 'g'), '[ASSET HASH]')
    .replace(new RegExp(LIBRARY_VERSION.source, 'g'), '$1$2[VERSION]');
}

/** Whether the serializer rewrites `value`: a string with an asset hash or version, or an object with inline Lambda code. */
export function test(value: unknown): boolean {
  return isVolatileString(value) || hasInlineCode(value);
}

/** Jest's `serialize` hook. */
export function serialize(value: any, config: any, indentation: string, depth: number, refs: any, printer: Printer): string {
  if (typeof value === 'string') return JSON.stringify(stripVolatile(value));
  return printer({ ...value, ZipFile: INLINE_CODE }, config, indentation, depth, refs);
}

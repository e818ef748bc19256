/**
 * Helpers for users' own tests, framework-agnostic (plain functions and values), imported from
 * `cdk-fortress/lib/testing`:
 *
 *   import { securityReview } from 'cdk-fortress/lib/testing';
 *   expect(securityReview(stack)).toMatchSnapshot();
 *
 * Not part of the jsii API (TypeScript/JavaScript only).
 */
import { IConstruct } from 'constructs';
import * as snapshotSerializer from './snapshot-serializer';
import { SecurityReview } from '../review/security-review';

export { snapshotSerializer };
export { stripVolatile } from './snapshot-serializer';

/**
 * The security inventory of `scope` (a Stack, Stage or App) as a plain, stable value for a snapshot:
 * exposure, identity, data protection, logging, acknowledgments and findings, by construct path,
 * with no logical-id hashes, asset hashes, versions or source lines. A snapshot of it fails exactly
 * when the security posture changes, with a readable diff.
 */
export function securityReview(scope: IConstruct): Record<string, unknown> {
  return JSON.parse(SecurityReview.of(scope).toJson());
}

/** The security diff between two scopes' inventories, as a plain value (`changes`, `highestRisk`, counts). */
export function securityDiff(before: IConstruct, after: IConstruct): Record<string, unknown> {
  return JSON.parse(SecurityReview.diff(SecurityReview.of(before), SecurityReview.of(after)).toJson());
}

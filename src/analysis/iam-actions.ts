/**
 * IAM action patterns (`iam:Pass?ole`, `s3:Put*`, `*`) expanded against the catalogue of actions AWS
 * documents (see `scripts/generate-iam-actions.ts`). IAM action names are case-insensitive: everything
 * here compares lower-case and returns lower-case `service:action` strings.
 */
import { IAM_ACTION_CATALOGUE } from './iam-action-catalogue.generated';

/** Access level as the Service Authorization Reference states it. */
export type AccessLevel = 'Read' | 'List' | 'Write' | 'Tagging' | 'Permissions management';

const LEVEL_NAMES: Record<string, AccessLevel> = { R: 'Read', L: 'List', W: 'Write', T: 'Tagging', P: 'Permissions management' };

interface CatalogueIndex {
  /** lower-case service prefix → lower-case action name → access level */
  readonly services: Map<string, Map<string, AccessLevel>>;
  /** lower-case `service:action` → canonical spelling */
  readonly canonical: Map<string, string>;
}

let index: CatalogueIndex | undefined;

function catalogue(): CatalogueIndex {
  if (index) return index;
  const services = new Map<string, Map<string, AccessLevel>>();
  const canonical = new Map<string, string>();
  for (const [service, levels] of Object.entries(IAM_ACTION_CATALOGUE)) {
    const actions = new Map<string, AccessLevel>();
    for (const [code, names] of Object.entries(levels)) {
      for (const name of (names as string).split(' ')) {
        actions.set(name.toLowerCase(), LEVEL_NAMES[code]);
        canonical.set(`${service}:${name}`.toLowerCase(), `${service}:${name}`);
      }
    }
    services.set(service.toLowerCase(), actions);
  }
  index = { services, canonical };
  return index;
}

/** A case-insensitive, anchored regular expression for an IAM glob (`*` any run, `?` one character). */
export function globToRegExp(pattern: string): RegExp {
  const body = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${body}$`, 'is');
}

/** Expansion of patterns with what did not expand. */
export interface ActionExpansion {
  /** Lower-case `service:action` names the patterns grant. */
  readonly actions: Set<string>;
  /** String patterns that match no catalogued action (unknown service or action, or a typo). */
  readonly unmatched: string[];
  /** Values that are not strings (intrinsics): unknown actions. */
  readonly unresolved: unknown[];
}

/** Expands action patterns against the catalogue, reporting patterns that match nothing. */
export function expandActionsDetailed(patterns: readonly unknown[] | undefined): ActionExpansion {
  const { services } = catalogue();
  const actions = new Set<string>();
  const unmatched: string[] = [];
  const unresolved: unknown[] = [];
  for (const pattern of patterns ?? []) {
    if (typeof pattern !== 'string') {
      unresolved.push(pattern);
      continue;
    }
    const before = actions.size;
    let matchedAny = false;
    const colon = pattern.indexOf(':');
    if (colon < 0) {
      // Only `*` (or a run of `*`) is a valid action without a service prefix.
      if (/^\*+$/.test(pattern)) {
        for (const [service, names] of services) for (const name of names.keys()) actions.add(`${service}:${name}`);
        matchedAny = true;
      }
    } else {
      const servicePattern = globToRegExp(pattern.slice(0, colon));
      const actionPattern = globToRegExp(pattern.slice(colon + 1));
      for (const [service, names] of services) {
        if (!servicePattern.test(service)) continue;
        for (const name of names.keys()) {
          if (actionPattern.test(name)) {
            actions.add(`${service}:${name}`);
            matchedAny = true;
          }
        }
      }
    }
    if (!matchedAny && actions.size === before) unmatched.push(pattern);
  }
  return { actions, unmatched, unresolved };
}

/** Lower-case `service:action` names that the patterns grant (patterns matching nothing add nothing). */
export function expandActions(patterns: readonly unknown[] | undefined): Set<string> {
  return expandActionsDetailed(patterns).actions;
}

/**
 * Whether any pattern matches the action, case-insensitively, by glob alone (works for actions the
 * catalogue does not know yet). Non-string patterns (intrinsics) never match.
 */
export function matchesAny(patterns: readonly unknown[] | undefined, action: string): boolean {
  return (patterns ?? []).some((p) => typeof p === 'string' && globToRegExp(p).test(action));
}

/** Whether the catalogue knows a `service:action` name (any case). */
export function isKnownAction(action: string): boolean {
  return catalogue().canonical.has(action.toLowerCase());
}

/** AWS's spelling of a `service:action` name, or the input when unknown. */
export function canonicalAction(action: string): string {
  return catalogue().canonical.get(action.toLowerCase()) ?? action;
}

/** The access level of a `service:action` name, or `undefined` when unknown. */
export function accessLevel(action: string): AccessLevel | undefined {
  const lower = action.toLowerCase();
  const colon = lower.indexOf(':');
  return catalogue().services.get(lower.slice(0, colon))?.get(lower.slice(colon + 1));
}

/** Lower-case names of every catalogued action of a service (empty for an unknown prefix). */
export function serviceActions(service: string): string[] {
  const names = catalogue().services.get(service.toLowerCase());
  return names ? [...names.keys()].map((name) => `${service.toLowerCase()}:${name}`) : [];
}

/** Whether the catalogue knows a service prefix. */
export function isKnownService(service: string): boolean {
  return catalogue().services.has(service.toLowerCase());
}

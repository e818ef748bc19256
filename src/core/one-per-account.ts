import { Stack, Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { FortressError } from './fortress-error';

/** Per App (construct tree root): what each claim key is held by. */
const CLAIMS = new WeakMap<IConstruct, Map<string, string>>();

/** What makes a construct the only one of its kind. */
export interface OneOfAKind {
  /** The construct class, e.g. `GuardDutyOrg` (the error's prop). */
  readonly kind: string;
  /** Why a second one cannot deploy, completing "...: <why>". */
  readonly why: string;
  /** Unique per account only (multi-region resources), not per account and region. @default false */
  readonly accountWide?: boolean;
  /** Unique per name within the account (and region): the name. @default - one per account (and region) */
  readonly name?: string;
}

/**
 * Refuses a second construct of the same kind (and name) for the same account and region in one
 * App, which would synthesize and then fail at deploy. Where the stack's account (and region) are
 * concrete, stacks of the whole App are compared; in an environment-agnostic stack only that
 * stack is, since where it deploys is not known at synth time. Unresolved names are not compared.
 */
export function claimOnePerAccount(scope: IConstruct, kind: OneOfAKind): void {
  if (kind.name !== undefined && Token.isUnresolved(kind.name)) return;
  const stack = Stack.of(scope);
  const concrete = !Token.isUnresolved(stack.account) && (kind.accountWide || !Token.isUnresolved(stack.region));
  const where = concrete
    ? `account ${stack.account}${kind.accountWide ? '' : ` and region ${stack.region}`}`
    : `environment-agnostic stack ${stack.node.path}`;
  const key = [kind.kind, concrete ? stack.account : `stack:${stack.node.path}`, concrete && !kind.accountWide ? stack.region : '', kind.name ?? ''].join('\u0000');
  const root = scope.node.root;
  const claims = CLAIMS.get(root) ?? new Map<string, string>();
  CLAIMS.set(root, claims);
  const holder = claims.get(key);
  if (holder !== undefined && holder !== scope.node.path) {
    throw FortressError.invalidProp(scope, kind.kind,
      `must be the only one${kind.name === undefined ? '' : ` named '${kind.name}'`} for ${where}: ${holder} already is, and ${kind.why}`);
  }
  claims.set(key, scope.node.path);
}

import { Construct } from 'constructs';
import { FortressError } from './fortress-error';
import { pathOf } from './prop-checks';

/** The props, refusing a scope, id or props that are not what TypeScript would have allowed (JavaScript and jsii callers). */
export function propsOf<T>(scope: Construct, id: string, props: T | undefined | null): T {
  if (scope === undefined || scope === null || typeof (scope as any).node?.path !== 'string') {
    throw FortressError.invalidProp('<no scope>', 'scope', 'must be a construct', scope === undefined ? 'undefined' : scope);
  }
  if (typeof id !== 'string' || id.length === 0) throw FortressError.invalidProp(scope, 'id', 'must be a non-empty string', id === undefined ? 'undefined' : id);
  if (props === undefined || props === null) return {} as T;
  if (typeof props !== 'object' || Array.isArray(props)) throw FortressError.invalidProp(pathOf(scope, id), 'props', 'must be an object of props', props);
  return props;
}

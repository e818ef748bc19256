import { Duration, Stack, Token } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import { RegionInfo } from 'aws-cdk-lib/region-info';
import { IConstruct } from 'constructs';
import { FortressError } from './fortress-error';

/**
 * Synth-time checks for a construct's props, run before any resource is created.
 *
 * Every check passes `undefined` (the prop was not set) and unresolved tokens
 * (the value is only known at deploy time), and throws {@link FortressError}
 * naming the construct path, the prop and what is allowed otherwise.
 *
 * Constructs that extend an L2 validate before `super()`, when `this` does not
 * exist yet: they pass the path the construct will have (see {@link pathOf}).
 *
 * @example
 * const check = new PropChecks(pathOf(scope, id));
 * check.integerInRange('retentionDays', props.retentionDays, 1, 3650);
 */
export class PropChecks {
  constructor(private readonly scope: IConstruct | string) {}

  /** An integer within `[min, max]`. */
  public integerInRange(prop: string, value: number | undefined, min: number, max: number): void {
    if (value === undefined || Token.isUnresolved(value)) return;
    if (!Number.isInteger(value) || value < min || value > max) {
      throw FortressError.invalidProp(this.scope, prop, `must be an integer from ${min} to ${max}`, value);
    }
  }

  /** A value from a closed list (compared with `===`). */
  public oneOf<T>(prop: string, value: T | undefined, allowed: readonly T[]): void {
    if (value === undefined || isUnresolved(value)) return;
    if (!allowed.includes(value)) {
      throw FortressError.invalidProp(this.scope, prop, `must be one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}`, value);
    }
  }

  /** A string matching `pattern`; `description` says in words what the pattern accepts. */
  public matches(prop: string, value: string | undefined, pattern: RegExp, description: string): void {
    this.satisfies(prop, value, (v) => pattern.test(v), description);
  }

  /** A string for which `valid` holds; `description` completes "must be ...". */
  public satisfies(prop: string, value: string | undefined, valid: (value: string) => boolean, description: string): void {
    if (value === undefined || Token.isUnresolved(value)) return;
    if (!valid(value)) {
      throw FortressError.invalidProp(this.scope, prop, `must be ${description}`, value);
    }
  }

  /** A string with visible characters. */
  public nonBlank(prop: string, value: string | undefined): void {
    if (value === undefined || Token.isUnresolved(value)) return;
    if (value.trim().length === 0) {
      throw FortressError.invalidProp(this.scope, prop, 'must not be empty or blank', value);
    }
  }

  /** A list with at least `min` entries (unresolved lists pass). */
  public minLength(prop: string, value: readonly unknown[] | undefined, min: number): void {
    if (value === undefined || Token.isUnresolved(value)) return;
    if (value.length < min) {
      throw FortressError.invalidProp(this.scope, prop, `must have at least ${min} entr${min === 1 ? 'y' : 'ies'}`, value);
    }
  }

  /** A list without repeated entries. */
  public unique(prop: string, value: readonly string[] | undefined): void {
    if (value === undefined || Token.isUnresolved(value)) return;
    const repeated = value.filter((v, i) => !Token.isUnresolved(v) && value.indexOf(v) !== i);
    if (repeated.length > 0) {
      throw FortressError.invalidProp(this.scope, prop, 'must not repeat entries', repeated);
    }
  }

  /** A duration of whole days within `[minDays, maxDays]`. */
  public durationInDays(prop: string, value: Duration | undefined, minDays: number, maxDays: number): void {
    if (value === undefined || value.isUnresolved()) return;
    const seconds = value.toSeconds({ integral: false });
    const days = seconds / 86_400;
    if (!Number.isInteger(days) || days < minDays || days > maxDays) {
      throw FortressError.invalidProp(this.scope, prop, `must be a whole number of days from ${minDays} to ${maxDays}`, value.toHumanString());
    }
  }

  /** A duration of whole seconds within `[minSeconds, maxSeconds]`; `what` renders the range, e.g. `0 seconds to 12 hours`. */
  public durationInSeconds(prop: string, value: Duration | undefined, minSeconds: number, maxSeconds: number, what: string): void {
    if (value === undefined || value === null) return;
    if (!(value instanceof Duration)) throw FortressError.invalidProp(this.scope, prop, `must be a Duration from ${what}`, value);
    if (value.isUnresolved()) return;
    const seconds = value.toSeconds({ integral: false });
    if (!Number.isInteger(seconds) || seconds < minSeconds || seconds > maxSeconds) {
      throw FortressError.invalidProp(this.scope, prop, `must be a whole number of seconds from ${what}`, value.toHumanString());
    }
  }

  /** A CloudWatch Logs retention period that ends (INFINITE and values CloudWatch does not offer are refused). */
  public finiteLogRetention(prop: string, value: logs.RetentionDays | undefined): void {
    this.oneOf(prop, value, Object.values(logs.RetentionDays).filter((d) => typeof d === 'number' && d !== logs.RetentionDays.INFINITE));
  }

  /** An AWS region name such as eu-west-1. */
  public regionName(prop: string, value: string | undefined): void {
    this.matches(prop, value, /^[a-z]{2}(-[a-z]+)+-\d$/, 'a region name such as eu-west-1');
  }

  /**
   * A region aws-cdk-lib's region-info knows (`RegionInfo.regions`), in `partition` when given
   * (a region of another partition cannot be reached from this stack's).
   */
  public knownRegion(prop: string, value: string | undefined, partition?: string): void {
    if (value === undefined || Token.isUnresolved(value)) return;
    const region = RegionInfo.regions.find((r) => r.name === value);
    if (!region) throw FortressError.invalidProp(this.scope, prop, 'must be an AWS region such as eu-west-1', value);
    if (partition !== undefined && region.partition !== partition) {
      throw FortressError.invalidProp(this.scope, prop, `must be a region of this stack's partition ${partition} (${value} is in ${region.partition})`, value);
    }
  }

  /** Two props that may not be set together. */
  public exclusive(propA: string, a: unknown, propB: string, b: unknown): void {
    if (a !== undefined && b !== undefined) {
      throw FortressError.invalidProp(this.scope, propA, `cannot be combined with '${propB}'; set only one of them`);
    }
  }

  /**
   * A prop that must be set: JavaScript callers (and jsii languages passing null) can omit required props,
   * which would otherwise surface as a TypeError deep inside aws-cdk-lib.
   *
   * @param what what the prop is for, completing "is required: ..."
   */
  public required(prop: string, value: unknown, what: string): void {
    if (value === undefined || value === null) {
      throw FortressError.invalidProp(this.scope, prop, `is required: ${what}`);
    }
  }

  /** An AWS Organizations id (`o-` and 10 to 32 lowercase letters or digits). */
  public organizationId(prop: string, value: string | undefined): void {
    this.matches(prop, value, /^o-[a-z0-9]{10,32}$/, 'an organization id such as o-a1b2c3d4e5');
  }

  /** A string whose length is within `[min, max]` characters. */
  public lengthInRange(prop: string, value: string | undefined, min: number, max: number): void {
    if (value === undefined || Token.isUnresolved(value)) return;
    if (typeof value !== 'string' || value.length < min || value.length > max) {
      throw FortressError.invalidProp(this.scope, prop, `must be a string of ${min} to ${max} characters`, value);
    }
  }

  /** A prop that requires another to be set. */
  public requires(prop: string, value: unknown, requiredProp: string, required: unknown): void {
    if (value !== undefined && required === undefined) {
      throw FortressError.invalidProp(this.scope, prop, `requires '${requiredProp}' to be set`);
    }
  }
}

/** The partition of a stack whose region is known at synth time, else `undefined`. */
export function partitionOf(stack: Stack): string | undefined {
  return Token.isUnresolved(stack.region) ? undefined : RegionInfo.get(stack.region).partition;
}

/** The path a construct with `id` will have under `scope`, for errors raised before it exists. */
export function pathOf(scope: IConstruct, id: string): string {
  return scope.node.path ? `${scope.node.path}/${id}` : id;
}

function isUnresolved(value: unknown): boolean {
  return (typeof value === 'string' || typeof value === 'number') && Token.isUnresolved(value);
}

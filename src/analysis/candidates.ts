/**
 * Every value a rendered CloudFormation expression can deploy as, for judgments that must FAIL CLOSED: a value is
 * safe only when every candidate is. Intrinsics are expanded as far as the template decides them (literals,
 * `Fn::Join` / `Fn::Sub` parts as a cartesian product, each branch of `Fn::If`, `Fn::Select` of known lists,
 * `Fn::Split` of literals, `Fn::FindInMap` values, a parameter's `AllowedValues` or `Default`); whatever the deployer
 * or another stack chooses becomes {@link UNKNOWN_PLACEHOLDER}, so a judgment sees that it cannot prove anything.
 *
 * Placeholders in candidates: `${AWS::AccountId}`, `${AWS::Partition}`, `${AWS::Region}`, `${AWS::URLSuffix}` for the
 * pseudo parameters, `${Ref:<id>}` / `${GetAtt:<id>.<attr>}` for a resource of the template, {@link NO_VALUE} for
 * `Ref AWS::NoValue` (the element or property is removed), `${?}` for anything else.
 */
import { UNKNOWN_PLACEHOLDER } from './intrinsics';

/** `{ Ref: 'AWS::NoValue' }`: the property (or list element) is removed. */
export const NO_VALUE = '${AWS::NoValue}';

/** The template sections that decide what a reference deploys as. */
export interface CandidateTemplate {
  readonly Parameters?: Record<string, any>;
  readonly Mappings?: Record<string, any>;
  readonly Resources?: Record<string, any>;
}

/**
 * At most this many candidates per expression: a larger cartesian product is cut to {@link UNKNOWN_PLACEHOLDER}
 * (fail closed) rather than explored.
 */
export const MAX_CANDIDATES = 256;
const MAX_DEPTH = 24;

const PSEUDO_STRINGS = new Set(['AWS::AccountId', 'AWS::Partition', 'AWS::Region', 'AWS::URLSuffix']);

/** Every string `value` may deploy as (with placeholders). A list value yields {@link UNKNOWN_PLACEHOLDER}. */
export function candidateStrings(value: unknown, template: CandidateTemplate = {}): string[] {
  return strings(value, template, 0);
}

/** Every list `value` may deploy as (a literal list, `Fn::Split`, `Fn::If` of lists, a list parameter, a mapping list). */
export function candidateLists(value: unknown, template: CandidateTemplate = {}): string[][] {
  return lists(value, template, 0);
}

/**
 * Every element a list-valued property (`ManagedPolicyArns`, ...) may hold, {@link NO_VALUE} elements dropped.
 * A literal list is judged element by element (no product across elements).
 */
export function candidateElements(value: unknown, template: CandidateTemplate = {}): string[] {
  if (value === undefined || value === null) return [];
  const out = Array.isArray(value) ? value.flatMap((v) => strings(v, template, 0)) : lists(value, template, 0).flat();
  return unique(out.filter((c) => c !== NO_VALUE));
}

/** Whether a candidate contains a value no analysis can know. */
export function hasUnknown(candidate: string): boolean {
  return candidate.includes(UNKNOWN_PLACEHOLDER);
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

function capped(values: string[]): string[] {
  const u = unique(values);
  return u.length > MAX_CANDIDATES ? [UNKNOWN_PLACEHOLDER] : u;
}

/** Cartesian product of candidate lists, or undefined when it exceeds the cap. */
function product(parts: string[][]): string[][] | undefined {
  let acc: string[][] = [[]];
  for (const options of parts) {
    if (acc.length * options.length > MAX_CANDIDATES) return undefined;
    acc = acc.flatMap((prefix) => options.map((o) => [...prefix, o]));
  }
  return acc;
}

function intrinsic(value: unknown): [string, any] | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const keys = Object.keys(value);
  if (keys.length !== 1 || !(keys[0] === 'Ref' || keys[0].startsWith('Fn::'))) return undefined;
  return [keys[0], (value as any)[keys[0]]];
}

function isListParameterType(type: string): boolean {
  return type === 'CommaDelimitedList' || type.startsWith('List<');
}

/** What a `Ref` (or `${name}` in `Fn::Sub`) to `name` deploys as, in a string position. */
function refStrings(name: unknown, template: CandidateTemplate): string[] {
  if (typeof name !== 'string') return [UNKNOWN_PLACEHOLDER];
  if (name === 'AWS::NoValue') return [NO_VALUE];
  if (PSEUDO_STRINGS.has(name)) return [`\${${name}}`];
  const parameter = template.Parameters?.[name];
  if (parameter !== undefined) {
    const type = String(parameter?.Type ?? 'String');
    // An SSM parameter type's Default names the SSM parameter, not the value; a list in a string position is invalid.
    if (type.startsWith('AWS::SSM::') || isListParameterType(type)) return [UNKNOWN_PLACEHOLDER];
    const allowed = Array.isArray(parameter?.AllowedValues) ? parameter.AllowedValues : [];
    // AllowedValues bind the deployer; a Default does not (any value can be passed at deploy time).
    if (allowed.length > 0) return unique(allowed.map(String));
    return parameter?.Default === undefined ? [UNKNOWN_PLACEHOLDER] : [String(parameter.Default), UNKNOWN_PLACEHOLDER];
  }
  if (template.Resources?.[name] !== undefined) return [`\${Ref:${name}}`];
  return [UNKNOWN_PLACEHOLDER];
}

function getAttString(arg: unknown): string {
  const [id, attr] = Array.isArray(arg) ? arg : typeof arg === 'string' ? [arg.split('.')[0], arg.split('.').slice(1).join('.')] : [];
  return typeof id === 'string' && typeof attr === 'string' ? `\${GetAtt:${id}.${attr}}` : UNKNOWN_PLACEHOLDER;
}

/** Splits a candidate on a literal delimiter, keeping placeholders whole; a candidate with an unknown part gives an unknown list. */
function splitCandidate(candidate: string, delimiter: string): string[] {
  if (hasUnknown(candidate)) return [UNKNOWN_PLACEHOLDER];
  if (delimiter === '') return [candidate];
  const out: string[] = [];
  let current = '';
  for (let i = 0; i < candidate.length;) {
    if (candidate.startsWith('${', i)) {
      const end = candidate.indexOf('}', i);
      if (end > 0) {
        current += candidate.slice(i, end + 1);
        i = end + 1;
        continue;
      }
    }
    if (candidate.startsWith(delimiter, i)) {
      out.push(current);
      current = '';
      i += delimiter.length;
      continue;
    }
    current += candidate[i];
    i++;
  }
  out.push(current);
  return out;
}

/** The values an `Fn::FindInMap` may return (strings or lists), every key when a key is not a literal of the mapping. */
function mappingValues(arg: unknown, template: CandidateTemplate, depth: number): unknown[] | undefined {
  if (!Array.isArray(arg) || arg.length < 3) return undefined;
  const mapNames = strings(arg[0], template, depth);
  const values: unknown[] = [];
  const select = (node: any, keyValue: unknown): any[] => {
    if (node === null || typeof node !== 'object') return [];
    const keys = strings(keyValue, template, depth);
    return keys.flatMap((k) => (k.includes('${') || !(k in node) ? Object.values(node) : [node[k]]));
  };
  for (const mapName of mapNames) {
    const mapping = mapName.includes('${') ? undefined : template.Mappings?.[mapName];
    if (mapping === undefined) return undefined;
    for (const second of select(mapping, arg[1])) values.push(...select(second, arg[2]));
  }
  // Fn::FindInMap's DefaultValue (AWS::LanguageExtensions).
  if (arg[3] !== null && typeof arg[3] === 'object' && 'DefaultValue' in arg[3]) values.push(arg[3].DefaultValue);
  return values;
}

function strings(value: unknown, template: CandidateTemplate, depth: number): string[] {
  if (typeof value === 'string') return [value];
  if (typeof value === 'number' || typeof value === 'boolean') return [String(value)];
  const fn = intrinsic(value);
  if (fn === undefined || depth > MAX_DEPTH) return [UNKNOWN_PLACEHOLDER];
  const [key, arg] = fn;
  const next = depth + 1;
  switch (key) {
    case 'Ref':
      return refStrings(arg, template);
    case 'Fn::GetAtt':
      return [getAttString(arg)];
    case 'Fn::Join': {
      if (!Array.isArray(arg) || typeof arg[0] !== 'string') return [UNKNOWN_PLACEHOLDER];
      const delimiter = arg[0];
      return capped(lists(arg[1], template, next).map((l) => l.filter((p) => p !== NO_VALUE).join(delimiter)));
    }
    case 'Fn::Sub':
      return subStrings(arg, template, next);
    case 'Fn::If':
      if (!Array.isArray(arg) || arg.length !== 3) return [UNKNOWN_PLACEHOLDER];
      return capped([...strings(arg[1], template, next), ...strings(arg[2], template, next)]);
    case 'Fn::Select': {
      if (!Array.isArray(arg) || arg.length !== 2) return [UNKNOWN_PLACEHOLDER];
      const indexes = strings(arg[0], template, next);
      const candidates = lists(arg[1], template, next);
      const out: string[] = [];
      for (const index of indexes) {
        if (!/^\d+$/.test(index)) {
          out.push(...candidates.flat(), UNKNOWN_PLACEHOLDER);
          continue;
        }
        for (const list of candidates) out.push(list[Number(index)] ?? UNKNOWN_PLACEHOLDER);
      }
      return capped(out);
    }
    case 'Fn::FindInMap': {
      const values = mappingValues(arg, template, next);
      if (values === undefined) return [UNKNOWN_PLACEHOLDER];
      return capped(values.flatMap((v) => (Array.isArray(v) ? [UNKNOWN_PLACEHOLDER] : strings(v, template, next))));
    }
    default:
      // Fn::ImportValue, Fn::GetAZs, Fn::Base64, Fn::Cidr, Fn::Transform, ...: decided outside the template.
      return [UNKNOWN_PLACEHOLDER];
  }
}

function subStrings(arg: unknown, template: CandidateTemplate, depth: number): string[] {
  const [text, vars] = Array.isArray(arg) ? [arg[0], arg[1] as Record<string, unknown> | undefined] : [arg, undefined];
  if (typeof text !== 'string') return [UNKNOWN_PLACEHOLDER];
  const pattern = /\$\{([^}]*)\}/g;
  const names = unique([...text.matchAll(pattern)].map((m) => m[1]));
  const options = names.map((name): string[] => {
    // ${!Literal} writes "${Literal}": not a value the analysis can vouch for.
    if (name.startsWith('!')) return [UNKNOWN_PLACEHOLDER];
    if (vars !== null && typeof vars === 'object' && Object.prototype.hasOwnProperty.call(vars, name)) return strings(vars[name], template, depth);
    if (name.includes('.')) return [getAttString(name)];
    return refStrings(name, template);
  });
  const combos = product(options);
  if (combos === undefined) return [UNKNOWN_PLACEHOLDER];
  return capped(combos.map((combo) => text.replace(pattern, (_m, name: string) => combo[names.indexOf(name)])));
}

function lists(value: unknown, template: CandidateTemplate, depth: number): string[][] {
  if (Array.isArray(value)) {
    const combos = product(value.map((v) => strings(v, template, depth + 1)));
    return combos === undefined ? [[UNKNOWN_PLACEHOLDER]] : combos.map((l) => l.filter((e) => e !== NO_VALUE));
  }
  const fn = intrinsic(value);
  if (fn === undefined || depth > MAX_DEPTH) return [[UNKNOWN_PLACEHOLDER]];
  const [key, arg] = fn;
  const next = depth + 1;
  switch (key) {
    case 'Ref': {
      if (arg === 'AWS::NoValue') return [[]];
      const parameter = typeof arg === 'string' ? template.Parameters?.[arg] : undefined;
      const type = String(parameter?.Type ?? 'String');
      if (parameter === undefined || !isListParameterType(type)) return [[UNKNOWN_PLACEHOLDER]];
      const defaults = parameter.Default === undefined ? [] : [String(parameter.Default).split(',').map((s) => s.trim())];
      return [...defaults, [UNKNOWN_PLACEHOLDER]];
    }
    case 'Fn::Split': {
      if (!Array.isArray(arg) || typeof arg[0] !== 'string') return [[UNKNOWN_PLACEHOLDER]];
      return strings(arg[1], template, next).map((s) => splitCandidate(s, arg[0]));
    }
    case 'Fn::If':
      if (!Array.isArray(arg) || arg.length !== 3) return [[UNKNOWN_PLACEHOLDER]];
      return [...lists(arg[1], template, next), ...lists(arg[2], template, next)].slice(0, MAX_CANDIDATES);
    case 'Fn::FindInMap': {
      const values = mappingValues(arg, template, next);
      if (values === undefined) return [[UNKNOWN_PLACEHOLDER]];
      return values.flatMap((v) => (Array.isArray(v) ? lists(v, template, next) : [[UNKNOWN_PLACEHOLDER]])).slice(0, MAX_CANDIDATES);
    }
    default:
      // Fn::GetAZs, Fn::Cidr, Fn::GetAtt of a list attribute, Fn::ImportValue + Split of unknowns, ...
      return [[UNKNOWN_PLACEHOLDER]];
  }
}

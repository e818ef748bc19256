import { parse } from 'path';
import { TemplateResource } from './stack-template';

/** How bad a finding is. */
export enum RuleLevel {
  /** Fails synthesis unless acknowledged on the resource's own construct. */
  ERROR = 'error',
  /** Reported, never fails synthesis. */
  WARNING = 'warning',
}

/** In `resourceTypes`: the rule looks at every resource, whatever its type (raw and custom ones too). */
export const ANY_RESOURCE_TYPE = '*';

/** One problem a rule found on a resource. */
export interface RuleProblem {
  /** What exactly is wrong, e.g. `statement 2 allows s3:GetObject to Principal "*"`. */
  readonly detail: string;
  /**
   * A finding id for rules that report several distinct problems on one resource;
   * the acknowledgment id is then `Fortress-<Rule>[<finding>]`.
   */
  readonly finding?: string;
}

/**
 * A FortressChecks rule: a pure judgment over one resource as CloudFormation
 * receives it. Rules never read construct props, so escape hatches cannot hide
 * anything from them.
 */
export interface FortressRule {
  /** `Fortress-<name>` is the rule id; taken from the rule's file name. */
  readonly name: string;
  readonly level: RuleLevel;
  /** One line: what the finding means. */
  readonly info: string;
  /** Why the rule exists. */
  readonly explanation: string;
  /** How to fix it, naming the cdk-fortress construct or prop that does. */
  readonly fix: string;
  /**
   * No reason can excuse this finding: acknowledgments of it are ignored, and
   * SecureBaseline reports each as an error (see docs/enforcement.md).
   */
  readonly neverAcknowledgeable: boolean;
  /** CloudFormation types the rule looks at; {@link ANY_RESOURCE_TYPE} for every resource. */
  readonly resourceTypes: readonly string[];
  /** The problems of `resource`; an empty list when it complies. */
  evaluate(resource: TemplateResource): RuleProblem[];
}

/** What a rule file declares; the name comes from the file. */
export interface FortressRuleDefinition extends Omit<FortressRule, 'name' | 'neverAcknowledgeable' | 'level'> {
  readonly level?: RuleLevel;
  readonly neverAcknowledgeable?: boolean;
}

/**
 * Declares a rule named after its file (cdk-nag's convention): `defineRule(__filename, {...})`
 * in `rules/s3/S3BucketRetained.ts` is `Fortress-S3BucketRetained`.
 */
export function defineRule(file: string, definition: FortressRuleDefinition): FortressRule {
  return {
    level: RuleLevel.ERROR,
    neverAcknowledgeable: false,
    ...definition,
    name: parse(file).name,
  };
}

/** A single problem with `detail`, or none, for rules with one thing to check. */
export function problemIf(condition: boolean, detail: string): RuleProblem[] {
  return condition ? [{ detail }] : [];
}

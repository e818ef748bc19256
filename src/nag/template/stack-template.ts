import { IConstruct } from 'constructs';

/** A CloudFormation value after synthesis: literals, lists, objects and intrinsic functions. */
export type TemplateValue = any;

/**
 * One resource exactly as CloudFormation receives it: properties after every
 * escape-hatch override, plus the resource attributes that decide its fate.
 */
export interface TemplateResource {
  /** The resource's logical id in its template. */
  readonly logicalId: string;
  /** The CloudFormation resource type, e.g. `AWS::S3::Bucket`. */
  readonly type: string;
  /** `Properties` as rendered (an empty object when there are none). */
  readonly properties: Record<string, TemplateValue>;
  /** `DeletionPolicy` as rendered; CloudFormation's default (Delete) when absent. */
  readonly deletionPolicy?: string;
  /** `UpdateReplacePolicy` as rendered. */
  readonly updateReplacePolicy?: string;
  /** `Condition`: the resource exists only when this template condition is true. */
  readonly condition?: string;
  /** The construct that rendered the resource (its `CfnResource`), where one is known. */
  readonly construct?: IConstruct;
  /** The template the resource belongs to, for rules that look at related resources. */
  readonly template: StackTemplate;
}

/**
 * A synthesized stack template with its resources mapped back to the constructs
 * that rendered them, so findings and acknowledgments stay on construct paths.
 */
export class StackTemplate {
  /** Resources in template order. */
  public readonly resources: TemplateResource[];
  private readonly byId = new Map<string, TemplateResource>();

  /**
   * @param stackPath construct path of the stack (or nested stack) the template belongs to
   * @param json the template as CloudFormation receives it
   * @param constructsByLogicalId the construct behind each logical id
   * @param account the deploying account: a 12-digit id, or `{ Ref: 'AWS::AccountId' }` when environment-agnostic
   */
  constructor(
    public readonly stackPath: string,
    public readonly json: Record<string, TemplateValue>,
    constructsByLogicalId: ReadonlyMap<string, IConstruct>,
    public readonly account: TemplateValue = { Ref: 'AWS::AccountId' },
  ) {
    this.resources = Object.entries(json.Resources ?? {}).map(([logicalId, raw]: [string, any]) => ({
      logicalId,
      type: String(raw?.Type ?? ''),
      properties: raw?.Properties ?? {},
      deletionPolicy: raw?.DeletionPolicy,
      updateReplacePolicy: raw?.UpdateReplacePolicy,
      condition: raw?.Condition,
      construct: constructsByLogicalId.get(logicalId),
      template: this,
    }));
    for (const resource of this.resources) this.byId.set(resource.logicalId, resource);
  }

  /** The resource with `logicalId`, if the template has one. */
  public resource(logicalId: string): TemplateResource | undefined {
    return this.byId.get(logicalId);
  }

  /** Every resource of CloudFormation type `type`. */
  public ofType(type: string): TemplateResource[] {
    return this.resources.filter((r) => r.type === type);
  }

  /** Logical ids of the template's IAM roles and users: identities of the deploying account. */
  public get identityLogicalIds(): string[] {
    return this.resources.filter((r) => r.type === 'AWS::IAM::Role' || r.type === 'AWS::IAM::User').map((r) => r.logicalId);
  }
}

/**
 * The logical id `value` points at when it is `{ Ref: id }` or `{ "Fn::GetAtt": [id, attr] }`
 * (also the `"id.attr"` string form), `undefined` otherwise.
 */
export function referencedLogicalId(value: TemplateValue): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  if (typeof value.Ref === 'string') return value.Ref;
  const getAtt = value['Fn::GetAtt'];
  if (Array.isArray(getAtt) && typeof getAtt[0] === 'string') return getAtt[0];
  if (typeof getAtt === 'string') return getAtt.split('.')[0];
  return undefined;
}

/** Whether `value` refers to resource `logicalId` (a Ref or GetAtt), or equals one of `literals`. */
export function refersTo(value: TemplateValue, logicalId: string, literals: readonly string[] = []): boolean {
  if (referencedLogicalId(value) === logicalId) return true;
  return typeof value === 'string' && literals.includes(value);
}

/** Values of a single-or-list template element, as an array. */
export function asList(value: TemplateValue): TemplateValue[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

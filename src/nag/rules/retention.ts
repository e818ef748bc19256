import { problemIf, RuleProblem } from '../template/fortress-rule';
import { TemplateResource } from '../template/stack-template';

/** Deletion policies that keep the resource's data when the stack deletes it. */
const RETAINING = new Set(['Retain', 'RetainExceptOnCreate']);

/** A problem when the stateful `resource` would be deleted with its stack, or replaced away on update. */
export function retentionProblems(resource: TemplateResource): RuleProblem[] {
  return [
    ...problemIf(!RETAINING.has(resource.deletionPolicy ?? ''),
      `DeletionPolicy is ${resource.deletionPolicy ?? 'absent (CloudFormation deletes)'}.`),
    // CloudFormation's default UpdateReplacePolicy is Delete: a replacement would delete the old resource's data.
    ...problemIf(!RETAINING.has(resource.updateReplacePolicy ?? ''),
      `UpdateReplacePolicy is ${resource.updateReplacePolicy ?? 'absent (CloudFormation deletes the replaced resource)'}.`),
  ];
}

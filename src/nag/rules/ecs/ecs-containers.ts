import { containerDefinitionsOf, containerNameOf } from '../../../analysis/container-definitions';
import { RuleProblem } from '../../template/fortress-rule';
import { TemplateResource } from '../../template/stack-template';

/**
 * One problem per container of a task definition for which `problem` returns a detail, with the
 * container's name as the finding: an acknowledgment (`Fortress-<Rule>[<container>]`) covers that
 * container only.
 */
export function perContainer(taskDefinition: TemplateResource, problem: (container: any) => string | undefined): RuleProblem[] {
  return containerDefinitionsOf(taskDefinition.properties).flatMap((container, i) => {
    const detail = problem(container);
    const name = containerNameOf(container, i);
    return detail === undefined ? [] : [{ detail: `Container ${name}: ${detail}`, finding: name }];
  });
}

import { defineRule, RuleProblem } from '../../template/fortress-rule';
import { asList, TemplateValue } from '../../template/stack-template';

/**
 * Every replica of a DynamoDB global table has point-in-time recovery on. The packs' DynamoDBPITREnabled judges only
 * `AWS::DynamoDB::Table`; `AWS::DynamoDB::GlobalTable` (what `TableV2` renders) passes every pack unchecked.
 */
export default defineRule(__filename, {
  resourceTypes: ['AWS::DynamoDB::GlobalTable'],
  info: 'A replica of the DynamoDB global table has no point-in-time recovery.',
  explanation: 'Point-in-time recovery restores a table to any second of the last 35 days (or the configured window) after an '
    + 'accidental write or delete; each replica is configured on its own.',
  fix: 'Use SecureTable, or set pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true } on the TableV2 and each replica.',
  evaluate: (table) => {
    const problems: RuleProblem[] = [];
    asList(table.properties.Replicas).forEach((replica: TemplateValue, i: number) => {
      if (replica?.PointInTimeRecoverySpecification?.PointInTimeRecoveryEnabled !== true) {
        problems.push({ detail: `Replicas[${i}] (${typeof replica?.Region === 'string' ? replica.Region : 'a region'}) has PointInTimeRecoveryEnabled unset or false.` });
      }
    });
    return problems;
  },
});

import { defineRule, problemIf } from '../../template/fortress-rule';

/**
 * CloudTrail trails record every management event, read and write, of every event source (CIS AWS Foundations 3.1,
 * Security Hub CloudTrail.1). Basic selectors must include management events with `ReadWriteType` All (or ReadOnly
 * and WriteOnly together) and exclude no event source; advanced selectors must hold one that selects
 * `eventCategory` = Management and nothing narrower. Values that are not literals narrow nothing provably: they fail.
 * https://docs.aws.amazon.com/awscloudtrail/latest/userguide/logging-management-events-with-cloudtrail.html
 */
export default defineRule(__filename, {
  resourceTypes: ['AWS::CloudTrail::Trail'],
  info: 'The CloudTrail trail does not record every management event.',
  explanation: 'A trail narrowed to read-only events, or excluding KMS or RDS Data API events, or filtered by event source, leaves API calls unaudited '
    + 'while the trail appears to log.',
  fix: 'Remove the EventSelectors / AdvancedEventSelectors override (AuditTrail records every management event and adds data events through its props).',
  evaluate: (trail) => {
    const p = trail.properties;
    const problem = p.AdvancedEventSelectors !== undefined ? advancedProblem(p.AdvancedEventSelectors)
      : p.EventSelectors !== undefined ? basicProblem(p.EventSelectors) : undefined;
    return problemIf(problem !== undefined, problem ?? '');
  },
});

function basicProblem(selectors: unknown): string | undefined {
  if (!Array.isArray(selectors)) return 'EventSelectors is not a literal list.';
  const including = selectors.filter((s: any) => s?.IncludeManagementEvents !== false);
  const excludes = (s: any) => s?.ExcludeManagementEventSources !== undefined
    && !(Array.isArray(s.ExcludeManagementEventSources) && s.ExcludeManagementEventSources.length === 0);
  if (including.some(excludes)) {
    return 'EventSelectors exclude management event sources.';
  }
  const types = new Set(including.map((s: any) => s?.ReadWriteType ?? 'All'));
  return types.has('All') || (types.has('ReadOnly') && types.has('WriteOnly')) ? undefined
    : `EventSelectors record management events only as ${JSON.stringify([...types])}.`;
}

function advancedProblem(selectors: unknown): string | undefined {
  if (!Array.isArray(selectors)) return 'AdvancedEventSelectors is not a literal list.';
  const allManagement = selectors.some((s: any) => {
    const fields = Array.isArray(s?.FieldSelectors) ? s.FieldSelectors : [];
    return fields.length === 1 && fields[0]?.Field === 'eventCategory' && JSON.stringify(fields[0]?.Equals) === '["Management"]'
      && Object.keys(fields[0]).every((k) => k === 'Field' || k === 'Equals');
  });
  return allManagement ? undefined : 'No advanced event selector records every management event (eventCategory = Management and nothing narrower).';
}

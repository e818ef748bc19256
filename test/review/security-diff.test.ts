import * as fs from 'fs';
import * as path from 'path';
import { scenarioChanges, synthReferenceApp } from './scenario-app';
import { RiskLevel, SecurityDiff, SecurityReview } from '../../src';

// ajv (JSON Schema draft-07) validates SARIF against the official schema shipped next to this test.
// eslint-disable-next-line @typescript-eslint/no-require-imports, import/no-extraneous-dependencies
const Ajv = require('ajv');

let before: SecurityReview;
let after: SecurityReview;
let diff: SecurityDiff;

beforeAll(() => {
  before = SecurityReview.fromAssembly(synthReferenceApp());
  after = SecurityReview.fromAssembly(synthReferenceApp(scenarioChanges));
  diff = SecurityReview.diff(before, after);
});

describe('the pull-request scenario', () => {
  test('reports each change once, with its classification and risk, and nothing else', () => {
    // GIVEN the reference app, WHEN the scenario's changes are applied, THEN
    const changes = diff.changes.map((c) => `${c.risk} ${c.kind} ${c.constructPath}`);
    expect(changes).toEqual([
      'high new-exposure Workload/ApplicationLoadBalancer',
      'high new-principals Workload/FortressKeyRing/DataKey',
      'medium retention-weakened SecurityTooling/AuditTrail/Logs',
      'medium retention-weakened Workload/CustomerData',
      'medium widened-ingress Workload/DatabaseSecurityGroup',
      'medium new-actions Workload/ReportingJob',
      'low acknowledgment-changed Workload/Web/SecurityGroup',
    ]);
  });

  test('says what changed', () => {
    const summary = (p: string) => diff.changes.find((c) => c.constructPath === p)!.summary;
    expect(summary('Workload/ApplicationLoadBalancer')).toMatch(/tcp 443 .*internet/);
    expect(summary('Workload/DatabaseSecurityGroup')).toBe('tcp 5432 now admits 10.0.0.0/16 on an administration or database port: PostgreSQL (tcp 5432)');
    expect(summary('Workload/ReportingJob')).toBe('role may now s3:DeleteObject on ${Workload/CustomerData.Arn}/exports/daily.csv');
    expect(summary('Workload/FortressKeyRing/DataKey')).toMatch(/account 444455556666 .*kms:Decrypt/);
    expect(summary('Workload/CustomerData')).toBe('versioning: Enabled → Suspended');
    expect(summary('SecurityTooling/AuditTrail/Logs')).toBe('retention: 365 days → 30 days');
    expect(diff.changes.find((c) => c.kind === 'acknowledgment-changed')!.before).toMatch(/^Only the TCP ports declared/);
  });

  test('highest risk and thresholds', () => {
    expect(diff.highestRisk).toBe(RiskLevel.HIGH);
    expect(diff.hasRiskAtOrAbove(RiskLevel.HIGH)).toBe(true);
    const none = SecurityReview.diff(before, before);
    expect(none.changes).toEqual([]);
    expect(none.highestRisk).toBe(RiskLevel.NONE);
    expect(none.hasRiskAtOrAbove(RiskLevel.LOW)).toBe(false);
    expect(none.toMarkdown()).toContain('No security-relevant change.');
  });

  test('the reverse diff reports reductions without risk, and the acknowledgment change', () => {
    const reverse = SecurityReview.diff(after, before);
    expect(reverse.highestRisk).toBe(RiskLevel.LOW);
    expect(reverse.changes.filter((c) => c.risk !== RiskLevel.NONE).map((c) => c.kind)).toEqual(['acknowledgment-changed']);
  });

  test('Markdown: verdict first, details folded', () => {
    const md = diff.toMarkdown();
    expect(md.split('\n').slice(0, 3).join('\n')).toBe('## cdk-fortress security diff\n\n**Highest risk: HIGH** · 7 changes: 2 high, 4 medium, 1 low, 0 with no added risk');
    expect(md).toContain('<details><summary>Details</summary>');
    expect(md).not.toMatch(/[a-z][0-9A-F]{8}\b/); // no logical-id hashes
  });

  test('JSON is stable and hash-free', () => {
    const json = JSON.parse(diff.toJson());
    expect(json.highestRisk).toBe('high');
    expect(json.summary).toEqual({ high: 2, medium: 4, low: 1, none: 0 });
    expect(diff.toJson()).toBe(SecurityReview.diff(before, after).toJson());
  });

  test('SARIF validates against the SARIF 2.1.0 schema', () => {
    const validate = sarifValidator();
    for (const sarif of [diff.toSarif(), after.toSarif()]) {
      const log = JSON.parse(sarif);
      const valid = validate(log);
      expect(validate.errors ?? []).toEqual([]);
      expect(valid).toBe(true);
    }
    const log = JSON.parse(diff.toSarif());
    expect(log.version).toBe('2.1.0');
    expect(log.runs[0].results).toHaveLength(7);
    expect(log.runs[0].tool.driver.rules.map((r: any) => r.id)).toEqual([
      'acknowledgment-changed', 'new-actions', 'new-exposure', 'new-principals', 'retention-weakened', 'widened-ingress',
    ]);
    const exposure = log.runs[0].results.find((r: any) => r.ruleId === 'new-exposure');
    expect(exposure.level).toBe('error');
    expect(exposure.locations[0].logicalLocations[0].fullyQualifiedName).toBe('Workload/ApplicationLoadBalancer');
    expect(exposure.locations[0].physicalLocation.artifactLocation.uri).toMatch(/^test\/review\/scenario-app\.ts$|^Workload\.template\.json$/);
  });
});

function sarifValidator(): any {
  const schema = JSON.parse(fs.readFileSync(path.join(__dirname, 'sarif-schema-2.1.0.json'), 'utf8'));
  const ajv = new Ajv({ allErrors: true, schemaId: 'auto' });
  return ajv.compile(schema);
}

import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as fc from 'fast-check';
import {
  Acknowledgments, AutomationRule, FindingSeverity, FindingWorkflowStatus, FortressErrors, SecurityHubAutomationRules,
} from '../../src';
import { complianceTestStack, expectCompliant, propertyTestStack, rejectionOf } from '../compliance';

const rules = (stack: Stack) => Object.values<any>(Template.fromStack(stack).findResources('AWS::SecurityHub::AutomationRule')).map((r) => r.Properties);
const BUCKET = 'arn:aws:s3:::public-website-bucket';

describe('SecurityHubAutomationRules factories', () => {
  test('raise severity on production-tagged resources: only findings below the target are matched, so nothing is lowered', () => {
    const stack = propertyTestStack();
    new SecurityHubAutomationRules(stack, 'Rules', { rules: [AutomationRule.raiseSeverityOfTaggedResources({ ruleOrder: 1 })] });
    expect(rules(stack)).toEqual([{
      RuleName: 'Raise severity on Environment=production',
      RuleOrder: 1,
      RuleStatus: 'ENABLED',
      Description: 'Raises findings on resources tagged Environment=production to HIGH (cdk-fortress)',
      Criteria: {
        ResourceTags: [{ Key: 'Environment', Value: 'production', Comparison: 'EQUALS' }],
        SeverityLabel: ['INFORMATIONAL', 'LOW', 'MEDIUM'].map((Value) => ({ Value, Comparison: 'EQUALS' })),
      },
      Actions: [{ Type: 'FINDING_FIELDS_UPDATE', FindingFieldsUpdate: { Severity: { Label: 'HIGH' } } }],
    }]);
  });

  test('suppress one control for one named resource, the reason in the note', () => {
    const stack = propertyTestStack();
    new SecurityHubAutomationRules(stack, 'Rules', {
      rules: [AutomationRule.suppressControl({ ruleOrder: 10, controlId: 'S3.8', resourceArn: BUCKET, reason: 'Public website, reviewed in SEC-123' })],
    });
    const [rule] = rules(stack);
    expect(rule.Criteria).toEqual({
      ComplianceSecurityControlId: [{ Value: 'S3.8', Comparison: 'EQUALS' }],
      ResourceId: [{ Value: BUCKET, Comparison: 'EQUALS' }],
    });
    expect(rule.Actions).toEqual([{
      Type: 'FINDING_FIELDS_UPDATE',
      FindingFieldsUpdate: { Workflow: { Status: 'SUPPRESSED' }, Note: { Text: 'Public website, reviewed in SEC-123', UpdatedBy: 'cdk-fortress' } },
    }]);
    expect(rule.RuleName).toBe(`Suppress S3.8 for ${BUCKET}`);
  });

  test('set workflow status by criteria; addRule appends', () => {
    const stack = propertyTestStack();
    const automation = new SecurityHubAutomationRules(stack, 'Rules');
    automation.addRule(AutomationRule.updateWorkflowStatus({
      ruleOrder: 5, ruleName: 'Notify on critical', status: FindingWorkflowStatus.NOTIFIED, severities: [FindingSeverity.CRITICAL], productNames: ['GuardDuty'],
    }));
    automation.addRule(AutomationRule.raiseSeverityOfTaggedResources({ ruleOrder: 6, tagKey: 'tier', tagValue: 'prod', severity: FindingSeverity.CRITICAL }));
    const [notify, raise] = rules(stack);
    expect(notify.Criteria).toEqual({ SeverityLabel: [{ Value: 'CRITICAL', Comparison: 'EQUALS' }], ProductName: [{ Value: 'GuardDuty', Comparison: 'EQUALS' }] });
    expect(notify.Actions[0].FindingFieldsUpdate).toEqual({ Workflow: { Status: 'NOTIFIED' } });
    expect(raise.Criteria.SeverityLabel.map((f: any) => f.Value)).toEqual(['INFORMATIONAL', 'LOW', 'MEDIUM', 'HIGH']);
    expect(() => automation.addRule(AutomationRule.raiseSeverityOfTaggedResources({ ruleOrder: 6 })))
      .toThrow("[cdk-fortress] Stack/Rules: invalid 'ruleOrder': must be unique: 6 is already rule 1's order");
  });

  test('any valid suppression synthesizes with its control, resource and reason', () => {
    fc.assert(fc.property(
      fc.integer({ min: 1, max: 1000 }),
      fc.constantFrom('S3.1', 'EC2.19', 'CloudTrail.4', 'IAM.6'),
      fc.string({ minLength: 1, maxLength: 512 }).filter((s) => s.trim().length > 0),
      (ruleOrder, controlId, reason) => {
        const stack = propertyTestStack();
        new SecurityHubAutomationRules(stack, 'Rules', { rules: [AutomationRule.suppressControl({ ruleOrder, controlId, resourceArn: BUCKET, reason })] });
        const [rule] = rules(stack);
        const note = rule.Actions[0].FindingFieldsUpdate.Note.Text;
        expect([rule.RuleOrder, rule.Criteria.ComplianceSecurityControlId[0].Value, note]).toEqual([ruleOrder, controlId, reason]);
      },
    ), { numRuns: 6 });
  });

  test('JavaScript callers who pass undefined props get no rules', () => {
    const stack = propertyTestStack();
    new SecurityHubAutomationRules(stack, 'Rules', undefined as any);
    expect(rules(stack)).toEqual([]);
  });
});

describe('SecurityHubAutomationRules invalid input', () => {
  const suppress = { ruleOrder: 1, controlId: 'S3.1', resourceArn: BUCKET, reason: 'reviewed' };
  const workflow = { ruleOrder: 1, ruleName: 'n', status: FindingWorkflowStatus.NOTIFIED, severities: [FindingSeverity.HIGH] };
  test.each<[string, () => any, string]>([
    ['rule order 0', () => [AutomationRule.suppressControl({ ...suppress, ruleOrder: 0 })], "invalid 'rules[0].ruleOrder': must be an integer from 1 to 1000 (got 0)"],
    ['rule order 1001', () => [AutomationRule.suppressControl({ ...suppress, ruleOrder: 1001 })], "invalid 'rules[0].ruleOrder': must be an integer from 1 to 1000"],
    ['fractional rule order', () => [AutomationRule.raiseSeverityOfTaggedResources({ ruleOrder: 1.5 })], "invalid 'rules[0].ruleOrder'"],
    ['repeated rule order', () => [AutomationRule.suppressControl(suppress), AutomationRule.raiseSeverityOfTaggedResources({ ruleOrder: 1 })], "invalid 'ruleOrder': must be unique: 1 is used twice"],
    ['unknown severity label', () => [AutomationRule.raiseSeverityOfTaggedResources({ ruleOrder: 1, severity: 'SEVERE' as unknown as FindingSeverity })], "invalid 'rules[0].severity': must be a FindingSeverity (INFORMATIONAL, LOW, MEDIUM, HIGH, CRITICAL)"],
    ['raising to INFORMATIONAL', () => [AutomationRule.raiseSeverityOfTaggedResources({ ruleOrder: 1, severity: FindingSeverity.INFORMATIONAL })], "invalid 'rules[0].severity': must be above INFORMATIONAL"],
    ['blank tag key', () => [AutomationRule.raiseSeverityOfTaggedResources({ ruleOrder: 1, tagKey: ' ' })], "invalid 'rules[0].tagKey': must be a non-empty string"],
    ['tag value over 256 characters', () => [AutomationRule.raiseSeverityOfTaggedResources({ ruleOrder: 1, tagValue: 'x'.repeat(257) })], "invalid 'rules[0].tagValue': must be at most 256 characters"],
    ['control id without number', () => [AutomationRule.suppressControl({ ...suppress, controlId: 'S3' })], "invalid 'rules[0].controlId': must be a security control id like 'S3.1' (got 'S3')"],
    ['CIS-style control id', () => [AutomationRule.suppressControl({ ...suppress, controlId: '1.14' })], "invalid 'rules[0].controlId': must be a security control id"],
    ['resource that is not an ARN', () => [AutomationRule.suppressControl({ ...suppress, resourceArn: 'public-website-bucket' })], "invalid 'rules[0].resourceArn': must be an ARN"],
    ['empty reason', () => [AutomationRule.suppressControl({ ...suppress, reason: '' })], "invalid 'rules[0].reason': must be a non-empty string"],
    ['reason over 512 characters', () => [AutomationRule.suppressControl({ ...suppress, reason: 'x'.repeat(513) })], "invalid 'rules[0].reason': must be at most 512 characters (the Security Hub note limit) (got '513 characters')"],
    ['workflow rule without criteria', () => [AutomationRule.updateWorkflowStatus({ ...workflow, severities: undefined })], "invalid 'rules[0].controlIds': needs at least one criterion"],
    ['workflow rule with an empty criterion', () => [AutomationRule.updateWorkflowStatus({ ...workflow, severities: [] })], "invalid 'rules[0].controlIds': needs at least one criterion"],
    ['unknown workflow status', () => [AutomationRule.updateWorkflowStatus({ ...workflow, status: 'CLOSED' as FindingWorkflowStatus })], "invalid 'rules[0].status': must be one of NEW, NOTIFIED, RESOLVED, SUPPRESSED"],
    ['suppressing every finding of a severity', () => [AutomationRule.updateWorkflowStatus({ ...workflow, status: FindingWorkflowStatus.SUPPRESSED, note: 'noise' })],
      "invalid 'rules[0].controlIds': must name controlIds or resourceArns for SUPPRESSED"],
    ['resolving every finding of a product', () => [AutomationRule.updateWorkflowStatus({
      ruleOrder: 1, ruleName: 'n', status: FindingWorkflowStatus.RESOLVED, productNames: ['GuardDuty'], note: 'handled elsewhere',
    })], "invalid 'rules[0].controlIds': must name controlIds or resourceArns for RESOLVED"],
    ['suppressing without a note', () => [AutomationRule.updateWorkflowStatus({ ...workflow, status: FindingWorkflowStatus.SUPPRESSED })], "invalid 'rules[0].note': is required for SUPPRESSED"],
    ['unknown severity in criteria', () => [AutomationRule.updateWorkflowStatus({ ...workflow, severities: ['URGENT' as unknown as FindingSeverity] })], "invalid 'rules[0].severities': must be a FindingSeverity"],
    ['repeated control ids', () => [AutomationRule.updateWorkflowStatus({ ...workflow, controlIds: ['S3.1', 'S3.1'] })], "invalid 'rules[0].controlIds': must not repeat entries"],
    ['blank rule name', () => [AutomationRule.updateWorkflowStatus({ ...workflow, ruleName: '' })], "invalid 'rules[0].ruleName': must be a non-empty string"],
    ['a plain object for a rule', () => [{ ruleOrder: 1 }], "invalid 'rules[0]': must be built with an AutomationRule factory"],
    ['rules not a list', () => AutomationRule.suppressControl(suppress), "invalid 'rules': must be a list of AutomationRule"],
    ['101 rules', () => Array.from({ length: 101 }, (_, i) => AutomationRule.suppressControl({ ...suppress, ruleOrder: i + 1 })), "invalid 'rules': must be at most 100"],
  ])('%s', (_name, rulesOf, message) => {
    const error = rejectionOf('Rules', () => ({ rules: rulesOf() }), (s, id, p) => new SecurityHubAutomationRules(s, id, p));
    expect(FortressErrors.isFortressError(error)).toBe(true);
    expect((error as Error).message).toContain(`[cdk-fortress] Stack/Rules: ${message}`);
  });
});

describe('SecurityHubAutomationRules compliance (all six cdk-nag packs + FortressChecks)', () => {
  test('every factory: compliant with no acknowledgments', () => {
    const stack = complianceTestStack();
    new SecurityHubAutomationRules(stack, 'Rules', {
      rules: [
        AutomationRule.raiseSeverityOfTaggedResources({ ruleOrder: 1 }),
        AutomationRule.suppressControl({ ruleOrder: 2, controlId: 'S3.8', resourceArn: BUCKET, reason: 'Public website, reviewed in SEC-123' }),
        AutomationRule.updateWorkflowStatus({ ruleOrder: 3, ruleName: 'Notify', status: FindingWorkflowStatus.NOTIFIED, severities: [FindingSeverity.CRITICAL] }),
      ],
    });
    expectCompliant(stack);
    expect(Acknowledgments.list(stack).filter((a) => a.constructPath.startsWith('Stack/Rules'))).toEqual([]);
  });
});

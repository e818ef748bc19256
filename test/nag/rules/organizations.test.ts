import * as organizations from 'aws-cdk-lib/aws-organizations';
import { Guardrail, OrganizationGuardrails } from '../../../src';
import { ruleTestStack, violationsOf } from '../rule-harness';

const RULE = 'OrganizationsPolicySizeLimit';
const statement = (n: number) => ({ Sid: `S${n}`, Effect: 'Deny', Action: Array.from({ length: 20 }, (_, i) => `ec2:Action${n}x${i}`), Resource: '*' });
const content = (statements: number) => ({ Version: '2012-10-17', Statement: Array.from({ length: statements }, (_, n) => statement(n)) });

describe('OrganizationsPolicySizeLimit', () => {
  test('Noncompliance 1: an SCP over 5,120 characters', () => {
    const stack = ruleTestStack();
    new organizations.CfnPolicy(stack, 'Policy', { name: 'big', type: 'SERVICE_CONTROL_POLICY', content: content(20) });
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Policy']);
  });
  test('Noncompliance 2: OrganizationGuardrails\' policy grown past the limit through an escape hatch', () => {
    const stack = ruleTestStack();
    const guardrails = new OrganizationGuardrails(stack, 'Guardrails', {
      rootId: 'r-ab12', targetIds: ['r-ab12'], exemptionRoleName: 'BreakGlass', guardrails: [Guardrail.DENY_LEAVE_ORGANIZATION],
    });
    const policy = guardrails.node.children.find((c) => c instanceof organizations.CfnPolicy) as organizations.CfnPolicy;
    policy.addPropertyOverride('Content.Statement', content(20).Statement);
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Guardrails/scp1']);
  });
  test('Noncompliance 3: a string Content counts its whitespace', () => {
    const stack = ruleTestStack();
    const padded = JSON.stringify(content(4), null, 40);
    expect(JSON.stringify(content(4)).length).toBeLessThan(5120);
    expect(padded.length).toBeGreaterThan(5120);
    new organizations.CfnPolicy(stack, 'Policy', { name: 'padded', type: 'RESOURCE_CONTROL_POLICY', content: content(4) }).addPropertyOverride('Content', padded);
    expect(violationsOf(stack, RULE)).toEqual(['RuleTest/Policy']);
  });
  test('Compliance: OrganizationGuardrails\' policies, and types without a known limit', () => {
    const stack = ruleTestStack();
    new OrganizationGuardrails(stack, 'Guardrails', {
      rootId: 'r-ab12', targetIds: ['r-ab12'], exemptionRoleName: 'BreakGlass', guardrails: [Guardrail.DENY_LEAVE_ORGANIZATION, Guardrail.regionAllowList(['eu-west-1'])],
    });
    new organizations.CfnPolicy(stack, 'Tag', { name: 'tags', type: 'TAG_POLICY', content: { tags: {} } });
    expect(violationsOf(stack, RULE)).toEqual([]);
  });
});

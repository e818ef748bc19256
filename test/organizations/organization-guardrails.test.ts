import * as orgSdk from '@aws-sdk/client-organizations';
import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as fc from 'fast-check';
import { FortressErrors, Guardrail, GuardrailPolicyKind, OrganizationGuardrails, OrganizationGuardrailsProps } from '../../src';
import { complianceTestStack, expectCompliant, propertyTestStack, rejectionOf } from '../compliance';
import { evaluate, EvalRequest, isDenied } from '../policy-evaluator';

const ORG = 'o-a1b2c3d4e5';
const BASE = { rootId: 'r-ab12', targetIds: ['ou-ab12-cdef3456'], exemptionRoleName: 'BreakGlass', organizationId: ORG };
const ALL_SCPS = [
  Guardrail.DENY_LEAVE_ORGANIZATION, Guardrail.PROTECT_SECURITY_SERVICES, Guardrail.PROTECT_ACCOUNT_HARDENING, Guardrail.DENY_ROOT_USER,
  Guardrail.DENY_IMDSV1, Guardrail.DENY_IAM_USERS, Guardrail.regionAllowList(['eu-west-1', 'eu-central-1']),
];
const ALL_RCPS = [Guardrail.ENFORCE_ORG_IDENTITIES, Guardrail.ENFORCE_CONFUSED_DEPUTY_PROTECTION, Guardrail.ENFORCE_SECURE_TRANSPORT];
const resources = (stack: Stack, type: string) => Object.values<any>(Template.fromStack(stack).findResources(type));
const callOf = (serialized: any) => JSON.parse(typeof serialized === 'string' ? serialized : serialized['Fn::Join'][1].map((p: any) => (typeof p === 'string' ? p : 'TOKEN')).join(''));

function build(props: Partial<OrganizationGuardrailsProps> & { guardrails: Guardrail[] }): { stack: Stack; guardrails: OrganizationGuardrails } {
  const stack = propertyTestStack();
  return { stack, guardrails: new OrganizationGuardrails(stack, 'Guardrails', { ...BASE, ...props }) };
}
/** Every statement of the synthesized policies of one type. */
function documentsOf(g: OrganizationGuardrails, kind: GuardrailPolicyKind): any[] {
  return g.policies.filter((p) => p.kind === kind).map((p) => JSON.parse(p.document));
}

const MEMBER_ROLE = 'arn:aws:iam::444455556666:role/Developer';
const BREAK_GLASS = 'arn:aws:iam::444455556666:role/BreakGlass';
const STACKSET_EXEC = 'arn:aws:iam::444455556666:role/stacksets-exec-0123456789abcdef';
const inRegion = (region: string, principal = MEMBER_ROLE) => ({ 'aws:RequestedRegion': region, 'aws:PrincipalArn': principal });

describe('OrganizationGuardrails: the whole catalogue', () => {
  const { stack, guardrails } = build({ guardrails: [...ALL_SCPS, ...ALL_RCPS, Guardrail.EC2_DECLARATIVE_BASELINE] });
  const scps = documentsOf(guardrails, GuardrailPolicyKind.SERVICE_CONTROL_POLICY);
  const rcps = documentsOf(guardrails, GuardrailPolicyKind.RESOURCE_CONTROL_POLICY);

  test('policies per type, minified, under their size limits, attached to the targets, after their policy type is enabled', () => {
    const policies = resources(stack, 'AWS::Organizations::Policy');
    expect(policies.map((p) => [p.Properties.Type, p.Properties.Name])).toEqual([
      ...guardrails.policies.filter((p) => p.kind === 'SERVICE_CONTROL_POLICY').map((p) => ['SERVICE_CONTROL_POLICY', p.name]),
      ['RESOURCE_CONTROL_POLICY', 'fortress-Guardrails-rcp-1'],
      ['DECLARATIVE_POLICY_EC2', 'fortress-Guardrails-ec2-declarative'],
    ]);
    for (const p of policies) {
      expect(p.Properties.TargetIds).toEqual(['ou-ab12-cdef3456']);
      expect(JSON.stringify(p.Properties.Content)).toBe(guardrails.policies.find((g) => g.name === p.Properties.Name)!.document);
      expect(JSON.stringify(p.Properties.Content).length).toBeLessThanOrEqual(p.Properties.Type === 'DECLARATIVE_POLICY_EC2' ? 10000 : 5120);
      expect(p.DependsOn).toEqual(expect.arrayContaining([expect.stringMatching(/^FortressEnablePolicyType/)]));
    }
    expect(scps.length).toBeGreaterThanOrEqual(1);
    expect(scps.length).toBeLessThanOrEqual(4);
  });

  test('EnablePolicyType once per type on the root, "already enabled" tolerated, nothing undone on delete', () => {
    const enablers = resources(stack, 'Custom::AWS').map((r) => ({ create: callOf(r.Properties.Create), del: r.Properties.Delete }));
    expect(enablers.map((e) => e.create.parameters)).toEqual([
      { RootId: 'r-ab12', PolicyType: 'SERVICE_CONTROL_POLICY' }, { RootId: 'r-ab12', PolicyType: 'RESOURCE_CONTROL_POLICY' }, { RootId: 'r-ab12', PolicyType: 'DECLARATIVE_POLICY_EC2' },
    ]);
    for (const e of enablers) {
      expect(e.create).toMatchObject({ service: 'Organizations', action: 'enablePolicyType', ignoreErrorCodesMatching: 'PolicyTypeAlreadyEnabledException' });
      expect(e.del).toBeUndefined();
    }
    expect((orgSdk as any).EnablePolicyTypeCommand).toBeDefined();
    const statements = resources(stack, 'AWS::IAM::ManagedPolicy').flatMap((p) => p.Properties.PolicyDocument.Statement);
    expect(statements.map((s: any) => s.Condition.StringEquals['organizations:PolicyType'])).toEqual(['SERVICE_CONTROL_POLICY', 'RESOURCE_CONTROL_POLICY', 'DECLARATIVE_POLICY_EC2']);
    expect(statements[0].Resource).toEqual({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:organizations::111122223333:root/${ORG}/r-ab12`]] });
  });

  test('every SCP Deny excludes the exemption role; the exemption and StackSets roles cannot be created or changed by anyone else', () => {
    const denies = scps.flatMap((d) => d.Statement).filter((s: any) => s.Effect === 'Deny');
    for (const s of denies) expect(s.Condition.ArnNotLike['aws:PrincipalARN']).toContain('arn:*:iam::*:role/BreakGlass');
    expect(isDenied(scps, { action: 'iam:CreateRole', resource: 'arn:aws:iam::444455556666:role/BreakGlass', principal: MEMBER_ROLE })).toBe(true);
    expect(isDenied(scps, { action: 'iam:AttachRolePolicy', resource: 'arn:aws:iam::444455556666:role/stacksets-exec-abc', principal: MEMBER_ROLE })).toBe(true);
    expect(isDenied(scps, { action: 'iam:CreateRole', resource: 'arn:aws:iam::444455556666:role/StackSet-Baseline-x-PasswordPolicyRole', principal: MEMBER_ROLE })).toBe(true);
    expect(isDenied(scps, { action: 'iam:CreateRole', resource: 'arn:aws:iam::444455556666:role/App', principal: MEMBER_ROLE, context: inRegion('eu-west-1') })).toBe(false);
  });

  test.each<[string, EvalRequest, boolean]>([
    ['leaving the organization', { action: 'organizations:LeaveOrganization', principal: MEMBER_ROLE }, true],
    ['stopping CloudTrail', { action: 'cloudtrail:StopLogging', principal: MEMBER_ROLE, context: inRegion('eu-west-1') }, true],
    ['deleting the GuardDuty detector', { action: 'guardduty:DeleteDetector', principal: MEMBER_ROLE, context: inRegion('eu-west-1') }, true],
    ['disabling Security Hub', { action: 'securityhub:DisableSecurityHub', principal: MEMBER_ROLE, context: inRegion('eu-west-1') }, true],
    ['stopping the Config recorder', { action: 'config:StopConfigurationRecorder', principal: MEMBER_ROLE, context: inRegion('eu-west-1') }, true],
    ['deleting the Access Analyzer', { action: 'access-analyzer:DeleteAnalyzer', principal: MEMBER_ROLE, context: inRegion('eu-west-1') }, true],
    ['reading CloudTrail events', { action: 'cloudtrail:LookupEvents', principal: MEMBER_ROLE, context: inRegion('eu-west-1') }, false],
    ['turning EBS default encryption off', { action: 'ec2:DisableEbsEncryptionByDefault', principal: MEMBER_ROLE, context: inRegion('eu-west-1') }, true],
    ['weakening the password policy', { action: 'iam:UpdateAccountPasswordPolicy', principal: MEMBER_ROLE }, true],
    ['turning S3 account BPA off', { action: 's3:PutAccountPublicAccessBlock', principal: MEMBER_ROLE }, true],
    ['AccountHardening\'s own role setting the password policy', { action: 'iam:UpdateAccountPasswordPolicy', principal: 'arn:aws:iam::444455556666:role/StackSet-Baseline-1-HardeningPasswordPolicyRole-X' }, false],
    ['StackSets\' execution role updating the baseline stack', { action: 'cloudformation:UpdateStack', resource: 'arn:aws:cloudformation:eu-west-1:444455556666:stack/StackSet-Baseline-1/x', principal: STACKSET_EXEC, context: inRegion('eu-west-1', STACKSET_EXEC) }, false],
    ['a developer deleting the baseline stack', { action: 'cloudformation:DeleteStack', resource: 'arn:aws:cloudformation:eu-west-1:444455556666:stack/StackSet-Baseline-1/x', principal: MEMBER_ROLE, context: inRegion('eu-west-1') }, true],
    ['the root user doing anything', { action: 's3:GetObject', principal: 'arn:aws:iam::444455556666:root', context: inRegion('eu-west-1', 'arn:aws:iam::444455556666:root') }, true],
    ['launching without IMDSv2', { action: 'ec2:RunInstances', resource: 'arn:aws:ec2:eu-west-1:444455556666:instance/*', principal: MEMBER_ROLE, context: { ...inRegion('eu-west-1'), 'ec2:MetadataHttpTokens': 'optional' } }, true],
    ['launching with IMDSv2 required', { action: 'ec2:RunInstances', resource: 'arn:aws:ec2:eu-west-1:444455556666:instance/*', principal: MEMBER_ROLE, context: { ...inRegion('eu-west-1'), 'ec2:MetadataHttpTokens': 'required' } }, false],
    ['using IMDSv1 credentials', { action: 's3:ListBucket', principal: MEMBER_ROLE, context: { ...inRegion('eu-west-1'), 'ec2:RoleDelivery': '1.0' } }, true],
    ['using IMDSv2 credentials', { action: 's3:ListBucket', principal: MEMBER_ROLE, context: { ...inRegion('eu-west-1'), 'ec2:RoleDelivery': '2.0' } }, false],
    ['creating an IAM user', { action: 'iam:CreateUser', principal: MEMBER_ROLE }, true],
    ['creating an access key', { action: 'iam:CreateAccessKey', principal: MEMBER_ROLE }, true],
    ['ec2:RunInstances in a denied region', { action: 'ec2:RunInstances', resource: 'arn:aws:ec2:us-west-2:444455556666:instance/*', principal: MEMBER_ROLE, context: { ...inRegion('us-west-2'), 'ec2:MetadataHttpTokens': 'required' } }, true],
    ['iam:CreateRole (global) from us-east-1', { action: 'iam:CreateRole', resource: 'arn:aws:iam::444455556666:role/App', principal: MEMBER_ROLE, context: inRegion('us-east-1') }, false],
    ['route53:ChangeResourceRecordSets from us-east-1', { action: 'route53:ChangeResourceRecordSets', principal: MEMBER_ROLE, context: inRegion('us-east-1') }, false],
    ['ec2:RunInstances in an allowed region', { action: 'ec2:RunInstances', resource: 'arn:aws:ec2:eu-central-1:444455556666:instance/*', principal: MEMBER_ROLE, context: { ...inRegion('eu-central-1'), 'ec2:MetadataHttpTokens': 'required' } }, false],
    ['the break-glass role running instances in a denied region', { action: 'ec2:RunInstances', principal: BREAK_GLASS, context: inRegion('us-west-2', BREAK_GLASS) }, false],
    ['the break-glass role stopping CloudTrail', { action: 'cloudtrail:StopLogging', principal: BREAK_GLASS, context: inRegion('eu-west-1', BREAK_GLASS) }, false],
  ])('SCPs: %s', (_name, request, denied) => {
    expect(isDenied(scps, request)).toBe(denied);
  });

  const outsider = 'arn:aws:iam::999988887777:role/Attacker';
  const insider = { 'aws:PrincipalOrgID': ORG, 'aws:SecureTransport': 'true', 'aws:PrincipalIsAWSService': 'false' };
  test.each<[string, EvalRequest, boolean]>([
    ['an outsider reading an S3 object', { action: 's3:GetObject', principal: outsider, context: { 'aws:PrincipalOrgID': 'o-otherorg01', 'aws:SecureTransport': 'true', 'aws:PrincipalIsAWSService': 'false' } }, true],
    ['an outsider assuming a role', { action: 'sts:AssumeRole', principal: outsider, context: { 'aws:SecureTransport': 'true', 'aws:PrincipalIsAWSService': 'false' } }, true],
    ['an outsider decrypting with KMS', { action: 'kms:Decrypt', principal: outsider, context: { 'aws:SecureTransport': 'true' } }, true],
    ['an outsider reading a secret', { action: 'secretsmanager:GetSecretValue', principal: outsider, context: { 'aws:SecureTransport': 'true' } }, true],
    ['an outsider sending to SQS', { action: 'sqs:SendMessage', principal: outsider, context: { 'aws:SecureTransport': 'true' } }, true],
    ['an insider reading an S3 object over TLS', { action: 's3:GetObject', principal: MEMBER_ROLE, context: insider }, false],
    ['an insider reading an S3 object without TLS', { action: 's3:GetObject', principal: MEMBER_ROLE, context: { ...insider, 'aws:SecureTransport': 'false' } }, true],
    ['an outsider on a service outside the perimeter (DynamoDB)', { action: 'dynamodb:GetItem', principal: outsider, context: { 'aws:SecureTransport': 'true' } }, false],
    ['an AWS service acting for the organization', { action: 's3:PutObject', principal: 'cloudtrail.amazonaws.com', context: { 'aws:PrincipalIsAWSService': 'true', 'aws:SourceOrgID': ORG, 'aws:SourceAccount': '444455556666', 'aws:SecureTransport': 'true' } }, false],
    ['an AWS service acting for another organization (confused deputy)', { action: 's3:PutObject', principal: 'cloudtrail.amazonaws.com', context: { 'aws:PrincipalIsAWSService': 'true', 'aws:SourceOrgID': 'o-otherorg01', 'aws:SourceAccount': '999988887777', 'aws:SecureTransport': 'true' } }, true],
    ['the break-glass role over TLS', { action: 'kms:Decrypt', principal: BREAK_GLASS, context: insider }, false],
  ])('RCPs: %s', (_name, request, denied) => {
    expect(isDenied(rcps, request)).toBe(denied);
  });

  test('the EC2 declarative policy: IMDSv2 required with hop limit 2, snapshot and AMI public sharing blocked, serial console off', () => {
    expect(documentsOf(guardrails, GuardrailPolicyKind.DECLARATIVE_POLICY_EC2)).toEqual([{
      ec2_attributes: {
        instance_metadata_defaults: {
          http_tokens: { '@@assign': 'required' },
          http_put_response_hop_limit: { '@@assign': '2' },
          http_endpoint: { '@@assign': 'no_preference' },
          instance_metadata_tags: { '@@assign': 'no_preference' },
        },
        snapshot_block_public_access: { state: { '@@assign': 'block_all_sharing' } },
        image_block_public_access: { state: { '@@assign': 'block_new_sharing' } },
        serial_console_access: { status: { '@@assign': 'disabled' } },
      },
    }]);
  });

  test('the evaluator itself: explicit deny wins over an allow; no match is an implicit deny', () => {
    const allow = { Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] };
    expect(evaluate([allow, ...scps], { action: 'iam:CreateUser', principal: MEMBER_ROLE })).toBe('DENY');
    expect(evaluate([allow], { action: 's3:GetObject' })).toBe('ALLOW');
    expect(evaluate([allow], { action: 'ec2:RunInstances' })).toBe('IMPLICIT_DENY');
  });
});

describe('OrganizationGuardrails packing and options', () => {
  test('one SCP for a small catalogue; several when over 5,120 characters; custom guardrails are checked like the catalogue', () => {
    const small = build({ guardrails: [Guardrail.DENY_LEAVE_ORGANIZATION, Guardrail.DENY_ROOT_USER] }).guardrails;
    expect(small.policies.map((p) => p.name)).toEqual(['fortress-Guardrails-scp-1']);
    const custom = Guardrail.custom('DenyBedrock', GuardrailPolicyKind.SERVICE_CONTROL_POLICY,
      JSON.stringify([{ Sid: 'DenyBedrock', Effect: 'Deny', Action: 'bedrock:*', Resource: '*', Condition: { ArnNotLike: { 'aws:PrincipalARN': 'arn:*:iam::*:role/BreakGlass' } } }]));
    const big = build({ guardrails: [...ALL_SCPS, custom], policyNamePrefix: 'acme' }).guardrails;
    expect(big.policies.map((p) => p.name)).toEqual(expect.arrayContaining(['acme-scp-1', 'acme-scp-2']));
    expect(isDenied(big.policies.map((p) => JSON.parse(p.document)), { action: 'bedrock:InvokeModel', principal: MEMBER_ROLE, context: inRegion('eu-west-1') })).toBe(true);
  });

  test('fast-check: any allow-list of known regions denies RunInstances exactly outside it, and never IAM', () => {
    const regions = ['eu-west-1', 'eu-central-1', 'us-east-1', 'us-west-2', 'ap-southeast-2', 'sa-east-1'];
    fc.assert(fc.property(fc.subarray(regions, { minLength: 1 }), fc.constantFrom(...regions), (allowed, requested) => {
      const { guardrails } = build({ guardrails: [Guardrail.regionAllowList(allowed)] });
      const docs = guardrails.policies.map((p) => JSON.parse(p.document));
      expect(isDenied(docs, { action: 'ec2:RunInstances', principal: MEMBER_ROLE, context: inRegion(requested) })).toBe(!allowed.includes(requested));
      expect(isDenied(docs, { action: 'iam:CreateRole', principal: MEMBER_ROLE, context: inRegion(requested) })).toBe(false);
    }), { numRuns: 8 });
  });
});

test('several OrganizationGuardrails in one stack share one EnablePolicyType per type', () => {
  const stack = propertyTestStack();
  new OrganizationGuardrails(stack, 'Root', { ...BASE, targetIds: ['r-ab12'], guardrails: [Guardrail.DENY_LEAVE_ORGANIZATION] });
  new OrganizationGuardrails(stack, 'Workloads', { ...BASE, guardrails: [Guardrail.DENY_IAM_USERS, Guardrail.ENFORCE_SECURE_TRANSPORT] });
  const enabled = resources(stack, 'Custom::AWS').map((r) => callOf(r.Properties.Create).parameters.PolicyType);
  expect(enabled).toEqual(['SERVICE_CONTROL_POLICY', 'RESOURCE_CONTROL_POLICY']);
  expect(resources(stack, 'AWS::Organizations::Policy').map((p) => p.Properties.Name)).toEqual(['fortress-Root-scp-1', 'fortress-Workloads-scp-1', 'fortress-Workloads-rcp-1']);
});

describe('OrganizationGuardrails invalid input', () => {
  const lockout = Guardrail.custom('DenyIam', GuardrailPolicyKind.SERVICE_CONTROL_POLICY, JSON.stringify([{ Sid: 'DenyAllIam', Effect: 'Deny', Action: 'iam:*', Resource: '*' }]));
  const huge = Guardrail.custom('Huge', GuardrailPolicyKind.SERVICE_CONTROL_POLICY, JSON.stringify([{
    Sid: 'Huge', Effect: 'Deny', Action: Array.from({ length: 400 }, (_, i) => `ec2:Action${i}`), Resource: '*', Condition: { ArnNotLike: { 'aws:PrincipalARN': 'arn:*:iam::*:role/BreakGlass' } },
  }]));
  const tooMany = Array.from({ length: 5 }, (_, n) => Guardrail.custom(`Big${n}`, GuardrailPolicyKind.SERVICE_CONTROL_POLICY, JSON.stringify([{
    Sid: `Big${n}`, Effect: 'Deny', Action: Array.from({ length: 230 }, (_unused, i) => `ec2:A${n}x${i}`), Resource: '*', Condition: { ArnNotLike: { 'aws:PrincipalARN': 'arn:*:iam::*:role/BreakGlass' } },
  }])));
  test.each<[string, Partial<OrganizationGuardrailsProps>, string]>([
    ['an unknown region in the allow-list', { guardrails: [Guardrail.regionAllowList(['eu-west-1', 'eu-north-9'])] }, "invalid 'Guardrail.regionAllowList': must be an AWS region such as eu-west-1 (got 'eu-north-9')"],
    ['an empty allow-list', { guardrails: [Guardrail.regionAllowList([])] }, "invalid 'Guardrail.regionAllowList': needs at least one region"],
    ['a guardrail that would deny the exemption role', { guardrails: [lockout] }, "invalid 'guardrails': must not deny the exemption role arn:*:iam::*:role/BreakGlass: DenyIam statement DenyAllIam has no condition that excludes it"],
    ['a policy over its size limit', { guardrails: [huge] }, "invalid 'guardrails': must fit the SCP size limit of 5120 characters: statement Huge alone makes a policy of"],
    ['more SCPs than can be attached to a target', { guardrails: tooMany }, "invalid 'guardrails': must fit 4 SCPs of 5120 characters"],
    ['a target that is not an OU id', { targetIds: ['ou-1234'] }, "invalid 'targetIds': must be a root id (r-...), an OU id (ou-...-...) or a 12-digit account id (got 'ou-1234')"],
    ['a root id that is not one', { rootId: 'root' }, "invalid 'rootId': must be a root id such as r-ab12"],
    ['an organization id that is not one', { organizationId: 'org-1' }, "invalid 'organizationId': must be an organization id"],
    ['RCPs without the organization id', { organizationId: undefined, guardrails: [Guardrail.ENFORCE_ORG_IDENTITIES] }, "invalid 'organizationId': is required by resource control policies"],
    ['a wildcard exemption role', { exemptionRoleName: 'Admin*' }, "invalid 'exemptionRoleName': must be a role name (optionally with its path), without wildcards"],
    ['no guardrails', { guardrails: [] }, "invalid 'guardrails': must have at least 1 entry"],
    ['the same guardrail twice', { guardrails: [Guardrail.DENY_ROOT_USER, Guardrail.DENY_ROOT_USER] }, "invalid 'guardrails': must not repeat entries"],
    ['a custom guardrail that is not JSON', { guardrails: [Guardrail.custom('Bad', GuardrailPolicyKind.SERVICE_CONTROL_POLICY, '[{"Effect": "Deny",')] }, "invalid 'Guardrail.custom(Bad)': must be valid JSON"],
    ['an RCP that allows', { guardrails: [Guardrail.custom('Open', GuardrailPolicyKind.RESOURCE_CONTROL_POLICY, '[{"Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"*"}]')] }, "invalid 'Guardrail.custom(Open)': must only Deny"],
    ['an SCP naming a principal', { guardrails: [Guardrail.custom('P', GuardrailPolicyKind.SERVICE_CONTROL_POLICY, '[{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*"}]')] }, "invalid 'Guardrail.custom(P)': must not name a Principal"],
    ['an RCP Deny that would apply to the exemption role', {
      guardrails: [Guardrail.custom('DenyKms', GuardrailPolicyKind.RESOURCE_CONTROL_POLICY, '[{"Sid":"DenyKms","Effect":"Deny","Principal":"*","Action":"kms:*","Resource":"*"}]')],
    }, "invalid 'guardrails': must not deny the exemption role"],
    ['no target', { targetIds: [] }, "invalid 'targetIds': must have at least 1 entry"],
  ])('%s', (_name, props, message) => {
    const error = rejectionOf('Guardrails', () => ({ ...BASE, guardrails: [Guardrail.DENY_ROOT_USER], ...props }), (stack, id, p) => new OrganizationGuardrails(stack, id, p as OrganizationGuardrailsProps));
    expect(FortressErrors.isFortressError(error)).toBe(true);
    expect((error as Error).message).toContain(`[cdk-fortress] Stack/Guardrails: ${message}`);
  });

  test('JavaScript callers without props get the library\'s error, not a TypeError', () => {
    expect(() => new OrganizationGuardrails(propertyTestStack(), 'Guardrails', undefined as any)).toThrow(/invalid 'guardrails': is required/);
  });
});

describe('OrganizationGuardrails compliance (all six cdk-nag packs + FortressChecks)', () => {
  test('the whole catalogue: no unacknowledged error, exactly these acknowledgments', () => {
    const stack = complianceTestStack();
    new OrganizationGuardrails(stack, 'Guardrails', { ...BASE, guardrails: [...ALL_SCPS, ...ALL_RCPS, Guardrail.EC2_DECLARATIVE_BASELINE] });
    const acks = expectCompliant(stack).acknowledgments.filter((a) => a.constructPath.startsWith('Stack/FortressEnablePolicyType')).map((a) => `${a.constructPath} ${a.ruleId}`);
    const expected = ['ServiceControlPolicy', 'ResourceControlPolicy', 'DeclarativePolicyEc2'].flatMap((t) => [
      'HIPAA.Security-IAMNoInlinePolicy', 'NIST.800.53.R4-IAMNoInlinePolicy', 'NIST.800.53.R5-IAMNoInlinePolicy', 'PCI.DSS.321-IAMNoInlinePolicy',
    ].map((rule) => `Stack/FortressEnablePolicyType${t}/CustomResourcePolicy ${rule}`));
    expect(acks.sort()).toEqual(expected.sort());
  });

  test('without the organization id (SCPs only): the root ARN wildcard is acknowledged on the dedicated policy', () => {
    const stack = complianceTestStack();
    new OrganizationGuardrails(stack, 'Guardrails', { ...BASE, organizationId: undefined, guardrails: [Guardrail.DENY_LEAVE_ORGANIZATION] });
    const acks = expectCompliant(stack).acknowledgments.filter((a) => a.constructPath === 'Stack/FortressEnablePolicyTypeServiceControlPolicyPolicy');
    expect(acks.map((a) => a.ruleId)).toEqual(['AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:organizations::111122223333:root/o-*/r-ab12]']);
  });
});

/**
 * `npm run bench`: synthesis time of the reference app at 1, 10 and 50 workload
 * stacks, with and without SecureBaseline (medians of 5 runs after a warm-up),
 * the time of a security review and diff of those assemblies, and the template
 * footprint of each construct's defaults.
 *
 * Options: `--runs N`, `--copies 1,10,50`.
 * CloudFormation template validation is off in both arms so the ratio isolates
 * SecureBaseline's own cost.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, IPolicyValidationContext, Stack, IPolicyValidationPlugin, PolicyValidationPluginReport } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { FAIL_SYNTH_ON_VALIDATION_ERRORS_CONTEXT } from 'aws-cdk-lib/cx-api';
import { Footprint, footprintOf, inEmptyStack, overBudget, referenceWorkload } from './footprint';
import { buildReferenceApp, SecurityToolingStack, WorkloadStack } from '../examples/reference-app';
import { table } from '../examples/table';
import {
  AccountHardening, AuditTrail, BaselineStackSynthesizer, BreakGlassAccess, ConfigRecorder, CredentialHygiene, FortressChecks, EncryptedBucket,
  Guardrail, GuardDutyAutoEnable, GuardDutyOrg, KeyPurpose, KmsKeyRing, OrganizationBaseline, OrganizationGuardrails, SecureBackupPlan,
  SecureBaseline, SecureCluster, SecureDatabaseCluster,
  SecureDatabaseInstance, SecureDistribution, SecureFargateService, SecureFargateTaskDefinition, SecureFunction, SecureLoadBalancer, SecureLogGroup,
  SecureQueue, SecureSecret, SecureTable, SecureTopic, SecureUserGroup, SecureUserPool, SecureVpc, SecureWebAcl, SecurityAlarms, SecurityHubBaseline,
  SecurityReview,
} from '../src';
import { AcknowledgmentPolicy } from '../src/baseline/acknowledgment-policy';
import { ScopedNagPlugin } from '../src/baseline/scoped-nag-plugin';

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
const RUNS = Number(option('runs', '5'));
const COPIES = option('copies', '1,10,50').split(',').map(Number);
/** Stacks in the reference app with `copies` workload stacks (the others: tooling, edge, account baseline, organization). */
const stackCount = (copies: number) => buildReferenceApp(new App(), { workloadCopies: copies }).length;

/** Time spent inside each validation plugin during the current synthesis, by plugin name. */
const pluginMs = new Map<string, number>();
/** Wraps a plugin class's `validate` so the time spent in it is added to `pluginMs` under the plugin's name. */
function timeValidate(proto: { validate(context: IPolicyValidationContext): PolicyValidationPluginReport }): void {
  const real = proto.validate;
  proto.validate = function timed(this: IPolicyValidationPlugin, context: IPolicyValidationContext) {
    const start = process.hrtime.bigint();
    try {
      return real.call(this, context);
    } finally {
      pluginMs.set(this.name, (pluginMs.get(this.name) ?? 0) + Number(process.hrtime.bigint() - start) / 1e6);
    }
  };
}
timeValidate(ScopedNagPlugin.prototype);
timeValidate(AcknowledgmentPolicy.prototype);

function synthOnce(copies: number, withBaseline: boolean): number {
  pluginMs.clear();
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'fortress-bench-'));
  const start = process.hrtime.bigint();
  const app = new App({
    outdir,
    builtinCloudFormationValidation: false,
    context: { [FAIL_SYNTH_ON_VALIDATION_ERRORS_CONTEXT]: true },
  });
  if (withBaseline) SecureBaseline.enforce(app);
  buildReferenceApp(app, { workloadCopies: copies });
  app.synth();
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  fs.rmSync(outdir, { recursive: true, force: true });
  return ms;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}


synthOnce(1, true); // warm-up: module loading and JIT are not part of the measurement

const timing = COPIES.map((copies) => {
  const plain = median(Array.from({ length: RUNS }, () => synthOnce(copies, false)));
  const fortress: number[] = [];
  const policy: number[] = [];
  const secured = median(Array.from({ length: RUNS }, () => {
    const ms = synthOnce(copies, true);
    fortress.push(pluginMs.get(FortressChecks.PACK_NAME) ?? 0);
    policy.push(pluginMs.get('Fortress-AcknowledgmentPolicy') ?? 0);
    return ms;
  }));
  const overhead = (secured / plain).toFixed(2);
  return [stackCount(copies), copies, Math.round(plain), Math.round(secured), overhead, Math.round(median(fortress)), Math.round(median(policy))];
});
console.log(`synthesis of the reference app, median of ${RUNS} runs (node ${process.version}, ${os.cpus().length} cpus)\n`);
console.log(table(['stacks', 'workload copies', 'plain ms', 'SecureBaseline ms', 'overhead x', 'FortressChecks ms', 'acknowledgment policy ms'], timing));

// Security review (`cdk-fortress review` / `diff`) of the same assemblies: budget 5 s at 50 workload stacks on 2 cores.
const reviewTiming = COPIES.map((copies) => {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'fortress-bench-review-'));
  const app = new App({ outdir, builtinCloudFormationValidation: false });
  buildReferenceApp(app, { workloadCopies: copies });
  app.synth();
  const time = (fn: () => unknown) => {
    const start = process.hrtime.bigint();
    fn();
    return Number(process.hrtime.bigint() - start) / 1e6;
  };
  const review = median(Array.from({ length: RUNS }, () => time(() => SecurityReview.fromAssembly(outdir).toMarkdown())));
  const diff = median(Array.from({ length: RUNS }, () => time(() => {
    const d = SecurityReview.diff(SecurityReview.fromAssembly(outdir), SecurityReview.fromAssembly(outdir));
    d.toMarkdown();
    d.toSarif();
  })));
  fs.rmSync(outdir, { recursive: true, force: true });
  return [stackCount(copies), Math.round(review), Math.round(diff)];
});
console.log(`\nsecurity review of the synthesized assembly, median of ${RUNS} runs\n`);
console.log(table(['stacks', 'review ms', 'diff ms (two reads + diff + Markdown + SARIF)'], reviewTiming));

const PARTITION_KEY = { name: 'pk', type: dynamodb.AttributeType.STRING };
const BENCH_ENV = { account: '111122223333', region: 'eu-west-1' };
const BENCH_REASON = 'A partner issues this key by hand and offers no rotation API; it is reissued every 90 days.';
const INLINE_FUNCTION = { runtime: lambda.Runtime.NODEJS_24_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = async () => {};') };
const CERTIFICATE_ARN = 'arn:aws:acm:us-east-1:111122223333:certificate/0f6e1f3c-6a4d-4d5e-9b0a-3c2d1e0f9a8b';

function fargateService(s: Stack): void {
  const task = new SecureFargateTaskDefinition(s, 'Task');
  task.addContainer('app', { image: ecs.ContainerImage.fromRegistry('public.ecr.aws/nginx/nginx:1.27'), portMappings: [{ containerPort: 8080 }] });
  new SecureFargateService(s, 'Service', { cluster: new SecureCluster(s, 'Cluster', { vpc: new SecureVpc(s, 'Vpc') }), taskDefinition: task });
}

function loadBalancer(s: Stack): void {
  const lb = new SecureLoadBalancer(s, 'Web', { vpc: new SecureVpc(s, 'Vpc'), internetFacing: true });
  const certificate = acm.Certificate.fromCertificateArn(s, 'Certificate', CERTIFICATE_ARN.replace('us-east-1', 'eu-west-1'));
  lb.addHttpsListener('Https', { certificates: [certificate] }).addAction('Default', { action: elbv2.ListenerAction.fixedResponse(404) });
  lb.addRedirect();
}

function distribution(s: Stack): void {
  new SecureDistribution(s, 'Cdn', {
    defaultBehavior: { origin: new origins.HttpOrigin('origin.example.com') },
    certificate: acm.Certificate.fromCertificateArn(s, 'Certificate', CERTIFICATE_ARN),
    domainNames: ['www.example.com'],
  });
}

function guardrails(s: Stack): void {
  new OrganizationGuardrails(s, 'Guardrails', {
    rootId: 'r-ab12',
    organizationId: 'o-a1b2c3d4e5',
    targetIds: ['ou-ab12-workload1'],
    exemptionRoleName: 'break-glass/BreakGlassAccess',
    guardrails: [
      Guardrail.DENY_LEAVE_ORGANIZATION, Guardrail.PROTECT_SECURITY_SERVICES, Guardrail.DENY_ROOT_USER, Guardrail.ENFORCE_SECURE_TRANSPORT,
    ],
  });
}

/** An AccountHardening baseline rolled out to one region; returns the management stack, or the region's asset stack. */
function baselineRollout(part: 'management' | 'assets'): (app: App) => Stack {
  return (app) => {
    const management = new Stack(app, 'Management', { env: BENCH_ENV });
    const baseline = new Stack(app, 'Baseline', { synthesizer: new BaselineStackSynthesizer({ assetBucketAccount: BENCH_ENV.account }) });
    new AccountHardening(baseline, 'Hardening');
    const rollout = new OrganizationBaseline(management, 'Baseline', {
      stack: baseline, targetOrganizationalUnitIds: ['ou-ab12-workload1'], regions: [BENCH_ENV.region], organizationId: 'o-a1b2c3d4e5',
    });
    return part === 'management' ? management : rollout.assetStacks[0];
  };
}

const FOOTPRINTS: Array<[string, Footprint]> = [
  ['KmsKeyRing, one purpose', footprintOf(inEmptyStack((s) => KmsKeyRing.of(s).key(KeyPurpose.DATA)))],
  ['EncryptedBucket (defaults)', footprintOf(inEmptyStack((s) => new EncryptedBucket(s, 'Bucket')))],
  ['10 x EncryptedBucket in one stack', footprintOf(inEmptyStack((s) => { for (let i = 0; i < 10; i++) new EncryptedBucket(s, `Bucket${i}`); }))],
  ['SecureVpc (defaults)', footprintOf(inEmptyStack((s) => new SecureVpc(s, 'Vpc')))],
  ['SecureVpc, NAT gateway per AZ', footprintOf(inEmptyStack((s) => new SecureVpc(s, 'Vpc', { natGateways: 3 })))],
  ['AuditTrail (defaults)', footprintOf(inEmptyStack((s) => new AuditTrail(s, 'Trail')))],
  ['AuditTrail + SecurityAlarms', footprintOf(inEmptyStack((s) => new SecurityAlarms(s, 'Alarms', { trail: new AuditTrail(s, 'Trail') })))],
  ['ConfigRecorder (defaults)', footprintOf(inEmptyStack((s) => new ConfigRecorder(s, 'Config')))],
  ['SecurityHubBaseline (defaults)', footprintOf(inEmptyStack((s) => new SecurityHubBaseline(s, 'SecurityHub')))],
  ['GuardDutyOrg (defaults)', footprintOf(inEmptyStack((s) => new GuardDutyOrg(s, 'GuardDuty')))],
  ['GuardDutyOrg, delegated administrator', footprintOf(inEmptyStack((s) => new GuardDutyOrg(s, 'GuardDuty', { autoEnableMembers: GuardDutyAutoEnable.ALL })))],
  ['SecureLogGroup (defaults)', footprintOf(inEmptyStack((s) => new SecureLogGroup(s, 'Logs')))],
  ['SecureQueue (defaults, with its dead-letter queue)', footprintOf(inEmptyStack((s) => new SecureQueue(s, 'Queue')))],
  ['SecureTopic (defaults)', footprintOf(inEmptyStack((s) => new SecureTopic(s, 'Topic')))],
  ['SecureFunction (defaults)', footprintOf(inEmptyStack((s) => new SecureFunction(s, 'Fn', INLINE_FUNCTION)))],
  ['SecureFunction in a SecureVpc (VPC included)', footprintOf(inEmptyStack((s) => new SecureFunction(s, 'Fn', { ...INLINE_FUNCTION, vpc: new SecureVpc(s, 'Vpc') })))],
  ['SecureCluster in a SecureVpc (VPC included)', footprintOf(inEmptyStack((s) => new SecureCluster(s, 'Cluster', { vpc: new SecureVpc(s, 'Vpc') })))],
  ['SecureFargateService, one container, in a SecureVpc (VPC included)', footprintOf(inEmptyStack(fargateService))],
  ['SecureDatabaseInstance in a SecureVpc (VPC included)', footprintOf(inEmptyStack((s) => new SecureDatabaseInstance(s, 'Db', { vpc: new SecureVpc(s, 'Vpc') })))],
  ['SecureDatabaseCluster in a SecureVpc (VPC included)', footprintOf(inEmptyStack((s) => new SecureDatabaseCluster(s, 'Db', { vpc: new SecureVpc(s, 'Vpc') })))],
  ['SecureSecret (a reason instead of rotation)', footprintOf(inEmptyStack((s) => new SecureSecret(s, 'Secret', { withoutRotationReason: BENCH_REASON })))],
  ['SecureTable (with the stack\'s backup plan)', footprintOf(inEmptyStack((s) => new SecureTable(s, 'Table', { partitionKey: PARTITION_KEY })))],
  ['SecureBackupPlan.of (plan and locked vault)', footprintOf(inEmptyStack((s) => SecureBackupPlan.of(s)))],
  ['SecureWebAcl (defaults)', footprintOf(inEmptyStack((s) => new SecureWebAcl(s, 'Acl')))],
  ['SecureLoadBalancer, HTTPS + redirect, in a SecureVpc (VPC included)', footprintOf(inEmptyStack(loadBalancer))],
  ['SecureUserPool with one client', footprintOf(inEmptyStack((s) => new SecureUserPool(s, 'Pool').addClient('Web')))],
  ['SecureDistribution, HTTPS origin (us-east-1)', footprintOf(inEmptyStack(distribution, 'us-east-1'))],
  ['SecureUserGroup (defaults)', footprintOf(inEmptyStack((s) => new SecureUserGroup(s, 'People')))],
  ['BreakGlassAccess (defaults)', footprintOf(inEmptyStack((s) => new BreakGlassAccess(s, 'BreakGlass')))],
  ['CredentialHygiene (with its ConfigRecorder)', footprintOf(inEmptyStack((s) => new CredentialHygiene(s, 'Hygiene', { configRecorder: new ConfigRecorder(s, 'Config') })))],
  ['AccountHardening (defaults)', footprintOf(inEmptyStack((s) => new AccountHardening(s, 'Hardening')))],
  ['OrganizationGuardrails, default catalogue on one OU', footprintOf(inEmptyStack(guardrails, 'us-east-1'))],
  ['OrganizationBaseline of AccountHardening: the management stack (StackSet)', footprintOf(baselineRollout('management'))],
  ['OrganizationBaseline of AccountHardening: asset stack, per target region', footprintOf(baselineRollout('assets'))],
  ['SecurityToolingStack (reference app)', footprintOf((app) => new SecurityToolingStack(app, 'Tooling', { env: BENCH_ENV }))],
  ['WorkloadStack (reference app)', footprintOf((app) => new WorkloadStack(app, 'Workload', { env: BENCH_ENV }))],
  ['reference workload: SecureVpc + EncryptedBucket + LeastPrivilegeRole reading it', footprintOf(referenceWorkload)],
];
console.log('\nfootprint of construct defaults (one stack each)\n');
// A stack of 10 buckets must hold exactly one data key and one access-logs bucket (11 buckets).
const tenBuckets = FOOTPRINTS.find(([name]) => name.startsWith('10 x'))![1];
if (tenBuckets.kmsKeys !== 1 || tenBuckets.buckets !== 11) {
  throw new Error(`10 EncryptedBuckets must share 1 key and 1 access-logs bucket; found ${tenBuckets.kmsKeys} keys, ${tenBuckets.buckets} buckets`);
}
// The reference workload must not regrow (test/bench/footprint.test.ts asserts the same budget).
const workloadOverBudget = overBudget(FOOTPRINTS.find(([name]) => name.startsWith('reference workload'))![1]);
if (workloadOverBudget.length > 0) throw new Error(`the reference workload regrew: ${workloadOverBudget.join('; ')}`);
const oneBucket = FOOTPRINTS.find(([name]) => name.startsWith('EncryptedBucket'))![1];
const perBucket = (f: (x: Footprint) => number) => Math.round((f(tenBuckets) - f(oneBucket)) / 9);
console.log(table(
  ['construct', 'resources', 'template bytes', 'lambda functions', 'kms keys', 's3 buckets', 'nat gateways'],
  FOOTPRINTS.map(([name, f]) => [name, f.resources, f.templateBytes, f.lambdaFunctions, f.kmsKeys, f.buckets, f.natGateways]),
));
console.log(`\neach further EncryptedBucket in a stack adds ${perBucket((f) => f.resources)} resources `
  + `(bucket and bucket policy) and ~${perBucket((f) => f.templateBytes)} template bytes; `
  + 'the data key and access-logs bucket are shared');

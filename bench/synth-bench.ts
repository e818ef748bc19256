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
import { App, IPolicyValidationContext, IPolicyValidationPlugin, PolicyValidationPluginReport } from 'aws-cdk-lib';
import { FAIL_SYNTH_ON_VALIDATION_ERRORS_CONTEXT } from 'aws-cdk-lib/cx-api';
import { Footprint, footprintOf, inEmptyStack, overBudget, referenceWorkload } from './footprint';
import { buildReferenceApp, SecurityToolingStack, WorkloadStack } from '../examples/reference-app';
import { table } from '../examples/table';
import {
  AuditTrail, ConfigRecorder, FortressChecks, EncryptedBucket, GuardDutyAutoEnable, GuardDutyOrg, KeyPurpose, KmsKeyRing, SecureBaseline, SecureVpc,
  SecurityAlarms, SecurityHubBaseline, SecurityReview,
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
  return [copies + 1, copies, Math.round(plain), Math.round(secured), overhead, Math.round(median(fortress)), Math.round(median(policy))];
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
  return [copies + 1, Math.round(review), Math.round(diff)];
});
console.log(`\nsecurity review of the synthesized assembly, median of ${RUNS} runs\n`);
console.log(table(['stacks', 'review ms', 'diff ms (two reads + diff + Markdown + SARIF)'], reviewTiming));

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
  ['SecurityToolingStack (reference app)', footprintOf((app) => new SecurityToolingStack(app, 'Tooling'))],
  ['WorkloadStack (reference app)', footprintOf((app) => new WorkloadStack(app, 'Workload'))],
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

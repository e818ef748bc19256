/**
 * `npm run demo`: synthesizes the reference app under SecureBaseline into
 * cdk.out, prints a compliance summary per stack and writes the security
 * inventory to cdk.out/security-review.md. Exits non-zero on any
 * unacknowledged error. Needs no AWS account or credentials.
 */
import * as fs from 'fs';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import { FAIL_SYNTH_ON_VALIDATION_ERRORS_CONTEXT, VALIDATE_AGAINST_DEFAULT_RULES } from 'aws-cdk-lib/cx-api';
import { buildReferenceApp, ORGANIZATION, OrganizationStack, REFERENCE_APP_CONTEXT } from './reference-app';
import { table } from './table';
import { Acknowledgments, ComplianceReport, SecureBaseline, SecurityReview } from '../src';

const OUTDIR = 'cdk.out';

const app = new App({
  outdir: OUTDIR,
  context: {
    // Real availability zone names, so the templates deploy as written (and cfn-lint can check them).
    ...REFERENCE_APP_CONTEXT,
    // Report instead of throwing, so the summary below can list every finding.
    [FAIL_SYNTH_ON_VALIDATION_ERRORS_CONTEXT]: false,
    // Template-validation errors count as errors, not warnings.
    [VALIDATE_AGAINST_DEFAULT_RULES]: true,
  },
});
const baseline = SecureBaseline.enforce(app, { reportOnly: true });
const stacks = buildReferenceApp(app);
const assembly = app.synth();
const report = ComplianceReport.fromAssemblyDirectory(assembly.directory);

const rows = stacks.map((stack: Stack) => {
  const template = assembly.getStackArtifact(stack.artifactId).template;
  const findings = report.findingsUnder(stack.node.path);
  return {
    stack: stack.stackName,
    resources: Object.keys(template.Resources ?? {}).length,
    errors: findings.filter((f) => f.severity !== 'warning').length,
    warnings: findings.filter((f) => f.severity === 'warning').length,
    acknowledged: Acknowledgments.list(stack).length,
  };
});

console.log(`cdk-fortress demo: reference app synthesized to ${OUTDIR}/`);
console.log(`packs enforced: ${baseline.packNames.join(', ')} (+ CloudFormation template validation)`);
if (SecureBaseline.isReportOnly(app)) {
  console.log('mode: report-only (findings are collected into this summary; this script exits non-zero on any error)');
}
console.log('');
console.log(table(['stack', 'resources', 'errors', 'warnings', 'acknowledged'], rows.map((r) => [r.stack, r.resources, r.errors, r.warnings, r.acknowledged])));

// Every acknowledgment with its reason goes to a file for review; the console gets one line per construct.
const acknowledgments = Acknowledgments.list(app);
fs.writeFileSync(path.join(OUTDIR, 'acknowledgments.json'), JSON.stringify(acknowledgments, undefined, 2));
// The security inventory a reviewer reads (the same as `npx cdk-fortress review cdk.out`).
fs.writeFileSync(path.join(OUTDIR, 'security-review.md'), SecurityReview.fromAssembly(assembly.directory).toMarkdown());
console.log(`\nsecurity inventory: ${OUTDIR}/security-review.md (diff two synths with \`npx cdk-fortress diff <before> <after>\`)`);
if (acknowledgments.length > 0) {
  console.log(`\nacknowledged rules by construct (reasons in ${OUTDIR}/acknowledgments.json):`);
  const byPath = new Map<string, string[]>();
  for (const a of acknowledgments) byPath.set(a.constructPath || '<App>', [...(byPath.get(a.constructPath || '<App>') ?? []), `${a.ruleId} (${a.pack})`]);
  for (const [constructPath, ruleIds] of byPath) console.log(`  ${constructPath}: ${ruleIds.join(', ')}`);
}
// What the organization stack would deploy where: guardrails on the OU, the baseline to every account and region.
for (const org of stacks.filter((s): s is OrganizationStack => s instanceof OrganizationStack)) {
  console.log(`\norganization (management account ${org.account}, ${org.region}):`);
  for (const policy of org.guardrails.policies) {
    console.log(`  ${policy.kind.padEnd(24)} ${policy.name.padEnd(36)} ${String(policy.document.length).padStart(5)} chars -> ${ORGANIZATION.workloadsOu}`);
  }
  const stackSet = org.rollout.stackSet;
  const regions = (stackSet.stackInstancesGroup as Array<{ regions: string[] }>).flatMap((g) => g.regions);
  console.log(`  StackSet ${stackSet.stackSetName}: every account of ${ORGANIZATION.workloadsOu} (and every account that joins it) in ${regions.join(', ')}`);
  for (const assetStack of org.rollout.assetStacks) {
    console.log(`  ${assetStack.stackName} (${assetStack.region}, deployed first): ${org.rollout.assetObjectKeys.length} asset(s) copied into the organization-readable bucket`);
  }
}
if (report.warnings.length > 0) {
  console.log(`\nwarnings:\n${indent(report.render(report.warnings))}`);
}
if (report.errors.length > 0) {
  console.error(`\nFAIL: ${report.errors.length} unacknowledged error(s):\n${indent(report.render(report.errors))}`);
  process.exit(1);
}
console.log(`\nPASS: ${stacks.length} stacks, 0 unacknowledged errors`);


function indent(text: string): string {
  return text.split('\n').map((l) => `  ${l}`).join('\n');
}

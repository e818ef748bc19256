/**
 * `npx projen demo:lint`: runs cfn-lint (AWS's CloudFormation linter) over every stack template that
 * `npm run demo` synthesized into cdk.out, each against the region its stack deploys to.
 *
 * Fails on cfn-lint errors (and on cfn-lint failing to run); warnings and informational findings are
 * printed but do not fail (the reference app's expected ones are listed in the README).
 * cfn-lint is not an npm package: CI machines have it on their image. When it is missing, this fails
 * under CI=true and skips with a message elsewhere.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

const OUTDIR = process.argv[2] ?? 'cdk.out';
/** cfn-lint's exit code is a bit mask: 1 fatal, 2 error, 4 warning, 8 informational. */
const fatalOrError = (status: number) => status % 4 !== 0;

const manifestFile = path.join(OUTDIR, 'manifest.json');
if (!fs.existsSync(manifestFile)) fail(`${manifestFile} not found: run \`npm run demo\` first`);

const byRegion = new Map<string, string[]>();
const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8'));
for (const artifact of Object.values<any>(manifest.artifacts ?? {})) {
  if (artifact.type !== 'aws:cloudformation:stack') continue;
  const region = /^aws:\/\/[^/]+\/(.+)$/.exec(artifact.environment ?? '')?.[1];
  const key = region && region !== 'unknown-region' ? region : '';
  byRegion.set(key, [...(byRegion.get(key) ?? []), path.join(OUTDIR, artifact.properties.templateFile)]);
}
if (byRegion.size === 0) fail(`no stack templates in ${manifestFile}`);

let failed = false;
for (const [region, templates] of byRegion) {
  const args = [...(region ? ['--regions', region] : []), '--', ...templates];
  console.log(`cfn-lint ${args.join(' ')}`);
  const run = spawnSync('cfn-lint', args, { stdio: 'inherit' });
  if (run.error && (run.error as NodeJS.ErrnoException).code === 'ENOENT') {
    const message = 'cfn-lint is not installed (pip install cfn-lint); it checks the demo\'s templates in CI';
    if (process.env.CI) fail(`${message}, and CI machines must have it`);
    console.log(`SKIP: ${message}`);
    process.exit(0);
  }
  if (run.error) fail(`cfn-lint did not run: ${run.error.message}`);
  const status = run.status ?? 1;
  if (fatalOrError(status)) failed = true;
  else if (status !== 0) console.log('cfn-lint: warnings or informational findings only (not failing)');
}
if (failed) fail('cfn-lint reported errors in the demo\'s templates');
console.log(`PASS: cfn-lint found no error in ${[...byRegion.values()].flat().length} templates`);

function fail(message: string): never {
  console.error(`FAIL: ${message}`);
  process.exit(1);
}

import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { DIFF_USAGE, EXIT_OK, EXIT_RISK, EXIT_USAGE, REVIEW_USAGE, runCli, USAGE } from '../../src/cli/cli';
import { securityGroup, writeAssembly } from '../review/assembly-fixture';

function run(...args: string[]): { code: number; stdout: string; stderr: string } {
  let stdout = '';
  let stderr = '';
  const code = runCli(args, { stdout: (t) => { stdout += t; }, stderr: (t) => { stderr += t; } });
  return { code, stdout, stderr };
}

const before = writeAssembly({ Web: { Resources: securityGroup('Web', 'Lb', [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '10.0.0.0/8' }]) } });
const after = writeAssembly({ Web: { Resources: securityGroup('Web', 'Lb', [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '0.0.0.0/0' }]) } });

describe('help', () => {
  test.each([
    [['--help'], USAGE], [['help'], USAGE], [['review', '--help'], REVIEW_USAGE], [['diff', '-h'], DIFF_USAGE],
  ])('%j prints its usage and exits 0', (args, usage) => {
    expect(run(...args)).toEqual({ code: EXIT_OK, stdout: usage, stderr: '' });
  });

  test('no command prints the usage and exits 2', () => {
    expect(run()).toEqual({ code: EXIT_USAGE, stdout: USAGE, stderr: '' });
  });
});

describe('review', () => {
  test.each(['markdown', 'json', 'sarif'])('--format %s', (format) => {
    const result = run('review', after, '--format', format);
    expect(result.code).toBe(EXIT_OK);
    expect(result.stdout).toContain(format === 'markdown' ? '## cdk-fortress security review' : format === 'sarif' ? '"version": "2.1.0"' : '"Web/Lb"');
  });

  test('defaults to Markdown; --format=json form accepted', () => {
    expect(run('review', after).stdout).toMatch(/^## cdk-fortress security review/);
    expect(JSON.parse(run('review', after, '--format=json').stdout).stacks[0].exposure[0].subject).toBe('tcp 443 ipv4');
  });

  test('a progress line on stderr for large assemblies', () => {
    const templates: Record<string, Record<string, unknown>> = {};
    for (let i = 0; i < 12; i++) templates[`S${String(i).padStart(2, '0')}`] = { Resources: {} };
    const result = run('review', writeAssembly(templates), '--format', 'json');
    expect(result.code).toBe(EXIT_OK);
    expect(result.stderr).toBe('cdk-fortress: read 10/12 stacks\ncdk-fortress: read 12/12 stacks\n');
  });
});

describe('diff', () => {
  test('exit code follows --fail-on (default high)', () => {
    expect(run('diff', before, after).code).toBe(EXIT_RISK);
    expect(run('diff', before, after, '--fail-on', 'high').stderr).toBe('cdk-fortress: highest risk high is at or above --fail-on high\n');
    expect(run('diff', before, after, '--fail-on', 'none').code).toBe(EXIT_OK);
    // Back from the internet to 10.0.0.0/8: a new (narrower) source on an ordinary port is low risk.
    expect(run('diff', after, before, '--fail-on', 'medium').code).toBe(EXIT_OK);
    expect(run('diff', after, before, '--fail-on', 'low').code).toBe(EXIT_RISK);
    expect(run('diff', before, before, '--fail-on', 'low').code).toBe(EXIT_OK);
  });

  test('renders each format', () => {
    expect(run('diff', before, after, '--fail-on', 'none').stdout).toMatch(/^## cdk-fortress security diff\n\n\*\*Highest risk: HIGH\*\*/);
    expect(JSON.parse(run('diff', before, after, '--format', 'json', '--fail-on', 'none').stdout).changes[0].kind).toBe('new-exposure');
    expect(JSON.parse(run('diff', before, after, '--format', 'sarif', '--fail-on', 'none').stdout).runs[0].results[0].ruleId).toBe('new-exposure');
  });
});

describe('errors: one clear line, no stack trace, exit 2', () => {
  const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'fortress-cli-'));

  function expectError(result: { code: number; stdout: string; stderr: string }, message: RegExp): void {
    expect(result.code).toBe(EXIT_USAGE);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  }

  test('missing directory', () => {
    expectError(run('review', '/nonexistent/cdk.out'), /^cdk-fortress: \/nonexistent\/cdk\.out: no such directory/);
    expectError(run('diff', before, '/nonexistent/cdk.out'), /no such directory/);
  });

  test('a file instead of a directory', () => {
    const file = path.join(tmp(), 'manifest.json');
    fs.writeFileSync(file, '{}');
    expectError(run('review', file), /not a directory/);
  });

  test('no manifest', () => {
    expectError(run('review', tmp()), /not a cloud assembly \(no manifest\.json/);
  });

  test('malformed manifest', () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'manifest.json'), '{"artifacts": ');
    expectError(run('review', dir), /manifest\.json: malformed cloud assembly manifest/);
    fs.writeFileSync(path.join(dir, 'manifest.json'), '{"artifacts": []}');
    expectError(run('review', dir), /malformed cloud assembly manifest \("artifacts" is not an object\)/);
    fs.writeFileSync(path.join(dir, 'manifest.json'), '{"artifacts": {"S": {"type": "aws:cloudformation:stack", "properties": {}}}}');
    expectError(run('review', dir), /stack S has no templateFile/);
  });

  test('an assembly without templates', () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify({ version: '55.0.0', artifacts: { Tree: { type: 'cdk:tree', properties: { file: 'tree.json' } } } }));
    expectError(run('review', dir), /has no stack templates/);
  });

  test('a malformed template', () => {
    const dir = writeAssembly({ S: { Resources: {} } });
    fs.writeFileSync(path.join(dir, 'S.template.json'), 'not json');
    expectError(run('review', dir), /S\.template\.json: malformed template of stack S/);
  });

  test('usage errors print the command usage', () => {
    expectError(run('review'), /review needs exactly one cloud assembly directory[\s\S]*Usage: cdk-fortress review/);
    expectError(run('review', after, '--format', 'html'), /--format must be one of markdown, json, sarif \(got html\)/);
    expectError(run('review', after, '--format'), /--format needs a value/);
    expectError(run('review', after, '--verbose', 'x'), /unknown option --verbose/);
    expectError(run('diff', before), /diff needs two cloud assembly directories/);
    expectError(run('diff', before, after, '--fail-on', 'critical'), /--fail-on must be one of high, medium, low, none/);
    expectError(run('deploy'), /unknown command deploy[\s\S]*Usage: cdk-fortress <command>/);
  });
});

describe('the package bin (src/cli/index.ts)', () => {
  test('runs as a process: output on stdout, exit code from --fail-on', () => {
    const bin = path.join(__dirname, '..', '..', 'src', 'cli', 'index.ts');
    const node = (...args: string[]) => spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', bin, ...args], {
      encoding: 'utf8', env: { ...process.env, TS_NODE_PROJECT: path.join(__dirname, '..', 'tsconfig.json') },
    });
    const help = node('--help');
    expect(help.status).toBe(EXIT_OK);
    expect(help.stdout).toBe(USAGE);
    const failing = node('diff', before, after, '--format', 'json');
    expect(failing.status).toBe(EXIT_RISK);
    expect(JSON.parse(failing.stdout).highestRisk).toBe('high');
    const missing = node('review', '/nonexistent/cdk.out');
    expect(missing.status).toBe(EXIT_USAGE);
    expect(missing.stderr).toBe('cdk-fortress: /nonexistent/cdk.out: no such directory (expected a cloud assembly such as cdk.out)\n');
  }, 60_000);
});

/**
 * `cdk-fortress`: security reviews of cloud assemblies from the command line.
 *
 *   cdk-fortress review <cdk.out> [--format markdown|json|sarif]
 *   cdk-fortress diff <before cdk.out> <after cdk.out> [--format markdown|json|sarif] [--fail-on high|medium|low|none]
 *
 * Exit codes: 0 success, 1 `diff` found a change at or above `--fail-on`, 2 usage or input error.
 */
import { FortressErrors } from '../core/fortress-error';
import { setReviewProgressListener } from '../review/progress';
import { RiskLevel, SecurityDiff, SecurityReview } from '../review/security-review';

/** Where the CLI writes. */
export interface CliOutput {
  stdout(text: string): void;
  stderr(text: string): void;
}

const PROCESS_OUTPUT: CliOutput = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

export const EXIT_OK = 0;
export const EXIT_RISK = 1;
export const EXIT_USAGE = 2;

const FORMATS = ['markdown', 'json', 'sarif'];
const FAIL_ON: Record<string, RiskLevel | undefined> = { high: RiskLevel.HIGH, medium: RiskLevel.MEDIUM, low: RiskLevel.LOW, none: undefined };

export const USAGE = `Usage: cdk-fortress <command> [options]

Security reviews of AWS CDK cloud assemblies (the cdk.out directory \`cdk synth\` writes).

Commands:
  review <cdk.out>            security inventory: exposure, identity, data protection, logging, acknowledgments, findings
  diff <before> <after>       security diff between two cloud assemblies, each change classified with a risk level

Run \`cdk-fortress <command> --help\` for a command's options.
`;

export const REVIEW_USAGE = `Usage: cdk-fortress review <cdk.out> [--format markdown|json|sarif]

Prints the security inventory of a cloud assembly.

Options:
  --format <format>   markdown (default), json, or sarif (SARIF 2.1.0: unacknowledged findings and exposure)
  -h, --help          show this help
`;

export const DIFF_USAGE = `Usage: cdk-fortress diff <before cdk.out> <after cdk.out> [--format markdown|json|sarif] [--fail-on high|medium|low|none]

Prints the security changes from <before> to <after>, each classified (new exposure, widened ingress, new
actions or principals, encryption or retention weakened, logging off, acknowledgment added/changed/removed,
finding appeared/disappeared) with a risk level.

Options:
  --format <format>   markdown (default, for a pull-request comment), json, or sarif (SARIF 2.1.0)
  --fail-on <risk>    exit with 1 when a change is at or above this risk: high (default), medium, low, or none (never)
  -h, --help          show this help
`;

class UsageError extends Error {}

interface Parsed {
  readonly positional: string[];
  readonly options: Record<string, string>;
  readonly help: boolean;
}

function parse(args: string[], allowed: string[]): Parsed {
  const positional: string[] = [];
  const options: Record<string, string> = {};
  let help = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '-h' || arg === '--help') {
      help = true;
    } else if (arg.startsWith('--')) {
      const [name, inline] = arg.slice(2).split(/=(.*)/s, 2);
      if (!allowed.includes(name)) throw new UsageError(`unknown option --${name}`);
      const value = inline ?? args[++i];
      if (value === undefined || value.startsWith('--')) throw new UsageError(`--${name} needs a value`);
      options[name] = value;
    } else if (arg.startsWith('-') && arg !== '-') {
      throw new UsageError(`unknown option ${arg}`);
    } else {
      positional.push(arg);
    }
  }
  return { positional, options, help };
}

function format(options: Record<string, string>): string {
  const f = options.format ?? 'markdown';
  if (!FORMATS.includes(f)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')} (got ${f})`);
  return f;
}

function render(subject: SecurityReview | SecurityDiff, f: string): string {
  return f === 'json' ? subject.toJson() : f === 'sarif' ? subject.toSarif() : subject.toMarkdown();
}

/** Runs the CLI with `args` (without node and the script); returns the exit code. */
export function runCli(args: string[], out: CliOutput = PROCESS_OUTPUT): number {
  const [command, ...rest] = args;
  let usage = USAGE;
  try {
    if (command === undefined || command === '-h' || command === '--help' || command === 'help') {
      out.stdout(USAGE);
      return command === undefined ? EXIT_USAGE : EXIT_OK;
    }
    const progress = (done: number, total: number) => {
      if (total >= 10 && (done % 10 === 0 || done === total)) out.stderr(`cdk-fortress: read ${done}/${total} stacks\n`);
    };
    setReviewProgressListener(progress);
    if (command === 'review') {
      usage = REVIEW_USAGE;
      const p = parse(rest, ['format']);
      if (p.help) return printHelp(out, REVIEW_USAGE);
      if (p.positional.length !== 1) throw new UsageError('review needs exactly one cloud assembly directory');
      const f = format(p.options);
      out.stdout(render(SecurityReview.fromAssembly(p.positional[0]), f));
      return EXIT_OK;
    }
    if (command === 'diff') {
      usage = DIFF_USAGE;
      const p = parse(rest, ['format', 'fail-on']);
      if (p.help) return printHelp(out, DIFF_USAGE);
      if (p.positional.length !== 2) throw new UsageError('diff needs two cloud assembly directories: <before> <after>');
      const f = format(p.options);
      const failOn = p.options['fail-on'] ?? 'high';
      if (!(failOn in FAIL_ON)) throw new UsageError(`--fail-on must be one of ${Object.keys(FAIL_ON).join(', ')} (got ${failOn})`);
      const before = SecurityReview.fromAssembly(p.positional[0]);
      const after = SecurityReview.fromAssembly(p.positional[1]);
      const diff = SecurityReview.diff(before, after);
      out.stdout(render(diff, f));
      const threshold = FAIL_ON[failOn];
      if (threshold && diff.hasRiskAtOrAbove(threshold)) {
        out.stderr(`cdk-fortress: highest risk ${diff.highestRisk} is at or above --fail-on ${failOn}\n`);
        return EXIT_RISK;
      }
      return EXIT_OK;
    }
    throw new UsageError(`unknown command ${command}`);
  } catch (e) {
    if (e instanceof UsageError) {
      out.stderr(`cdk-fortress: ${e.message}\n\n${usage}`);
      return EXIT_USAGE;
    }
    if (FortressErrors.isFortressError(e)) {
      out.stderr(`cdk-fortress: ${(e as Error).message}\n`);
      return EXIT_USAGE;
    }
    // Anything else is a bug: one line, no stack trace, and where to report it.
    out.stderr(`cdk-fortress: unexpected error: ${(e as Error)?.message ?? String(e)} (please report it with the command you ran)\n`);
    return EXIT_USAGE;
  } finally {
    setReviewProgressListener(undefined);
  }
}

function printHelp(out: CliOutput, text: string): number {
  out.stdout(text);
  return EXIT_OK;
}

import { awscdk, javascript, JsonFile, JsonPatch } from 'projen';
import { UpdateSnapshot } from 'projen/lib/javascript';

/** Oldest aws-cdk-lib that cdk-nag 3 (Validations API plugins) supports: the peer-dependency floor. */
const CDK_MINIMUM = '2.257.0';
/** What this repository develops and tests against. */
const CDK_DEV = '2.276.0';
const CONSTRUCTS_MINIMUM = '10.5.1';

const project = new awscdk.AwsCdkConstructLibrary({
  name: 'cdk-fortress',
  description:
    'Secure-by-default AWS CDK constructs (KMS, S3, VPC, IAM, GuardDuty, Security Hub, Config, CloudTrail) with cdk-nag enforcement at synth time.',
  keywords: ['aws-cdk', 'cdk', 'security', 'cdk-nag', 'compliance', 'hipaa', 'nist', 'pci-dss', 'kms', 's3', 'vpc'],
  author: 'cdk-fortress maintainers',
  authorAddress: 'maintainers@cdk-fortress.dev',
  repositoryUrl: 'https://github.com/cdk-fortress/cdk-fortress.git',
  license: 'Apache-2.0',
  defaultReleaseBranch: 'main',
  packageManager: javascript.NodePackageManager.NPM,
  projenrcTs: true,
  minNodeVersion: '20.0.0',

  cdkVersion: CDK_MINIMUM,
  constructsVersion: CONSTRUCTS_MINIMUM,
  jsiiVersion: '~6.0.0',
  typescriptVersion: '~6.0.0',
  peerDeps: ['cdk-nag@^3.0.2'],
  // Peers' floors stay the published ranges; development pins a current release instead of the floor.
  peerDependencyOptions: { pinnedDevDependency: false },
  devDeps: [
    `aws-cdk-lib@${CDK_DEV}`,
    'cdk-nag@3.0.2',
    'fast-check@^4',
    // Custom-resource SDK calls are type-checked against the official clients in tests.
    '@aws-sdk/client-guardduty@^3',
    '@aws-sdk/client-account@^3',
    '@aws-sdk/client-ec2@^3',
    '@aws-sdk/client-iam@^3',
    '@aws-sdk/client-organizations@^3',
    '@aws-sdk/client-s3-control@^3',
    '@aws-sdk/client-detective@^3',
    '@aws-sdk/client-inspector2@^3',
    '@aws-sdk/client-macie2@^3',
    '@aws-sdk/client-s3@^3',
    '@aws-sdk/client-securityhub@^3',
    '@aws-sdk/client-sts@^3',
    // Response playbook handlers are unit-tested against mocked SDK clients, asserting the exact calls.
    'aws-sdk-client-mock@^4',
    // SARIF output is validated against the official 2.1.0 JSON schema in tests.
    'ajv@^6',
    '@swc/core',
    '@swc/jest',
  ],

  // jsii targets, published by the release workflow; locally (`CI=true`) only the JS package is built, `jsii` still checks the API for each.
  publishToPypi: { distName: 'cdk-fortress', module: 'cdk_fortress' },
  publishToMaven: {
    javaPackage: 'io.github.cdkfortress',
    mavenGroupId: 'io.github.cdkfortress',
    mavenArtifactId: 'cdk-fortress',
  },
  publishToNuget: { dotNetNamespace: 'CdkFortress', packageId: 'CdkFortress' },
  publishToGo: { moduleName: 'github.com/cdk-fortress/cdk-fortress-go' },

  // CI is `.ci/run` (see README). GitHub is on only for the release workflow: every push to main that
  // carries releasable conventional commits bumps the version (feat: minor, fix: patch, `!`: major),
  // tags it, and publishes to npm, PyPI, Maven Central, NuGet and the Go repository with the
  // maintainers' secrets (NPM_TOKEN, TWINE_*, MAVEN_*, NUGET_API_KEY, GO_GITHUB_TOKEN).
  github: true,
  release: true,
  releaseToNpm: true,
  buildWorkflow: false,
  // The `upgrade` task stays; its scheduled workflow (it needs a PROJEN_GITHUB_TOKEN) is not generated.
  depsUpgradeOptions: { workflow: false },
  pullRequestTemplate: false,
  githubOptions: { mergify: false, pullRequestLint: false },
  // eslint 9 needs Node 20.9 or later: the release workflow runs the latest Node 20, not minNodeVersion itself.
  workflowNodeVersion: '20.x',
  sampleCode: false,
  docgen: true,
  // `npx cdk-fortress review|diff`: security inventory and diff of cloud assemblies (src/cli).
  bin: { 'cdk-fortress': 'lib/cli/index.js' },

  eslintOptions: { dirs: ['src'], devdirs: ['test', 'examples', 'bench', 'projenrc'] },

  // swc does not type-check: the test task runs tsc over tests, examples and bench first.
  typecheckTests: true,
  tsconfigDev: { include: ['../examples/**/*.ts', '../bench/**/*.ts'], compilerOptions: {} },
  jestOptions: {
    updateSnapshot: UpdateSnapshot.NEVER,
    jestConfig: {
      // v8 coverage of aws-cdk-lib doubles the suite's time (measured in README): off in `npm test`.
      collectCoverage: false,
      setupFilesAfterEnv: ['<rootDir>/test/setup/snapshot-serializer.ts'],
      testEnvironment: 'node',
    },
  },
  gitignore: ['cdk.out/', 'examples/cdk.out/', '.bench/'],
  npmIgnoreOptions: { ignorePatterns: ['examples/', 'bench/', '.ci/', 'rosetta/'] },
});


// jsii wants the peer floor as the dev version; this repository deliberately tests against a current release.
project.compileTask.reset('jsii --silence-warnings=reserved-word --silence-warnings=metadata/missing-dev-dependency');
project.addDevDeps(`constructs@${CONSTRUCTS_MINIMUM}`);

// Jest only strips types (jsii and eslint type-check): @swc/jest instead of ts-jest, measured in README.
project.jest!.config.transform = {
  '^.+\\.tsx?$': new javascript.Transform('@swc/jest', {
    jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
  }),
};


// The release workflow's bump runs `npx commit-and-tag-version@^13` (BUMP_PACKAGE): no devDependency,
// so enabling releases leaves package.json's dependencies and the lock file as they were.
project.deps.removeDependency('commit-and-tag-version');

// On this registry a lock written here makes `npm ci` fail on a fresh clone: follow the lock with `npm install`.
project.tasks.tryFind('install:ci')?.reset('npm install');

// README examples must compile under jsii-rosetta with the strict fixture.
project.postCompileTask.exec('jsii-rosetta extract --strict .jsii');
project.package.file.addOverride('jsii.metadata.jsii.rosetta.strict', true);
project.gitignore.exclude('.jsii.tabl.json');
// projen ignores `logs` directories (npm debug logs); the library's CloudWatch Logs module lives in src/logs.
project.gitignore.include('src/logs/', 'test/logs/');

// examples/ and bench/ are dev code: their own tsconfig (extending the tests') lets eslint's project service type them.
for (const dir of ['examples', 'bench']) {
  new JsonFile(project, `${dir}/tsconfig.json`, {
    obj: { extends: '../test/tsconfig.json', include: ['**/*.ts', '../src/**/*.ts'] },
  });
}

project.addTask('demo', {
  description: 'Synthesize the reference app in examples/ under SecureBaseline, print its compliance summary and write cdk.out/security-review.md',
  exec: 'ts-node --transpile-only --project examples/tsconfig.json examples/demo.ts',
});

project.addTask('demo:lint', {
  description: 'cfn-lint over the templates `npm run demo` wrote to cdk.out (fails on errors; skips without cfn-lint unless CI=true)',
  exec: 'ts-node --transpile-only --project examples/tsconfig.json examples/lint-templates.ts',
});

project.addTask('bench', {
  description: 'Benchmark synthesis of the reference app (1/10/50 stacks, with and without SecureBaseline)',
  exec: 'ts-node --transpile-only --project bench/tsconfig.json bench/synth-bench.ts',
  receiveArgs: true,
});

// The release workflow installs like every other entry point: `npm install` follows the committed lock (see README).
const release = project.github?.tryFindWorkflow('release');
const INSTALL_STEPS: Array<[string, number, string]> = [
  ['release', 3, 'npm install'],
  ...['release_npm', 'release_maven', 'release_pypi', 'release_nuget', 'release_golang']
    .map((job, i): [string, number, string] => [job, i === 0 ? 4 : 5, 'cd .repo && npm install']),
];
for (const [job, step, run] of INSTALL_STEPS) {
  release?.file?.patch(JsonPatch.test(`/jobs/${job}/steps/${step}/name`, 'Install dependencies'));
  release?.file?.patch(JsonPatch.replace(`/jobs/${job}/steps/${step}/run`, run));
}

project.synth();

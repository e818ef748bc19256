/**
 * Lambda runtimes that AWS has deprecated: no more security patches, no technical support, and after the
 * deprecation date functions on them can no longer be created (then updated). Data, not logic: one entry per
 * runtime identifier as CloudFormation's `AWS::Lambda::Function.Runtime` spells it, with the date AWS deprecated it.
 *
 * Source: the Lambda Developer Guide's "Deprecated runtimes" table and runtime deprecation policy,
 * https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html and
 * https://docs.aws.amazon.com/lambda/latest/dg/runtime-support-policy.html (checked 2026-11), cross-checked with the
 * lifecycle data AWS's cfn-lint ships (`cfnlint/data/AdditionalSpecs/LmbdRuntimeLifecycle.json`, cfn-lint 1.51.0).
 * A superset of the runtimes aws-cdk-lib marks `@deprecated` in `lambda.Runtime`, which lags AWS (the Amazon Linux 2
 * runtimes `python3.10`, `python3.11`, `java8.al2`, `java11`, `java17`, `provided.al2` were deprecated on 2026-06-30,
 * `dotnet8` on 2026-11-10).
 *
 * Only runtimes whose deprecation date has passed are listed, so a template's verdict never depends on the day it
 * is synthesized; a runtime joins the list in the release after AWS deprecates it.
 */
export const DEPRECATED_LAMBDA_RUNTIMES: Readonly<Record<string, string>> = {
  'nodejs': '2016-08-30',
  'nodejs4.3': '2020-03-05',
  'nodejs4.3-edge': '2020-03-05',
  'nodejs6.10': '2019-08-12',
  'nodejs8.10': '2020-03-06',
  'nodejs10.x': '2021-07-30',
  'nodejs12.x': '2023-03-31',
  'nodejs14.x': '2023-12-04',
  'nodejs16.x': '2024-06-12',
  'nodejs18.x': '2025-09-01',
  'nodejs20.x': '2026-04-30',
  'python2.7': '2021-07-15',
  'python3.6': '2022-07-18',
  'python3.7': '2023-12-04',
  'python3.8': '2024-10-14',
  'python3.9': '2025-12-15',
  // Amazon Linux 2 runtimes, deprecated with the OS.
  'python3.10': '2026-06-30',
  'python3.11': '2026-06-30',
  'java8': '2024-01-08',
  'java8.al2': '2026-06-30',
  'java11': '2026-06-30',
  'java17': '2026-06-30',
  'dotnetcore1.0': '2019-06-27',
  'dotnetcore2.0': '2019-05-30',
  'dotnetcore2.1': '2022-01-05',
  'dotnetcore3.1': '2023-04-03',
  // Container-image-only .NET releases, listed so a hand-written Runtime is caught too.
  'dotnet5.0': '2022-05-10',
  'dotnet7': '2024-05-14',
  'dotnet6': '2024-12-20',
  'dotnet8': '2026-11-10',
  'go1.x': '2024-01-08',
  'ruby2.5': '2021-07-30',
  'ruby2.7': '2023-12-07',
  'ruby3.2': '2026-03-31',
  'provided': '2024-01-08',
  'provided.al2': '2026-06-30',
};

/**
 * When AWS deprecated the Lambda runtime `runtime` (an identifier such as `nodejs18.x`), or `undefined` when the
 * runtime is not deprecated, unknown, or not a plain string (an unresolved token, a container image function).
 */
export function lambdaRuntimeDeprecation(runtime: unknown): string | undefined {
  if (typeof runtime !== 'string') return undefined;
  return Object.prototype.hasOwnProperty.call(DEPRECATED_LAMBDA_RUNTIMES, runtime) ? DEPRECATED_LAMBDA_RUNTIMES[runtime] : undefined;
}

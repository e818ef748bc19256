import { Stack } from 'aws-cdk-lib';
import { FortressChecks } from '../../src';

/**
 * Runs FortressChecks directly over `stack` and returns the construct paths
 * that violate `rule` (its name without the `Fortress-` prefix).
 */
export function violationsOf(stack: Stack, rule: string): string[] {
  const report = new FortressChecks().validateScope(stack);
  return report.violations
    .filter((v) => v.ruleName === `${FortressChecks.PACK_NAME}-${rule}`)
    .flatMap((v) => v.violatingResources.map((r) => r.constructPath ?? r.resourceLogicalId ?? '<unknown>'))
    .sort();
}

/** A bare stack for rule tests: FortressChecks runs on the tree, no synthesis needed. */
export function ruleTestStack(): Stack {
  return new Stack(undefined, 'RuleTest', { env: { account: '111122223333', region: 'eu-west-1' } });
}

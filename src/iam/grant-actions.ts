import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct, IConstruct } from 'constructs';
import { isEscalationAction } from '../core/permissions';

/**
 * The exact action lists aws-cdk-lib's data grants put in a principal's policy, one
 * statement each, as sorted, de-duplicated, comma-joined keys: the grants whose lists hold
 * wildcard action families, i.e. the S3 bucket grants (`grantRead`, `grantWrite`,
 * `grantReadWrite`, `grantPut`, `grantDelete`) and the KMS key grants they, and the DynamoDB,
 * SQS, SNS, Secrets Manager and Kinesis grants on encrypted resources, make
 * (`key.grantEncryptDecrypt`, `grantEncrypt`, `grantDecrypt`; SNS's `kms:Decrypt` +
 * `kms:GenerateDataKey*`). Other grants name every action (nothing to acknowledge).
 *
 * Derived, not copied: the grants are called once on a throw-away construct tree (no App,
 * nothing synthesized) with the caller's feature flags, and the statements they add are
 * recorded. The lists are therefore exactly those of the installed aws-cdk-lib, whatever its
 * version and flags (e.g. `@aws-cdk/aws-s3:grantWriteWithoutAcl`). Administration grants
 * (`key.grantAdmin`, `*FullAccess` grants) are left out on purpose.
 */
export function grantActionLists(scope: IConstruct): ReadonlySet<string> {
  const flags = Object.entries(scope.node.getAllContext() as Record<string, unknown>).filter(([k]) => k.startsWith('@aws-cdk'));
  const cacheKey = JSON.stringify(flags);
  let lists = CACHE.get(cacheKey);
  if (!lists) {
    lists = deriveGrantActionLists(flags);
    CACHE.set(cacheKey, lists);
  }
  return lists;
}

/** The key {@link grantActionLists} uses for a statement's actions. */
export function actionListKey(actions: readonly string[]): string {
  return [...new Set(actions)].sort().join(',');
}

/**
 * The wildcard actions of `actions` that may be acknowledged as an aws-cdk-lib grant's
 * action family: the whole list must be exactly one a data grant produces, and no wildcard
 * may cover an administration or escalation action (kms:Put*, kms:Create*, kms:Delete*, ...).
 */
export function grantFamilyWildcards(scope: IConstruct, actions: readonly string[]): string[] {
  const wildcards = actions.filter((a) => a.includes('*'));
  if (wildcards.length === 0 || !grantActionLists(scope).has(actionListKey(actions))) return [];
  return wildcards.filter((a) => !isEscalationAction(a));
}

const CACHE = new Map<string, ReadonlySet<string>>();

function deriveGrantActionLists(flags: Array<[string, unknown]>): ReadonlySet<string> {
  const root = new Construct(undefined as any, '');
  flags.forEach(([k, v]) => root.node.setContext(k, v));
  const stack = new Stack(root, 'GrantActions', { env: { account: '111111111111', region: 'us-east-1' } });
  const lists = new Set<string>();
  const role = new iam.Role(stack, 'Role', { assumedBy: new iam.AccountRootPrincipal() });
  // A grantee that records each statement a grant adds to the principal's policy, and adds nothing.
  const grantee: iam.IGrantable = {
    grantPrincipal: Object.assign(Object.create(role), {
      addToPrincipalPolicy: (statement: iam.PolicyStatement) => {
        lists.add(actionListKey([stack.resolve(statement.toStatementJson()).Action ?? []].flat()));
        return { statementAdded: true, policyDependable: role };
      },
    }),
  };
  const key = new kms.Key(stack, 'Key');
  const bucket = new s3.Bucket(stack, 'Bucket', { encryptionKey: key });
  const topic = new sns.Topic(stack, 'Topic', { masterKey: key });
  const grants: Array<() => unknown> = [
    () => bucket.grantRead(grantee), () => bucket.grantWrite(grantee), () => bucket.grantReadWrite(grantee),
    () => bucket.grantPut(grantee), () => bucket.grantDelete(grantee), () => bucket.grantPutAcl(grantee),
    () => key.grantEncryptDecrypt(grantee), () => key.grantEncrypt(grantee), () => key.grantDecrypt(grantee),
    () => topic.grantPublish(grantee),
  ];
  // A grant an aws-cdk-lib version no longer offers (or changed) must not break synthesis.
  grants.forEach((grant) => { try { grant(); } catch { /* skipped */ } });
  return lists;
}

import * as fs from 'fs';
import * as path from 'path';
import { CfnResource, CustomResourceProviderBase } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { defineRule, problemIf, ANY_RESOURCE_TYPE } from '../../template/fortress-rule';

/**
 * A resource of a type aws-cdk-lib models with an L1 class is declared with that class, not with a raw `CfnResource`:
 * cdk-nag's packs judge only the L1 classes, so a raw `AWS::EC2::Volume` with `Encrypted: false` would be seen by
 * FortressChecks alone. aws-cdk-lib's own handlers (its custom-resource providers, the S3 notifications and log
 * retention functions: raw by design, and judged as rendered by the Lambda rules) are not findings.
 */
export default defineRule(__filename, {
  resourceTypes: [ANY_RESOURCE_TYPE],
  info: 'A raw CfnResource declares a resource type that aws-cdk-lib models with an L1 class, hiding it from the cdk-nag packs.',
  explanation: 'cdk-nag\'s AwsSolutions, HIPAA, NIST and PCI rules look only at the typed L1 classes (ec2.CfnVolume, rds.CfnDBInstance, ...); '
    + 'the same resource declared as new CfnResource({ type }) passes all of them unjudged.',
  fix: 'Declare it with its L1 class (named in the finding) or the cdk-fortress construct for it; acknowledge on this resource only for a '
    + 'reason the L1 cannot serve.',
  evaluate: (r) => {
    const l1 = r.construct && isRaw(r.construct) && !isAwsCdkLibHandler(r.construct) ? modeledTypes().get(r.type) : undefined;
    return problemIf(l1 !== undefined, `${r.type} is declared with CfnResource; its L1 class is ${l1}.`);
  },
});

/** Exactly a `CfnResource`, not one of its generated subclasses. */
function isRaw(construct: IConstruct): boolean {
  return Object.getPrototypeOf(construct) === CfnResource.prototype;
}

/** Construct ids of aws-cdk-lib's per-stack handler functions, which it declares as raw CfnResources. */
const AWS_CDK_LIB_HANDLER_IDS = ['BucketNotificationsHandler050a0587b7544547bf325f094a3db834', 'LogRetentionaae0aa3c5b4d4f87b02d85b201efdd8a'];

function isAwsCdkLibHandler(construct: IConstruct): boolean {
  return construct.node.scopes.some((s) => s instanceof CustomResourceProviderBase || AWS_CDK_LIB_HANDLER_IDS.includes(s.node.id));
}

let modeled: Map<string, string> | undefined;

/** CloudFormation type -> aws-cdk-lib L1 class, from the table CfnInclude itself uses (read once). */
function modeledTypes(): Map<string, string> {
  if (!modeled) {
    const file = path.join(path.dirname(require.resolve('aws-cdk-lib')), 'cloudformation-include', 'cfn-types-2-classes.json');
    modeled = new Map(Object.entries<string>(JSON.parse(fs.readFileSync(file, 'utf8'))));
  }
  return modeled;
}

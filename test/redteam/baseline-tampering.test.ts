import { App, IPolicyValidationPluginBeta1, Validations } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { FAIL_SYNTH_ON_VALIDATION_ERRORS_CONTEXT } from 'aws-cdk-lib/cx-api';
import { NagPack } from 'cdk-nag';
import { InsecureCase, insecureSuite, workload } from './harness';
import { EncryptedBucket } from '../../src';

// GIVEN an attempt to weaken SecureBaseline itself, THEN enforcement still fails the insecure app,
// or SecureBaseline.enforce refuses the attempt.

function deletableBucket(app: App): void {
  const b = new EncryptedBucket(workload(app), 'B');
  (b.node.defaultChild as s3.CfnBucket).addOverride('DeletionPolicy', 'Delete');
}

/** A plugin that calls itself by a built-in pack's name and passes everything. */
function fakePack(name: string): IPolicyValidationPluginBeta1 {
  return { name, ruleIds: [], validate: () => ({ success: true, violations: [] }) };
}

class ImpostorPack extends NagPack {
  public readonly name: string;
  constructor(name: string, packName = name) {
    super();
    this.name = name;
    this.packName = packName;
  }
  protected checkResource(): void {}
}

const cases: InsecureCase[] = [
  {
    name: 'a pass-everything plugin named Fortress registered before enforce',
    beforeEnforce: (app) => Validations.of(app).addPlugins(fakePack('Fortress')),
    build: deletableBucket,
    expectRule: 'Fortress-S3BucketRetained',
    expectPath: 'W/B/Resource',
  },
  {
    name: 'a pass-everything NagPack named AwsSolutions registered before enforce',
    beforeEnforce: (app) => Validations.of(app).addPlugins(new ImpostorPack('AwsSolutions')),
    build: (app) => { new s3.Bucket(workload(app), 'Plain'); },
    expectRule: 'AwsSolutions-S1',
    expectPath: 'W/Plain/Resource',
  },
  {
    name: 'additionalPacks with a built-in name',
    enforceProps: { additionalPacks: [new ImpostorPack('Fortress')] },
    throwsAtEnforce: true,
    build: deletableBucket,
    expectRule: 'additionalPacks[0].name',
    expectPath: '',
  },
  {
    name: 'additionalPacks with a built-in name in another case',
    enforceProps: { additionalPacks: [new ImpostorPack('awssolutions')] },
    throwsAtEnforce: true,
    build: deletableBucket,
    expectRule: 'additionalPacks[0].name',
    expectPath: '',
  },
  {
    name: 'additionalPacks with an innocent name but a built-in packName (rule id prefix)',
    enforceProps: { additionalPacks: [new ImpostorPack('CorpChecks', 'Fortress')] },
    throwsAtEnforce: true,
    build: deletableBucket,
    expectRule: 'additionalPacks[0].name',
    expectPath: '',
  },
  {
    name: 'context failSynthOnValidationErrors=false without reportOnly',
    context: { [FAIL_SYNTH_ON_VALIDATION_ERRORS_CONTEXT]: false },
    build: deletableBucket,
    expectRule: FAIL_SYNTH_ON_VALIDATION_ERRORS_CONTEXT,
    expectPath: '<root>',
  },
  {
    name: 'context failSynthOnValidationErrors="false" (string) without reportOnly',
    context: { [FAIL_SYNTH_ON_VALIDATION_ERRORS_CONTEXT]: 'false' },
    build: deletableBucket,
    expectRule: FAIL_SYNTH_ON_VALIDATION_ERRORS_CONTEXT,
    expectPath: '<root>',
  },
];

insecureSuite('red team: baseline tampering', cases);

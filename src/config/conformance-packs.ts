import { Stack, Token } from 'aws-cdk-lib';
import * as config from 'aws-cdk-lib/aws-config';
import { RegionInfo } from 'aws-cdk-lib/region-info';
import { Construct } from 'constructs';
import { ConfigRecorder } from './config-recorder';
import { CONFORMANCE_PACK_TEMPLATES } from './conformance-pack-templates.generated';
import { propsOf } from '../core/construct-args';
import { FortressError } from '../core/fortress-error';
import { pathOf, PropChecks } from '../core/prop-checks';

/**
 * Template bodies longer than this must be given as TemplateS3Uri instead
 * (https://docs.aws.amazon.com/config/latest/APIReference/API_PutOrganizationConformancePack.html,
 * also PutConformancePack).
 */
const MAX_TEMPLATE_BODY_BYTES = 51_200;

/**
 * An AWS operational-best-practices conformance pack: the AWS Config sample templates AWS
 * publishes (github.com/awslabs/aws-config-rules, CC0), shipped in this package.
 *
 * AWS's note: the sample templates "are not designed to ensure your compliance with a specific
 * governance standard" and some rules may not be available in every Region
 * (https://docs.aws.amazon.com/config/latest/developerguide/conformancepack-sample-templates.html).
 */
export class ConformancePackTemplate {
  /** Operational Best Practices for CIS AWS Foundations Benchmark v1.4, Level 1. */
  public static readonly CIS_AWS_FOUNDATIONS_V1_4_LEVEL_1 = new ConformancePackTemplate('CIS-AWS-v1-4-Level1', 'Operational-Best-Practices-for-CIS-AWS-v1.4-Level1.yaml');
  /** Operational Best Practices for CIS AWS Foundations Benchmark v1.4, Level 2. */
  public static readonly CIS_AWS_FOUNDATIONS_V1_4_LEVEL_2 = new ConformancePackTemplate('CIS-AWS-v1-4-Level2', 'Operational-Best-Practices-for-CIS-AWS-v1.4-Level2.yaml');
  /** Operational Best Practices for PCI DSS 4.0, including global resource types (deploy in one Region). */
  public static readonly PCI_DSS_V4_INCLUDING_GLOBAL_RESOURCES = new ConformancePackTemplate(
    'PCI-DSS-v4-including-global', 'Operational-Best-Practices-for-PCI-DSS-v4.0-including-global-resourcetypes.yaml');
  /** Operational Best Practices for PCI DSS 4.0, excluding global resource types (the other Regions). */
  public static readonly PCI_DSS_V4_EXCLUDING_GLOBAL_RESOURCES = new ConformancePackTemplate(
    'PCI-DSS-v4-excluding-global', 'Operational-Best-Practices-for-PCI-DSS-v4.0-excluding-global-resourcetypes.yaml');
  /** Operational Best Practices for HIPAA Security. */
  public static readonly HIPAA_SECURITY = new ConformancePackTemplate('HIPAA-Security', 'Operational-Best-Practices-for-HIPAA-Security.yaml');
  /** Operational Best Practices for NIST 800-53 rev 5. */
  public static readonly NIST_800_53_REV_5 = new ConformancePackTemplate('NIST-800-53-rev-5', 'Operational-Best-Practices-for-NIST-800-53-rev-5.yaml');
  /** Operational Best Practices for FedRAMP (Low). */
  public static readonly FEDRAMP_LOW = new ConformancePackTemplate('FedRAMP-Low', 'Operational-Best-Practices-for-FedRAMP-Low.yaml');
  /** Operational Best Practices for FedRAMP (Moderate). */
  public static readonly FEDRAMP_MODERATE = new ConformancePackTemplate('FedRAMP-Moderate', 'Operational-Best-Practices-for-FedRAMP-Moderate.yaml');

  /**
   * The partitions the sample packs are offered in: the commercial and GovCloud (US) partitions.
   * The China documentation of AWS Config publishes no sample conformance packs
   * (https://docs.amazonaws.cn/en_us/config/latest/developerguide/conformance-packs.html), and the
   * isolated partitions publish none either.
   */
  public static readonly PARTITIONS: string[] = ['aws', 'aws-us-gov'];

  /** Every pack shipped. */
  public static all(): ConformancePackTemplate[] {
    return [
      ConformancePackTemplate.CIS_AWS_FOUNDATIONS_V1_4_LEVEL_1, ConformancePackTemplate.CIS_AWS_FOUNDATIONS_V1_4_LEVEL_2,
      ConformancePackTemplate.PCI_DSS_V4_INCLUDING_GLOBAL_RESOURCES, ConformancePackTemplate.PCI_DSS_V4_EXCLUDING_GLOBAL_RESOURCES,
      ConformancePackTemplate.HIPAA_SECURITY, ConformancePackTemplate.NIST_800_53_REV_5,
      ConformancePackTemplate.FEDRAMP_LOW, ConformancePackTemplate.FEDRAMP_MODERATE,
    ];
  }

  /** The pack's name suffix (the conformance pack is named `OBP-<name>`). */
  public readonly name: string;
  /** The sample template's file name in github.com/awslabs/aws-config-rules/aws-config-conformance-packs. */
  public readonly sourceFile: string;

  private constructor(name: string, sourceFile: string) {
    this.name = name;
    this.sourceFile = sourceFile;
  }

  /** The template body (YAML). */
  public get templateBody(): string {
    const body = CONFORMANCE_PACK_TEMPLATES[this.sourceFile];
    if (body === undefined) throw new Error(`cdk-fortress: conformance pack template ${this.sourceFile} is not shipped`);
    return body;
  }
}

/** Properties of {@link ConformancePacks}. */
export interface ConformancePacksProps {
  /** The packs to deploy (at least one). */
  readonly packs: ConformancePackTemplate[];

  /**
   * Deploy the packs to every account of the organization (`AWS::Config::OrganizationConformancePack`),
   * from the management account or the AWS Config delegated administrator. Every member account needs
   * a configuration recorder (ConfigRecorder) first.
   *
   * @default false - this account only (`AWS::Config::ConformancePack`); it needs a configuration recorder
   */
  readonly organization?: boolean;

  /**
   * The ConfigRecorder of this stack: the packs are created after it (AWS Config refuses a conformance
   * pack in an account without a configuration recorder).
   *
   * @default - none: the recorder is deployed separately, before these packs
   */
  readonly recorder?: ConfigRecorder;

  /**
   * Organization mode: accounts the packs are not deployed to.
   *
   * @default - none
   */
  readonly excludedAccounts?: string[];
}

/**
 * AWS operational-best-practices conformance packs (CIS, PCI DSS, HIPAA, NIST 800-53, FedRAMP) for
 * this account, or organization-wide from the management or delegated administrator account.
 *
 * The template bodies are shipped in this package and passed as `TemplateBody`, not uploaded to S3:
 * every shipped sample is below the 51,200-byte TemplateBody limit (checked at synth time), and a
 * template in S3 (`TemplateS3Uri`) would need a bucket every member account can read for organization
 * packs, which CDK's per-account asset buckets are not. AWS publishes no S3 locations for the samples.
 *
 * Rules evaluate resources recorded by AWS Config: each rule evaluation is charged
 * (https://aws.amazon.com/config/pricing/), per account and Region.
 *
 * @example
 * new ConformancePacks(this, 'ConformancePacks', { packs: [ConformancePackTemplate.CIS_AWS_FOUNDATIONS_V1_4_LEVEL_1] });
 */
export class ConformancePacks extends Construct {
  /** The conformance pack names, in the order of `packs`. */
  public readonly packNames: string[];

  constructor(scope: Construct, id: string, props: ConformancePacksProps) {
    const p = propsOf(scope, id, props);
    validate(scope, pathOf(scope, id), p);
    super(scope, id);
    if (p.recorder) this.node.addDependency(p.recorder);
    this.packNames = p.packs.map((pack) => {
      const name = `OBP-${pack.name}`;
      if (p.organization) {
        new config.CfnOrganizationConformancePack(this, pack.name, {
          organizationConformancePackName: name,
          templateBody: pack.templateBody,
          excludedAccounts: p.excludedAccounts,
        });
      } else {
        new config.CfnConformancePack(this, pack.name, { conformancePackName: name, templateBody: pack.templateBody });
      }
      return name;
    });
  }
}

function validate(scope: Construct, path: string, p: ConformancePacksProps): void {
  const check = new PropChecks(path);
  if (!Array.isArray(p.packs) || p.packs.length === 0) throw FortressError.invalidProp(path, 'packs', 'must list at least one ConformancePackTemplate', p.packs);
  p.packs.forEach((pack, i) => {
    if (!(pack instanceof ConformancePackTemplate)) {
      throw FortressError.invalidProp(path, `packs[${i}]`, `must be one of ConformancePackTemplate's packs (${ConformancePackTemplate.all().map((t) => t.name).join(', ')})`, pack);
    }
    const bytes = Buffer.byteLength(pack.templateBody, 'utf-8');
    if (bytes > MAX_TEMPLATE_BODY_BYTES) {
      throw FortressError.invalidProp(path, `packs[${i}]`, `must have a template body of at most ${MAX_TEMPLATE_BODY_BYTES} bytes (TemplateBody limit)`, `${bytes} bytes`);
    }
  });
  check.unique('packs', p.packs.map((pack) => pack.name));
  if (p.recorder !== undefined && !(p.recorder instanceof ConfigRecorder)) throw FortressError.invalidProp(path, 'recorder', 'must be a ConfigRecorder', p.recorder);
  if (p.recorder !== undefined && Stack.of(p.recorder) !== Stack.of(scope)) {
    throw FortressError.invalidProp(path, 'recorder', 'must be in the same stack (deploy a recorder in another stack first instead)', p.recorder.node.path);
  }
  if (p.organization !== undefined && typeof p.organization !== 'boolean') throw FortressError.invalidProp(path, 'organization', 'must be true or false', p.organization);
  if (p.excludedAccounts !== undefined) {
    if (!p.organization) throw FortressError.invalidProp(path, 'excludedAccounts', 'applies only to organization packs (organization: true)');
    p.excludedAccounts.forEach((account) => check.matches('excludedAccounts', account, /^\d{12}$/, 'a list of 12-digit account ids'));
    check.unique('excludedAccounts', p.excludedAccounts);
  }
  const region = Stack.of(scope).region;
  if (!Token.isUnresolved(region)) {
    const partition = RegionInfo.get(region).partition;
    if (partition !== undefined && !ConformancePackTemplate.PARTITIONS.includes(partition)) {
      throw FortressError.invalidProp(path, 'packs', `are not available in partition ${partition} (region ${region}): AWS publishes the sample conformance packs for ${
        ConformancePackTemplate.PARTITIONS.join(', ')} only`);
    }
  }
}

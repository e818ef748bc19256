import { Aws } from 'aws-cdk-lib';

/**
 * A Security Hub standard, with partition- and region-correct ARNs.
 *
 * @see https://docs.aws.amazon.com/securityhub/latest/userguide/standards-reference.html
 */
export class SecurityHubStandard {
  /** AWS Foundational Security Best Practices v1.0.0. */
  public static readonly AWS_FOUNDATIONAL_SECURITY_BEST_PRACTICES = new SecurityHubStandard('aws-foundational-security-best-practices/v/1.0.0', true);
  /** CIS AWS Foundations Benchmark v3.0.0 (the current version in Security Hub). */
  public static readonly CIS_V3 = new SecurityHubStandard('cis-aws-foundations-benchmark/v/3.0.0', false);
  /** CIS AWS Foundations Benchmark v1.4.0. */
  public static readonly CIS_V1_4 = new SecurityHubStandard('cis-aws-foundations-benchmark/v/1.4.0', false);
  /** NIST SP 800-53 Rev. 5. */
  public static readonly NIST_800_53_R5 = new SecurityHubStandard('nist-800-53/v/5.0.0', true);
  /** NIST SP 800-171 Rev. 2. */
  public static readonly NIST_800_171_R2 = new SecurityHubStandard('nist-800-171/v/2.0.0', true);
  /** PCI DSS v3.2.1. */
  public static readonly PCI_DSS_321 = new SecurityHubStandard('pci-dss/v/3.2.1', false);
  /** PCI DSS v4.0.1. */
  public static readonly PCI_DSS_401 = new SecurityHubStandard('pci-dss/v/4.0.1', true);

  /** The standard's path, e.g. `cis-aws-foundations-benchmark/v/3.0.0`. */
  public readonly path: string;
  /**
   * Whether the standard's control ids are Security Hub's security control ids (`IAM.6`), so a
   * control disabled by its security control id is disabled in this standard too. CIS and PCI DSS
   * 3.2.1 number their controls their own way.
   */
  public readonly usesSecurityControlIds: boolean;

  private constructor(path: string, usesSecurityControlIds: boolean) {
    this.path = path;
    this.usesSecurityControlIds = usesSecurityControlIds;
  }

  /** The standard's ARN in the deploying partition and region. */
  public get standardsArn(): string {
    return `arn:${Aws.PARTITION}:securityhub:${Aws.REGION}::standards/${this.path}`;
  }

  /** The ARN of one of the standard's controls in this account and region, e.g. for `IAM.6` or `1.14`. */
  public controlArn(controlId: string): string {
    return `arn:${Aws.PARTITION}:securityhub:${Aws.REGION}:${Aws.ACCOUNT_ID}:control/${this.path}/${controlId}`;
  }
}

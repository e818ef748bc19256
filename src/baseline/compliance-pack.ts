import { AwsSolutionsChecks, HIPAASecurityChecks, NagPack, NagPackProps, NIST80053R4Checks, NIST80053R5Checks, PCIDSS321Checks, ServerlessChecks } from 'cdk-nag';
import { IConstruct } from 'constructs';

/**
 * The cdk-nag 3 rule packs SecureBaseline can enforce.
 */
export enum CompliancePack {
  /** AWS Solutions Library best practices (`AwsSolutions-*`). */
  AWS_SOLUTIONS = 'AwsSolutions',
  /** HIPAA Security (`HIPAA.Security-*`). */
  HIPAA_SECURITY = 'HIPAA.Security',
  /** NIST 800-53 revision 4 (`NIST.800.53.R4-*`). */
  NIST_800_53_R4 = 'NIST.800.53.R4',
  /** NIST 800-53 revision 5 (`NIST.800.53.R5-*`). */
  NIST_800_53_R5 = 'NIST.800.53.R5',
  /** PCI DSS 3.2.1 (`PCI.DSS.321-*`). */
  PCI_DSS_321 = 'PCI.DSS.321',
  /** Serverless best practices (`Serverless-*`). */
  SERVERLESS = 'Serverless',
}

/** What SecureBaseline enforces when no packs are named. */
export const DEFAULT_COMPLIANCE_PACKS: readonly CompliancePack[] = [
  CompliancePack.AWS_SOLUTIONS,
  CompliancePack.HIPAA_SECURITY,
  CompliancePack.NIST_800_53_R5,
  CompliancePack.PCI_DSS_321,
];

/** Every pack, for callers that check against all of them (tests, the demo's compliance matrix). */
export const ALL_COMPLIANCE_PACKS: readonly CompliancePack[] = Object.values(CompliancePack);

const FACTORIES: Record<CompliancePack, (scope: IConstruct, props: NagPackProps) => NagPack> = {
  [CompliancePack.AWS_SOLUTIONS]: (s, p) => new AwsSolutionsChecks(s, p),
  [CompliancePack.HIPAA_SECURITY]: (s, p) => new HIPAASecurityChecks(s, p),
  [CompliancePack.NIST_800_53_R4]: (s, p) => new NIST80053R4Checks(s, p),
  [CompliancePack.NIST_800_53_R5]: (s, p) => new NIST80053R5Checks(s, p),
  [CompliancePack.PCI_DSS_321]: (s, p) => new PCIDSS321Checks(s, p),
  [CompliancePack.SERVERLESS]: (s, p) => new ServerlessChecks(s, p),
};

/** A new cdk-nag pack instance for `pack`. */
export function createCompliancePack(pack: CompliancePack, scope: IConstruct, props: NagPackProps): NagPack {
  return FACTORIES[pack](scope, props);
}

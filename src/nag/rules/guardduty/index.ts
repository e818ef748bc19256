export { default as GuardDutyAllProtectionPlans } from './GuardDutyAllProtectionPlans';
export { default as GuardDutyFindingsExportedEncrypted } from './GuardDutyFindingsExportedEncrypted';

export { default as SecurityHubDisabledControlsReasoned } from './SecurityHubDisabledControlsReasoned';
export { default as SecurityHubStandardsExplicit } from './SecurityHubStandardsExplicit';

export { default as VPCFlowLogsAllTraffic } from './VPCFlowLogsAllTraffic';
export { default as VPCInterfaceEndpointNotOpenToWorld } from './VPCInterfaceEndpointNotOpenToWorld';
export { default as VPCSubnetNoPublicIpOnLaunch } from './VPCSubnetNoPublicIpOnLaunch';

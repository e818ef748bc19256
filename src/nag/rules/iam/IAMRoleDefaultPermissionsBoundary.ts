import { DEFAULT_BOUNDARY_METADATA } from '../../../core/permissions';
import { defineRule, problemIf } from '../../template/fortress-rule';

/**
 * Where a default permissions boundary is set (LeastPrivilegeRole.setDefaultPermissionsBoundary),
 * every IAM role in that scope carries a permissions boundary in its rendered template.
 */
export default defineRule(__filename, {
  resourceTypes: ['AWS::IAM::Role'],
  info: 'The IAM role has no permissions boundary although a default boundary is set for its scope.',
  explanation: 'A default permissions boundary caps what any role in the scope can be granted.',
  fix: 'Remove the override that clears PermissionsBoundary; LeastPrivilegeRole.setDefaultPermissionsBoundary applies it to every role in the scope.',
  evaluate: (r) => {
    const defaultSet = r.construct?.node.scopes.some((scope) => scope.node.metadata.some((m) => m.type === DEFAULT_BOUNDARY_METADATA)) ?? false;
    return problemIf(defaultSet && !r.properties.PermissionsBoundary, 'PermissionsBoundary is not set.');
  },
});

import { layerPermissionExposure } from '../../../analysis';
import { defineRule, problemIf } from '../../template/fortress-rule';

/**
 * Lambda layer versions are not shared with every AWS account: no `AWS::Lambda::LayerVersionPermission` with
 * Principal `*` and no `OrganizationId`. The judgment is `isPublicLayerPermission` (src/analysis/lambda-permissions.ts).
 * It FAILS CLOSED: a Principal that is not provably an account id (`Fn::Sub`/`Fn::Join` of `*`, a parameter) needs an
 * OrganizationId that is a literal `o-...` in every branch and default; `AWS::NoValue` or `''` anywhere counts as public.
 */
export default defineRule(__filename, {
  resourceTypes: ['AWS::Lambda::LayerVersionPermission'],
  info: 'The Lambda layer version can be used by every AWS account.',
  explanation: 'A public layer lets anyone download its code and bundled files (internal libraries, configuration, embedded credentials) '
    + 'and build on a dependency you may later withdraw or change.',
  fix: 'Grant the layer to named accounts (layer.addPermission(id, { accountId })) or to your organization ({ accountId: "*", organizationId: "o-..." }); '
    + 'acknowledge on the permission only for a layer published on purpose.',
  evaluate: (r) => {
    const exposure = layerPermissionExposure(r.properties, r.template.json);
    return problemIf(exposure !== undefined, `${exposure} may share ${JSON.stringify(r.properties.LayerVersionArn)} with every AWS account.`);
  },
});

import { referencedLogicalId, TemplateResource, TemplateValue } from '../../template/stack-template';

/**
 * How each engine requires encrypted connections, as the rendered template must show it: a parameter in the
 * (cluster) parameter group, or Oracle's native network encryption option with encryption REQUIRED.
 *
 * @see https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/PostgreSQL.Concepts.General.SSL.html
 * @see https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/mysql-ssl-connections.require-ssl.html
 * @see https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/SQLServer.Concepts.General.SSL.Using.html
 * @see https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Appendix.Oracle.Options.NetworkEncryption.html
 */
const TLS_PARAMETERS: Array<[RegExp, string, readonly string[]]> = [
  [/^(aurora-)?postgres(ql)?$/, 'rds.force_ssl', ['1', 'on', 'true']],
  [/^sqlserver-/, 'rds.force_ssl', ['1', 'on', 'true']],
  [/^(aurora-mysql|aurora|mysql|mariadb)$/, 'require_secure_transport', ['1', 'on', 'true']],
];

/** The problem with how `resource` (a DBInstance or DBCluster) enforces TLS, or `undefined` when it does. */
export function tlsProblem(resource: TemplateResource): string | undefined {
  const engine = String(resource.properties.Engine ?? '').toLowerCase();
  if (engine.startsWith('oracle')) return oracleProblem(resource);
  const known = TLS_PARAMETERS.find(([pattern]) => pattern.test(engine));
  if (!known) return `Engine ${JSON.stringify(resource.properties.Engine)} is not one whose TLS enforcement this rule can verify.`;
  const [, name, onValues] = known;
  const isCluster = resource.type === 'AWS::RDS::DBCluster';
  const groupProperty = isCluster ? 'DBClusterParameterGroupName' : 'DBParameterGroupName';
  const group = groupOf(resource, resource.properties[groupProperty], isCluster ? 'AWS::RDS::DBClusterParameterGroup' : 'AWS::RDS::DBParameterGroup');
  if (typeof group === 'string') return `${groupProperty}: ${group}`;
  const value = (group.properties.Parameters ?? {})[name];
  if (value === undefined) return `The parameter group ${group.logicalId} does not set ${name}.`;
  if (!onValues.includes(String(value).toLowerCase())) return `The parameter group ${group.logicalId} sets ${name} to ${JSON.stringify(value)}, not 1.`;
  return undefined;
}

function oracleProblem(resource: TemplateResource): string | undefined {
  const group = groupOf(resource, resource.properties.OptionGroupName, 'AWS::RDS::OptionGroup');
  if (typeof group === 'string') return `OptionGroupName: ${group}`;
  const options: any[] = group.properties.OptionConfigurations ?? [];
  const nne = options.find((o) => o?.OptionName === 'NATIVE_NETWORK_ENCRYPTION');
  if (options.some((o) => o?.OptionName === 'SSL') && !nne) return undefined;
  if (!nne) return `The option group ${group.logicalId} has neither NATIVE_NETWORK_ENCRYPTION nor SSL.`;
  const settings: any[] = nne.OptionSettings ?? [];
  const required = settings.find((s) => s?.Name === 'SQLNET.ENCRYPTION_SERVER')?.Value;
  return String(required).toUpperCase() === 'REQUIRED' ? undefined
    : `The option group ${group.logicalId} sets SQLNET.ENCRYPTION_SERVER to ${JSON.stringify(required)}, not REQUIRED.`;
}

/** The group resource `value` refers to in the same template, or a sentence saying why it cannot be judged. */
function groupOf(resource: TemplateResource, value: TemplateValue, type: string): TemplateResource | string {
  if (value === undefined) return 'not set: the engine\'s default group does not require TLS.';
  const id = referencedLogicalId(value);
  const group = id === undefined ? undefined : resource.template.resource(id);
  if (!group || group.type !== type) return `${JSON.stringify(value)} is not a ${type} of this template, so its settings cannot be verified.`;
  return group;
}

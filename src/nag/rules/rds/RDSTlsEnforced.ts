import { tlsProblem } from './rds-tls';
import { defineRule, problemIf } from '../../template/fortress-rule';

/**
 * RDS DB instances and Aurora clusters refuse unencrypted connections: the parameter group they use (in the same
 * template) sets `rds.force_ssl` = 1 (PostgreSQL, SQL Server) or `require_secure_transport` = 1 (MySQL, MariaDB,
 * Aurora MySQL); Oracle's option group requires native network encryption (or has the SSL option).
 * Aurora member instances are judged through their cluster.
 */
export default defineRule(__filename, {
  resourceTypes: ['AWS::RDS::DBInstance', 'AWS::RDS::DBCluster'],
  info: 'The RDS database does not require encrypted (TLS) connections.',
  explanation: 'Without the engine\'s TLS parameter, clients may connect in clear text and send passwords and data unencrypted over the VPC.',
  fix: 'Use SecureDatabaseInstance or SecureDatabaseCluster, or set rds.force_ssl / require_secure_transport to 1 in the parameter group.',
  evaluate: (db) => {
    if (db.type === 'AWS::RDS::DBInstance' && db.properties.DBClusterIdentifier !== undefined) return [];
    const problem = tlsProblem(db);
    return problemIf(problem !== undefined, problem ?? '');
  },
});

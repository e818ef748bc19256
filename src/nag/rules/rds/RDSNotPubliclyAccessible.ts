import { defineRule, problemIf } from '../../template/fortress-rule';

/**
 * RDS DB instances (and Multi-AZ DB clusters, which have the property too) say `PubliclyAccessible: false`: RDS
 * otherwise decides from the subnet group, and a subnet group with an internet route gives the database a public
 * address. The HIPAA, NIST and PCI packs check instances; AwsSolutions and Serverless do not.
 */
export default defineRule(__filename, {
  resourceTypes: ['AWS::RDS::DBInstance', 'AWS::RDS::DBCluster'],
  info: 'The RDS database does not set PubliclyAccessible to false.',
  explanation: 'A publicly accessible database gets an address reachable from the internet; only its security group stands between it and every scanner.',
  fix: 'Use SecureDatabaseInstance or SecureDatabaseCluster (never public), or set publiclyAccessible: false and place the database in isolated subnets.',
  evaluate: (db) => {
    const value = db.properties.PubliclyAccessible;
    if (db.type === 'AWS::RDS::DBCluster') return problemIf(value === true || value === 'true', 'PubliclyAccessible is true.');
    return problemIf(value !== false && value !== 'false', value === undefined ? 'PubliclyAccessible is not set (RDS decides from the subnet group).' : `PubliclyAccessible is ${JSON.stringify(value)}.`);
  },
});

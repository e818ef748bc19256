import { defineRule, problemIf } from '../../template/fortress-rule';

/** Deletion policies that keep a database's data: the database itself, or a final snapshot. */
const KEEPING = new Set(['Retain', 'RetainExceptOnCreate', 'Snapshot']);

/**
 * RDS DB instances and Aurora clusters keep their data when their stack deletes or replaces them: DeletionPolicy and
 * UpdateReplacePolicy are Snapshot or Retain. Aurora member instances hold no data of their own and are not judged.
 */
export default defineRule(__filename, {
  resourceTypes: ['AWS::RDS::DBInstance', 'AWS::RDS::DBCluster'],
  info: 'The RDS database is deleted without a final snapshot when its stack deletes or replaces it.',
  explanation: 'A database is the system of record: deleting a stack (or a replacement) must leave a snapshot or the database itself.',
  fix: 'Use SecureDatabaseInstance or SecureDatabaseCluster, or set removalPolicy: RemovalPolicy.SNAPSHOT.',
  evaluate: (db) => {
    if (db.type === 'AWS::RDS::DBInstance' && db.properties.DBClusterIdentifier !== undefined) return [];
    return [
      ...problemIf(!KEEPING.has(db.deletionPolicy ?? ''), `DeletionPolicy is ${db.deletionPolicy ?? 'absent (CloudFormation deletes, RDS takes no final snapshot)'}.`),
      ...problemIf(!KEEPING.has(db.updateReplacePolicy ?? ''), `UpdateReplacePolicy is ${db.updateReplacePolicy ?? 'absent (a replacement deletes the old database)'}.`),
    ];
  },
});

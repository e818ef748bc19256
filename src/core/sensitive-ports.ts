/**
 * Remote administration and database ports no security group may open to the internet: SSH, Telnet,
 * RDP, SMB, WinRM, Docker and Kubernetes APIs, and the common databases and caches.
 */
export const ADMIN_AND_DATABASE_PORTS: ReadonlyArray<[string, number, string]> = [
  ['tcp', 22, 'SSH'], ['tcp', 23, 'Telnet'], ['tcp', 3389, 'RDP'], ['udp', 3389, 'RDP'], ['tcp', 445, 'SMB'], ['tcp', 139, 'NetBIOS'],
  ['tcp', 5985, 'WinRM'], ['tcp', 5986, 'WinRM'], ['tcp', 2375, 'Docker API'], ['tcp', 2376, 'Docker API'], ['tcp', 6443, 'Kubernetes API'],
  ['tcp', 10250, 'kubelet'], ['tcp', 1433, 'SQL Server'], ['tcp', 1521, 'Oracle'], ['tcp', 3306, 'MySQL'], ['tcp', 5432, 'PostgreSQL'],
  ['tcp', 5439, 'Redshift'], ['tcp', 6379, 'Redis'], ['tcp', 11211, 'Memcached'], ['udp', 11211, 'Memcached'], ['tcp', 27017, 'MongoDB'],
  ['tcp', 9042, 'Cassandra'], ['tcp', 9200, 'Elasticsearch'], ['tcp', 9300, 'Elasticsearch'], ['tcp', 5984, 'CouchDB'], ['tcp', 8086, 'InfluxDB'],
];

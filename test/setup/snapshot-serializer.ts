/**
 * The library's public snapshot serializer (src/testing/snapshot-serializer.ts), registered for this
 * repository's own snapshots: asset hashes, library versions and inline Lambda code are stripped.
 */
import * as serializer from '../../src/testing/snapshot-serializer';

expect.addSnapshotSerializer(serializer);

import { runAdapterConformance } from '../src/conformance/index.js';
import { MemoryAdapter } from '../src/data/memory-adapter.js';
import type { StoredRecord } from '../src/data/store.js';
import { dropDatabases, freshIndexedDbAdapter } from './db.js';

// The shipped adapters must pass the same kit partners run against their own backends.

runAdapterConformance({
  name: 'MemoryAdapter',
  describe,
  it,
  factory: async ({ user, roles, templates }) => {
    const adapter = new MemoryAdapter({ user, roles });
    await adapter.importRecords({ templates: templates as unknown as StoredRecord[] });
    return adapter;
  },
});

runAdapterConformance({
  name: 'IndexedDbAdapter',
  describe,
  it,
  factory: async ({ user, roles, templates }) => {
    const adapter = freshIndexedDbAdapter({ user, roles });
    await adapter.importRecords({ templates: templates as unknown as StoredRecord[] });
    return adapter;
  },
  cleanup: () => dropDatabases(),
});

import { IndexedDbAdapter, type IndexedDbAdapterOptions } from '../src/data/adapters/indexeddb-adapter.js';
import { RIGHTS } from '../src/data/contract/model.js';

let counter = 0;
/** A database name no other test uses. */
export function uniqueDatabaseName(label = 'test'): string {
  return `lift-test-${label}-${Date.now().toString(36)}-${++counter}-${Math.random().toString(36).slice(2, 8)}`;
}

const opened = new Map<IndexedDbAdapter, string>();

/** An IndexedDbAdapter on a database of its own; {@link dropDatabases} removes it afterwards. */
export function freshIndexedDbAdapter(options: IndexedDbAdapterOptions = {}): IndexedDbAdapter {
  const databaseName = options.databaseName ?? uniqueDatabaseName();
  const adapter = new IndexedDbAdapter({ ...options, databaseName });
  opened.set(adapter, databaseName);
  return adapter;
}

/** Closes every adapter made by {@link freshIndexedDbAdapter} and deletes its database. */
export async function dropDatabases(): Promise<void> {
  const entries = [...opened];
  opened.clear();
  for (const [adapter, name] of entries) {
    adapter.close();
    await IndexedDbAdapter.deleteDatabase(name);
  }
}

/** A database whose seeding admin holds every right, beside a role without "see-archived" (`PRESENT`). */
export const presentOnly = () =>
  freshIndexedDbAdapter({
    roles: [
      { id: 'admin', name: 'Admin', rights: [...RIGHTS] },
      { id: 'present', name: 'Present only', rights: RIGHTS.filter((r) => r !== 'see-archived') },
    ],
  });
export const PRESENT = { id: 'u-present', name: 'Present', role: 'present' };

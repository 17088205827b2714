import { IndexedDbAdapter, type IndexedDbAdapterOptions } from '../src/data/adapters/indexeddb-adapter.js';

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

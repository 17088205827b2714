import {
  compareKeys,
  hasPrefix,
  keyOf,
  scanFilter,
  SCHEMA,
  type Key,
  type ScanOptions,
  type ScanRange,
  type StoreBackend,
  type StoredRecord,
  type StoreName,
  type StoreTransaction,
} from './store.js';
import { LiftDataError } from '../contract/errors.js';

type Table = Map<string, StoredRecord>;

/**
 * Keeps every store in Maps. Write transactions run one at a time and stage their writes, so a
 * failed one leaves nothing behind and compare-and-set behaves as in IndexedDB. Records are
 * copied in and out, as IndexedDB's structured clone would.
 */
export class MemoryBackend implements StoreBackend {
  readonly #tables = new Map<StoreName, Table>();
  #writeQueue: Promise<unknown> = Promise.resolve();
  #closed = false;

  constructor() {
    for (const name of Object.keys(SCHEMA) as StoreName[]) this.#tables.set(name, new Map());
  }

  run<T>(_stores: StoreName[], mode: 'readonly' | 'readwrite', work: (tx: StoreTransaction) => Promise<T>): Promise<T> {
    if (this.#closed) return Promise.reject(new LiftDataError('unavailable', 'The in-memory store is closed.'));
    // A read waits for the writes begun before it, as IndexedDB orders transactions on the same
    // stores: a read started right after a save answers the saved record.
    if (mode === 'readonly') return this.#writeQueue.then(() => work(this.#transaction(undefined)));
    const result = this.#writeQueue.then(async () => {
      const staged = new Map<StoreName, Map<string, StoredRecord | undefined>>();
      const value = await work(this.#transaction(staged));
      for (const [store, writes] of staged) {
        const table = this.#tables.get(store)!;
        for (const [key, record] of writes) {
          if (record) table.set(key, record);
          else table.delete(key);
        }
      }
      return value;
    });
    this.#writeQueue = result.catch(() => undefined);
    return result;
  }

  close(): void {
    this.#closed = true;
  }

  #transaction(staged: Map<StoreName, Map<string, StoredRecord | undefined>> | undefined): StoreTransaction {
    const rows = (store: StoreName): StoredRecord[] => {
      const merged = new Map(this.#tables.get(store)!);
      for (const [key, record] of staged?.get(store) ?? []) {
        if (record) merged.set(key, record);
        else merged.delete(key);
      }
      return [...merged.values()];
    };
    const stage = (store: StoreName, key: Key, record: StoredRecord | undefined) => {
      if (!staged) throw new LiftDataError('unavailable', 'A read-only transaction cannot write.');
      let writes = staged.get(store);
      if (!writes) staged.set(store, (writes = new Map()));
      writes.set(JSON.stringify(key), record);
    };
    const indexed = (store: StoreName, index: string | undefined) => {
      const spec = SCHEMA[store];
      const keyPath = index ? spec.indexes.find((i) => i.name === index)?.keyPath : spec.keyPath;
      if (!keyPath) throw new Error(`No index ${index} on ${store}`);
      return rows(store)
        .map((record) => ({ record, key: keyOf(record, keyPath) }))
        .sort((a, b) => compareKeys(a.key, b.key));
    };
    return {
      get: async (store, key) => {
        const pending = staged?.get(store);
        const id = JSON.stringify(key);
        const record = pending?.has(id) ? pending.get(id) : this.#tables.get(store)!.get(id);
        return record && structuredClone(record);
      },
      put: async (store, value) => stage(store, keyOf(value, SCHEMA[store].keyPath), structuredClone(value)),
      putMany: async (store, values) => {
        for (const value of values) stage(store, keyOf(value, SCHEMA[store].keyPath), structuredClone(value));
      },
      delete: async (store, key) => stage(store, key, undefined),
      scan: async (store: StoreName, index: string, range: ScanRange, options: ScanOptions): Promise<StoredRecord[]> => {
        const filter = scanFilter(options);
        let entries = indexed(store, index).filter(({ key }) => hasPrefix(key, range.prefix));
        if (options.direction === 'prev') entries.reverse();
        if (range.after) {
          const after = range.after;
          entries = entries.filter(({ key }) => (options.direction === 'prev' ? compareKeys(key, after) < 0 : compareKeys(key, after) > 0));
        }
        const records: StoredRecord[] = [];
        for (const { record } of entries) {
          if (filter && !filter(record)) continue;
          records.push(structuredClone(record));
          if (options.limit !== undefined && records.length >= options.limit) break;
        }
        return records;
      },
      getAll: async (store, prefix, index) =>
        indexed(store, index)
          .filter(({ key }) => hasPrefix(key, prefix))
          .map(({ record }) => structuredClone(record)),
      // Counting needs no order: no sort.
      count: async (store, prefix, index) => {
        const spec = SCHEMA[store];
        const keyPath = index ? spec.indexes.find((i) => i.name === index)?.keyPath : spec.keyPath;
        if (!keyPath) throw new Error(`No index ${index} on ${store}`);
        return rows(store).filter((record) => hasPrefix(keyOf(record, keyPath), prefix)).length;
      },
    };
  }
}

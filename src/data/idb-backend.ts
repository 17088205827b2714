import { deleteDB, openDB, type IDBPDatabase, type IDBPTransaction } from 'idb';
import { LiftDataError } from './errors.js';
import {
  SCHEMA,
  type Key,
  type ScanOptions,
  type ScanRange,
  type StoreBackend,
  type StoredRecord,
  type StoreName,
  type StoreTransaction,
} from './store.js';

/** The schema version this code writes. Bump it with a new step in {@link upgrade}. */
export const DB_VERSION = 1;

type Db = IDBPDatabase<unknown>;
type Tx = IDBPTransaction<unknown, StoreName[], 'readonly' | 'readwrite'>;

export interface IdbBackendOptions {
  databaseName: string;
  /** Called when another tab upgrades the database (this connection has closed itself). */
  onVersionChange?: () => void;
  /** How long to wait for older connections to close before an upgrade gives up. */
  blockedTimeoutMs?: number;
}

/**
 * The append-only upgrade ladder: each step moves a database from one version to the next, so a
 * database written by any earlier version opens with its data intact.
 */
function upgrade(db: Db, oldVersion: number): void {
  if (oldVersion < 1) {
    for (const [name, spec] of Object.entries(SCHEMA)) {
      const store = db.createObjectStore(name, { keyPath: spec.keyPath });
      for (const index of spec.indexes) store.createIndex(index.name, index.keyPath, { unique: false });
    }
  }
}

/** Upper bound for "every key that starts with prefix": arrays sort after strings and numbers. */
const prefixEnd = (prefix: Key[]): Key[] => [...prefix, []];

function prefixRange(prefix: Key[]): IDBKeyRange | null {
  return prefix.length ? IDBKeyRange.bound(prefix, prefixEnd(prefix)) : null;
}

/** Translates what IndexedDB throws into the contract's error codes, keeping the cause. */
export function toLiftError(error: unknown, fallback = 'The local database could not complete the request.'): LiftDataError {
  if (LiftDataError.is(error)) return error;
  const name = (error as { name?: string } | null)?.name;
  const inner = (error as { target?: { error?: { name?: string } } } | null)?.target?.error?.name;
  if (name === 'QuotaExceededError' || inner === 'QuotaExceededError') {
    return new LiftDataError('quota', 'The browser has no room left to store this. Free some space and try again.', { cause: error });
  }
  if (name === 'VersionError') {
    return new LiftDataError('version-change', 'A newer version of this app has changed the local database. Reload the page.', { cause: error });
  }
  if (name === 'AbortError' && (error as { message?: string }).message?.includes('abort')) {
    return new LiftDataError('aborted', 'The request was cancelled.', { cause: error });
  }
  return new LiftDataError('unavailable', fallback, { cause: error });
}

/**
 * Errors after which a fresh connection may succeed: the old one was closed under us, so the
 * transaction never ran. (Not TransactionInactiveError: that one may follow writes that did
 * commit, and a retry could repeat them.)
 */
const isLostConnection = (error: unknown) => {
  const name = (error as { name?: string } | null)?.name;
  return name === 'InvalidStateError' || name === 'UnknownError';
};

export class IdbBackend implements StoreBackend {
  #db: Promise<Db> | undefined;
  #state: 'open' | 'version-changed' | 'closed' = 'open';

  constructor(private readonly options: IdbBackendOptions) {}

  #open(): Promise<Db> {
    if (this.#state === 'version-changed') {
      return Promise.reject(new LiftDataError('version-change', 'Another tab has upgraded the local database. Reload the page to continue.'));
    }
    if (this.#state === 'closed') return Promise.reject(new LiftDataError('unavailable', 'This adapter has been closed.'));
    if (this.#db) return this.#db;
    const opening = new Promise<Db>((resolve, reject) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      openDB(this.options.databaseName, DB_VERSION, {
        upgrade: (db, oldVersion) => upgrade(db as Db, oldVersion),
        blocked: () => {
          // An older connection elsewhere did not close for our upgrade: do not hang forever.
          timer = setTimeout(
            () => reject(new LiftDataError('version-change', 'Another tab keeps an older version of the local database open. Close or reload it.')),
            this.options.blockedTimeoutMs ?? 5000,
          );
        },
        blocking: () => {
          // Another tab wants to upgrade: step aside at once and say so.
          this.#state = 'version-changed';
          void this.#db?.then((db) => db.close());
          this.#db = undefined;
          this.options.onVersionChange?.();
        },
        terminated: () => {
          // The browser closed the connection (storage cleared, crash): reopen on next use.
          this.#db = undefined;
        },
      }).then(
        (db) => {
          clearTimeout(timer);
          resolve(db as Db);
        },
        (error) => {
          clearTimeout(timer);
          reject(toLiftError(error, 'The local database could not be opened.'));
        },
      );
    });
    this.#db = opening;
    opening.catch(() => {
      if (this.#db === opening) this.#db = undefined;
    });
    return opening;
  }

  async run<T>(stores: StoreName[], mode: 'readonly' | 'readwrite', work: (tx: StoreTransaction) => Promise<T>): Promise<T> {
    try {
      return await this.#attempt(stores, mode, work);
    } catch (error) {
      if (!isLostConnection(error) || this.#state !== 'open') throw toLiftError(error);
      // Lost connection: nothing committed (the transaction failed), so one retry on a fresh
      // connection is safe. A second failure is reported, never swallowed. Close what is left
      // of the old connection, or it would block a later upgrade or deletion.
      void this.#db?.then((db) => db.close()).catch(() => undefined);
      this.#db = undefined;
      try {
        return await this.#attempt(stores, mode, work);
      } catch (retryError) {
        throw toLiftError(retryError, 'The local database connection was lost and could not be restored.');
      }
    }
  }

  async #attempt<T>(stores: StoreName[], mode: 'readonly' | 'readwrite', work: (tx: StoreTransaction) => Promise<T>): Promise<T> {
    const db = await this.#open();
    const tx = db.transaction(stores, mode, { durability: 'strict' }) as unknown as Tx;
    // Swallow the rejection of `done` here; we await it below or abort deliberately.
    tx.done.catch(() => undefined);
    let result: T;
    try {
      result = await work(wrap(tx));
    } catch (error) {
      try {
        tx.abort();
      } catch {
        // already finished
      }
      throw error;
    }
    await tx.done;
    return result;
  }

  close(): void {
    if (this.#state === 'open') this.#state = 'closed';
    void this.#db?.then((db) => db.close()).catch(() => undefined);
    this.#db = undefined;
  }

  /** Deletes the whole database (tests, "reset demo data"). */
  static async deleteDatabase(name: string): Promise<void> {
    await deleteDB(name);
  }
}

/** Cursor steps a filtered scan takes before it reads the rest of the range at once. */
const CURSOR_STEPS_BEFORE_BULK = 200;

function wrap(tx: Tx): StoreTransaction {
  const store = (name: StoreName) => tx.objectStore(name);
  const source = (name: StoreName, index?: string) => (index ? store(name).index(index as never) : store(name));
  return {
    get: async (name, key) => (await store(name).get(key as IDBValidKey)) as StoredRecord | undefined,
    put: async (name, value) => {
      await store(name).put!(value);
    },
    delete: async (name, key) => {
      await store(name).delete!(key as IDBValidKey);
    },
    getAll: async (name, prefix, index) => (await source(name, index).getAll(prefixRange(prefix))) as StoredRecord[],
    count: (name, prefix, index) => source(name, index).count(prefixRange(prefix)),
    scan: async (name: StoreName, index: string, range: ScanRange, options: ScanOptions) => {
      const { prefix, after } = range;
      let keyRange: IDBKeyRange | null;
      if (!after) keyRange = prefixRange(prefix);
      else if (options.direction === 'prev') keyRange = prefix.length ? IDBKeyRange.bound(prefix, after, false, true) : IDBKeyRange.upperBound(after, true);
      else keyRange = prefix.length ? IDBKeyRange.bound(after, prefixEnd(prefix), true, false) : IDBKeyRange.lowerBound(after, true);
      const records: StoredRecord[] = [];
      const full = () => options.limit !== undefined && records.length >= options.limit;
      let cursor = await source(name, index).openCursor(keyRange, options.direction);
      let steps = 0;
      while (cursor) {
        const record = cursor.value as StoredRecord;
        if (!options.filter || options.filter(record)) {
          records.push(record);
          if (full()) return records;
        }
        if (options.filter && ++steps >= CURSOR_STEPS_BEFORE_BULK) break;
        cursor = await cursor.continue();
      }
      if (!cursor) return records;
      // A filter that matches rarely walks most of the index. One cursor step costs a round
      // trip (about 0.15 ms); one bulk read of the rest costs about a tenth of that per record.
      const seen = cursor.key as IDBValidKey;
      const rest =
        options.direction === 'prev'
          ? keyRange && keyRange.lower !== undefined
            ? IDBKeyRange.bound(keyRange.lower, seen, keyRange.lowerOpen, true)
            : IDBKeyRange.upperBound(seen, true)
          : keyRange && keyRange.upper !== undefined
            ? IDBKeyRange.bound(seen, keyRange.upper, true, keyRange.upperOpen)
            : IDBKeyRange.lowerBound(seen, true);
      const remaining = (await source(name, index).getAll(rest)) as StoredRecord[];
      if (options.direction === 'prev') remaining.reverse();
      for (const record of remaining) {
        if (options.filter!(record)) {
          records.push(record);
          if (full()) break;
        }
      }
      return records;
    },
  };
}

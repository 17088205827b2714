import { deleteDB, openDB, unwrap, type IDBPDatabase, type IDBPTransaction } from 'idb';
import { LiftDataError } from '../contract/errors.js';
import { plainLetters } from '../contract/text.js';
import {
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

/** The schema version this code writes. Bump it with a new step in {@link upgrade}. */
export const DB_VERSION = 2;

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
function upgrade(db: Db, oldVersion: number, tx: IDBPTransaction<unknown, StoreName[], 'versionchange'>): void {
  if (oldVersion < 1) {
    for (const [name, spec] of Object.entries(SCHEMA)) {
      const store = db.createObjectStore(name, { keyPath: spec.keyPath });
      for (const index of spec.indexes) store.createIndex(index.name, index.keyPath, { unique: false });
    }
    // A new database is made at the schema of today (SCHEMA): the steps below move data it does not hold.
    return;
  }
  if (oldVersion < 2) {
    // Search and sorting spell letters such as ı, ł, ø and ß plainly now: the folded text kept
    // with contacts and relations is spelled so too (the overview's is worked out when read).
    void (async () => {
      for (const [name, field] of [['contacts', '_search'], ['relations', '_sortName']] as const) {
        for (let cursor = await tx.objectStore(name).openCursor(); cursor; cursor = await cursor.continue()) {
          const value = cursor.value as StoredRecord;
          const plain = typeof value[field] === 'string' ? plainLetters(value[field]) : undefined;
          if (plain !== undefined && plain !== value[field]) await cursor.update({ ...value, [field]: plain });
        }
      }
    })();
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
  // A key IndexedDB cannot take (undefined, null, an object): what the caller gave, so not a
  // reason to try again later. The engine checks ids before storage; this covers any it missed.
  if (name === 'DataError' || inner === 'DataError') {
    return new LiftDataError('validation', 'A key given to the local database is not one it can look up or store.', { cause: error });
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

const HELD_OPEN = 'Another tab keeps an older version of the local database open. Close or reload it.';

export class IdbBackend implements StoreBackend {
  /** Five hundred records of a few hundred bytes are read, cloned and folded well within one frame. */
  readonly readBatch = 500;
  /** Other tabs open the same database. */
  readonly shared = true;
  #db: Promise<Db> | undefined;
  #state: 'open' | 'version-changed' | 'closed' = 'open';
  /** An open given up as blocked that the browser still holds, until it opens or fails. */
  #givenUp = false;

  constructor(private readonly options: IdbBackendOptions) {}

  #open(): Promise<Db> {
    if (this.#state === 'version-changed') {
      return Promise.reject(new LiftDataError('version-change', 'Another tab has upgraded or removed the local database. Reload the page to continue.'));
    }
    if (this.#state === 'closed') return Promise.reject(new LiftDataError('unavailable', 'This adapter has been closed.'));
    if (this.#db) return this.#db;
    // A request made now would queue behind the one given up, and a queued request is never
    // told it is blocked: it would wait as long as the other tab, where this says why at once.
    if (this.#givenUp) return Promise.reject(new LiftDataError('version-change', HELD_OPEN));
    const opening = new Promise<Db>((resolve, reject) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      let givenUp = false;
      openDB(this.options.databaseName, DB_VERSION, {
        upgrade: (db, oldVersion, _newVersion, tx) => upgrade(db as Db, oldVersion, tx as IDBPTransaction<unknown, StoreName[], 'versionchange'>),
        blocked: () => {
          // An older connection elsewhere did not close for our upgrade: do not hang forever.
          timer = setTimeout(() => {
            givenUp = true;
            this.#givenUp = true;
            reject(new LiftDataError('version-change', HELD_OPEN));
          }, this.options.blockedTimeoutMs ?? 5000);
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
          this.#givenUp = false;
          // Given up while blocked, the request still opened: nothing holds this connection, so
          // it closes rather than block another tab's upgrade or removal until a reload.
          if (givenUp) db.close();
          else resolve(db as Db);
        },
        (error) => {
          clearTimeout(timer);
          this.#givenUp = false;
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
    const tx = (mode === 'readwrite' ? db.transaction(stores, mode, { durability: 'strict' }) : db.transaction(stores, mode)) as unknown as Tx;
    // Swallow the rejection of `done` here; we await it below or abort deliberately.
    tx.done.catch(() => undefined);
    let result: T;
    try {
      result = await work(wrap(tx));
    } catch (error) {
      // A request failing because its transaction aborted carries only "AbortError"; the
      // transaction's own error has the cause (a quota error, a lost connection).
      const cause = (error as { name?: string } | null)?.name === 'AbortError' ? ((unwrap(tx) as IDBTransaction).error ?? error) : error;
      try {
        tx.abort();
      } catch {
        // already finished
      }
      throw cause;
    }
    // A read has its answer once its requests succeeded; waiting for the commit would only add
    // a round trip. A write is done only when it committed.
    if (mode === 'readwrite') await tx.done;
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
/** Records per getAll request when reading a long range, so an abort takes effect between them. */
const GET_ALL_CHUNK = 10_000;

/** A native request as a promise: one listener pair, no per-step wrapper objects. */
function settle<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

/** Records per bulk window when a filtered scan leaves its cursor. */
const BULK_WINDOW = 2000;

/**
 * The next window of up to BULK_WINDOW records beyond `edge` (exclusive) in the scan's
 * direction, in that direction. A key cursor's `advance` finds where the window ends, so each
 * window costs two requests whatever its size; `last` says nothing lies beyond it.
 */
async function bulkWindow(
  from: IDBObjectStore | IDBIndex,
  range: IDBKeyRange | null,
  edge: IDBValidKey,
  direction: 'next' | 'prev',
): Promise<{ records: StoredRecord[]; edge: IDBValidKey; last: boolean }> {
  const rest =
    direction === 'prev'
      ? range && range.lower !== undefined
        ? IDBKeyRange.bound(range.lower, edge, range.lowerOpen, true)
        : IDBKeyRange.upperBound(edge, true)
      : range && range.upper !== undefined
        ? IDBKeyRange.bound(edge, range.upper, true, range.upperOpen)
        : IDBKeyRange.lowerBound(edge, true);
  // The key BULK_WINDOW - 1 steps from the edge closes the window (none: the rest is short).
  const far = await new Promise<IDBValidKey | undefined>((resolve, reject) => {
    const request = from.openKeyCursor(rest, direction);
    let advanced = false;
    request.onerror = () => reject(request.error);
    request.onsuccess = () => {
      const cursor = request.result;
      if (!cursor) return resolve(undefined);
      if (advanced) return resolve(cursor.key);
      advanced = true;
      cursor.advance(BULK_WINDOW - 1);
    };
  });
  const window = far === undefined ? rest : direction === 'prev' ? IDBKeyRange.bound(far, edge, false, true) : IDBKeyRange.bound(edge, far, true, false);
  const records = (await settle(from.getAll(window))) as StoredRecord[];
  if (direction === 'prev') records.reverse();
  return { records, edge: far ?? edge, last: far === undefined };
}

/** The index's key of a record (or the primary key, for a store). */
function indexKey(name: StoreName, index: string | undefined, record: StoredRecord): Key {
  const spec = SCHEMA[name];
  return keyOf(record, index ? spec.indexes.find((i) => i.name === index)!.keyPath : spec.keyPath);
}

function wrap(tx: Tx): StoreTransaction {
  // The hot paths (cursors, bulk reads and writes) use the native objects: idb's promise per
  // request costs more than the IndexedDB work itself when it runs per record.
  const native = unwrap(tx) as IDBTransaction;
  const store = (name: StoreName) => native.objectStore(name);
  const source = (name: StoreName, index?: string): IDBObjectStore | IDBIndex => (index ? store(name).index(index) : store(name));
  return {
    get: async (name, key) => (await settle(store(name).get(key as IDBValidKey))) as StoredRecord | undefined,
    put: async (name, value) => {
      await settle(store(name).put(value));
    },
    putMany: async (name, values) => {
      const target = store(name);
      let last: IDBRequest | undefined;
      for (const value of values) last = target.put(value);
      // Requests in one transaction complete in order: the last one succeeding means all did.
      // When an earlier one failed, the transaction's own error says why (quota, say).
      if (last) await settle(last).catch((error: unknown) => Promise.reject(native.error ?? error));
    },
    delete: async (name, key) => {
      await settle(store(name).delete(key as IDBValidKey));
    },
    getAll: async (name, prefix, index, signal) => {
      const from = source(name, index);
      const end = prefix.length ? prefixEnd(prefix) : undefined;
      let range = prefixRange(prefix);
      let records: StoredRecord[] = [];
      for (;;) {
        const chunk = (await settle(from.getAll(range, GET_ALL_CHUNK))) as StoredRecord[];
        records = records.length ? records.concat(chunk) : chunk;
        if (chunk.length < GET_ALL_CHUNK) return records;
        if (signal?.aborted) throw new DOMException('The read was aborted.', 'AbortError');
        const last = indexKey(name, index, chunk.at(-1)!) as IDBValidKey;
        range = end ? IDBKeyRange.bound(last, end, true, false) : IDBKeyRange.lowerBound(last, true);
      }
    },
    count: (name, prefix, index) => settle(source(name, index).count(prefixRange(prefix) ?? undefined)),
    scan: async (name: StoreName, index: string, range: ScanRange, options: ScanOptions) => {
      const filter = scanFilter(options);
      const { prefix, after } = range;
      let keyRange: IDBKeyRange | null;
      if (!after) keyRange = prefixRange(prefix);
      else if (options.direction === 'prev') keyRange = prefix.length ? IDBKeyRange.bound(prefix, after, false, true) : IDBKeyRange.upperBound(after, true);
      else keyRange = prefix.length ? IDBKeyRange.bound(after, prefixEnd(prefix), true, false) : IDBKeyRange.lowerBound(after, true);
      const from = source(name, index);
      // Unfiltered and forwards, a page is one bulk read instead of a round trip per record.
      if (!filter && options.direction === 'next' && options.limit !== undefined) {
        return (await settle(from.getAll(keyRange, options.limit))) as StoredRecord[];
      }
      const records: StoredRecord[] = [];
      const full = () => options.limit !== undefined && records.length >= options.limit;
      // Walk with a native cursor; stop when full, at the end, or (filtered) after enough steps.
      const stoppedAt = await new Promise<IDBValidKey | undefined>((resolve, reject) => {
        const request = from.openCursor(keyRange, options.direction);
        let steps = 0;
        request.onerror = () => reject(request.error);
        request.onsuccess = () => {
          // A throwing filter must reject the read, not leave it pending forever.
          try {
            const cursor = request.result;
            if (!cursor) return resolve(undefined);
            const record = cursor.value as StoredRecord;
            if (!filter || filter(record)) {
              records.push(record);
              if (full()) return resolve(undefined);
            }
            if (filter && ++steps >= CURSOR_STEPS_BEFORE_BULK) return resolve(cursor.key);
            cursor.continue();
          } catch (error) {
            reject(error);
          }
        };
      });
      if (stoppedAt === undefined) return records;
      // A filter that matches rarely walks most of the index. One cursor step costs a round
      // trip; reading the rest in windows of bulk reads costs a small part of that per record,
      // and stops as soon as the page is full or the read is aborted.
      let edge: IDBValidKey = stoppedAt;
      for (;;) {
        if (options.signal?.aborted) throw new DOMException('The read was aborted.', 'AbortError');
        const window = await bulkWindow(from, keyRange, edge, options.direction);
        if (!window.records.length) return records;
        for (const record of window.records) {
          if (filter!(record)) {
            records.push(record);
            if (full()) return records;
          }
        }
        if (window.last) return records;
        edge = window.edge;
      }
      return records;
    },
  };
}

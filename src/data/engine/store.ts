import { LiftDataError } from '../contract/errors.js';
import type { OverviewFilter, OverviewMatches } from './overview.js';
import type { ActivityCount } from './overview-index.js';

/**
 * The storage seam under both shipped adapters: a handful of object stores with compound-key
 * indexes, read and written inside transactions. {@link StoreAdapter} implements the whole
 * adapter contract once on top of this; MemoryBackend and IdbBackend only store.
 */

export type StoreName =
  | 'relations'
  | 'contacts'
  | 'work'
  | 'timeline'
  | 'checklistItems'
  | 'checklistStates'
  | 'templates'
  | 'preferences'
  | 'users'
  | 'meta';

/** A key as IndexedDB understands it; we only use strings, numbers and arrays of them. */
export type Key = string | number | Key[];

export interface IndexSpec {
  name: string;
  keyPath: string[];
}

export interface StoreSpec {
  keyPath: string | string[];
  indexes: IndexSpec[];
}

/**
 * Every store and index. Index key paths end in the primary key so that every index key is
 * unique and a page cursor (the last key seen) is exact.
 */
export const SCHEMA: Record<StoreName, StoreSpec> = {
  relations: { keyPath: 'id', indexes: [{ name: 'byName', keyPath: ['_sortName', 'id'] }] },
  contacts: {
    keyPath: 'id',
    indexes: [
      { name: 'byUpdated', keyPath: ['updatedAt', 'id'] },
      { name: 'byRelation', keyPath: ['relationId', 'updatedAt', 'id'] },
    ],
  },
  work: { keyPath: 'id', indexes: [{ name: 'byContact', keyPath: ['contactId', 'createdAt', 'id'] }] },
  timeline: { keyPath: 'id', indexes: [{ name: 'byContact', keyPath: ['contactId', 'occurredAt', 'id'] }] },
  checklistItems: { keyPath: 'id', indexes: [{ name: 'byCardType', keyPath: ['cardType', 'order', 'id'] }] },
  checklistStates: { keyPath: ['contactId', 'itemId'], indexes: [] },
  templates: { keyPath: 'id', indexes: [] },
  preferences: { keyPath: ['userId', 'cardType'], indexes: [] },
  users: { keyPath: 'id', indexes: [] },
  meta: { keyPath: 'key', indexes: [] },
};

export type StoredRecord = Record<string, unknown>;

/** Which part of an index to walk: keys starting with `prefix`, strictly before / after `after`. */
export interface ScanRange {
  prefix: Key[];
  /** Continue after this full index key (exclusive), in the scan's direction. */
  after?: Key[];
}

/**
 * Which records a scan keeps, said as data so that a backend can answer it where the data lives
 * (in SQL, from indexes); {@link matches} is what it means.
 */
export interface ScanWhere {
  /** Every word occurs in this field's (folded) text. */
  words?: { field: string; words: readonly string[] };
  /** The field holds one of these values. */
  oneOf?: { field: string; values: readonly (string | number)[] };
  /** The field is not `true` (false or absent): archived records left out. */
  notTrue?: string;
}

/** Whether a record passes a scan's `where`. */
export function matches(record: StoredRecord, where: ScanWhere): boolean {
  if (where.notTrue && record[where.notTrue] === true) return false;
  if (where.oneOf && !where.oneOf.values.includes(record[where.oneOf.field] as string | number)) return false;
  if (where.words) {
    const text = record[where.words.field];
    // A record without its search text is damaged: the read fails rather than hiding it.
    if (where.words.words.length && typeof text !== 'string') throw new LiftDataError('unavailable', `A stored record is damaged: it has no ${where.words.field}.`);
    for (const word of where.words.words) if (!(text as string).includes(word)) return false;
  }
  return true;
}

/** A scan's `where` and `filter` as one test; undefined when it keeps everything. */
export function scanFilter(options: ScanOptions): ((record: StoredRecord) => boolean) | undefined {
  const { where, filter } = options;
  if (!where) return filter;
  return filter ? (record) => matches(record, where) && filter(record) : (record) => matches(record, where);
}

export interface ScanOptions {
  direction: 'next' | 'prev';
  /** Stop after this many records pass `where` and `filter`. */
  limit?: number;
  where?: ScanWhere;
  filter?: (record: StoredRecord) => boolean;
  signal?: AbortSignal;
}

/** Operations inside one transaction. Await only these inside it (IndexedDB commits otherwise). */
export interface StoreTransaction {
  get(store: StoreName, key: Key): Promise<StoredRecord | undefined>;
  put(store: StoreName, value: StoredRecord): Promise<void>;
  delete(store: StoreName, key: Key): Promise<void>;
  /** Walks an index in order and returns up to `limit` records that pass `filter`. */
  scan(store: StoreName, index: string, range: ScanRange, options: ScanOptions): Promise<StoredRecord[]>;
  /**
   * Every record whose primary key (or, with `index`, index key) starts with `prefix`. With a
   * `signal`, a long read stops soon after it is aborted (and rejects) instead of finishing.
   */
  getAll(store: StoreName, prefix: Key[], index?: string, signal?: AbortSignal): Promise<StoredRecord[]>;
  /** Writes many records without waiting for each: for bulk imports. */
  putMany(store: StoreName, values: readonly StoredRecord[]): Promise<void>;
  count(store: StoreName, prefix: Key[], index?: string): Promise<number>;
}

export interface StoreBackend {
  /** Runs `work` in one transaction; it commits when `work` resolves and rolls back when it throws. */
  run<T>(stores: StoreName[], mode: 'readonly' | 'readwrite', work: (tx: StoreTransaction) => Promise<T>): Promise<T>;
  /**
   * Records per read when the engine walks a long range (building a contact's overview index),
   * yielding to the event loop between reads so that no task runs long. Absent: one read.
   */
  readonly readBatch?: number;
  /**
   * Others (other tabs) write to the same storage, and news of their writes arrives later than
   * the writes: the engine then checks what it keeps in memory against storage before using it.
   */
  readonly shared?: boolean;
  /**
   * Answers the overview where the data lives (in SQL, from indexes). Absent: the engine answers
   * from an in-memory index of the contact's entries, read through `scan`.
   */
  overview?(filter: OverviewFilter, signal?: AbortSignal): Promise<OverviewMatches>;
  /**
   * Counts a contact's entries per month and kind where the data lives, the months those of
   * `timeZone` (an IANA name the engine has checked; absent: UTC). Absent: from the engine's index.
   */
  activity?(contactId: string, range: { from: string; to: string }, signal?: AbortSignal, timeZone?: string): Promise<ActivityCount[]>;
  close(): void;
}

/** IndexedDB's key order: numbers < strings < arrays, arrays element by element. */
export function compareKeys(a: Key, b: Key): number {
  const rank = (k: Key) => (typeof k === 'number' ? 0 : typeof k === 'string' ? 1 : 2);
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra - rb;
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      const c = compareKeys(a[i]!, b[i]!);
      if (c) return c;
    }
    return a.length - b.length;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Whether `key` starts with every element of `prefix`. */
export function hasPrefix(key: Key, prefix: Key[]): boolean {
  if (!prefix.length) return true;
  if (!Array.isArray(key) || key.length < prefix.length) return false;
  return prefix.every((part, i) => compareKeys(part, key[i]!) === 0);
}

export function keyOf(record: StoredRecord, keyPath: string | string[]): Key {
  if (typeof keyPath === 'string') return record[keyPath] as Key;
  return keyPath.map((part) => record[part] as Key);
}

/** Page cursors are the last index key, opaque to callers. */
export function encodeCursor(key: Key[]): string {
  return btoa(encodeURIComponent(JSON.stringify(key)));
}

export function decodeCursor(cursor: string): Key[] | undefined {
  try {
    const key = JSON.parse(decodeURIComponent(atob(cursor))) as unknown;
    return Array.isArray(key) ? (key as Key[]) : undefined;
  } catch {
    return undefined;
  }
}

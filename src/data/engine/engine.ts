import type { ChangeResource, DataChange, Page, PageOptions, ReadOptions, SessionApi } from '../contract/adapter.js';
import type { Id, Right, TimelineEntry, User } from '../contract/model.js';
import type { OverviewCache } from './overview-cache.js';
import { cursorKey, existing, fail, fitPage, pageLimit, strip } from './rules.js';
import { encodeCursor, hasPrefix, keyOf, SCHEMA, type Key, type ScanWhere, type StoreBackend, type StoredRecord, type StoreName, type StoreTransaction } from './store.js';

/** A timeline entry before the engine gives it an id, an author and (unless given) a time. */
export type EntryInput = Omit<TimelineEntry, 'id' | 'author' | 'authorId' | 'occurredAt'> & { occurredAt?: string };

/**
 * What the parts of the contract (contacts, timeline, checklists, documents) need of the adapter
 * that owns them: who acts and with which rights, the clock, and reads and writes in one
 * transaction whose changes are published once it committed. `StoreAdapter` is the one
 * implementation; the parts are plain functions over it, so each can be read on its own.
 */
export interface Engine {
  readonly backend: StoreBackend;
  readonly session: SessionApi;
  readonly overviews: OverviewCache;
  /** The user the adapter acts for now. */
  user(): User;
  now(): Date;
  /** Strictly increasing from this adapter, so "newest first" is well defined. */
  timestamp(): string;
  /** Fails with `permission` unless the user holds the right. */
  require(right: Right, what: string): void;
  /** A read needs `read`; an archived record, or a list asked to hold archived ones, `see-archived` too. */
  mayRead(archived?: unknown): void;
  /** Checks the reader may see the contact whose records are read (when it exists). */
  mayReadFor(tx: StoreTransaction, contactId: Id): Promise<StoredRecord | undefined>;
  read<T>(stores: StoreName[], options: ReadOptions | undefined, work: (tx: StoreTransaction) => Promise<T>): Promise<T>;
  write<T>(stores: StoreName[], work: (tx: StoreTransaction, changes: DataChange[]) => Promise<T>): Promise<T>;
  /** Adds to the changes a write will publish, one per type, resource and contact. */
  change(changes: DataChange[], type: DataChange['type'], resource: ChangeResource, ids: Id[], contactId?: Id): void;
  /** A new entry by the current user. */
  entry(partial: EntryInput): TimelineEntry;
}

/** The stored contact, or a not-found error. */
export function getContact(tx: StoreTransaction, id: Id): Promise<StoredRecord> {
  return existing(tx, 'contacts', id, 'contact');
}

/**
 * The stored contact a write acts on, once the user may read it as a read would check (`read`,
 * and `see-archived` for an archived one): a write answers with the contact, or with it in a
 * conflict, or builds on it (a copy, a document filled from it).
 */
export async function writableContact(engine: Engine, tx: StoreTransaction, id: Id): Promise<StoredRecord> {
  const contact = await getContact(tx, id);
  engine.mayRead(contact.archived);
  return contact;
}

/** Keyset paging over an index: fetch one extra record to know whether a next page exists. */
export async function keysetPage<T>(
  tx: StoreTransaction,
  store: StoreName,
  index: string,
  prefix: Key[],
  options: PageOptions,
  where?: ScanWhere,
): Promise<Page<T>> {
  const limit = pageLimit(options.limit);
  const after = cursorKey(options.cursor);
  const keyPath = SCHEMA[store].indexes.find((i) => i.name === index)!.keyPath;
  const direction = store === 'relations' ? 'next' : 'prev';
  // A cursor from another list (another contact's or relation's pages) would walk outside it.
  if (after && (after.length !== keyPath.length || !hasPrefix(after, prefix))) {
    fail('validation', 'This page cursor belongs to another list.', { fields: { cursor: 'type' } });
  }
  const records = await tx.scan(
    store,
    index,
    { prefix, ...(after ? { after } : {}) },
    { direction, limit: limit + 1, ...(where ? { where } : {}), ...(options.signal ? { signal: options.signal } : {}) },
  );
  const { items, more } = fitPage(records, limit);
  const last = items.at(-1);
  return { items: items.map((r) => strip<T>(r)), ...(more && last ? { next: encodeCursor(keyOf(last, keyPath) as Key[]) } : {}) };
}

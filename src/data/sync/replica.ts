// The device's copy of what one user read from one server, and the outbox of what they changed
// while it could not be reached: one IndexedDB database per server and user, so a colleague who
// signs in on the same device never sees the previous user's copy or sends her changes.
import { openDB, type IDBPDatabase, type IDBPObjectStore, type IDBPTransaction, type StoreNames } from 'idb';
import { LiftDataError } from '../contract/errors.js';
import type { PendingChange } from '../contract/sync.js';
import type { ChecklistState, Contact } from '../contract/model.js';

/** The reads kept: at most this many answers, the oldest read dropped first. */
export const KEPT_READS = 4000;

/** A write made while the server could not be reached, waiting in the order it was made. */
export interface OutboxEntry extends PendingChange {
  /** Order of arrival, given by the database. */
  seq?: number;
  /** The contract method it repeats. */
  op: 'contacts.update' | 'timeline.add' | 'checklists.setState' | 'preferences.set';
  /** The method's arguments (the changes merged in when a later write of the same record joined it). */
  args: unknown[];
  /** For a contact: the record the user's changes were made on (what "original" is in a conflict). */
  base?: Contact;
  /** What the write returned on the device; a later write of the same record starts from it. */
  local?: unknown;
  /** For a checklist item: its state before the change, if it had one (what shows again when the change is discarded). */
  before?: ChecklistState;
  /** For a conflict: the record as the server holds it now. */
  theirs?: unknown;
  /** Sent at least once: the server may hold it under its request id, as it was sent. */
  tried?: boolean;
  /**
   * For a change of a contact or a checklist item: the changes as sent in the last few attempts,
   * oldest first, each of which may have landed with its answer lost. What the server holds of
   * them is the user's own, not a colleague's.
   */
  sent?: Record<string, unknown>[];
}

interface KeptRead {
  key: string;
  value: unknown;
  at: number;
}

type Schema = {
  reads: { key: string; value: KeptRead; indexes: { at: number } };
  outbox: { key: number; value: OutboxEntry };
  meta: { key: string; value: unknown };
};

/** The database's name: one per server (its base URL) and user. */
export function replicaName(prefix: string, base: string, userId: string): string {
  return `${prefix}:${base}:${userId}`;
}

export class Replica {
  /** Opens copy `name`. `lost`: another tab upgraded (or deleted) the copy, and this one let go of it. */
  static async open(name: string, lost?: () => void): Promise<Replica> {
    const replica = new Replica(name, lost);
    await replica.#db();
    return replica;
  }

  #puts = 0;
  #connection: Promise<IDBPDatabase<Schema>> | undefined;
  #state: 'open' | 'lost' | 'closed' = 'open';

  private constructor(
    readonly name: string,
    private readonly lost?: () => void,
  ) {}

  /** The connection to the copy, opened again for the next use after the browser closed it. */
  #db(): Promise<IDBPDatabase<Schema>> {
    if (this.#state === 'lost') return Promise.reject(new LiftDataError('version-change', 'Another tab has upgraded or removed the copy on this device. Reload the page to continue.'));
    if (this.#state === 'closed') return Promise.reject(new LiftDataError('unavailable', 'This copy on the device has been closed.'));
    if (this.#connection) return this.#connection;
    const opening = openDB<Schema>(this.name, 1, {
      upgrade(db) {
        db.createObjectStore('reads', { keyPath: 'key' }).createIndex('at', 'at');
        db.createObjectStore('outbox', { keyPath: 'seq', autoIncrement: true });
        db.createObjectStore('meta');
      },
      // Another tab upgrades the copy (a newer version of the app) or deletes it: this one lets
      // go at once, so as not to block it, and every later use fails with an error that says so.
      blocking: () => {
        this.#state = 'lost';
        void opening.then((db) => db.close());
        this.lost?.();
      },
    });
    this.#connection = opening;
    opening.catch(() => {
      if (this.#connection === opening) this.#connection = undefined;
    });
    return opening;
  }

  /**
   * A transaction on the copy. The browser may have closed the connection (the site's data
   * cleared, a disk error; it tells with an event that may come later): the transaction then does
   * not begin, nothing ran, and one on a connection opened again does.
   */
  async #tx<Name extends StoreNames<Schema>, Mode extends IDBTransactionMode = 'readonly'>(name: Name, mode?: Mode): Promise<IDBPTransaction<Schema, [Name], Mode>> {
    const connection = this.#db();
    try {
      return (await connection).transaction(name, mode);
    } catch (error) {
      if ((error as { name?: unknown } | null)?.name !== 'InvalidStateError' || this.#state !== 'open') throw error;
      if (this.#connection === connection) this.#connection = undefined;
      return (await this.#db()).transaction(name, mode);
    }
  }

  /** One write to store `name`, done once it committed. */
  async #write<Name extends StoreNames<Schema>>(name: Name, write: (store: IDBPObjectStore<Schema, [Name], Name, 'readwrite'>) => Promise<unknown>): Promise<void> {
    const tx = await this.#tx(name, 'readwrite');
    await Promise.all([write(tx.store), tx.done]);
  }

  async read<T>(key: string): Promise<T | undefined> {
    return (await (await this.#tx('reads')).store.get(key))?.value as T | undefined;
  }

  /**
   * Keeps an answer. `at` is when it was asked for (default now): a change the feed tells of
   * after that may not be in it, so catching up reads it again even when it arrived later. An
   * answer asked for before the one kept (a slow read overtaken by a newer one or by a change
   * made on this device) does not replace it.
   */
  async keep(key: string, value: unknown, at = Date.now()): Promise<void> {
    const tx = await this.#tx('reads', 'readwrite');
    const kept = await tx.store.get(key);
    if (!kept || kept.at <= at) await tx.store.put({ key, value, at });
    await tx.done;
    // Now and then, the oldest reads beyond the limit go.
    if (++this.#puts % 200 === 0) await this.#trim();
  }

  async #trim(): Promise<void> {
    const tx = await this.#tx('reads', 'readwrite');
    let extra = (await tx.store.count()) - KEPT_READS;
    for (let cursor = await tx.store.index('at').openCursor(); cursor && extra > 0; cursor = await cursor.continue(), extra--) {
      await cursor.delete();
    }
    await tx.done;
  }

  /** Every kept read whose key starts with `prefix`, to change in place (a note made offline joins its overview). */
  async edit(prefix: string, change: (value: unknown, key: string) => unknown): Promise<void> {
    const tx = await this.#tx('reads', 'readwrite');
    const range = IDBKeyRange.bound(prefix, `${prefix}\uffff`);
    for (let cursor = await tx.store.openCursor(range); cursor; cursor = await cursor.continue()) {
      const next = change(cursor.value.value, cursor.value.key);
      if (next !== undefined) await cursor.update({ ...cursor.value, value: next });
    }
    await tx.done;
  }

  /** The keys of the kept reads under `prefix` (every one `wanted` takes when undefined), newest first, at most `limit`, with when each was kept. */
  async kept(prefix: string | undefined, limit: number, wanted = (_key: string) => true): Promise<{ key: string; at: number }[]> {
    const found: { key: string; at: number }[] = [];
    if (prefix !== undefined) {
      for (const { key, at } of await (await this.#tx('reads')).store.getAll(IDBKeyRange.bound(prefix, `${prefix}\uffff`))) found.push({ key, at });
      return found.sort((a, b) => b.at - a.at).slice(0, limit);
    }
    const tx = await this.#tx('reads');
    for (let cursor = await tx.store.index('at').openKeyCursor(null, 'prev'); cursor && found.length < limit; cursor = await cursor.continue()) {
      if (wanted(cursor.primaryKey)) found.push({ key: cursor.primaryKey, at: cursor.key });
    }
    await tx.done;
    return found;
  }

  async forget(key: string): Promise<void> {
    await this.#write('reads', (store) => store.delete(key));
  }

  async outbox(): Promise<OutboxEntry[]> {
    return (await this.#tx('outbox')).store.getAll();
  }

  async add(entry: OutboxEntry): Promise<void> {
    await this.#write('outbox', (store) => store.add(entry));
  }

  async put(entry: OutboxEntry): Promise<void> {
    await this.#write('outbox', (store) => store.put(entry));
  }

  /**
   * Changes entry `seq` in one transaction, so a write another tab joins to it meanwhile is not
   * lost: `change` gets the entry as stored and returns its next form, or undefined to remove it.
   * Resolves with the entry as it was stored (undefined when it was gone).
   */
  async change(seq: number, change: (stored: OutboxEntry) => OutboxEntry | undefined): Promise<OutboxEntry | undefined> {
    const tx = await this.#tx('outbox', 'readwrite');
    const stored = await tx.store.get(seq);
    if (stored) {
      const next = change(stored);
      if (next) await tx.store.put(next);
      else await tx.store.delete(seq);
    }
    await tx.done;
    return stored;
  }

  async remove(seq: number): Promise<void> {
    await this.#write('outbox', (store) => store.delete(seq));
  }

  async meta<T>(key: string): Promise<T | undefined> {
    return (await (await this.#tx('meta')).store.get(key)) as T | undefined;
  }

  async setMeta(key: string, value: unknown): Promise<void> {
    await this.#write('meta', (store) => store.put(value, key));
  }

  /** The reads and outbox in bytes of JSON, roughly: what the copy takes on the device. */
  async size(): Promise<{ reads: number; outbox: number; bytes: number }> {
    const reads = await (await this.#tx('reads')).store.getAll();
    const outbox = await this.outbox();
    const bytes = JSON.stringify(reads).length + JSON.stringify(outbox).length;
    return { reads: reads.length, outbox: outbox.length, bytes };
  }

  /**
   * The server answered at `at`: kept as `lastOnline`, so a reload without the server can still
   * say when it last did. Written at once, then at most once a minute (the time is shown to the
   * minute), and on close.
   */
  answered(at: string): void {
    this.#answered = at;
    this.#answerTimer ??= setTimeout(() => this.#keepAnswered(), 60_000);
    if (this.#answerKept === undefined) this.#keepAnswered();
  }

  #answered: string | undefined;
  #answerKept: string | undefined;
  #answerTimer: ReturnType<typeof setTimeout> | undefined;

  #keepAnswered(): void {
    clearTimeout(this.#answerTimer);
    this.#answerTimer = undefined;
    if (!this.#answered || this.#answered === this.#answerKept) return;
    this.#answerKept = this.#answered;
    this.setMeta('lastOnline', this.#answered).catch(() => {});
  }

  close(): void {
    // The last time kept goes first: its write asks for the connection before it is closed.
    this.#keepAnswered();
    if (this.#state === 'open') this.#state = 'closed';
    void this.#connection?.then((db) => db.close(), () => {});
  }
}

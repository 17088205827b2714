import type { DataChange } from '../contract/adapter.js';
import type { Id, TimelineEntry } from '../contract/model.js';
import { overviewKey } from './overview.js';
import type { OverviewIndex } from './overview-index.js';
import { laterCode } from '../contract/errors.js';
import { abortable, nextTask } from './rules.js';
import type { Key, StoreBackend, StoreName, StoreTransaction } from './store.js';

/** The index code, loaded when a contact's overview is first asked for (not with every entry). */
const indexCode = () => laterCode(() => import('./overview-index.js'));

/** Contacts whose overview index an adapter keeps in memory (the most recently asked). */
const OVERVIEW_INDEXES = 3;
/** Attempts at an index that matches storage before one is read in a single transaction. */
const OVERVIEW_BUILDS = 2;

interface CachedOverview {
  ready: Promise<OverviewIndex>;
  /** Entries created since the index was read: inserted before the next query. */
  pending: Set<Id>;
}

/** A read in one transaction of the adapter that owns the cache. */
type Read = <T>(stores: StoreName[], signal: AbortSignal | undefined, work: (tx: StoreTransaction) => Promise<T>) => Promise<T>;

/**
 * The overview indexes of the contacts asked for most recently, for a backend that cannot search
 * in place: read in batches (a task each), kept true to storage by the change feed, and checked
 * against the newest stored entry where other tabs share the storage.
 */
export class OverviewCache {
  readonly #indexes = new Map<Id, CachedOverview>();

  constructor(
    private readonly backend: StoreBackend,
    private readonly read: Read,
  ) {}

  /** Whether the contact's index is kept (read, or being read). */
  has(contactId: Id): boolean {
    return this.#indexes.has(contactId);
  }

  /** Keeps cached overview indexes true to storage: new entries are noted, anything else drops them. */
  changed(change: DataChange): void {
    if (!change.contactId) return this.#indexes.clear();
    const cached = this.#indexes.get(change.contactId);
    if (!cached) return;
    if (change.type === 'created') for (const id of change.ids) cached.pending.add(id);
    else this.#indexes.delete(change.contactId);
  }

  /**
   * Starts fetching the index code for a contact whose index is not kept, which reads no data:
   * a query calls it before it checks the reader's rights, so the code is on its way while they
   * are checked. A failure is the build's to report, when it imports the code.
   */
  fetchCode(contactId: Id): void {
    if (!this.#indexes.has(contactId)) indexCode().catch(() => undefined);
  }

  /** The contact's entries, oldest first, read in batches (a task each) when the backend asks for it. */
  async #build(contactId: Id, batch: number | undefined): Promise<OverviewIndex> {
    const index = new (await indexCode()).OverviewIndex();
    if (!batch) {
      index.append((await this.read(['timeline'], undefined, (tx) => tx.getAll('timeline', [contactId], 'byContact'))) as unknown as TimelineEntry[]);
      return index;
    }
    let after: Key[] | undefined;
    for (;;) {
      const records = await this.read(['timeline'], undefined, (tx) =>
        tx.scan('timeline', 'byContact', { prefix: [contactId], ...(after ? { after } : {}) }, { direction: 'next', limit: batch }),
      );
      await nextTask();
      index.append(records as unknown as TimelineEntry[]);
      if (records.length < batch) return index;
      after = overviewKey(records.at(-1) as unknown as TimelineEntry);
      await nextTask();
    }
  }

  #cached(contactId: Id, batch: number | undefined): CachedOverview {
    let cached = this.#indexes.get(contactId);
    if (cached) {
      // Most recently used last, so the oldest is the one let go.
      this.#indexes.delete(contactId);
    } else {
      cached = { ready: this.#build(contactId, batch), pending: new Set() };
      const failed = cached;
      cached.ready.catch(() => this.#indexes.get(contactId) === failed && this.#indexes.delete(contactId));
    }
    this.#indexes.set(contactId, cached);
    for (const oldest of this.#indexes.keys()) {
      if (this.#indexes.size <= OVERVIEW_INDEXES) break;
      this.#indexes.delete(oldest);
    }
    return cached;
  }

  /**
   * Answers `use` from the contact's index. Before that, the index takes the entries created
   * since it was read; on shared storage it must also hold the newest stored entry (a write from
   * elsewhere not heard yet makes it read again).
   */
  async fromIndex<T>(contactId: Id, signal: AbortSignal | undefined, use: (index: OverviewIndex) => T): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const cached = this.#cached(contactId, attempt > OVERVIEW_BUILDS ? undefined : this.backend.readBatch);
      const index = await abortable(cached.ready, signal);
      const answer = await this.read(['timeline'], signal, async (tx) => {
        const created = [...cached.pending];
        for (const id of created) {
          const record = await tx.get('timeline', id);
          if (record && record.contactId === contactId) index.insert(record as unknown as TimelineEntry);
        }
        for (const id of created) cached.pending.delete(id);
        // Other tabs' news may not have arrived yet. The last attempt read the index in one
        // transaction and is answered whatever came since.
        if (this.backend.shared && attempt <= OVERVIEW_BUILDS) {
          const [newest] = await tx.scan('timeline', 'byContact', { prefix: [contactId] }, { direction: 'prev', limit: 1 });
          if (newest && !index.has(newest.id as Id)) return undefined;
        }
        return { value: use(index) };
      });
      if (answer) return answer.value;
      if (this.#indexes.get(contactId) === cached) this.#indexes.delete(contactId);
    }
  }
}

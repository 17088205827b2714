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

/**
 * A contact's timeline revision, kept in the store's meta: a count every write that adds,
 * changes or removes the contact's entries raises in its own transaction, with the entries'
 * ids of the last few writes. An index that knows the revision it holds is checked against
 * storage with this one record, however its entries are dated; one a few writes behind reads
 * those writes' entries alone instead of the whole history.
 */
interface RevisionRecord {
  key: string;
  value: number;
  /** The entry ids each of the last writes touched, oldest first: the last is revision `value`'s. */
  steps: Id[][];
}

/** A contact's timeline revision as one write moved it; `added`: the write only created entries. */
export interface Revision {
  contactId: Id;
  from: number;
  to: number;
  added: boolean;
}

/** Writes whose entries the revision record keeps (an index further behind is read again). */
const KEPT_STEPS = 8;
/** Entries of one write the record keeps at most; a write touching more (an import) is not kept. */
const STEP_IDS = 64;

const revisionKey = (contactId: Id) => `timeline-rev:${contactId}`;

/** The contact's revision record; a contact whose entries were never written is at revision 0. */
async function storedRevision(tx: StoreTransaction, contactId: Id): Promise<RevisionRecord> {
  const record = (await tx.get('meta', revisionKey(contactId))) as RevisionRecord | undefined;
  return record ?? { key: revisionKey(contactId), value: 0, steps: [] };
}

/**
 * Raises the revision of every contact whose entries `changes` name as written, in the write's
 * own transaction (its stores include 'meta'), so that the revision changes exactly when the
 * entries do: a rolled-back write moves neither.
 */
export async function reviseTimelines(tx: StoreTransaction, changes: readonly DataChange[]): Promise<Revision[]> {
  const written = new Map<Id, { ids: Set<Id>; added: boolean }>();
  for (const change of changes) {
    if (change.resource !== 'timeline' || !change.contactId) continue;
    const contact = written.get(change.contactId) ?? { ids: new Set<Id>(), added: true };
    for (const id of change.ids) contact.ids.add(id);
    if (change.type !== 'created') contact.added = false;
    written.set(change.contactId, contact);
  }
  // All at once: an import names many contacts, and one round trip each would add up.
  const contacts = [...written.keys()];
  const stored = await Promise.all(contacts.map((contactId) => storedRevision(tx, contactId)));
  await Promise.all(
    stored.map((record, i) => {
      const ids = [...written.get(contacts[i]!)!.ids];
      const steps = ids.length > STEP_IDS ? [] : [...record.steps.slice(1 - KEPT_STEPS), ids];
      return tx.put('meta', { key: record.key, value: record.value + 1, steps } satisfies RevisionRecord);
    }),
  );
  return contacts.map((contactId, i) => ({ contactId, from: stored[i]!.value, to: stored[i]!.value + 1, added: written.get(contactId)!.added }));
}

interface CachedOverview {
  ready: Promise<OverviewIndex>;
  /** Entries created since the index was read: inserted before the next query. */
  pending: Set<Id>;
  /**
   * The contact's revision the index and its pending entries hold: known once the build's first
   * read is done (it reads the revision with the first entries).
   */
  rev?: number;
}

/** A read in one transaction of the adapter that owns the cache. */
type Read = <T>(stores: StoreName[], signal: AbortSignal | undefined, work: (tx: StoreTransaction) => Promise<T>) => Promise<T>;

/**
 * The overview indexes of the contacts asked for most recently, for a backend that cannot search
 * in place: read in batches (a task each), kept true to storage by the change feed, and checked
 * against the contact's stored revision where other tabs share the storage. The newest stored
 * entry would not do: an entry corrected or removed elsewhere, one dated back, and any while a
 * planned one (dated later) is the newest all leave it as it was.
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

  /**
   * This adapter's writes as they moved the revisions, told before their changes: an index at a
   * write's `from` that only gained entries is at `to` once those are pending. Any other write
   * (and one from elsewhere) leaves the index at its revision, which storage then shows behind.
   */
  advanced(revisions: readonly Revision[]): void {
    for (const { contactId, from, to, added } of revisions) {
      const cached = this.#indexes.get(contactId);
      if (added && cached?.rev === from) cached.rev = to;
    }
  }

  /**
   * Keeps cached overview indexes true to storage: new entries are noted, anything else drops
   * them (a tab without revisions, from before they were kept, is heard this way too).
   */
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

  /**
   * The contact's entries, oldest first, read in batches (a task each) when the backend asks for
   * it. The first read takes the revision too (`at`): a write between two batches raises it, so
   * the index is checked against a revision from before anything it holds was read.
   */
  async #build(contactId: Id, batch: number | undefined, at: (rev: number) => void): Promise<OverviewIndex> {
    const index = new (await indexCode()).OverviewIndex();
    const first = async (tx: StoreTransaction) => at((await storedRevision(tx, contactId)).value);
    if (!batch) {
      const records = await this.read(['timeline', 'meta'], undefined, async (tx) => (await first(tx), tx.getAll('timeline', [contactId], 'byContact')));
      index.append(records as unknown as TimelineEntry[]);
      return index;
    }
    let after: Key[] | undefined;
    for (;;) {
      const range = { prefix: [contactId], ...(after ? { after } : {}) };
      const records = await this.read(after ? ['timeline'] : ['timeline', 'meta'], undefined, async (tx) => {
        if (!after) await first(tx);
        return tx.scan('timeline', 'byContact', range, { direction: 'next', limit: batch });
      });
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
      const built: CachedOverview = { ready: this.#build(contactId, batch, (rev) => (built.rev = rev)), pending: new Set() };
      cached = built;
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
   * since it was read; on shared storage it must also be at the contact's stored revision: one a
   * few writes behind (from elsewhere, not heard yet) reads those writes' entries again, one
   * further behind is read again whole.
   */
  async fromIndex<T>(contactId: Id, signal: AbortSignal | undefined, use: (index: OverviewIndex) => T): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const cached = this.#cached(contactId, attempt > OVERVIEW_BUILDS ? undefined : this.backend.readBatch);
      const index = await abortable(cached.ready, signal);
      const answer = await this.read(['timeline', 'meta'], signal, async (tx) => {
        const created = [...cached.pending];
        // The revision the index and these pending entries hold (this adapter's later writes
        // may raise cached.rev while this reads).
        const known = cached.rev;
        for (const id of created) {
          const record = await tx.get('timeline', id);
          if (record && record.contactId === contactId) index.insert(record as unknown as TimelineEntry);
        }
        for (const id of created) cached.pending.delete(id);
        // Other tabs' news may not have arrived yet. The last attempt read the index in one
        // transaction and is answered whatever came since.
        if (this.backend.shared && attempt <= OVERVIEW_BUILDS) {
          const stored = await storedRevision(tx, contactId);
          if (stored.value !== known) {
            const behind = known === undefined ? 0 : stored.value - known;
            if (behind < 1 || behind > stored.steps.length) return undefined;
            // Each entry as stored now: changed, removed, or (another contact's) not this index's.
            for (const id of new Set(stored.steps.slice(-behind).flat())) {
              const record = await tx.get('timeline', id);
              index.remove(id);
              if (record && record.contactId === contactId) index.insert(record as unknown as TimelineEntry);
            }
            if (cached.rev === known) cached.rev = stored.value;
          }
        }
        return { value: use(index) };
      });
      if (answer) return answer.value;
      if (this.#indexes.get(contactId) === cached) this.#indexes.delete(contactId);
    }
  }
}

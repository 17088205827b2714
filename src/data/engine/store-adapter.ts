import type {
  Capability,
  ChangeListener,
  ChangeResource,
  ChecklistsApi,
  ContactsApi,
  DataChange,
  LiftAdapter,
  PreferencesApi,
  ReadOptions,
  RelationsApi,
  ReportsApi,
  SessionApi,
  TemplatesApi,
  TimelineApi,
  WorkApi,
  LifecycleNotice,
} from '../contract/adapter.js';
import { newId } from '../contract/ids.js';
import type { Contact, Id, Preferences, Right, Role, TimelineEntry, User } from '../contract/model.js';
import { fold } from '../contract/text.js';
import { checklistsApi } from './checklists.js';
import { contactRecord, contactsApi, relationsApi } from './contacts.js';
import { reportsApi, templatesApi } from './documents.js';
import type { Engine, EntryInput } from './engine.js';
import { OverviewCache, reviseTimelines, type Revision } from './overview-cache.js';
import { DEFAULT_ROLES, LOCAL_USER, roleOf } from './roles.js';
import { abortable, cleanPreferences, expectCardType, fail, requireId, strip } from './rules.js';
import type { StoreBackend, StoredRecord, StoreName, StoreTransaction } from './store.js';
import { timelineApi, workApi } from './timeline.js';

export interface StoreAdapterOptions {
  /** Who the adapter acts for; default: one local user holding every right. */
  user?: User;
  /** Role → rights; default {@link DEFAULT_ROLES}. */
  roles?: readonly Role[];
  /** The clock, for deterministic tests and demo data. */
  now?: () => Date;
}

const ALL_CAPABILITIES: ReadonlySet<Capability> = new Set(['work', 'checklists', 'templates', 'reports', 'preferences']);
/**
 * The whole adapter contract, written once over a {@link StoreBackend}. Rules that must hold
 * for every backend live in the engine: rights, validation, compare-and-set versions, the
 * `change` entries a save records, and the change feed. This class holds who acts, the clock,
 * transactions and the feed; each part of the contract is a function over it in its own file
 * (contacts.ts, timeline.ts, checklists.ts, documents.ts).
 */
export class StoreAdapter implements LiftAdapter {
  readonly capabilities = ALL_CAPABILITIES;
  readonly #backend: StoreBackend;
  readonly #roles: readonly Role[];
  readonly #now: () => Date;
  readonly #listeners = new Set<ChangeListener>();
  #user: User;
  #lastTime = 0;
  readonly #overviews: OverviewCache;
  /** The engine keeps overview indexes (the backend cannot search in place), so writes keep timeline revisions. */
  readonly #revises: boolean;
  readonly #engine: Engine;
  readonly relations: RelationsApi;
  readonly contacts: ContactsApi;
  readonly timeline: TimelineApi;
  readonly work: WorkApi;
  readonly checklists: ChecklistsApi;
  readonly templates: TemplatesApi;
  readonly reports: ReportsApi;

  constructor(backend: StoreBackend, options: StoreAdapterOptions = {}) {
    this.#backend = backend;
    this.#roles = options.roles ?? DEFAULT_ROLES;
    this.#user = options.user ?? LOCAL_USER;
    this.#now = options.now ?? (() => new Date());
    this.#overviews = new OverviewCache(backend, (stores, signal, work) => this.#read(stores, signal ? { signal } : undefined, work));
    this.#revises = !backend.overview;
    this.#engine = {
      backend,
      session: this.session,
      overviews: this.#overviews,
      user: () => this.#user,
      now: () => this.#now(),
      timestamp: () => this.timestamp(),
      require: (right, what) => this.#require(right, what),
      mayRead: (archived) => this.#mayRead(archived),
      mayReadFor: (tx, contactId) => this.#mayReadFor(tx, contactId),
      read: (stores, options, work) => this.#read(stores, options, work),
      write: (stores, work) => this.#write(stores, work),
      change: (changes, type, resource, ids, contactId) => this.#change(changes, type, resource, ids, contactId),
      entry: (partial) => this.#entry(partial),
    };
    this.relations = relationsApi(this.#engine);
    this.contacts = contactsApi(this.#engine);
    this.timeline = timelineApi(this.#engine);
    this.work = workApi(this.#engine);
    this.checklists = checklistsApi(this.#engine);
    this.templates = templatesApi(this.#engine);
    this.reports = reportsApi(this.#engine);
  }

  // ---------------------------------------------------------------- plumbing

  /** Strictly increasing timestamps from this instance, so "newest first" is well defined. */
  protected timestamp(): string {
    const time = Math.max(this.#now().getTime(), this.#lastTime + 1);
    this.#lastTime = time;
    return new Date(time).toISOString();
  }

  #require(right: Right, what: string): void {
    if (!this.session.can(right)) {
      fail('permission', `${this.#user.name} (${this.session.role().name}) may not ${what}.`);
    }
  }

  #read<T>(stores: StoreName[], options: ReadOptions | undefined, work: (tx: StoreTransaction) => Promise<T>): Promise<T> {
    if (options?.signal?.aborted) return abortable(Promise.resolve() as Promise<T>, options.signal);
    return abortable(this.#backend.run(stores, 'readonly', work), options?.signal);
  }

  /**
   * Runs a write; the changes it reports are published only after it committed. Each attempt
   * collects its own changes, so a retried transaction does not report the failed one's.
   * A write that may touch entries raises the revision of each contact whose entries its changes
   * name, in its own transaction (see overview-cache.ts): every writer of entries reports them,
   * so none is left out.
   */
  async #write<T>(stores: StoreName[], work: (tx: StoreTransaction, changes: DataChange[]) => Promise<T>): Promise<T> {
    let changes: DataChange[] = [];
    let revisions: Revision[] = [];
    const revises = this.#revises && stores.includes('timeline');
    const scope: StoreName[] = revises && !stores.includes('meta') ? [...stores, 'meta'] : stores;
    const result = await this.#backend.run(scope, 'readwrite', async (tx) => {
      changes = [];
      const value = await work(tx, changes);
      revisions = revises ? await reviseTimelines(tx, changes) : [];
      const logged = this.beforeCommit(tx, changes, value);
      if (logged) await logged;
      return value;
    });
    // Before the changes: a kept index takes this write's new entries as pending at the revision they make.
    this.#overviews.advanced(revisions);
    this.publish(changes, 'local');
    return result;
  }

  #change(changes: DataChange[], type: DataChange['type'], resource: ChangeResource, ids: Id[], contactId?: Id): void {
    const existing = changes.find((c) => c.type === type && c.resource === resource && c.contactId === contactId);
    if (existing) existing.ids.push(...ids);
    else changes.push({ type, resource, ids: [...ids], ...(contactId ? { contactId } : {}), origin: 'local', at: this.#now().toISOString() });
  }

  /** Tells every listener; a throwing listener is reported and does not stop the others. */
  protected publish(changes: readonly (DataChange | LifecycleNotice)[], origin: 'local' | 'remote'): void {
    // The kept overview indexes first: a listener that queries at once must not be answered
    // from an index that still holds a changed or deleted entry.
    for (const change of changes) if ('resource' in change && change.resource === 'timeline') this.#overviews.changed(change);
    for (const change of changes) {
      for (const listener of [...this.#listeners]) {
        try {
          listener({ ...change, origin });
        } catch (error) {
          if (typeof reportError === 'function') reportError(error);
          else console.error(error);
        }
      }
    }
    if (origin === 'local') this.onLocalChanges(changes.filter((c): c is DataChange => 'resource' in c));
  }

  /**
   * Hook for backends that keep something in the write's own transaction: the reference server
   * logs its changes for the feed, and keeps a create's answer (`value`, what the write returns).
   */
  protected beforeCommit(_tx: StoreTransaction, _changes: readonly DataChange[], _value: unknown): Promise<void> | void {}

  /** Hook for backends that share changes elsewhere (the IndexedDB adapter's BroadcastChannel). */
  protected onLocalChanges(_changes: DataChange[]): void {}

  subscribe(listener: ChangeListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  close(): void {
    this.#backend.close();
  }

  /** A read needs `read`; an archived record, or a list asked to hold archived ones, `see-archived` too. */
  #mayRead(archived: unknown = false): void {
    this.#require('read', 'read contacts');
    if (archived) this.#require('see-archived', 'see archived contacts');
  }

  /** Checks the reader may see the contact whose records are read (when it exists); a contact id that is no text is refused first. */
  async #mayReadFor(tx: StoreTransaction, contactId: Id): Promise<StoredRecord | undefined> {
    const contact = await tx.get('contacts', requireId(contactId, 'contactId'));
    this.#mayRead(contact?.archived);
    return contact;
  }


  #entry(partial: EntryInput): TimelineEntry {
    return {
      id: newId(),
      occurredAt: partial.occurredAt ?? this.timestamp(),
      author: this.#user.name,
      authorId: this.#user.id,
      ...partial,
    } as TimelineEntry;
  }

  // ---------------------------------------------------------------- session

  readonly session: SessionApi = {
    currentUser: () => ({ ...this.#user }),
    role: () => roleOf(this.#roles, this.#user),
    can: (right) => this.session.role().rights.includes(right),
    setUser: (user) => {
      if (!user || typeof user.id !== 'string' || typeof user.role !== 'string') fail('validation', 'A user needs an id and a role.');
      this.#user = { id: user.id, name: user.name ?? user.id, role: user.role };
    },
    users: (options) =>
      this.#read(['users'], options, async (tx) => {
        this.#mayRead();
        const users = (await tx.getAll('users', [])).map((u) => strip<User>(u));
        return users.length ? users : [{ ...this.#user }];
      }),
  };

  // ---------------------------------------------------------------- preferences

  readonly preferences: PreferencesApi = {
    get: (cardType, options) =>
      this.#read(['preferences'], options, async (tx) => {
        expectCardType(cardType);
        const stored = await tx.get('preferences', [this.#user.id, cardType]);
        return stored ? (stored.value as Preferences) : {};
      }),
    set: async (cardType, preferences) => {
      this.#require('preferences', 'keep layout choices');
      expectCardType(cardType);
      const clean = cleanPreferences(preferences);
      return this.#write(['preferences'], async (tx, changes) => {
        await tx.put('preferences', { userId: this.#user.id, cardType, value: clean });
        this.#change(changes, 'updated', 'preferences', [`${this.#user.id}:${cardType}`]);
        return clean;
      });
    },
  };

  /**
   * Writes many records in one transaction per store batch, bypassing rights and change entries:
   * for seeding demo data and imports. Emits one change per resource afterwards.
   */
  async importRecords(batch: Partial<Record<StoreName, StoredRecord[]>>): Promise<void> {
    const stores = Object.keys(batch) as StoreName[];
    const txStores = batch.contacts ? [...new Set<StoreName>([...stores, 'relations'])] : stores;
    await this.#write(txStores, async (tx, changes) => {
      // Issue every put at once and wait for them together: awaiting each in turn costs a
      // round trip per record, about three times the time of the writes themselves.
      const writes: Promise<void>[] = [];
      for (const store of stores) {
        if (store === 'contacts') continue; // below, with their search keys
        const records = batch[store]!;
        writes.push(tx.putMany(store, store === 'relations' ? records.map((record) => ({ ...record, _sortName: fold(String(record.name)) })) : records));
      }
      if (batch.contacts?.length) {
        const names = new Map<string, string>();
        for (const relation of batch.relations ?? []) names.set(String(relation.id), String(relation.name));
        // Relations not in this batch are read together too, not one round trip each.
        const missing = [...new Set(batch.contacts.map((c) => String(c.relationId)))].filter((id) => !names.has(id));
        const found = await Promise.all(missing.map((id) => tx.get('relations', id)));
        missing.forEach((id, i) => names.set(id, (found[i]?.name as string | undefined) ?? ''));
        writes.push(
          tx.putMany(
            'contacts',
            batch.contacts.map((contact) => contactRecord(contact as unknown as Contact, names.get(String(contact.relationId))!)),
          ),
        );
      }
      await Promise.all(writes);
      // The change below names no contact: the revisions of the contacts whose entries came in
      // are raised here, so other tabs' indexes of them are read again.
      if (this.#revises && batch.timeline?.length) {
        const byContact = new Map<Id, Id[]>();
        for (const entry of batch.timeline) {
          const ids = byContact.get(entry.contactId as Id);
          if (ids) ids.push(entry.id as Id);
          else byContact.set(entry.contactId as Id, [entry.id as Id]);
        }
        await reviseTimelines(tx, [...byContact].map(([contactId, ids]) => ({ type: 'updated', resource: 'timeline', ids, contactId, origin: 'local', at: this.#now().toISOString() })));
      }
      // One change per resource; bulk imports name no contact, so listeners treat them as
      // possibly concerning any contact.
      const resources: Partial<Record<StoreName, ChangeResource>> = {
        relations: 'relation', contacts: 'contact', work: 'work', timeline: 'timeline',
        checklistItems: 'checklist-definition', checklistStates: 'checklist', preferences: 'preferences',
      };
      for (const store of stores) {
        const resource = resources[store];
        const ids = batch[store]!.map((r) => String(r.id ?? r.itemId ?? ''));
        if (resource) this.#change(changes, 'updated', resource, ids);
      }
    });
  }
}

import type {
  Capability,
  ChangeListener,
  ChangeResource,
  ChecklistsApi,
  ContactQuery,
  ContactsApi,
  DataChange,
  LiftAdapter,
  NewContact,
  NewTimelineEntry,
  Page,
  PageOptions,
  PreferencesApi,
  ReadOptions,
  RelationQuery,
  RelationsApi,
  ReportsApi,
  SessionApi,
  TemplatesApi,
  TimelineApi,
  TimelineQuery,
  OverviewPage,
  WorkApi,
  LifecycleNotice,
} from './adapter.js';
import { LiftDataError } from './errors.js';
import { newId } from './ids.js';
import { fillMergeFields } from './merge-fields.js';
import {
  CHECKLIST_MODES,
  CONTACT_FIELDS,
  RELATION_KINDS,
  TIMELINE_KINDS,
  WORK_KINDS,
  type ActivityReport,
  type ChecklistItemDefinition,
  type ChecklistState,
  type Contact,
  type ContactDetails,
  type DocumentTemplate,
  type FieldChange,
  type Id,
  type Preferences,
  type Relation,
  type Report,
  type Right,
  type Role,
  type SummaryReport,
  type TimelineEntry,
  type TimelineKind,
  type User,
  type WorkItem,
} from './model.js';
import { DEFAULT_ROLES, LOCAL_USER } from './roles.js';
import {
  encodeCursor,
  keyOf,
  hasPrefix,
  SCHEMA,
  type Key,
  type ScanWhere,
  type StoreBackend,
  type StoredRecord,
  type StoreName,
  type StoreTransaction,
} from './store.js';
import { fold, fullName, queryWords } from './text.js';
import {
  abortable, BUILT_IN_REPORTS, cursorKey, EARLIEST_ENTRY, existing, expectActive, expectVersion, fail, LIMITS, fitPage, pageLimit, requireString, storedCardMode, strip, yearAfter, expectCardType, cleanPreferences,
} from './rules.js';
import { emptyDetails, validateContact } from './validation.js';
import { overviewFilter, overviewKey, type OverviewFilter, type OverviewMatches } from './overview.js';
import { OverviewCache } from './overview-cache.js';

/** The index code, loaded when a contact's overview is first asked for (not with every entry). */
const indexCode = () => import('./overview-index.js');

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
 * for every backend live here: rights, validation, compare-and-set versions, the `change`
 * entries a save records, and the change feed.
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

  constructor(backend: StoreBackend, options: StoreAdapterOptions = {}) {
    this.#backend = backend;
    this.#roles = options.roles ?? DEFAULT_ROLES;
    this.#user = options.user ?? LOCAL_USER;
    this.#now = options.now ?? (() => new Date());
    this.#overviews = new OverviewCache(backend, (stores, signal, work) => this.#read(stores, signal ? { signal } : undefined, work));
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
   */
  async #write<T>(stores: StoreName[], work: (tx: StoreTransaction, changes: DataChange[]) => Promise<T>): Promise<T> {
    let changes: DataChange[] = [];
    const result = await this.#backend.run(stores, 'readwrite', async (tx) => {
      changes = [];
      const value = await work(tx, changes);
      const logged = this.beforeCommit(tx, changes);
      if (logged) await logged;
      return value;
    });
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
    for (const change of changes) if ('resource' in change && change.resource === 'timeline') this.#overviews.changed(change);
    if (origin === 'local') this.onLocalChanges(changes.filter((c): c is DataChange => 'resource' in c));
  }

  /** Hook for backends that log changes in the same transaction (the reference server's feed). */
  protected beforeCommit(_tx: StoreTransaction, _changes: readonly DataChange[]): Promise<void> | void {}

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

  /** Checks the reader may see the contact whose records are read (when it exists). */
  async #mayReadFor(tx: StoreTransaction, contactId: Id): Promise<StoredRecord | undefined> {
    const contact = await tx.get('contacts', contactId);
    this.#mayRead(contact?.archived);
    return contact;
  }

  async #getContact(tx: StoreTransaction, id: Id): Promise<StoredRecord> {
    return existing(tx, 'contacts', id, 'contact');
  }

  #contactRecord(contact: Contact, relationName: string): StoredRecord {
    return { ...contact, _search: fold(`${fullName(contact)} ${contact.email} ${relationName}`) };
  }

  #entry(partial: Omit<TimelineEntry, 'id' | 'author' | 'authorId' | 'occurredAt'> & { occurredAt?: string }): TimelineEntry {
    return {
      id: newId(),
      occurredAt: partial.occurredAt ?? this.timestamp(),
      author: this.#user.name,
      authorId: this.#user.id,
      ...partial,
    } as TimelineEntry;
  }

  async #recordFieldChanges(tx: StoreTransaction, contactId: Id, fieldChanges: FieldChange[], at: string, changes: DataChange[]) {
    for (const change of fieldChanges) {
      const entry = this.#entry({ contactId, kind: 'change', subject: change.field, body: `${change.old} → ${change.new}`, change, occurredAt: at });
      await tx.put('timeline', entry as unknown as StoredRecord);
      this.#change(changes, 'created', 'timeline', [entry.id], contactId);
    }
  }

  /** Keyset paging over an index: fetch one extra record to know whether a next page exists. */
  async #page<T>(
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

  // ---------------------------------------------------------------- overview

  /**
   * The overview from the backend where it can search in place, else from the contact's index.
   * Before answering, the index takes the entries created since it was read; on shared storage it
   * must also hold the newest stored entry (a write from elsewhere not heard yet makes it read again).
   */
  async #overview(filter: OverviewFilter, signal: AbortSignal | undefined): Promise<OverviewMatches> {
    if (this.#backend.overview) return abortable(this.#backend.overview(filter, signal), signal);
    return this.#overviews.fromIndex(filter.contactId, signal, (index) => index.run(filter));
  }

  // ---------------------------------------------------------------- session

  readonly session: SessionApi = {
    currentUser: () => ({ ...this.#user }),
    role: () => this.#roles.find((r) => r.id === this.#user.role) ?? { id: this.#user.role, name: this.#user.role, rights: [] },
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

  // ---------------------------------------------------------------- relations

  readonly relations: RelationsApi = {
    get: (id, options) =>
      this.#read(['relations'], options, async (tx) => {
        this.#mayRead();
        const relation = await existing(tx, 'relations', id, 'relation');
        this.#mayRead(relation.archived);
        return strip<Relation>(relation);
      }),
    list: (query: RelationQuery = {}) =>
      this.#read(['relations'], query, async (tx) => {
        this.#mayRead(query.includeArchived);
        return this.#page<Relation>(tx, 'relations', 'byName', [], query, {
          ...(query.includeArchived ? {} : { notTrue: 'archived' }),
          ...(query.kind ? { oneOf: { field: 'kind', values: [query.kind] } } : {}),
          words: { field: '_sortName', words: queryWords(query.text) },
        });
      }),
    create: async (input) => {
      this.#require('edit', 'create relations');
      const name = requireString(input?.name, 'name', LIMITS.relationName).trim();
      if (!RELATION_KINDS.includes(input.kind)) fail('validation', `Unknown relation kind ${String(input.kind)}.`, { fields: { kind: 'type' } });
      const at = this.timestamp();
      const relation: Relation = { id: newId(), kind: input.kind, name, archived: false, createdAt: at, updatedAt: at, version: 1 };
      return this.#write(['relations'], async (tx, changes) => {
        await tx.put('relations', { ...relation, _sortName: fold(name) });
        this.#change(changes, 'created', 'relation', [relation.id]);
        return relation;
      });
    },
  };

  // ---------------------------------------------------------------- contacts

  readonly contacts: ContactsApi = {
    get: (id, options) =>
      this.#read(['contacts'], options, async (tx) => {
        this.#mayRead();
        const contact = await this.#getContact(tx, id);
        this.#mayRead(contact.archived);
        return strip<Contact>(contact);
      }),

    list: (query: ContactQuery = {}) =>
      this.#read(['contacts'], query, async (tx) => {
        this.#mayRead(query.includeArchived);
        const where: ScanWhere = { ...(query.includeArchived ? {} : { notTrue: 'archived' }), words: { field: '_search', words: queryWords(query.text) } };
        return query.relationId
          ? this.#page<Contact>(tx, 'contacts', 'byRelation', [query.relationId], query, where)
          : this.#page<Contact>(tx, 'contacts', 'byUpdated', [], query, where);
      }),

    create: async (input: NewContact) => {
      this.#require('edit', 'create contacts');
      const details = { ...emptyDetails() };
      const given = Object.keys(input ?? {}).filter((k) => k !== 'relationId');
      const problems = validateContact({ ...details, ...input }, [...new Set([...given, 'lastName'])]);
      if (Object.keys(problems).length) fail('validation', `Check ${Object.keys(problems).join(', ')}.`, { fields: problems });
      for (const field of CONTACT_FIELDS) if (typeof input[field] === 'string') details[field] = input[field]!;
      return this.#write(['relations', 'contacts'], async (tx, changes) => {
        const relation = await existing(tx, 'relations', input.relationId, 'relation');
        const at = this.timestamp();
        const contact: Contact = { ...details, id: newId(), relationId: input.relationId, archived: false, createdAt: at, updatedAt: at, version: 1 };
        await tx.put('contacts', this.#contactRecord(contact, relation.name as string));
        this.#change(changes, 'created', 'contact', [contact.id]);
        return contact;
      });
    },

    update: async (id, expectedVersion, updates) => {
      this.#require('edit', 'edit contacts');
      const fields = Object.keys(updates ?? {});
      const problems = validateContact(updates ?? {}, fields);
      if (Object.keys(problems).length) fail('validation', `Check ${Object.keys(problems).join(', ')}.`, { fields: problems });
      return this.#write(['contacts', 'relations', 'timeline'], async (tx, changes) => {
        const current = await this.#getContact(tx, id);
        expectVersion(current, expectedVersion, 'contact');
        expectActive(current);
        const fieldChanges: FieldChange[] = fields
          .filter((f) => current[f] !== updates[f as keyof ContactDetails])
          .map((f) => ({ field: f, old: String(current[f] ?? ''), new: String(updates[f as keyof ContactDetails]) }));
        if (!fieldChanges.length) return strip<Contact>(current);
        const at = this.timestamp();
        const next = { ...strip<Contact>(current), ...updates, updatedAt: at, version: expectedVersion + 1 };
        const relation = await tx.get('relations', next.relationId);
        await tx.put('contacts', this.#contactRecord(next, (relation?.name as string) ?? ''));
        this.#change(changes, 'updated', 'contact', [id]);
        await this.#recordFieldChanges(tx, id, fieldChanges, at, changes);
        return next;
      });
    },

    setArchived: async (id, expectedVersion, archived) => {
      this.#require('archive', archived ? 'archive contacts' : 'unarchive contacts');
      return this.#write(['contacts', 'timeline'], async (tx, changes) => {
        const current = await this.#getContact(tx, id);
        expectVersion(current, expectedVersion, 'contact');
        if (current.archived === archived) return strip<Contact>(current);
        const at = this.timestamp();
        const next = { ...current, archived, updatedAt: at, version: expectedVersion + 1 };
        await tx.put('contacts', next);
        this.#change(changes, 'updated', 'contact', [id]);
        await this.#recordFieldChanges(tx, id, [{ field: 'archived', old: String(!archived), new: String(archived) }], at, changes);
        return strip<Contact>(next);
      });
    },

    copy: async (id, options) => {
      this.#require('copy', 'copy contacts');
      if (options?.archiveOriginal) this.#require('archive', 'archive the original');
      return this.#write(['contacts', 'relations', 'timeline'], async (tx, changes) => {
        const original = await this.#getContact(tx, id);
        expectVersion(original, options.expectedVersion, 'contact');
        const relation = await existing(tx, 'relations', options.relationId, 'relation');
        const at = this.timestamp();
        const details = Object.fromEntries(CONTACT_FIELDS.map((f) => [f, original[f] ?? ''])) as ContactDetails;
        const copy: Contact = { ...details, id: newId(), relationId: options.relationId, archived: false, createdAt: at, updatedAt: at, version: 1 };
        await tx.put('contacts', this.#contactRecord(copy, relation.name as string));
        this.#change(changes, 'created', 'contact', [copy.id]);
        let updatedOriginal = strip<Contact>(original);
        const originalChanges: FieldChange[] = [{ field: 'copiedTo', old: '', new: copy.id }];
        if (options.archiveOriginal && !original.archived) {
          updatedOriginal = { ...updatedOriginal, archived: true, updatedAt: at, version: (original.version as number) + 1 };
          const originalRelation = await tx.get('relations', updatedOriginal.relationId);
          await tx.put('contacts', this.#contactRecord(updatedOriginal, (originalRelation?.name as string) ?? ''));
          this.#change(changes, 'updated', 'contact', [id]);
          originalChanges.push({ field: 'archived', old: 'false', new: 'true' });
        }
        await this.#recordFieldChanges(tx, id, originalChanges, at, changes);
        await this.#recordFieldChanges(tx, copy.id, [{ field: 'copiedFrom', old: '', new: id }], at, changes);
        return { copy, original: updatedOriginal };
      });
    },
  };

  // ---------------------------------------------------------------- timeline

  readonly timeline: TimelineApi = {
    list: (contactId, query: TimelineQuery = {}) =>
      this.#read(['contacts', 'timeline'], query, async (tx) => {
        await this.#mayReadFor(tx, contactId);
        const kinds = query.kinds?.length ? { oneOf: { field: 'kind', values: [...query.kinds] } } : undefined;
        return this.#page<TimelineEntry>(tx, 'timeline', 'byContact', [contactId], query, kinds);
      }),
    query: async (contactId, query = {}): Promise<OverviewPage> => {
      const filter = overviewFilter(contactId, query);
      const allowed = this.#read(['contacts'], query, (tx) => this.#mayReadFor(tx, contactId));
      // An index kept in memory answers while the rights are checked (one wait for storage, not
      // two); one still to be read is read only for a reader who may.
      const answer = this.#overviews.has(contactId) && !this.#backend.overview ? this.#overview(filter, query.signal) : allowed.then(() => this.#overview(filter, query.signal));
      answer.catch(() => undefined);
      await allowed;
      const { entries, total, counts } = await answer;
      const { items, more } = fitPage(entries, filter.limit);
      const last = items.at(-1);
      return { items, ...(more && last ? { next: encodeCursor(overviewKey(last)) } : {}), total, counts };
    },
    // Timeline records carry no internal fields, so the full set is returned without copying.
    all: (contactId, options) =>
      this.#read(['contacts', 'timeline'], options, async (tx) => {
        await this.#mayReadFor(tx, contactId);
        return (await tx.getAll('timeline', [contactId], 'byContact', options?.signal)).reverse() as unknown as TimelineEntry[];
      }),
    count: (contactId, options) =>
      this.#read(['contacts', 'timeline'], options, async (tx) => {
        await this.#mayReadFor(tx, contactId);
        return tx.count('timeline', [contactId], 'byContact');
      }),
    add: async (input: NewTimelineEntry) => {
      this.#require('edit', 'add to the contact overview');
      if (!TIMELINE_KINDS.includes(input?.kind) || input.kind === 'change' || input.kind === 'checklist') {
        fail('validation', `Entries of kind ${String(input?.kind)} cannot be added by hand.`, { fields: { kind: 'type' } });
      }
      const subject = requireString(input.subject, 'subject', LIMITS.subject, false);
      const body = requireString(input.body, 'body', LIMITS.body, false);
      if (!subject.trim() && !body.trim()) fail('validation', 'An entry needs a subject or a text.', { fields: { body: 'required' } });
      if (input.occurredAt !== undefined) {
        const time = typeof input.occurredAt === 'string' ? Date.parse(input.occurredAt) : NaN;
        if (Number.isNaN(time)) fail('validation', 'occurredAt is not a date.', { fields: { occurredAt: 'type' } });
        if (time < EARLIEST_ENTRY || time > yearAfter(this.#now())) {
          fail('validation', 'occurredAt must lie between 1900-01-01 and one year from today.', { fields: { occurredAt: 'out-of-range' } });
        }
      }
      return this.#write(['contacts', 'timeline'], async (tx, changes) => {
        expectActive(await this.#getContact(tx, input.contactId));
        const entry = this.#entry({
          contactId: input.contactId,
          kind: input.kind,
          subject,
          body,
          ...(input.direction ? { direction: input.direction } : {}),
          ...(input.workItemId ? { workItemId: input.workItemId } : {}),
          ...(input.occurredAt ? { occurredAt: new Date(input.occurredAt).toISOString() } : {}),
        });
        await tx.put('timeline', entry as unknown as StoredRecord);
        this.#change(changes, 'created', 'timeline', [entry.id], input.contactId);
        return entry;
      });
    },
  };

  // ---------------------------------------------------------------- work

  readonly work: WorkApi = {
    listForContact: (contactId, query = {}) =>
      this.#read(['contacts', 'work'], query, async (tx) => {
        this.#mayRead(query.includeArchived);
        await this.#mayReadFor(tx, contactId);
        return this.#page<WorkItem>(tx, 'work', 'byContact', [contactId], query, query.includeArchived ? undefined : { notTrue: 'archived' });
      }),
    create: async (input) => {
      this.#require('create-work', 'create leads, requests or projects');
      if (!WORK_KINDS.includes(input?.kind)) fail('validation', `Unknown kind ${String(input?.kind)}.`, { fields: { kind: 'type' } });
      const title = requireString(input.title, 'title', LIMITS.title).trim();
      const description = requireString(input.description ?? '', 'description', LIMITS.body, false);
      return this.#write(['contacts', 'work', 'meta'], async (tx, changes) => {
        const contact = await this.#getContact(tx, input.contactId);
        expectActive(contact);
        const at = this.timestamp();
        const year = at.slice(0, 4);
        const counterKey = `work-number:${input.kind}:${year}`;
        const counter = ((await tx.get('meta', counterKey))?.value as number | undefined) ?? 0;
        await tx.put('meta', { key: counterKey, value: counter + 1 });
        const prefix = { lead: 'L', request: 'A', project: 'P' }[input.kind];
        const item: WorkItem = {
          id: newId(),
          kind: input.kind,
          contactId: input.contactId,
          relationId: contact.relationId as Id,
          number: `${prefix}-${year}-${String(counter + 1).padStart(4, '0')}`,
          title,
          description,
          status: 'open',
          archived: false,
          startDate: at.slice(0, 10),
          createdAt: at,
          updatedAt: at,
          version: 1,
        };
        await tx.put('work', item as unknown as StoredRecord);
        this.#change(changes, 'created', 'work', [item.id], input.contactId);
        return item;
      });
    },
  };

  // ---------------------------------------------------------------- checklists

  readonly checklists: ChecklistsApi = {
    // Hidden items are sent only to those who manage the list; their states to nobody.
    definitions: (cardType, options) =>
      this.#read(['checklistItems'], options, async (tx) => {
        this.#mayRead();
        return (await tx.getAll('checklistItems', [cardType], 'byCardType'))
          .filter((d) => options?.includeDeleted || !d.deleted)
          .filter((d) => this.session.can('checklist-manage') || storedCardMode(d, {}) !== 'hidden')
          .map((d) => strip<ChecklistItemDefinition>(d));
      }),
    states: (contactId, options) =>
      this.#read(['checklistStates', 'checklistItems', 'contacts'], options, async (tx) => {
        const contact = (await this.#mayReadFor(tx, contactId)) ?? {};
        const states = await tx.getAll('checklistStates', [contactId]);
        const shown = await Promise.all(states.map(async (s) => {
          const item = await tx.get('checklistItems', s.itemId as string);
          return !item || storedCardMode(item, contact) !== 'hidden';
        }));
        return states.filter((_, i) => shown[i]).map((s) => strip<ChecklistState>(s));
      }),
    setState: async (contactId, itemId, expectedVersion, change) => {
      this.#require('checklist-edit', 'change checklists');
      if (change.note !== undefined) requireString(change.note, 'note', LIMITS.note, false);
      if (change.done !== undefined && typeof change.done !== 'boolean') fail('validation', 'done must be true or false.', { fields: { done: 'type' } });
      return this.#write(['contacts', 'checklistItems', 'checklistStates', 'timeline'], async (tx, changes) => {
        const contact = await this.#getContact(tx, contactId);
        expectActive(contact);
        const item = await tx.get('checklistItems', itemId);
        if (!item || item.deleted) fail('not-found', `There is no checklist item with id ${itemId}.`);
        if (storedCardMode(item!, contact) !== 'editable') fail('permission', 'This checklist item cannot be changed here.');
        const current = await tx.get('checklistStates', [contactId, itemId]);
        const currentVersion = (current?.version as number | undefined) ?? 0;
        expectVersion(current, expectedVersion, 'checklist item');
        const at = this.timestamp();
        const before: ChecklistState = current ? strip<ChecklistState>(current) : { contactId, itemId, done: false, note: '', version: 0 };
        const next: ChecklistState = { ...before, version: currentVersion + 1 };
        const recorded: FieldChange[] = [];
        if (change.done !== undefined && change.done !== before.done) {
          next.done = change.done;
          if (change.done) Object.assign(next, { doneAt: at, doneBy: this.#user.name });
          else {
            delete next.doneAt;
            delete next.doneBy;
          }
          recorded.push({ field: 'done', old: String(before.done), new: String(change.done) });
        }
        if (change.note !== undefined && change.note !== before.note) {
          next.note = change.note;
          recorded.push({ field: 'note', old: before.note, new: change.note });
        }
        if (!recorded.length) return before;
        await tx.put('checklistStates', next as unknown as StoredRecord);
        this.#change(changes, current ? 'updated' : 'created', 'checklist', [itemId], contactId);
        for (const fieldChange of recorded) {
          const entry = this.#entry({
            contactId,
            kind: 'checklist',
            subject: item!.text as string,
            body: fieldChange.field === 'note' ? fieldChange.new : '',
            change: fieldChange,
            occurredAt: at,
          });
          await tx.put('timeline', entry as unknown as StoredRecord);
          this.#change(changes, 'created', 'timeline', [entry.id], contactId);
        }
        return next;
      });
    },
    saveDefinition: async (definition) => {
      this.#require('checklist-manage', 'manage checklists');
      const text = requireString(definition?.text, 'text', LIMITS.checklistText).trim();
      const category = requireString(definition.category ?? '', 'category', LIMITS.category, false).trim();
      const cardType = requireString(definition.cardType, 'cardType', 50);
      const modes = { mode: definition.mode, ...definition.modeByStatus };
      for (const [status, mode] of Object.entries(modes)) {
        if (!CHECKLIST_MODES.includes(mode)) fail('validation', `Unknown mode ${String(mode)} for ${status}.`, { fields: { mode: 'type' } });
      }
      if (!Number.isFinite(definition.order)) fail('validation', 'order must be a number.', { fields: { order: 'type' } });
      return this.#write(['checklistItems'], async (tx, changes) => {
        let version = 1;
        if (definition.id) {
          const current = await existing(tx, 'checklistItems', definition.id, 'checklist item');
          expectVersion(current, definition.version ?? -1, 'checklist item');
          version = (current.version as number) + 1;
        }
        const saved: ChecklistItemDefinition = {
          id: definition.id ?? newId(),
          cardType,
          text,
          category,
          order: definition.order,
          mode: definition.mode,
          modeByStatus: { ...definition.modeByStatus },
          deleted: false,
          version,
        };
        await tx.put('checklistItems', saved as unknown as StoredRecord);
        this.#change(changes, definition.id ? 'updated' : 'created', 'checklist-definition', [saved.id]);
        return saved;
      });
    },
    deleteDefinition: async (id, expectedVersion) => {
      this.#require('checklist-manage', 'manage checklists');
      return this.#write(['checklistItems'], async (tx, changes) => {
        const current = await existing(tx, 'checklistItems', id, 'checklist item');
        expectVersion(current, expectedVersion, 'checklist item');
        const next = { ...current, deleted: true, version: expectedVersion + 1 };
        await tx.put('checklistItems', next);
        this.#change(changes, 'deleted', 'checklist-definition', [id]);
        return strip<ChecklistItemDefinition>(next);
      });
    },
  };

  // ---------------------------------------------------------------- templates

  #mayUse(template: StoredRecord): boolean {
    const roles = (template.roles as string[] | undefined) ?? [];
    return roles.length === 0 || roles.includes(this.#user.role);
  }

  readonly templates: TemplatesApi = {
    list: (options) =>
      this.#read(['templates'], options, async (tx) => {
        if (!this.session.can('documents')) return [];
        return (await tx.getAll('templates', [])).filter((t) => this.#mayUse(t)).map((t) => strip<DocumentTemplate>(t));
      }),
    createDocument: async (contactId, templateId) => {
      this.#require('documents', 'create documents');
      return this.#write(['contacts', 'relations', 'templates', 'timeline'], async (tx, changes) => {
        const stored = await this.#getContact(tx, contactId);
        expectActive(stored);
        const contact = strip<Contact>(stored);
        const template = await existing(tx, 'templates', templateId, 'document template');
        if (!this.#mayUse(template)) fail('permission', `Your role may not use the template ${String(template.name)}.`);
        const relation = strip<Relation>(await tx.get('relations', contact.relationId));
        const at = this.timestamp();
        const values = {
          contact: { ...contact, fullName: fullName(contact) },
          relation: relation as unknown as Record<string, unknown>,
          user: { ...this.#user },
          today: at.slice(0, 10),
        };
        const entry = this.#entry({
          contactId,
          kind: template.kind as TimelineKind,
          direction: 'out',
          subject: fillMergeFields(template.subject as string, values),
          body: fillMergeFields(template.body as string, values),
          occurredAt: at,
        });
        await tx.put('timeline', entry as unknown as StoredRecord);
        this.#change(changes, 'created', 'timeline', [entry.id], contactId);
        return entry;
      });
    },
  };

  // ---------------------------------------------------------------- reports

  readonly reports: ReportsApi = {
    list: async (options) => {
      if (options?.signal?.aborted) return abortable(Promise.resolve([]), options.signal);
      return this.session.can('reports') ? BUILT_IN_REPORTS.map((r) => ({ ...r })) : [];
    },
    run: ((reportId: string, contactId: Id, options?: ReadOptions): Promise<Report> => {
      if (!this.session.can('reports')) return Promise.reject(new LiftDataError('permission', `${this.#user.name} may not run reports.`));
      if (reportId === 'activity') {
        if (options?.signal?.aborted) return abortable(Promise.resolve() as Promise<never>, options.signal);
        return this.#read(['contacts'], options, (tx) => this.#mayReadFor(tx, contactId)).then(() => this.#activity(contactId, options?.signal));
      }
      if (reportId === 'summary') {
        return this.#read(['contacts', 'relations', 'work', 'timeline', 'checklistItems', 'checklistStates'], options, async (tx) => (await this.#mayReadFor(tx, contactId), this.#summary(tx, contactId)));
      }
      return Promise.reject(new LiftDataError('not-found', `There is no report ${reportId}.`));
    }) as ReportsApi['run'],
  };

  /**
   * Entries per kind per month, from the month of the first entry to that of the last. Months
   * run within the dates an entry may carry (1900 to a year from today), so the report has at
   * most about 1 500 of them; an older record dated outside (written before the bound, or past
   * the rules by an import) is left out of the counts. Counted where the data lives when the
   * backend can (SQL aggregates), else from the contact's overview index.
   */
  async #activity(contactId: Id, signal: AbortSignal | undefined): Promise<ActivityReport> {
    const range = { from: new Date(EARLIEST_ENTRY).toISOString(), to: new Date(yearAfter(this.#now())).toISOString() };
    const tally = this.#backend.activity
      ? await abortable(this.#backend.activity(contactId, range, signal), signal)
      : await this.#overviews.fromIndex(contactId, signal, (index) => index.activity(range));
    return (await indexCode()).activityReport(contactId, tally);
  }

  async #summary(tx: StoreTransaction, contactId: Id): Promise<SummaryReport> {
    const stored = await this.#getContact(tx, contactId);
    const contact = strip<Contact>(stored);
    const relation = await tx.get('relations', contact.relationId);
    const work = (await tx.getAll('work', [contactId], 'byContact')).reverse().map((w) => strip<WorkItem>(w));
    const entryCount = await tx.count('timeline', [contactId], 'byContact');
    const newest = await tx.scan('timeline', 'byContact', { prefix: [contactId] }, { direction: 'prev', limit: 1 });
    const items = (await tx.getAll('checklistItems', ['contact'], 'byCardType')).filter((d) => !d.deleted && storedCardMode(d, stored) !== 'hidden');
    const states = await tx.getAll('checklistStates', [contactId]);
    const done = states.filter((s) => s.done && items.some((i) => i.id === s.itemId)).length;
    return {
      type: 'summary',
      contact,
      relation: relation && strip<Relation>(relation),
      work,
      entryCount,
      lastActivity: newest[0]?.occurredAt as string | undefined,
      checklist: { done, total: items.length },
    };
  }

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
            batch.contacts.map((contact) => this.#contactRecord(contact as unknown as Contact, names.get(String(contact.relationId))!)),
          ),
        );
      }
      await Promise.all(writes);
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

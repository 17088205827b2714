import type {
  ActivityReport,
  ChecklistItemDefinition,
  ChecklistState,
  Contact,
  ContactDetails,
  DocumentTemplate,
  Id,
  Preferences,
  Relation,
  RelationKind,
  Report,
  ReportDefinition,
  Right,
  Role,
  SummaryReport,
  TimelineEntry,
  TimelineKind,
  Timestamp,
  User,
  WorkItem,
  WorkKind,
} from './model.js';
import type { SyncApi } from './sync.js';

/** Every read accepts an AbortSignal; an aborted call rejects with code `aborted`. */
export interface ReadOptions {
  signal?: AbortSignal;
}

/** One page of a list. Pass `next` back as `cursor` for the following page; absent at the end. */
export interface Page<T> {
  items: T[];
  next?: string;
}

/** Options of {@link ReportsApi.run}. */
export interface ReportRunOptions extends ReadOptions {
  /**
   * The IANA time zone (`Europe/Amsterdam`) whose months the activity report counts entries in,
   * as the user's overview heads them; absent: UTC months. A name the adapter does not know is
   * refused with `validation` (field `timeZone`).
   */
  timeZone?: string;
}

export interface PageOptions extends ReadOptions {
  /** Page size, 1–500 (default 50). */
  limit?: number;
  cursor?: string;
}

export interface ContactQuery extends PageOptions {
  relationId?: Id;
  /** Matches name, e-mail and relation name; case- and accent-insensitive, an apostrophe straight or curly, a comma parting words as a space does (see `queryWords`). */
  text?: string;
  includeArchived?: boolean;
}

export type NewContact = Partial<ContactDetails> & { relationId: Id };

export interface ContactsApi {
  get(id: Id, options?: ReadOptions): Promise<Contact>;
  /** Newest-modified first; archived contacts only when asked. */
  list(query?: ContactQuery): Promise<Page<Contact>>;
  create(input: NewContact): Promise<Contact>;
  /**
   * Saves the changed fields if the contact is still at `expectedVersion`; otherwise fails with
   * `conflict` carrying the current record. Records a `change` entry per changed field.
   */
  update(id: Id, expectedVersion: number, changes: Partial<ContactDetails>): Promise<Contact>;
  setArchived(id: Id, expectedVersion: number, archived: boolean): Promise<Contact>;
  /**
   * Copies the personal details (not the history) into a new contact at `relationId`; `details`
   * replaces some of them in the copy (the e-mail and phone at the new relation, say) and is
   * validated as a save is. Both overviews record the copy, each naming the other contact.
   */
  copy(
    id: Id,
    options: { relationId: Id; archiveOriginal?: boolean; expectedVersion?: number; details?: Partial<ContactDetails> },
  ): Promise<{ copy: Contact; original: Contact }>;
}

export interface RelationQuery extends PageOptions {
  kind?: RelationKind;
  text?: string;
  includeArchived?: boolean;
}

export interface RelationsApi {
  get(id: Id, options?: ReadOptions): Promise<Relation>;
  /** Ordered by name. */
  list(query?: RelationQuery): Promise<Page<Relation>>;
  create(input: { kind: RelationKind; name: string }): Promise<Relation>;
}

export interface TimelineQuery extends PageOptions {
  kinds?: readonly TimelineKind[];
}

export type NewTimelineEntry = Pick<TimelineEntry, 'contactId' | 'kind' | 'subject' | 'body'> &
  Partial<Pick<TimelineEntry, 'direction' | 'occurredAt' | 'workItemId'>>;

/**
 * What the overview shows: the entries that match every given filter, newest first, a page at a
 * time. Dates are instants, not local days: the element turns the reader's local days into the
 * instants they start at, so no backend needs to know the reader's time zone.
 */
export interface OverviewQuery extends PageOptions {
  /**
   * Search text, at most {@link OVERVIEW_TEXT_LIMIT} characters. Every word must occur, case-
   * and accent-insensitively, in the subject, the body or the author, or (for a change entry)
   * in the label of the changed field in Dutch or English. Words are parted as `queryWords` parts
   * them: by spaces, commas and semicolons, the punctuation around a word left out.
   */
  text?: string;
  /** Only entries of these kinds; absent or empty: every kind. `counts` ignore this filter. */
  kinds?: readonly TimelineKind[];
  /** Entries at or after this instant (ISO 8601 with `Z` or an offset, e.g. the local midnight starting the first day). */
  from?: string;
  /** Entries before this instant (ISO 8601 with `Z` or an offset, exclusive: e.g. the local midnight after the last day). */
  to?: string;
}

/** The longest search text an overview query takes. */
export const OVERVIEW_TEXT_LIMIT = 200;

/** One page of the overview, with what the whole result holds. */
export interface OverviewPage extends Page<TimelineEntry> {
  /** How many entries match text, dates and kinds: the length of the whole result. */
  total: number;
  /** Per kind, how many entries match text and dates, whatever `kinds` asks: for the kind filters' counts. */
  counts: Record<TimelineKind, number>;
}

export interface TimelineApi {
  /** Newest first, from the contact's index. */
  list(contactId: Id, query?: TimelineQuery): Promise<Page<TimelineEntry>>;
  /**
   * The overview: searched, filtered and counted where the data lives, newest first, in cursor
   * pages. A cursor stays valid while entries are added: later pages have no gaps or repeats.
   */
  query(contactId: Id, query?: OverviewQuery): Promise<OverviewPage>;
  /**
   * Every entry of the contact, newest first: an export for tools and tests, read page by page
   * where the data is remote. No element reads it; the overview uses {@link TimelineApi.query}.
   */
  all(contactId: Id, options?: ReadOptions): Promise<TimelineEntry[]>;
  count(contactId: Id, options?: ReadOptions): Promise<number>;
  /** Records an entry written by the current user (notes, calls, …). */
  add(entry: NewTimelineEntry): Promise<TimelineEntry>;
  /**
   * Corrects the subject or text of an entry the current user recorded by hand
   * (`isOwnRecord` of the model); the rest of it stays. Fails with `permission` for anyone else's entry,
   * a generated one, or without the `edit` right; with `validation` when the contact is archived
   * or subject and text would both be empty; `not-found` when it is gone. Reports `updated`.
   */
  update(id: Id, changes: TimelineEntryChanges): Promise<TimelineEntry>;
  /** Removes such an entry, under the same rules as {@link TimelineApi.update}. Reports `deleted`. */
  remove(id: Id): Promise<void>;
}

/** What {@link TimelineApi.update} may change of an entry. */
export type TimelineEntryChanges = Partial<Pick<TimelineEntry, 'subject' | 'body'>>;

export interface WorkApi {
  /** Newest first; archived only when asked. */
  listForContact(contactId: Id, query?: PageOptions & { includeArchived?: boolean }): Promise<Page<WorkItem>>;
  create(input: { kind: WorkKind; contactId: Id; title: string; description?: string }): Promise<WorkItem>;
}

export interface ChecklistsApi {
  /**
   * The lookup list of a card type, in order; deleted items only when asked. Items hidden for an
   * active contact only for users with `checklist-manage`.
   */
  definitions(cardType: string, options?: ReadOptions & { includeDeleted?: boolean }): Promise<ChecklistItemDefinition[]>;
  /** The contact's states, except those of items hidden for it. */
  states(contactId: Id, options?: ReadOptions): Promise<ChecklistState[]>;
  /**
   * Ticks, unticks or annotates an item; `expectedVersion` 0 when the contact has no state yet.
   * Only an item editable for the stored contact can change (else `permission`). The caller's
   * `status` does not pick the mode: an archived contact takes the `archived` mode, an active
   * one the strictest of its item's other modes. (`status` is accepted and ignored.)
   */
  setState(
    contactId: Id,
    itemId: Id,
    expectedVersion: number,
    change: { done?: boolean; note?: string; status?: string },
  ): Promise<ChecklistState>;
  /** Creates (no `id`) or updates (with `id` and `version`) a definition. Needs `checklist-manage`. */
  saveDefinition(
    definition: Omit<ChecklistItemDefinition, 'id' | 'version' | 'deleted'> & { id?: Id; version?: number },
  ): Promise<ChecklistItemDefinition>;
  deleteDefinition(id: Id, expectedVersion: number): Promise<ChecklistItemDefinition>;
}

/** A document's text as it is recorded. */
export interface DocumentText {
  subject: string;
  body: string;
}

export interface TemplatesApi {
  /** The templates the current user's role may use. */
  list(options?: ReadOptions): Promise<DocumentTemplate[]>;
  /**
   * Records a document from the template in the contact's overview. With `text`, that subject
   * and body are recorded (the template as the user filled it in and edited it); without, the
   * merge fields are filled here (dates in Dutch, in this runtime's time zone).
   */
  createDocument(contactId: Id, templateId: Id, text?: DocumentText): Promise<TimelineEntry>;
}

export interface ReportsApi {
  list(options?: ReadOptions): Promise<ReportDefinition[]>;
  run(reportId: 'activity', contactId: Id, options?: ReportRunOptions): Promise<ActivityReport>;
  run(reportId: 'summary', contactId: Id, options?: ReportRunOptions): Promise<SummaryReport>;
  run(reportId: string, contactId: Id, options?: ReportRunOptions): Promise<Report>;
}

export interface PreferencesApi {
  /** The current user's choices for a card type (`{}` when none are stored). */
  get(cardType: string, options?: ReadOptions): Promise<Preferences>;
  set(cardType: string, preferences: Preferences): Promise<Preferences>;
}

export interface SessionApi {
  currentUser(): User;
  role(): Role;
  can(right: Right): boolean;
  /** Acts for another user from now on (the host's login, or the demo's user switcher). */
  setUser(user: User): void;
  users(options?: ReadOptions): Promise<User[]>;
}

/** Optional resource groups. An element hides what the adapter cannot do. */
export const CAPABILITIES = ['work', 'checklists', 'templates', 'reports', 'preferences'] as const;
export type Capability = (typeof CAPABILITIES)[number];

export type ChangeResource = 'contact' | 'relation' | 'work' | 'timeline' | 'checklist' | 'checklist-definition' | 'preferences';

export interface DataChange {
  type: 'created' | 'updated' | 'deleted';
  resource: ChangeResource;
  /**
   * The records concerned. Empty, or with `contactId` absent on a contact-bound resource, the
   * change is a bulk one: any record of the resource may have changed (an import, or an adapter
   * that missed changes, such as HttpAdapter after its server's feed reset), and what shows it
   * is read again.
   */
  ids: Id[];
  /**
   * For timeline, work and checklist changes: the contact they belong to. Absent for bulk
   * imports, which may concern any contact.
   */
  contactId?: Id;
  /** `local` when made through this adapter instance; `remote` from another instance or tab. */
  origin: 'local' | 'remote';
  at: Timestamp;
}

/** Not about data: the storage went away (another tab upgraded or removed the database, or it closed). */
export interface LifecycleNotice {
  type: 'version-change' | 'closed';
  origin: 'local' | 'remote';
}

export type ChangeListener = (change: DataChange | LifecycleNotice) => void;

/**
 * The one contract every element reads and writes through. `contacts`, `relations`, `timeline`
 * and `session` are required; the groups in {@link CAPABILITIES} are optional and, when present,
 * named in `capabilities`.
 */
export interface LiftAdapter {
  readonly capabilities: ReadonlySet<Capability>;
  readonly contacts: ContactsApi;
  readonly relations: RelationsApi;
  readonly timeline: TimelineApi;
  readonly session: SessionApi;
  readonly work?: WorkApi;
  readonly checklists?: ChecklistsApi;
  readonly templates?: TemplatesApi;
  readonly reports?: ReportsApi;
  readonly preferences?: PreferencesApi;
  /** Present on an adapter that keeps a copy on the device and works on while offline. */
  readonly sync?: SyncApi;
  /**
   * What this adapter's data is: the same text for adapters on the same data (a database, a
   * server and its space), another for other data. Elements key what they keep in the browser
   * (unsaved drafts) by it, so two backends never see each other's. Absent: one shared scope.
   */
  readonly scope?: string;
  /**
   * Runs the write that `write` starts (synchronously, as every write method does) under the
   * request id `id`. An adapter whose writes can lose their answer on the way back (over a
   * network) offers it: a create sent again with the same id is answered once, not made twice,
   * so an element repeats a create the user retries with its id. Absent: writes cannot be in doubt.
   */
  withRequestId?<T>(id: string, write: () => Promise<T>): Promise<T>;
  /** Reports created / updated / deleted ids, local and from elsewhere. Returns unsubscribe. */
  subscribe(listener: ChangeListener): () => void;
  close?(): void;
}

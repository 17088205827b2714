/**
 * The LIFT domain as the elements see it. Dates are ISO 8601 strings (UTC) so records survive
 * JSON, IndexedDB and HTTP unchanged; every writable record carries a `version` that each
 * successful write bumps.
 */

export type Id = string;
/** An ISO 8601 timestamp in UTC, e.g. `2026-11-27T09:30:00.000Z`. */
export type Timestamp = string;

export const RELATION_KINDS = ['client', 'prospect', 'supplier', 'other'] as const;
export type RelationKind = (typeof RELATION_KINDS)[number];

export interface Relation {
  id: Id;
  kind: RelationKind;
  name: string;
  archived: boolean;
  createdAt: Timestamp;
  updatedAt: Timestamp;
  version: number;
}

/** The fields a user edits on a contact, in the order the personal details form shows them. */
export const CONTACT_FIELDS = [
  'salutation',
  'firstName',
  'infix',
  'lastName',
  'jobTitle',
  'department',
  'email',
  'phone',
  'mobile',
  'notes',
] as const;
export type ContactField = (typeof CONTACT_FIELDS)[number];
export type ContactDetails = Record<ContactField, string>;

export interface Contact extends ContactDetails {
  id: Id;
  relationId: Id;
  archived: boolean;
  createdAt: Timestamp;
  updatedAt: Timestamp;
  version: number;
}

export const WORK_KINDS = ['lead', 'request', 'project'] as const;
export type WorkKind = (typeof WORK_KINDS)[number];

export interface WorkItem {
  id: Id;
  kind: WorkKind;
  contactId: Id;
  relationId: Id;
  /** Human-facing number, e.g. `P-2026-0042`. */
  number: string;
  title: string;
  description: string;
  status: string;
  archived: boolean;
  startDate?: string;
  endDate?: string;
  createdAt: Timestamp;
  updatedAt: Timestamp;
  version: number;
}

export const TIMELINE_KINDS = [
  'email',
  'letter',
  'document',
  'invoice',
  'note',
  'call',
  'meeting',
  'task',
  'change',
  'checklist',
] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];
/** The kinds the Correspondence tab shows. */
export const CORRESPONDENCE_KINDS: readonly TimelineKind[] = ['email', 'letter', 'document', 'invoice'];

/**
 * The kinds a user records by hand from the card (the overview's composer). An entry of one of
 * these kinds that a user wrote stays theirs to correct or remove: see {@link isOwnRecord}.
 */
export const RECORDED_KINDS = ['note', 'call', 'meeting', 'email', 'task'] as const satisfies readonly TimelineKind[];
export type RecordedKind = (typeof RECORDED_KINDS)[number];

export type Direction = 'in' | 'out';

/** One field's change, as recorded by a save. */
export interface FieldChange {
  field: string;
  old: string;
  new: string;
}

export interface TimelineEntry {
  id: Id;
  contactId: Id;
  kind: TimelineKind;
  direction?: Direction;
  subject: string;
  /** Plain text, never HTML. */
  body: string;
  occurredAt: Timestamp;
  /** Display name of who wrote or caused it. */
  author: string;
  authorId?: Id;
  workItemId?: Id;
  /** The document template it was made from: it stays as it was written, whatever its kind. */
  templateId?: Id;
  /** For `change` entries: what changed. */
  change?: FieldChange;
}

/**
 * Whether `userId` may change or remove `entry`: they wrote it, by hand, of a kind recorded by
 * hand. Generated entries (changes, checklist ticks, anything made from a document template, an
 * e-mail too) and others' entries stay as they were written. The adapter also requires the
 * `edit` right and an active contact.
 */
export function isOwnRecord(entry: Pick<TimelineEntry, 'kind' | 'authorId' | 'templateId'>, userId: Id | undefined): boolean {
  return Boolean(userId) && entry.authorId === userId && !entry.templateId && (RECORDED_KINDS as readonly TimelineKind[]).includes(entry.kind);
}

export const CHECKLIST_MODES = ['hidden', 'read-only', 'editable'] as const;
export type ChecklistMode = (typeof CHECKLIST_MODES)[number];

/** One item of a card type's checklist lookup list. */
export interface ChecklistItemDefinition {
  id: Id;
  cardType: string;
  text: string;
  category: string;
  order: number;
  /** Mode when no status-specific mode applies. */
  mode: ChecklistMode;
  /** Modes per card status, overriding `mode`. */
  modeByStatus: Record<string, ChecklistMode>;
  /** Deleted items stay so their history keeps its meaning. */
  deleted: boolean;
  version: number;
}

/** A contact's state for one checklist item. */
export interface ChecklistState {
  contactId: Id;
  itemId: Id;
  done: boolean;
  doneAt?: Timestamp;
  doneBy?: string;
  note: string;
  version: number;
}

export interface DocumentTemplate {
  id: Id;
  name: string;
  kind: 'letter' | 'email' | 'document';
  subject: string;
  /** Plain text with `{{contact.firstName}}`-style merge fields. */
  body: string;
  /** Roles that may use it; empty means every role. */
  roles: string[];
}

export const RIGHTS = [
  /** Read contacts, relations, their overviews, work, checklists and the users. */
  'read',
  /** Read archived contacts and relations (and what belongs to them); needs `read`. */
  'see-archived',
  /** Store one's own layout choices (preferences). */
  'preferences',
  'edit',
  'archive',
  'copy',
  'create-work',
  'documents',
  'reports',
  'checklist-edit',
  'checklist-manage',
] as const;
export type Right = (typeof RIGHTS)[number];

/** The card types preferences are kept for. */
export const CARD_TYPES = ['contact'] as const;

export interface Role {
  id: string;
  name: string;
  rights: Right[];
}

export interface User {
  id: Id;
  name: string;
  role: string;
}

/** Per user and card type: which buttons and which detail tabs the user chose to see. */
export interface Preferences {
  buttons?: string[];
  detailTabs?: string[];
}

export interface ReportDefinition {
  id: string;
  name: string;
  /** `activity` and `summary` are built in; adapters may add their own. */
  builtIn: boolean;
}

/** Entries per kind per month (`YYYY-MM`), oldest month first. */
export interface ActivityReport {
  type: 'activity';
  contactId: Id;
  months: string[];
  counts: Record<TimelineKind, number[]>;
}

export interface SummaryReport {
  type: 'summary';
  contact: Contact;
  relation: Relation | undefined;
  work: WorkItem[];
  entryCount: number;
  /** When the newest entry that has happened took place; planned ones (later than now) do not count. */
  lastActivity: Timestamp | undefined;
  checklist: { done: number; total: number };
}

export interface CustomReport {
  type: 'custom';
  title: string;
  /** A table: the first row is the header. Plain text cells. */
  rows: string[][];
}

export type Report = ActivityReport | SummaryReport | CustomReport;

/** The status under which a checklist item says its mode for an archived card. */
export const ARCHIVED_STATUS = 'archived';

/**
 * The mode of a checklist item on a stored card that keeps no status of its own (a contact):
 * archived, the item's `archived` mode; otherwise the strictest of its other modes, since no
 * status can say which one applies.
 */
export function storedCardMode(item: Pick<ChecklistItemDefinition, 'mode' | 'modeByStatus'>, archived: boolean): ChecklistMode {
  const byStatus = item.modeByStatus ?? {};
  if (archived) return byStatus[ARCHIVED_STATUS] ?? item.mode;
  const modes = [item.mode, ...Object.entries(byStatus).filter(([status]) => status !== ARCHIVED_STATUS).map(([, mode]) => mode)];
  // CHECKLIST_MODES is ordered strictest first.
  return modes.reduce((strictest, mode) => (CHECKLIST_MODES.indexOf(mode) < CHECKLIST_MODES.indexOf(strictest) ? mode : strictest));
}

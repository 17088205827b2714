import { CONTACT_FIELDS, type Contact, type ContactDetails, type ContactField } from '../data/contract/model.js';
import { validateContact, type ValidationCode } from '../data/contract/validation.js';
import { DRAFT_DAYS, DRAFT_PREFIX, keepDraft, keptDraft } from '../internal/browser-drafts.js';

export { DRAFT_DAYS };

/** One field both sides changed differently since the version the edits started from. */
export interface FieldConflict {
  field: ContactField;
  original: string;
  mine: string;
  theirs: string;
}

/** A save that met a newer version with the same fields changed: what the user chooses between. */
export interface Conflict {
  theirs: Contact;
  conflicts: FieldConflict[];
  merged: ContactField[];
  choices: Partial<Record<ContactField, 'mine' | 'theirs'>>;
  /** `save`: met while saving (choices are saved); `compare`: opened from "changed elsewhere". */
  mode: 'save' | 'compare';
}

/** The outcome of merging my edits onto a newer record. */
export interface MergeResult {
  /** Edits that still differ from theirs and met no overlapping change: saved as they are. */
  merged: Partial<ContactDetails>;
  /** Fields that need the user's choice. */
  conflicts: FieldConflict[];
}

/** Fields of more than one line: a textarea gives their CRLF and CR line breaks back as LF. */
const MULTI_LINE: readonly ContactField[] = ['notes'];

/** `text` with its line breaks as a textarea gives them back (LF). */
const textareaText = (text: string): string => text.replace(/\r\n?/g, '\n');

/** Whether `a` and `b` are the same value of `field`: in a multi-line field, whatever the line breaks. */
const sameValue = (field: ContactField, a: string, b: string): boolean => a === b || (MULTI_LINE.includes(field) && textareaText(a) === textareaText(b));

/**
 * The personal details being edited on a card: the record they started from (`base`) and the
 * user's values for the fields they touched. Immutable: every edit returns a new draft, so an
 * element can keep it in one reactive property.
 */
export class ContactDraft {
  private constructor(
    readonly base: Contact,
    readonly edits: Readonly<Partial<ContactDetails>>,
  ) {}

  static of(base: Contact): ContactDraft {
    return new ContactDraft(base, {});
  }

  /** The value shown for `field`: the user's edit, else the loaded one. */
  value(field: ContactField): string {
    return this.edits[field] ?? this.base[field] ?? '';
  }

  /** The draft with `field` set; an edit back to the loaded value is no edit. */
  with(field: ContactField, value: string): ContactDraft {
    const edits = { ...this.edits };
    if (sameValue(field, value, this.base[field] ?? '')) delete edits[field];
    else edits[field] = value;
    return new ContactDraft(this.base, edits);
  }

  /** The same edits on another base (a reloaded record, a restored draft's record). */
  rebase(base: Contact, edits: Partial<ContactDetails> = this.edits): ContactDraft {
    let next = new ContactDraft(base, {});
    for (const [field, value] of Object.entries(edits)) if (typeof value === 'string') next = next.with(field as ContactField, value);
    return next;
  }

  /** Fields whose value differs from the loaded record, in form order. */
  get dirtyFields(): ContactField[] {
    return CONTACT_FIELDS.filter((field) => field in this.edits);
  }

  get dirty(): boolean {
    return this.dirtyFields.length > 0;
  }

  /** Only the changed fields: what a save sends. */
  get changes(): Partial<ContactDetails> {
    return { ...this.edits };
  }

  /** Problems of the changed fields, by field. */
  get problems(): Partial<Record<ContactField, ValidationCode>> {
    return validateContact({ ...this.base, ...this.edits }, this.dirtyFields);
  }

  /**
   * Three-way merge of my edits onto `theirs`, the record as it is now. A field only I changed
   * keeps my value; a field we both set to the same value needs nothing; a field we both
   * changed differently is a conflict the user must settle.
   */
  merge(theirs: Contact): MergeResult {
    const merged: Partial<ContactDetails> = {};
    const conflicts: FieldConflict[] = [];
    for (const field of this.dirtyFields) {
      const original = this.base[field] ?? '';
      const mine = this.edits[field]!;
      const now = theirs[field] ?? '';
      if (sameValue(field, now, mine)) continue;
      if (now === original) merged[field] = mine;
      else conflicts.push({ field, original, mine, theirs: now });
    }
    return { merged, conflicts };
  }

  /**
   * `sent` (the edits of a save whose answer never came) when `record` holds every one of them:
   * that save landed, or someone saved the same values. Undefined when it holds only some (a
   * colleague saved part of it: the rest was not stored), or when `record` changed another edited
   * field differently (the user compares then). Merged from what that save left, so an edit typed
   * on in a field it sent is hers on top, not a clash with her own stored value.
   */
  landedIn(record: Contact, sent: Partial<ContactDetails>): Partial<ContactDetails> | undefined {
    const fields = Object.keys(sent) as ContactField[];
    if (!fields.length || !fields.every((field) => sameValue(field, sent[field]!, record[field] ?? ''))) return undefined;
    return new ContactDraft({ ...this.base, ...sent }, this.edits).merge(record).conflicts.length ? undefined : sent;
  }
}

/** What is kept in localStorage for a contact with unsaved edits. */
interface StoredDraft {
  v: 1;
  contactId: string;
  /** The oldest version any of the edits started from. */
  baseVersion: number;
  /** The loaded value of each edited field, so a later merge knows what the user started from. */
  base: Partial<ContactDetails>;
  edits: Partial<ContactDetails>;
  /** When it was written: milliseconds since 1970, or an ISO date as drafts were kept before. */
  savedAt: number | string;
}

/** A draft found in storage, ready to be offered back. */
export interface RestoredDraft {
  baseVersion: number;
  base: Partial<ContactDetails>;
  edits: Partial<ContactDetails>;
  savedAt: string;
}

const isDetails = (value: unknown): value is Partial<ContactDetails> =>
  typeof value === 'object' &&
  value !== null &&
  Object.entries(value).every(([field, text]) => (CONTACT_FIELDS as readonly string[]).includes(field) && typeof text === 'string');


/** The keys of the drafts this browser keeps: all of them, or those of one adapter `scope`. */
function draftKeys(scope?: string): string[] {
  const prefix = scope === undefined ? DRAFT_PREFIX : `${DRAFT_PREFIX}${scope}:`;
  const keys: string[] = [];
  for (let i = 0; i < localStorage.length; i++) {
    const key = localStorage.key(i);
    if (key?.startsWith(prefix)) keys.push(key);
  }
  return keys;
}

/**
 * Removes the unsaved drafts this browser keeps (the card's, the overview's half-written
 * activities and the checklist's notes being written): all of them, or those of one adapter `scope`
 * (see `LiftAdapter.scope`). A host calls it when its user signs out, so the next person at the
 * browser does not find the last one's edits. Returns how many were removed.
 */
export function clearDrafts(scope?: string): number {
  try {
    const keys = draftKeys(scope);
    for (const key of keys) localStorage.removeItem(key);
    return keys.length;
  } catch {
    return 0;
  }
}

/**
 * How many of the drafts `clearDrafts` would remove still hold unsaved work (younger than
 * {@link DRAFT_DAYS}; an older one is removed as it is counted). A host asks its user before
 * it throws them away (a sign-out, a reset), as a card with unsaved edits asks before it moves on.
 */
export function countDrafts(scope?: string): number {
  try {
    return draftKeys(scope).filter((key) => keptDraft(key) !== undefined).length;
  } catch {
    return 0;
  }
}

/**
 * Unsaved edits kept in the browser per adapter scope, user and contact, so a reload or a crash
 * loses nothing, for {@link DRAFT_DAYS} days after the last edit. Several cards (or tabs) may edit one contact: each writes and forgets only the
 * fields it edited, so one card's save or discard never drops another card's edits. Storage
 * can be missing or full (private modes, quotas): the methods then return `false`.
 */
export class DraftStore {
  constructor(private readonly scope: string) {}

  #key(contactId: string): string {
    return `${DRAFT_PREFIX}${this.scope}:${contactId}`;
  }

  /**
   * Stores `draft`'s value for each of `fields` (the fields this card edited): a dirty field is
   * written, a field back at its loaded value is removed. Other fields are left as they are.
   * With `written` (what this card stored last), a field is removed only where the stored edit
   * is still that: another card that typed in the field since keeps its edit. `rebased`: the
   * draft was merged onto a newer record (or a conflict settled), so its fields start from that.
   */
  save(contactId: string, draft: ContactDraft, fields: Iterable<ContactField> = draft.dirtyFields, written?: Partial<ContactDetails>, rebased = false): boolean {
    const stored = this.load(contactId) ?? { baseVersion: draft.base.version, base: {}, edits: {}, savedAt: '' };
    const base = { ...stored.base };
    const edits = { ...stored.edits };
    for (const field of fields) {
      if (field in draft.edits) {
        // A field first edited now starts from this card's record; one edited before keeps its start.
        if (rebased || !(field in edits) || base[field] === undefined) base[field] = draft.base[field] ?? '';
        edits[field] = draft.edits[field]!;
      } else if (!written || edits[field] === written[field]) {
        delete edits[field];
        delete base[field];
      }
    }
    const baseVersion = Object.keys(edits).length && stored.savedAt ? Math.min(stored.baseVersion, draft.base.version) : draft.base.version;
    return this.#write(contactId, { baseVersion, base, edits });
  }

  /**
   * Forgets `fields`; with `values`, only where the stored edit equals them (what was just
   * saved), so an edit another card made to the same field survives.
   */
  forget(contactId: string, fields: Iterable<ContactField>, values?: Partial<ContactDetails>): boolean {
    const stored = this.load(contactId);
    if (!stored) return true;
    const base = { ...stored.base };
    const edits = { ...stored.edits };
    for (const field of fields) {
      if (values && edits[field] !== values[field]) continue;
      delete edits[field];
      delete base[field];
    }
    return this.#write(contactId, { baseVersion: stored.baseVersion, base, edits });
  }

  #write(contactId: string, draft: Pick<StoredDraft, 'baseVersion' | 'base' | 'edits'>): boolean {
    return keepDraft(this.#key(contactId), Object.keys(draft.edits).length ? { v: 1, contactId, ...draft } : undefined);
  }

  load(contactId: string): RestoredDraft | undefined {
    const stored = keptDraft(this.#key(contactId)) as Partial<StoredDraft> | undefined;
    if (stored?.v !== 1 || stored.contactId !== contactId || typeof stored.baseVersion !== 'number' || !isDetails(stored.base) || !isDetails(stored.edits)) {
      return undefined;
    }
    return { baseVersion: stored.baseVersion, base: stored.base, edits: stored.edits, savedAt: new Date(stored.savedAt!).toISOString() };
  }

  discard(contactId: string): boolean {
    return keepDraft(this.#key(contactId), undefined);
  }
}

/**
 * The draft to edit after a reload: the stored edits on top of the record as it is now. An edit
 * the record now holds (a colleague saved the same value) is no edit and is left out. When a
 * field the user edited was changed since by someone else, the draft starts from the version
 * the user saw, so saving goes through the conflict merge instead of overwriting that change.
 */
export function draftFromStorage(current: Contact, restored: RestoredDraft): ContactDraft {
  const fields = (Object.keys(restored.edits) as ContactField[]).filter((field) => !sameValue(field, restored.edits[field]!, current[field] ?? ''));
  const edits = Object.fromEntries(fields.map((field) => [field, restored.edits[field]]));
  const untouched = fields.every((field) => (restored.base[field] ?? current[field]) === current[field]);
  if (untouched) return ContactDraft.of(current).rebase(current, edits);
  const since = Object.fromEntries(fields.filter((field) => restored.base[field] !== undefined).map((field) => [field, restored.base[field]]));
  const base: Contact = { ...current, ...since, version: Math.min(restored.baseVersion, current.version) };
  return ContactDraft.of(base).rebase(base, edits);
}

/**
 * The draft `store` keeps of `current`, to edit after a reload (see {@link draftFromStorage}), and
 * when it was written. Stored edits that are no edits of the record as it is now are forgotten;
 * undefined when none is left.
 */
export function restoredDraft(store: DraftStore, current: Contact): { draft: ContactDraft; savedAt: string } | undefined {
  const stored = store.load(current.id);
  if (!stored) return undefined;
  const draft = draftFromStorage(current, stored);
  store.forget(current.id, (Object.keys(stored.edits) as ContactField[]).filter((field) => !(field in draft.edits)), stored.edits);
  return draft.dirty ? { draft, savedAt: stored.savedAt } : undefined;
}

// The rules every adapter on the rule engine applies before and around storage: limits, bounds,
// versions, cursors and cancellation. Pure functions over stored records, so the engine's parts
// (contacts.ts, timeline.ts, checklists.ts, documents.ts) read as the contract's operations and
// these can be read (and tested) alone.
import { CARD_TYPES, storedCardMode as cardMode, type ChecklistItemDefinition, type ChecklistMode, type Preferences, type ReportDefinition } from '../contract/model.js';
import { LiftDataError, type LiftErrorCode } from '../contract/errors.js';
import { queryWords } from '../contract/text.js';
import { EARLIEST_ENTRY, LIMITS, MAX_PAGE, yearAfter } from '../contract/validation.js';
import { decodeCursor, type Key, type StoredRecord, type StoreName, type StoreTransaction } from './store.js';

const DEFAULT_PAGE = 50;
/**
 * The limits and an entry's dates are the contract's, so elements count down to (and check
 * against) the numbers the engine enforces.
 */
export { EARLIEST_ENTRY, LIMITS, yearAfter };
/**
 * A page stops before its records, as JSON, pass this many characters (at least one record is
 * always given): 500 notes of 200 000 characters would otherwise make one answer of 100 MB.
 */
export const PAGE_CHARACTERS = 1_000_000;

/** `YYYY-MM` of a time, the year always four digits. */
export function monthKey(year: number, month: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
}

/** Built-in reports; names are for people, elements translate by id. */
export const BUILT_IN_REPORTS: readonly ReportDefinition[] = [
  { id: 'activity', name: 'Activity per kind per month', builtIn: true },
  { id: 'summary', name: 'Contact summary', builtIn: true },
];

/** Internal fields (search keys) start with `_` and never leave the adapter. */
export function strip<T>(record: StoredRecord | undefined): T {
  const copy: StoredRecord = {};
  for (const [key, value] of Object.entries(record ?? {})) if (!key.startsWith('_')) copy[key] = value;
  return copy as T;
}


export const fail = (code: LiftErrorCode, message: string, extra?: { current?: unknown; fields?: Record<string, string> }): never => {
  throw new LiftDataError(code, message, extra);
};

export function requireString(value: unknown, field: string, max: number, required = true): string {
  if (typeof value !== 'string') return fail('validation', `${field} must be text.`, { fields: { [field]: value === undefined ? 'required' : 'type' } });
  if (required && !value.trim()) return fail('validation', `${field} is required.`, { fields: { [field]: 'required' } });
  if (value.length > max) return fail('validation', `${field} is longer than ${max} characters.`, { fields: { [field]: 'too-long' } });
  return value;
}

/**
 * An id as the caller gave it, before storage looks it up: text that is not empty. IndexedDB
 * refuses another key (undefined, null, an object) as a DataError, which is the caller's mistake
 * to report as such, not storage out of reach. `field` names the input it came in, if any.
 */
export function requireId(value: unknown, field?: string): string {
  if (typeof value === 'string' && value) return value;
  const reason = value === undefined || value === '' ? 'required' : 'type';
  return fail('validation', `${field ?? 'The id'} must be the text of an id, not ${String(value)}.`, field ? { fields: { [field]: reason } } : undefined);
}

/** The record, or a `not-found` error naming what was looked for; an id that is no text is refused as {@link requireId} does. */
export async function existing(tx: StoreTransaction, store: StoreName, id: Key, what: string): Promise<StoredRecord> {
  return (await tx.get(store, requireId(id))) ?? fail('not-found', `There is no ${what} with id ${String(id)}.`);
}

/** An archived contact is read-only: nothing is written onto it or into its overview until it is unarchived. */
export function expectActive(contact: StoredRecord): void {
  if (contact.archived) fail('validation', 'An archived contact is read-only; unarchive it first.', { fields: { archived: 'archived' } });
}

/** Preferences are kept for the card types the elements know, not under any text a caller sends. */
export function expectCardType(cardType: unknown): void {
  if (!(CARD_TYPES as readonly unknown[]).includes(cardType)) {
    fail('validation', `Preferences are kept for the card types ${CARD_TYPES.join(', ')}, not ${String(cardType)}.`, { fields: { cardType: 'unknown' } });
  }
}

/** Layout choices as stored: lists of distinct names, each list and name within its limit. */
export function cleanPreferences(preferences: Preferences | undefined): Preferences {
  const clean: Preferences = {};
  for (const key of ['buttons', 'detailTabs'] as const) {
    const list = preferences?.[key];
    if (list === undefined) continue;
    if (!Array.isArray(list) || list.some((v) => typeof v !== 'string')) fail('validation', `${key} must be a list of names.`, { fields: { [key]: 'type' } });
    if (list.length > LIMITS.preferenceNames || list.some((name) => name.length > LIMITS.preferenceName)) {
      fail('validation', `${key} holds at most ${LIMITS.preferenceNames} names of at most ${LIMITS.preferenceName} characters.`, { fields: { [key]: 'too-long' } });
    }
    clean[key] = [...new Set(list)];
  }
  return clean;
}

/**
 * The mode of a checklist item for a stored contact: the caller's word on the card's status is
 * not taken, since it could pick the status that makes an item editable (or visible). A contact
 * stores no status beside being archived, so an archived one takes the `archived` mode, and an
 * active one the strictest of the modes it may be under (its default and every status's but
 * `archived`'s): hidden before read-only before editable.
 */
export function storedCardMode(item: StoredRecord, contact: StoredRecord): ChecklistMode {
  return cardMode(item as unknown as ChecklistItemDefinition, Boolean(contact.archived));
}

/**
 * Compare-and-set: the write goes ahead only at the version the caller loaded. A version that is
 * not a whole number is refused, not skipped: the next version is worked out from it.
 * `optional`: the caller may leave it out (copying a contact), and is then not checked.
 */
export function expectVersion(current: StoredRecord | undefined, expected: number | undefined, what: string, optional = false): void {
  if (expected === undefined && optional) return;
  if (!Number.isInteger(expected)) fail('validation', `A write of a ${what} needs the version it was loaded at.`, { fields: { version: 'type' } });
  const version = (current?.version as number | undefined) ?? 0;
  if (version !== expected) {
    fail('conflict', `Someone else changed this ${what} after you opened it.`, { current: current && strip(current) });
  }
}

/**
 * Milliseconds since the epoch of an ISO 8601 date and time that names its zone (`Z` or an
 * offset); NaN for anything else. A date alone or a time without a zone is refused: each machine
 * (the reader's, the server's) would read it as another instant. So is a day its month does not
 * have, or a time past 23:59:59: engines differ there (V8 reads 30 February as 1 March).
 */
export function instantTime(value: unknown): number {
  const iso = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d)(?::(\d\d)(?:\.\d+)?)?(?:Z|[+-](\d\d):(\d\d))$/i.exec(typeof value === 'string' ? value : '');
  if (!iso) return NaN;
  const [year, month, day, hour, minute, second, zoneHours, zoneMinutes] = iso.slice(1).map((part) => Number(part ?? 0)) as [number, number, number, number, number, number, number, number];
  const monthDays = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const fits = month >= 1 && month <= 12 && day >= 1 && day <= monthDays && hour < 24 && minute < 60 && second < 60 && zoneHours < 24 && zoneMinutes < 60;
  return fits ? Date.parse(iso[0]) : NaN;
}

/** A contact or relation search's text as its folded words; text of at most {@link LIMITS.search} characters. */
export function searchWords(text: unknown): string[] {
  if (text === undefined || text === null) return [];
  if (typeof text !== 'string') return fail('validation', 'text must be text.', { fields: { text: 'type' } });
  if (text.length > LIMITS.search) return fail('validation', `The search text is longer than ${LIMITS.search} characters.`, { fields: { text: 'too-long' } });
  return queryWords(text);
}

export function pageLimit(limit: number | undefined): number {
  if (limit === undefined) return DEFAULT_PAGE;
  if (!Number.isInteger(limit) || limit < 1) return fail('validation', 'A page limit must be a whole number of at least 1.', { fields: { limit: 'type' } });
  return Math.min(limit, MAX_PAGE);
}

/**
 * The records of one page out of `records` (read with one extra to tell whether more follow):
 * at most `limit`, and stopping before their JSON passes {@link PAGE_CHARACTERS} (one at least).
 */
export function fitPage<T>(records: readonly T[], limit: number): { items: T[]; more: boolean } {
  let items = records.slice(0, limit);
  let characters = 0;
  const fits = items.findIndex((record, i) => (characters += JSON.stringify(record).length) > PAGE_CHARACTERS && i > 0);
  if (fits > 0) items = items.slice(0, fits);
  return { items, more: records.length > items.length };
}

/**
 * Resolves in a new task, so long work done in steps lets the page paint and handle input in
 * between. A message is not throttled in a background tab the way a timer is.
 */
export function nextTask(): Promise<void> {
  if (typeof MessageChannel !== 'function') return new Promise((resolve) => setTimeout(resolve, 0));
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(undefined);
  });
}

export function cursorKey(cursor: string | undefined): Key[] | undefined {
  if (cursor === undefined) return undefined;
  return decodeCursor(cursor) ?? fail('validation', 'That page cursor is not one this adapter gave out.', { fields: { cursor: 'type' } });
}

/** Rejects with `aborted` as soon as `signal` aborts, whatever the storage is still doing. */
export function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  const aborted = () => new LiftDataError('aborted', 'The request was cancelled.', { cause: signal.reason });
  if (signal.aborted) return Promise.reject(aborted());
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(aborted());
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        if (signal.aborted) reject(aborted());
        else resolve(value);
      },
      (error) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

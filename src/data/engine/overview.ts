// The overview query as every adapter on the rule engine answers it: the query checked once,
// and what an answer holds. The in-memory index that answers it (overview-index.ts) loads when
// the first query needs it.
import { OVERVIEW_TEXT_LIMIT, type OverviewQuery } from '../contract/adapter.js';
import { TIMELINE_KINDS, type Id, type TimelineEntry, type TimelineKind } from '../contract/model.js';
import { cursorKey, fail, instantTime, pageLimit } from './rules.js';
import { hasPrefix, type Key } from './store.js';
import { queryWords } from '../contract/text.js';

/** An overview query, checked: what every backend answers. */
export interface OverviewFilter {
  contactId: Id;
  /** Folded words; every one must occur. */
  words: string[];
  /** Kinds asked for; empty: every kind. */
  kinds: TimelineKind[];
  /**
   * Start (inclusive) and end (exclusive) as canonical ISO instants (`toISOString`), compared
   * with the entries' `occurredAt` as text, the way an index on that column orders them.
   */
  from?: string;
  to?: string;
  limit: number;
  /** The `byContact` key (contact, occurredAt, id) of the last entry of the previous page. */
  after?: [Id, string, Id];
}

function instant(value: unknown, field: 'from' | 'to'): string | undefined {
  if (value === undefined || value === '') return undefined;
  const time = instantTime(value);
  if (Number.isNaN(time)) fail('validation', `${field} is not a date and time with its zone (ISO 8601).`, { fields: { [field]: 'type' } });
  return new Date(time).toISOString();
}

/** Checks a query against the contract; bad input is a `validation` error naming the field. */
export function overviewFilter(contactId: Id, query: OverviewQuery = {}): OverviewFilter {
  if (typeof contactId !== 'string' || !contactId) fail('validation', 'A contact id is required.', { fields: { contactId: 'required' } });
  const text = query.text ?? '';
  if (typeof text !== 'string') fail('validation', 'text must be text.', { fields: { text: 'type' } });
  if (text.length > OVERVIEW_TEXT_LIMIT) {
    fail('validation', `The search text is longer than ${OVERVIEW_TEXT_LIMIT} characters.`, { fields: { text: 'too-long' } });
  }
  const kinds = query.kinds ?? [];
  if (!Array.isArray(kinds) || kinds.some((kind) => !TIMELINE_KINDS.includes(kind))) {
    fail('validation', `kinds must be among ${TIMELINE_KINDS.join(', ')}.`, { fields: { kinds: 'type' } });
  }
  const after = cursorKey(query.cursor);
  if (after && (after.length !== 3 || !hasPrefix(after, [contactId]) || typeof after[1] !== 'string' || typeof after[2] !== 'string')) {
    fail('validation', 'This page cursor belongs to another list.', { fields: { cursor: 'type' } });
  }
  return {
    contactId,
    words: queryWords(text),
    kinds: TIMELINE_KINDS.filter((kind) => kinds.includes(kind)),
    ...optional('from', instant(query.from, 'from')),
    ...optional('to', instant(query.to, 'to')),
    limit: pageLimit(query.limit),
    ...(after ? { after: after as [Id, string, Id] } : {}),
  };
}

export const optional = <K extends string, V>(key: K, value: V | undefined) => (value === undefined ? {} : ({ [key]: value } as Record<K, V>));

/** Counts with every kind present, zero where none match: equal answers compare equal. */
export function emptyCounts(): Record<TimelineKind, number> {
  return Object.fromEntries(TIMELINE_KINDS.map((kind) => [kind, 0])) as Record<TimelineKind, number>;
}

/** What an index answers: the page's entries (one more than the limit when more follow), total and counts. */
export interface OverviewMatches {
  entries: TimelineEntry[];
  total: number;
  counts: Record<TimelineKind, number>;
}

/** The key a page cursor names: the contact's index key of the page's last entry. */
export function overviewKey(entry: TimelineEntry): Key[] {
  return [entry.contactId, entry.occurredAt, entry.id];
}

// An in-memory index of one contact's entries that answers the overview (pages, totals and
// counts) and the activity report with one pass over prepared text: what the rule engine uses
// where the storage cannot search in place. Loaded when the first query needs it.
import { TIMELINE_KINDS, type ActivityReport, type Id, type TimelineEntry, type TimelineKind } from '../contract/model.js';
import { emptyCounts, optional, type OverviewFilter, type OverviewMatches } from './overview.js';
import { monthKey } from './rules.js';
import { fold } from '../contract/text.js';
import { fieldLabels } from '../../i18n/field-labels.js';

/**
 * The searchable text of an entry: subject, body and author, folded like the query. A change
 * entry is shown with its field's label ("Functie", not `jobTitle`), so the label is found in
 * either language.
 */
export function entryText(entry: Pick<TimelineEntry, 'subject' | 'body' | 'author' | 'change'>): string {
  const key = entry.change && `field.${entry.change.field}`;
  const label = (labels: Record<string, string>) => (key && labels[key]) ?? '';
  const labels = key ? `\n${label(fieldLabels.nl)}\n${label(fieldLabels.en)}` : '';
  return fold(`${entry.subject}\n${entry.body}\n${entry.author}${labels}`);
}

/**
 * A copy of stored data: plain objects and arrays copied field by field (a tenth of the time
 * `structuredClone` takes for a page of entries), anything else cloned.
 */
function copy<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map(copy) as T;
  if (Object.getPrototypeOf(value) !== Object.prototype) return structuredClone(value);
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) out[key] = copy((value as Record<string, unknown>)[key]);
  return out as T;
}

const KIND_INDEX = new Map(TIMELINE_KINDS.map((kind, i) => [kind as string, i]));

/** (occurredAt, id) order, as the contact's index keeps entries. */
const before = (a: { occurredAt: string; id: string }, at: string, id: string) => a.occurredAt < at || (a.occurredAt === at && a.id < id);

/**
 * One contact's entries, oldest first, with their folded text, times and kinds prepared once.
 * A query is one pass over prepared text (a plain scan over 100 000 short entries takes tens of
 * milliseconds); new entries are inserted in place, and one corrected or removed is taken out
 * (and a corrected one inserted again).
 */
export class OverviewIndex {
  readonly #entries: TimelineEntry[] = [];
  readonly #texts: string[] = [];
  readonly #kinds: number[] = [];
  /** Each entry by id: where it sits follows from its (occurredAt, id). */
  readonly #byId = new Map<Id, TimelineEntry>();
  /** The last query's matches (positions, newest first), kept while no entry is added or removed: the next page is a lookup. */
  #last: OverviewRun | undefined;

  get size(): number {
    return this.#entries.length;
  }

  has(id: Id): boolean {
    return this.#byId.has(id);
  }

  /** Adds entries given in (occurredAt, id) order after everything held: the fast path of a build. */
  append(entries: readonly TimelineEntry[]): void {
    for (const entry of entries) {
      if (this.#byId.has(entry.id)) continue;
      const last = this.#entries.at(-1);
      if (last && before(entry, last.occurredAt, last.id)) this.insert(entry);
      else this.#put(this.#entries.length, entry);
    }
  }

  /** Adds one entry where its (occurredAt, id) puts it. */
  insert(entry: TimelineEntry): void {
    if (this.#byId.has(entry.id)) return;
    this.#put(this.#position(entry.occurredAt, entry.id), entry);
  }

  /**
   * Takes out the entry with this id, if held. The kept query goes too: the positions it holds
   * moved, and an insert after it would bring the size it was kept at back.
   */
  remove(id: Id): void {
    const entry = this.#byId.get(id);
    if (!entry) return;
    const at = this.#position(entry.occurredAt, entry.id);
    this.#byId.delete(id);
    this.#entries.splice(at, 1);
    this.#texts.splice(at, 1);
    this.#kinds.splice(at, 1);
    this.#last = undefined;
  }

  #put(at: number, entry: TimelineEntry): void {
    this.#byId.set(entry.id, entry);
    if (at === this.#entries.length) {
      this.#entries.push(entry);
      this.#texts.push(entryText(entry));
      this.#kinds.push(KIND_INDEX.get(entry.kind) ?? 0);
    } else {
      this.#entries.splice(at, 0, entry);
      this.#texts.splice(at, 0, entryText(entry));
      this.#kinds.splice(at, 0, KIND_INDEX.get(entry.kind) ?? 0);
    }
  }

  /** How many entries sort before (occurredAt, id). */
  #position(occurredAt: string, id: string): number {
    let low = 0;
    let high = this.#entries.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (before(this.#entries[mid]!, occurredAt, id)) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  /**
   * Entries per month and kind, of those dated from `range.from` to `range.to` (both included),
   * each in the month `monthOf` gives (see `monthIn`; UTC's without it).
   */
  activity(range: { from: string; to: string }, monthOf: (at: string) => string = (at) => at.slice(0, 7)): ActivityCount[] {
    const tally = new Map<string, ActivityCount>();
    for (const entry of this.#entries) {
      const at = entry.occurredAt;
      if (at < range.from || at > range.to) continue;
      const month = monthOf(at);
      const key = `${month} ${entry.kind}`;
      const row = tally.get(key);
      if (row) row.count++;
      else tally.set(key, { month, kind: entry.kind, count: 1 });
    }
    return [...tally.values()];
  }

  /** The page after `filter.after` (newest first, up to limit + 1 entries, copies), the total and the counts. */
  run(filter: OverviewFilter): OverviewMatches {
    const key = JSON.stringify([filter.words, filter.kinds, filter.from, filter.to]);
    const fresh = this.#last?.size === this.#entries.length ? this.#last : undefined;
    const last = fresh?.key === key ? fresh : (this.#last = this.#match(filter, key, fresh));
    const { matches } = last;
    // Matches run newest first, so those past the cursor start at the first position below it.
    let low = 0;
    if (filter.after) {
      const start = this.#position(filter.after[1], filter.after[2]);
      let high = matches.length;
      while (low < high) {
        const mid = (low + high) >> 1;
        if (matches[mid]! >= start) low = mid + 1;
        else high = mid;
      }
    }
    const entries: TimelineEntry[] = [];
    // Callers get their own copies, as from storage; the index keeps its entries.
    for (let i = low; i < matches.length && entries.length <= filter.limit; i++) entries.push(copy(this.#entries[matches[i]!]!));
    return { entries, total: matches.length, counts: { ...last.counts } };
  }

  /**
   * One pass over the prepared text: every entry of the result, and the counts per kind. A query
   * that only adds to the words of the previous one (typing on) can match only among the
   * previous text matches, so it scans those alone.
   */
  #match(filter: OverviewFilter, key: string, previous: OverviewRun | undefined): OverviewRun {
    const { words } = filter;
    const text = words.join(' ');
    const narrowing = previous && previous.from === filter.from && previous.to === filter.to && text.startsWith(previous.text);
    const wanted = new Uint8Array(TIMELINE_KINDS.length).fill(filter.kinds.length ? 0 : 1);
    for (const kind of filter.kinds) wanted[KIND_INDEX.get(kind)!] = 1;
    const tally = new Array<number>(TIMELINE_KINDS.length).fill(0);
    const texts = this.#texts;
    const from = filter.from ?? '';
    const to = filter.to ?? '\uffff';
    const all = this.#entries;
    const kinds = this.#kinds;
    const dated = filter.from !== undefined || filter.to !== undefined;
    const candidates = narrowing ? previous.found : undefined;
    const n = candidates ? candidates.length : all.length;
    // Positions go straight into typed arrays as large as the candidates (no growing arrays to
    // copy afterwards); without a kinds filter the result is the text and date matches themselves.
    const found = new Int32Array(n);
    const every = !filter.kinds.length;
    const matches = every ? found : new Int32Array(n);
    let f = 0;
    let m = 0;
    // One plain loop: this runs over every entry of a long history on each keystroke.
    next: for (let c = 0; c < n; c++) {
      const i = candidates ? candidates[c]! : all.length - 1 - c;
      if (dated) {
        const at = all[i]!.occurredAt;
        if (at < from || at >= to) continue;
      }
      const text = texts[i]!;
      for (let w = 0; w < words.length; w++) if (!text.includes(words[w]!)) continue next;
      found[f++] = i;
      const kind = kinds[i]!;
      tally[kind]!++;
      if (!every && wanted[kind]) matches[m++] = i;
    }
    const counts = emptyCounts();
    TIMELINE_KINDS.forEach((kind, k) => (counts[kind] = tally[k]!));
    // Kept for the next query: shrunk to what matched unless nearly everything did.
    const keep = (positions: Int32Array, length: number) => (length > positions.length / 2 ? positions.subarray(0, length) : positions.slice(0, length));
    const keptFound = keep(found, f);
    return {
      key,
      text,
      ...optional('from', filter.from),
      ...optional('to', filter.to),
      size: all.length,
      found: keptFound,
      matches: every ? keptFound : keep(matches, m),
      counts,
    };
  }
}

/** A query's answer kept by the index: its text and date matches (all kinds), and the result. */
interface OverviewRun {
  key: string;
  /** The words joined. */
  text: string;
  from?: string;
  to?: string;
  /** How many entries the index held. */
  size: number;
  /** Positions matching words and dates, newest first, whatever the kind. */
  found: Int32Array;
  /** Of those, the kinds asked for. */
  matches: Int32Array;
  counts: Record<TimelineKind, number>;
}

/** Entries of one kind in one month (`YYYY-MM`, in the report's time zone: UTC without one). */
export interface ActivityCount {
  month: string;
  kind: TimelineKind;
  count: number;
}

/** The activity report from its counts: every month from the first to the last, zeros included. */
export function activityReport(contactId: Id, tally: readonly ActivityCount[]): ActivityReport {
  const known = tally.filter((row) => TIMELINE_KINDS.includes(row.kind)).sort((a, b) => (a.month < b.month ? -1 : a.month > b.month ? 1 : 0));
  const months: string[] = [];
  if (known.length) {
    const end = known.at(-1)!.month;
    for (let [year, month] = known[0]!.month.split('-').map(Number) as [number, number]; ; ) {
      const key = monthKey(year, month);
      months.push(key);
      if (key >= end) break;
      month++;
      if (month > 12) [year, month] = [year + 1, 1];
    }
  }
  const position = new Map(months.map((m, i) => [m, i]));
  const counts = Object.fromEntries(TIMELINE_KINDS.map((k) => [k, months.map(() => 0)])) as Record<TimelineKind, number[]>;
  for (const row of known) counts[row.kind][position.get(row.month)!]! += row.count;
  return { type: 'activity', contactId, months, counts };
}

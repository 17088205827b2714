import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { OVERVIEW_TEXT_LIMIT, type LiftAdapter, type OverviewPage, type OverviewQuery } from '../data/contract/adapter.js';
import { TIMELINE_KINDS, type TimelineEntry, type TimelineKind } from '../data/contract/model.js';
import { checkEntries } from '../data/contract/shape.js';
import { monthNumber } from './rows.js';
import { dateBounds } from './search.js';

/** The first page is small, so rows paint at once; later pages are as large as the contract allows. */
const FIRST_PAGE = 100;
const NEXT_PAGE = 500;
/** Show "searching…" only when an answer takes longer than this. */
const SEARCHING_DELAY_MS = 100;

/** What the element filters by: its attributes as they are. */
export interface OverviewFilterState {
  contactId: string | undefined;
  query: string;
  kinds: readonly TimelineKind[];
  /** Local days, `YYYY-MM-DD`, or empty. */
  from: string;
  to: string;
}

/**
 * The reader's local days as the instants they start and end at: the adapter knows no time zone.
 * A longer text than adapters take (a pasted paragraph, a host's query) is searched by its start.
 */
export function overviewQuery(filter: OverviewFilterState): OverviewQuery {
  const [start, end] = dateBounds(filter.from || undefined, filter.to || undefined);
  const text = filter.query.slice(0, OVERVIEW_TEXT_LIMIT).replace(/[\uD800-\uDBFF]$/, '');
  return {
    ...(text.trim() ? { text } : {}),
    ...(filter.kinds.length ? { kinds: filter.kinds } : {}),
    ...(start !== -Infinity ? { from: new Date(start).toISOString() } : {}),
    ...(end !== Infinity ? { to: new Date(end).toISOString() } : {}),
  };
}

const noCounts = () => Object.fromEntries(TIMELINE_KINDS.map((kind) => [kind, 0])) as Record<TimelineKind, number>;

/**
 * The overview's rows as the adapter answers them: the first page of the current query, then
 * further pages as the reader scrolls towards them. Never the whole history; the total and the
 * counts per kind come with every page.
 */
export class OverviewPages implements ReactiveController {
  /** The loaded rows of the result, newest first. */
  entries: TimelineEntry[] = [];
  /** The search words the rows were found by, which they highlight: kept with them while other words are searched for. */
  words = '';
  /** How many entries the whole result holds. */
  total = 0;
  counts: Record<TimelineKind, number> = noCounts();
  /** The first page of the current query has arrived. */
  complete = false;
  /** A page is on its way and has taken a while. */
  searching = false;
  loading = false;
  /** Why the first page failed (put into words by the element, in the reader's language). */
  error: unknown;
  /** Why a next page failed: the rows read stay, and no further page is read until `more()` is asked. */
  failedMore: unknown;

  #next: string | undefined;
  #adapter: LiftAdapter | undefined;
  #query: OverviewQuery = {};
  #contactId: string | undefined;
  #controller: AbortController | undefined;
  #current: Promise<void> = Promise.resolve();
  #more: Promise<void> | undefined;
  #refreshing: Promise<void> = Promise.resolve();
  #idSet = new Set<string>();
  #idsOf: TimelineEntry[] | undefined;
  /** Rows made by adding a next page to the end of others: those others, by the rows made. */
  #grownFrom = new WeakMap<TimelineEntry[], TimelineEntry[]>();

  constructor(
    private readonly host: ReactiveControllerHost,
    /** Rows arrived at the top, or read again, while the reader is scrolled down: keep their place. */
    private readonly keepPlace: () => void,
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.#controller?.abort();
  }

  /** The load in progress (the first page), for `loaded`. */
  get current(): Promise<void> {
    return this.#current;
  }

  get hasMore(): boolean {
    return Boolean(this.#next) && !this.failedMore;
  }

  /**
   * Whether `rows` were made from `earlier` only by next pages added at their end (one or more):
   * said by the pages themselves, never guessed from the rows, which an adapter may hand out
   * again as the same objects in another order or with others between them.
   */
  grewFrom(rows: TimelineEntry[], earlier: TimelineEntry[]): boolean {
    for (let at: TimelineEntry[] | undefined = rows; at; at = this.#grownFrom.get(at)) if (at === earlier) return rows !== earlier;
    return false;
  }

  /**
   * Starts the query afresh: another contact, other filters, or a retry. `search`: the same list
   * with other filters, whose slow answer says "searching…" (a first load says it is loading).
   * `upTo`: the same list read again down to that many rows, which replace the rows shown at once.
   */
  load(adapter: LiftAdapter, filter: OverviewFilterState, keepRows: boolean, search = false, upTo = 0): Promise<void> {
    this.#controller?.abort();
    const controller = (this.#controller = new AbortController());
    this.#adapter = adapter;
    this.#contactId = filter.contactId;
    this.#query = overviewQuery(filter);
    this.#next = undefined;
    this.#more = undefined;
    this.error = this.failedMore = undefined;
    this.complete = false;
    // A read cut short by this one no longer says it is on its way (its own end leaves it be).
    this.loading = this.searching = false;
    if (!keepRows) {
      this.entries = [];
      this.total = 0;
      this.counts = noCounts();
    }
    this.host.requestUpdate();
    return (this.#current = this.#first(filter.query, controller.signal, search, upTo));
  }

  async #first(words: string, signal: AbortSignal, search: boolean, upTo: number): Promise<void> {
    const adapter = this.#adapter;
    const contactId = this.#contactId;
    if (!contactId || !adapter) return;
    let page: OverviewPage | undefined;
    let rows: TimelineEntry[] = [];
    try {
      // A page counts as read once its entries passed the check: a damaged first page is the list's failure.
      const first = await this.#page(adapter, contactId, { limit: FIRST_PAGE }, signal, search);
      rows = checkEntries(first.items);
      page = first;
      const known = new Set(rows.map((e) => e.id));
      // Read again down to the reader's place before anything changes on screen: no blank, no jump.
      while (rows.length < upTo && page.next && !signal.aborted) {
        const next: OverviewPage = await this.#page(adapter, contactId, { limit: NEXT_PAGE, cursor: page.next }, signal);
        rows = rows.concat(checkEntries(next.items).filter((e) => !known.has(e.id) && known.add(e.id)));
        page = next;
      }
    } catch (error) {
      // A later page that failed leaves the rows read before it, with the failure below them.
      if (!signal.aborted) page ? (this.failedMore = error) : (this.error = error);
    }
    if (signal.aborted) return;
    if (page) {
      this.entries = rows;
      this.words = words;
      this.#take(page);
      this.#next = page.next;
      this.complete = true;
      if (upTo) this.keepPlace();
    }
    this.host.requestUpdate();
  }

  /** Reads one page of the current query, saying "searching…" when it is slow and a `search`. */
  async #page(adapter: LiftAdapter, contactId: string, extra: OverviewQuery, signal: AbortSignal, search = false): Promise<OverviewPage> {
    this.loading = true;
    const slow = search
      ? setTimeout(() => {
          if (signal.aborted) return;
          this.searching = true;
          this.host.requestUpdate();
        }, SEARCHING_DELAY_MS)
      : undefined;
    try {
      const page = await adapter.timeline.query(contactId, { ...this.#query, ...extra, signal });
      if (!page || typeof page.total !== 'number') throw new Error('The adapter returned a damaged overview page.');
      return page;
    } finally {
      clearTimeout(slow);
      if (!signal.aborted) {
        this.loading = false;
        this.searching = false;
      }
    }
  }

  /** The ids of the loaded rows; kept while pages are only added at the end. */
  #ids(): Set<string> {
    if (this.#idsOf !== this.entries) [this.#idSet, this.#idsOf] = [new Set(this.entries.map((e) => e.id)), this.entries];
    return this.#idSet;
  }

  #take(page: OverviewPage): void {
    this.total = page.total;
    this.counts = { ...noCounts(), ...page.counts };
  }

  /** Loads pages until `count` rows are there (or the result ends). */
  async ensure(count: number): Promise<void> {
    // Pages are read back to back, not one per render; a new query (other filters) ends the loop.
    const signal = this.#controller?.signal;
    let unshown = false;
    while (this.entries.length < count && this.hasMore && !this.error && !signal?.aborted) {
      // Only the last page renders: those before it are far above what the reader looks at.
      unshown = this.entries.length + NEXT_PAGE < count;
      await this.more(unshown);
    }
    // The result ended before `count`: its last page was read without a render.
    if (unshown && !signal?.aborted) this.host.requestUpdate();
  }

  /** Reads the next page (again, after it failed); `quiet`, without rendering the host for it. */
  more(quiet = false): Promise<void> {
    if (this.#more) return this.#more;
    const adapter = this.#adapter;
    const contactId = this.#contactId;
    const cursor = this.#next;
    const signal = this.#controller?.signal;
    if (!adapter || !contactId || !cursor || !signal) return Promise.resolve();
    const more: Promise<void> = (async () => {
      try {
        const page = await this.#page(adapter, contactId, { limit: NEXT_PAGE, cursor }, signal);
        if (signal.aborted) return;
        const known = this.#ids();
        const before = this.entries;
        this.entries = before.concat(checkEntries(page.items).filter((e) => !known.has(e.id) && known.add(e.id)));
        this.#idsOf = this.entries;
        this.#grownFrom.set(this.entries, before);
        this.#take(page);
        this.#next = page.next;
        this.failedMore = undefined;
      } catch (error) {
        if (!signal.aborted) this.failedMore = error;
      }
      if (!quiet || this.failedMore) this.host.requestUpdate();
    })();
    void more.then(() => this.#more === more && (this.#more = undefined));
    return (this.#more = more);
  }

  /**
   * Entries were added (a note saved here, or news from the change feed): the newest ones go on
   * top, keeping the reader's place. When more arrived than that explains (an entry dated in the
   * past, a bulk import), the query starts again. Not once a load started after it was asked
   * for: that load reads the news too, with the filters of its time, which this one's may not be.
   */
  refresh(filter: OverviewFilterState, upTo: number): Promise<void> {
    const asked = this.#controller;
    const run = this.#refreshing.then(() => this.#refresh(filter, asked, upTo));
    this.#refreshing = run.catch(() => undefined);
    return run;
  }

  async #refresh(filter: OverviewFilterState, asked: AbortController | undefined, upTo: number): Promise<void> {
    const adapter = this.#adapter;
    const signal = this.#controller?.signal;
    if (!adapter || !signal || asked !== this.#controller || !this.complete || filter.contactId !== this.#contactId) return;
    await this.#more;
    try {
      const page = await adapter.timeline.query(this.#contactId!, { ...this.#query, limit: FIRST_PAGE, signal });
      if (signal.aborted) return;
      const items = checkEntries(page.items);
      const known = this.#ids();
      const newest = this.entries[0];
      const fresh = items.filter((e) => !known.has(e.id));
      const onTop = fresh.filter((e) => !newest || e.occurredAt > newest.occurredAt || (e.occurredAt === newest.occurredAt && e.id > newest.id));
      if (onTop.length !== fresh.length || page.total !== this.total + onTop.length) {
        await this.load(adapter, filter, true, false, upTo);
        return;
      }
      // Nothing new in the list, but perhaps of a kind it leaves out: the counts still change.
      this.#take(page);
      if (!onTop.length) return this.host.requestUpdate();
      this.entries = [...onTop, ...this.entries];
      this.keepPlace();
      this.host.requestUpdate();
    } catch {
      // The next change or a reload will bring them; the list on screen stays valid.
    }
  }
}

/** The month numbers of the loaded rows, for their headings; kept while pages are only added at the end. */
export class RowMonths {
  /** Per loaded row, the number of its month. */
  numbers: number[] = [];
  #for: TimelineEntry[] = [];

  /** `pages` says when its rows only grew by a next page. */
  constructor(private readonly pages: OverviewPages) {}

  /** Follows `entries`: a page added at the end adds only its own months (and says so); any other rows get theirs anew. */
  sync(entries: TimelineEntry[]): boolean {
    const known = this.#for;
    const appended = known.length > 0 && this.pages.grewFrom(entries, known);
    const months = appended ? this.numbers : [];
    for (let i = months.length; i < entries.length; i++) months.push(monthNumber(entries[i]!.occurredAt));
    this.numbers = months;
    this.#for = entries;
    return appended;
  }
}

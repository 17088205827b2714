import { html, nothing, svg, type PropertyValues, type TemplateResult, type PropertyDeclarations } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { repeat } from 'lit/directives/repeat.js';
import { cssomStyle } from '../internal/cssom-style.js';
import { AdapterController } from '../context/adapter-controller.js';
import type { DataChange, LiftAdapter, LifecycleNotice } from '../data/adapter.js';
import { TIMELINE_KINDS, type TimelineEntry, type TimelineKind } from '../data/model.js';
import { checkEntries } from '../data/shape.js';
import { LiftTimelineSelectEvent } from '../events.js';
import { LocalizeController } from '../i18n/localize.js';
import { latestLoad } from '../internal/latest-load.js';
import { LiftElement } from '../internal/lift-element.js';
import { tokenListConverter } from '../internal/token-list.js';
import { timelineMessages } from './messages.js';
import { highlightRanges, TimelineSearch, type TimelineResult } from './search.js';
import { timelineStyles } from './timeline.styles.js';
import { sharedStyles } from '../internal/shared-styles.js';
import { TimelineWindow } from './window.js';

const FIRST_PAGE = 50;
/** Show "searching…" only when the full history takes longer than this to arrive. */
const SEARCHING_DELAY_MS = 100;
const SEARCH_DEBOUNCE_MS = 80;

interface PendingNote {
  key: number;
  /** The contact the note was written for; it is saved there, whichever contact shows now. */
  contactId: string;
  subject: string;
  body: string;
  error?: string;
}

const kindIcon: Record<TimelineKind, string> = {
  email: 'M3 6h18v12H3zM3 6l9 7 9-7',
  letter: 'M5 3h14v18H5zM8 8h8M8 12h8M8 16h5',
  document: 'M6 3h8l4 4v14H6zM14 3v4h4',
  invoice: 'M6 3h12v18l-3-2-3 2-3-2-3 2zM9 8h6M9 12h6',
  note: 'M4 20l4-1 11-11-3-3L5 16zM14 6l3 3',
  call: 'M5 4h4l2 5-3 2a11 11 0 0 0 5 5l2-3 5 2v4a2 2 0 0 1-2 2A16 16 0 0 1 3 6a2 2 0 0 1 2-2',
  meeting: 'M4 5h16v15H4zM4 10h16M9 3v4M15 3v4',
  task: 'M4 12l5 5L20 6',
  change: 'M4 17l4-4 3 3 7-8M14 8h4v4',
  checklist: 'M4 6l2 2 3-3M4 13l2 2 3-3M12 7h8M12 14h8',
};

/** Months as numbers (year × 12 + month, local time) so headings compare cheaply. */
const monthNumber = (iso: string) => {
  const d = new Date(iso);
  return d.getFullYear() * 12 + d.getMonth();
};

/**
 * The contact overview (seed "contactoverzicht"): everything sent to or recorded about a
 * contact, newest first, grouped by month, searchable and filterable. It stays smooth with
 * 100 000 entries: the first page comes from the adapter's index, the full history follows for
 * search, and only the rows near the viewport exist in the DOM.
 *
 * Keyboard: Arrow Up / Down move between entries, Page Up / Down by a screenful, Home / End to
 * the ends; Enter selects.
 *
 * @summary The searchable, filterable contact overview, windowed for very long histories.
 *
 * @event {LiftTimelineSelectEvent} lift-timeline-select - An entry was chosen (click or Enter);
 *   `detail.entry` is it. Cancelable: cancelled, the entry is not marked as current.
 *
 * @csspart filters - The search box, kind filters, date range and buttons.
 * @csspart status - The result count, or "searching…".
 * @csspart scroller - The scrolling box of the list.
 * @csspart sticky-month - The month heading kept at the top while scrolling.
 * @csspart month - A month heading in the list.
 * @csspart entry - One entry.
 * @csspart empty - What shows when nothing matches, and why.
 * @csspart note-form - The inline "add a note" form.
 * @csspart pending - A note being saved, or one whose save failed.
 * @csspart error - An error message.
 *
 * @cssproperty --lift-timeline-height - Height of the scrolling list (default 28rem).
 * @cssproperty --lift-timeline-row-height - Height of an entry row (default 4rem).
 * @cssproperty --lift-timeline-heading-height - Height of a month heading (default 2rem).
 * @cssproperty --lift-color-highlight - Background of search matches.
 * @cssproperty --lift-color-accent - Kind icons and the current entry's marker.
 */
export class LiftContactTimeline extends LiftElement {
  static override styles = [sharedStyles, timelineStyles];

  static override properties: PropertyDeclarations = {
    contactId: { attribute: 'contact-id' },
    kinds: { reflect: true, converter: tokenListConverter(TIMELINE_KINDS, '<lift-contact-timeline> kinds') },
    query: { reflect: true },
    from: { reflect: true },
    to: { reflect: true },
    readOnly: { type: Boolean, attribute: 'read-only' },
    adapter: { attribute: false },
    entries: { state: true },
    complete: { state: true },
    loadError: { state: true },
    searching: { state: true },
    listTop: { state: true },
    viewport: { state: true },
    currentId: { state: true },
    focusPosition: { state: true },
    composing: { state: true },
    composeError: { state: true },
    pending: { state: true },
  };

  /** The contact whose overview is shown. */
  contactId: string | undefined;

  /** Kind filter: tokens among `email letter document invoice note call meeting task change checklist`. */
  kinds: TimelineKind[] | undefined;

  /** Search text; mirrors the search box. */
  query = '';

  /** First day shown, `YYYY-MM-DD`. */
  from = '';

  /** Last day shown, `YYYY-MM-DD`. */
  to = '';

  /** Offer no "Add note": the contact takes no new entries (the card sets it for an archived contact). */
  readOnly = false;

  /** Overrides the adapter from the nearest `<lift-data-provider>` (or the IndexedDB default). */
  adapter: LiftAdapter | undefined;

  private entries: TimelineEntry[] = [];
  private complete = false;
  private loadError: string | undefined;
  private searching = false;
  private listTop = 0;
  private viewport = 448;
  private currentId: string | undefined;
  private focusPosition = 1;
  private composing = false;
  private composeError: string | undefined;
  private pending: PendingNote[] = [];

  private get scroller(): HTMLElement | null {
    return this.renderRoot?.querySelector('[part~="scroller"]') ?? null;
  }

  readonly #i18n = new LocalizeController(this, timelineMessages);
  readonly #adapter = new AdapterController(this, (change) => this.#onChange(change));
  #search: TimelineSearch | undefined;
  #result: TimelineResult | undefined;
  #window: TimelineWindow | undefined;
  #months: number[] = [];
  #monthsFor: TimelineEntry[] | undefined;
  #load: AbortController | undefined;
  #loadedFor: unknown[] = [];
  #searchTimer: ReturnType<typeof setTimeout> | undefined;
  #resize: ResizeObserver | undefined;
  #noteKey = 0;
  #loading: Promise<void> = Promise.resolve();
  #shownContact: string | undefined;
  #rowHeights: [number, number] = [64, 32];
  #moveRequested = false;

  /** Resolves when the first page, and then the full history, have loaded (the newest load, if another started). */
  get loaded(): Promise<void> {
    return latestLoad(() => this.#loading);
  }

  /** How many entries match the current search and filters (of the loaded history). */
  get resultCount(): number {
    return this.#result?.indices.length ?? 0;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#resize = new ResizeObserver(() => this.#measure());
    this.#resize.observe(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#resize?.disconnect();
    this.#load?.abort();
    clearTimeout(this.#searchTimer);
    // Re-attached, it loads afresh: changes made meanwhile were not heard.
    this.#loadedFor = [];
    this.searching = false;
  }

  protected override willUpdate(changed: PropertyValues): void {
    const adapter = this.#adapter.value;
    if (this.#loadedFor[0] !== adapter || this.#loadedFor[1] !== this.contactId) {
      this.#loadedFor = [adapter, this.contactId];
      void this.#reload(adapter);
    }
    // Month numbers only change with the entries, not with every keystroke of a search.
    if (changed.has('entries')) this.#syncMonths();
    if (changed.has('query') || changed.has('kinds') || changed.has('from') || changed.has('to') || changed.has('entries')) {
      this.#filter();
    }
  }

  protected override updated(): void {
    // Our own moves (keyboard, rows added above, a shorter list) are applied here; the user's
    // scrolling reaches listTop through the scroll event and must never be overridden.
    const scroller = this.scroller;
    if (!scroller) return;
    if (this.#moveRequested) {
      this.#moveRequested = false;
      if (Math.abs(scroller.scrollTop - this.listTop) > 1) scroller.scrollTop = this.listTop;
    } else if (Math.abs(scroller.scrollTop - this.listTop) > 1) {
      // The browser moved it without a scroll event (clamped, or restored when the list grew
      // back): follow the box, in the next frame rather than from inside this update.
      requestAnimationFrame(() => (this.listTop = scroller.scrollTop));
    }
  }

  /** Moves the list to `top` (applied after the next render). */
  #moveTo(top: number): void {
    this.listTop = top;
    this.#moveRequested = true;
  }

  #measure(): void {
    const scroller = this.scroller;
    if (!scroller) return;
    if (scroller.clientHeight && scroller.clientHeight !== this.viewport) this.viewport = scroller.clientHeight;
    const style = getComputedStyle(this);
    const px = (name: string, fallback: number) => {
      const probe = document.createElement('div');
      probe.style.height = style.getPropertyValue(name) || `${fallback}px`;
      this.renderRoot.appendChild(probe);
      const height = probe.getBoundingClientRect().height || fallback;
      probe.remove();
      return height;
    };
    const heights: [number, number] = [px('--row', 64), px('--heading', 32)];
    if (heights[0] !== this.#rowHeights[0] || heights[1] !== this.#rowHeights[1]) {
      this.#rowHeights = heights;
      this.#layout();
      this.requestUpdate();
    }
  }

  /** First page from the index, painted; then the whole history, for search and scrolling. */
  #reload(adapter: LiftAdapter): Promise<void> {
    return (this.#loading = this.#fetch(adapter));
  }

  async #fetch(adapter: LiftAdapter): Promise<void> {
    this.#load?.abort();
    const controller = (this.#load = new AbortController());
    const { signal } = controller;
    const contactId = this.contactId;
    if (contactId !== this.#shownContact) {
      // Another contact: nothing of the previous one may stay on screen or be selectable.
      this.#shownContact = contactId;
      this.entries = [];
      this.currentId = undefined;
      this.focusPosition = 1;
      this.#moveTo(0);
    }
    this.loadError = undefined;
    this.complete = false;
    this.#search = undefined;
    if (!contactId) return;
    const slow = setTimeout(() => !signal.aborted && (this.searching = true), SEARCHING_DELAY_MS);
    try {
      const first = await adapter.timeline.list(contactId, { limit: FIRST_PAGE, signal });
      if (signal.aborted) return;
      this.entries = checkEntries(first?.items);
      if (!first.next) {
        this.#search = new TimelineSearch(first.items);
        this.complete = true;
        return;
      }
      await this.updateComplete;
      await new Promise((resolve) => requestAnimationFrame(resolve));
      const all = checkEntries(await adapter.timeline.all(contactId, { signal }));
      if (signal.aborted) return;
      this.#search = new TimelineSearch(all);
      this.entries = all;
      this.complete = true;
    } catch (error) {
      if (!signal.aborted) this.loadError = error instanceof Error ? error.message : String(error);
    } finally {
      clearTimeout(slow);
      if (!signal.aborted) this.searching = false;
    }
  }

  /** New entries from the change feed: merge the newest page in, keeping the reader's place. */
  async #onChange(change: DataChange | LifecycleNotice): Promise<void> {
    if (!('resource' in change) || change.resource !== 'timeline' || !this.contactId) return;
    if (change.contactId && change.contactId !== this.contactId) return;
    if (!this.complete) return void this.#reload(this.#adapter.value);
    const contactId = this.contactId;
    const missing = (ids: readonly string[]) => {
      const known = new Set(this.entries.map((e) => e.id));
      return ids.filter((id) => !known.has(id));
    };
    if (!missing(change.ids).length && change.ids.length) return;
    try {
      const page = await this.#adapter.value.timeline.list(contactId, { limit: FIRST_PAGE });
      if (this.contactId !== contactId) return;
      this.#merge(checkEntries(page.items));
      // Entries older than the newest page (or a bulk import): read the whole history again,
      // so search and filters keep matching a plain scan of the data.
      if (missing(change.ids).length || !change.ids.length) void this.#reload(this.#adapter.value);
    } catch {
      // The next change or a reload will bring them; the list on screen stays valid.
    }
  }

  /** Adds entries not shown yet (by id, against the list as it is now), keeping the reader's place. */
  #merge(incoming: TimelineEntry[]): void {
    const known = new Set(this.entries.map((e) => e.id));
    const fresh = incoming.filter((e) => !known.has(e.id));
    if (!fresh.length) return;
    const anchor = this.#topEntry();
    const merged = [...fresh, ...this.entries].sort((a, b) => (a.occurredAt < b.occurredAt ? 1 : a.occurredAt > b.occurredAt ? -1 : a.id < b.id ? 1 : -1));
    this.#search = new TimelineSearch(merged, this.#search);
    this.entries = merged;
    this.#syncMonths();
    this.#filter();
    if (anchor && this.listTop > 0) this.#scrollToEntry(anchor.id, anchor.offset);
  }

  /** The entry at the top of the viewport and how far it is scrolled past. */
  #topEntry(): { id: string; offset: number } | undefined {
    const win = this.#window;
    if (!win || !win.rows.length) return undefined;
    let row = win.rowAt(this.listTop);
    while (row < win.rows.length && !('entry' in win.rows[row]!)) row++;
    const at = win.rows[row] as { entry: number } | undefined;
    return at && { id: this.entries[at.entry]!.id, offset: this.listTop - win.offsets[row]! };
  }

  #scrollToEntry(id: string, offset: number): void {
    const win = this.#window;
    const index = this.entries.findIndex((e) => e.id === id);
    const row = win?.rows.findIndex((r) => 'entry' in r && r.entry === index) ?? -1;
    if (!win || row < 0) return;
    this.#moveTo(win.offsets[row]! + offset);
  }

  #syncMonths(): void {
    if (this.#monthsFor === this.entries) return;
    this.#monthsFor = this.entries;
    this.#months = this.entries.map((e) => monthNumber(e.occurredAt));
  }

  #filter(): void {
    const search = this.#search ?? new TimelineSearch(this.entries);
    this.#result = search.run({ query: this.query, kinds: this.kinds ?? [], from: this.from, to: this.to });
    this.#layout();
  }

  #layout(): void {
    if (!this.#result) return;
    this.#window = new TimelineWindow(this.#result.indices, (i) => this.#months[i]!, ...this.#rowHeights);
    this.focusPosition = Math.min(Math.max(1, this.focusPosition), Math.max(1, this.#result.indices.length));
    // A shorter list while scrolled far down: clamp instead of pointing past the end.
    const max = Math.max(0, this.#window.height - this.viewport);
    if (this.listTop > max) this.#moveTo(max);
  }

  protected override render() {
    const t = this.#i18n.t.bind(this.#i18n);
    if (!this.contactId) return html`<p part="empty">${t('noContact')}</p>`;
    const count = this.#result?.indices.length ?? 0;
    const canAdd = this.#adapter.value.session.can('edit') && !this.readOnly;
    return html`${this.#renderFilters(canAdd)}
      <p part="status" role="status" aria-live="polite">
        ${this.searching ? t('searching') : !this.entries.length && !this.complete ? t('loading') : count === 1 ? t('countOne') : t('count', { count: this.#i18n.number(count) })}
      </p>
      ${this.composing && canAdd ? this.#renderNoteForm() : nothing}
      ${this.pending.filter((note) => note.contactId === this.contactId).map((note) => this.#renderPending(note))}
      ${this.loadError
        ? html`<p part="error" role="alert">${t('loadError', { reason: this.loadError })}</p>
            <button type="button" @click=${() => this.#reload(this.#adapter.value)}>${t('retry')}</button>`
        : this.complete && !count
          ? this.#renderEmpty()
          : this.#renderList()}`;
  }

  #renderFilters(canAdd: boolean): TemplateResult {
    const t = this.#i18n.t.bind(this.#i18n);
    const counts = this.#result?.counts;
    const selected = new Set(this.kinds ?? []);
    const filtered = Boolean(this.query || this.kinds?.length || this.from || this.to);
    return html`<div part="filters">
      <label>
        ${t('search')}
        <input
          type="search"
          .value=${this.query}
          placeholder=${t('searchPlaceholder')}
          @input=${(e: Event) => this.#typed((e.target as HTMLInputElement).value)}
        />
      </label>
      <fieldset>
        <legend>${t('kinds')}</legend>
        ${TIMELINE_KINDS.map(
          (kind) => html`<label class="kind">
            <input type="checkbox" .checked=${selected.has(kind)} @change=${() => this.#toggleKind(kind)} />
            ${t(`kind.${kind}`)} (${this.#i18n.number(counts?.[kind] ?? 0)})
          </label>`,
        )}
      </fieldset>
      <label>${t('from')} <input type="date" .value=${this.from} max=${ifDefined(this.to || undefined)} @change=${(e: Event) => (this.from = (e.target as HTMLInputElement).value)} /></label>
      <label>${t('to')} <input type="date" .value=${this.to} min=${ifDefined(this.from || undefined)} @change=${(e: Event) => (this.to = (e.target as HTMLInputElement).value)} /></label>
      ${filtered ? html`<button type="button" @click=${this.#clear}>${t('clear')}</button>` : nothing}
      ${canAdd && !this.composing ? html`<button type="button" @click=${this.#compose}>${t('addNote')}</button>` : nothing}
    </div>`;
  }

  #renderEmpty(): TemplateResult {
    const t = this.#i18n.t.bind(this.#i18n);
    if (!this.entries.length) return html`<p part="empty">${t('empty')}</p>`;
    const date = (value: string) => new Date(`${value}T00:00:00`).toLocaleDateString(this.#i18n.lang, { dateStyle: 'medium' });
    const reasons = [
      this.query && t('filterQuery', { query: this.query }),
      this.kinds?.length && t('filterKinds', { kinds: this.kinds.map((k) => t(`kind.${k}`)).join(', ') }),
      this.from && t('filterFrom', { date: date(this.from) }),
      this.to && t('filterTo', { date: date(this.to) }),
    ].filter(Boolean);
    return html`<div part="empty">
      <p>${t('noResults')} ${t('hiddenBy', { filters: reasons.join('; ') })}</p>
      <button type="button" @click=${this.#clear}>${t('clear')}</button>
    </div>`;
  }

  #renderList(): TemplateResult {
    const win = this.#window;
    const t = this.#i18n.t.bind(this.#i18n);
    const total = this.#result?.indices.length ?? 0;
    const [start, end] = win ? win.range(this.listTop, this.viewport) : [0, 0];
    const topRow = win?.rows[win.rowAt(this.listTop)];
    const topMonth = topRow ? ('month' in topRow ? topRow.month : this.#months[topRow.entry]!) : undefined;
    const rows: number[] = [];
    for (let row = start; row < end; row++) rows.push(row);
    // The entry holding the feed's tab stop stays rendered even when scrolled away, so Tab
    // always reaches the feed.
    const focusRow = win && total ? win.rowOfPosition(this.focusPosition) : -1;
    if (focusRow >= 0 && (focusRow < start || focusRow >= end)) rows.push(focusRow);
    const key = (row: number) => {
      const item = win!.rows[row]!;
      return 'month' in item ? `m${item.month}` : this.entries[item.entry]!.id;
    };
    return html`<div part="scroller" @scroll=${this.#onScroll}>
      ${topMonth !== undefined && this.listTop > 0 ? html`<div part="sticky-month" aria-hidden="true">${this.#monthLabel(topMonth)}</div>` : nothing}
      <div
        role="feed"
        aria-label=${t('label')}
        aria-busy=${this.complete ? 'false' : 'true'}
        style=${cssomStyle({ height: `${win?.height ?? 0}px` })}
        @keydown=${this.#onKeydown}
      >
        ${repeat(rows, key, (row) => {
          // Keyed by entry: a focused row stays the same entry while the list scrolls or grows.
          const item = win!.rows[row]!;
          const top = win!.offsets[row]!;
          return 'month' in item ? this.#renderMonth(item.month, top) : this.#renderEntry(item.entry, item.position, total, top);
        })}
      </div>
    </div>`;
  }

  #monthLabel(month: number): string {
    return new Date(Math.floor(month / 12), month % 12, 1).toLocaleDateString(this.#i18n.lang, { month: 'long', year: 'numeric' });
  }

  #renderMonth(month: number, top: number): TemplateResult {
    return html`<div class="row" part="month" aria-hidden="true" style=${cssomStyle({ top: `${top}px` })}>${this.#monthLabel(month)}</div>`;
  }

  #renderEntry(index: number, position: number, total: number, top: number): TemplateResult {
    const t = this.#i18n.t.bind(this.#i18n);
    const entry = this.entries[index]!;
    const when = new Date(entry.occurredAt).toLocaleString(this.#i18n.lang, { dateStyle: 'medium', timeStyle: 'short' });
    const firstLine = entry.body.split('\n', 1)[0] ?? '';
    const direction = entry.direction ? t(entry.direction) : '';
    return html`<article
      class="row"
      part="entry"
      style=${cssomStyle({ top: `${top}px` })}
      tabindex=${position === this.focusPosition ? 0 : -1}
      aria-posinset=${position}
      aria-setsize=${total}
      aria-labelledby=${`s-${entry.id}`}
      aria-describedby=${`m-${entry.id}`}
      aria-current=${entry.id === this.currentId ? 'true' : 'false'}
      data-position=${position}
      @click=${() => this.#select(entry, position)}
    >
      <span class="kind">${svg`<svg viewBox="0 0 24 24" width="18" height="18" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true"><path d=${kindIcon[entry.kind]}></path></svg>`}${t(`kind.${entry.kind}`)}</span>
      <span class="subject" id=${`s-${entry.id}`}>${this.#subject(entry)}</span>
      <span class="meta" id=${`m-${entry.id}`}>${[direction, t('by', { author: entry.author }), when].filter(Boolean).join(' · ')}</span>
      <span class="body">${this.#highlight(firstLine)}</span>
    </article>`;
  }

  /** A change entry's subject is a field name: shown as the field's label in the reader's language. */
  #subject(entry: TimelineEntry): TemplateResult | string {
    const key = `field.${entry.change?.field}`;
    if (entry.kind === 'change' && entry.change && key in timelineMessages.nl) {
      return this.#i18n.t(key as keyof typeof timelineMessages.nl);
    }
    return this.#highlight(entry.subject);
  }

  /** Matches as `<mark>` around text nodes: user text is never parsed as HTML. */
  #highlight(text: string): TemplateResult | string {
    const ranges = highlightRanges(text, this.query);
    if (!ranges.length) return text;
    const parts: (TemplateResult | string)[] = [];
    let at = 0;
    for (const [start, end] of ranges) {
      parts.push(text.slice(at, start), html`<mark>${text.slice(start, end)}</mark>`);
      at = end;
    }
    parts.push(text.slice(at));
    return html`${parts}`;
  }

  #onScroll = (event: Event): void => {
    this.listTop = (event.target as HTMLElement).scrollTop;
  };

  #typed(value: string): void {
    clearTimeout(this.#searchTimer);
    // Typing stays responsive: the list follows once the keys pause for a moment.
    this.#searchTimer = setTimeout(() => (this.query = value), SEARCH_DEBOUNCE_MS);
  }

  #toggleKind(kind: TimelineKind): void {
    const kinds = new Set(this.kinds ?? []);
    if (kinds.has(kind)) kinds.delete(kind);
    else kinds.add(kind);
    this.kinds = TIMELINE_KINDS.filter((k) => kinds.has(k));
  }

  #clear = (): void => {
    this.query = '';
    this.kinds = [];
    this.from = '';
    this.to = '';
    const box = this.renderRoot.querySelector<HTMLInputElement>('input[type="search"]');
    if (box) box.value = '';
  };

  #select(entry: TimelineEntry, position: number): void {
    this.focusPosition = position;
    /** @ignore documented on the class */
    if (this.dispatchEvent(new LiftTimelineSelectEvent(entry))) this.currentId = entry.id;
  }

  /** Feed keyboard: move by one, a screenful or to the ends, then bring the entry into view. */
  #onKeydown = (event: KeyboardEvent): void => {
    const article = (event.target as HTMLElement).closest('article');
    if (!article || !this.#window) return;
    const position = Number(article.dataset.position);
    const total = this.#result?.indices.length ?? 0;
    const page = Math.max(1, Math.floor(this.viewport / this.#rowHeights[0]) - 1);
    const targets: Record<string, number> = { ArrowDown: position + 1, ArrowUp: position - 1, PageDown: position + page, PageUp: position - page, Home: 1, End: total };
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      const row = this.#window.rows[this.#window.rowOfPosition(position)] as { entry: number };
      this.#select(this.entries[row.entry]!, position);
      return;
    }
    const target = targets[event.key];
    if (target === undefined) return;
    event.preventDefault();
    this.#focusPosition(Math.min(Math.max(1, target), total));
  };

  #focusPosition(position: number): void {
    const win = this.#window!;
    const row = win.rowOfPosition(position);
    const top = win.offsets[row]!;
    const bottom = top + this.#rowHeights[0];
    // Leave room for the sticky month heading above the entry.
    if (top - this.#rowHeights[1] < this.listTop) this.#moveTo(Math.max(0, top - this.#rowHeights[1]));
    else if (bottom > this.listTop + this.viewport) this.#moveTo(bottom - this.viewport);
    this.focusPosition = position;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`article[data-position="${position}"]`)?.focus({ preventScroll: true }));
  }

  // ------------------------------------------------------------------ notes

  #compose = (): void => {
    this.composing = true;
    this.composeError = undefined;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLTextAreaElement>('[part~="note-form"] textarea')?.focus());
  };

  #renderNoteForm(): TemplateResult {
    const t = this.#i18n.t.bind(this.#i18n);
    return html`<form part="note-form" @submit=${this.#submitNote}>
      <label>${t('subject')} <input type="text" name="subject" maxlength="500" /></label>
      <label>${t('body')} <textarea name="body" rows="3" aria-invalid=${this.composeError ? 'true' : 'false'}></textarea></label>
      ${this.composeError ? html`<p part="error" role="alert">${this.composeError}</p>` : nothing}
      <div class="actions">
        <button type="submit">${t('save')}</button>
        <button type="button" @click=${() => (this.composing = false)}>${t('cancel')}</button>
      </div>
    </form>`;
  }

  #submitNote = (event: SubmitEvent): void => {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    const subject = String(form.get('subject') ?? '').trim();
    const body = String(form.get('body') ?? '');
    if (!body.trim() && !subject) {
      this.composeError = this.#i18n.t('noteRequired');
      return;
    }
    this.composing = false;
    void this.#saveNote({ key: ++this.#noteKey, contactId: this.contactId!, subject, body });
  };

  /** A note shows at the top at once; a failed save keeps it, with the reason and a retry. */
  async #saveNote(note: PendingNote): Promise<void> {
    const { contactId } = note;
    this.pending = [{ ...note, error: undefined }, ...this.pending.filter((p) => p.key !== note.key)];
    try {
      const saved = await this.#adapter.value.timeline.add({ contactId, kind: 'note', subject: note.subject, body: note.body });
      if (this.contactId === contactId) this.#merge([saved]);
      this.pending = this.pending.filter((p) => p.key !== note.key);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.pending = this.pending.map((p) => (p.key === note.key ? { ...p, error: this.#i18n.t('saveFailed', { reason }) } : p));
    }
  }

  #renderPending(note: PendingNote): TemplateResult {
    const t = this.#i18n.t.bind(this.#i18n);
    return html`<div part="pending" data-state=${note.error ? 'failed' : 'saving'} aria-live="polite">
      <strong>${note.subject || t('kind.note')}</strong>
      <span class="pre">${note.body}</span>
      ${note.error
        ? html`<p part="error" role="alert">${note.error}</p>
            <div class="actions">
              <button type="button" @click=${() => this.#saveNote(note)}>${t('retry')}</button>
              <button type="button" @click=${() => (this.pending = this.pending.filter((p) => p.key !== note.key))}>${t('discard')}</button>
            </div>`
        : html`<span role="status">${t('saving')}</span>`}
    </div>`;
  }
}

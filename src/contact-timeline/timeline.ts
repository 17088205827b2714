import { html, nothing, type PropertyValues, type TemplateResult, type PropertyDeclarations } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { cssomStyle } from '../internal/cssom-style.js';
import { AdapterController } from '../context/adapter-controller.js';
import type { DataChange, LiftAdapter, LifecycleNotice } from '../data/contract/adapter.js';
import { CORRESPONDENCE_KINDS, TIMELINE_KINDS, type TimelineEntry, type TimelineKind } from '../data/contract/model.js';
import { TIMELINE_SCOPES } from '../vocabulary.js';
import { LiftTimelineSelectEvent } from '../events.js';
import { errorWords } from '../i18n/error-words.js';
import { rovingMove } from '../internal/roving-focus.js';
import { LocalizeController } from '../i18n/localize.js';
import { focusFell, latestLoad } from '../internal/latest-load.js';
import { settleParts } from '../internal/lazy-module.js';
import { LiftElement } from '../internal/lift-element.js';
import { oneOf, tokenListConverter } from '../internal/token-list.js';
import { timelineMessages, type TimelineMessage, type TimelineWords } from './messages.js';
import { dateRange, renderFilterBar, renderNothingShown, type FilterBarActions, type FilterBarState } from './filter-bar.js';
import { ComposerPart } from './composer-part.js';
import { OverviewPages, RowMonths, type OverviewFilterState } from './overview-pages.js';
import { entryLines, monthLabel, renderMonth, rowHeights } from './rows.js';
import { timelineStyles } from './timeline.styles.js';
import { sharedStyles } from '../internal/shared-styles.js';
import { TimelineWindow } from './window.js';

const SEARCH_DEBOUNCE_MS = 80;

/**
 * The contact overview: everything sent to or recorded about a
 * contact, newest first, grouped by month, searchable and filterable. It stays smooth with
 * 100 000 entries: the adapter searches, filters and counts (`timeline.query`), pages arrive as
 * the reader scrolls towards them, and only the rows near the viewport exist in the DOM.
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
 * @cssproperty --lift-timeline-row-height-narrow - Height of an entry row when the list is narrower than 30rem and the meta line goes under the title (default 5.25rem).
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
    scope: { reflect: true, converter: oneOf(TIMELINE_SCOPES, '<lift-contact-timeline> scope') },
    adapter: { attribute: false },
    listTop: { state: true },
    viewport: { state: true },
    currentId: { state: true },
    focusPosition: { state: true },
  };

  /** The contact whose overview is shown. */
  contactId: string | undefined;

  /** Kind filter: tokens among `email letter document invoice note call meeting task change checklist`. */
  kinds: TimelineKind[] | undefined;

  /** Search text; mirrors the search box. */
  query = '';

  /** First day shown, `YYYY-MM-DD`; a value that is no calendar day (`01-11-2026`, `2026-02-30`) warns and is no bound. */
  from = '';

  /** Last day shown, `YYYY-MM-DD`; checked as `from`. */
  to = '';

  /** Offer no "Add note": the contact takes no new entries (the card sets it for an archived contact). */
  readOnly = false;

  /**
   * `all` (default): the whole overview. `correspondence`: its own view of e-mails, letters,
   * documents and invoices only — the kind filter offers just those, clearing the filters
   * keeps them, the search is the correspondence's, and no note is added here.
   */
  // The values written out rather than `TimelineScope`: the manifest shows the type as written.
  scope: 'all' | 'correspondence' | undefined = 'all';

  /** Overrides the adapter from the nearest `<lift-data-provider>` (or the IndexedDB default). */
  adapter: LiftAdapter | undefined;

  private listTop = 0;
  private viewport = 448;
  private currentId: string | undefined;
  private focusPosition = 1;

  private get scroller(): HTMLElement | null {
    return this.renderRoot?.querySelector('[part~="scroller"]') ?? null;
  }

  readonly #i18n = new LocalizeController<TimelineWords, TimelineMessage>(this, timelineMessages);
  readonly #adapter = new AdapterController(this, (change) => this.#onChange(change), () => this.#loadedFor[1]);
  readonly #pages = new OverviewPages(this, () => this.#keepPlace());
  readonly #notes = new ComposerPart(this, this.#i18n, () => this.#adapter.value, () => this.contactId, (contactId) =>
    contactId === this.contactId ? this.#keepingStop((upTo) => this.#pages.refresh(this.#filterState(), upTo)) : Promise.resolve(),
  );
  #window: TimelineWindow | undefined;
  #windowFor: TimelineEntry[] | undefined;
  readonly #months = new RowMonths(this.#pages);
  #loadedFor: unknown[] = [];
  #searchTimer: ReturnType<typeof setTimeout> | undefined;
  #resize: ResizeObserver | undefined;
  /** The user and the contact whose list shows. */
  #shown: string | undefined;
  #rowHeights: [number, number] = [64, 32];
  #moveRequested = false;

  /** Resolves when the first page of the current search and filters has loaded (the newest load, if another started). */
  get loaded(): Promise<void> {
    // The first render (which starts the first load) may still wait for the language's strings.
    return this.updateComplete.then(() => latestLoad(() => this.#pages.current));
  }

  /** How many entries match the current search and filters. */
  get resultCount(): number {
    return this.#pages.total;
  }

  /**
   * Reads the list again, for news its change feed did not bring (a dropped connection, another
   * backend): new entries show, corrected and removed ones change in place. The search, filters,
   * scroll place and the entry with the tab stop (and focus) stay. Resolves once the list shows what it read.
   */
  async refresh(): Promise<void> {
    await this.updateComplete; // the render pending reads another contact or other filters afresh
    if (this.contactId) await this.#keepingStop(this.#reread);
  }

  /** The list read again (with the same filters) down to `upTo` rows, which then replace those shown. */
  #reread = (upTo: number): Promise<void> => this.#pages.load(this.#adapter.value, this.#filterState(), true, false, upTo);

  override connectedCallback(): void {
    super.connectedCallback();
    this.#resize = new ResizeObserver(() => this.#measure());
    this.#resize.observe(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#resize?.disconnect();
    clearTimeout(this.#searchTimer);
    // Re-attached, it loads afresh: changes made meanwhile were not heard.
    this.#loadedFor = [];
  }

  protected override willUpdate(_changed: PropertyValues): void {
    const adapter = this.#adapter.value;
    const filter = this.#filterState();
    const user = adapter.session.currentUser().id;
    // Loaded per user too: with a copy on the device per user, the next one signed in reads another list.
    const key = [adapter, user, filter.contactId, filter.query, filter.kinds.join(' '), filter.from, filter.to];
    if (key.some((part, i) => part !== this.#loadedFor[i])) {
      // The same list with other filters keeps its rows until the new answer replaces them.
      const keepRows = key.slice(0, 3).every((part, i) => part === this.#loadedFor[i]);
      this.#loadedFor = key;
      // Another contact or user: nothing of the previous one may stay on screen or be selectable.
      if (this.#shown !== (this.#shown = `${user} ${filter.contactId}`)) this.currentId = undefined;
      // Another contact, search or filter: its result shows from the first row, not at the old depth.
      this.focusPosition = 1;
      this.#moveTo(0);
      void this.#pages.load(adapter, filter, keepRows, keepRows);
    }
    this.#layout();
  }

  /** The kinds this view can show. */
  get #scopeKinds(): readonly TimelineKind[] {
    return this.scope === 'correspondence' ? CORRESPONDENCE_KINDS : TIMELINE_KINDS;
  }

  /** The kinds chosen in the filter, among those of this view. */
  get #chosenKinds(): TimelineKind[] {
    const allowed = this.#scopeKinds;
    return (this.kinds ?? []).filter((kind) => allowed.includes(kind));
  }

  #filterState(): OverviewFilterState {
    const chosen = this.#chosenKinds;
    // Correspondence with no kind chosen is all four of its kinds, never the whole overview.
    const kinds = chosen.length || this.scope !== 'correspondence' ? chosen : [...CORRESPONDENCE_KINDS];
    return { contactId: this.contactId, query: this.query ?? '', kinds, ...dateRange(this.from, this.to) };
  }

  /** Whether the user may record activity here: not in the correspondence, nor read-only. */
  get #canAdd(): boolean {
    return this.#adapter.value.session.can('edit') && !this.readOnly && this.scope !== 'correspondence';
  }

  /** Also waits for the code of "Record activity" once the user asked for it. */
  protected override getUpdateComplete(): Promise<boolean> {
    return settleParts(() => super.getUpdateComplete(), [this.#notes.code]);
  }

  protected override updated(): void {
    if (this.#pages.complete && this.#adapter.value.session.can('edit')) this.#notes.preload();
    // Near or past the end of what has arrived: ask for the rows down to a viewport below the
    // reader's (a jump far ahead reads the pages before it back to back).
    const win = this.#window;
    const short = win ? this.listTop + 2 * this.viewport - win.height : 0;
    if (win && this.#pages.hasMore && short > 0)
      void this.#pages.ensure(this.#pages.entries.length + Math.ceil(short / this.#rowHeights[0])).then(() => {
        // Failed where the reader scrolled to, not from a row: the tab stop goes beside the failure.
        if (this.#pages.failedMore && !this.#rowFocused) this.focusPosition = this.#pages.entries.length;
      });
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
    const heights = rowHeights(scroller);
    if (heights[0] !== this.#rowHeights[0] || heights[1] !== this.#rowHeights[1]) {
      this.#rowHeights = heights;
      this.#layout(true);
      this.requestUpdate();
    }
  }

  #onChange(change: DataChange | LifecycleNotice): void {
    if (!('resource' in change) || change.resource !== 'timeline' || !this.contactId) return;
    if (change.contactId && change.contactId !== this.contactId) return;
    // A corrected or removed entry is read again in place; new ones go on top.
    const reread = !this.#pages.complete || change.type !== 'created';
    void this.#keepingStop((upTo) => (reread ? this.#reread(upTo) : this.#pages.refresh(this.#filterState(), upTo)));
  }

  get #rowFocused(): HTMLElement | null | undefined {
    return (this.renderRoot as ShadowRoot).activeElement?.closest('article');
  }

  /**
   * Reads the list again with the tab stop, and focus when it was there (or `focus`), kept on the same entry (at its place when it went); not for other filters.
   * `read` is told how far to read: down to the last row in view (rows counted as entries: a few more) and the tab stop, so nothing in view changes but what changed.
   */
  async #keepingStop(read: (upTo: number) => Promise<void>, focus = Boolean(this.#rowFocused ?? (this.renderRoot as ShadowRoot).activeElement?.matches('.retry'))): Promise<void> {
    const position = this.focusPosition;
    const stop = this.#pages.entries[position - 1]?.id;
    const asked = this.#loadedFor;
    await read(Math.max(focus ? position : 0, Math.ceil((this.listTop + this.viewport) / this.#rowHeights[0])));
    await this.updateComplete;
    const index = stop ? this.#pages.entries.findIndex((e) => e.id === stop) : -1;
    const next = Math.min(index >= 0 ? index + 1 : position, this.#pages.entries.length);
    // Not once the reader is in the list again: their place stands, with the tab stop (focus kept on its row through the read, which may have moved it); in the search or the form, it moves with its entry.
    const row = this.#rowFocused;
    if (row && asked === this.#loadedFor) this.focusPosition = Number(row.dataset.position);
    if (asked !== this.#loadedFor || row) return;
    // Failed again, or nothing left to show: no row to come back to.
    if (this.#pages.error || this.#pages.failedMore || !next) return void (focus && this.#catchFocus());
    // Focus that fell to the page with the row (or the Try again pressed) comes back; focus moved anywhere else stays.
    if (focus && focusFell(this.shadowRoot)) this.#focusPosition(next);
    else this.focusPosition = next;
  }

  /** Rows arrived on top or were read again: the entry at the top of the view stays there, unless the reader is at the top. */
  #keepPlace(): void {
    const at = this.listTop > 0 ? this.#window?.entryAt(this.listTop) : undefined;
    const id = at && this.#windowFor?.[at.entry]?.id;
    this.#layout();
    const index = this.#pages.entries.findIndex((e) => e.id === id);
    if (at && index >= 0) this.#moveTo(this.#window!.offsets[this.#window!.rowOfPosition(index + 1)]! + at.offset);
  }

  /** Rows and their offsets: a page added at the end adds its own, anything else builds them anew. */
  #layout(heightsChanged = false): void {
    const entries = this.#pages.entries;
    if (entries !== this.#windowFor || !this.#window || heightsChanged) {
      const indices = entries.map((_, i) => i);
      if (this.#months.sync(entries) && !heightsChanged && this.#window) this.#window.add(indices);
      else this.#window = new TimelineWindow(indices, (i) => this.#months.numbers[i]!, ...this.#rowHeights);
      this.#windowFor = entries;
    }
    this.focusPosition = Math.min(Math.max(1, this.focusPosition), Math.max(1, entries.length));
    // A shorter list while scrolled far down: clamp instead of pointing past the end.
    const max = Math.max(0, this.#height() - this.viewport);
    if (this.listTop > max) this.#moveTo(max);
  }

  /** The loaded rows' height, and a row's height for every entry still to come. */
  #height(): number {
    return (this.#window?.height ?? 0) + Math.max(0, this.#pages.total - this.#pages.entries.length) * this.#rowHeights[0];
  }

  protected override render() {
    const t = this.#i18n.t.bind(this.#i18n);
    if (!this.contactId) return html`${this.#i18n.failure('languageUnloaded', 'composerStillUnloaded', 'retry')}<p part="empty">${t('noContact')}</p>`;
    const pages = this.#pages;
    const count = pages.total;
    const canAdd = this.#canAdd;
    return html`${this.#i18n.failure('languageUnloaded', 'composerStillUnloaded', 'retry')}${renderFilterBar(this.#i18n, this.#filterBar(canAdd), this.#filterActions)}
      <p part="status" role="status">
        ${pages.error ? nothing : pages.searching ? t('searching') : !pages.entries.length && !pages.complete ? t('loading') : t('count', { count })}
      </p>
      ${this.#notes.render(canAdd, this.contactId, this.#scopeKinds)}
      ${pages.error
        ? this.#failed('loadError', pages.error, () => this.#keepingStop(this.#reread, true))
        : pages.complete && !count
          ? renderNothingShown(this.#i18n, this.#filterBar(canAdd), this.#clear)
          : this.#renderList()}`;
  }

  /** A read that failed, in the reader's words and announced, with its Try again. */
  #failed(message: 'loadError' | 'moreError', error: unknown, retry: () => unknown): TemplateResult {
    return html`<p part="error" role="alert">${this.#i18n.t(message, { reason: errorWords(error, this.#i18n.lang) })}</p>
      <button type="button" class="retry" @click=${retry}>${this.#i18n.t('retry')}</button>`;
  }

  #filterBar(canAdd: boolean): FilterBarState {
    const { query, from, to } = this.#filterState(); // as asked: a removed attribute (null) or a date that is no day is no filter
    const [kinds, kindOptions, counts, correspondence] = [this.#chosenKinds, this.#scopeKinds, this.#pages.counts, this.scope === 'correspondence'];
    return { query, kinds, kindOptions, correspondence, from, to, counts, canAdd: canAdd && !this.#notes.composing };
  }

  readonly #filterActions: FilterBarActions = {
    typed: (value) => this.#typed(value),
    toggleKind: (kind) => this.#toggleKind(kind),
    setFrom: (value) => (this.from = value),
    setTo: (value) => (this.to = value),
    clear: () => this.#clear(),
    compose: () => void this.#notes.open(),
  };

  #renderList(): TemplateResult {
    const win = this.#window;
    const t = this.#i18n.t.bind(this.#i18n);
    const total = this.#pages.total;
    const entries = this.#pages.entries;
    const [start, end] = win ? win.range(this.listTop, this.viewport) : [0, 0];
    const topRow = win?.rows[win.rowAt(this.listTop)];
    const topMonth = topRow ? ('month' in topRow ? topRow.month : this.#months.numbers[topRow.entry]!) : undefined;
    const rows: number[] = [];
    for (let row = start; row < end; row++) rows.push(row);
    // The entry holding the feed's tab stop stays rendered even when scrolled away, so Tab
    // always reaches the feed.
    const focusRow = win && total ? win.rowOfPosition(this.focusPosition) : -1;
    if (focusRow >= 0 && (focusRow < start || focusRow >= end)) rows.push(focusRow);
    const key = (row: number) => {
      const item = win!.rows[row]!;
      return 'month' in item ? `m${item.month}` : entries[item.entry]!.id;
    };
    // The feed moves focus by its own keys; a box that scrolls is otherwise a Tab stop (Firefox) with no name.
    return html`<div part="scroller" tabindex="-1" @scroll=${this.#onScroll}>
      ${topMonth !== undefined && this.listTop > 0 ? html`<div part="sticky-month" aria-hidden="true">${monthLabel(this.#i18n.locale, topMonth)}</div>` : nothing}
      <div
        role="feed"
        aria-label=${this.scope === 'correspondence' ? t('correspondenceLabel') : t('label')}
        aria-busy=${this.#pages.complete && !this.#pages.loading ? 'false' : 'true'}
        style=${cssomStyle({ height: `${this.#height()}px` })}
        @keydown=${this.#onKeydown}
      >
        ${repeat(rows, key, (row) => {
          // Keyed by entry: a focused row stays the same entry while the list scrolls or grows.
          const item = win!.rows[row]!;
          const top = win!.offsets[row]!;
          return 'month' in item ? renderMonth(this.#i18n.locale, item.month, top) : this.#renderEntry(item.entry, item.position, total, top);
        })}
      </div>
      ${this.#pages.failedMore // where the next rows would come; Try again reads just that page
        ? html`<div class="row below" style=${cssomStyle({ top: `${win?.height}px` })}>${this.#failed('moreError', this.#pages.failedMore, () => this.#keepingStop(() => this.#pages.more(), true))}</div>`
        : nothing}
    </div>`;
  }

  #renderEntry(index: number, position: number, total: number, top: number): TemplateResult {
    const entry = this.#pages.entries[index]!;
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
      ${entryLines(this.#i18n, entry, this.#pages.words)}
    </article>`;
  }

  #onScroll = (event: Event): number => (this.listTop = (event.target as HTMLElement).scrollTop);

  #typed(value: string): void {
    clearTimeout(this.#searchTimer);
    // Typing stays responsive: the list follows once the keys pause for a moment.
    this.#searchTimer = setTimeout(() => (this.query = value), SEARCH_DEBOUNCE_MS);
  }

  #toggleKind(kind: TimelineKind): void {
    const kinds = this.kinds ?? [];
    this.kinds = TIMELINE_KINDS.filter((k) => (k === kind) !== kinds.includes(k));
  }

  #clear = (): void => {
    // Words typed just before and not searched for yet are cleared with the rest.
    clearTimeout(this.#searchTimer);
    this.query = '';
    this.kinds = [];
    this.from = '';
    this.to = '';
    const box = this.renderRoot.querySelector<HTMLInputElement>('input[type="search"]');
    if (box) box.value = '';
    // The button pressed goes away with the filters: focus goes to the search, where the
    // reader starts over, instead of falling to the page.
    box?.focus();
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
    const total = this.#pages.total;
    const page = Math.max(1, Math.floor(this.viewport / this.#rowHeights[0]) - 1);
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      const row = this.#window.rows[this.#window.rowOfPosition(position)] as { entry: number };
      this.#select(this.#pages.entries[row.entry]!, position);
      return;
    }
    // The library's one keyboard pattern, over positions 1…total: a feed stops at its ends.
    const index = rovingMove(event, position - 1, total, { orientation: 'vertical', wrap: false, page });
    if (index === undefined) return;
    event.preventDefault();
    const wanted = index + 1;
    // Rows not loaded yet are asked for first (End on a long history reads the pages up to it).
    if (wanted > this.#pages.entries.length) {
      // Not once other filters or another contact were chosen meanwhile: focus is where the reader went.
      const asked = this.#loadedFor;
      const arrived = () => (this.#pages.error || this.#pages.failedMore ? this.#catchFocus() : this.#focusPosition(Math.min(wanted, this.#pages.entries.length)));
      void this.#pages.ensure(wanted).then(() => this.updateComplete).then(() => asked === this.#loadedFor && arrived());
    } else this.#focusPosition(wanted);
  };

  /** Focus on a row whose keys met a failure, or that fell to the page with the list (a read failed, or found nothing): to its Try again, or the search. */
  #catchFocus(): void {
    if (this.#rowFocused || focusFell(this.shadowRoot)) (this.renderRoot.querySelector<HTMLElement>('button.retry') ?? this.renderRoot.querySelector<HTMLElement>('[part~="filters"] input[type="search"]'))?.focus();
  }

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
}

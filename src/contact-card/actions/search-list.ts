import { css, html, nothing, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { live } from 'lit/directives/live.js';
import { LIMITS } from '../../data/contract/validation.js';
import type { ActionHost } from './panel.js';
import { uniqueId } from './panel.js';

/** Wait this long after the last keystroke before asking the adapter: one query per pause. */
const DEBOUNCE_MS = 150;

export interface SearchListOptions<T> {
  /** Its label and hint, put into words at each render (the reader may switch language). */
  label(): string;
  hint(): string;
  /** Results for `text` (empty: the first page), newest or best first; `more` when others match beyond them. */
  fetch(text: string, signal: AbortSignal): Promise<{ items: T[]; more: boolean }>;
  key(item: T): string;
  option(item: T): TemplateResult;
  choose(item: T): void;
}

/** The search list's styles; the dialogs that show one add them with their own. */
export const searchListStyles = css`
  .search-list {
    display: grid;
    gap: 0.25rem;
  }
  .search-list > label {
    font-weight: 600;
  }
  .search-list .hint,
  .search-list .more {
    margin: 0;
    font-size: 0.875rem;
  }
  .results {
    max-height: 16rem;
    overflow: auto;
    margin: 0;
    padding: 0;
    list-style: none;
    border: 1px solid var(--lift-color-border, #c5ccd6);
    border-radius: var(--lift-radius, 0.375rem);
  }
  .results:empty {
    display: none;
  }
  [role='option'] {
    display: flex;
    flex-wrap: wrap;
    gap: 0 0.5rem;
    padding: 0.375rem 0.5rem;
    cursor: pointer;
  }
  [role='option'][aria-selected='true'] {
    background: var(--lift-color-accent-subtle, #e3ecfb);
    box-shadow: inset 3px 0 0 var(--lift-color-accent, #1d5fd1);
  }
  .result-name {
    font-weight: 600;
  }
  .result-meta {
    flex-basis: 100%;
    color: var(--lift-color-text-muted, #52606d);
    font-size: 0.875rem;
  }
`;

/**
 * A WAI-ARIA combobox with a listbox popup that always shows its results: the search field
 * keeps focus, Arrow Down / Up move the active option (announced through
 * `aria-activedescendant`), Home / End jump, Enter chooses. Typing re-queries after a pause,
 * aborting the query before it, so a slow search over many records never blocks typing.
 */
export class SearchList<T> {
  text = '';
  items: T[] = [];
  /** More match than `items` holds: the text should narrow them down. */
  more = false;
  active = -1;
  loading = false;
  error: (() => string) | undefined;
  readonly #id = uniqueId('search');
  #timer: ReturnType<typeof setTimeout> | undefined;
  #request: AbortController | undefined;
  #searched: Promise<void> = Promise.resolve();
  #stale = false;

  constructor(
    private readonly host: ActionHost,
    private readonly options: SearchListOptions<T>,
  ) {}

  /** Resolves when the latest query has answered (for tests and hosts). */
  get settled(): Promise<void> {
    return this.#searched;
  }

  /** Runs the query now (the first page when opening). */
  search(): Promise<void> {
    this.dispose();
    const request = (this.#request = new AbortController());
    this.#stale = false;
    this.loading = true;
    this.error = undefined;
    this.host.update();
    return (this.#searched = this.options
      .fetch(this.text.trim(), request.signal)
      .then(({ items, more }) => {
        if (request.signal.aborted) return;
        this.items = items;
        this.more = more;
        this.active = items.length ? 0 : -1;
        // Said once per answer through the card's live region, not at each keystroke.
        const count = this.host.t('resultCount', { count: items.length });
        this.host.announce(more ? `${count}. ${this.host.t('moreResults', { count: items.length })}` : count);
      })
      .catch((error: unknown) => {
        if (request.signal.aborted) return;
        this.items = [];
        this.more = false;
        this.active = -1;
        this.error = () => this.host.reason(error);
        this.host.report('search', error);
      })
      .finally(() => {
        if (request.signal.aborted) return;
        this.loading = false;
        this.host.update();
      }));
  }

  /** Stops the search waiting for a pause in the typing, and drops the answer on its way (also when the dialog goes). */
  dispose(): void {
    clearTimeout(this.#timer);
    this.#request?.abort();
  }

  #input(value: string): void {
    this.text = value;
    // The results on screen answer the old text: nothing is active until the new ones arrive,
    // and the answer still on its way for the old text is neither shown nor said.
    this.#stale = true;
    this.active = -1;
    this.dispose();
    this.#timer = setTimeout(() => void this.search(), DEBOUNCE_MS);
    this.host.update();
  }

  #keydown(event: KeyboardEvent): void {
    // Keys an input method takes (the Enter that ends a composition, its Escape) are its own, not
    // the list's: while composing, and in WebKit just after, as keyCode 229.
    if (event.isComposing || event.keyCode === 229) return;
    // Results that answer older text (or older options) are chosen from by no key: nothing is
    // active in them, and Enter chooses from the answer on its way.
    const last = this.#stale || this.loading ? -1 : this.items.length - 1;
    const move = (index: number) => {
      event.preventDefault();
      this.active = Math.max(0, Math.min(last, index));
      this.host.update();
      requestAnimationFrame(() => this.host.query(`#${this.#id}-${this.active}`)?.scrollIntoView({ block: 'nearest' }));
    };
    if (event.key === 'ArrowDown' && last >= 0) move(this.active + 1);
    else if (event.key === 'ArrowUp' && last >= 0) move(this.active - 1);
    else if (event.key === 'Home' && event.ctrlKey && last >= 0) move(0);
    else if (event.key === 'End' && event.ctrlKey && last >= 0) move(last);
    else if (event.key === 'Escape') {
      // The results are always shown, so Escape leaves the dialog (search fields would clear instead).
      event.preventDefault();
      this.host.cancel();
    } else if (event.key === 'Enter') {
      event.preventDefault();
      // A held Enter repeats: the press that opened the search must not choose its first result.
      if (!event.repeat) void this.#chooseCurrent();
    }
  }

  /** Enter chooses from the results of the text as typed: a pending query answers first. */
  async #chooseCurrent(): Promise<void> {
    if (this.#stale) await this.search();
    else if (this.loading) await this.#searched;
    const item = this.items[this.active];
    if (item) this.options.choose(item);
  }

  /**
   * A result clicked is chosen, and becomes the active one (the one marked, announced and chosen
   * again by Enter); focus goes back to the search box (the list took it), where the keys work.
   */
  #click(index: number): void {
    const item = this.items[index];
    if (!item) return;
    // What the user clicked is the answer: a search still due for newer text would make its own first result the active one.
    this.dispose();
    [this.#stale, this.loading, this.active] = [false, false, index];
    this.host.update();
    this.host.query<HTMLInputElement>(`#${this.#id}-input`)?.focus();
    this.options.choose(item);
  }

  render(): TemplateResult {
    const t = this.host.t.bind(this.host);
    const listId = `${this.#id}-list`;
    const activeId = this.active >= 0 ? `${this.#id}-${this.active}` : undefined;
    return html`<div class="search-list">
      <label for=${`${this.#id}-input`}>${this.options.label()}</label>
      <input
        id=${`${this.#id}-input`}
        class="search-input"
        type="search"
        role="combobox"
        autocomplete="off"
        maxlength=${LIMITS.search}
        aria-autocomplete="list"
        aria-expanded="true"
        aria-controls=${listId}
        aria-activedescendant=${ifDefined(activeId)}
        aria-describedby=${`${this.#id}-hint`}
        .value=${live(this.text)}
        @input=${(event: Event) => this.#input((event.target as HTMLInputElement).value)}
        @keydown=${(event: KeyboardEvent) => this.#keydown(event)}
      />
      <p class="hint" id=${`${this.#id}-hint`}>${this.options.hint()}</p>
      ${this.error ? html`<p part="error" role="alert">${this.error()}</p>` : nothing}
      <ul role="listbox" id=${listId} tabindex="-1" class="results" aria-label=${this.options.label()} aria-busy=${this.loading || this.#stale ? 'true' : 'false'}>
        ${this.items.map(
          (item, index) => html`<li
            role="option"
            id=${`${this.#id}-${index}`}
            aria-selected=${index === this.active ? 'true' : 'false'}
            data-key=${this.options.key(item)}
            @click=${() => this.#click(index)}
          >
            ${this.options.option(item)}
          </li>`,
        )}
      </ul>
      ${!this.loading && !this.error && !this.items.length ? html`<p class="empty">${t('noResults')}</p>` : nothing}
      ${this.more ? html`<p class="more">${t('moreResults', { count: this.items.length })}</p>` : nothing}
    </div>`;
  }
}

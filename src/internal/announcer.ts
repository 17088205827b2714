/** How long the region stays empty before new words: long enough for a screen reader to see a change. */
const GAP_MS = 50;

function liveRegion(): HTMLElement {
  const region = document.createElement('p');
  region.className = 'visually-hidden said';
  region.setAttribute('role', 'status');
  return region;
}

/**
 * A polite live region for messages a screen reader should say ("Saved", "3 results"). The
 * announcer owns the region's node and writes its text itself, so saying something never renders
 * the element that shows it (a dialog's answers do not render the whole card). The region is
 * emptied first and filled a moment later, so the same words said twice are announced twice.
 */
export class Announcer {
  readonly #region = liveRegion();
  #timer: ReturnType<typeof setTimeout> | undefined;

  /**
   * `keepMs`: how long words stay in the region once said. Then it is emptied, so a reader who
   * browses to it later finds no stale message, perhaps in a language the page has since left.
   */
  constructor(private readonly keepMs = 5000) {}

  say(text: string): void {
    this.#empty();
    this.#timer = setTimeout(() => {
      this.#target().textContent = text;
      this.#timer = setTimeout(() => this.#empty(), this.keepMs);
    }, GAP_MS);
  }

  #empty(): void {
    clearTimeout(this.#timer);
    for (const region of [this.#region, ...this.#inDialogs()]) region.textContent = '';
  }

  /**
   * While a modal dialog is open, what is outside it is inert, and a live region there is not
   * heard: the words are said by a region of the top dialog's own (the one holding focus).
   */
  #target(): HTMLElement {
    const root = this.#region.getRootNode() as Document | ShadowRoot;
    let modal: Element | null | undefined;
    try {
      modal = root.activeElement?.closest('dialog:modal') ?? [...root.querySelectorAll('dialog:modal')].at(-1);
    } catch {
      // An engine without :modal: the region outside is all there is.
    }
    return modal ? (modal.querySelector<HTMLElement>(':scope > .said') ?? modal.appendChild(liveRegion())) : this.#region;
  }

  #inDialogs(): HTMLElement[] {
    return [...(this.#region.getRootNode() as ParentNode).querySelectorAll<HTMLElement>('dialog > .said')];
  }

  /** The region, where the element renders it (once, and in the same place each render). */
  render(): HTMLElement {
    return this.#region;
  }
}

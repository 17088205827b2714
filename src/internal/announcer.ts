/** How long the region stays empty before new words: long enough for a screen reader to see a change. */
const GAP_MS = 50;

/**
 * A polite live region for messages a screen reader should say ("Saved", "3 results"). The
 * announcer owns the region's node and writes its text itself, so saying something never renders
 * the element that shows it (a dialog's answers do not render the whole card). The region is
 * emptied first and filled a moment later, so the same words said twice are announced twice.
 */
export class Announcer {
  readonly #region = document.createElement('p');
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    this.#region.className = 'visually-hidden';
    this.#region.setAttribute('role', 'status');
  }

  say(text: string): void {
    clearTimeout(this.#timer);
    this.#region.textContent = '';
    this.#timer = setTimeout(() => (this.#region.textContent = text), GAP_MS);
  }

  /** The region, where the element renders it (once, and in the same place each render). */
  render(): HTMLElement {
    return this.#region;
  }
}

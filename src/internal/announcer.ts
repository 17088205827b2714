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

  say(text: string): void {
    clearTimeout(this.#timer);
    // While a modal dialog is open, what is outside it is inert, and a live region there is not
    // heard: the words are said by a region of the dialog's own.
    const modal = (this.#region.getRootNode() as ParentNode).querySelector?.('dialog:modal');
    const region = modal ? (modal.querySelector<HTMLElement>(':scope > .said') ?? modal.appendChild(liveRegion())) : this.#region;
    this.#region.textContent = region.textContent = '';
    this.#timer = setTimeout(() => (region.textContent = text), GAP_MS);
  }

  /** The region, where the element renders it (once, and in the same place each render). */
  render(): HTMLElement {
    return this.#region;
  }
}

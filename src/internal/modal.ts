import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** An element, or a controller's host, that renders the dialog. */
export type ModalHost = ReactiveControllerHost & { readonly renderRoot: HTMLElement | DocumentFragment };

/** The element that has focus, looking into nested shadow roots (a bar's buttons live in one). */
function deepActiveElement(root: DocumentOrShadowRoot | null | undefined = document): HTMLElement | undefined {
  let active = (root?.activeElement ?? document.activeElement) as HTMLElement | null;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement as HTMLElement;
  return active ?? undefined;
}

/** Where focus goes back to when something that took it (a dialog) closes. */
export class FocusReturn {
  #target: HTMLElement | undefined;
  #root: DocumentOrShadowRoot | null | undefined;

  remember(root: DocumentOrShadowRoot | null | undefined): void {
    this.#root = root;
    this.#target = deepActiveElement(root);
  }

  /**
   * Back to the remembered element, if it is still on the page; forgets it either way. When it
   * was the page itself (a dialog that opened by itself) or has gone, to the first of
   * `fallbacks` found where it was remembered, so focus does not fall to the page. Focus moved
   * on meanwhile to an element on the page (the field a refused save shows) stays there.
   */
  restore(...fallbacks: string[]): void {
    const target = this.#target;
    const root = this.#root as ParentNode | null | undefined;
    const before = deepActiveElement();
    this.#target = this.#root = undefined;
    requestAnimationFrame(() => {
      const now = deepActiveElement();
      if (now !== before && now !== document.body && now?.isConnected) return;
      const kept = target?.isConnected && target !== document.body ? target : undefined;
      (kept ?? fallbacks.map((selector) => root?.querySelector<HTMLElement>(selector)).find(Boolean))?.focus();
    });
  }
}

/**
 * A native modal `<dialog>` driven by its host's state: shown (with focus trapped and Escape
 * closing it, as the platform does) when the state wants it open, closed when it no longer
 * does, focus back where it was when the user's action opened it.
 */
export class ModalController implements ReactiveController {
  readonly focus = new FocusReturn();
  /** The dialog element opened for the state that wants it (another made by a render is opened anew). */
  #shown: HTMLDialogElement | undefined;

  constructor(
    private readonly host: ModalHost,
    private readonly dialog: () => HTMLDialogElement | null | undefined,
    private readonly wanted: () => boolean,
    /** Runs right after the dialog opened (to reset its value or move focus inside). */
    private readonly opened?: (dialog: HTMLDialogElement) => void,
  ) {
    host.addController(this);
  }

  /** Call before the state that opens the dialog is set, from the user's action. */
  rememberFocus(): void {
    const root = this.host.renderRoot;
    this.focus.remember(root instanceof ShadowRoot ? root : document);
  }

  hostUpdated(): void {
    const dialog = this.dialog();
    if (!dialog) return;
    const wanted = this.wanted();
    // Opened when the state comes to want it, not on every render: between a button closing the
    // dialog and its (later) close event the state still wants it, and must not reopen it. One
    // that went from the page while open (no close event comes) and is made again is opened.
    if (wanted && this.#shown !== dialog) {
      this.#shown = dialog;
      if (!dialog.open) dialog.showModal();
      this.opened?.(dialog);
    } else if (!wanted) {
      this.#shown = undefined;
      if (dialog.open) dialog.close();
    }
  }

  close(): void {
    this.dialog()?.close();
  }
}

import { html, nothing, type PropertyValues } from 'lit';
import { LiftElement } from '../../internal/lift-element.js';
import type { ActionPanel } from './panel.js';

/**
 * The modal dialog of the card's actions (search, create, copy, document, report). It renders
 * into the card's shadow root, so the card's styles and parts reach it, and re-renders alone:
 * typing in a dialog never re-renders the card. Defined when the first action opens.
 *
 * @ignore internal to `<lift-contact-card>`
 */
export class LiftCardActionDialog extends LiftElement {
  static override properties = { panel: { attribute: false } };

  /** What the dialog shows; none when closed. */
  panel: ActionPanel | undefined;

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  get dialog(): HTMLDialogElement | null {
    return this.querySelector('dialog');
  }

  close(): void {
    this.dialog?.close();
  }

  protected override render() {
    const panel = this.panel;
    // The dialog's close does not bubble: the element says it, for the card to give focus back.
    return html`<dialog
      class="action"
      part="dialog"
      aria-labelledby="action-title"
      @cancel=${(event: Event) => panel?.busy && event.preventDefault()}
      @close=${() => this.dispatchEvent(new Event('close'))}
    >
      ${panel ? html`<h2 id="action-title">${panel.title}</h2>${panel.render()}` : nothing}
    </dialog>`;
  }

  protected override updated(changed: PropertyValues<this>): void {
    const dialog = this.dialog;
    if (!changed.has('panel') || !this.panel || !dialog || dialog.open) return;
    dialog.showModal();
    dialog.querySelector<HTMLElement>(this.panel.initialFocus ?? 'input, select, textarea, button')?.focus();
  }
}

/** Its tag; the card defines it when the first action opens. */
export const ACTION_DIALOG_TAG = 'lift-card-action-dialog';

declare global {
  interface HTMLElementTagNameMap {
    'lift-card-action-dialog': LiftCardActionDialog;
  }
}

import { html, nothing, type TemplateResult } from 'lit';
import { LiftDataError } from '../../data/contract/errors.js';
import type { Contact } from '../../data/contract/model.js';
import type { LiftOperation } from '../../events.js';
import { repeatableCreate, type RepeatableCreate } from '../../internal/repeatable-create.js';
import type { CardActions } from './action-dialog.js';

/**
 * What an action dialog's content uses: the card's part, from context (see {@link CardActions}),
 * and the dialog's own: re-render, close, whether it is open, an element in it.
 */
export interface ActionHost
  extends Pick<CardActions, 'adapter' | 'relation' | 'lang' | 't' | 'dispatch' | 'announce' | 'report' | 'reason' | 'openContact' | 'showWork' | 'showEntry'> {
  /** The card's record, or the one the dialog opened for while the card loads another. */
  readonly record: Contact;
  /** Re-render the dialog (its state changed); the card does not render. */
  update(): void;
  /** Settles when the dialog's last requested render is done. */
  readonly updated: Promise<unknown>;
  /** Close the dialog; focus returns to where it was. */
  close(): void;
  /** Escape: close the dialog, unless a write is on its way. */
  cancel(): void;
  /** Whether this dialog is still open. */
  readonly open: boolean;
  /** A failure the dialog can no longer show (it was closed meanwhile): the card says it, put into words at each render. */
  showError(words: () => string): void;
  /** Find an element of the open dialog (to move focus). */
  query<T extends HTMLElement>(selector: string): T | null;
}

/** Said at a field whose text (measured as it is sent) is longer than the adapter takes: the limit and the length now. */
export const tooLong = (host: Pick<ActionHost, 't'>, text: string, max: number): string | undefined =>
  text.length > max ? host.t('invalid.too-long', { max, count: text.length }) : undefined;

let ids = 0;
/** A prefix for ids inside one dialog, unique in the card. */
export const uniqueId = (name: string) => `${name}-${++ids}`;

/**
 * The write a dialog makes (create, copy, new document): one at a time, `saving` while it runs,
 * and a failure said in words — in the dialog, or by the card when the dialog closed meanwhile —
 * and reported as a `lift-error` for `operation`.
 */
export class PanelWrite {
  saving = false;
  /** The failure, put into words when shown (in the language of that moment). */
  error: (() => string) | undefined;
  /**
   * The dialog's create, sent again as the same request when the user tries the same again,
   * also from the dialog opened anew.
   */
  get create(): RepeatableCreate {
    return repeatableCreate(this.host.adapter, this.operation);
  }

  constructor(
    private readonly host: ActionHost,
    private readonly operation: LiftOperation,
  ) {}

  async run(work: () => Promise<void>): Promise<void> {
    if (this.saving) return;
    // The button pressed is disabled while the write runs, which takes the focus from it.
    const pressed = this.host.query(':focus');
    this.saving = true;
    this.error = undefined;
    this.host.update();
    try {
      await work();
    } catch (error) {
      // Refused for an older version: the card has the newer one in place before the words say it
      // is loaded and the button is offered again; a failure to read it is said instead.
      const reread = await this.host.report(this.operation, error);
      // Out of reach on an adapter that can lose answers: the create may have landed. Sent again
      // unchanged it goes with the same request id (see `create`), so it is not made twice.
      const doubt = LiftDataError.is(error, 'unavailable') && Boolean(this.host.adapter.withRequestId);
      this.error = () => this.host.t(doubt ? 'actionUnconfirmed' : 'actionFailed', { reason: this.host.reason(reread ?? error) });
      if (!this.host.open) this.host.showError(this.error);
    } finally {
      this.saving = false;
      this.host.update();
    }
    if (!this.error || !this.host.open) return;
    // The dialog stays after a failure: the keyboard's place goes back to the button, enabled
    // again, for another try (unless the user has moved on inside the dialog meanwhile).
    await this.host.updated;
    if (!this.host.query(':focus')) pressed?.focus();
  }

  /** The failure as the dialog shows it (nothing when there is none). */
  renderError(): TemplateResult | typeof nothing {
    return this.error ? html`<p part="error" role="alert">${this.error()}</p>` : nothing;
  }
}

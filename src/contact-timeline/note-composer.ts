import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { LiftAdapter } from '../data/contract/adapter.js';
import { LiftDataError } from '../data/contract/errors.js';
import { RECORDED_KINDS, type RecordedKind } from '../data/contract/model.js';
import { LIMITS } from '../data/contract/validation.js';
import { errorWords } from '../i18n/error-words.js';
import type { LocalizeController } from '../i18n/localize.js';
import { RepeatableCreate } from '../internal/repeatable-create.js';
import type { TimelineMessage, TimelineWords } from './messages.js';

export { composerMessages } from './messages-composer.js';

interface PendingNote {
  key: number;
  /** The contact the note was written for; it is saved there, whichever contact shows now. */
  contactId: string;
  kind: RecordedKind;
  /** When it happened or is planned; absent: now. */
  occurredAt?: string;
  subject: string;
  body: string;
  error?: string;
  /** Its save, sent again as the same request when the user retries (see `RepeatableCreate`). */
  create: RepeatableCreate;
}

interface NoteHost extends ReactiveControllerHost {
  readonly renderRoot: HTMLElement | DocumentFragment;
}

/**
 * The overview's "add a note": the inline form, and the notes being saved. A note may also be a
 * call, a meeting, an e-mail or a task, dated now or when it happened (or is planned). It shows
 * at once; a failed save keeps it, with the reason, a retry and a discard, under its own contact.
 */
export class NoteComposer implements ReactiveController {
  composing = false;
  #error: string | undefined;
  #pending: PendingNote[] = [];
  #key = 0;

  constructor(
    private readonly host: NoteHost,
    private readonly i18n: LocalizeController<TimelineWords, TimelineMessage>,
    private readonly adapter: () => LiftAdapter,
    /** The contact shown now: a note is written for it. */
    private readonly contactId: () => string | undefined,
    /** Called once a note is saved, before it stops showing as pending: the list brings it in. */
    private readonly saved: (contactId: string) => Promise<void>,
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  open = (): void => {
    this.composing = true;
    this.#error = undefined;
    this.host.requestUpdate();
    void this.host.updateComplete.then(() => this.host.renderRoot.querySelector<HTMLTextAreaElement>('[part~="note-form"] textarea')?.focus());
  };

  renderForm(): TemplateResult {
    const t = this.i18n.t.bind(this.i18n);
    return html`<form part="note-form" @submit=${this.#submit}>
      <label
        >${t('kind')}
        <select name="kind">
          ${RECORDED_KINDS.map((kind) => html`<option value=${kind}>${t(`kind.${kind}`)}</option>`)}
        </select></label
      >
      <label>${t('when')} <input type="datetime-local" name="when" /></label>
      <label>${t('subject')} <input type="text" name="subject" maxlength=${LIMITS.subject} /></label>
      <label>${t('body')} <textarea name="body" rows="3" aria-invalid=${this.#error ? 'true' : 'false'}></textarea></label>
      ${this.#error ? html`<p part="error" role="alert">${this.#error}</p>` : nothing}
      <div class="actions">
        <button type="submit">${t('save')}</button>
        <button type="button" @click=${this.#cancel}>${t('cancel')}</button>
      </div>
    </form>`;
  }

  /** The notes of `contactId` that are being saved or failed to. */
  renderPending(contactId: string | undefined): TemplateResult[] {
    return this.#pending.filter((note) => note.contactId === contactId).map((note) => this.#renderPending(note));
  }

  #cancel = (): void => {
    this.composing = false;
    this.host.requestUpdate();
  };

  #submit = (event: SubmitEvent): void => {
    event.preventDefault();
    const contactId = this.contactId();
    const form = new FormData(event.target as HTMLFormElement);
    const subject = String(form.get('subject') ?? '').trim();
    const body = String(form.get('body') ?? '');
    const kind = RECORDED_KINDS.find((k) => k === form.get('kind')) ?? 'note';
    // A local date and time as the reader typed it; an unreadable one is left out (now).
    const when = new Date(String(form.get('when') ?? ''));
    if (!body.trim() && !subject) {
      this.#error = this.i18n.t('noteRequired');
      this.host.requestUpdate();
      return;
    }
    this.composing = false;
    const occurredAt = Number.isNaN(when.getTime()) ? undefined : when.toISOString();
    if (contactId) void this.#save({ key: ++this.#key, contactId, kind, subject, body, ...(occurredAt ? { occurredAt } : {}), create: new RepeatableCreate() });
  };

  async #save(note: PendingNote): Promise<void> {
    const { contactId } = note;
    this.#pending = [{ ...note, error: undefined }, ...this.#pending.filter((p) => p.key !== note.key)];
    this.host.requestUpdate();
    const adapter = this.adapter();
    try {
      const { kind, subject, body, occurredAt } = note;
      const entry = { contactId, kind, subject, body, ...(occurredAt ? { occurredAt } : {}) };
      await note.create.send(adapter, entry, () => adapter.timeline.add(entry));
      await this.saved(contactId);
      this.#pending = this.#pending.filter((p) => p.key !== note.key);
    } catch (error) {
      const reason = errorWords(error, this.i18n.lang);
      // Not reached, or its answer lost on the way: it may have been saved. A retry sends the
      // same request, which such an adapter answers once.
      const doubt = LiftDataError.is(error, 'unavailable') && adapter.withRequestId;
      this.#pending = this.#pending.map((p) => (p.key === note.key ? { ...p, error: this.i18n.t(doubt ? 'saveUnconfirmed' : 'saveFailed', { reason }) } : p));
    }
    this.host.requestUpdate();
  }

  #discard(note: PendingNote): void {
    this.#pending = this.#pending.filter((p) => p.key !== note.key);
    this.host.requestUpdate();
  }

  #renderPending(note: PendingNote): TemplateResult {
    const t = this.i18n.t.bind(this.i18n);
    return html`<div part="pending" data-state=${note.error ? 'failed' : 'saving'} aria-live="polite">
      <strong>${note.subject || t(`kind.${note.kind}`)}</strong>
      <span class="pre">${note.body}</span>
      ${note.error
        ? html`<p part="error" role="alert">${note.error}</p>
            <div class="actions">
              <button type="button" @click=${() => this.#save(note)}>${t('retry')}</button>
              <button type="button" @click=${() => this.#discard(note)}>${t('discard')}</button>
            </div>`
        : html`<span role="status">${t('saving')}</span>`}
    </div>`;
  }
}

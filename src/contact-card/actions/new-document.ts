import { ActionDialog } from './action-dialog.js';
import { html, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import type { LiftAdapter } from '../../data/contract/adapter.js';
import type { DocumentTemplate } from '../../data/contract/model.js';
import { documentValues } from '../../data/contract/document-values.js';
import { fillMergeFields } from '../../data/contract/merge-fields.js';
import { LIMITS } from '../../data/contract/validation.js';
import { PanelWrite, tooLong, uniqueId } from './panel.js';

/**
 * The text of a document closed with Escape before it was made, for the page, per adapter, by
 * user, contact and template: the dialog opens with it again. Cancel and making it drop it.
 */
const drafts = new WeakMap<LiftAdapter, Map<string, { subject: string; body: string }>>();

/**
 * New document: a document from a template the user's role may use. The merge fields are filled
 * for the reader (dates in their language and time zone, "Geachte mevrouw Visser" / "Dear Ms
 * Visser" for `{{salutation}}`), the subject and text can be changed, and creating it records
 * that text in the overview (and so in Correspondence) and shows it in the item detail.
 */
export class LiftCardDocumentDialog extends ActionDialog {
  static readonly tag = 'lift-card-document-dialog';

  /** The clock the date merge field reads; replaceable, so a test can stand at midnight. */
  static now: () => Date = () => new Date();

  // Not Create: a document, once made, stays in the overview, and an Enter out of habit made it.
  override readonly initialFocus = '.document-subject';
  readonly write = new PanelWrite(this.host, 'document');
  readonly #id = uniqueId('document');
  /** The template the document is made from; set before the dialog opens. */
  template!: DocumentTemplate;
  /** The document's text as the user has it now: the filled template, edited. */
  subject = '';
  body = '';
  /** Create was pressed: what keeps the subject or text from being sent is said from then on. */
  tried = false;

  get heading(): string {
    return this.host.t('documentTitle', { name: this.template.name });
  }

  /** Where this dialog's text is kept when it closes unmade. */
  get #drafts() {
    const { adapter } = this.host;
    let map = drafts.get(adapter);
    if (!map) drafts.set(adapter, (map = new Map()));
    return { map, key: `${adapter.session.currentUser().id}\n${this.contact.id}\n${this.template.id}` };
  }

  protected override opened(): void {
    this.tried = false;
    const { map, key } = this.#drafts;
    const kept = map.get(key);
    if (kept) {
      this.subject = kept.subject;
      this.body = kept.body;
      return;
    }
    const { record, relation, adapter, lang } = this.host;
    const values = documentValues({
      contact: { ...record },
      relation: relation && { ...relation },
      user: { ...adapter.session.currentUser() },
      now: LiftCardDocumentDialog.now(),
      lang,
    });
    this.subject = fillMergeFields(this.template.subject, values);
    this.body = fillMergeFields(this.template.body, values);
  }

  override get busy(): boolean {
    return this.write.saving;
  }

  /** What keeps the subject from being sent: said at the field, as the adapter would refuse it. */
  #problem(): string | undefined {
    const subject = this.subject.trim();
    if (!subject) return this.host.t('subjectRequired');
    return tooLong(this.host, subject, LIMITS.subject);
  }

  /** What keeps the text from being sent: it goes as it is, spaces and all. */
  #bodyProblem(): string | undefined {
    return tooLong(this.host, this.body, LIMITS.body);
  }

  async #create(): Promise<void> {
    const templates = this.host.adapter.templates;
    this.tried = true;
    if (this.#problem() || this.#bodyProblem() || !templates) {
      this.host.update();
      await this.host.updated;
      this.host.query(this.#problem() || !this.#bodyProblem() ? '.document-subject' : '.document-body')?.focus();
      return;
    }
    await this.write.run(async () => {
      const args = [this.host.record.id, this.template.id, { subject: this.subject.trim(), body: this.body }] as const;
      const entry = await this.write.create.send(this.host.adapter, args, () => templates.createDocument(...args));
      this.#drop();
      this.host.announce(this.host.t('documentCreated', { subject: entry.subject }));
      this.host.showEntry(entry);
    });
  }

  /** Keeps what the user types in the subject or the text, also for after an Escape. */
  #typed(part: 'subject' | 'body') {
    return (event: Event) => {
      this[part] = (event.target as HTMLInputElement | HTMLTextAreaElement).value;
      const { map, key } = this.#drafts;
      map.set(key, { subject: this.subject, body: this.body });
      if (this.tried) this.host.update();
    };
  }

  /** Closes the dialog and forgets its text (Cancel, or the document made). */
  #drop(): void {
    const { map, key } = this.#drafts;
    map.delete(key);
    this.host.close();
  }

  protected renderBody() {
    const t = this.host.t.bind(this.host);
    const id = this.#id;
    const problem = this.tried ? this.#problem() : undefined;
    const long = this.tried ? this.#bodyProblem() : undefined;
    return html`<div class="panel-body">
      <p class="hint">${t('documentPreview')}</p>
      <label for=${`${id}-subject`}>${t('documentSubject')}</label>
      <input
        id=${`${id}-subject`}
        class="document-subject"
        type="text"
        required
        maxlength=${LIMITS.subject}
        ?readonly=${this.write.saving}
        .value=${live(this.subject)}
        aria-invalid=${problem ? 'true' : 'false'}
        aria-describedby=${`${id}-subject-error`}
        @input=${this.#typed('subject')}
      />
      <p part="error" id=${`${id}-subject-error`}>${problem ?? nothing}</p>
      <label for=${`${id}-body`}>${t('documentBody')}</label>
      <textarea
        id=${`${id}-body`}
        class="document-body"
        rows="12"
        ?readonly=${this.write.saving}
        .value=${live(this.body)}
        aria-invalid=${long ? 'true' : 'false'}
        aria-describedby=${long ? `${id}-body-error` : nothing}
        @input=${this.#typed('body')}
      ></textarea>
      ${long ? html`<p part="error" id=${`${id}-body-error`}>${long}</p>` : nothing}
      ${this.write.renderError()}
      <div class="actions">
        <button type="button" class="primary" ?disabled=${this.write.saving} @click=${() => void this.#create()}>${this.write.saving ? t('saving') : t('documentCreate')}</button>
        <button type="button" ?disabled=${this.write.saving} @click=${() => this.#drop()}>${t('cancel')}</button>
      </div>
    </div>`;
  }
}

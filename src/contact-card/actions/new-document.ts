import { ActionDialog } from './action-dialog.js';
import { html } from 'lit';
import { live } from 'lit/directives/live.js';
import type { DocumentTemplate } from '../../data/contract/model.js';
import { documentValues } from '../../data/contract/document-values.js';
import { fillMergeFields } from '../../data/contract/merge-fields.js';
import { PanelWrite, uniqueId } from './panel.js';

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

  override readonly initialFocus = '.primary';
  readonly write = new PanelWrite(this.host, 'document');
  readonly #id = uniqueId('document');
  /** The template the document is made from; set before the dialog opens. */
  template!: DocumentTemplate;
  /** The document's text as the user has it now: the filled template, edited. */
  subject = '';
  body = '';

  get heading(): string {
    return this.host.t('documentTitle', { name: this.template.name });
  }

  protected override opened(): void {
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

  async #create(): Promise<void> {
    const templates = this.host.adapter.templates;
    if (!templates) return;
    await this.write.run(async () => {
      const args = [this.host.record.id, this.template.id, { subject: this.subject, body: this.body }] as const;
      const entry = await this.write.create.send(this.host.adapter, args, () => templates.createDocument(...args));
      this.host.close();
      this.host.announce(this.host.t('documentCreated', { subject: entry.subject }));
      this.host.showEntry(entry);
    });
  }

  /** Keeps what the user types in the subject or the text. */
  #typed(part: 'subject' | 'body') {
    return (event: Event) => (this[part] = (event.target as HTMLInputElement | HTMLTextAreaElement).value);
  }

  protected renderBody() {
    const t = this.host.t.bind(this.host);
    const id = this.#id;
    return html`<div class="panel-body">
      <p class="hint">${t('documentPreview')}</p>
      <label for=${`${id}-subject`}>${t('documentSubject')}</label>
      <input id=${`${id}-subject`} class="document-subject" type="text" .value=${live(this.subject)} @input=${this.#typed('subject')} />
      <label for=${`${id}-body`}>${t('documentBody')}</label>
      <textarea id=${`${id}-body`} class="document-body" rows="12" .value=${live(this.body)} @input=${this.#typed('body')}></textarea>
      ${this.write.renderError()}
      <div class="actions">
        <button type="button" class="primary" ?disabled=${this.write.saving} @click=${() => void this.#create()}>${this.write.saving ? t('saving') : t('documentCreate')}</button>
        <button type="button" @click=${() => this.host.close()}>${t('cancel')}</button>
      </div>
    </div>`;
  }
}

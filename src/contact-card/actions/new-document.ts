import { ActionDialog } from './action-dialog.js';
import { html } from 'lit';
import type { DocumentTemplate } from '../../data/contract/model.js';
import { fillMergeFields } from '../../data/contract/merge-fields.js';
import { fullName } from '../../data/contract/text.js';
import { PanelWrite } from './panel.js';

/**
 * New document: a document from a template the user's role may use. The preview fills the merge
 * fields the way the adapter will; creating it records the document in the overview (and so in
 * Correspondence) and shows it in the item detail.
 */
export class LiftCardDocumentDialog extends ActionDialog {
  static readonly tag = 'lift-card-document-dialog';

  override readonly initialFocus = '.primary';
  readonly write = new PanelWrite(this.host, 'document');
  /** The template the document is made from; set before the dialog opens. */
  template!: DocumentTemplate;

  get heading(): string {
    return this.host.t('documentTitle', { name: this.template.name });
  }

  #preview(text: string): string {
    const { record, relation, adapter } = this.host;
    return fillMergeFields(text, {
      contact: { ...record, fullName: fullName(record) },
      relation: (relation ?? {}) as unknown as Record<string, unknown>,
      user: { ...adapter.session.currentUser() },
      today: new Date().toISOString().slice(0, 10),
    });
  }

  override get busy(): boolean {
    return this.write.saving;
  }

  async #create(): Promise<void> {
    const templates = this.host.adapter.templates;
    if (!templates) return;
    await this.write.run(async () => {
      const entry = await templates.createDocument(this.host.record.id, this.template.id);
      this.host.close();
      this.host.announce(this.host.t('documentCreated', { subject: entry.subject }));
      this.host.showEntry(entry);
    });
  }

  protected renderBody() {
    const t = this.host.t.bind(this.host);
    return html`<div class="panel-body">
      <p class="hint">${t('documentPreview')}</p>
      <article class="preview" aria-label=${t('documentPreview')}>
        <h3>${this.#preview(this.template.subject)}</h3>
        <p class="body">${this.#preview(this.template.body)}</p>
      </article>
      ${this.write.renderError()}
      <div class="actions">
        <button type="button" class="primary" ?disabled=${this.write.saving} @click=${() => void this.#create()}>${this.write.saving ? t('saving') : t('documentCreate')}</button>
        <button type="button" @click=${() => this.host.close()}>${t('cancel')}</button>
      </div>
    </div>`;
  }
}

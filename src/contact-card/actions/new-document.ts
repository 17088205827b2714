import { html } from 'lit';
import type { DocumentTemplate } from '../../data/contract/model.js';
import { fillMergeFields } from '../../data/contract/merge-fields.js';
import { fullName } from '../../data/contract/text.js';
import { PanelWrite, type ActionHost, type ActionPanel } from './panel.js';

/**
 * New document: a document from a template the user's role may use. The preview fills the merge
 * fields the way the adapter will; creating it records the document in the overview (and so in
 * Correspondence) and shows it in the item detail.
 */
export class NewDocumentPanel implements ActionPanel {
  readonly initialFocus = '.primary';
  readonly write: PanelWrite;

  constructor(
    private readonly host: ActionHost,
    readonly template: DocumentTemplate,
  ) {
    this.write = new PanelWrite(host, 'document');
  }

  get title(): string {
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

  get busy(): boolean {
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

  render() {
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

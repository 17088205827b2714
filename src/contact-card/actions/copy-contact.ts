import { ActionDialog } from './action-dialog.js';
import { html, nothing } from 'lit';
import type { Contact, Relation } from '../../data/contract/model.js';
import { fullName } from '../../data/contract/text.js';
import { LiftContactCopiedEvent, LiftContactOpenEvent } from '../../events.js';
import { PanelWrite } from './panel.js';
import { SearchList } from './search-list.js';

/**
 * Copy: the contact moves on to another relation. The personal details are copied into a
 * new contact there (the history stays with the original), the original can be archived in the
 * same write, both overviews record the copy, and the new contact can be opened at once.
 */
export class LiftCardCopyDialog extends ActionDialog {
  static readonly tag = 'lift-card-copy-dialog';

  override readonly initialFocus = '.search-input';
  target: Relation | undefined;
  archiveOriginal = false;
  copy: Contact | undefined;
  list!: SearchList<Relation>;
  readonly write = new PanelWrite(this.host, 'copy');

  protected override opened(): void {
    const host = this.host;
    this.list = new SearchList<Relation>(host, {
      label: host.t('copySearchLabel'),
      hint: host.t('copySearchHint'),
      fetch: async (text, signal) => (await host.adapter.relations.list({ text, limit: 20, signal })).items,
      key: (relation) => relation.id,
      option: (relation) =>
        html`<span class="result-name">${relation.name}</span> <span class="result-meta">${host.t(`kind.${relation.kind}`)}</span>`,
      choose: (relation) => {
        this.target = relation;
        host.update();
      },
    });
    void this.list.search();
  }

  get heading(): string {
    return this.host.t('copyTitle');
  }

  async #submit(): Promise<void> {
    const target = this.target;
    if (!target) return;
    await this.write.run(async () => {
      const record = this.host.record;
      const { copy, original } = await this.host.adapter.contacts.copy(record.id, {
        relationId: target.id,
        archiveOriginal: this.archiveOriginal,
        expectedVersion: record.version,
      });
      this.copy = copy;
      this.host.dispatch(new LiftContactCopiedEvent(original, copy, this.archiveOriginal));
      this.host.announce(this.host.t('copied', { relation: target.name }));
      requestAnimationFrame(() => this.host.query<HTMLButtonElement>('.open-copy')?.focus());
    });
  }

  async #openCopy(): Promise<void> {
    const copy = this.copy;
    if (!copy) return;
    this.host.close();
    await this.host.openContact(copy.id, new LiftContactOpenEvent(copy.id, 'copy'));
  }

  override get busy(): boolean {
    return this.write.saving;
  }

  protected renderBody() {
    const t = this.host.t.bind(this.host);
    if (this.copy) {
      return html`<div class="panel-body">
        <p role="status">${t('copied', { relation: this.target?.name ?? '' })}</p>
        <div class="actions">
          <button type="button" class="primary open-copy" @click=${() => void this.#openCopy()}>${t('openCopy')}</button>
          <button type="button" @click=${() => this.host.close()}>${t('close')}</button>
        </div>
      </div>`;
    }
    const mayArchive = this.host.adapter.session.can('archive') && !this.host.record.archived;
    return html`<div class="panel-body">
      <p>${t('copyIntro', { name: fullName(this.host.record) })}</p>
      ${this.list.render()}
      <p class="chosen" aria-live="polite">${this.target ? t('copyTarget', { relation: this.target.name }) : t('copyChoose')}</p>
      ${mayArchive
        ? html`<label class="toggle">
            <input type="checkbox" .checked=${this.archiveOriginal} @change=${(event: Event) => (this.archiveOriginal = (event.target as HTMLInputElement).checked)} />
            ${t('copyArchive')}
          </label>`
        : nothing}
      ${this.write.renderError()}
      <div class="actions">
        <button type="button" class="primary" ?disabled=${!this.target || this.write.saving} @click=${() => void this.#submit()}>
          ${this.write.saving ? t('saving') : t('copyConfirm')}
        </button>
        <button type="button" @click=${() => this.host.close()}>${t('cancel')}</button>
      </div>
    </div>`;
  }

  protected override dispose(): void {
    this.list.dispose();
  }
}

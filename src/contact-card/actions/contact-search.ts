import { ActionDialog } from './action-dialog.js';
import { html, nothing } from 'lit';
import { fullName } from '../../data/contract/text.js';
import type { Contact } from '../../data/contract/model.js';
import { checkContact } from '../../data/contract/shape.js';
import { LiftContactOpenEvent } from '../../events.js';

import { SearchList, searchListStyles } from './search-list.js';

const RESULTS = 20;

/**
 * Search: find another contact by name, e-mail or relation name, newest modified first,
 * archived ones only when asked, and open it in the card.
 */
export class LiftCardSearchDialog extends ActionDialog {
  static override readonly dialogStyles = [searchListStyles];
  static readonly tag = 'lift-card-search-dialog';

  override readonly initialFocus = '.search-input';
  includeArchived = false;
  list!: SearchList<Contact>;
  readonly #relations = new Set<string>();
  #names = new Map<string, string>();

  protected override opened(): void {
    const host = this.host;
    this.list = new SearchList<Contact>(host, {
      label: () => host.t('searchLabel'),
      hint: () => host.t('searchHint'),
      fetch: async (text, signal) => {
        const page = await host.adapter.contacts.list({ text, includeArchived: this.includeArchived, limit: RESULTS, signal });
        // A damaged record from the adapter is left out rather than breaking the list.
        const contacts = (page?.items ?? []).flatMap((item) => {
          try {
            return [checkContact(item)];
          } catch {
            return [];
          }
        });
        // Names come as they are read: a slow or stalled one keeps no result from showing.
        for (const contact of contacts) this.#relationName(contact.relationId);
        return { items: contacts, more: Boolean(page?.next) };
      },
      key: (contact) => contact.id,
      option: (contact) => html`<span class="result-name">${fullName(contact) || contact.id}</span>
        ${contact.archived ? html`<span part="badge">${host.t('archivedBadge')}</span>` : nothing}
        <span class="result-meta">${[contact.jobTitle, this.#names.get(contact.relationId), contact.email].filter(Boolean).join(' · ')}</span>`,
      choose: (contact) => void this.#open(contact),
    });
    void this.list.search();
  }

  get heading(): string {
    return this.host.t('searchTitle');
  }

  /** Relation names, read once per relation while results come in; one that could not be read is read again by the next search. */
  #relationName(id: string): void {
    if (this.#relations.has(id)) return;
    this.#relations.add(id);
    void this.host.adapter.relations.get(id).then(
      (relation) => {
        this.#names = new Map(this.#names).set(id, relation.name);
        this.host.update();
      },
      () => this.#relations.delete(id),
    );
  }

  /** Unsaved edits are asked about over the results: the user who stays comes back to them (a Save that fails closes the dialog, for the card to say why). */
  async #open(contact: Contact): Promise<void> {
    if (await this.host.openContact(contact.id, new LiftContactOpenEvent(contact.id, 'search'))) this.host.close();
  }

  protected renderBody() {
    const t = this.host.t.bind(this.host);
    return html`<div class="panel-body">
      ${this.list.render()}
      ${this.host.adapter.session.can('see-archived')
        ? html`<label class="toggle">
            <input
              type="checkbox"
              .checked=${this.includeArchived}
              @change=${(event: Event) => {
                this.includeArchived = (event.target as HTMLInputElement).checked;
                void this.list.search();
              }}
            />${t('showArchived')}
          </label>`
        : nothing}
      <div class="actions"><button type="button" @click=${() => this.host.close()}>${t('close')}</button></div>
    </div>`;
  }

  protected override dispose(): void {
    this.list.dispose();
  }
}

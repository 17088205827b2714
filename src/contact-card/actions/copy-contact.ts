import { ActionDialog } from './action-dialog.js';
import { css, html, nothing } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { live } from 'lit/directives/live.js';
import type { Contact, ContactDetails, Relation } from '../../data/contract/model.js';
import { fullName } from '../../data/contract/text.js';
import { CONTACT_LIMITS, validateContactField } from '../../data/contract/validation.js';
import { LiftContactCopiedEvent, LiftContactOpenEvent } from '../../events.js';
import { PanelWrite, uniqueId } from './panel.js';
import { SearchList, searchListStyles } from './search-list.js';

/**
 * The details a copy usually needs anew at another relation: its e-mail address and phone. The
 * e-mail field is text with an e-mail keyboard: `type="email"` gives a domain in another script
 * back in its ASCII form (Chromium: `xn--…`), which would be copied; addresses are checked here.
 */
const FRESH_FIELDS = ['email', 'phone'] as const;
type FreshField = (typeof FRESH_FIELDS)[number];

/**
 * Copy: the contact moves on to another relation. The personal details are copied into a
 * new contact there (the history stays with the original), the original can be archived in the
 * same write, both overviews record the copy, and the new contact can be opened at once.
 */
export class LiftCardCopyDialog extends ActionDialog {
  static readonly tag = 'lift-card-copy-dialog';
  static override readonly dialogStyles = [
    searchListStyles,
    css`
      .fresh {
        display: grid;
        gap: 0.25rem;
        margin: 0;
        border: 1px solid var(--lift-color-border, #c5ccd6);
        border-radius: var(--lift-radius, 0.375rem);
      }
      .fresh label {
        font-weight: 600;
      }
      .fresh [part='error'] {
        margin: 0;
      }
    `,
  ];

  override readonly initialFocus = '.search-input';
  target: Relation | undefined;
  archiveOriginal = false;
  copy: Contact | undefined;
  list!: SearchList<Relation>;
  readonly write = new PanelWrite(this.host, 'copy');
  /**
   * The copy's e-mail and phone as the user typed them. One not typed in shows the original's as
   * the card has it now (a colleague's change heard while the dialog is open shows there too).
   */
  fresh: Partial<Record<FreshField, string>> = {};
  tried = false;
  readonly #id = uniqueId('copy');

  protected override opened(): void {
    const host = this.host;
    this.list = new SearchList<Relation>(host, {
      label: () => host.t('copySearchLabel'),
      hint: () => host.t('copySearchHint'),
      // The contact's own relation is no place to copy it to.
      fetch: async (text, signal) => {
        const page = await host.adapter.relations.list({ text, limit: 21, signal });
        const others = page.items.filter((r) => r.id !== host.record.relationId);
        return { items: others.slice(0, 20), more: others.length > 20 || Boolean(page.next) };
      },
      key: (relation) => relation.id,
      option: (relation) =>
        html`<span class="result-name">${relation.name}</span> <span class="result-meta">${host.t(`kind.${relation.kind}`)}</span>`,
      choose: (relation) => {
        // The copy on its way goes where it was sent.
        if (this.write.saving) return;
        this.target = relation;
        // A failed copy's words were about the relation chosen before.
        this.write.error = undefined;
        host.update();
        host.announce(host.t('copyTarget', { relation: relation.name }));
      },
    });
    void this.list.search();
  }

  get heading(): string {
    return this.host.t('copyTitle');
  }

  /** The e-mail or phone the copy gets: as typed, else the original's. */
  #value(field: FreshField): string {
    return this.fresh[field] ?? this.host.record[field] ?? '';
  }

  /** What is wrong with the typed e-mail or phone, in words; checked as a save checks them. */
  #problem(field: FreshField): string | undefined {
    const value = this.#value(field);
    const code = validateContactField(field, value);
    return code && this.host.t(`invalid.${code}`, { max: CONTACT_LIMITS[field], count: value.length });
  }

  async #submit(): Promise<void> {
    const target = this.target;
    if (!target) return;
    this.tried = true;
    const wrong = FRESH_FIELDS.find((field) => this.#problem(field));
    if (wrong) {
      // Focus reaches a field already marked wrong with its words, so both are said with it.
      this.host.update();
      await this.host.updated;
      this.host.query(`#${this.#id}-${wrong}`)?.focus();
      return;
    }
    await this.write.run(async () => {
      const record = this.host.record;
      // Only what the user typed is sent: the rest is copied from the original as stored.
      const details: Partial<ContactDetails> = {};
      for (const field of FRESH_FIELDS) if (this.#value(field) !== (record[field] ?? '')) details[field] = this.#value(field);
      const input = {
        relationId: target.id,
        archiveOriginal: this.archiveOriginal,
        expectedVersion: record.version,
        ...(Object.keys(details).length ? { details } : {}),
      };
      const adapter = this.host.adapter;
      // The same copy is the same request whatever version the card has read since (a copy that
      // landed archived the original, which the card may have heard of before the user retries).
      const { expectedVersion: _version, ...same } = input;
      const { copy, original } = await this.write.create.send(adapter, [record.id, same], () => adapter.contacts.copy(record.id, input));
      this.copy = copy;
      this.host.dispatch(new LiftContactCopiedEvent(original, copy, this.archiveOriginal));
      this.host.announce(this.host.t('copied', { relation: target.name }));
      requestAnimationFrame(() => this.host.query<HTMLButtonElement>('.open-copy')?.focus());
    });
  }

  async #openCopy(): Promise<void> {
    const copy = this.copy;
    if (!copy) return;
    // In the card's selection the copy takes the original's place, so previous / next go on from
    // it. Unsaved edits are asked about over this dialog, which stays for one who stays.
    if (await this.host.openContact(copy.id, new LiftContactOpenEvent(copy.id, 'copy'), this.contact.id)) this.host.close();
  }

  override get busy(): boolean {
    return this.write.saving;
  }

  protected renderBody() {
    const t = this.host.t.bind(this.host);
    if (this.copy) {
      return html`<div class="panel-body">
        <p>${t('copied', { relation: this.target?.name ?? '' })}</p>
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
      <p class="chosen">${this.target ? t('copyTarget', { relation: this.target.name }) : t('copyChoose')}</p>
      <fieldset class="fresh">
        <legend>${t('copyDetails')}</legend>
        ${FRESH_FIELDS.map((field) => this.#field(field))}
      </fieldset>
      ${mayArchive
        ? html`<label class="toggle">
            <input type="checkbox" ?disabled=${this.write.saving} .checked=${this.archiveOriginal} @change=${(event: Event) => (this.archiveOriginal = (event.target as HTMLInputElement).checked)} />
            ${t('copyArchive')}
          </label>`
        : nothing}
      ${this.write.renderError()}
      <div class="actions">
        <button type="button" class="primary" ?disabled=${!this.target || this.write.saving} @click=${() => void this.#submit()}>
          ${this.write.saving ? t('saving') : t('copyConfirm')}
        </button>
        <button type="button" ?disabled=${this.write.saving} @click=${() => this.host.close()}>${t('cancel')}</button>
      </div>
    </div>`;
  }

  #field(field: FreshField) {
    const id = `${this.#id}-${field}`;
    const problem = this.tried ? this.#problem(field) : undefined;
    return html`<label for=${id}>${this.host.t(`field.${field}`)}</label>
      <input
        id=${id}
        type=${field === 'email' ? 'text' : 'tel'}
        inputmode=${ifDefined(field === 'email' ? 'email' : undefined)}
        autocapitalize=${ifDefined(field === 'email' ? 'off' : undefined)}
        spellcheck=${ifDefined(field === 'email' ? 'false' : undefined)}
        autocomplete="off"
        ?readonly=${this.write.saving}
        .value=${live(this.#value(field))}
        aria-invalid=${problem ? 'true' : 'false'}
        aria-describedby=${`${id}-error`}
        @input=${(event: Event) => {
          this.fresh[field] = (event.target as HTMLInputElement).value;
          if (this.tried) this.host.update();
        }}
      />
      <p part="error" id=${`${id}-error`}>${problem ?? nothing}</p>`;
  }

  protected override dispose(): void {
    this.list.dispose();
  }
}

import { ActionDialog } from './action-dialog.js';
import { html, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import { WORK_KINDS, type WorkKind } from '../../data/contract/model.js';
import { LIMITS } from '../../data/contract/validation.js';
import { LiftWorkCreatedEvent } from '../../events.js';

import { PanelWrite, tooLong, uniqueId } from './panel.js';

/** Longest title, as the adapters enforce it. */
const TITLE_LIMIT = LIMITS.title;

/**
 * Create: a lead, request or project for this contact and its relation: kind, title and an
 * optional description. A failed create keeps what was typed and says why.
 */
export class LiftCardCreateDialog extends ActionDialog {
  static readonly tag = 'lift-card-create-dialog';

  override readonly initialFocus = '.title-input';
  workTitle = '';
  description = '';
  tried = false;
  readonly #id = uniqueId('create');
  readonly write = new PanelWrite(this.host, 'create');
  /** The kind chosen; the bar's menu item sets it before the dialog opens. */
  kind: WorkKind = 'lead';

  get heading(): string {
    return this.host.t('createTitle');
  }

  #problem(): string | undefined {
    const title = this.workTitle.trim();
    if (!title) return this.host.t('titleRequired');
    // Measured as it is sent (and as the adapter measures it): spaces around it do not count.
    return tooLong(this.host, title, TITLE_LIMIT);
  }

  /** What keeps the description from being sent: as it is sent, whole, when it holds more than spaces. */
  #descriptionProblem(): string | undefined {
    return this.description.trim() ? tooLong(this.host, this.description, LIMITS.body) : undefined;
  }

  override get busy(): boolean {
    return this.write.saving;
  }

  async #submit(): Promise<void> {
    this.tried = true;
    const work = this.host.adapter.work;
    if (this.#problem() || this.#descriptionProblem() || this.write.saving || !work) {
      this.host.update();
      await this.host.updated;
      this.host.query(this.#problem() || !this.#descriptionProblem() ? '.title-input' : '.description-input')?.focus();
      return;
    }
    await this.write.run(async () => {
      const input = {
        kind: this.kind,
        contactId: this.host.record.id,
        title: this.workTitle.trim(),
        ...(this.description.trim() ? { description: this.description } : {}),
      };
      const item = await this.write.create.send(this.host.adapter, input, () => work.create(input));
      this.host.close();
      this.host.announce(this.host.t('workCreated', { number: item.number }));
      if (this.host.dispatch(new LiftWorkCreatedEvent(item))) this.host.showWork(item);
    });
  }

  protected renderBody() {
    const t = this.host.t.bind(this.host);
    const problem = this.tried ? this.#problem() : undefined;
    const long = this.tried ? this.#descriptionProblem() : undefined;
    return html`<form
      class="panel-body"
      novalidate
      @keydown=${(event: KeyboardEvent) => {
        // The Enter that chose a kind in the bar's menu, still held, repeats in the title field
        // that opened under it: only a fresh press sends the form.
        if (event.key === 'Enter' && event.repeat) event.preventDefault();
      }}
      @submit=${(event: Event) => {
        event.preventDefault();
        void this.#submit();
      }}
    >
      <label for=${`${this.#id}-kind`}>${t('col.kind')}</label>
      <select
        id=${`${this.#id}-kind`}
        ?disabled=${this.write.saving}
        .value=${live(this.kind)}
        @change=${(event: Event) => (this.kind = (event.target as HTMLSelectElement).value as WorkKind)}
      >
        ${WORK_KINDS.map((kind) => html`<option value=${kind} .selected=${kind === this.kind}>${t(`work.${kind}`)}</option>`)}
      </select>
      <label for=${`${this.#id}-title`}>${t('col.title')} <span class="hint">${t('required')}</span></label>
      <input
        id=${`${this.#id}-title`}
        class="title-input"
        type="text"
        required
        ?readonly=${this.write.saving}
        .value=${live(this.workTitle)}
        aria-invalid=${problem ? 'true' : 'false'}
        aria-describedby=${`${this.#id}-title-error`}
        @input=${(event: Event) => {
          this.workTitle = (event.target as HTMLInputElement).value;
          if (this.tried) this.host.update();
        }}
      />
      <p part="error" id=${`${this.#id}-title-error`}>${problem ?? nothing}</p>
      <label for=${`${this.#id}-description`}>${t('description')}</label>
      <textarea
        id=${`${this.#id}-description`}
        class="description-input"
        ?readonly=${this.write.saving}
        .value=${live(this.description)}
        aria-invalid=${long ? 'true' : 'false'}
        aria-describedby=${long ? `${this.#id}-description-error` : nothing}
        @input=${(event: Event) => {
          this.description = (event.target as HTMLTextAreaElement).value;
          if (this.tried) this.host.update();
        }}
      ></textarea>
      ${long ? html`<p part="error" id=${`${this.#id}-description-error`}>${long}</p>` : nothing}
      <p class="hint">${t('createFor', { relation: this.host.relation?.name ?? t('noValue') })}</p>
      ${this.write.renderError()}
      <div class="actions">
        <button type="submit" class="primary" ?disabled=${this.write.saving}>${this.write.saving ? t('saving') : t('create')}</button>
        <button type="button" ?disabled=${this.write.saving} @click=${() => this.host.close()}>${t('cancel')}</button>
      </div>
    </form>`;
  }
}

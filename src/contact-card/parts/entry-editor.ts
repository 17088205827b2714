import { html, nothing, type ReactiveElement, type TemplateResult } from 'lit';
import type { LiftAdapter } from '../../data/contract/adapter.js';
import { isOwnRecord, type TimelineEntry } from '../../data/contract/model.js';
import { LIMITS } from '../../data/contract/validation.js';
import { errorWords } from '../../i18n/error-words.js';
import type { Ask } from '../voice.js';

// Its words travel with it: the card's first paint carries none of them.
const nl = {
  edit: 'Bewerken',
  remove: 'Verwijderen',
  save: 'Opslaan',
  cancel: 'Annuleren',
  subject: 'Onderwerp',
  body: 'Tekst',
  editing: 'Vastlegging bewerken',
  saved: 'Wijziging opgeslagen.',
  removed: 'Deze vastlegging is verwijderd.',
  confirmTitle: 'Vastlegging verwijderen?',
  confirm: '“{subject}” verdwijnt uit het contactoverzicht. Dit kan niet ongedaan worden gemaakt.',
  failed: 'Niet gelukt: {reason}',
  required: 'Vul een onderwerp of een tekst in.',
};
const en: typeof nl = {
  edit: 'Edit',
  remove: 'Delete',
  save: 'Save',
  cancel: 'Cancel',
  subject: 'Subject',
  body: 'Text',
  editing: 'Edit this entry',
  saved: 'Change saved.',
  removed: 'This entry was deleted.',
  confirmTitle: 'Delete this entry?',
  confirm: '“{subject}” leaves the contact overview. This cannot be undone.',
  failed: 'Did not work: {reason}',
  required: 'Fill in a subject or a text.',
};
type Key = keyof typeof nl;

/** What the item detail needs of the card to let the author correct or delete an entry. */
export interface EntryContext {
  host: ReactiveElement;
  adapter: LiftAdapter;
  lang: string;
  /** The contact takes no writes (archived, or the user may not edit). */
  readOnly: boolean;
  ask: Ask;
}

interface EditorState {
  /** The entry being edited (its id). */
  editing?: string;
  busy?: boolean;
  error?: string;
  /** What the adapter answered for an entry saved here: shown instead of the older copy. */
  saved?: TimelineEntry;
  removed?: string;
  /** A short confirmation after a save (of the entry saved). */
  notice?: string;
}

const states = new WeakMap<object, EditorState>();

/**
 * The author's own corrections to an entry they recorded by hand (a note, call, meeting,
 * e-mail or task): edit its subject and text in place, or delete it after a question. Others'
 * entries, generated ones, viewers and archived contacts get no buttons, and the adapter refuses
 * them too.
 */
export class EntryEditor {
  readonly #state: EditorState;
  readonly #t: (key: Key, params?: Record<string, string>) => string;

  constructor(private readonly ctx: EntryContext) {
    let state = states.get(ctx.host);
    if (!state) states.set(ctx.host, (state = {}));
    this.#state = state;
    const table = ctx.lang.startsWith('en') ? en : nl;
    this.#t = (key, params = {}) => table[key].replace(/\{(\w+)\}/g, (_, name: string) => params[name] ?? '');
  }

  /** The entry as last saved here (the card's copy may be older), or undefined once deleted. */
  shown(entry: TimelineEntry): TimelineEntry | undefined {
    const { saved, removed } = this.#state;
    if (removed === entry.id) return undefined;
    return saved?.id === entry.id ? saved : entry;
  }

  renderRemoved(): TemplateResult {
    return html`<p class="empty" role="status">${this.#t('removed')}</p>`;
  }

  /** The Edit and Delete buttons, or the form while editing; nothing for what the user may not change. */
  render(entry: TimelineEntry): TemplateResult | typeof nothing {
    const { adapter, readOnly } = this.ctx;
    if (readOnly || !isOwnRecord(entry, adapter.session.currentUser().id)) return nothing;
    const t = this.#t;
    const state = this.#state;
    const error = state.error ? html`<p part="error" role="alert">${state.error}</p>` : nothing;
    if (state.editing === entry.id) {
      return html`<form class="entry-edit panel-body" aria-label=${t('editing')} @submit=${(event: SubmitEvent) => this.#save(event, entry)} @keydown=${this.#escape}>
        <label>${t('subject')} <input name="subject" .value=${entry.subject} maxlength=${LIMITS.subject} /></label>
        <label>${t('body')} <textarea name="body" rows="4" .value=${entry.body}></textarea></label>
        ${error}
        <div class="actions">
          <button type="submit" ?disabled=${state.busy}>${t('save')}</button>
          <button type="button" @click=${() => this.#stop()}>${t('cancel')}</button>
        </div>
      </form>`;
    }
    return html`<div class="actions entry-actions">
        <button type="button" class="entry-edit-button" ?disabled=${state.busy} @click=${() => this.#start(entry)}>${t('edit')}</button>
        <button type="button" ?disabled=${state.busy} @click=${() => void this.#remove(entry)}>${t('remove')}</button>
      </div>
      ${error}${state.notice && state.saved?.id === entry.id ? html`<p role="status">${state.notice}</p>` : nothing}`;
  }

  #update(changes: Partial<EditorState>): void {
    Object.assign(this.#state, changes);
    this.ctx.host.requestUpdate();
  }

  #focus(selector: string): void {
    void this.ctx.host.updateComplete.then(() => this.ctx.host.renderRoot.querySelector<HTMLElement>(selector)?.focus());
  }

  #start(entry: TimelineEntry): void {
    this.#update({ editing: entry.id, error: undefined, notice: undefined });
    this.#focus('form.entry-edit input');
  }

  #stop(notice?: string): void {
    this.#update({ editing: undefined, busy: false, error: undefined, notice });
    this.#focus('.entry-edit-button');
  }

  #escape = (event: KeyboardEvent): void => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    event.stopPropagation();
    this.#stop();
  };

  async #save(event: SubmitEvent, entry: TimelineEntry): Promise<void> {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    const subject = String(form.get('subject') ?? '');
    const body = String(form.get('body') ?? '');
    if (!subject.trim() && !body.trim()) return this.#update({ error: this.#t('required') });
    this.#update({ busy: true, error: undefined });
    try {
      const saved = await this.ctx.adapter.timeline.update(entry.id, { subject, body });
      this.#state.saved = saved;
      this.#stop(this.#t('saved'));
    } catch (error) {
      this.#update({ busy: false, error: this.#t('failed', { reason: errorWords(error, this.ctx.lang) }) });
    }
  }

  async #remove(entry: TimelineEntry): Promise<void> {
    const t = this.#t;
    const choice = await this.ctx.ask(t('confirmTitle'), t('confirm', { subject: entry.subject || entry.body.slice(0, 60) }), [
      { id: 'cancel', label: t('cancel'), focus: true },
      { id: 'remove', label: t('remove'), primary: true },
    ]);
    if (choice !== 'remove') return;
    this.#update({ busy: true, error: undefined, notice: undefined });
    try {
      await this.ctx.adapter.timeline.remove(entry.id);
      this.#update({ busy: false, removed: entry.id });
      // The buttons went with the entry: focus stays in the detail, on its tab.
      this.#focus('[part~="detail-tabs"] [aria-selected="true"]');
    } catch (error) {
      this.#update({ busy: false, error: t('failed', { reason: errorWords(error, this.ctx.lang) }) });
    }
  }
}

import { ContextConsumer } from '@lit/context';
import { html, nothing, type PropertyValues, type TemplateResult, type PropertyDeclarations } from 'lit';
import { live } from 'lit/directives/live.js';
import { repeat } from 'lit/directives/repeat.js';
import { AdapterController } from '../context/adapter-controller.js';
import { sharedReadsContext } from '../context/shared-reads.js';
import type { DataChange, LiftAdapter, LifecycleNotice } from '../data/contract/adapter.js';
import { LiftDataError } from '../data/contract/errors.js';
import type { ChecklistItemDefinition } from '../data/contract/model.js';
import { LiftChecklistAvailabilityEvent } from '../events.js';
import { errorWords } from '../i18n/error-words.js';
import { LocalizeController } from '../i18n/localize.js';
import { formatDate } from '../i18n/dates.js';
import { LiftElement } from '../internal/lift-element.js';
import { warnOnce } from '../internal/token-list.js';
import { checklistStyles } from './checklist.styles.js';
import { modeFor } from './mode.js';
import { sharedStyles } from '../internal/shared-styles.js';
import type { ChecklistData } from './manage.js';
import { LazyModule } from '../internal/lazy-module.js';
import { focusFell, latestLoad } from '../internal/latest-load.js';
import { checklistMessages, type ChecklistMessage, type ChecklistWords } from './messages.js';
import { focusEditor, keepNote, keptNote, noteKey, openDraft, renderNoteEditor, type KeptNote } from './notes.js';
import { renderOrphanNotes } from './orphan-notes.js';
import { anyApplies, holds, mayManage, readChecklist } from './read.js';
import { focusAfterNote, itemRow, nearTickBox, rowPlace, tickBox } from './row-focus.js';
import { describeSaveError } from './save-error.js';

/**
 * Failed fetches of the management's code, counted for the page: a host that shows the
 * checklist again (a tab of its own) makes it anew, and Firefox keeps a failed import failed
 * until the page reloads, so a new one says at once that retrying did not help.
 */
const manageTally = { failures: 0 };

/**
 * A card's checklist: the items of the lookup list that apply to the card
 * type and status, grouped by category. Ticking records who and when; each item takes a note.
 * Every change is saved at once with a version check and recorded in the contact overview; a
 * failed save shows the state as it was and says why — the element never shows an unsaved tick.
 *
 * With `manage` (and the manage right) the lookup list itself is edited here: add, rename,
 * delete (its history stays), reorder, categorise and set each item's mode per status. That
 * code arrives when the section is first shown; when it cannot be fetched, the section says so
 * with a retry, and the items can still be ticked.
 *
 * @summary The per-contact checklist, with notes and lookup-list management.
 *
 * @event {LiftChecklistAvailabilityEvent} lift-checklist-availability - Whether any item applies to
 *   this card type and status (`detail.available`), so a card can hide its Checklist tab. Not cancelable.
 *
 * @csspart progress - The "4 of 7 done" summary.
 * @csspart group - A category's box.
 * @csspart item - One checklist item.
 * @csspart meta - Who ticked the item, and when.
 * @csspart note - An item's note.
 * @csspart notice - Why the list is read-only, empty or not manageable; a note left unsaved on an item no longer shown.
 * @csspart error - An error message.
 * @csspart manage - The lookup-list management section.
 *
 * @cssproperty --lift-color-accent - Colour of ticks and the progress bar.
 * @cssproperty --lift-color-danger - Colour of error messages.
 * @cssproperty --lift-color-border - Borders of groups and fields.
 * @cssproperty --lift-color-text-muted - Colour of who-and-when lines and counters.
 */
export class LiftChecklist extends LiftElement {
  static override styles = [sharedStyles, checklistStyles];

  static override properties: PropertyDeclarations = {
    contactId: { attribute: 'contact-id' },
    // Removed (or empty), it is the default again rather than a list named "null".
    cardType: { attribute: 'card-type', converter: { fromAttribute: (v: string | null) => v || 'contact' } },
    status: {},
    manage: { type: Boolean, reflect: true },
    statuses: { converter: { fromAttribute: (v: string | null) => (v ? v.split(/\s+/).filter(Boolean) : []) } },
    adapter: { attribute: false },
    onlyOpen: { state: true },
    saving: { state: true },
    errors: { state: true },
  };

  /** The contact whose checklist is shown. */
  contactId: string | undefined;

  /** The card type whose lookup list applies. */
  // Written out rather than `CARD_TYPE`: the elements' manifest, which hosts and Storybook
  // read, shows the default as it is written here.
  cardType = 'contact';

  /** The card's status, when its type has statuses: picks each item's mode shown. The built-in adapters ignore it and enforce the stored contact's mode: leave it unset with them. */
  status: string | undefined;

  /** Show the lookup-list management (needs the manage right; otherwise ignored with a notice). */
  manage = false;

  /** Statuses of this card type offered when setting modes per status (space-separated). */
  statuses: string[] = [];

  /** Overrides the adapter from the nearest `<lift-data-provider>` (or the IndexedDB default). */
  adapter: LiftAdapter | undefined;

  private onlyOpen = false;
  /** Saves on their way, by contact and item (`contact\nitem`): the same item of the next contact waits for none. */
  private saving = new Set<string>();
  /** Saves whose own change the feed told of while they were on their way (as `saving`): stored, perhaps, whatever their answer says. */
  #told = new Set<string>();
  /**
   * Why an item's last change failed, by the adapter's data, user, contact and item (as notes are
   * kept): put into words at each render, in the language of the moment. A save that fails after
   * the list moved to another contact is said when that contact shows again, to that user only.
   */
  private errors = new Map<string, () => string>();

  readonly #i18n = new LocalizeController<ChecklistWords, ChecklistMessage>(this, checklistMessages);
  readonly #adapter = new AdapterController(this, (change) => this.#onChange(change), () => this.#loadedFor[1]);
  #lastAvailable: boolean | undefined;

  /** Inside a card: what the card already read of this contact is not asked for again. */
  readonly #shared = new ContextConsumer(this, { context: sharedReadsContext });
  /** The next load follows a change: read past what the card shares. */
  #fresh = false;

  /** What the list shows: the last load's data (kept while the same list is read again), and how the newest load went. */
  #value: ChecklistData | undefined;
  #failure: { error: unknown } | undefined;
  /** The newest load, which a newer one aborts: a late answer for another contact is dropped. */
  #load: AbortController | undefined;
  #loading: Promise<void> = Promise.resolve();
  #loadedFor: unknown[] = [];
  /** Behind the data: taken out of the page since the last load (the change feed was not heard meanwhile), or a change from elsewhere on the page heard while saves of its own were on the way. */
  #behind = false;

  /** The loaded data, and a reload after a write, for the management section: it waits for the newest read, as a change heard meanwhile aborts its own. */
  readonly #data = { current: (): ChecklistData | undefined => this.#value, run: (): Promise<void> => this.#reload().then(() => latestLoad(() => this.#loading)) };

  /** Reads the list again: the definitions, this contact's states and the contact (`fresh`: past what a card shares). */
  #reload(fresh = false): Promise<void> {
    this.#fresh ||= fresh;
    this.#load?.abort();
    const load = (this.#load = new AbortController());
    this.#failure = undefined;
    this.requestUpdate();
    const settle = (value: ChecklistData | undefined, failure?: { error: unknown }) => {
      if (load.signal.aborted) return;
      this.#load = undefined;
      // After a failure nothing is shown as ticked: a retry starts from "loading", not from a list whose versions a save would use.
      this.#value = value;
      this.#failure = failure;
      this.requestUpdate();
      // Focus lost on the way comes back, unless the user went elsewhere: to a row moved by the new order (keyed: the same controls), or, gone with the list (a read failed), to the heading.
      const focused = this.shadowRoot?.activeElement;
      void this.updateComplete.then(() => focused instanceof HTMLElement && focusFell(this.shadowRoot) && (focused.isConnected ? focused : failure ? this.renderRoot.querySelector<HTMLElement>('#heading') : null)?.focus());
    };
    return (this.#loading = this.#read(this.#adapter.value, load.signal).then(settle, (error: unknown) => settle(undefined, { error })));
  }

  #read(adapter: LiftAdapter, signal: AbortSignal): Promise<ChecklistData> {
    const fresh = this.#fresh;
    this.#fresh = false;
    return readChecklist(adapter, { contactId: this.contactId, cardType: this.cardType, shared: this.#shared.value?.(), fresh }, signal);
  }

  /**
   * The lookup list's management, shown with `manage` to those with the right: its code arrives
   * when it is first shown, so a checklist that only ticks items does not fetch it.
   */
  readonly #manager = new LazyModule(this, async () => {
    // Its words come with its code (in the reader's language: English loads first).
    const { ChecklistManager, manageMessages } = await import('./manage.js');
    await this.#i18n.extend(manageMessages);
    return new ChecklistManager(this, this.#i18n, this.#data, (error) => describeSaveError(this.#i18n, error));
  }, manageTally);

  /** Whether any item applies to this card type and status; `undefined` until loaded. */
  get available(): boolean | undefined {
    return anyApplies(this.#value, this.status);
  }

  /** Waits for the data to load (for hosts and tests); also resolves, without data, when the element leaves the page while it loads. */
  get loaded(): Promise<unknown> {
    // The first render (which starts the first load) may still wait for the language's strings; with the management shown, for its code too.
    return this.updateComplete
      .then(() => latestLoad(() => this.#loading))
      .then(async () => {
        await this.updateComplete;
        if (!this.manage || !mayManage(this.#value)) return;
        await this.#manager.settled;
        await this.updateComplete;
      })
      .catch(() => undefined);
  }

  /**
   * Reads the list again, past what a card shares, for news its change feed did not bring (a
   * dropped connection, another backend): ticks, notes and items changed elsewhere show. The
   * list stays on screen while it is read, with focus, "Open items only" and notes being written.
   * Resolves once the list shows what it read.
   */
  async refresh(): Promise<void> {
    await this.updateComplete; // the render pending reads another contact's or card type's list afresh
    await this.#reload(true);
    await this.loaded; // and a newer read begun meanwhile (a save's, a change's)
  }

  #onChange(change: DataChange | LifecycleNotice): void {
    if (!('resource' in change)) return;
    const concernsUs = !change.contactId || change.contactId === this.contactId;
    if (change.resource === 'checklist-definition' || (change.resource === 'checklist' && concernsUs) || (change.resource === 'contact' && change.ids.includes(this.contactId ?? ''))) {
      // Our own saves already show; refresh for everything else (other cards, tabs, managers): one made on this page while ours are on the way once they answered.
      const ours = change.resource === 'checklist' && change.ids.length > 0 && change.ids.every((id) => this.saving.has(`${change.contactId}\n${id}`));
      if (change.origin === 'remote' || !this.saving.size) void this.#reload(true);
      else if (!ours) this.#behind = true;
      else for (const id of change.ids) this.#told.add(`${change.contactId}\n${id}`);
    }
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    const available = this.available;
    if (available !== undefined && available !== this.#lastAvailable) {
      this.#lastAvailable = available;
      /** @ignore documented on the class */
      this.dispatchEvent(new LiftChecklistAvailabilityEvent(available));
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#load?.abort();
    this.#behind = true;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const key = [this.#adapter.value, this.#adapter.value.session.currentUser().id, this.contactId, this.cardType];
    const other = key.some((part, i) => part !== this.#loadedFor[i]);
    // Back in the page (an update out of it does not count), once the saves of its own have answered: their new versions must not be read over by an older answer.
    const back = this.#behind && this.isConnected && !this.saving.size;
    if (other) {
      this.#loadedFor = key;
      // Another contact's, list's or user's ticks (their copy on the device) never show while this one loads.
      this.#value = undefined;
      void this.#reload();
    } else if (back) {
      // The same list, read again past what a card shares, and shown until then.
      void this.#reload(true);
    }
    if ((other || back) && this.isConnected) this.#behind = false;
    if (changed.has('manage') && this.manage && this.#value && !mayManage(this.#value)) {
      warnOnce(`lift-checklist|manage|${this.#value.adapter.session.currentUser().id}`, () =>
        console.warn('<lift-checklist>: the manage attribute is ignored: the current user lacks the checklist-manage right.'),
      );
    }
  }

  /** Try again (the list, or the management's code): its button goes with the failure, so focus that fell to the page goes to the heading. */
  async #retry(again: () => Promise<void>, heading: string): Promise<void> {
    await again();
    await this.updateComplete;
    if (focusFell(this.shadowRoot)) this.renderRoot.querySelector<HTMLElement>(heading)?.focus();
  }

  protected override render() {
    const t = this.#i18n.t.bind(this.#i18n);
    return html`<section aria-labelledby="heading" aria-busy=${this.#load ? 'true' : 'false'}>
      ${this.#value && !this.#failure
        ? this.#renderList(this.#value)
        : // One heading for the load error and "loading": focus on it stays there while the list is read again.
          html`<h2 id="heading" tabindex="-1">${t('heading')}</h2>
            ${this.#failure
              ? html`<p part="notice error" role="alert">${t('loadError', { reason: errorWords(this.#failure.error, this.#i18n.lang) })}</p>
                  <button type="button" @click=${() => this.#retry(() => this.#reload(), '#heading')}>${t('retry')}</button>`
              : html`<p role="status">${t('loading')}</p>`}`}
      ${this.#i18n.failure('languageUnloaded', 'manageStillUnloaded', 'retry')}
    </section>`;
  }

  #renderList(data: ChecklistData): TemplateResult {
    const t = this.#i18n.t.bind(this.#i18n);
    const visible = data.definitions.filter((d) => modeFor(d, this.status, Boolean(data.contact?.archived)) !== 'hidden');
    const done = visible.filter((d) => data.states.get(d.id)?.done).length;
    const archived = Boolean(data.contact?.archived);
    const mayEdit = data.adapter.session.can('checklist-edit');
    const manage = this.manage && mayManage(this.#value);
    const editable = (item: ChecklistItemDefinition) => Boolean(this.contactId) && !archived && mayEdit && modeFor(item, this.status, archived) === 'editable';
    // A done item whose note is being written stays, with its editor, the text typed and focus in it: ticked here or elsewhere.
    const shown = this.onlyOpen ? visible.filter((d) => !data.states.get(d.id)?.done || openDraft(this.#note(d.id), editable(d)) !== undefined) : visible;
    const groups = new Map<string, ChecklistItemDefinition[]>();
    for (const item of shown) {
      const category = item.category || t('uncategorized');
      groups.set(category, [...(groups.get(category) ?? []), item]);
    }
    return html`<header>
        <h2 id="heading" tabindex="-1">${t('heading')}</h2>
        ${visible.length
          ? html`<p part="progress" role="status">${t('progress', { done, total: visible.length })}</p>
              <progress max=${visible.length} .value=${done} aria-hidden="true"></progress>
              <label><input type="checkbox" .checked=${this.onlyOpen} @change=${(e: Event) => (this.onlyOpen = (e.target as HTMLInputElement).checked)} />${t('onlyOpen')}</label>`
          : nothing}
      </header>
      ${!this.contactId ? html`<p part="notice">${t('noContact')}</p>` : nothing}
      ${archived ? html`<p part="notice">${t('archived')}</p>` : !mayEdit && visible.length ? html`<p part="notice">${t('noRights')}</p>` : nothing}
      ${this.manage && !manage ? html`<p part="notice">${t('manageIgnored')}</p>` : nothing}
      ${!visible.length ? html`<p part="notice">${t('empty')}</p>` : !shown.length ? html`<p part="notice">${t('allDone')}</p>` : nothing}
      ${renderOrphanNotes(t, data.adapter, this.contactId, data.definitions, visible, (id) => this.#retry(async () => this.#cancelNote(id), '#heading'))}
      ${repeat(
        groups,
        ([category]) => category,
        // Keyed, so a row stays with its item (and focus with it) when one before it leaves or comes.
        ([category, items]) => html`<fieldset part="group">
          <legend>${category}</legend>
          <ul>
            ${repeat(items, (item) => item.id, (item) => this.#renderItem(data, item, editable(item)))}
          </ul>
        </fieldset>`,
      )}
      ${manage ? this.#renderManage(data) : nothing}`;
  }

  /** The management section once its code is here; until then that it loads, or that it did not, with a retry. */
  #renderManage(data: ChecklistData): TemplateResult {
    const t = this.#i18n.t.bind(this.#i18n);
    const manager = this.#manager.get();
    if (manager) return manager.render(data);
    const failed = this.#manager.failed;
    return html`<section part="manage" aria-labelledby="manage-heading" aria-busy=${failed ? 'false' : 'true'}>
      <h2 id="manage-heading" tabindex="-1">${t('manage')}</h2>
      ${failed
        ? html`<p part="notice error" role="alert">${t('manageUnloaded')} ${this.#manager.failures > 1 ? t('manageStillUnloaded') : nothing}</p>
            <button type="button" @click=${() => this.#retry(() => (this.#manager.retry(), this.#manager.settled), '#manage-heading')}>${t('retry')}</button>`
        : html`<p role="status">${t('manageLoading')}</p>`}
    </section>`;
  }

  #renderItem(data: ChecklistData, item: ChecklistItemDefinition, editable: boolean): TemplateResult {
    const t = this.#i18n.t.bind(this.#i18n);
    const state = data.states.get(item.id);
    const saving = this.saving.has(`${this.contactId}\n${item.id}`);
    const error = this.errors.get(this.#errorKey(item.id));
    const draft = openDraft(this.#note(item.id), editable);
    const when = formatDate(this.#i18n.locale, state?.doneAt, true);
    return html`<li part="item" data-item-id=${item.id} aria-busy=${saving ? 'true' : 'false'}>
      <div class="line">
        <label class="tick">
          <input
            type="checkbox"
            .checked=${live(Boolean(state?.done))}
            ?disabled=${!editable || saving}
            aria-describedby=${error ? `error-${item.id}` : nothing}
            @change=${(event: Event) => this.#tick(item, event.target as HTMLInputElement)}
          />
          <span>${item.text}</span>
        </label>
        ${state?.done && state.doneBy ? html`<span part="meta">${t('doneBy', { name: state.doneBy, date: when })}</span>` : nothing}
        ${saving ? html`<span part="meta" role="status">${t('saving')}</span>` : nothing}
        ${editable && draft === undefined
          ? html`<button type="button" @click=${() => this.#openNote(item.id, state?.note ?? '')}>
              ${state?.note ? t('editNote') : t('addNote')}<span class="visually-hidden"> ${t('about', { item: item.text })}</span>
            </button>`
          : nothing}
      </div>
      ${state?.note && draft === undefined ? html`<p part="note"><span class="visually-hidden">${t('note')}: </span>${state.note}</p>` : nothing}
      ${draft !== undefined
        ? renderNoteEditor(this.#i18n.t.bind(this.#i18n), item, draft, saving, editable, {
            edit: (value) => this.#editNote(item.id, value),
            save: () => this.#saveNote(item),
            cancel: () => this.#cancelNote(item.id),
            close: () => this.#closeNote(item.id, editable),
          })
        : nothing}
      ${error ? html`<p part="error" id=${`error-${item.id}`} role="alert">${error()}</p>` : nothing}
    </li>`;
  }

  /**
   * The note being written on `itemId`, kept for the page with the stored note it started from
   * (or the newer one the user was last shown), so it outlives this element and a note changed
   * by someone else meanwhile is shown before it can be saved over.
   */
  #note(itemId: string): KeptNote | undefined {
    return keptNote(this.#adapter.value, this.contactId, itemId);
  }

  #keepNote(itemId: string, note?: KeptNote, contactId = this.contactId, key?: string): void {
    keepNote(this.#adapter.value, contactId, itemId, note, key);
    this.requestUpdate();
  }

  /** Opens the editor: with the note set aside with Escape, or else the stored one. */
  #openNote(itemId: string, note: string): void {
    const kept = this.#note(itemId);
    this.#keepNote(itemId, kept ? { text: kept.text, from: kept.from } : { text: note, from: note });
    void this.updateComplete.then(() => itemRow(this.renderRoot, itemId)?.querySelector('textarea')?.focus());
  }

  #editNote(itemId: string, value: string): void {
    this.#keepNote(itemId, { text: value, from: this.#note(itemId)?.from ?? '' });
  }

  /** Closes the editor of `contactId` (the one shown by default) and `key`'s user, with what was said of its note; shown, focus goes back to the button that opened it (unless `focus` is false: then only when it fell with the row). */
  #cancelNote(itemId: string, contactId = this.contactId, key = noteKey(this.#adapter.value, contactId, itemId), focus = true): void {
    this.errors = new Map([...this.errors].filter(([said]) => said !== key));
    this.#keepNote(itemId, undefined, contactId, key);
    if (contactId === this.contactId) this.#focusNoteButton(itemId, focus);
  }

  /** Escape: closes the editor; what was typed is set aside, not lost, and shows when it opens again. Not where the item cannot be edited: no button would open it, so it stays open, the text in view. */
  #closeNote(itemId: string, editable: boolean): void {
    const note = this.#note(itemId);
    if (!note || note.text === note.from) return this.#cancelNote(itemId);
    if (!editable) return;
    this.#keepNote(itemId, { ...note, aside: true });
    this.#focusNoteButton(itemId);
  }

  /** Focus once the editor closed (`always`, or when it fell with its row as the row left): on the note's button, or where the row leaves it (`focusAfterNote`). */
  #focusNoteButton(itemId: string, always = true): void {
    const place = rowPlace(this.renderRoot, itemId);
    const inRow = Boolean(itemRow(this.renderRoot, itemId)?.contains(this.shadowRoot?.activeElement ?? null));
    void this.updateComplete.then(() => (always || (inRow && focusFell(this.shadowRoot))) && focusAfterNote(this.renderRoot, itemId, place));
  }

  #errorKey(itemId: string): string {
    return noteKey(this.#adapter.value, this.contactId, itemId);
  }

  async #tick(item: ChecklistItemDefinition, input: HTMLInputElement): Promise<void> {
    const wanted = input.checked;
    const hadFocus = this.shadowRoot?.activeElement === input;
    // Show the saved state until the adapter confirms the new one.
    input.checked = !wanted;
    const place = rowPlace(this.renderRoot, item.id);
    await this.#save(item, { done: wanted });
    // The box was disabled while saving, which takes focus away: give it back. With only open
    // items shown, a ticked item leaves the list: focus goes to the nearest item that can be
    // ticked, the one now in its place first, then those before it; else to the filter. Not
    // once the user has gone elsewhere meanwhile: only focus that fell to the page comes back.
    await this.updateComplete;
    if (hadFocus && focusFell(this.shadowRoot, input)) (tickBox(itemRow(this.renderRoot, item.id)) ?? nearTickBox(this.renderRoot, place))?.focus();
  }

  async #saveNote(item: ChecklistItemDefinition): Promise<void> {
    const note = this.#note(item.id);
    if (!note) return;
    const stored = this.#value?.states.get(item.id)?.note ?? '';
    if (note.from !== stored) {
      // Someone else wrote the note while this one was open (its text is hidden under the
      // editor): show theirs and keep this one; saving again replaces theirs knowingly.
      this.#keepNote(item.id, { text: note.text, from: stored });
      this.errors = new Map(this.errors).set(this.#errorKey(item.id), () => this.#i18n.t(stored ? 'noteChanged' : 'noteRemoved', { note: stored }));
      return;
    }
    // The contact or the user may change while the note is saved: the editor of the one who
    // saved it closes all the same, and another user's note on the item stays.
    const { contactId } = this;
    const key = noteKey(this.#adapter.value, contactId, item.id);
    const inEditor = () => Boolean(itemRow(this.renderRoot, item.id)?.querySelector('.note-editor')?.contains(this.shadowRoot?.activeElement ?? null));
    const hadFocus = inEditor();
    // Save was disabled while saving, which takes focus away: it goes to the note's button once saved (from the page or the editor), back in the editor once failed (from the page), never from where the user went meanwhile.
    if (await this.#save(item, { note: note.text })) this.#cancelNote(item.id, contactId, key, focusFell(this.shadowRoot) || inEditor());
    else if (hadFocus) void this.updateComplete.then(() => this.contactId === contactId && focusFell(this.shadowRoot) && focusEditor(itemRow(this.renderRoot, item.id)));
  }

  /** Saves one change; on failure keeps what was saved on screen and says why. */
  async #save(item: ChecklistItemDefinition, change: { done?: boolean; note?: string }): Promise<boolean> {
    const data = this.#value;
    const { contactId } = this;
    if (!data?.adapter.checklists || !contactId) return false;
    const { session } = data.adapter;
    const user = session.currentUser().id;
    // Its answer is for this contact and user: another shown by then hears nothing of it.
    const here = () => this.contactId === contactId && session.currentUser().id === user;
    const mark = `${contactId}\n${item.id}`;
    const said = noteKey(data.adapter, contactId, item.id);
    this.saving = new Set(this.saving).add(mark);
    this.errors = new Map([...this.errors].filter(([key]) => key !== said));
    try {
      const version = data.states.get(item.id)?.version ?? 0;
      const saved = await data.adapter.checklists.setState(contactId, item.id, version, { ...change, ...(this.status ? { status: this.status } : {}) });
      data.states.set(item.id, saved);
      // Read again meanwhile (another contact and back), or a read still out (a change heard before this save): either may be from before it was stored, so read again now.
      if ((this.#value !== data || this.#load) && here()) void this.#reload(true);
      return true;
    } catch (error) {
      // Its answer lost after the feed told of it (the connection dropped on the way back): it may be stored all the same. Asked again (a failed read leaves the list as it was): nothing failed if it holds what was asked.
      const stored = this.#told.has(mark) && here() ? (await data.adapter.checklists.states(contactId).catch(() => []))?.find((s) => s.itemId === item.id) : undefined;
      if (stored && here() && holds(stored, change)) return (data.states.set(item.id, stored), true);
      // Stored since it was read: a read shared with the card may be as old, so ask the adapter. The item stays saving until it shows (a failed read too), and the message with it: a retry goes at the version read.
      const conflict = here() && LiftDataError.is(error, 'conflict');
      if (conflict) await this.#reload(true).then(() => latestLoad(() => this.#loading));
      this.errors = new Map(this.errors).set(said, () => describeSaveError(this.#i18n, error));
      // Refused for what may have changed elsewhere unheard (the contact archived, the item's mode, the rights): show it.
      if (!conflict && here() && LiftDataError.is(error) && ['validation', 'permission', 'not-found'].includes(error.code)) void this.#reload(true);
      return false;
    } finally {
      this.saving = new Set([...this.saving].filter((m) => m !== mark));
      this.#told.delete(mark);
    }
  }
}

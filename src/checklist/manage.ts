import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { repeat } from 'lit/directives/repeat.js';
import type { LiftAdapter } from '../data/contract/adapter.js';
import { CHECKLIST_MODES, type ChecklistItemDefinition, type ChecklistMode, type ChecklistState, type Contact } from '../data/contract/model.js';
import { LIMITS } from '../data/contract/validation.js';
import type { LocalizeController } from '../i18n/localize.js';
import { focusFell } from '../internal/latest-load.js';
import { ModalController } from '../internal/modal.js';
import type { ChecklistMessage, ChecklistWords } from './messages.js';

export { manageMessages } from './messages-manage.js';

/** What a checklist shows: the lookup list of its card type and, on a contact, its states. */
export interface ChecklistData {
  adapter: LiftAdapter;
  contact: Contact | undefined;
  definitions: ChecklistItemDefinition[];
  states: Map<string, ChecklistState>;
}

/** The element that shows the management section. */
export interface ManageHost extends ReactiveControllerHost {
  readonly renderRoot: HTMLElement | DocumentFragment;
  readonly cardType: string;
  readonly status: string | undefined;
  readonly statuses: string[];
}

/** The host's loaded data: what it shows now, and a reload after each write. */
interface Reloadable {
  current(): ChecklistData | undefined;
  run(): Promise<unknown>;
}

let dialogCounter = 0;
/** One field of one lookup-list item (its name, category, mode, or the status whose mode it is). */
const fieldKey = (item: ChecklistItemDefinition, field: string) => `${item.id}\n${field}`;
/**
 * The add form's key among the refused fields (no item has it yet), with the card type of its
 * list: said so, an add without a text; followed by the add's text, that add's refusal, each add's its own.
 */
const ADDING = '\nadd';
const addKey = (cardType: string | undefined) => `${ADDING}\n${cardType}`;
/** Whether refused field `key` is the add form's of the list of `cardType`. */
const addOf = (cardType: string | undefined, key: string) => key === addKey(cardType) || key.startsWith(`${addKey(cardType)}\n`);
/** An item's delete and move among its refused changes: no status (a word) is named so. */
const REMOVING = '\nremove';
const MOVING = '\nmove';
/** Who changes the lookup list: the adapter, and the user signed in to it. */
interface Owner {
  adapter: LiftAdapter;
  user: string;
}
const ownerOf = (data: ChecklistData): Owner => ({ adapter: data.adapter, user: data.adapter.session.currentUser().id });
/** Whether `data` is of `owner`'s adapter, and `owner` is still the user signed in to it. */
const owns = (owner: Owner | undefined, data: ChecklistData | undefined): data is ChecklistData => Boolean(data && owner?.adapter === data.adapter && ownerOf(data).user === owner.user);
/** How long a moved item's place stays in the live region: long enough to be said. */
const SAID_MS = 5000;

/** What is in the add form's fields. */
interface AddDraft {
  text: string;
  category: string;
  mode: ChecklistMode;
}
const EMPTY_DRAFT: AddDraft = { text: '', category: '', mode: 'editable' };
const readDraft = (form: HTMLFormElement): AddDraft => {
  const fields = new FormData(form);
  return { text: String(fields.get('text') ?? ''), category: String(fields.get('category') ?? ''), mode: String(fields.get('mode') ?? 'editable') as ChecklistMode };
};

/**
 * The management of a checklist's lookup list: add, rename, delete (its history stays),
 * reorder, categorise and set each item's mode per status. Writes run one after another and
 * each reloads the list; a failure is shown in the section, never lost.
 */
export class ChecklistManager implements ReactiveController {
  readonly #host: ManageHost;
  readonly #i18n: LocalizeController<ChecklistWords, ChecklistMessage>;
  readonly #data: Reloadable;
  readonly #describe: (error: unknown) => string;
  readonly #dialogId = `lift-checklist-dialog-${++dialogCounter}`;
  #queue: Promise<unknown> = Promise.resolve();
  /**
   * The list as last shown: a write whose turn comes while the list is not loaded (its read
   * after the write before failed, or another contact's is read) is made on it, not dropped.
   */
  #last: ChecklistData | undefined;
  /** Whose the changes typed, refused and on their way are: another user (or adapter) is shown none of them. */
  #owner: Owner | undefined;
  /**
   * Each change refused (by item id and field, or its delete or move): the field keeps the typed
   * value and is marked, and its words (put into words at each render, in the language of the
   * moment) stay until that change saves, whatever else is written meanwhile.
   */
  readonly #unsaved = new Map<string, () => string>();
  /** What was typed into a refused name or category (by item id and field): shown over the stored value, which a reload would put back, until that field saves. */
  readonly #typed = new Map<string, string>();
  /** Each field's last change (by item id and field), sent once more by Try again or Enter when refused (a value left as it was fires no change); and its write on its way (until answered: not while the list is read again after a refusal), not made twice. */
  readonly #resend = new Map<string, () => Promise<boolean>>();
  readonly #sending = new Map<string, Promise<boolean>>();
  /** What is typed in the add form, by card type: the form is made anew when the list shows "loading" or its load error (a failed read, another contact), and shows this again. */
  readonly #drafts = new Map<string, AddDraft>();
  /** The card type the add form shown is for. */
  #formFor: string | undefined;
  #removal: ChecklistItemDefinition | undefined;
  readonly #modal: ModalController;
  /**
   * Where the last moved item went, said by a live region: the row's buttons keep focus, so
   * nothing else would. Emptied after a moment, so no stale sentence stays to be read later.
   */
  #moved = '';
  #movedTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(host: ManageHost, i18n: LocalizeController<ChecklistWords, ChecklistMessage>, data: Reloadable, describe: (error: unknown) => string) {
    this.#host = host;
    this.#i18n = i18n;
    this.#data = data;
    this.#describe = describe;
    host.addController(this);
    this.#modal = new ModalController(
      host,
      () => host.renderRoot.querySelector<HTMLDialogElement>(`#${this.#dialogId}`),
      () => Boolean(this.#removal),
      // Escape closes without a button: the last answer's returnValue must not read as this one.
      (dialog) => (dialog.returnValue = ''),
    );
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    clearTimeout(this.#movedTimer);
    this.#moved = '';
  }

  get #pendingRemoval(): ChecklistItemDefinition | undefined {
    return this.#removal;
  }

  set #pendingRemoval(item: ChecklistItemDefinition | undefined) {
    this.#removal = item;
    this.#host.requestUpdate();
  }

  render(data: ChecklistData): TemplateResult {
    const t = this.#i18n.t.bind(this.#i18n);
    const statuses = [...new Set([...this.#host.statuses, ...(this.#host.status ? [this.#host.status] : [])])];
    // Selected as a property: what shows after the user's choice (an attribute would not).
    const modeOptions = (selected: string | undefined, withDefault: boolean) => html`
      ${withDefault ? html`<option value="" .selected=${!selected}>${t('sameAsDefault')}</option>` : nothing}
      ${CHECKLIST_MODES.map((mode) => html`<option value=${mode} .selected=${selected === mode}>${t(`mode.${mode}`)}</option>`)}
    `;
    if (!owns(this.#owner, data)) {
      // Another user signed in (or another adapter is used): what the one before typed, and what was refused of it, is not theirs.
      this.#unsaved.clear();
      this.#typed.clear();
      this.#drafts.clear();
      this.#owner = ownerOf(data);
    } else {
      const form = this.#shownForm();
      if (form && this.#formFor) this.#drafts.set(this.#formFor, readDraft(form));
    }
    this.#formFor = this.#host.cardType;
    this.#last = data;
    const items = data.definitions;
    const errorId = `${this.#dialogId}-error`;
    const refused = (item: ChecklistItemDefinition, field: string) => (this.#unsaved.has(fieldKey(item, field)) ? 'true' : 'false');
    const said = (item: ChecklistItemDefinition, field: string) => (this.#unsaved.has(fieldKey(item, field)) ? errorId : nothing);
    const typed = (item: ChecklistItemDefinition, field: 'text' | 'category') => this.#typed.get(fieldKey(item, field)) ?? item[field];
    // The add form's refusals: an add without text, and the adds refused on this list (card type).
    const adds = (key: string) => addOf(this.#formFor, key);
    const errors = [...this.#unsaved].filter(([key]) => adds(key) || items.some((item) => key.startsWith(`${item.id}\n`))).map(([, words]) => words);
    const addRefused = [...this.#unsaved.keys()].some(adds);
    const again = [...this.#unsaved.keys()].filter((key) => this.#resend.has(key) && items.some((item) => key.startsWith(`${item.id}\n`)));
    const draft = this.#drafts.get(this.#formFor) ?? EMPTY_DRAFT;
    return html`<section part="manage" aria-labelledby="manage-heading">
      <h2 id="manage-heading" tabindex="-1">${t('manage')}</h2>
      ${errors.length ? html`<p part="error" role="alert" id=${errorId}>${errors.map((words) => words()).join(' ')}</p>` : nothing}
      ${again.length ? html`<button type="button" aria-describedby=${errorId} @click=${(e: Event) => this.#retry(again, e.currentTarget as HTMLButtonElement)}>${t('retry')}</button>` : nothing}
      <p class="visually-hidden" role="status">${this.#moved}</p>
      <div class="table-scroll" tabindex="-1" role="region" aria-labelledby=${`${this.#dialogId}-table`} @focusin=${this.#reveal}>
      <table>
        <caption class="visually-hidden" id=${`${this.#dialogId}-table`}>${t('itemsTable')}</caption>
        <thead>
          <tr>
            <th scope="col">${t('text')}</th>
            <th scope="col">${t('category')}</th>
            <th scope="col">${t('mode')}</th>
            ${statuses.map((status) => html`<th scope="col">${t('modeForStatus', { status })}</th>`)}
            <th scope="col"><span class="visually-hidden">${t('rowActions')}</span></th>
          </tr>
        </thead>
        <tbody>
          ${repeat(
            items,
            (item) => item.id,
            (item, index) => html`<tr data-definition-id=${item.id}>
              <td>
                <input type="text" aria-label=${`${t('text')} ${index + 1}`} aria-invalid=${refused(item, 'text')} aria-describedby=${said(item, 'text')} maxlength=${LIMITS.checklistText} .value=${typed(item, 'text')} @change=${(e: Event) => this.#update(item, { text: (e.target as HTMLInputElement).value }, 'text')} @keydown=${(e: KeyboardEvent) => this.#enter(e, fieldKey(item, 'text'))} />
              </td>
              <td>
                <input type="text" aria-label=${`${t('category')}: ${item.text}`} aria-invalid=${refused(item, 'category')} aria-describedby=${said(item, 'category')} maxlength=${LIMITS.category} .value=${typed(item, 'category')} @change=${(e: Event) => this.#update(item, { category: (e.target as HTMLInputElement).value }, 'category')} @keydown=${(e: KeyboardEvent) => this.#enter(e, fieldKey(item, 'category'))} />
              </td>
              <td>
                <select aria-label=${`${t('mode')}: ${item.text}`} aria-invalid=${refused(item, 'mode')} aria-describedby=${said(item, 'mode')} @change=${(e: Event) => this.#update(item, { mode: (e.target as HTMLSelectElement).value as ChecklistMode }, 'mode')}>
                  ${modeOptions(item.mode, false)}
                </select>
              </td>
              ${statuses.map(
                (status) => html`<td>
                  <select
                    aria-label=${`${t('modeForStatus', { status })}: ${item.text}`}
                    aria-invalid=${refused(item, status)}
                    aria-describedby=${said(item, status)}
                    @change=${(e: Event) => {
                      const value = (e.target as HTMLSelectElement).value as ChecklistMode | '';
                      // Set on the modes as stored when the write's turn comes: another status's change may be before it.
                      void this.#update(item, ({ modeByStatus: { [status]: _old, ...others } }) => ({ modeByStatus: value ? { ...others, [status]: value } : others }), status);
                    }}
                  >
                    ${modeOptions(item.modeByStatus[status], true)}
                  </select>
                </td>`,
              )}
              <td>
                <div class="actions nowrap">
                <button type="button" aria-label=${t('moveUp', { item: item.text })} ?disabled=${index === 0} @click=${() => this.#move(item, -1)}>↑</button>
                <button type="button" aria-label=${t('moveDown', { item: item.text })} ?disabled=${index === items.length - 1} @click=${() => this.#move(item, 1)}>↓</button>
                <button type="button" data-remove aria-label=${t('remove', { item: item.text })} @click=${() => this.#askRemoval(item)}>✕</button>
                </div>
              </td>
            </tr>`,
          )}
        </tbody>
      </table>
      </div>
      <form class="actions" novalidate @submit=${this.#add} @input=${(e: Event) => this.#drafts.set(this.#formFor!, readDraft(e.currentTarget as HTMLFormElement))}>
        <label>${t('newItem')} <input type="text" name="text" required maxlength=${LIMITS.checklistText} .value=${live(draft.text)} aria-invalid=${addRefused ? 'true' : 'false'} aria-describedby=${addRefused ? errorId : nothing} /></label>
        <label>${t('category')} <input type="text" name="category" maxlength=${LIMITS.category} .value=${live(draft.category)} /></label>
        <label>${t('mode')} <select name="mode" .value=${live(draft.mode)}>${modeOptions(draft.mode, false)}</select></label>
        <button type="submit">${t('add')}</button>
      </form>
      <dialog id=${this.#dialogId} aria-labelledby=${`${this.#dialogId}-text`} @close=${(event: Event) => this.#closed(event.target as HTMLDialogElement)}>
        <p id=${`${this.#dialogId}-text`}>${this.#pendingRemoval ? t('confirmRemove', { item: this.#pendingRemoval.text }) : ''}</p>
        <form method="dialog" class="actions">
          <button value="cancel" autofocus>${t('cancel')}</button>
          <button value="confirm">${t('remove', { item: this.#pendingRemoval?.text ?? '' })}</button>
        </form>
      </dialog>
    </section>`;
  }

  /**
   * A control focused in the table, wider than a phone, is scrolled wholly into sight: on their
   * own, browsers may leave it half outside the region, or wholly. The region holds controls
   * only, which take focus; its tabindex of -1 keeps Firefox from making it a Tab stop of its own.
   */
  #reveal = (event: FocusEvent): void => {
    // The region itself (a click between controls) stays where it is: scrolled into view whole, a tall list would move the page.
    if (event.target !== event.currentTarget) (event.target as Element).scrollIntoView({ block: 'nearest', inline: 'nearest' });
  };

  /**
   * Runs management writes one after another (quick successive edits would otherwise race
   * each other's versions); reports a failure with the change (`field`) it refused instead of
   * losing it. A write is made by the adapter and user it was asked on: not once another user
   * signed in (or another adapter is used), whose list shows nothing of the one before's.
   */
  #manageWrite(write: (adapter: LiftAdapter, data: ChecklistData) => Promise<unknown>, field: { key: string; item: string; typed?: string; refused?: () => void }): Promise<boolean> {
    const owner = this.#owner;
    const run = async () => {
      const data = this.#data.current() ?? this.#last;
      if (!owns(owner, data) || !data.adapter.checklists) return false;
      try {
        await write(data.adapter, data);
        this.#unsaved.delete(field.key);
        // What was typed after it, on its way next, stays until that write is answered.
        if (this.#typed.get(field.key) === field.typed) this.#typed.delete(field.key);
        return true;
      } catch (error) {
        if (owns(owner, this.#data.current() ?? this.#last)) {
          this.#refuse(field.key, field.item, () => this.#describe(error));
          // As it is said, not once the list was read again: the user may be typing meanwhile.
          field.refused?.();
        }
        return false;
      } finally {
        await this.#data.run();
      }
    };
    const result = this.#queue.then(run);
    this.#queue = result.catch(() => false);
    return result;
  }

  /** A field's change refused for `reason`: said with the item's name until that field saves. */
  #refuse(key: string, item: string, reason: () => string): void {
    this.#unsaved.set(key, () => this.#i18n.t('notSavedFor', { item, reason: reason() }));
    this.#host.requestUpdate();
  }

  /** Saves one field (`field`: its name, or the status whose mode it is) of a definition, at the version it has when the write's turn comes. */
  #update(item: ChecklistItemDefinition, changes: Partial<ChecklistItemDefinition> | ((current: ChecklistItemDefinition) => Partial<ChecklistItemDefinition>), field: string): Promise<boolean> {
    const key = fieldKey(item, field);
    if (typeof changes === 'object' && (field === 'text' || field === 'category')) this.#typed.set(key, changes[field]!);
    if (typeof changes === 'object' && changes.text !== undefined && !changes.text.trim()) {
      this.#refuse(key, item.text, () => this.#i18n.t('textRequired'));
      this.#resend.delete(key);
      return Promise.resolve(false);
    }
    this.#resend.set(key, () => this.#update(item, changes, field));
    const sent = this.#manageWrite(
      (adapter, data) => {
        const current = data.definitions.find((d) => d.id === item.id) ?? item;
        return adapter.checklists!.saveDefinition({ ...current, ...(typeof changes === 'function' ? changes(current) : changes) });
      },
      { key, item: item.text, typed: this.#typed.get(key), refused: () => done() },
    );
    const done = () => this.#sending.get(key) === sent && this.#sending.delete(key);
    this.#sending.set(key, sent);
    void sent.catch(() => false).then(done);
    return sent;
  }

  /** Sends refused field `key`'s last change again; one on its way is not sent twice, but waited for. */
  readonly #again = (key: string): Promise<boolean> => this.#sending.get(key) ?? this.#resend.get(key)?.() ?? Promise.resolve(false);

  /** Enter in a refused name or category (`key`), unchanged since, sends it again; a changed one is sent by the change the browser fires then. */
  #enter(event: KeyboardEvent, key: string): void {
    if (event.key === 'Enter' && !event.isComposing && this.#unsaved.has(key) && this.#typed.get(key) === (event.target as HTMLInputElement).value) void this.#again(key);
  }

  /** Try again: sends each refused field (`keys`) again. All saved, the button goes: focus on it goes to the first field that was refused. */
  async #retry(keys: string[], button: HTMLButtonElement): Promise<void> {
    const first = this.#host.renderRoot.querySelector<HTMLElement>('[part~="manage"] tbody [aria-invalid="true"]');
    await Promise.all(keys.map((key) => this.#again(key)));
    await this.#host.updateComplete;
    if (!button.isConnected && this.#focusStayed()) first?.focus();
  }

  /** Moves an item one place; orders are renumbered so they stay distinct. */
  #move(item: ChecklistItemDefinition, by: -1 | 1): Promise<boolean> {
    const { id } = item;
    const focusMoved = () => {
      // Keep keyboard focus with the moved item: on the same button, or the other one at an end;
      // only from the page or its ↑/↓, not from where the user went while the move was saved.
      const row = this.#host.renderRoot.querySelector(`tbody tr[data-definition-id="${CSS.escape(id)}"]`);
      const [up, down] = [...(row?.querySelectorAll<HTMLButtonElement>('button') ?? [])];
      if (!this.#focusStayed(up, down)) return;
      const same = by < 0 ? up : down;
      (same && !same.disabled ? same : by < 0 ? down : up)?.focus();
    };
    return this.#manageWrite(async (adapter, data) => {
      const items = [...data.definitions];
      const from = items.findIndex((d) => d.id === id);
      if (from < 0 || from + by < 0 || from + by >= items.length) return;
      items.splice(from + by, 0, ...items.splice(from, 1));
      for (const [order, item] of items.entries()) {
        if (item.order !== order + 1) await adapter.checklists!.saveDefinition({ ...item, order: order + 1 });
      }
    }, { key: fieldKey(item, MOVING), item: item.text }).then(async (ok) => {
      await this.#host.updateComplete;
      focusMoved();
      const items = this.#data.current()?.definitions ?? [];
      const place = items.findIndex((d) => d.id === id);
      if (ok && place >= 0) {
        this.#moved = this.#i18n.t('moved', { item: items[place]!.text, place: place + 1, count: items.length });
        this.#host.requestUpdate();
        clearTimeout(this.#movedTimer);
        this.#movedTimer = setTimeout(() => {
          this.#moved = '';
          this.#host.requestUpdate();
        }, SAID_MS);
      }
      return ok;
    });
  }

  /** The items on their way (card type and text): Add pressed again for one of them adds nothing more. */
  readonly #adding = new Set<string>();
  /**
   * The refused adds whose text the add form held, or was given back, once refused: the user
   * saw it there, and adding again (the text put right, or another item over it) is acting on it.
   */
  readonly #inForm = new Set<string>();

  #shownForm(): HTMLFormElement | null {
    return this.#host.renderRoot.querySelector<HTMLFormElement>('[part~="manage"] > form');
  }

  /** What the add form of `cardType` holds now: its fields while they are shown, else what was kept of them. */
  #draftOf(cardType: string): AddDraft {
    const form = this.#shownForm();
    if (form && this.#formFor === cardType) this.#drafts.set(cardType, readDraft(form));
    return this.#drafts.get(cardType) ?? EMPTY_DRAFT;
  }

  /** Puts `draft` into the add form of `cardType`: into its fields while they are shown (read back at each render), and kept for when they are made anew. */
  #putDraft(cardType: string, draft: AddDraft): void {
    this.#drafts.set(cardType, draft);
    const form = this.#shownForm();
    if (form && this.#formFor === cardType) {
      for (const [name, value] of Object.entries(draft)) (form.elements.namedItem(name) as HTMLInputElement | HTMLSelectElement).value = value;
    }
    this.#host.requestUpdate();
  }

  #add = (event: SubmitEvent): void => {
    event.preventDefault();
    // To the list it was typed for, when its turn comes after another list (card type) is shown.
    const cardType = this.#formFor!;
    const draft = this.#draftOf(cardType);
    const text = draft.text.trim();
    if (!text) {
      // Said until an add is tried again, as a failed add is: the item typed is not in the list.
      this.#unsaved.set(addKey(cardType), () => this.#i18n.t('textRequired'));
      this.#host.requestUpdate();
      return;
    }
    // Said no more: the missing text, and this list's refused adds the form held (the user went on
    // from them). One typed over while it was on its way is in no field: it stays said.
    for (const key of this.#unsaved.keys()) if (key === addKey(cardType) || (this.#inForm.has(key) && addOf(cardType, key))) this.#unsaved.delete(key);
    this.#host.requestUpdate();
    // Its own refusal: another add saved meanwhile (the next item, typed while this one was on its way) leaves it said.
    const key = `${addKey(cardType)}\n${text}`;
    if (this.#adding.has(key)) return;
    this.#adding.add(key);
    this.#inForm.delete(key);
    let refused = false;
    void this.#manageWrite(
      (adapter, data) =>
        adapter.checklists!.saveDefinition({
          cardType,
          text,
          category: draft.category.trim(),
          // Placed when its turn comes: an item added just before is in the list by then.
          order: Math.max(0, ...data.definitions.map((i) => i.order)) + 1,
          mode: draft.mode,
          modeByStatus: {},
        }),
      {
        key,
        item: text,
        refused: () => {
          refused = true;
          this.#adding.delete(key);
          // It goes back into an empty form, to be tried again; either way the form shows it.
          const now = this.#draftOf(cardType);
          const back = !now.text.trim() && !now.category.trim();
          if (back) this.#putDraft(cardType, draft);
          if (back || now.text.trim() === text) this.#inForm.add(key);
        },
      },
    ).then((ok) => {
      // Refused, the same item may have been added again meanwhile: that add is on its way now.
      if (!refused) this.#adding.delete(key);
      // Emptied for the next item, unless the next one is being typed there already.
      if (ok && this.#draftOf(cardType).text.trim() === text) this.#putDraft(cardType, EMPTY_DRAFT);
    });
  };

  #askRemoval(item: ChecklistItemDefinition): void {
    this.#modal.rememberFocus();
    this.#pendingRemoval = item;
  }

  /** Whether focus fell to the page or is still in one of `places` (where a write was asked for): a write answered late moves it only then. */
  #focusStayed(...places: (Element | null | undefined)[]): boolean {
    const root = this.#host.renderRoot;
    const shadow = root instanceof ShadowRoot ? root : null;
    return focusFell(shadow) || places.some((place) => place?.contains(shadow?.activeElement ?? document.activeElement));
  }

  /**
   * Cancelled (or Escape): focus goes back to the item's delete button. Confirmed: the item is
   * deleted and focus goes to the delete button of the row that takes its place, or, when it was
   * the last row, to the new item's field; the button it was on is gone. Not once the user went
   * elsewhere while it was deleted: only from the page, the dialog or the item's delete button.
   */
  #closed(dialog: HTMLDialogElement): void {
    const item = this.#pendingRemoval;
    this.#pendingRemoval = undefined;
    if (!item || dialog.returnValue !== 'confirm') return this.#modal.focus.restore();
    const place = this.#data.current()?.definitions.findIndex((d) => d.id === item.id) ?? -1;
    const root = this.#host.renderRoot;
    const remove = root.querySelector(`tbody tr[data-definition-id="${CSS.escape(item.id)}"] button[data-remove]`);
    // At the version it has when the write's turn comes: a change of its name typed just before (saved as focus left the field for ✕) is not another's.
    const write = (adapter: LiftAdapter, data: ChecklistData) => adapter.checklists!.deleteDefinition(item.id, (data.definitions.find((d) => d.id === item.id) ?? item).version);
    void this.#manageWrite(write, { key: fieldKey(item, REMOVING), item: item.text }).then(async () => {
      await this.#host.updateComplete;
      if (!this.#focusStayed(dialog, remove)) return;
      const below = root.querySelectorAll('tbody tr')[place]?.querySelector<HTMLButtonElement>('button[data-remove]');
      (below ?? root.querySelector<HTMLInputElement>('[part~="manage"] input[name="text"]'))?.focus();
    });
  }
}

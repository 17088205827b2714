import { html, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import type { LiftAdapter } from '../data/contract/adapter.js';
import { draftKey, keepDraft, keptDraft } from '../internal/browser-drafts.js';
import type { ChecklistItemDefinition } from '../data/contract/model.js';
import { LIMITS } from '../data/contract/validation.js';
import type { ChecklistWords } from './messages.js';

/** Longest note, as the adapter enforces it too. */
const NOTE_LIMIT = LIMITS.note;

/**
 * A note being written: its text, and the stored note it started from (or was last shown);
 * `aside` while its editor is closed with Escape, to open again with it.
 */
export interface KeptNote {
  text: string;
  from: string;
  aside?: true;
}

/**
 * Notes being written and not saved, kept per adapter, by user, contact and item: for the page,
 * and in the browser so a reload or a crash loses none. A card makes its checklist anew each time
 * its tab shows, and shows another contact on Next; the editors open again with that contact,
 * for that user only. A key looked up is remembered, found or not, so storage is read once a page.
 */
const kept = new WeakMap<LiftAdapter, Map<string, KeptNote | undefined>>();

/** Where a note being written is kept: by the adapter's data and current user, the contact and the item. */
export const noteKey = (adapter: LiftAdapter, contactId: string | undefined, itemId: string): string => draftKey(adapter, 'checklist', `${contactId}`, itemId);

/** The note the adapter's current user is writing on `itemId` for `contactId`, if any. */
export function keptNote(adapter: LiftAdapter, contactId: string | undefined, itemId: string): KeptNote | undefined {
  const notes = kept.get(adapter) ?? new Map<string, KeptNote | undefined>();
  kept.set(adapter, notes);
  const key = noteKey(adapter, contactId, itemId);
  if (!notes.has(key)) {
    const { text, from, aside } = keptDraft(key) ?? {};
    notes.set(key, typeof text === 'string' && typeof from === 'string' ? { text, from, ...(aside === true && { aside }) } : undefined);
  }
  return notes.get(key);
}

/**
 * The notes the adapter's current user is writing for `contactId`, by item. Those kept in the
 * browser are looked up once a page, on the first call: the key of no item marks that call.
 */
export function keptNotes(adapter: LiftAdapter, contactId: string | undefined): [string, KeptNote][] {
  const start = noteKey(adapter, contactId, '');
  if (!kept.get(adapter)?.has(start)) {
    keptNote(adapter, contactId, '');
    try {
      for (const key of Object.keys(localStorage)) if (key.startsWith(start)) keptNote(adapter, contactId, key.slice(start.length));
    } catch {
      // no storage: only this page's notes
    }
  }
  return [...kept.get(adapter)!].flatMap(([key, note]) => (note && key.startsWith(start) ? [[key.slice(start.length), note]] : []));
}

/** The text an item's editor shows, if it is open: a note set aside with Escape shows there too where the item cannot be edited (`editable` false), as no button opens it then. */
export const openDraft = (note: KeptNote | undefined, editable: boolean): string | undefined => (note?.aside && editable ? undefined : note?.text);

/** Keeps that note as it is now, or (`note` undefined) forgets it; `key` names the user it is kept for (the current one by default). */
export function keepNote(adapter: LiftAdapter, contactId: string | undefined, itemId: string, note?: KeptNote, key = noteKey(adapter, contactId, itemId)): void {
  const notes = kept.get(adapter) ?? new Map<string, KeptNote | undefined>();
  kept.set(adapter, notes);
  notes.set(key, note);
  // An editor opened and left as it was keeps nothing across a reload.
  keepDraft(key, note && note.text !== note.from ? note : undefined);
}

/** Escape (not while a word is being composed) closes the editor and goes no further: a host's dialog around the checklist stays open. */
function escape(event: KeyboardEvent, close: () => void): void {
  if (event.key !== 'Escape' || event.isComposing) return;
  event.preventDefault();
  event.stopPropagation();
  close();
}

/**
 * An item's note editor: the text with its limit counted down (said once when it goes over),
 * Save and Cancel; Escape closes it (`on.close`). It is a form, Save its submit button, so a
 * host's Ctrl+S in it (a card's) submits it and saves the note, not what the host holds. Where the
 * item cannot be edited (`editable` false: the contact archived, the item made read-only) it
 * stays to show the text typed, and Save cannot be pressed: the adapter would refuse it.
 */
export function renderNoteEditor(
  t: (key: ChecklistWords, params?: Record<string, string | number>) => string,
  item: ChecklistItemDefinition,
  draft: string,
  saving: boolean,
  editable: boolean,
  on: { edit: (value: string) => void; save: () => void; cancel: () => void; close: () => void },
): TemplateResult {
  const over = draft.length - NOTE_LIMIT;
  // A submit from the keyboard reaches the form even while Save is disabled: it saves only when Save could be pressed.
  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    if (over <= 0 && !saving && editable) on.save();
  };
  return html`<form class="note-editor" @submit=${submit} @keydown=${(e: KeyboardEvent) => escape(e, on.close)}>
    <label class="visually-hidden" for=${`note-${item.id}`}>${t('noteFor', { item: item.text })}</label>
    <textarea
      id=${`note-${item.id}`}
      .value=${live(draft)}
      ?readonly=${saving}
      aria-invalid=${over > 0 ? 'true' : 'false'}
      aria-describedby=${`counter-${item.id}`}
      @input=${(e: Event) => on.edit((e.target as HTMLTextAreaElement).value)}
    ></textarea>
    <span class="counter" id=${`counter-${item.id}`}>
      ${over > 0 ? html`<span part="error">${t('noteTooLong', { over, max: NOTE_LIMIT })}</span>` : t('counter', { count: draft.length, max: NOTE_LIMIT })}
    </span>
    <!-- Said when the note goes over the limit, once: the counter itself is read with the field, not at every keystroke. -->
    <span class="visually-hidden" role="status">${over > 0 ? t('noteOverLimit', { max: NOTE_LIMIT }) : ''}</span>
    <div class="actions">
      <button type="submit" ?disabled=${over > 0 || saving || !editable}>${t('save')}</button>
      <button type="button" @click=${on.cancel}>${t('cancel')}</button>
    </div>
  </form>`;
}

/** Focus back in the note editor in `row`, after a failed save took it away: on Save to try again, or on the text when Save cannot be pressed. */
export function focusEditor(row: Element | null): void {
  const editor = row?.querySelector('.note-editor');
  const save = editor?.querySelector<HTMLButtonElement>('.actions button');
  (save && !save.disabled ? save : editor?.querySelector('textarea'))?.focus();
}

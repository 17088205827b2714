import { html, type TemplateResult } from 'lit';
import type { LiftAdapter } from '../data/contract/adapter.js';
import type { ChecklistItemDefinition } from '../data/contract/model.js';
import type { ChecklistWords } from './messages.js';
import { keptNotes } from './notes.js';

/** Items' texts as last read, by adapter and item: an item deleted since is still named by it. */
const names = new WeakMap<LiftAdapter, Map<string, string>>();

/**
 * Notes being written on this contact's items that the list no longer shows (deleted, or hidden
 * for this status): their rows and editors went with them, so each is said with its text, until
 * the item shows again (with its editor) or the note is discarded (`discard`).
 */
export function renderOrphanNotes(
  t: (key: ChecklistWords, params?: Record<string, string | number>) => string,
  adapter: LiftAdapter,
  contactId: string | undefined,
  definitions: ChecklistItemDefinition[],
  visible: ChecklistItemDefinition[],
  discard: (itemId: string) => void,
): TemplateResult[] {
  const known = names.get(adapter) ?? new Map<string, string>();
  names.set(adapter, known);
  for (const d of definitions) known.set(d.id, d.text);
  // An editor opened and left as it was holds no words to lose.
  return keptNotes(adapter, contactId)
    .filter(([id, note]) => note.text !== note.from && !visible.some((d) => d.id === id))
    .map(([id, note]) => {
      const name = known.get(id);
      return html`<p part="notice" role="status">
        ${t('noteLeft', { item: name ? `“${name}”` : t('anItem'), note: note.text })}
        <button type="button" @click=${() => discard(id)}>${t('discard')}<span class="visually-hidden"> ${name ? t('about', { item: name }) : ''}</span></button>
      </p>`;
    });
}

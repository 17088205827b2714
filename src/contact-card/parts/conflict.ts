import { html, nothing, type TemplateResult } from 'lit';
import type { EditSession } from '../edit-session.js';
import type { CardVoice } from '../voice.js';
import { fieldLabel } from './details.js';

/**
 * Mine, theirs and the original of each field both sides changed, one choice per field; what
 * merged by itself is named. Cancel leaves the edits unsaved and the comparison one click away.
 */
export function renderConflict(voice: CardVoice, session: EditSession, closed: () => void, cancel: () => void): TemplateResult {
  const { t } = voice;
  const conflict = session.conflict;
  const shown = (value: string) => value || t('empty');
  const complete = conflict?.conflicts.every((c) => conflict.choices[c.field]);
  // A close event comes a task after the dialog closed: by then "Save choices" may have met a
  // newer conflict and opened it again (an adapter that answers at once), which it must not dismiss.
  return html`<dialog class="conflict" part="dialog" aria-labelledby="conflict-title" @close=${(event: Event) => (event.target as HTMLDialogElement).open || closed()}>
    ${conflict
      ? html`<form
          @submit=${(event: Event) => {
            event.preventDefault();
            if (complete) void session.applyChoices();
          }}
        >
          <h2 id="conflict-title">${t(conflict.mode === 'save' ? 'conflictTitle' : 'compareTitle')}</h2>
          <p>${t('conflictIntro')}</p>
          ${conflict.merged.length ? html`<p>${t('autoMerged', { fields: conflict.merged.map((f) => fieldLabel(voice, f)).join(', ') })}</p>` : nothing}
          ${conflict.conflicts.map(
            (item) => html`<fieldset data-field=${item.field}>
              <legend>${fieldLabel(voice, item.field)}</legend>
              <p class="original"><span class="label">${t('original')}:</span> ${shown(item.original)}</p>
              ${(['mine', 'theirs'] as const).map(
                (side) => html`<label class="choice">
                  <input
                    type="radio"
                    name=${`choice-${item.field}`}
                    value=${side}
                    .checked=${conflict.choices[item.field] === side}
                    @change=${() => session.choose(item.field, side)}
                  />
                  <span class="label">${t(side)}:</span> <span class="value">${shown(item[side])}</span>
                </label>`,
              )}
            </fieldset>`,
          )}
          ${complete ? nothing : html`<p class="hint">${t('chooseAll')}</p>`}
          <div class="actions">
            <button type="submit" class="primary" ?disabled=${!complete}>${t(conflict.mode === 'save' ? 'saveChoices' : 'applyChoices')}</button>
            <button type="button" @click=${cancel}>${t('cancel')}</button>
          </div>
        </form>`
      : nothing}
  </dialog>`;
}

import { html, nothing, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { live } from 'lit/directives/live.js';
import { CONTACT_FIELDS } from '../../data/contract/model.js';
import { CONTACT_LIMITS } from '../../data/contract/validation.js';
import type { ContactDraft } from '../contact-draft.js';
import type { EditSession } from '../edit-session.js';
import type { ContactCardMessage } from '../messages.js';
import type { CardVoice } from '../voice.js';

/**
 * The e-mail field is text with an e-mail keyboard: `type="email"` gives a domain in another script
 * back in its ASCII form (Chromium: `xn--…`), which would be saved; the card checks addresses itself.
 */
const inputType = (field: string) => (field === 'phone' || field === 'mobile' ? 'tel' : 'text');

/**
 * A field taking focus that the row with Save, sticking below it, covers (or that is out of view)
 * is brought to the middle of the view: the browsers' own scroll on focus leaves a field that is
 * partly in view where it is. Looked at two frames later and again a moment after, since WebKit
 * scrolls the field to a place of its own after the focus event, later on a busy machine.
 */
function revealField(event: FocusEvent): void {
  const field = event.target as HTMLElement;
  const row = field.closest('form')?.querySelector('.form-actions');
  if (!row || !field.closest('.field')) return;
  const clear = () => {
    const { top, bottom } = field.getBoundingClientRect();
    if (field.matches(':focus') && (top < 0 || bottom > Math.min(row.getBoundingClientRect().top, innerHeight))) field.scrollIntoView({ block: 'center' });
  };
  requestAnimationFrame(() => requestAnimationFrame(clear));
  setTimeout(clear, 300);
}

/**
 * The personal details form: every field of the contact, its problem once the user left it,
 * "changed" on edited fields; Enter or the form's own Save button saves.
 */
export function renderPersonalForm(voice: CardVoice, session: EditSession, draft: ContactDraft): TemplateResult {
  const { t } = voice;
  const readOnly = session.readOnly || session.saving;
  const problems = draft.problems;
  return html`<form
    class="personal"
    novalidate
    @submit=${(event: Event) => {
      event.preventDefault();
      void session.save();
    }}
    @focusin=${revealField}
  >
    ${CONTACT_FIELDS.map((field) => {
      const value = draft.value(field);
      const problem = session.touched.has(field) ? problems[field] : undefined;
      const dirty = field in draft.edits;
      const id = `field-${field}`;
      const describedBy = problem ? `error-${field}` : undefined;
      const onInput = (event: Event) => session.edit(field, (event.target as HTMLInputElement).value);
      const onChange = () => session.touch(field);
      return html`<div part="field" class=${`field ${field}${dirty ? ' dirty' : ''}`}>
        <label for=${id}
          >${t(`field.${field}`)}${field === 'lastName' ? [' ', html`<span class="hint">${t('required')}</span>`] : nothing}${dirty
            ? [' ', html`<span class="changed">(${t('changed')})</span>`]
            : nothing}</label
        >
        ${field === 'notes'
          ? html`<textarea
              id=${id}
              .value=${live(value)}
              ?readonly=${readOnly}
              aria-invalid=${problem ? 'true' : 'false'}
              aria-describedby=${ifDefined(describedBy)}
              @input=${onInput}
              @change=${onChange}
            ></textarea>`
          : html`<input
              id=${id}
              type=${inputType(field)}
              inputmode=${ifDefined(field === 'email' ? 'email' : undefined)}
              autocapitalize=${ifDefined(field === 'email' ? 'off' : undefined)}
              spellcheck=${ifDefined(field === 'email' ? 'false' : undefined)}
              autocomplete="off"
              .value=${live(value)}
              ?readonly=${readOnly}
              ?required=${field === 'lastName'}
              aria-invalid=${problem ? 'true' : 'false'}
              aria-describedby=${ifDefined(describedBy)}
              @input=${onInput}
              @change=${onChange}
            />`}
        ${problem
          ? html`<p part="error" id=${`error-${field}`}>
              ${t(`invalid.${problem}` as ContactCardMessage, { max: CONTACT_LIMITS[field], count: value.length })}
            </p>`
          : nothing}
      </div>`;
    })}
    ${session.readOnly ? nothing : renderFormActions(voice, session, draft)}
  </form>`;
}

/**
 * Save and Undo at the foot of the form, kept in view at the bottom of the screen while the
 * form is (the bar may have scrolled away), with what the edits' state is in words: unsaved,
 * saving, or saved at a time.
 */
function renderFormActions(voice: CardVoice, session: EditSession, draft: ContactDraft): TemplateResult {
  const { t } = voice;
  const state = session.saving
    ? t('saving')
    : draft.dirty
      ? t('unsavedCount', { count: draft.dirtyFields.length })
      : session.theirsKept
        ? t('theirsKept')
        : session.savedAt
          ? t(session.keptOnDevice ? 'syncKeptAt' : 'savedAt', { time: voice.time(session.savedAt) })
          : '';
  // Nothing to save or undo now (a submit then changes nothing: the session saves only edits).
  const idle = !draft.dirty || session.saving;
  return html`<div class="form-actions" part="form-actions">
    <p class=${`save-state${!draft.dirty && session.savedAt && !session.saving && !session.keptOnDevice ? ' saved' : ''}`} part="save-state">${state}</p>
    <!-- Not disabled but aria-disabled: a pressed button keeps focus once it cannot be pressed again (saved, undone). -->
    <button type="button" aria-disabled=${idle ? 'true' : 'false'} @click=${() => !idle && session.undo()}>${t('undoChanges')}</button>
    <button type="submit" class="primary" aria-disabled=${idle ? 'true' : 'false'}>${t('save')}</button>
  </div>`;
}

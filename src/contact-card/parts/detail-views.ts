import { html, nothing, type TemplateResult } from 'lit';
import { modeFor } from '../../checklist/mode.js';
import type { TimelineEntry, WorkItem } from '../../data/contract/model.js';
import type { CardVoice } from '../voice.js';
import { fieldLabel, retry, row, type ChecklistDetail, type ChecklistFailure } from './details.js';
import { EntryEditor, type EntryContext } from './entry-editor.js';
import { workPeriod } from './projects.js';

// The detail tabs that show something the user picked: read when first opened.

export function renderProject(voice: CardVoice, item: WorkItem | undefined): TemplateResult {
  const { t } = voice;
  if (!item) return html`<p class="empty">${t('chooseProject')}</p>`;
  return html`<h3>${item.number} · ${item.title}</h3>
    <dl>
      ${row(voice, t('col.kind'), t(`work.${item.kind}`))} ${row(voice, t('col.status'), item.status)}
      ${row(voice, t('col.dates'), workPeriod(voice, item))} ${row(voice, t('description'), item.description)}
      ${item.archived ? row(voice, t('field.archived'), t('archivedBadge')) : nothing}
    </dl>`;
}

/** An entry in full; with `ctx`, its author may correct or delete it (when they recorded it by hand). */
export function renderEntry(voice: CardVoice, picked: TimelineEntry | undefined, ctx?: EntryContext): TemplateResult {
  const { t } = voice;
  // A checklist entry names what changed of its item, its tick or its note; archiving and a tick,
  // stored as "false" and "true", are said as the reader's no and yes (a text field that holds
  // the word "true" stays so). A change is said once, in words (the entry's own text, "old →
  // new", says the same).
  const changedField = (field: string) =>
    picked?.kind === 'checklist' && (field === 'done' || field === 'note') ? t(`checklistField.${field}`) : fieldLabel(voice, field);
  const word = (value: string) =>
    ['archived', 'done'].includes(picked?.change?.field ?? '') && (value === 'true' || value === 'false') ? t(`value.${value}`) : value;
  if (!picked) return html`<p class="empty">${t('chooseItem')}</p>`;
  const editor = ctx && new EntryEditor(ctx, voice);
  const entry = editor ? editor.shown(picked) : picked;
  if (!entry) return editor!.renderRemoved();
  const change = entry.change;
  // A copy's entry names the other contact in its text; its change holds that contact's id.
  const copied = change?.field === 'copiedTo' || change?.field === 'copiedFrom';
  return html`<h3>${change && entry.kind === 'change' ? fieldLabel(voice, change.field) : entry.subject || t(`entryKind.${entry.kind}`)}</h3>
    <dl>
      ${row(voice, t('entry.kind'), t(`entryKind.${entry.kind}`))} ${row(voice, t('entry.date'), voice.date(entry.occurredAt, true))}
      ${row(voice, t('entry.author'), entry.author)} ${entry.direction ? row(voice, t('entry.direction'), t(`direction.${entry.direction}`)) : nothing}
    </dl>
    ${change && !copied
      ? html`<p>${t('entry.change', { field: changedField(change.field), old: word(change.old), new: word(change.new) })}</p>`
      : entry.body
        ? html`<p class="body">${entry.body}</p>`
        : nothing}
    ${editor?.render(entry) ?? nothing}`;
}

/** The checklist items a contact card shows: those not hidden for it, active or `archived`, as the checklist tab shows them. */
export function renderChecklistDetail(voice: CardVoice, detail: ChecklistDetail | ChecklistFailure | undefined, archived: boolean): TemplateResult {
  const { t } = voice;
  if (!detail) return html`<p role="status">${t('checklistLoading')}</p>`;
  if ('failed' in detail) {
    return html`<p part="error" role="alert">${t('checklistFailed', { reason: detail.failed() })}</p>
      <button type="button" @click=${retry(detail.retry)}>${t('retry')}</button>`;
  }
  const items = detail.definitions.filter((item) => modeFor(item, undefined, archived) !== 'hidden');
  if (!items.length) return html`<p class="empty">${t('checklistNone')}</p>`;
  const done = items.filter((d) => detail.states.get(d.id)?.done).length;
  return html`<p>${t('checklistProgress', { done, total: items.length })}</p>
    <ul class="checklist">
      ${items.map((item) => {
        const state = detail.states.get(item.id);
        return html`<li>
          <strong>${item.text}</strong>
          <span>${state?.done ? t('doneBy', { name: state.doneBy ?? '', date: voice.date(state.doneAt, true) }) : t('notDone')}</span>
          ${state?.note ? html`<p class="body">${state.note}</p>` : nothing}
        </li>`;
      })}
    </ul>`;
}


import { html, nothing, type TemplateResult } from 'lit';
import { modeFor } from '../../checklist/mode.js';
import { CONTACT_FIELDS, type ChecklistItemDefinition, type ChecklistState, type Contact, type Relation, type TimelineEntry, type WorkItem } from '../../data/model.js';
import type { ContactCardMessage } from '../messages.js';
import type { CardVoice } from '../voice.js';
import { workPeriod } from './projects.js';

export interface ChecklistDetail {
  definitions: ChecklistItemDefinition[];
  states: Map<string, ChecklistState>;
}

/** The items a contact card shows, in order, with this contact's states. */
export function checklistDetail(definitions: ChecklistItemDefinition[], states: ChecklistState[]): ChecklistDetail {
  return {
    definitions: definitions.filter((item) => modeFor(item, undefined) !== 'hidden').sort((a, b) => a.order - b.order),
    states: new Map(states.map((s) => [s.itemId, s])),
  };
}

/** A field's name in the reader's language (contact fields, and what a change entry may name). */
export function fieldLabel(voice: CardVoice, field: string): string {
  return (CONTACT_FIELDS as readonly string[]).includes(field) || ['archived', 'copiedTo', 'copiedFrom'].includes(field)
    ? voice.t(`field.${field}` as ContactCardMessage)
    : field;
}

const row = (voice: CardVoice, label: string, value: string | TemplateResult | undefined) =>
  html`<div><dt>${label}</dt><dd>${value || voice.t('noValue')}</dd></div>`;

export function renderFunction(voice: CardVoice, record: Contact, relation: Relation | undefined): TemplateResult {
  const { t } = voice;
  return html`<dl>
    ${row(voice, t('field.jobTitle'), record.jobTitle)} ${row(voice, t('field.department'), record.department)}
    ${row(voice, t('relation'), relation?.name)} ${row(voice, t('col.kind'), relation ? t(`kind.${relation.kind}` as ContactCardMessage) : undefined)}
    ${relation?.archived ? row(voice, t('field.archived'), t('archivedBadge')) : nothing}
  </dl>`;
}

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

export function renderEntry(voice: CardVoice, entry: TimelineEntry | undefined): TemplateResult {
  const { t } = voice;
  if (!entry) return html`<p class="empty">${t('chooseItem')}</p>`;
  const change = entry.change;
  return html`<h3>${entry.subject}</h3>
    <dl>
      ${row(voice, t('entry.kind'), t(`entryKind.${entry.kind}`))} ${row(voice, t('entry.date'), voice.date(entry.occurredAt, true))}
      ${row(voice, t('entry.author'), entry.author)} ${entry.direction ? row(voice, t('entry.direction'), t(`direction.${entry.direction}`)) : nothing}
    </dl>
    ${change ? html`<p>${t('entry.change', { field: fieldLabel(voice, change.field), old: change.old, new: change.new })}</p>` : nothing}
    ${entry.body ? html`<p class="body">${entry.body}</p>` : nothing}`;
}

export function renderChecklistDetail(voice: CardVoice, detail: ChecklistDetail | undefined, number: (n: number) => string): TemplateResult {
  const { t } = voice;
  if (!detail) return html`<p role="status">${t('checklistLoading')}</p>`;
  if (!detail.definitions.length) return html`<p class="empty">${t('checklistNone')}</p>`;
  const done = detail.definitions.filter((d) => detail.states.get(d.id)?.done).length;
  return html`<p>${t('checklistProgress', { done: number(done), total: number(detail.definitions.length) })}</p>
    <ul class="checklist">
      ${detail.definitions.map((item) => {
        const state = detail.states.get(item.id);
        return html`<li>
          <strong>${item.text}</strong>
          <span>${state?.done ? t('doneBy', { name: state.doneBy ?? '', date: voice.date(state.doneAt, true) }) : t('notDone')}</span>
          ${state?.note ? html`<p class="body">${state.note}</p>` : nothing}
        </li>`;
      })}
    </ul>`;
}

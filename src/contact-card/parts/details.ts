import { html, nothing, type TemplateResult } from 'lit';
import type { DetailTab } from '../../vocabulary.js';
import { renderTablist } from './tablist.js';
import { CONTACT_FIELDS, type ChecklistItemDefinition, type ChecklistState, type Contact, type Relation } from '../../data/contract/model.js';
import type { ContactCardMessage } from '../messages.js';
import type { CardVoice } from '../voice.js';

export interface ChecklistDetail {
  definitions: ChecklistItemDefinition[];
  states: Map<string, ChecklistState>;
}

/** A read of the checklist detail that failed: why (in the words of the moment), and reading it again. */
export interface ChecklistFailure {
  failed: () => string;
  retry: () => void;
}

/** The items of a contact card, in order, with this contact's states (which show depends on its archiving: see the detail). */
export function checklistDetail(definitions: ChecklistItemDefinition[], states: ChecklistState[]): ChecklistDetail {
  return {
    definitions: [...definitions].sort((a, b) => a.order - b.order),
    states: new Map(states.map((s) => [s.itemId, s])),
  };
}

/** A field's name in the reader's language (contact fields, and what a change entry may name). */
export function fieldLabel(voice: CardVoice, field: string): string {
  return (CONTACT_FIELDS as readonly string[]).includes(field) || ['archived', 'copiedTo', 'copiedFrom'].includes(field)
    ? voice.t(`field.${field}` as ContactCardMessage)
    : field;
}

export const row = (voice: CardVoice, label: string, value: string | TemplateResult | undefined) =>
  html`<div><dt>${label}</dt><dd>${value || voice.t('noValue')}</dd></div>`;

/** The relation as the card has read it: the relation, why its read failed, or that a failed read is being tried again. */
export interface RelationRead {
  relation: Relation | undefined;
  relationError: unknown;
  relationReading: boolean;
}

/**
 * The function and the relation. A relation whose read failed is said so, with `retryRead`, and
 * one being read again says it loads: the contact has a relation, neither shows it as none.
 */
export function renderFunction(voice: CardVoice, record: Contact, read: RelationRead, retryRead: () => void): TemplateResult {
  const { t } = voice;
  const { relation, relationError: error, relationReading: reading } = read;
  return html`<dl>
      ${row(voice, t('field.jobTitle'), record.jobTitle)} ${row(voice, t('field.department'), record.department)}
      ${reading || error ? nothing : html`${row(voice, t('relation'), relation?.name)} ${row(voice, t('col.kind'), relation ? t(`kind.${relation.kind}` as ContactCardMessage) : undefined)}`}
      ${relation?.archived ? row(voice, t('field.archived'), t('archivedBadge')) : nothing}
    </dl>
    ${reading
      ? html`<p role="status">${t('loadingPart')}</p>`
      : error
        ? html`<p part="error" role="alert">${t('relationFailed', { reason: voice.reason(error) })}</p><button type="button" @click=${retry(retryRead)}>${t('retry')}</button>`
        : nothing}`;
}

/** A retry in the detail pane: its button goes with the failure, so focus waits on the pane's tab meanwhile. */
export const retry = (again: () => void) => (event: Event) => {
  ((event.currentTarget as Element).getRootNode() as ShadowRoot).querySelector<HTMLElement>('[part~="detail-tabs"] [aria-selected="true"]')?.focus();
  again();
};

export interface DetailPane {
  tabs: readonly DetailTab[];
  active: DetailTab | undefined;
  /** The personal details have unsaved edits: their tab is marked. */
  dirty: boolean;
  select(tab: DetailTab, focus: boolean): void;
  /** The open tab's content. */
  render(tab: DetailTab): TemplateResult;
}

/**
 * The pane of detail tabs at the bottom of the card, a region named with the contact (`name`):
 * two cards on a page have two regions a screen reader user can tell apart.
 */
export function renderDetailPane(voice: CardVoice, name: string, pane: DetailPane): TemplateResult {
  const { t } = voice;
  const active = pane.active;
  const label = `${t('details')}: ${name}`;
  if (!active) return html`<section part="detail" aria-label=${label}><p class="empty">${t('noDetailTabs')}</p></section>`;
  return html`<section part="detail" aria-label=${label}>
    ${renderTablist({
      part: 'detail-tabs',
      label: t('details'),
      tabs: pane.tabs,
      active,
      select: pane.select,
      text: (tab) => (tab === 'personal' && pane.dirty ? html`${t(`detail.${tab}`)}<span aria-hidden="true"> •</span>` : t(`detail.${tab}`)),
      // The mark is seen, not read out: the tab's name says it.
      name: (tab) => (tab === 'personal' && pane.dirty ? t('detailUnsaved', { tab: t(`detail.${tab}`) }) : undefined),
    })}
    <div role="tabpanel" part="detail-panel" class="panel" id=${`detail-panel-${active}`} aria-labelledby=${`detail-tab-${active}`} tabindex="0">
      ${pane.render(active)}
    </div>
  </section>`;
}

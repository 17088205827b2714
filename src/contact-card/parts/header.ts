import { html, nothing, type TemplateResult } from 'lit';
import type { Contact, Relation } from '../../data/contract/model.js';
import { LiftOpenRelationEvent } from '../../events.js';
import { contactHref } from '../../internal/contact-links.js';
import type { EditSession } from '../edit-session.js';
import type { ContactCardMessage } from '../messages.js';
import { awayNotice } from './panels.js';
import type { CardVoice } from '../voice.js';

export interface HeaderActions {
  /** Click on the name: the personal details. */
  showPersonal(): void;
  /** Double-click or Enter on the name: edit it. */
  editName(): void;
  /** The function line: its detail tab, with focus. */
  showFunction(): void;
  /** Whether the user may edit the contact (the name's tooltip says edit only then). */
  editable: boolean;
  /**
   * Whether the card offers the personal and the function tab: without its tab the name or job
   * title is text, not a button that would do nothing.
   */
  personal: boolean;
  function: boolean;
}

/** Name (the Dutch way), archived badge, function, department, relation and links. */
export function renderHeader(voice: CardVoice, record: Contact, name: string, relation: Relation | undefined, actions: HeaderActions): TemplateResult {
  const { t } = voice;
  const link = (kind: 'email' | 'phone', label: string, value: string) => {
    if (!value) return nothing;
    const href = contactHref(kind, value);
    return html`<span class="link-item"><span class="label">${label}</span> ${href ? html`<a href=${href}>${value}</a>` : html`<span>${value}</span>`}</span>`;
  };
  return html`<header part="header">
    <h2>
      ${actions.personal
        ? html`<button
            type="button"
            part="name"
            class="name"
            title=${actions.editable ? t('editName') : t('showName')}
            @click=${actions.showPersonal}
            @dblclick=${actions.editName}
            @keydown=${(event: KeyboardEvent) => {
              if (event.key !== 'Enter') return;
              event.preventDefault();
              actions.editName();
            }}
          >${name}</button>`
        : // Focus still lands here after a dialog or on another contact.
          html`<span part="name" tabindex="-1">${name}</span>`}
      ${record.archived ? html`<span part="badge">${t('archivedBadge')}</span>` : nothing}
    </h2>
    <p class="function">
      ${actions.function ? html`<button type="button" class="link" @click=${actions.showFunction}>${record.jobTitle || t('field.jobTitle')}</button>` : record.jobTitle}
      ${record.department ? html`<span> · ${record.department}</span>` : nothing}
      ${relation
        ? html`<span>
            · <span class="label">${t('relation')}</span>
            <button
              type="button"
              class="link"
              part="relation"
              @click=${(event: Event) => {
                // Bubbles out of the card from the button; the host may show the relation instead.
                /** @ignore documented on the card */
                if (event.currentTarget!.dispatchEvent(new LiftOpenRelationEvent(relation))) actions.showFunction();
              }}
            >${relation.name}</button> (${t(`kind.${relation.kind}` as ContactCardMessage)})</span
          >`
        : nothing}
    </p>
    <p class="links">${link('email', t('email'), record.email)} ${link('phone', t('phone'), record.phone)} ${link('phone', t('mobile'), record.mobile)}</p>
  </header>`;
}

export interface BannerState {
  /** Another tab upgraded or removed the database: this card can no longer read or write. */
  lifecycleError: boolean;
  canEdit: boolean;
  actionError: (() => string) | undefined;
  /** Code the card needed did not arrive: its banner. */
  partFailure: TemplateResult | typeof nothing;
  refresh(): void;
}

/** Notices across the card: archived, read-only, changed elsewhere, draft restored, saving, errors. */
export function renderBanners(voice: CardVoice, record: Contact, session: EditSession, state: BannerState): TemplateResult {
  const { t } = voice;
  const saving = session.saving;
  // Archived elsewhere under the user's edits: this alert says so, and what becomes of the edits (nothing else announces it).
  const elsewhere = session.elsewhere?.archived && !session.draft?.base.archived ? 'elsewhereArchived' : 'elsewhere';
  return html`${state.lifecycleError ? html`<p part="banner error" class="notice" role="alert">${t('versionChange')}</p>` : nothing}
    ${record.archived
      ? html`<p part="banner" class="notice warning">${t('archivedBanner')}</p>`
      : !state.canEdit
        ? html`<p part="banner" class="notice">${t('readOnly')}</p>`
        : nothing}
    ${session.elsewhere
      ? html`<div part="banner" class="notice warning" role="alert">
          <span>${t(elsewhere)}</span>
          <button type="button" ?disabled=${saving} @click=${() => session.compare()}>${t('compare')}</button>
          <button type="button" ?disabled=${saving} @click=${state.refresh}>${t('refresh')}</button>
        </div>`
      : nothing}
    ${session.restoredAt && session.dirty
      ? html`<div part="banner" class="notice">
          <span>${t('draftRestored', { time: voice.date(session.restoredAt, true) })}</span>
          <button type="button" ?disabled=${saving} @click=${() => session.keepRestored()}>${t('keepDraft')}</button>
          <button type="button" ?disabled=${saving} @click=${() => session.undo()}>${t('discardDraft')}</button>
        </div>`
      : nothing}
    ${session.draftUnavailable && session.dirty ? html`<p part="banner" class="notice warning">${t('draftUnavailable')}</p>` : nothing}
    ${saving ? html`<p part="banner" class="notice">${t('saving')}</p>` : nothing}
    ${session.saveError
      ? html`<div part="banner error" class="notice" role="alert">
          <span>${session.record?.archived ? t('saveArchived') : session.saveError()}</span>
          ${session.record?.archived || Object.keys(session.draft?.problems ?? {}).length ? nothing : html`<button type="button" @click=${() => void session.save()}>${t('retry')}</button>`}
        </div>`
      : nothing}
    ${awayNotice(session)}
    ${state.actionError ? html`<p part="banner error" class="notice" role="alert">${state.actionError()}</p>` : nothing}
    ${state.partFailure}`;
}

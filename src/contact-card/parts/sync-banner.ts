import { html, nothing, type TemplateResult } from 'lit';
import { CONTACT_FIELDS, type ContactField } from '../../data/contract/model.js';
import type { PendingChange, SyncState } from '../../data/contract/sync.js';
import type { CardVoice } from '../voice.js';

export interface SyncBannerActions {
  /** The contact the card shows: its conflict can be compared here. */
  contactId: string | undefined;
  retry(): void;
  discard(id: string): void;
  compare(): void;
}

/** What the user wrote in a change that could not be saved, field by field, to copy. */
function renderInput(voice: CardVoice, change: PendingChange): TemplateResult {
  const label = (key: string) => ((CONTACT_FIELDS as readonly string[]).includes(key) ? voice.t(`field.${key as ContactField}`) : key);
  return html`<details>
    <summary>${voice.t('syncYouWrote')}</summary>
    <dl>
      ${Object.entries(change.input).map(([key, value]) => html`<dt>${label(key)}</dt><dd>${value || voice.t('noValue')}</dd>`)}
    </dl>
  </details>`;
}

function renderFailed(voice: CardVoice, change: PendingChange, actions: SyncBannerActions): TemplateResult {
  const { t } = voice;
  const conflict = change.state === 'conflict';
  const why = conflict ? t('syncConflict') : t('syncRefused', { reason: voice.reasonOf(change.code ?? 'unavailable') });
  return html`<li>
    <strong>${t(`syncKind.${change.kind}`)}</strong> · <span>${voice.date(change.at, true)}</span>
    <p>${why}</p>
    ${renderInput(voice, change)}
    ${conflict && change.contactId === actions.contactId
      ? html`<button type="button" @click=${actions.compare}>${t('syncCompare')}</button>`
      : conflict ? nothing : html`<button type="button" @click=${actions.retry}>${t('syncRetry')}</button>`}
    <button type="button" @click=${() => actions.discard(change.id)}>${t('syncDiscard')}</button>
  </li>`;
}

/**
 * The connection and the outbox of an adapter with a copy on the device: offline (what the
 * reader sees is the device's copy, and changes wait), sending, and the changes that could not
 * be saved, each with why, what the user wrote, and what can be done.
 */
export function renderSyncBanner(voice: CardVoice, state: SyncState, actions: SyncBannerActions): TemplateResult | typeof nothing {
  const { t } = voice;
  const { connection, waiting, failed, lastOnline } = state;
  const status =
    connection === 'offline'
      ? html`<div part="banner sync" class="notice warning sync" role="status">
          <p>${t('syncOffline')} ${lastOnline ? t('syncLastOnline', { time: voice.time(lastOnline) }) : nothing} ${waiting ? t('syncWaiting', { count: waiting }) : nothing}</p>
          <button type="button" @click=${actions.retry}>${t('syncTryNow')}</button>
        </div>`
      : waiting
        ? html`<p part="banner sync" class="notice sync" role="status">${t('syncSending', { count: waiting })}</p>`
        : nothing;
  return html`${status}${failed.length
    ? html`<div part="banner error" class="notice sync-failed" role="alert">
        <p>${t('syncFailed', { count: failed.length })}</p>
        <ul>${failed.map((change) => renderFailed(voice, change, actions))}</ul>
      </div>`
    : nothing}`;
}

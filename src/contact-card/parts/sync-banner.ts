import { html, nothing, type TemplateResult } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import { CONTACT_FIELDS, type ContactField } from '../../data/contract/model.js';
import type { PendingChange, SyncState } from '../../data/contract/sync.js';
import type { CardVoice } from '../voice.js';

export interface SyncBannerActions {
  /** The contact the card shows: its conflict can be compared here. */
  contactId: string | undefined;
  /** Connects now and sends what waits; given a refused change's id (its Send again), that change is sent again too. */
  retry(id?: string): void;
  discard(id: string): void;
  /** Sends a change in conflict over the colleague's (a checklist item's: it has no per-field choice). */
  sendAnyway(id: string): void;
  compare(): void;
  /** Opens the contact a change is for (in the card, where its conflict can be compared). */
  open(id: string): void;
  /** Why the last of these actions failed, in words (spoken when it failed; shown until the next). */
  failure?: string;
}

/** What the user wrote in a change that could not be saved, field by field, to copy; a layout choice holds no text of theirs. */
function renderInput(voice: CardVoice, change: PendingChange): TemplateResult | typeof nothing {
  const { t } = voice;
  if (change.kind === 'preferences') return nothing;
  const item = change.kind === 'checklist';
  const note = change.kind === 'note';
  const label = (key: string) =>
    item && key === 'done' ? t('syncItemDone')
    : item && key === 'note' ? t('syncItemNote')
    : note && key === 'subject' ? t('syncNoteSubject')
    : note && key === 'body' ? t('syncNoteBody')
    : (CONTACT_FIELDS as readonly string[]).includes(key) ? t(`field.${key as ContactField}`)
    : key;
  const value = (key: string, text: string) => (item && key === 'done' ? t(text === 'true' ? 'syncYes' : 'syncNo') : text || t('noValue'));
  return html`<details>
    <summary>${t('syncYouWrote')}</summary>
    <dl>
      ${Object.entries(change.input).map(([key, text]) => html`<dt>${label(key)}</dt><dd>${value(key, text)}</dd>`)}
    </dl>
  </details>`;
}

/** What can be done with a change that could not be saved, besides discarding it. */
function renderRemedy(voice: CardVoice, change: PendingChange, actions: SyncBannerActions): TemplateResult | typeof nothing {
  const { t } = voice;
  if (change.state === 'refused') return html`<button type="button" @click=${() => actions.retry(change.id)}>${t('syncRetry')}</button>`;
  if (change.kind !== 'contact') return html`<button type="button" @click=${() => actions.sendAnyway(change.id)}>${t('syncSendAnyway')}</button>`;
  if (change.contactId === actions.contactId) return html`<button type="button" @click=${actions.compare}>${t('syncCompare')}</button>`;
  const id = change.contactId;
  return id ? html`<button type="button" @click=${() => actions.open(id)}>${t('syncOpenContact')}</button>` : nothing;
}

function renderFailed(voice: CardVoice, change: PendingChange, actions: SyncBannerActions): TemplateResult {
  const { t } = voice;
  const why =
    change.fields?.archived === 'archived' ? t('syncRefusedArchived')
    // Given up after a few sends the server failed on while it answered: no refusal, and not out of reach.
    : change.state === 'refused' && change.code === 'unavailable' ? t('syncRefusedFailing')
    : change.state === 'refused' ? t('syncRefused', { reason: voice.reasonOf(change.code ?? 'unavailable', change.kind === 'contact') })
    : change.kind === 'contact' ? t(change.contactId === actions.contactId ? 'syncConflict' : 'syncConflictElsewhere')
    : t('syncChecklistConflict');
  return html`<li>
    <strong>${t(`syncKind.${change.kind}`)}</strong> · <span>${voice.date(change.at, true)}</span>
    <p>${why}</p>
    ${renderInput(voice, change)} ${renderRemedy(voice, change, actions)}
    <button type="button" @click=${(event: MouseEvent) => event.detail < 2 && actions.discard(change.id)}>${t('syncDiscard')}</button>
  </li>`;
}

/** When the server last answered: its time today, else its day too (the device keeps it across visits). */
function lastConnected(voice: CardVoice, iso: string): string {
  const today = new Date(iso).toDateString() === new Date().toDateString();
  return today ? voice.t('syncLastOnline', { time: voice.time(iso) }) : voice.t('syncLastOnlineOn', { date: voice.date(iso), time: voice.time(iso) });
}

/**
 * The connection and the outbox of an adapter with a copy on the device: offline or signed out
 * by the server (what the reader sees is the device's copy, and changes wait), sending, and the changes that could not
 * be saved, each with why, what the user wrote, and what can be done.
 */
export function renderSyncBanner(voice: CardVoice, state: SyncState, actions: SyncBannerActions): TemplateResult | typeof nothing {
  const { t } = voice;
  const { connection, waiting, failed, lastOnline, signInRefused } = state;
  // A status region is read whole whenever anything in it changes: only the connection is in it.
  // The count changes with each save kept on the device (which the card says itself), and a
  // button's name is no news.
  const status =
    connection === 'offline'
      ? html`<div part="banner sync" class="notice warning sync">
          <p><span role="status">${t(signInRefused ? 'syncSignInRefused' : 'syncOffline')}</span> ${lastOnline ? lastConnected(voice, lastOnline) : nothing} ${waiting ? t('syncWaiting', { count: waiting }) : nothing}</p>
          <button type="button" @click=${() => actions.retry()}>${t('syncTryNow')}</button>
        </div>`
      : waiting
        ? html`<p part="banner sync" class="notice sync" role="status">${t('syncSending', { count: waiting })}</p>`
        : nothing;
  // The live region has said it; here it stays for whoever looked away or missed it.
  const failure = actions.failure ? html`<p part="banner error" class="notice sync-action-failed">${actions.failure}</p>` : nothing;
  // Only the count of changes that could not be saved is an alert: the list, read again in full
  // at each change of one entry, is there to browse.
  return html`${status}${failure}${failed.length
    ? html`<div part="banner error" class="notice sync-failed">
        <p role="alert">${t('syncFailed', { count: failed.length })}</p>
        <ul>
          ${failed.map((change) =>
            // Each change keeps its own buttons: a Discard pressed (focused, or under the pointer)
            // never becomes the next change's when the list moves up. A double-click's second
            // click discards nothing either; there is no undo.
            keyed(change.id, renderFailed(voice, change, actions)),
          )}
        </ul>
      </div>`
    : nothing}`;
}

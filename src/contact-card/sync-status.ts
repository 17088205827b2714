import { nothing, type ReactiveController, type ReactiveElement, type TemplateResult } from 'lit';
import type { LiftAdapter } from '../data/contract/adapter.js';
import type { SyncApi, SyncState } from '../data/contract/sync.js';
import { LiftSyncStateEvent } from '../sync-events.js';
import type { MessageTables } from '../i18n/localize.js';
import type { EditSession } from './edit-session.js';
import { syncMessages } from './messages-sync.js';
import { renderSyncBanner } from './parts/sync-banner.js';
import type { CardVoice } from './voice.js';

export interface SyncStatusOptions {
  adapter(): LiftAdapter;
  contactId(): string | undefined;
  session: EditSession;
  voice: CardVoice;
  /** Opens another contact in the card (one whose change is in conflict, to compare it there). */
  open(id: string): Promise<void>;
  /** Adds the words the offline part shows to the card's. */
  extend(tables: MessageTables<string>): Promise<unknown>;
}

/**
 * The card's side of an adapter that keeps a copy on the device (`adapter.sync`): follows its
 * connection and outbox, tells the host (`lift-sync-state`), shows them in a banner, and opens
 * the conflict dialog when a save kept on the device met a colleague's change to the same fields
 * of the contact shown, once per change. The card loads it (with its words) only for such an
 * adapter.
 */
export class SyncStatus implements ReactiveController {
  state: SyncState | undefined;
  /** Resolves once the words are here in the language shown. */
  readonly ready: Promise<unknown>;
  #sync: SyncApi | undefined;
  /** The last `sync` followed (kept while the card is detached: the same one again is no other outbox). */
  #followed: SyncApi | undefined;
  #stop: (() => void) | undefined;
  /** The conflicts opened by themselves already: after the user closed one, the banner offers it. */
  readonly #opened = new Set<string>();
  #shownContact: string | undefined;
  /** The users whose changes waited after the last "every change has been sent" said to them. */
  readonly #sending = new Set<string>();
  /** Focus was in the banner when the update began. */
  #focusInBanner = false;
  /** The banner's actions on their way, and the line that holds focus meanwhile (see hostUpdated). */
  #acting = 0;
  #holder: HTMLElement | undefined;
  /** The first field of a change of the contact shown that was just discarded. */
  #discarded: string | undefined;

  constructor(
    private readonly host: ReactiveElement,
    private readonly options: SyncStatusOptions,
  ) {
    this.ready = options.extend(syncMessages);
    host.addController(this);
  }

  hostConnected(): void {
    this.#follow();
  }

  hostDisconnected(): void {
    this.#stop?.();
    this.#stop = this.#sync = undefined;
  }

  hostUpdate(): void {
    // A failed action is its user's: the next user to sign in on the device did not press it.
    if (this.#failure && this.#failure.user !== this.#userId()) this.#failure = undefined;
    const focused = (this.host.renderRoot as ShadowRoot).activeElement;
    this.#focusInBanner = !!focused?.closest('[part~="sync"], .sync-failed');
    this.#follow();
    // A contact that came to show may have a change in conflict waiting.
    const shown = this.options.session.record?.id;
    if (shown && shown === this.options.contactId() && shown !== this.#shownContact) {
      this.#shownContact = shown;
      void this.openConflict();
    }
  }

  /**
   * A banner's button that had focus may go with what it did (Discard, Connect now, Send again):
   * focus that fell to the page goes to the next thing to do, or the field a discarded change
   * held (failing those, the card gives it to the contact's name, as for any banner).
   */
  hostUpdated(): void {
    const root = this.host.renderRoot as ShadowRoot;
    if (!this.#focusInBanner || root.activeElement || document.activeElement !== document.body) return;
    const field = this.#discarded && `#field-${this.#discarded}`;
    this.#discarded = undefined;
    for (const selector of ['.sync-failed button', '[part~="sync"] button', field]) {
      const next = selector && root.querySelector<HTMLElement>(selector);
      if (next) return next.focus();
    }
    // An action still on its way (Send again: the change is being sent, and may come back
    // refused): the line saying so holds focus meanwhile, not the contact's name.
    const status = this.#acting ? root.querySelector<HTMLElement>('[part~="sync"]') : null;
    if (!status) return;
    status.tabIndex = -1;
    status.focus();
    this.#holder = status;
  }

  /** An action settled: focus the line held goes to what is left to act on, if anything. */
  async #settled(): Promise<void> {
    await this.host.updateComplete;
    const root = this.host.renderRoot as ShadowRoot;
    if (!this.#holder || root.activeElement !== this.#holder) return;
    this.#holder = undefined;
    (root.querySelector<HTMLElement>('.sync-failed button') ?? root.querySelector<HTMLElement>('[part~="sync"] button'))?.focus();
  }

  /** Follows the adapter's `sync` (another adapter, or one without: nothing shows). */
  #follow(): void {
    const sync = this.host.isConnected ? this.options.adapter().sync : undefined;
    if (sync === this.#sync) return;
    this.#stop?.();
    // Another copy's outbox (a host swapped the adapter): what waited in the one followed before
    // was not sent by this one, and an action that failed there is not this one's to retry.
    if (sync && sync !== this.#followed) {
      this.#sending.clear();
      this.#failure = undefined;
      this.#followed = sync;
    }
    this.#sync = sync;
    this.#stop = sync?.watch((state) => this.#changed(state));
    if (sync) this.#changed(sync.state());
    else this.state = undefined;
  }

  #changed(state: SyncState): void {
    const before = this.state;
    this.state = state;
    // Nothing left to act on: a failed action's words go with the banner.
    if (!state.failed.length && !state.waiting && state.connection === 'online') this.#failure = undefined;
    this.host.requestUpdate();
    /** @ignore documented on the card */
    this.host.dispatchEvent(new LiftSyncStateEvent(state));
    // The user's changes waited since the last time all were sent: once the adapter is back
    // online with none waiting and none refused, that is said. The outbox empties while the
    // adapter is still syncing, so the two rarely arrive in the same state. Each user has an
    // outbox of their own: after another user signs in, what waits for the previous one is not
    // counted, and was not sent. Nothing is sent while offline: what stopped waiting then was
    // removed or discarded, and nothing of it will be sent.
    const user = this.#userId();
    if (state.waiting) this.#sending.add(user);
    else if (state.connection === 'offline' && before?.connection === 'offline') this.#sending.delete(user);
    else if (state.connection === 'online' && this.#sending.delete(user) && !state.failed.length) {
      void this.ready.then(() => this.options.voice.announce('syncSent'));
    }
    if (state.failed.some((f) => f.state === 'conflict' && f.contactId === this.options.contactId())) void this.openConflict();
  }

  /** Opens the conflict of the contact shown in the card's dialog (by itself only once per change). */
  async openConflict(again = false): Promise<void> {
    const id = this.options.contactId();
    const sync = this.#sync;
    if (!id || !sync || !this.state?.failed.some((f) => f.state === 'conflict' && f.contactId === id)) return;
    const conflict = await sync.conflict(id);
    if (!conflict || (!again && this.#opened.has(conflict.change)) || this.options.contactId() !== id) return;
    this.#opened.add(conflict.change);
    await this.options.session.resumeConflict(conflict);
  }

  /** Connect now, Send again (given its change's id): a try that found the server still away, or the sign-in still refused, is said, not met with silence. */
  async #retry(sync: SyncApi, id?: string): Promise<void> {
    await sync.retry(id);
    const { connection, signInRefused } = sync.state();
    if (connection === 'offline') this.options.voice.announce(signInRefused ? 'syncStillRefused' : 'syncStillOffline');
  }

  /** Discards a change; one of the contact shown leaves the form too (it came back there when its conflict was closed). */
  async #discard(sync: SyncApi, id: string): Promise<void> {
    const change = this.state?.failed.find((f) => f.id === id);
    const contactId = change?.kind === 'contact' ? change.contactId : undefined;
    const fields = Object.keys(change?.input ?? {});
    if (contactId && contactId === this.options.contactId()) this.#discarded = fields[0];
    await sync.discard(id);
    // The form lets go of the change's fields if its contact shows once the discard is done.
    if (contactId) this.options.session.discardKept(contactId, fields);
  }

  /** Who is signed in now: the banner's failures and "all sent" are theirs alone. */
  #userId(): string {
    return this.options.adapter().session.currentUser().id;
  }

  /** Why the banner's last action failed (in the reader's language at each render), and whose action it was. */
  #failure: { user: string; say: () => string } | undefined;

  /** Runs a banner's action: one that fails (a refusal, a full storage) is said with its reason, where focus stays, and shows in the banner. */
  async #try(action: () => Promise<void>): Promise<void> {
    const user = this.#userId();
    this.#failure = undefined;
    this.#acting++;
    this.host.requestUpdate();
    try {
      await action();
    } catch (error) {
      // The discarded change's field is no place for focus: the change stays.
      this.#discarded = undefined;
      // Neither shown nor said to the next user signed in meanwhile: the action was not theirs.
      if (this.#userId() !== user) return;
      const { voice } = this.options;
      this.#failure = { user, say: () => voice.t('actionFailed', { reason: voice.reason(error) }) };
      this.host.requestUpdate();
      voice.announce('actionFailed', { reason: voice.reason(error) });
    } finally {
      if (!--this.#acting) void this.#settled();
    }
  }

  render(): TemplateResult | typeof nothing {
    const { state } = this;
    const sync = this.#sync;
    if (!state || !sync) return nothing;
    return renderSyncBanner(this.options.voice, state, {
      contactId: this.options.contactId(),
      retry: (id) => void this.#try(() => this.#retry(sync, id)),
      discard: (id) => void this.#try(() => this.#discard(sync, id)),
      sendAnyway: (id) => void this.#try(() => sync.sendAnyway(id)),
      compare: () => void this.openConflict(true),
      open: (id) => void this.options.open(id),
      failure: this.#failure?.say(),
    });
  }
}

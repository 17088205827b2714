import type { ReactiveController, ReactiveElement } from 'lit';
import { provideSharedReads, SharedReads } from '../context/shared-reads.js';
import type { DataChange, LiftAdapter, LifecycleNotice } from '../data/contract/adapter.js';
import { LiftDataError } from '../data/contract/errors.js';
import type { Relation } from '../data/contract/model.js';
import { checkContact } from '../data/contract/shape.js';
import { focusFell, latestLoad } from '../internal/latest-load.js';
import type { EditSession } from './edit-session.js';
import { checklistDetail, type ChecklistDetail, type ChecklistFailure } from './parts/details.js';
import type { ProjectsController } from './parts/projects.js';
import { CARD_TYPE } from '../vocabulary.js';
import type { UserContext } from './user-context.js';
import type { CardVoice } from './voice.js';

export type LoadState = 'idle' | 'loading' | 'ready' | 'not-found' | 'error';

export interface ContactLoaderOptions {
  contactId(): string | undefined;
  session: EditSession;
  user: UserContext;
  projects: ProjectsController;
  voice: CardVoice;
  /** Another contact opens, or another user signs in: what the card shows for the previous one goes (its question, its dialog). */
  cleared(): void;
  /** Whether the checklist detail tab shows (its data is read only then). */
  checklistDetailShown(): boolean;
}

/**
 * Loads what a card shows of one contact — the record (into the edit session), its relation,
 * the user's context, the projects and, when its tab shows, the checklist detail — once per
 * open; a newer load cancels an older one. Shares the open's reads with the elements inside the
 * card, and follows the change feed.
 */
export class ContactLoader implements ReactiveController {
  state: LoadState = 'idle';
  error: unknown;
  relation: Relation | undefined;
  /** Why the relation could not be read (the contact has one: it is no "no relation"). */
  relationError: unknown;
  /** A failed relation read is being tried again: the card says it loads, not that there is none. */
  relationReading = false;
  checklist: ChecklistDetail | ChecklistFailure | undefined;
  /** Another tab upgraded or removed the database: this card can no longer read or write. */
  lifecycleError = false;
  /** Why the last refresh failed, and the record it left on screen (any newer one shown makes it old news). */
  refreshFailed: { error: unknown; record: unknown } | undefined;
  /** Told of each change the feed brings: the item detail follows the entry it shows. */
  entryHeard: ((change: DataChange | LifecycleNotice) => void) | undefined;
  /** Reads the entry in the item detail again: a refresh waits for it (the feed may have dropped its news). */
  entryRefresh: (() => Promise<void>) | undefined;
  /** This open's reads, shared with the elements inside the card. */
  #shared: { adapter: LiftAdapter; contactId: string; reads: SharedReads } | undefined;
  #load: AbortController | undefined;
  #checklistRead: AbortController | undefined;
  #loadedFor: unknown[] = [];
  /**
   * The relation last read, with the backend and user it was read for: a move to a colleague at
   * the same relation shows it without reading it again. Any relation change heard forgets it.
   */
  #kept: [LiftAdapter, string, Relation] | undefined;
  /** Relation changes heard so far: a read one overtook is made again. */
  #heard = 0;
  /** The contact whose open last cleared the card: trying it again is not moving on. */
  #openedFor: string | undefined;
  #loading: Promise<unknown> = Promise.resolve();
  /** The action dialog a refusal waits for (see `refused`). */
  #refusedAfter: EventTarget | undefined;

  constructor(
    readonly host: ReactiveElement,
    private readonly options: ContactLoaderOptions,
  ) {
    provideSharedReads(host, () => this.#shared);
    host.addController(this);
    // Which checklist items apply is the contact's: archived or not, as the card shows it now.
    options.user.contact = {
      archived: () => Boolean(options.session.record?.archived),
      definitions: () => {
        const adapter = this.#shared?.adapter;
        return adapter?.checklists ? this.#definitions(adapter, true) : Promise.reject(new Error('no checklist'));
      },
    };
  }

  /** Resolves once the newest load has settled. */
  get loaded(): Promise<void> {
    return latestLoad(() => this.#loading);
  }

  hostDisconnected(): void {
    this.#load?.abort();
    this.#checklistRead?.abort();
    // Re-attached, it loads afresh: the feed was not heard meanwhile. The contact and user stay
    // known, so edits on screen stay as they are (not offered back as restored from storage).
    this.#loadedFor[0] = undefined;
    this.#kept = undefined;
  }

  /** The user the last load was for: another one's loads all of it anew (record, relation, choices, projects, checklist). */
  get readsFor(): unknown {
    return this.#loadedFor[2];
  }

  /** Loads when the adapter, the contact or the user changed since the last load. */
  sync(adapter: LiftAdapter): void {
    const contactId = this.options.contactId();
    const userId = adapter.session.currentUser().id;
    const [lastAdapter, lastContact, lastUser] = this.#loadedFor;
    if (lastAdapter === adapter && lastContact === contactId && lastUser === userId) return;
    const session = this.options.session;
    const sameContact = lastContact === contactId && session.record?.id === contactId;
    const otherUser = lastUser !== undefined && lastUser !== userId;
    // The unsaved edits on screen belong to the user who typed them, not to the next one; nor
    // does a question or dialog with their text (a write on its way ends on its own).
    if (sameContact && otherUser) session.changeUser();
    if (otherUser) {
      // Nor are the previous user's layout choices and her role's templates and reports: the
      // card shows the defaults until the next user's have been read.
      this.options.user.reset();
      this.options.cleared();
    }
    // Nor her projects (archived ones among them, which the next user may have no right to see),
    // nor another backend's: the tab says they are being read until the next read answers.
    if (otherUser || (lastAdapter && lastAdapter !== adapter)) this.options.projects.clear(otherUser);
    this.#loadedFor = [adapter, contactId, userId];
    void this.reload(adapter, { restoreDraft: !sameContact || !session.dirty });
    if (otherUser) {
      // Nor are the ticks in the checklist detail theirs: it shows the next user's once read.
      this.#checklistRead?.abort();
      this.#set({ checklist: undefined });
      if (this.options.checklistDetailShown()) void this.loadChecklist(adapter);
    }
  }

  /** Reads the contact again; resolves with why a refresh of the contact on screen failed (it stays on screen, said by `refreshFailure`), else undefined. */
  reload(adapter: LiftAdapter, options: { restoreDraft: boolean; fresh?: boolean }): Promise<unknown> {
    // Asked afresh (Refresh, Try again) while the adapter takes the server to be away, whose own
    // probe may wait up to 30 s: the server is asked first, once, so the contact and the entry in
    // the item detail are read from it if it answers.
    const sync = options.fresh ? adapter.sync : undefined;
    const reached = sync?.state().connection === 'offline' ? sync.retry().catch(() => {}) : undefined;
    this.#loading = this.#fetch(adapter, options, reached);
    const entry = options.fresh && this.entryRefresh ? Promise.resolve(reached).then(() => this.entryRefresh?.()) : undefined;
    return entry ? Promise.all([this.#loading, entry]).then(([failed]) => failed) : this.#loading;
  }

  /** Why the last refresh failed, in words, while `record` is the one it left on screen. */
  refreshFailure(record: unknown): (() => string) | undefined {
    const failed = this.refreshFailed;
    const { voice } = this.options;
    return failed && failed.record === record ? () => voice.t('refreshFailed', { reason: voice.reason(failed.error) }) : undefined;
  }

  #set(changes: Partial<Pick<ContactLoader, 'state' | 'error' | 'relation' | 'relationError' | 'relationReading' | 'checklist' | 'lifecycleError' | 'refreshFailed'>>): void {
    Object.assign(this, changes);
    this.host.requestUpdate();
  }

  /** `reached`: the server asked first (see `reload`); the reads wait for its answer. */
  async #fetch(adapter: LiftAdapter, { restoreDraft, fresh = false }: { restoreDraft: boolean; fresh?: boolean }, reached?: Promise<void>): Promise<unknown> {
    const { session, user, projects } = this.options;
    this.#load?.abort();
    const { signal } = (this.#load = new AbortController());
    const contactId = this.options.contactId();
    if (session.record?.id !== contactId && this.#openedFor !== contactId) {
      // Another contact: nothing of the previous one may stay on screen or be saved onto this one.
      session.clear();
      projects.clear();
      this.#checklistRead?.abort();
      this.#set({ relation: undefined, relationError: undefined, relationReading: false, checklist: undefined });
      this.options.cleared();
    }
    if (this.#shared && this.#shared.adapter !== adapter) {
      // Another backend's checklist detail (or its failure, whose retry reads the old one) goes.
      this.#checklistRead?.abort();
      this.#set({ checklist: undefined });
    }
    this.#openedFor = contactId;
    // A refresh failure is said until the next read: one that fails again is said again.
    if (this.refreshFailed) this.#set({ refreshFailed: undefined });
    if (!contactId) return this.#set({ state: 'idle' });
    const reads = new SharedReads();
    this.#shared = { adapter, contactId, reads };
    if (!session.record) this.#set({ state: 'loading' });
    if (reached) {
      await reached;
      if (signal.aborted) return;
    }
    // A refresh of a card that shows: its checklist detail, when shown, is read again once loaded
    // (a card that comes to show reads it as its tab comes to show: see the card's willUpdate).
    const refreshed = fresh && this.state === 'ready';
    void projects.load(adapter, contactId);
    // The record on screen when this load began: a newer one that arrives meanwhile (the user's
    // own save, a colleague's change heard on the feed) is not replaced by what this load read.
    const shown = session.record;
    try {
      // Not cancelled with this load: the checklist inside the card may share the answer.
      const answer = await reads.get(`contact:${contactId}`, () => adapter.contacts.get(contactId));
      const read = checkContact(answer, contactId);
      const [[relation, relationError] = [], choices] = await Promise.all([
        signal.aborted ? undefined : this.#relation(adapter, read.relationId, fresh, signal),
        user.read(adapter, fresh, () => this.#definitions(adapter)),
      ]);
      if (signal.aborted) return;
      const now = session.record;
      const contact = now && now !== shown && now.id === read.id && now.version > read.version ? now : read;
      user.apply(choices);
      this.#set({ relation, relationError, relationReading: false, state: 'ready' });
      // A save waiting on the device shows as saved there: the session follows it once it is sent or refused.
      session.open(contact, restoreDraft, contact === read ? Boolean(adapter.sync?.isPending(answer)) : session.keptOnDevice);
      // This open's reads are new: the states come from the store again, the definitions with the choices' read.
      if (refreshed && this.options.checklistDetailShown()) void this.loadChecklist(adapter);
    } catch (error) {
      if (signal.aborted) return;
      const state = LiftDataError.is(error, 'not-found') ? 'not-found' : 'error';
      // A refresh of the contact on screen that failed leaves it there, with what was read before: the card says why.
      if (refreshed && state === 'error' && session.record?.id === contactId) {
        this.#set({ refreshFailed: { error, record: session.record } });
        return (this.options.voice.report('load', error), error);
      }
      this.#set({ error, state });
      if (state === 'error') this.options.voice.report('load', error);
    }
  }

  /**
   * The contact's relation: the one last read when it is the same (and not asked `fresh`), else
   * read; none and why when that fails. A relation change heard while it was read may be newer
   * than the answer, and the feed's re-read skips a contact not shown yet: it is read again then.
   */
  async #relation(adapter: LiftAdapter, id: string, fresh: boolean, signal?: AbortSignal): Promise<[Relation | undefined, unknown]> {
    const user = adapter.session.currentUser().id;
    const [readBy, readFor, kept] = this.#kept ?? [];
    if (!fresh && readBy === adapter && readFor === user && kept?.id === id) return [kept, undefined];
    let heard: number;
    let read: [Relation | undefined, unknown];
    do {
      heard = this.#heard;
      read = await adapter.relations.get(id, { signal }).then((relation) => [relation, undefined], (error: unknown) => [undefined, error]);
    } while (!signal?.aborted && heard !== this.#heard);
    if (read[0] && !signal?.aborted) this.#kept = [adapter, user, read[0]];
    return read;
  }

  /**
   * The contact is no longer the user's to read (archived by a colleague, and she may not see
   * archived contacts): the card shows the refusal an open would, and a save of it that failed
   * is no longer hers to try again. Her edits stay in the draft store and come back if it is
   * readable again. An action dialog open (`dialog`) stays, with its text (its write is refused
   * as any is): the contact is read again once it closes. Focus that was in the card (or in that
   * dialog, on its way back) goes to the refusal, not to the page.
   */
  async refused(adapter: LiftAdapter, dialog?: EventTarget): Promise<void> {
    const { session } = this.options;
    if (dialog) {
      const closed = () => void session.follow().finally(() => this.#refusedAfter === dialog && (this.#refusedAfter = undefined));
      if (this.#refusedAfter !== dialog) dialog.addEventListener('close', closed, { once: true });
      this.#refusedAfter = dialog;
      return;
    }
    const root = this.host.shadowRoot;
    const inside = Boolean(root?.activeElement) || this.#refusedAfter !== undefined;
    session.saveError = undefined;
    await this.reload(adapter, { restoreDraft: true });
    await this.host.updateComplete;
    if (inside && focusFell(root)) root?.querySelector<HTMLElement>('.refused')?.focus();
  }

  /** Reads the shown contact's relation again (its read failed). */
  async retryRelation(adapter: LiftAdapter): Promise<void> {
    const relationId = this.options.session.record?.relationId;
    if (!relationId) return;
    this.#set({ relationError: undefined, relationReading: true });
    const [relation, relationError] = await this.#relation(adapter, relationId, true);
    if (this.options.session.record?.relationId === relationId) this.#set({ relation, relationError, relationReading: false });
  }

  /** Reads of the current open (a throwaway set before the first one). */
  #reads(): SharedReads {
    return this.#shared?.reads ?? new SharedReads();
  }

  #definitions(adapter: LiftAdapter, fresh = false) {
    return this.#reads().get(`definitions:${CARD_TYPE}`, () => adapter.checklists!.definitions(CARD_TYPE), fresh);
  }

  /** The checklist items in detail, read when their tab shows. */
  async loadChecklist(adapter: LiftAdapter, fresh = false): Promise<void> {
    const contactId = this.options.contactId();
    if (!adapter.checklists || !contactId || this.state !== 'ready') return;
    // A newer read (or another contact) makes this one stale: its answer is dropped.
    this.#checklistRead?.abort();
    const { signal } = (this.#checklistRead = new AbortController());
    try {
      const [definitions, states] = await Promise.all([
        this.#definitions(adapter, fresh),
        this.#reads().get(`states:${contactId}`, () => adapter.checklists!.states(contactId), fresh),
      ]);
      if (!signal.aborted) this.#set({ checklist: checklistDetail(definitions, states) });
    } catch (error) {
      // Said in the detail, with a retry that shows it loading again.
      const retry = () => {
        this.#set({ checklist: undefined });
        void this.loadChecklist(adapter, true);
      };
      if (!signal.aborted) this.#set({ checklist: { failed: () => this.options.voice.reason(error), retry } });
    }
  }

  /** What the feed says changed, and what of it this card shows. */
  async changed(adapter: LiftAdapter, change: DataChange | LifecycleNotice): Promise<void> {
    this.entryHeard?.(change);
    if (!('resource' in change)) {
      if (change.type === 'version-change') this.#set({ lifecycleError: true });
      return;
    }
    if (change.resource === 'relation') {
      // Changed while no contact of it shows (between two opens, or none open), it is read again when one does.
      this.#heard++;
      this.#kept = undefined;
    }
    const { session, user, projects } = this.options;
    const id = this.options.contactId();
    if (!id) return;
    const record = session.record;
    // A change naming no ids (a feed reset, a bulk import) may concern this contact too.
    if (change.resource === 'contact' && (change.ids.includes(id) || !change.ids.length)) {
      // A checklist shown later (its tab again) reads the contact as it is now (archived or not).
      this.#reads().forget(`contact:${id}`);
      // Shown as missing, and now stored (a host seeding an empty database, a colleague's import);
      // or unread, and perhaps readable now (an adapter back online says everything changed).
      if (this.state === 'not-found' || this.state === 'error') await this.reload(adapter, { restoreDraft: true });
      else {
        // The change is compared with what a load on its way brings (one for another user, begun
        // before this was heard), never with the record on screen: nothing the new user reads is
        // news from elsewhere.
        await this.loaded;
        await session.follow();
      }
    } else if (change.resource === 'work' && (!change.contactId || change.contactId === id)) {
      void projects.load(adapter, id);
    } else if (change.resource === 'relation' && record && change.ids.includes(record.relationId)) {
      const [relation] = await this.#relation(adapter, record.relationId, true);
      if (relation && session.record?.relationId === relation.id) this.#set({ relation, relationError: undefined, relationReading: false });
    } else if (change.resource === 'preferences' && change.origin === 'remote') {
      await user.reloadPreferences(adapter);
    } else if ((change.resource === 'checklist' && (!change.contactId || change.contactId === id)) || change.resource === 'checklist-definition') {
      // A checklist shown later (its tab again) reads the states as they are now, not as first read.
      this.#reads().forget(`states:${id}`);
      if (this.options.checklistDetailShown()) void this.loadChecklist(adapter, true);
      if (change.resource === 'checklist-definition') {
        const items = await this.#definitions(adapter, true).catch(() => undefined);
        if (items) user.setChecklistItems(items);
      }
    }
  }
}

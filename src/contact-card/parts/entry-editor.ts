import { html, nothing, type ReactiveElement, type TemplateResult } from 'lit';
import type { DataChange, LifecycleNotice, LiftAdapter } from '../../data/contract/adapter.js';
import { isOwnRecord, type TimelineEntry } from '../../data/contract/model.js';
import { isDeviceNote } from '../../data/contract/sync.js';
import { LiftDataError } from '../../data/contract/errors.js';
import { LIMITS } from '../../data/contract/validation.js';
import { draftKey, keepDraft, keptDraft } from '../../internal/browser-drafts.js';
import { focusFell } from '../../internal/latest-load.js';
import type { CardPartMessage } from '../messages-parts.js';
import type { Ask, CardVoice } from '../voice.js';

type Key = Extract<CardPartMessage, `entryEdit.${string}`>;

/** What the item detail needs of the card to let the author correct or delete an entry. */
export interface EntryContext {
  /** The card's loader: its element, and each change the feed brings while the card is in the page (the card's one subscription). */
  loader: {
    readonly host: ReactiveElement;
    entryHeard: ((change: DataChange | LifecycleNotice) => void) | undefined;
    /** Called by the card's Refresh, which waits for it: the entry shown is read again. */
    entryRefresh: (() => Promise<void>) | undefined;
  };
  adapter: LiftAdapter;
  /** The contact takes no writes (archived, or the user may not edit). */
  readOnly: boolean;
  ask: Ask;
}

interface EditorState {
  /** The entry being edited (its id). */
  editing?: string;
  /** The entries being written (their ids): their forms and buttons wait for each one's own answer. */
  busy: Set<string>;
  /** What went wrong with which entry, put into words at each render (the reader may switch language meanwhile); `long`: its text is over what the adapter takes. */
  error?: { id: string; words: () => string; long?: boolean };
  /** What the adapter answered for an entry saved here, or read again: shown instead of the older copy. */
  saved?: TimelineEntry;
  /** The re-read (its count in `reads`) whose copy is `saved`: a save sent before it began answers with an older copy. */
  savedRead?: number;
  /** The card's copy of it when it was saved: a copy chosen since (perhaps corrected elsewhere since) is shown as it is. */
  savedOver?: TimelineEntry;
  removed?: string;
  /** The card's copy last shown, followed in the adapter's feed while the card is in the page. */
  picked?: TimelineEntry;
  /** The editor made at the last render: it has the card's adapter and words of now. */
  latest: EntryEditor;
  /** Counts re-reads: only the newest answer is shown. */
  reads: number;
  /** A short confirmation after a save (of the entry saved), put into words at each render. */
  notice?: () => string;
  /**
   * What each user typed for each entry (keyed by user and entry id), kept in the browser too (a
   * reload loses none of it; without storage it stays for the page): the item detail shows another
   * entry, or none, when the card shows another contact, and the form shows it again with its
   * entry. `open`: the form was open, not closed with Escape; a page that has none open yet opens
   * it again. Cancel or a save drops that entry's text only. An entry looked up in the browser
   * once is in the map, undefined when nothing was kept: a render reads the storage no more.
   */
  drafts: Map<string, Correction | undefined>;
}

interface Correction {
  subject: string;
  body: string;
  open?: boolean;
  /**
   * The entry's text when typing began, or as last taken in: a field that differs from it was
   * typed in. The entry shown with a text other than this was corrected elsewhere meanwhile
   * (while another entry showed, or no page did).
   */
  from: Text;
  /** Corrected elsewhere, in a field typed here, since the form opened: Save replaces that correction, which the form says. */
  clash?: boolean;
}

type Text = Pick<TimelineEntry, 'subject' | 'body'>;
const textOf = ({ subject, body }: Text): Text => ({ subject, body });

const states = new WeakMap<object, EditorState>();

/** The start of `text` on one line, cut after a whole word within 50 characters, with an ellipsis when cut. */
function opening(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  if (line.length <= 50) return line;
  // Whole characters: an emoji is two code units, and half of one shows as a box.
  const cut = line.slice(0, 50).replace(/[\uD800-\uDBFF]$/, '');
  return `${cut.slice(0, cut.lastIndexOf(' ') > 0 ? cut.lastIndexOf(' ') : 50)}…`;
}

/**
 * The author's own corrections to an entry they recorded by hand (a note, call, meeting,
 * e-mail or task): edit its subject and text in place, or delete it after a question. Others'
 * entries, generated ones, viewers and archived contacts get no buttons, and the adapter refuses
 * them too.
 */
export class EntryEditor {
  readonly #state: EditorState;
  readonly #t: (key: Key, params?: Record<string, string | number>) => string;

  /** `voice` has the editor's words: they come with the card's other words for its lazily loaded parts. */
  constructor(
    private readonly ctx: EntryContext,
    private readonly voice: CardVoice,
  ) {
    let state = states.get(ctx.loader.host);
    if (!state) {
      const made: EditorState = (state = { busy: new Set(), drafts: new Map(), latest: this, reads: 0 });
      ctx.loader.entryHeard = (change) => made.latest.#heard(change);
      ctx.loader.entryRefresh = () => made.latest.#refresh();
      states.set(ctx.loader.host, made);
    }
    state.latest = this;
    this.#state = state;
    this.#t = (key, params) => voice.t(key, params);
  }

  /** The entry as last saved here (the card's copy may be older), or undefined once deleted. */
  shown(entry: TimelineEntry): TimelineEntry | undefined {
    this.#state.picked = entry;
    const { saved, savedOver, removed } = this.#state;
    if (removed === entry.id) return undefined;
    // Matched by the copy corrected, not by id: a note written offline and sent since is corrected
    // under the server's id, and the answer carries that id.
    return saved && savedOver === entry ? saved : entry;
  }

  renderRemoved(): TemplateResult {
    return html`<p class="empty" role="status">${this.#t('entryEdit.removed')}</p>`;
  }

  /** The Edit and Delete buttons, or the form while editing; nothing for what the user may not change. */
  render(entry: TimelineEntry): TemplateResult | typeof nothing {
    const { adapter, readOnly } = this.ctx;
    if (readOnly || !isOwnRecord(entry, adapter.session.currentUser().id)) return nothing;
    const t = this.#t;
    const state = this.#state;
    // Said with its own entry: the card may show another, of another contact, by the time it fails.
    const error = state.error?.id === entry.id ? html`<p part="error" role="alert">${state.error.words()}</p>` : nothing;
    const busy = state.busy.has(entry.id);
    const kept = this.#follow(entry);
    // A correction left open by a page before this one (a reload) opens again, unless another is open.
    if (state.editing === undefined && kept?.open) state.editing = entry.id;
    if (state.editing === entry.id) {
      // What this user typed (another who takes over the card starts from the entry). Plain
      // bindings: a render while typing leaves the fields alone unless what is kept changed.
      const typed = kept ?? entry;
      return html`<form
        class="entry-edit panel-body"
        aria-label=${t('entryEdit.editing')}
        @submit=${(event: SubmitEvent) => this.#save(event, entry)}
        @keydown=${(event: KeyboardEvent) => this.#escape(event, entry)}
        @input=${(event: Event) => this.#typed(event, entry)}
      >
        <label>${t('entryEdit.subject')} <input name="subject" .value=${typed.subject} maxlength=${LIMITS.subject} ?readonly=${busy} /></label>
        <label>${t('entryEdit.body')} <textarea name="body" rows="4" .value=${typed.body} ?readonly=${busy} aria-invalid=${state.error?.id === entry.id && !!state.error.long}></textarea></label>
        ${kept?.clash ? html`<p role="status">${t('entryEdit.changed')}</p>` : nothing} ${error}
        <div class="actions">
          <button type="submit" ?disabled=${busy}>${t('entryEdit.save')}</button>
          <button type="button" ?disabled=${busy} @click=${() => this.#stop(entry)}>${t('entryEdit.cancel')}</button>
        </div>
      </form>`;
    }
    return html`<div class="actions entry-actions">
        <button type="button" class="entry-edit-button" ?disabled=${busy} @click=${() => this.#start(entry)}>${t('entryEdit.edit')}</button>
        <button type="button" class="entry-remove-button" ?disabled=${busy} @click=${() => void this.#remove(entry)}>${t('entryEdit.remove')}</button>
      </div>
      ${error}${state.notice && state.saved?.id === entry.id ? html`<p role="status">${state.notice()}</p>` : nothing}`;
  }

  #update(changes: Partial<EditorState>): void {
    Object.assign(this.#state, changes);
    this.ctx.loader.host.requestUpdate();
  }

  /**
   * Focus to `selector` once rendered; with `fallen`, only where focus fell to the page (the user
   * did not move it). `'here'`: also where it is now in the entry's form or buttons, which this
   * render takes away; focus the user moved elsewhere while a write was under way stays there.
   */
  #focus(selector: string, fallen: boolean | 'here' = false): void {
    const { host } = this.ctx.loader;
    const here = fallen === 'here' && Boolean(host.shadowRoot?.activeElement?.closest('.entry-actions, form.entry-edit'));
    void host.updateComplete.then(() => (!fallen || here || focusFell(host.shadowRoot)) && host.renderRoot.querySelector<HTMLElement>(selector)?.focus());
  }

  /** Where what this user typed for this entry is kept (another who takes over the card starts from the entry). */
  #key(entry: TimelineEntry): string {
    return draftKey(this.ctx.adapter, 'entry', entry.id);
  }

  /** What this user typed for `entry`: on this page, or kept by an earlier one. */
  #draft(entry: TimelineEntry): Correction | undefined {
    const key = this.#key(entry);
    const { drafts } = this.#state;
    if (!drafts.has(key)) {
      const { subject, body, open, from, clash } = keptDraft(key) ?? {};
      // Kept before its start was kept with it: taken to start from the entry as it shows now.
      const start = (from as Text | null | undefined) ?? textOf(entry);
      drafts.set(key, typeof subject === 'string' && typeof body === 'string' ? { subject, body, open: open === true, from: start, clash: clash === true } : undefined);
    }
    return drafts.get(key);
  }

  /**
   * What this user typed for `entry`, with what was corrected elsewhere since it began: a field not
   * typed in takes the entry's text as it is now; one typed in keeps what was typed, and the
   * correction is marked, to be said.
   */
  #follow(entry: TimelineEntry): Correction | undefined {
    const draft = this.#draft(entry);
    if (!draft || (draft.from.subject === entry.subject && draft.from.body === entry.body)) return draft;
    const next: Correction = { ...draft, from: textOf(entry) };
    for (const field of ['subject', 'body'] as const) {
      if (draft[field] === draft.from[field]) next[field] = entry[field];
      else if (entry[field] !== draft.from[field] && entry[field] !== draft[field]) next.clash = true;
    }
    this.#keep(entry, next);
    return next;
  }

  /** Keeps `draft` as what this user (or whose `key` it is) typed for `entry`, or (undefined) forgets it, here and in the browser. */
  #keep(entry: TimelineEntry, draft: Correction | undefined, key = this.#key(entry)): void {
    this.#state.drafts.set(key, draft);
    keepDraft(key, draft);
  }

  /** Opens the form: with what was typed for this entry and closed with Escape, or the entry. */
  #start(entry: TimelineEntry): void {
    this.#update({ editing: entry.id, error: undefined, notice: undefined });
    this.#focus('form.entry-edit input');
  }

  #typed(event: Event, entry: TimelineEntry): void {
    const form = new FormData(event.currentTarget as HTMLFormElement);
    this.#keep(entry, { ...this.#started(entry), subject: String(form.get('subject') ?? ''), body: String(form.get('body') ?? ''), open: true });
  }

  /** What was typed for `entry` so far, or a correction that starts from it now. */
  #started(entry: TimelineEntry): Correction {
    return this.#draft(entry) ?? { ...textOf(entry), from: textOf(entry) };
  }

  /** Closes the form; unless `keep` (Escape), what was typed for the entry goes with it. */
  #stop(entry: TimelineEntry, keep = false): void {
    const draft = this.#draft(entry);
    if (!keep) this.#keep(entry, undefined);
    else if (draft?.open) this.#keep(entry, { ...draft, open: false });
    this.#update({ editing: undefined, error: undefined, notice: undefined });
    this.#focus('.entry-edit-button');
  }

  /** Escape closes the form as Cancel does, but keeps what was typed: Edit shows it again. */
  #escape(event: KeyboardEvent, entry: TimelineEntry): void {
    if (event.key !== 'Escape' || event.isComposing) return;
    event.preventDefault();
    event.stopPropagation();
    // While it is saved the form waits for the answer, which closes it.
    if (!this.#state.busy.has(entry.id)) this.#stop(entry, true);
  }

  async #save(event: SubmitEvent, entry: TimelineEntry): Promise<void> {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    const subject = String(form.get('subject') ?? '');
    const body = String(form.get('body') ?? '');
    if (!subject.trim() && !body.trim()) return this.#update({ error: { id: entry.id, words: () => this.#t('entryEdit.required') } });
    // Sent, it could only be refused: it stays here, marked, to be shortened.
    if (body.length > LIMITS.body) return this.#update({ error: { id: entry.id, words: () => this.#t('entryEdit.tooLong', { max: LIMITS.body }), long: true } });
    // Kept as sent, for the user who sent it: a failure shows it again with its entry. Their key is
    // taken now: another user may have the card by the time the answer comes.
    const key = this.#key(entry);
    this.#keep(entry, { ...this.#started(entry), subject, body, open: true }, key);
    // Saved again over what was saved (or read again) here before: the card still holds the copy
    // from before that. Taken now: a copy read again while this is saved takes the place of `saved`.
    const state = this.#state;
    const over = entry === state.saved ? state.savedOver : entry;
    // Re-reads begun from here on follow changes made after it was sent, perhaps by others after it landed.
    const reads = state.reads;
    state.busy.add(entry.id);
    this.#update({ error: undefined });
    try {
      const saved = await this.ctx.adapter.timeline.update(entry.id, { subject, body });
      // Only this entry's own answer ends its wait: another's may still be under way.
      state.busy.delete(entry.id);
      // A copy of it read again since (a correction made elsewhere came in first) stays: the answer is older.
      const newer = state.savedRead !== undefined && state.savedRead > reads && (state.saved?.id === entry.id || state.saved?.id === saved.id);
      if (!newer) Object.assign(state, { saved, savedOver: over, savedRead: undefined });
      this.#keep(entry, undefined, key);
      // A note still waiting on the device (written offline) is corrected there: kept, not saved yet.
      const kept = Boolean(this.ctx.adapter.sync?.isPending(saved));
      const notice = () => this.#t(kept ? 'entryEdit.kept' : 'entryEdit.saved');
      // Its form closes (what was typed went above), focus to Edit if it was in the form or fell;
      // one the user opened on another entry meanwhile stays, with focus.
      if (state.editing === entry.id) {
        this.#update({ editing: undefined, error: undefined, notice });
        this.#focus('.entry-edit-button', 'here');
      } else this.#update({ notice });
    } catch (error) {
      state.busy.delete(entry.id);
      this.#update({ error: { id: entry.id, words: this.#failed(error) } });
      // Save was disabled while it ran, which took the focus from it: back there, to try again.
      this.#focus('form.entry-edit button[type="submit"]', true);
    }
  }

  /**
   * A change that names the entry shown: deleted, it is said gone; corrected, it is read again.
   * Bulk changes (a feed reset, a device back online) name none: the entry stays as shown (a
   * note written offline has its device's id until it is sent, and the server knows it by another).
   */
  #heard(change: DataChange | LifecycleNotice): void {
    const picked = this.#state.picked;
    if (!picked || !('resource' in change) || change.resource !== 'timeline' || !change.ids.includes(picked.id) || this.#state.removed === picked.id) return;
    if (change.type === 'deleted') void this.#gone(picked);
    else void this.#reread(picked);
  }

  /** The entry shown was deleted: said in its place, and what was typed for it goes; focus in its buttons or form goes to the detail's tab. */
  async #gone(picked: TimelineEntry): Promise<void> {
    const { host } = this.ctx.loader;
    const state = this.#state;
    const focused = (host.renderRoot as ShadowRoot).activeElement?.closest('.entry-actions, form.entry-edit');
    this.#keep(picked, undefined);
    this.#update({ removed: picked.id, notice: undefined, ...(state.editing === picked.id ? { editing: undefined } : {}) });
    await host.updateComplete;
    if (focused && focusFell(host.shadowRoot)) this.#focus('[part~="detail-tabs"] [aria-selected="true"]');
  }

  /**
   * The card's Refresh: the entry shown is read again, as the feed (which may have dropped its
   * news) would have had it; one gone from where it was is said deleted.
   */
  #refresh(): Promise<void> {
    const { picked, removed } = this.#state;
    return picked && removed !== picked.id ? this.#reread(picked, true) : Promise.resolve();
  }

  /**
   * Reads the entry again, by the instant it occurred at (a correction keeps it; the entries
   * of that instant may take more than a page), and shows it as it is now (a correction being
   * typed follows it: see `#follow`). Not found there, it stays as shown; with `missing`, it is
   * said deleted, unless it is a note written on this device, which the server knows by another
   * id once it has arrived. What a device kept while the server is out of reach is neither: it
   * may be older than what shows, or from before the entry was written.
   */
  async #reread(picked: TimelineEntry, missing = false): Promise<void> {
    const state = this.#state;
    const read = ++state.reads;
    const { adapter } = this.ctx;
    const to = new Date(Date.parse(picked.occurredAt) + 1).toISOString();
    let fresh: TimelineEntry | undefined;
    let cursor: string | undefined;
    do {
      // A failed read leaves the entry as shown: the next change reads it again.
      const page = await adapter.timeline.query(picked.contactId, { from: picked.occurredAt, to, limit: 100, cursor }).catch(() => undefined);
      if (read !== state.reads || state.picked !== picked || !page || adapter.sync?.isStale(page)) return;
      fresh = page.items.find((e) => e.id === picked.id);
      cursor = page.next;
    } while (!fresh && cursor);
    if (!fresh) return void (missing && !isDeviceNote(picked.id) && (await this.#gone(picked)));
    // Deleted meanwhile (`shown` says so), or the same as shown (a save of this card's): nothing to follow.
    const before = this.shown(picked);
    if (!before || (fresh.subject === before.subject && fresh.body === before.body)) return;
    this.#update({ saved: fresh, savedOver: picked, savedRead: read, notice: undefined });
  }

  /**
   * What a correction or removal that did not work says. A note written offline and sent with no
   * answer yet may be on the server already, as it was sent (the error then carries it): it is
   * changed once it has arrived, which the user is told instead of "cannot be reached".
   */
  #failed(error: unknown): () => string {
    if (LiftDataError.is(error, 'unavailable') && error.current) return () => this.#t('entryEdit.onItsWay');
    return () => this.#t('entryEdit.failed', { reason: this.voice.reason(error) });
  }

  async #remove(entry: TimelineEntry): Promise<void> {
    const t = this.#t;
    const choice = await this.ctx.ask(() => t('entryEdit.confirmTitle'), () => t('entryEdit.confirm', { subject: entry.subject || opening(entry.body) }), [
      { id: 'cancel', label: () => t('entryEdit.cancel'), focus: true },
      { id: 'remove', label: () => t('entryEdit.remove'), primary: true },
    ]);
    if (choice !== 'remove') return;
    const { busy } = this.#state;
    busy.add(entry.id);
    this.#update({ error: undefined, notice: undefined });
    try {
      await this.ctx.adapter.timeline.remove(entry.id);
      busy.delete(entry.id);
      this.#update({ removed: entry.id });
      // The buttons went with the entry: focus left on them (or fallen) stays in the detail, on its tab.
      this.#focus('[part~="detail-tabs"] [aria-selected="true"]', 'here');
    } catch (error) {
      busy.delete(entry.id);
      this.#update({ error: { id: entry.id, words: this.#failed(error) } });
      this.#focus('.entry-remove-button', true);
    }
  }
}

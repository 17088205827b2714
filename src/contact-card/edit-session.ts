import type { ReactiveControllerHost } from 'lit';
import { LiftDataError } from '../data/contract/errors.js';
import { CONTACT_FIELDS, type Contact, type ContactDetails, type ContactField } from '../data/contract/model.js';
import type { OfflineConflict } from '../data/contract/sync.js';
import { checkContact } from '../data/contract/shape.js';
import { fullName } from '../data/contract/text.js';
import { LiftConflictEvent, LiftContactSavedEvent } from '../events.js';
import { askAbout, chosenDraft } from './conflict-choice.js';
import { ContactDraft, DraftStore, restoredDraft, type Conflict } from './contact-draft.js';
import type { ContactCardMessage } from './messages.js';
import type { EditSessionOptions } from './voice.js';

/** What the card shows of a contact: a newer version that changes none of it has nothing to tell. */
const SHOWN = [...CONTACT_FIELDS, 'relationId', 'archived'] as const;

/** How often a save follows a newer version by itself before it gives up and asks. */
const MAX_AUTO_MERGES = 3;

/**
 * The edit session of one contact: the stored record, the user's draft on top of it, saving
 * with the version the draft started from, merging field by field when someone saved meanwhile,
 * the per-field conflict, undo, and the draft kept in the browser until it is saved.
 */
export class EditSession {
  record: Contact | undefined;
  draft: ContactDraft | undefined;
  /** Fields the user left at least once: their problems show. */
  touched = new Set<ContactField>();
  /** Contacts whose save is on its way: one may still be going after the card moved on. */
  #saving = new Set<string>();
  /** The save asked for last of each contact, until it is done (merging and saving again included). */
  readonly #saves = new Map<string, Promise<boolean>>();
  /** Why the last save did not happen, put into words in the reader's language at each render. */
  saveError: (() => string) | undefined;
  /** Saves and archives of contacts shown before that failed after the card moved on: whose, and whether edits wait (each said until the card moves on again). */
  awayErrors: (() => string)[] = [];
  /** A newer version stored elsewhere while the user has edits. */
  elsewhere: Contact | undefined;
  /** When this card last saved the contact; shown until the next edit. */
  savedAt: string | undefined;
  /** The user's conflict choices kept their values in every field, so nothing was left to save; said until the next edit. */
  theirsKept = false;
  /** The record shown is a save waiting on the device (the server could not be reached): kept, not saved yet. */
  keptOnDevice = false;
  /** When the restored draft was written. */
  restoredAt: string | undefined;
  conflict: Conflict | undefined;
  /** The last conflict closed without applying: its choices are offered again where the same values meet. */
  #closed: Conflict | undefined;
  /** The browser would not keep the draft (private mode, full storage): say so. */
  draftUnavailable = false;
  /** Contacts a feed change named while a write of theirs was on its way: look again when it lands. */
  #missed = new Set<string>();
  /** An archive or unarchive in flight: its own echo on the feed is not news from elsewhere. */
  #archiving = false;
  /** Fields this card edited (or restored), the ones it writes to and forgets from the draft store. */
  #owned = new Set<ContactField>();
  /** What this card last stored of those fields: it forgets only a stored edit still its own, never another card's typed since. */
  #written: Partial<ContactDetails> = {};
  /** The edits of the last save the adapter could not confirm (`unavailable`: it may have landed): a newer record holding them means it did. */
  #unsure: Partial<ContactDetails> | undefined;

  constructor(private readonly host: ReactiveControllerHost & EventTarget, private readonly options: EditSessionOptions) {}

  get dirty(): boolean {
    return Boolean(this.draft?.dirty);
  }

  /** The shown contact's save is on its way: its form and buttons wait. Another contact's save does not hold this one. */
  get saving(): boolean {
    const id = this.options.contactId();
    return id !== undefined && this.#saving.has(id);
  }

  /** Nothing may be written: no record, archived, or a user without the right. */
  get readOnly(): boolean {
    return !this.record || this.record.archived || !this.options.adapter().session.can('edit');
  }

  #changed(): void {
    this.host.requestUpdate();
  }

  #store(adapter = this.options.adapter()): DraftStore {
    return new DraftStore(`${adapter.scope ?? 'adapter'}:${adapter.session.currentUser().id}`);
  }

  /** Another contact: nothing of the previous one may stay or be saved onto the next. */
  clear(): void {
    [this.record, this.draft, this.draftUnavailable] = [undefined, undefined, false];
    this.#reset();
  }

  /** Another user now works on this card: the previous user's edits leave the screen, kept in her draft store; this user starts from the record (or a draft of his own the reload finds). */
  changeUser(): void {
    this.draft = this.record && ContactDraft.of(this.record);
    this.#reset();
  }

  /** What the card says about the edits on screen: none of it holds for another contact or user. */
  #reset(): void {
    this.elsewhere = this.conflict = this.#closed = this.saveError = this.restoredAt = this.savedAt = this.#unsure = undefined;
    [this.keptOnDevice, this.theirsKept, this.awayErrors] = [false, false, []];
    [this.touched, this.#owned, this.#written] = [new Set(), new Set(), {}];
    this.#changed();
  }

  /** The record as loaded (`kept`: a save waiting on the device); with `restoreDraft`, a kept draft comes back on top (a card with edits of it keeps them, and compares). */
  open(contact: Contact, restoreDraft: boolean, kept = false): void {
    [this.record, this.keptOnDevice, this.elsewhere] = [contact, kept, undefined];
    this.#changed();
    const restored = restoreDraft ? restoredDraft(this.#store(), contact) : undefined;
    if (restored) {
      const { draft, savedAt } = restored;
      [this.draft, this.restoredAt, this.#written] = [draft, savedAt, { ...draft.edits }];
      this.touched = new Set(draft.dirtyFields);
      this.#owned = new Set(draft.dirtyFields);
      this.options.voice.announce('draftRestored', { time: this.options.voice.date(savedAt, true) });
      return;
    }
    if (this.draft?.dirty && this.draft.base.id === contact.id) {
      // Reloaded under the user's edits (another adapter or user): keep them; a newer record is one to compare with, saved through the conflict path.
      if (contact.version !== this.draft.base.version) this.elsewhere = contact;
      return;
    }
    this.draft = ContactDraft.of(contact);
  }

  edit(field: ContactField, value: string): void {
    if (!this.draft || !this.options.contactId()) return;
    const draft = this.draft.with(field, value);
    // Typed back to the version it started from while a newer one came from elsewhere: that one shows, nothing is left to compare.
    const newer = !draft.dirty && this.record!.version > draft.base.version;
    [this.draft, this.elsewhere] = newer ? [ContactDraft.of(this.record!), undefined] : [draft, this.elsewhere];
    [this.saveError, this.savedAt, this.theirsKept] = [undefined, undefined, false];
    this.#owned.add(field);
    this.#keep();
    this.#changed();
  }

  touch(field: ContactField): void {
    if (this.touched.has(field)) return;
    this.touched = new Set(this.touched).add(field);
    this.#changed();
  }

  /** Writes this card's fields of the draft to the browser (`rebased`: as edits of the newer record it now starts from); says so when it cannot. */
  #keep(rebased = false): void {
    if (!this.draft || this.draft.base.id !== this.options.contactId()) return;
    const { edits } = this.draft;
    this.draftUnavailable = !this.#store().save(this.draft.base.id, this.draft, this.#owned, this.#written, rebased);
    if (!this.draftUnavailable) this.#written = Object.fromEntries([...this.#owned].filter((field) => field in edits).map((field) => [field, edits[field]]));
  }

  /**
   * Saves the edits; resolves `true` when they landed (or there were none). Asked for while a save
   * is on its way (a host's `save()` after the user's), it waits for that one, then saves what was
   * typed meanwhile (`false` when that one did not land); a card moved on meanwhile saves nothing
   * unasked: `true` when nothing of this contact waits in the draft store. While a conflict waits
   * for the user's choices it sends nothing and resolves `false`: the dialog's button saves them.
   */
  save(attempt = 0): Promise<boolean> {
    const id = this.draft?.base.id ?? '';
    const before = this.#saves.get(id);
    if (before && !attempt) return before.then((landed) => landed && (this.draft?.base.id === id ? this.save() : !this.#store().load(id)));
    const saving = this.#save(attempt).finally(() => this.#saves.get(id) === saving && this.#saves.delete(id));
    this.#saves.set(id, saving);
    return saving;
  }

  async #save(attempt: number): Promise<boolean> {
    const { voice } = this.options;
    const draft = this.draft;
    // The contact the edits belong to; never saved onto whichever contact shows now.
    const id = draft?.base.id;
    // Sent now, the edits would meet the same conflict again and clear the choices made in its dialog.
    if (!draft || !id || id !== this.options.contactId() || this.saving || this.conflict) return !draft?.dirty && !this.conflict;
    if (!draft.dirty) return true;
    const problems = Object.keys(draft.problems) as ContactField[];
    if (problems.length) {
      this.touched = new Set([...this.touched, ...draft.dirtyFields]);
      this.saveError = () => voice.t('fixFirst', { count: problems.length });
      this.#changed();
      await this.options.showField(problems[0]!);
      return false;
    }
    const adapter = this.options.adapter();
    const store = this.#store(adapter);
    const user = adapter.session.currentUser().id;
    // The user who saved may hand the screen to another before the answer comes: the edits are
    // hers, kept in her draft store, and nothing of the answer is shown or asked of the next user.
    const handedOn = () => this.options.adapter().session.currentUser().id !== user;
    const [changes, fields] = [draft.changes, draft.dirtyFields];
    this.#saving.add(id);
    this.saveError = undefined;
    this.#changed();
    voice.announce('saving');
    let result = false;
    let conflict: { current: Contact | undefined } | undefined;
    try {
      const answer = await adapter.contacts.update(id, draft.base.version, changes);
      const kept = Boolean(adapter.sync?.isPending(answer));
      const saved = checkContact(answer, id);
      // Landed: forget what was saved and say so, even when the card has moved on meanwhile.
      store.forget(id, fields, changes);
      result = true;
      if (handedOn()) {
        // The next user's card reads the saved record when this save is done.
        this.#missed.add(id);
      } else if (this.options.contactId() === id) this.#landed(saved, changes, kept);
      // The card shows another contact: say whose changes landed (or wait on this device).
      else voice.announce(kept ? 'keptAway' : 'savedAway', { name: fullName(draft.base) });
      /** @ignore documented on the card */
      if (!kept) this.host.dispatchEvent(new LiftContactSavedEvent(saved, fields));
    } catch (error) {
      if (LiftDataError.is(error, 'conflict') && this.options.contactId() === id && !handedOn()) {
        conflict = { current: error.current as Contact | undefined };
      } else {
        // The edits stay, on screen and in the draft store. A card moved on says whose edits did not
        // save, and whether they come back; one handed on says nothing (they come back with her).
        if (handedOn()) this.#missed.add(id);
        else if (this.options.contactId() === id) this.saveError = () => voice.t('saveFailed', { reason: voice.reason(error, true) });
        else this.#failedAway(draft, LiftDataError.is(error, 'conflict') ? () => voice.t('awayConflict') : () => voice.reason(error, true));
        if (LiftDataError.is(error, 'unavailable') && !handedOn() && this.options.contactId() === id) this.#unsure = changes;
        voice.report('save', error);
      }
    } finally {
      this.#saving.delete(id);
      this.#changed();
    }
    if (conflict) return this.#onConflict(draft, conflict.current, attempt, handedOn);
    void this.#catchUp(id);
    return result;
  }

  /** `changes` are stored, in `saved` (`kept`: on the device): the card shows it and says so; edits typed since stay on top. */
  #landed(saved: Contact, changes: Partial<ContactDetails>, kept: boolean): void {
    this.record = saved;
    const later = Object.fromEntries(Object.entries(this.draft?.edits ?? {}).filter(([field, value]) => changes[field as ContactField] !== value));
    this.draft = ContactDraft.of(saved).rebase(saved, later);
    for (const field of Object.keys(changes) as ContactField[]) if (!(field in later)) this.#owned.delete(field);
    this.elsewhere = this.restoredAt = this.saveError = this.#unsure = undefined;
    [this.touched, this.savedAt, this.keptOnDevice] = [new Set(Object.keys(later) as ContactField[]), new Date().toISOString(), kept];
    this.options.voice.announce(kept ? 'syncKept' : 'saved');
  }

  /** A save of `draft`'s contact did not land after the card moved on: say whose edits, and whether they wait for it. */
  #failedAway(draft: ContactDraft, reason: () => string): void {
    const kept = Boolean(this.#store().load(draft.base.id));
    this.#away(() => this.options.voice.t(kept ? 'saveFailedAway' : 'saveLostAway', { name: fullName(draft.base), reason: reason() }));
  }

  #away(words: () => string): void {
    this.awayErrors = [...this.awayErrors, words];
    this.#changed();
  }

  /** A save met a newer version: merge what does not overlap, ask about what does. */
  async #onConflict(draft: ContactDraft, current: Contact | undefined, attempt: number, handedOn = () => false): Promise<boolean> {
    const id = draft.base.id;
    let theirs: Contact;
    try {
      theirs = checkContact(current ?? (await this.options.adapter().contacts.get(id)), id);
    } catch (error) {
      if (handedOn()) return false;
      if (this.options.contactId() === id) this.saveError = () => this.options.voice.t('saveFailed', { reason: this.options.voice.reason(error, true) });
      else this.#failedAway(draft, () => this.options.voice.reason(error, true));
      this.#changed();
      return false;
    }
    // The user moved to another contact, or handed the screen on, meanwhile: the edits wait in the draft store.
    if (handedOn()) return false;
    // The edits on screen now: the user may have typed while the stored record was read.
    const now = this.draft;
    if (this.options.contactId() !== id || now?.base.id !== id) {
      if (this.options.contactId() !== id) this.#failedAway(draft, () => this.options.voice.t('awayConflict'));
      return false;
    }
    const { merged, conflicts } = now.merge(theirs);
    this.record = theirs;
    this.#changed();
    /** @ignore documented on the card */
    this.host.dispatchEvent(new LiftConflictEvent(id, conflicts.map((c) => c.field), Object.keys(merged) as ContactField[], theirs));
    if (!conflicts.length && attempt < MAX_AUTO_MERGES) {
      this.draft = ContactDraft.of(theirs).rebase(theirs, merged);
      this.#keep(true);
      if (this.draft.dirty) return this.save(attempt + 1);
      // A colleague saved the same values: nothing is left to send, and the edits are saved (a host hears so too).
      [this.elsewhere, this.restoredAt, this.savedAt, this.touched] = [undefined, undefined, new Date().toISOString(), new Set()];
      this.options.voice.announce('saved');
      /** @ignore documented on the card */
      this.host.dispatchEvent(new LiftContactSavedEvent(theirs, draft.dirtyFields));
      return true;
    }
    this.conflict = askAbout(theirs, { merged, conflicts }, 'save', this.#closed);
    return false;
  }

  /** A save kept on the device met a colleague's change to the same fields: the user chooses, as for a save (edits made meanwhile stay on top). */
  resumeConflict({ original, mine, theirs }: OfflineConflict): Promise<boolean> | undefined {
    if (this.options.contactId() !== original.id || this.conflict || this.saving) return;
    const draft = (this.draft = ContactDraft.of(original).rebase(original, { ...mine, ...(this.draft?.base.id === original.id ? this.draft.edits : {}) }));
    for (const field of draft.dirtyFields) this.#owned.add(field);
    this.options.keepFocus();
    return this.#onConflict(draft, theirs, MAX_AUTO_MERGES);
  }

  choose(field: ContactField, side: 'mine' | 'theirs'): void {
    if (!this.conflict) return;
    this.conflict = { ...this.conflict, choices: { ...this.conflict.choices, [field]: side } };
    this.#changed();
  }

  /** Takes the chosen sides on top of their record; a conflict met while saving saves them. */
  async applyChoices(): Promise<void> {
    const conflict = this.conflict;
    const draft = this.draft;
    if (!conflict || !draft || !this.options.contactId()) return;
    const chosen = chosenDraft(conflict, draft);
    // Saved again elsewhere while the dialog was open: that newer record stays shown (and said, over edits).
    const newer = this.record && this.record.version > conflict.theirs.version ? this.record : undefined;
    this.record = newer ?? conflict.theirs;
    this.draft = newer && !chosen.dirty ? ContactDraft.of(newer) : chosen;
    this.elsewhere = chosen.dirty ? newer : undefined;
    this.saveError = this.conflict = undefined;
    // Their value chosen for every field: nothing is left to send, and the save line and the live region say so.
    if ((this.theirsKept = !chosen.dirty)) this.options.voice.announce('theirsKept');
    this.#keep(true);
    this.#changed();
    if (conflict.mode === 'save') await this.save();
  }

  /** The conflict dialog closed without choosing: not saved, and the user can come back to it. */
  dismissConflict(): void {
    const conflict = this.conflict;
    if (!conflict) return;
    [this.conflict, this.#closed] = [undefined, conflict];
    // Saved again elsewhere while the dialog was open: the next comparison is with that record.
    this.elsewhere = this.record && this.record.version > conflict.theirs.version ? this.record : conflict.theirs;
    if (conflict.mode === 'save') this.saveError = () => this.options.voice.t('conflictPending');
    this.#changed();
  }

  /** A save kept on the device was discarded (the sync banner's Discard): its fields show the record again, edits to others stay. Only while `contactId`'s draft shows (the card may have moved on). */
  discardKept(contactId: string, fields: readonly string[]): void {
    const { record, draft } = this;
    if (!record || draft?.base.id !== record.id || record.id !== contactId || this.conflict) return;
    const edits = Object.fromEntries(draft.dirtyFields.filter((field) => !fields.includes(field)).map((field) => [field, draft.value(field)]));
    for (const field of fields) this.#owned.delete(field as ContactField);
    [this.draft, this.elsewhere, this.saveError] = [ContactDraft.of(record).rebase(record, edits), undefined, undefined];
    this.#keep(true);
    this.#changed();
  }

  /** Compares the edits with the record stored elsewhere; merges by itself when nothing overlaps. */
  compare(): void {
    const theirs = this.elsewhere;
    if (!theirs || !this.draft) return;
    const { merged, conflicts } = this.draft.merge(theirs);
    if (!conflicts.length) {
      // Nothing overlaps: take their record with my edits on top, and say nothing more.
      [this.draft, this.elsewhere] = [ContactDraft.of(theirs).rebase(theirs, merged), undefined];
      this.#keep(true);
      this.#changed();
      this.options.voice.announce('updatedElsewhere');
      return;
    }
    this.options.keepFocus();
    this.conflict = askAbout(theirs, { merged, conflicts }, 'compare', this.#closed);
    this.#changed();
  }

  undo(): void {
    const id = this.options.contactId();
    if (!this.record || !id) return;
    this.#store().forget(id, this.#owned, this.#written);
    [this.draft, this.touched, this.#owned, this.#written, this.draftUnavailable] = [ContactDraft.of(this.record), new Set(), new Set(), {}, false];
    this.saveError = this.restoredAt = this.elsewhere = undefined;
    this.#changed();
    this.options.voice.announce('undone');
  }

  /** The user keeps the restored draft: the notice goes. */
  keepRestored(): void {
    this.restoredAt = undefined;
    this.#changed();
  }

  /** With unsaved edits, asks save / discard / cancel; resolves whether to go on. `failed`: runs when the Save chosen did not land (not a stay). */
  async settle(message: ContactCardMessage, failed?: () => void): Promise<boolean> {
    // A save on its way holds the form, so it carries everything typed: leaving lets it land on its
    // own contact, and the card says how it went (asking would offer a Save that cannot start, and a
    // Discard of what is sent; anything unsaved stays in the draft store, back with the contact).
    if (!this.dirty || (message === 'unsavedLeave' && this.saving)) return true;
    const { t } = this.options.voice;
    const answer = await this.options.ask(() => t('unsavedTitle'), () => t(message), [
      ...(this.readOnly ? [] : [{ id: 'save', label: () => t('save'), primary: true }]), // none for an archived contact
      { id: 'discard', label: () => t('discard') },
      { id: 'cancel', label: () => t('cancel'), focus: true },
    ]);
    if (answer === 'save') return (await this.save()) || Boolean(failed?.());
    if (answer === 'discard') {
      this.undo();
      return true;
    }
    return false;
  }

  /** The contact changed somewhere else: a clean card follows, a dirty one says so; one the user may no longer read (archived by a colleague, and she may not see archived contacts) is `refused`, whoever asked (a save or archive ending meanwhile too); one shown archived stays, as the user herself archived it here. `known`: the record as it is now, carried by a refusal for an older version (read only without one). Resolves with the read's failure, if any. */
  async follow(known?: unknown): Promise<unknown> {
    const id = this.options.contactId();
    if (this.saving || this.#archiving) {
      if (id) this.#missed.add(id);
      return;
    }
    if (!id || !this.record) return;
    const adapter = this.options.adapter();
    // Unreadable or damaged: nothing to follow; the next change notice or open tries again.
    let failed: unknown;
    const sure = (answer: unknown) => [answer as object, checkContact(answer, id)] as const;
    // The server's record, not read through an offline copy, which lays what still waits on the device over it.
    const read = await Promise.resolve(adapter.sync ? undefined : known).then(sure).catch(() => adapter.contacts.get(id).then(sure)).catch((error: unknown) => void (failed = error));
    if (!read && LiftDataError.is(failed, 'permission') && this.options.contactId() === id && !this.record?.archived) await this.options.refused?.();
    if (!read) return failed;
    const [answer, current] = read;
    const waits = Boolean(adapter.sync?.isPending(answer));
    // Our own save, an older echo, or another contact by now: nothing new to show. A save kept on the device
    // shows at the version it started from, as does the server's contact once it is refused (then not "saved").
    const shown = this.record;
    if (this.options.contactId() !== id || !shown || current.version < shown.version) return;
    const same = SHOWN.every((key) => current[key] === shown[key]);
    const settled = this.keptOnDevice && !waits;
    if (current.version === shown.version && (same || !settled)) return;
    this.record = current;
    if (settled) [this.keptOnDevice, this.savedAt] = [false, same ? this.savedAt : undefined];
    const landed = this.#unsure && this.draft?.landedIn(current, this.#unsure);
    if (same && this.draft?.base.version === shown.version) {
      // What the card shows, under a newer version: edits go on top of it. A draft from before a colleague's change shown meanwhile stays, so its save asks.
      this.draft = this.draft.rebase(current);
    } else if (landed) {
      // The save whose answer was lost landed after all (or someone saved the same values): saved, as when its answer comes.
      this.#store(adapter).forget(id, Object.keys(landed) as ContactField[], landed);
      this.#landed(current, landed, waits);
      /** @ignore documented on the card */
      if (!waits) this.host.dispatchEvent(new LiftContactSavedEvent(current, Object.keys(landed) as ContactField[]));
    } else if (this.draft?.dirty) {
      this.elsewhere = current;
    } else {
      this.draft = ContactDraft.of(current);
      // A refused save is the sync status's to tell, with its reason: not news from elsewhere. Archived meanwhile: the form is read-only now, and that is said.
      if (!settled) this.options.voice.announce(current.archived && !shown.archived ? 'archivedElsewhere' : 'updatedElsewhere');
    }
    this.#changed();
  }

  #catchUp(id: string, known?: unknown): Promise<unknown> | undefined {
    // Another contact's write landing first leaves this one's mark for its own.
    return this.#missed.delete(id) && this.options.contactId() === id ? this.follow(known) : undefined;
  }

  /** Archives or unarchives after asking; edits made from the version archived follow it. */
  async archive(archived: boolean, showError: (words: (() => string) | undefined) => void): Promise<void> {
    const record = this.record;
    if (!record) return;
    const { t } = this.options.voice;
    const name = fullName(record);
    const answer = await this.options.ask(() => t(archived ? 'archiveTitle' : 'unarchiveTitle'), () => t(archived ? 'archiveMessage' : 'unarchiveMessage', { name }), [
      { id: 'confirm', label: () => t(archived ? 'archiveConfirm' : 'unarchiveConfirm'), primary: true },
      { id: 'cancel', label: () => t('cancel'), focus: true },
    ]);
    // What changed while the question was open counts: archive the record as it is now.
    const latest = this.record;
    if (answer !== 'confirm' || latest?.id !== record.id) return;
    showError(undefined);
    this.#archiving = true;
    let failed: { error: unknown } | undefined;
    try {
      const saved = checkContact(await this.options.adapter().contacts.setArchived(latest.id, latest.version, archived), latest.id);
      if (this.options.contactId() !== saved.id) return;
      this.record = saved;
      const draft = this.draft;
      this.draft = !draft?.dirty ? ContactDraft.of(saved) : draft.base.version === latest.version ? draft.rebase(saved) : draft;
      this.#changed();
      this.options.voice.announce(archived ? 'archivedDone' : 'unarchivedDone');
    } catch (error) {
      failed = { error };
      this.options.voice.report(archived ? 'archive' : 'unarchive', error);
      if (LiftDataError.is(error, 'conflict')) this.#missed.add(latest.id);
    } finally {
      this.#archiving = false;
    }
    // Refused for an older version: the newer one (carried by the refusal, else read) is in place before the words say it is loaded; a failed read is said instead.
    const reread = await this.#catchUp(latest.id, LiftDataError.is(failed?.error, 'conflict') ? failed.error.current : undefined);
    if (!failed) return;
    const reason = () => this.options.voice.reason(LiftDataError.is(failed.error, 'conflict') ? (reread ?? failed.error) : failed.error, true);
    // Moved on meanwhile: said as the failed saves of a contact shown before are, with its name.
    if (this.options.contactId() === latest.id) showError(() => t('actionFailed', { reason: reason() }));
    else this.#away(() => t(archived ? 'archiveFailedAway' : 'unarchiveFailedAway', { name, reason: reason() }));
  }
}

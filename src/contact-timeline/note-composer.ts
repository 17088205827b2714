import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import type { LiftAdapter } from '../data/contract/adapter.js';
import { LiftDataError } from '../data/contract/errors.js';
import { RECORDED_KINDS, type RecordedKind } from '../data/contract/model.js';
import { EARLIEST_ENTRY, LIMITS, yearAfter } from '../data/contract/validation.js';
import { errorWords } from '../i18n/error-words.js';
import type { LocalizeController } from '../i18n/localize.js';
import { draftKey, keepDraft, keptDraft } from '../internal/browser-drafts.js';
import { RepeatableCreate } from '../internal/repeatable-create.js';
import type { TimelineMessage, TimelineWords } from './messages.js';

export { composerMessages } from './messages-composer.js';

interface PendingNote {
  key: number;
  /** The contact the note was written for; it is saved there, whichever contact shows now. */
  contactId: string;
  kind: RecordedKind;
  /** When it happened or is planned (now, stamped at Save, when left empty); absent only in a note kept by a page that did not stamp it: saved as now. */
  occurredAt?: string;
  subject: string;
  body: string;
  /**
   * Why its save failed, and whether it may have been saved all the same (its answer lost): put
   * into words when shown, in the language of the overview that shows it. `interrupted`: found
   * in the browser after a reload, sent by a page that closed before its answer came.
   */
  failure?: { error: unknown; doubt: boolean } | 'interrupted';
  /** Its save, sent again as the same request when the user retries (see `RepeatableCreate`). */
  create: RepeatableCreate;
}

/** The form as the user filled it in, field by field (`when` as the date input holds it). */
interface FormDraft {
  kind: string;
  when: string;
  subject: string;
  body: string;
  /** What keeps it from being saved, said under it. */
  problem?: 'noteRequired' | 'noteTooLong' | 'whenIncomplete' | 'whenOutOfRange';
  /** Closed with Escape: kept, and shown again when the form opens. */
  aside?: true;
}

interface Kept {
  forms: Map<string, FormDraft>;
  /** Contacts whose form kept in the browser has been looked for (once a page). */
  looked: Set<string>;
  pending: PendingNote[];
}

/** Where the form of `contactId` is kept in the browser (by the adapter's data and user), so a reload or a crash loses nothing. */
/**
 * What keeps a note from being saved, said at its field (none when it can be): said here, with the
 * text still in the form to shorten, as the adapter would refuse it and a refused note could only
 * be sent again as it is, or thrown away.
 */
function problemOf(subject: string, body: string, when: string, whenUnread: boolean): FormDraft['problem'] {
  const time = new Date(when).getTime();
  return !body.trim() && !subject.trim() ? 'noteRequired' : body.length > LIMITS.body ? 'noteTooLong' : whenUnread ? 'whenIncomplete' : time < EARLIEST_ENTRY || time > yearAfter(new Date()) ? 'whenOutOfRange' : undefined;
}

/**
 * A date or time typed in part (the day without its year): the field's value is then empty, as if
 * left for "now". The form asks for the rest in the reader's language; the browser's own check,
 * which would say it in the browser's language, is off (`novalidate`).
 */
const whenUnread = (form: HTMLFormElement) => Boolean(form.querySelector<HTMLInputElement>('input[name="when"]')?.validity.badInput);

const formKey = (adapter: LiftAdapter, contactId: string) => draftKey(adapter, 'note', contactId);

/** Keeps the form in the browser, or forgets it when nothing is typed in it. */
function storeForm(adapter: LiftAdapter, contactId: string, form: FormDraft | undefined): void {
  const { kind, when = '', subject = '', body = '', aside } = form ?? {};
  keepDraft(formKey(adapter, contactId), when || subject.trim() || body.trim() ? { kind, when, subject, body, aside } : undefined);
}

/** A note as it is kept in the browser from its Save until it is saved. */
type KeptNote = Pick<PendingNote, 'kind' | 'subject' | 'body' | 'occurredAt'>;

/**
 * Where the notes of `contactId` that were sent and are not saved yet are kept in the browser:
 * apart from the form, so a form opened, typed in or cancelled meanwhile never takes one away.
 */
const notesKey = (adapter: LiftAdapter, contactId: string) => draftKey(adapter, 'notes', contactId);

function keptNotes(key: string): KeptNote[] {
  const notes = keptDraft(key)?.notes;
  return (Array.isArray(notes) ? (notes as KeptNote[]) : []).filter(
    (note) => RECORDED_KINDS.includes(note?.kind) && typeof note.subject === 'string' && typeof note.body === 'string' && ['string', 'undefined'].includes(typeof note.occurredAt),
  );
}

/** Adds `note` to the notes kept under `key` or (`keep` false) removes one like it; two alike are two notes. */
function keepNote(key: string, { kind, subject, body, occurredAt }: KeptNote, keep: boolean): void {
  const notes = keptNotes(key);
  const at = notes.findIndex((note) => note.kind === kind && note.subject === subject && note.body === body && note.occurredAt === occurredAt);
  if (keep) notes.push({ kind, subject, body, occurredAt });
  else if (at >= 0) notes.splice(at, 1);
  keepDraft(key, notes.length ? { notes } : undefined);
}

/** The form kept in the browser for `contactId`, set aside: it shows when the user opens the form. */
function storedForm(adapter: LiftAdapter, contactId: string): FormDraft | undefined {
  const form = keptDraft(formKey(adapter, contactId));
  const { kind, when, subject, body } = form ?? {};
  if (![kind, when, subject, body].every((text) => typeof text === 'string')) return undefined;
  return { kind, when, subject, body, aside: true } as FormDraft;
}

/**
 * What the user wrote and is not saved, kept for the page per adapter and user: the forms being
 * filled in, by contact, and the notes being saved or whose save failed. A card makes its
 * overview anew each time the tab shows, and shows another contact on Next: what was written
 * outlives the element that showed it, and an overview of that contact, on that adapter and for
 * that user, shows it again (never another user's, who may take over the same adapter).
 */
const kept = new WeakMap<LiftAdapter, Map<string, Kept>>();
/** The composers of overviews on the page: each renders again when what is kept changes. */
const composers = new Set<NoteComposer>();
let keys = 0;
/** How long a stored note waits for the list to bring it in before it stops showing as being saved. */
const SAVED_WAIT_MS = 1000;

interface NoteHost extends ReactiveControllerHost {
  readonly renderRoot: HTMLElement | DocumentFragment;
}

/**
 * The overview's "add a note": the inline form, and the notes being saved. A note may also be a
 * call, a meeting, an e-mail or a task, dated now or when it happened (or is planned). It shows
 * at once; a failed save keeps it, with the reason, a retry and a discard, under its own contact.
 */
export class NoteComposer implements ReactiveController {
  constructor(
    private readonly host: NoteHost,
    private readonly i18n: LocalizeController<TimelineWords, TimelineMessage>,
    private readonly adapter: () => LiftAdapter,
    /** The contact shown now: a note is written for it. */
    private readonly contactId: () => string | undefined,
    /** Called once a note is saved, before it stops showing as pending: the list brings it in. */
    private readonly saved: (contactId: string) => Promise<void>,
  ) {
    // Listed while its overview is on the page (addController says so at once if it is): made
    // for one that went meanwhile, it is never listed, and goes with it.
    host.addController(this);
  }

  hostConnected(): void {
    composers.add(this);
  }

  hostDisconnected(): void {
    composers.delete(this);
  }

  /** What is kept for `adapter` and its current user. */
  #kept(adapter = this.adapter()): Kept {
    const users = kept.get(adapter) ?? new Map<string, Kept>();
    kept.set(adapter, users);
    const user = adapter.session.currentUser().id;
    let mine = users.get(user);
    if (!mine) users.set(user, (mine = { forms: new Map(), looked: new Set(), pending: [] }));
    return mine;
  }

  /** Keeps (or, `undefined`, drops) the form of `contactId`, for the page and in the browser. */
  #keepForm(contactId: string, form: FormDraft | undefined): void {
    const { forms } = this.#kept();
    if (form) forms.set(contactId, form);
    else forms.delete(contactId);
    storeForm(this.adapter(), contactId, form);
  }

  /** Every overview showing it renders what is kept anew. */
  #changed(): void {
    for (const composer of composers) composer.host.requestUpdate();
  }

  /**
   * What is kept for `contactId`: the first time a page asks, with what the browser kept of it
   * (after a reload, the form as it was left and the notes whose save had not answered).
   */
  #look(contactId: string): Kept {
    const mine = this.#kept();
    if (!mine.looked.has(contactId)) {
      mine.looked.add(contactId);
      const adapter = this.adapter();
      const stored = mine.forms.has(contactId) ? undefined : storedForm(adapter, contactId);
      if (stored) mine.forms.set(contactId, stored);
      for (const note of keptNotes(notesKey(adapter, contactId))) mine.pending.push({ ...note, key: ++keys, contactId, failure: 'interrupted', create: new RepeatableCreate() });
    }
    return mine;
  }

  /** The form of the contact shown, while the user fills it in; after a reload, as the browser kept it. */
  get #draft(): FormDraft | undefined {
    const contactId = this.contactId();
    return contactId === undefined ? undefined : this.#look(contactId).forms.get(contactId);
  }

  /** Whether the form shows (for the contact shown). */
  get composing(): boolean {
    return Boolean(this.#draft && !this.#draft.aside);
  }

  /** Opens the form: with what was set aside with Escape, or empty. */
  open = (): void => {
    const contactId = this.contactId();
    if (contactId === undefined) return;
    const { aside: _aside, ...draft } = this.#draft ?? { kind: 'note', when: '', subject: '', body: '' };
    this.#keepForm(contactId, draft);
    this.#changed();
    void this.host.updateComplete.then(() => this.host.renderRoot.querySelector<HTMLTextAreaElement>('[part~="note-form"] textarea')?.focus());
  };

  renderForm(): TemplateResult {
    const t = this.i18n.t.bind(this.i18n);
    const draft = this.#draft ?? { kind: 'note', when: '', subject: '', body: '' };
    return html`<form part="note-form" novalidate @submit=${this.#submit} @input=${this.#typed} @change=${this.#typed} @keydown=${this.#escape}>
      <label
        >${t('kind')}
        <select name="kind">
          ${RECORDED_KINDS.map((kind) => html`<option value=${kind} .selected=${live(kind === draft.kind)}>${t(`kind.${kind}`)}</option>`)}
        </select></label
      >
      <label>${t('when')} <input type="datetime-local" name="when" .value=${live(draft.when)} aria-invalid=${draft.problem?.startsWith('when') ? 'true' : 'false'} /></label>
      <label>${t('subject')} <input type="text" name="subject" maxlength=${LIMITS.subject} .value=${live(draft.subject)} /></label>
      <label>${t('body')} <textarea name="body" rows="3" .value=${live(draft.body)} aria-invalid=${draft.problem?.startsWith('note') ? 'true' : 'false'}></textarea></label>
      ${draft.problem ? html`<p part="error" role="alert">${t(draft.problem, { max: LIMITS.body })}</p>` : nothing}
      <div class="actions">
        <button type="submit">${t('save')}</button>
        <button type="button" @click=${this.#close}>${t('cancel')}</button>
      </div>
    </form>`;
  }

  /** The notes of `contactId` that are being saved or failed to, of the `kinds` the view shows (a note is no correspondence). */
  renderPending(contactId: string | undefined, kinds: readonly string[]): TemplateResult[] {
    if (contactId === undefined) return [];
    return this.#look(contactId)
      .pending.filter((note) => note.contactId === contactId && kinds.includes(note.kind))
      .map((note) => this.#renderPending(note));
  }

  /** Keeps what the user types, field by field. */
  #typed = (event: Event): void => {
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const contactId = this.contactId();
    const draft = this.#draft;
    if (contactId === undefined || !draft) return;
    const [when, subject, body] = ['when', 'subject', 'body'].map((name) => String(form.get(name) ?? '')) as [string, string, string];
    // What was said at the last Save stays while it still holds, and goes once it is mended (a
    // note written, the text shortened): a field no longer marked invalid when it is not.
    const problem = draft.problem && problemOf(subject, body, when, whenUnread(event.currentTarget as HTMLFormElement)) === draft.problem ? { problem: draft.problem } : {};
    this.#keepForm(contactId, { kind: String(form.get('kind') ?? 'note'), when, subject, body, ...problem });
    if (draft.problem && !problem.problem) this.#changed();
  };

  /**
   * Escape closes the form (not while a word is being composed), and goes no further. What was
   * typed is set aside, not dropped as by Cancel: a key pressed to leave the field loses nothing.
   */
  #escape = (event: KeyboardEvent): void => {
    if (event.key !== 'Escape' || event.isComposing) return;
    event.preventDefault();
    event.stopPropagation();
    const draft = this.#draft;
    const contactId = this.contactId();
    if (!draft || contactId === undefined || !(draft.when || draft.subject.trim() || draft.body.trim())) return this.#close();
    this.#keepForm(contactId, { ...draft, aside: true });
    this.#changed();
    this.#focusCompose();
  };

  /** Cancel: closes the form, dropping what it held, and gives focus back to the button that opens it. */
  #close = (): void => {
    const contactId = this.contactId();
    if (contactId !== undefined) this.#keepForm(contactId, undefined);
    this.#changed();
    this.#focusCompose();
  };

  /**
   * Focus to the form while it shows (the next note being written, when a failed one's button
   * was pressed); closed, to "Record activity", and in a view without it (correspondence,
   * read-only) to its search.
   */
  #focusCompose(): void {
    void this.host.updateComplete.then(() => {
      const root = this.host.renderRoot;
      const filters = root.querySelector('[part~="filters"]');
      const field = this.composing ? root.querySelector<HTMLElement>('form[part~="note-form"] textarea') : null;
      (field ?? filters?.querySelector<HTMLElement>('button.compose') ?? filters?.querySelector<HTMLElement>('input[type="search"]'))?.focus();
    });
  }

  #submit = (event: SubmitEvent): void => {
    event.preventDefault();
    const contactId = this.contactId();
    const form = new FormData(event.target as HTMLFormElement);
    const subject = String(form.get('subject') ?? '').trim();
    const body = String(form.get('body') ?? '');
    const kind = RECORDED_KINDS.find((k) => k === form.get('kind')) ?? 'note';
    // A local date and time as the reader typed it; empty or unreadable: now, stamped here, so a
    // retry (or one after a reload, from the copy the browser keeps) says when it happened, not
    // when it was sent again, and sends the same content as the same request.
    const when = new Date(String(form.get('when') ?? ''));
    const problem = problemOf(subject, body, String(form.get('when') ?? ''), whenUnread(event.target as HTMLFormElement));
    const draft = this.#draft;
    if (problem) {
      // The form stays, with what was typed, and says what to change.
      if (draft && contactId !== undefined) this.#kept().forms.set(contactId, { ...draft, problem });
      return this.host.requestUpdate();
    }
    if (contactId === undefined) return;
    const occurredAt = (Number.isNaN(when.getTime()) ? new Date() : when).toISOString();
    const note = { key: ++keys, contactId, kind, subject, body, occurredAt, create: new RepeatableCreate() };
    // Out of the form, and kept in the browser until it is saved: a reload after a failed save
    // (or during it) finds the note again.
    keepNote(notesKey(this.adapter(), contactId), note, true);
    this.#keepForm(contactId, undefined);
    this.#changed();
    this.#focusCompose();
    void this.#save(note);
  };

  async #save(note: PendingNote): Promise<void> {
    const { contactId } = note;
    const adapter = this.adapter();
    // The user who sent it: hers, in her part of the browser, whoever uses the adapter by its answer.
    const mine = this.#kept(adapter);
    const slot = notesKey(adapter, contactId);
    const settle = (next: PendingNote[]) => {
      mine.pending = next;
      this.#changed();
    };
    settle([{ ...note, failure: undefined }, ...mine.pending.filter((p) => p.key !== note.key)]);
    try {
      const { kind, subject, body, occurredAt } = note;
      const entry = { contactId, kind, subject, body, ...(occurredAt ? { occurredAt } : {}) };
      await note.create.send(adapter, entry, () => adapter.timeline.add(entry));
      keepNote(slot, note, false);
      // The overview that started it brings the note into its list first (one made anew since
      // reads it anyway), waited for a moment at most: a slow or stuck read of the list keeps
      // neither this note nor the next one "saving" once the adapter has stored it.
      if (composers.has(this)) await Promise.race([this.saved(contactId), new Promise((resolve) => setTimeout(resolve, SAVED_WAIT_MS))]);
      settle(mine.pending.filter((p) => p.key !== note.key));
    } catch (error) {
      // Not reached, or its answer lost on the way: it may have been saved. A retry sends the
      // same request, which such an adapter answers once.
      const doubt = LiftDataError.is(error, 'unavailable') && Boolean(adapter.withRequestId);
      settle(mine.pending.map((p) => (p.key === note.key ? { ...p, failure: { error, doubt } } : p)));
    }
  }

  #discard(note: PendingNote): void {
    keepNote(notesKey(this.adapter(), note.contactId), note, false);
    const mine = this.#kept();
    mine.pending = mine.pending.filter((p) => p.key !== note.key);
    this.#changed();
  }

  #renderPending(note: PendingNote): TemplateResult {
    const t = this.i18n.t.bind(this.i18n);
    const { failure } = note;
    return html`<div part="pending" data-state=${failure ? 'failed' : 'saving'} aria-live="polite">
      <strong>${note.subject || t(`kind.${note.kind}`)}</strong>
      <span class="pre">${note.body}</span>
      ${failure
        ? html`<p part="error" role="alert">
              ${failure === 'interrupted' ? t('saveInterrupted') : t(failure.doubt ? 'saveUnconfirmed' : 'saveFailed', { reason: errorWords(failure.error, this.i18n.lang) })}
            </p>
            <div class="actions">
              <!-- Either button goes as it is pressed: focus goes where it goes after a Save, not to the page. -->
              <button type="button" @click=${() => (this.#focusCompose(), this.#save(note))}>${t('retry')}</button>
              <button type="button" @click=${() => (this.#discard(note), this.#focusCompose())}>${t('discard')}</button>
            </div>`
        : html`<span role="status">${t('saving')}</span>`}
    </div>`;
  }
}

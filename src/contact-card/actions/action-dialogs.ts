import { ContextProvider } from '@lit/context';
import { nothing, type ReactiveController, type ReactiveElement } from 'lit';
import type { LiftAdapter } from '../../data/contract/adapter.js';
import { LiftDataError } from '../../data/contract/errors.js';
import type { Relation, TimelineEntry, WorkItem, WorkKind } from '../../data/contract/model.js';
import type { LiftActionEvent } from '../../events.js';
import { FocusReturn } from '../../internal/modal.js';
import type { EditSession } from '../edit-session.js';
import type { PartFailures } from '../parts/part-failures.js';
import { allowedActions, reportName } from '../parts/bar.js';
import { selectionIds } from '../tabs.js';
import type { UserContext } from '../user-context.js';
import type { CardVoice } from '../voice.js';
import { cardActionsContext, type ActionDialog, type CardActions } from './action-dialog.js';

export interface ActionDialogsOptions {
  adapter(): LiftAdapter;
  contactId(): string | undefined;
  /** The contact's record and edits (unsaved edits are settled before some actions). */
  session: EditSession;
  /** The templates and reports the user may use. */
  user: UserContext;
  relation(): Relation | undefined;
  lang(): string;
  voice: CardVoice;
  /** Says `text` through the card's live region. */
  say(text: string): void;
  switchTo(id: string): Promise<void>;
  showError(words: () => string): void;
  /** A dialog's code did not arrive: the card shows it with a retry. */
  parts: PartFailures;
  showWork(item: WorkItem): void;
  showEntry(entry: TimelineEntry): void;
}

/** An action dialog's class, as its module exports it. */
interface DialogClass<D extends ActionDialog> {
  readonly tag: string;
  define(tag: string): boolean;
  new (): D;
}

/**
 * The card's action dialogs (search, create, copy, document, report): each is an element whose
 * code is imported and defined when its action first opens, so the card's own entry carries none
 * of it. The card answers their context; one dialog shows at a time, and focus goes back where it
 * was when it closes.
 */
export class ActionDialogs implements ReactiveController {
  #dialog: ActionDialog | undefined;
  readonly #focus = new FocusReturn();
  /** The dialog closed because a Save chosen over it did not land (see `#saveFailed`). */
  #failedSave: ActionDialog | undefined;

  constructor(
    private readonly host: ReactiveElement,
    private readonly options: ActionDialogsOptions,
  ) {
    host.addController(this);
    new ContextProvider(host, { context: cardActionsContext, initialValue: this.#cardActions() });
  }

  /** The open dialog renders again with the card, whose words (a language switched to) it says. */
  hostUpdated(): void {
    this.#dialog?.requestUpdate();
  }

  /** The dialog showing, if any. */
  get dialog(): ActionDialog | undefined {
    return this.#dialog;
  }

  /** Settles when the dialog has rendered what changed. */
  get updateComplete(): Promise<unknown> {
    return this.#dialog?.updateComplete ?? Promise.resolve(true);
  }

  hostDisconnected(): void {
    this.close();
  }

  close(): void {
    this.#dialog?.close();
  }

  /** The bar's actions that open a dialog: search, create, copy, a document, a report. */
  perform(detail: LiftActionEvent['detail']): Promise<void> {
    return this.#perform(detail, false);
  }

  /**
   * `retried`: from a failure's Try again, which goes through it all again as a press does (the
   * user's rights, unsaved edits made meanwhile settled); focus returns where the first press came from.
   */
  async #perform(detail: LiftActionEvent['detail'], retried: boolean): Promise<void> {
    const { options } = this;
    // Only what the current user may do: a press or a menu left open from before another user
    // took over (or before a right went) opens nothing.
    if (!this.#allowed(detail.action)) return;
    const open = <D extends ActionDialog>(part: string, load: () => Promise<DialogClass<D>>, configure: (dialog: D) => void) =>
      this.#open(part, load, configure, () => void this.#perform(detail, true), retried);
    switch (detail.action) {
      case 'search':
        return open('search', async () => (await import('./contact-search.js')).LiftCardSearchDialog, () => {});
      case 'create': {
        const kind: WorkKind | undefined = detail.kind;
        if (kind) await open('create', async () => (await import('./create-work.js')).LiftCardCreateDialog, (dialog) => (dialog.kind = kind));
        return;
      }
      case 'copy':
        if (await options.session.settle('unsavedCopy')) await open('copy', async () => (await import('./copy-contact.js')).LiftCardCopyDialog, () => {});
        return;
      case 'document': {
        // The document merges the stored details: unsaved edits are settled first.
        const template = options.user.templates.find((item) => item.id === detail.id);
        if (template && (await options.session.settle('unsavedDocument'))) {
          await open('document', async () => (await import('./new-document.js')).LiftCardDocumentDialog, (dialog) => (dialog.template = template));
        }
        return;
      }
      case 'reports': {
        const report = options.user.reportList.find((item) => item.id === detail.id);
        if (report) {
          const name = () => reportName(options.voice, report);
          await open('report', async () => (await import('./report.js')).LiftCardReportDialog, (dialog) => Object.assign(dialog, { reportId: report.id, name }));
        }
        return;
      }
    }
  }

  /** Whether the user may take `action` now, as the bar offers it. */
  #allowed(action: LiftActionEvent['detail']['action']): boolean {
    const { adapter, user } = this.options;
    return (allowedActions(adapter(), user.templates, user.reportList) as string[]).includes(action);
  }

  /** `retry`: the press again, for the failure's Try again; `retried`: this is that retry. */
  async #open<D extends ActionDialog>(part: string, load: () => Promise<DialogClass<D>>, configure: (dialog: D) => void, retry: () => void, retried: boolean): Promise<void> {
    const record = this.options.session.record;
    if (!record) return;
    const user = this.options.adapter().session.currentUser().id;
    if (!retried) this.#focus.remember(this.host.shadowRoot);
    let Dialog: DialogClass<D>;
    try {
      Dialog = await load();
    } catch {
      // The chunk did not arrive (an offline host, say): said with a retry, not a silent button.
      return this.options.parts.failed(part, retry);
    }
    // Its failure, still shown when a later press (not the retry) brought it, goes with it.
    this.options.parts.recovered(part, true);
    Dialog.define(Dialog.tag);
    // The contact or the user changed while the dialog's code loaded: it belongs to the old one.
    if (this.options.contactId() !== record.id || this.options.adapter().session.currentUser().id !== user) return;
    // By its tag: where another copy of the library defined it first, that class is used.
    const dialog = document.createElement(Dialog.tag) as D;
    dialog.contact = record;
    configure(dialog);
    dialog.addEventListener('close', () => this.#closed(dialog));
    this.#dialog = dialog;
    this.host.requestUpdate();
  }

  #closed(dialog: ActionDialog): void {
    if (this.#dialog !== dialog) return;
    this.#dialog = undefined;
    const failed = this.#failedSave === dialog;
    this.#failedSave = undefined;
    this.host.requestUpdate();
    // Where the press came from or, gone with the contact the dialog opened, that contact's name
    // once it shows (the dialog may close before the card has read it); however that load ends.
    void (this.host as ReactiveElement & { loaded: Promise<void> }).loaded.finally(() => {
      this.#focus.restore('[part~="name"]');
      if (failed) this.#showFailedSave();
    });
  }

  /**
   * A Save chosen in the unsaved-changes question over a dialog did not land. Its reason shows in
   * the card and the field to correct is there, both out of reach (inert, not heard) behind the
   * modal dialog: the dialog closes, so the card can say why and the user can put it right.
   */
  #saveFailed(): void {
    this.#failedSave = this.#dialog;
    this.close();
  }

  /** After that dialog closed: the reason said again (first said where it was not heard), focus in the first field to correct. */
  #showFailedSave(): void {
    const { session, say } = this.options;
    const words = session.saveError;
    if (words) say(words());
    const field = Object.keys(session.draft?.problems ?? {})[0];
    // Focus moved on before the restore's frame stays there.
    if (field) this.host.shadowRoot?.querySelector<HTMLElement>(`#field-${field}`)?.focus();
  }

  /** The card's side of the dialogs' context. */
  #cardActions(): CardActions {
    const { options, host } = this;
    return {
      get adapter() {
        return options.adapter();
      },
      get contactId() {
        return options.contactId();
      },
      get record() {
        return options.session.record;
      },
      get relation() {
        return options.relation();
      },
      get lang() {
        return options.lang();
      },
      t: (key, params) => options.voice.t(key, params),
      /** @ignore the events of the action dialogs, documented on the card */
      dispatch: (event) => host.dispatchEvent(event),
      announce: (text) => options.say(text),
      report: (operation, error) => {
        options.voice.report(operation, error);
        // Refused as a conflict (a copy of a contact changed elsewhere, the feed not yet heard): the
        // card shows the version the refusal carries (read again without one), as the words say,
        // so that trying again can work.
        return LiftDataError.is(error, 'conflict') ? options.session.follow(error.current) : undefined;
      },
      reason: (error) => options.voice.reason(error),
      openContact: async (id, event, replaces) => {
        // False for a stay (the dialog stays open) and for a failed Save (the dialog closes, see `#saveFailed`).
        if (!(await options.session.settle('unsavedLeave', () => this.#saveFailed()))) return false;
        /** @ignore documented on the card */
        if (!host.dispatchEvent(event)) return true; // the host opens it
        // The card's selection (previous / next) keeps going with `id` where `replaces` stood.
        const card = host as ReactiveElement & { selection?: string[] };
        const selection = selectionIds(card.selection);
        if (replaces && selection?.includes(replaces)) card.selection = selection.map((other) => (other === replaces ? id : other));
        await options.switchTo(id);
        return true;
      },
      showError: (words) => options.showError(words),
      showWork: (item) => options.showWork(item),
      showEntry: (entry) => options.showEntry(entry),
    };
  }

  /** The dialog showing, as the card renders it (in its shadow root, among its parts). */
  render(): ActionDialog | typeof nothing {
    return this.#dialog ?? nothing;
  }
}

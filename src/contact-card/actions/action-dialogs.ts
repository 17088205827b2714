import { html, nothing, type ReactiveController, type ReactiveElement, type TemplateResult } from 'lit';
import type { LiftAdapter } from '../../data/contract/adapter.js';
import type { Contact, Relation, TimelineEntry, WorkItem, WorkKind } from '../../data/contract/model.js';
import type { LiftActionEvent } from '../../events.js';
import { FocusReturn } from '../../internal/modal.js';
import type { EditSession } from '../edit-session.js';
import { reportName } from '../parts/bar.js';
import type { UserContext } from '../user-context.js';
import type { CardVoice } from '../voice.js';
import type { LiftCardActionDialog } from './action-dialog.js';
import type { ActionHost, ActionPanel } from './panel.js';

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
  showError(text: string): void;
  showWork(item: WorkItem): void;
  showEntry(entry: TimelineEntry): void;
}

/**
 * The card's action dialogs (search, create, copy, document, report): each action's code and
 * the dialog element are imported when first used, so the card's own entry carries none of it;
 * one dialog shows at a time, and focus goes back where it was when it closes.
 */
export class ActionDialogs implements ReactiveController {
  /** The content showing; none when closed. */
  panel: ActionPanel | undefined;
  readonly #focus = new FocusReturn();
  #defined = false;

  constructor(
    private readonly host: ReactiveElement,
    private readonly options: ActionDialogsOptions,
  ) {
    host.addController(this);
  }

  get #element(): LiftCardActionDialog | null {
    return this.host.renderRoot.querySelector('lift-card-action-dialog');
  }

  /** Settles when the dialog has rendered what changed. */
  get updateComplete(): Promise<unknown> {
    return this.#element?.updateComplete ?? Promise.resolve(true);
  }

  hostDisconnected(): void {
    this.close();
  }

  close(): void {
    this.#element?.close();
  }

  /** The bar's actions that open a dialog: search, create, copy, a document, a report. */
  async perform(detail: LiftActionEvent['detail']): Promise<void> {
    const { options } = this;
    switch (detail.action) {
      case 'search':
        return this.#open(async (host) => new (await import('./contact-search.js')).ContactSearchPanel(host));
      case 'create': {
        const kind: WorkKind | undefined = detail.kind;
        if (kind) await this.#open(async (host) => new (await import('./create-work.js')).CreateWorkPanel(host, kind));
        return;
      }
      case 'copy':
        if (await options.session.settle('unsavedCopy')) await this.#open(async (host) => new (await import('./copy-contact.js')).CopyContactPanel(host));
        return;
      case 'document': {
        // The document merges the stored details: unsaved edits are settled first.
        const template = options.user.templates.find((item) => item.id === detail.id);
        if (template && (await options.session.settle('unsavedDocument'))) {
          await this.#open(async (host) => new (await import('./new-document.js')).NewDocumentPanel(host, template));
        }
        return;
      }
      case 'reports': {
        const report = options.user.reportList.find((item) => item.id === detail.id);
        if (report) {
          const name = reportName(options.voice, report);
          await this.#open(async (host) => new (await import('./report.js')).ReportPanel(host, report.id, name));
        }
        return;
      }
    }
  }

  async #open(create: (host: ActionHost) => Promise<ActionPanel>): Promise<void> {
    const record = this.options.session.record;
    if (!record) return;
    this.#focus.remember(this.host.shadowRoot);
    try {
      if (!this.#defined) {
        const { LiftCardActionDialog, ACTION_DIALOG_TAG } = await import('./action-dialog.js');
        LiftCardActionDialog.define(ACTION_DIALOG_TAG);
        this.#defined = true;
      }
      const owner: { panel?: ActionPanel } = {};
      const panel = await create(this.#actionHost(record, owner));
      // The contact changed while the dialog's code loaded: it belongs to the old one.
      if (this.options.contactId() !== record.id) return panel.dispose?.();
      owner.panel = panel;
      this.panel?.dispose?.();
      this.panel = panel;
      this.host.requestUpdate();
    } catch (error) {
      // The chunk failed to load (offline host, say): say so rather than do nothing.
      this.options.showError(this.options.voice.t('actionFailed', { reason: this.options.voice.reason(error) }));
    }
  }

  #closed(): void {
    this.panel?.dispose?.();
    this.panel = undefined;
    this.host.requestUpdate();
    this.#focus.restore();
  }

  #actionHost(record: Contact, owner: { panel?: ActionPanel }): ActionHost {
    const { options } = this;
    const showing = () => Boolean(owner.panel) && this.panel === owner.panel;
    return {
      get adapter() {
        return options.adapter();
      },
      get open() {
        return showing();
      },
      get record() {
        return options.session.record ?? record;
      },
      get relation() {
        return options.relation();
      },
      get lang() {
        return options.lang();
      },
      t: (key, params) => options.voice.t(key, params),
      // The dialog renders on its own: the card does not.
      update: () => this.#element?.requestUpdate(),
      // Only the panel that is showing may close the dialog (a late answer must not close another).
      close: () => {
        if (showing()) this.close();
      },
      showError: (text) => {
        if (options.contactId() === record.id) options.showError(text);
      },
      /** @ignore the events of the action dialogs, documented on the card */
      dispatch: (event) => this.host.dispatchEvent(event),
      announce: (text) => options.say(text),
      report: (operation, error) => options.voice.report(operation, error),
      reason: (error) => options.voice.reason(error),
      openContact: async (id, event) => {
        if (!(await options.session.settle('unsavedLeave'))) return false;
        /** @ignore documented on the card */
        if (!this.host.dispatchEvent(event)) return false;
        await options.switchTo(id);
        return true;
      },
      showWork: (item) => {
        if (options.contactId() === item.contactId) options.showWork(item);
      },
      showEntry: (entry) => {
        if (options.contactId() === entry.contactId) options.showEntry(entry);
      },
      query: (selector) => this.#element?.dialog?.querySelector(selector) ?? null,
    };
  }

  render(): TemplateResult | typeof nothing {
    if (!this.#defined) return nothing;
    return html`<lift-card-action-dialog .panel=${this.panel} @close=${() => this.#closed()}></lift-card-action-dialog>`;
  }
}

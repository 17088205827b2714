import { html, nothing, type TemplateResult } from 'lit';
import type { LiftAdapter } from '../../data/contract/adapter.js';
import type { Contact, Relation, TimelineEntry, WorkItem } from '../../data/contract/model.js';
import type { LiftOperation } from '../../events.js';
import type { ContactCardMessage } from '../messages.js';

/** What the card offers the dialogs of its actions (search, create, copy, document, reports). */
export interface ActionHost {
  readonly adapter: LiftAdapter;
  readonly record: Contact;
  readonly relation: Relation | undefined;
  readonly lang: string;
  t(key: ContactCardMessage, params?: Record<string, string | number>): string;
  /** Re-render the card (the panel's state changed). */
  update(): void;
  /** Close the dialog; focus returns to where it was. */
  close(): void;
  /** Dispatch an event from the card; `false` when a listener cancelled it. */
  dispatch(event: Event): boolean;
  announce(text: string): void;
  report(operation: LiftOperation, error: unknown): void;
  /** An error in words for the user. */
  reason(error: unknown): string;
  /**
   * Opens another contact: asks about unsaved edits first (save / discard / cancel), then
   * dispatches `event` (a host may cancel it and navigate itself), then switches. False when
   * the user or the host cancelled.
   */
  openContact(id: string, event: Event): Promise<boolean>;
  /** A failure the dialog can no longer show (it was closed meanwhile): the card says it. */
  showError(text: string): void;
  /** Whether this panel's dialog is still the open one. */
  readonly open: boolean;
  /** Show a work item on the Projects tab with its detail. */
  showWork(item: WorkItem): void;
  /** Show an overview entry in the item detail. */
  showEntry(entry: TimelineEntry): void;
  /** Find an element of the open dialog (to move focus). */
  query<T extends HTMLElement>(selector: string): T | null;
}

/** The content of the card's action dialog: one per action, created when the action starts. */
export interface ActionPanel {
  readonly title: string;
  /** Selector of what gets focus when the dialog opens (default: its first field). */
  readonly initialFocus?: string;
  render(): TemplateResult;
  /** A write is on its way: the dialog stays open until it answers. */
  readonly busy?: boolean;
  /** The dialog closed: stop pending work. */
  dispose?(): void;
}

let ids = 0;
/** A prefix for ids inside one dialog, unique in the card. */
export const uniqueId = (name: string) => `${name}-${++ids}`;

/**
 * The write a dialog makes (create, copy, new document): one at a time, `saving` while it runs,
 * and a failure said in words — in the dialog, or by the card when the dialog closed meanwhile —
 * and reported as a `lift-error` for `operation`.
 */
export class PanelWrite {
  saving = false;
  error: string | undefined;

  constructor(
    private readonly host: ActionHost,
    private readonly operation: LiftOperation,
  ) {}

  async run(work: () => Promise<void>): Promise<void> {
    if (this.saving) return;
    this.saving = true;
    this.error = undefined;
    this.host.update();
    try {
      await work();
    } catch (error) {
      this.error = this.host.t('actionFailed', { reason: this.host.reason(error) });
      if (!this.host.open) this.host.showError(this.error);
      this.host.report(this.operation, error);
    } finally {
      this.saving = false;
      this.host.update();
    }
  }

  /** The failure as the dialog shows it (nothing when there is none). */
  renderError(): TemplateResult | typeof nothing {
    return this.error ? html`<p part="error" role="alert">${this.error}</p>` : nothing;
  }
}

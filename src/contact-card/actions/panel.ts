import type { TemplateResult } from 'lit';
import type { LiftAdapter } from '../../data/adapter.js';
import type { Contact, Relation, TimelineEntry, WorkItem } from '../../data/model.js';
import type { LiftOperation } from '../../events.js';
import type { Language } from '../../i18n/localize.js';
import type { ContactCardMessage } from '../messages.js';

/** What the card offers the dialogs of its actions (buttons 6–10). */
export interface ActionHost {
  readonly adapter: LiftAdapter;
  readonly record: Contact;
  readonly relation: Relation | undefined;
  readonly lang: Language;
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
  /** Ask about unsaved edits (save / discard / cancel) and open another contact; false when cancelled. */
  openContact(id: string): Promise<boolean>;
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
  /** The dialog closed: stop pending work. */
  dispose?(): void;
}

let ids = 0;
/** A prefix for ids inside one dialog, unique in the card. */
export const uniqueId = (name: string) => `${name}-${++ids}`;

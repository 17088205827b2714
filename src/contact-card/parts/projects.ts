import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { LiftAdapter } from '../../data/contract/adapter.js';
import type { WorkItem } from '../../data/contract/model.js';
import type { CardVoice } from '../voice.js';

/**
 * The contact's leads, requests and projects: read page by page when the contact opens and when
 * the feed says work changed; a newer read cancels an older one.
 */
export class ProjectsController implements ReactiveController {
  items: WorkItem[] | undefined;
  /** Why the list could not be read, put into words at each render (in the language of the moment). */
  error: (() => string) | undefined;
  showArchived = false;
  /** Whether the user may see archived items (without the right, a list asked to hold them is refused). */
  archived = true;
  /** The item shown in the project detail tab. */
  selected: WorkItem | undefined;
  #read: AbortController | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly voice: CardVoice,
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.#read?.abort();
  }

  /** `ofUser`: another user signed in, so the choice to show archived items, hers, goes too. */
  clear(ofUser = false): void {
    this.#read?.abort();
    this.items = this.selected = this.error = undefined;
    if (ofUser) this.showArchived = false;
    this.host.requestUpdate();
  }

  async load(adapter: LiftAdapter, contactId: string): Promise<void> {
    if (!adapter.work) return;
    this.#read?.abort();
    const read = (this.#read = new AbortController());
    const { signal } = read;
    this.error = undefined;
    const includeArchived = (this.archived = adapter.session.can('see-archived'));
    try {
      const items: WorkItem[] = [];
      let cursor: string | undefined;
      do {
        const page = await adapter.work.listForContact(contactId, { includeArchived, limit: 500, signal, ...(cursor ? { cursor } : {}) });
        items.push(...page.items);
        cursor = page.next;
      } while (cursor && !signal.aborted);
      if (signal.aborted) return;
      this.items = items;
      if (this.selected) this.selected = items.find((item) => item.id === this.selected!.id);
    } catch (error) {
      if (signal.aborted) return;
      this.error = () => this.voice.reason(error);
      this.voice.report('projects', error);
    }
    this.host.requestUpdate();
  }

  setShowArchived(show: boolean): void {
    this.showArchived = show;
    this.host.requestUpdate();
  }

  select(item: WorkItem): void {
    this.selected = item;
    this.host.requestUpdate();
  }

  /** A work item just created for this contact: listed at once, before the feed's re-read. */
  add(item: WorkItem): void {
    if (this.items && !this.items.some((known) => known.id === item.id)) this.items = [item, ...this.items];
    this.selected = item;
    this.host.requestUpdate();
  }
}

/** "start – end" in the reader's language, or empty. */
export const workPeriod = (voice: CardVoice, item: WorkItem) => [voice.date(item.startDate), voice.date(item.endDate)].filter(Boolean).join(' – ');

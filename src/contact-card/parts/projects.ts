import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { LiftAdapter } from '../../data/adapter.js';
import type { WorkItem } from '../../data/model.js';
import type { CardVoice } from '../voice.js';

/**
 * The contact's leads, requests and projects: read page by page when the contact opens and when
 * the feed says work changed; a newer read cancels an older one.
 */
export class ProjectsController implements ReactiveController {
  items: WorkItem[] | undefined;
  error: string | undefined;
  showArchived = false;
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

  clear(): void {
    this.#read?.abort();
    this.items = this.selected = this.error = undefined;
    this.host.requestUpdate();
  }

  async load(adapter: LiftAdapter, contactId: string): Promise<void> {
    if (!adapter.work) return;
    this.#read?.abort();
    const read = (this.#read = new AbortController());
    const { signal } = read;
    this.error = undefined;
    try {
      const items: WorkItem[] = [];
      let cursor: string | undefined;
      do {
        const page = await adapter.work.listForContact(contactId, { includeArchived: true, limit: 500, signal, ...(cursor ? { cursor } : {}) });
        items.push(...page.items);
        cursor = page.next;
      } while (cursor && !signal.aborted);
      if (signal.aborted) return;
      this.items = items;
      if (this.selected) this.selected = items.find((item) => item.id === this.selected!.id);
    } catch (error) {
      if (signal.aborted) return;
      this.error = this.voice.reason(error);
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

export interface ProjectActions {
  retry(): void;
  /** `select`: click (shows the detail); `open`: double-click or Enter. */
  open(item: WorkItem, how: 'select' | 'open'): void;
}

/** The projects table, newest first, archived ones on request. */
export function renderProjects(voice: CardVoice, projects: ProjectsController, actions: ProjectActions): TemplateResult {
  const { t } = voice;
  const toggle = html`<label class="toggle"
    ><input
      type="checkbox"
      .checked=${projects.showArchived}
      @change=${(e: Event) => projects.setShowArchived((e.target as HTMLInputElement).checked)}
    />${t('showArchived')}</label
  >`;
  if (projects.error)
    return html`<p part="error" role="alert">${t('projectsError', { reason: projects.error })}</p>
      <button type="button" @click=${actions.retry}>${t('retry')}</button>`;
  if (!projects.items) return html`<p role="status">${t('projectsLoading')}</p>`;
  const shown = projects.items
    .filter((item) => projects.showArchived || !item.archived)
    .sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
  if (!shown.length) return html`${toggle}<p class="empty">${t(projects.items.length ? 'noActiveProjects' : 'noProjects')}</p>`;
  const current = projects.selected?.id;
  return html`${toggle}
    <p class="hint" id="open-hint">${t('openProjectHint')}</p>
    <table class="projects">
      <thead>
        <tr>
          <th scope="col">${t('col.number')}</th>
          <th scope="col">${t('col.title')}</th>
          <th scope="col">${t('col.kind')}</th>
          <th scope="col">${t('col.status')}</th>
          <th scope="col">${t('col.dates')}</th>
        </tr>
      </thead>
      <tbody>
        ${shown.map(
          (item) => html`<tr data-work-id=${item.id} class=${item.id === current ? 'current' : ''}>
            <td>${item.number}</td>
            <td>
              <button
                type="button"
                class="link"
                aria-describedby="open-hint"
                aria-current=${ifDefined(item.id === current ? 'true' : undefined)}
                @click=${() => actions.open(item, 'select')}
                @dblclick=${() => actions.open(item, 'open')}
                @keydown=${(event: KeyboardEvent) => {
                  if (event.key !== 'Enter') return;
                  event.preventDefault();
                  actions.open(item, 'open');
                }}
              >${item.title}</button>
              ${item.archived ? html`<span part="badge">${t('archivedBadge')}</span>` : nothing}
            </td>
            <td>${t(`work.${item.kind}`)}</td>
            <td>${item.status}</td>
            <td>${workPeriod(voice, item) || t('noValue')}</td>
          </tr>`,
        )}
      </tbody>
    </table>`;
}

/** "start – end" in the reader's language, or empty. */
export const workPeriod = (voice: CardVoice, item: WorkItem) => [voice.date(item.startDate), voice.date(item.endDate)].filter(Boolean).join(' – ');

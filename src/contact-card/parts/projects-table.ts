import { html, nothing, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { repeat } from 'lit/directives/repeat.js';
import type { WorkItem } from '../../data/contract/model.js';
import type { CardVoice } from '../voice.js';
import { workPeriod, type ProjectsController } from './projects.js';

export interface ProjectActions {
  retry(): void;
  /** `select`: click (shows the detail); `open`: double-click or Enter. */
  open(item: WorkItem, how: 'select' | 'open'): void;
}

/** The projects table, newest first, archived ones on request. */
export function renderProjects(voice: CardVoice, projects: ProjectsController, actions: ProjectActions): TemplateResult {
  const { t } = voice;
  // Offered only to a user who may see archived items: the others' list holds none.
  const toggle = projects.archived
    ? html`<label class="toggle"
        ><input
          type="checkbox"
          .checked=${projects.showArchived}
          @change=${(e: Event) => projects.setShowArchived((e.target as HTMLInputElement).checked)}
        />${t('showArchived')}</label
      >`
    : nothing;
  if (projects.error)
    return html`<p part="error" role="alert">${t('projectsError', { reason: projects.error() })}</p>
      <button type="button" @click=${actions.retry}>${t('retry')}</button>`;
  if (!projects.items) return html`<p role="status">${t('projectsLoading')}</p>`;
  const shown = projects.items
    .filter((item) => projects.showArchived || !item.archived)
    .sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
  // One template keeps the toggle's DOM, so ticking it keeps the keyboard focus on it; only what follows switches.
  const list = shown.length
    ? renderTable(voice, shown, projects.selected?.id, actions)
    : html`<p class="empty">${t(projects.items.length ? 'noActiveProjects' : 'noProjects')}</p>`;
  return html`${toggle}${list}`;
}

function renderTable(voice: CardVoice, shown: WorkItem[], current: string | undefined, actions: ProjectActions): TemplateResult {
  const { t } = voice;
  // Wider than a phone (nowrap numbers, Dutch statuses): it scrolls in a region of its own, which
  // takes focus so that the keyboard scrolls it too.
  return html`<p class="hint" id="open-hint">${t('openProjectHint')}</p>
    <div class="projects-scroll" tabindex="0" role="region" aria-label=${t('tab.projects')}><table class="projects">
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
        ${repeat(
          shown,
          (item) => item.id,
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
    </table></div>`;
}


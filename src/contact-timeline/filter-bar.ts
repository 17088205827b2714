import { html, nothing, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { OVERVIEW_TEXT_LIMIT } from '../data/contract/adapter.js';
import type { TimelineKind } from '../data/contract/model.js';
import { type LocalizeController } from '../i18n/localize.js';
import { formatDate } from '../i18n/dates.js';
import { calendarDay } from '../internal/date-attribute.js';
import type { TimelineMessage } from './messages.js';

/** What the filters show: the element's attributes and the counts of the last answer. */
export interface FilterBarState {
  query: string;
  kinds: readonly TimelineKind[];
  /** The kinds this view offers to filter on. */
  kindOptions: readonly TimelineKind[];
  /** The correspondence's own view: its search says so. */
  correspondence: boolean;
  from: string;
  to: string;
  counts: Record<TimelineKind, number>;
  /** Offer "Record activity" (a note, call, meeting, e-mail or task). */
  canAdd: boolean;
}

export interface FilterBarActions {
  typed(value: string): void;
  toggleKind(kind: TimelineKind): void;
  setFrom(value: string): void;
  setTo(value: string): void;
  clear(): void;
  compose(): void;
}

/** The date range as asked: an end that is no `YYYY-MM-DD` calendar day is warned about once and is no bound. */
export const dateRange = (from: string | null | undefined, to: string | null | undefined) => ({
  from: calendarDay(from, '<lift-contact-timeline> from'),
  to: calendarDay(to, '<lift-contact-timeline> to'),
});

const valueOf = (event: Event) => (event.target as HTMLInputElement).value;

/** The search box, the kind filters with their counts, the date range and the buttons. */
export function renderFilterBar(i18n: LocalizeController<TimelineMessage>, state: FilterBarState, actions: FilterBarActions): TemplateResult {
  const t = i18n.t.bind(i18n);
  const selected = new Set(state.kinds);
  const filtered = Boolean(state.query || state.kinds.length || state.from || state.to);
  return html`<div part="filters">
    <label>
      ${state.correspondence ? t('searchCorrespondence') : t('search')}
      <input type="search" .value=${state.query} maxlength=${OVERVIEW_TEXT_LIMIT} placeholder=${t('searchPlaceholder')} @input=${(e: Event) => actions.typed(valueOf(e))} />
    </label>
    <fieldset>
      <legend>${t('kinds')}</legend>
      ${state.kindOptions.map(
        (kind) => html`<label class="kind">
          <input type="checkbox" .checked=${selected.has(kind)} @change=${() => actions.toggleKind(kind)} />
          ${t(`kind.${kind}`)} (${i18n.number(state.counts[kind] ?? 0)})
        </label>`,
      )}
    </fieldset>
    <label>${t('from')} <input type="date" .value=${state.from} max=${ifDefined(state.to || undefined)} @change=${(e: Event) => actions.setFrom(valueOf(e))} /></label>
    <label>${t('to')} <input type="date" .value=${state.to} min=${ifDefined(state.from || undefined)} @change=${(e: Event) => actions.setTo(valueOf(e))} /></label>
    ${filtered ? html`<button type="button" @click=${actions.clear}>${t('clear')}</button>` : nothing}
    ${state.canAdd ? html`<button type="button" class="compose" @click=${actions.compose}>${t('addNote')}</button>` : nothing}
  </div>`;
}

/** Nothing to show: nothing recorded yet, or the filters that hide what there is. */
export function renderNothingShown(i18n: LocalizeController<TimelineMessage>, state: FilterBarState, clear: () => void): TemplateResult {
  const t = i18n.t.bind(i18n);
  // Spaces around the words search for nothing of their own: only the words are named.
  const query = state.query.trim();
  const narrowed = Boolean(query || state.from || state.to);
  // Counts ignore the kind filter: all of the kinds offered at zero without words or dates is an
  // empty history, or correspondence (there may still be notes and calls), whatever kind is chosen.
  if (!narrowed && (!state.kinds.length || !state.kindOptions.some((kind) => state.counts[kind]))) {
    return html`<p part="empty">${t(state.correspondence ? 'emptyCorrespondence' : 'empty')}</p>`;
  }
  const date = (value: string) => formatDate(i18n.locale, value);
  const reasons = [
    query && t('filterQuery', { query }),
    state.kinds.length && t('filterKinds', { kinds: state.kinds.map((k) => t(`kind.${k}`)).join(', ') }),
    state.from && t('filterFrom', { date: date(state.from) }),
    state.to && t('filterTo', { date: date(state.to) }),
  ].filter(Boolean);
  return html`<div part="empty">
    <p>${t('noResults')} ${t('hiddenBy', { filters: reasons.join('; ') })}</p>
    <button type="button" @click=${clear}>${t('clear')}</button>
  </div>`;
}

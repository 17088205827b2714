import { adoptStyles, css, html, nothing, supportsAdoptingStyleSheets, type ReactiveElement, type TemplateResult } from 'lit';
import type { LiftAdapter } from '../../data/contract/adapter.js';
import type { Contact, Relation, TimelineEntry, WorkItem } from '../../data/contract/model.js';
import { fullName } from '../../data/contract/text.js';
import { LiftContactOpenEvent } from '../../events.js';
import { errorWords } from '../../i18n/error-words.js';
import { formatDate } from '../../i18n/localize.js';
import { GlanceData, openWork, type Slot } from './glance-data.js';

// Its words travel with it: the card's first paint carries none of them.
const nl = {
  label: 'In één oogopslag',
  loading: 'Samenvatting laden…',
  failed: 'De samenvatting kon niet worden geladen: {reason}',
  retry: 'Opnieuw proberen',
  last: 'Laatste contact',
  noLast: 'Nog geen contact vastgelegd',
  next: 'Volgende activiteit',
  noNext: 'Niets gepland',
  work: 'Open werk',
  noWork: 'Geen open werk',
  workCount: '{count} open',
  workOne: '1 open',
  due: '{number} {title}, einddatum {date}',
  colleagues: 'Andere contactpersonen bij {relation}',
  colleaguesLoading: 'Contactpersonen laden…',
  colleaguesFailed: 'De contactpersonen konden niet worden geladen: {reason}',
  noColleagues: 'Geen andere contactpersonen bij deze relatie.',
  more: 'Meer tonen',
  open: 'Openen: {name}',
  'kind.email': 'E-mail',
  'kind.letter': 'Brief',
  'kind.call': 'Telefoongesprek',
  'kind.meeting': 'Afspraak',
  'kind.task': 'Taak',
};
const en: typeof nl = {
  label: 'At a glance',
  loading: 'Loading the summary…',
  failed: 'The summary could not be loaded: {reason}',
  retry: 'Try again',
  last: 'Last contact',
  noLast: 'No contact recorded yet',
  next: 'Next activity',
  noNext: 'Nothing planned',
  work: 'Open work',
  noWork: 'No open work',
  workCount: '{count} open',
  workOne: '1 open',
  due: '{number} {title}, ends {date}',
  colleagues: 'Other contacts at {relation}',
  colleaguesLoading: 'Loading the contacts…',
  colleaguesFailed: 'The contacts could not be loaded: {reason}',
  noColleagues: 'No other contacts at this relation.',
  more: 'Show more',
  open: 'Open: {name}',
  'kind.email': 'E-mail',
  'kind.letter': 'Letter',
  'kind.call': 'Call',
  'kind.meeting': 'Meeting',
  'kind.task': 'Task',
};
type Key = keyof typeof nl;

// Beside the header where the card is wide; under it where it is narrow.
const glanceStyles = css`
  @container (min-width: 44rem) {
    [part~='card'] {
      grid-template-columns: minmax(0, 1fr) minmax(14rem, 20rem);
    }
    [part~='card'] > * {
      grid-column: 1 / -1;
    }
    [part~='card'] > header {
      grid-column: 1;
    }
    [part~='card'] > [part~='glance'] {
      grid-column: 2;
      grid-row: 1;
    }
  }
  [part~='glance'] {
    display: grid;
    gap: 0.375rem;
    align-content: start;
    padding: 0.5rem 0.75rem;
    border-inline-start: 3px solid var(--lift-color-border, #c5ccd6);
  }
  [part~='glance'] dl {
    display: grid;
    gap: 0.125rem;
    margin: 0;
  }
  [part~='glance'] dt {
    color: var(--lift-color-text-muted, #52606d);
    font-size: 0.8125rem;
  }
  [part~='glance'] dd {
    margin: 0 0 0.25rem;
    overflow-wrap: anywhere;
  }
  [part~='glance'] summary {
    cursor: pointer;
  }
  [part~='glance'] ul {
    margin: 0.25rem 0 0;
    padding-inline-start: 1.25rem;
  }
`;

/** What the part needs of the card. */
export interface GlanceContext {
  adapter: LiftAdapter;
  lang: string;
  contact: Contact;
  relation: Relation | undefined;
  /** The contact's leads, requests and projects as the card has read them (undefined: not yet). */
  work: readonly WorkItem[] | undefined;
  /** Settles unsaved edits before another contact opens (asks the user); false: stay. */
  leave(): Promise<boolean>;
  /** Shows another contact in the card. */
  switchTo(id: string): Promise<void>;
}

const parts = new WeakMap<ReactiveElement, GlanceData>();

/**
 * The card's "at a glance" part beside its header: the last contact and the next planned
 * activity (from the overview), the open work (from the projects the card read), and the other
 * contacts at the same relation, each opening as the card's search does. Its code, words and
 * styles load after the card has painted; its data is read once it shows.
 */
export function renderGlance(host: ReactiveElement, ctx: GlanceContext): TemplateResult {
  let data = parts.get(host);
  if (!data) {
    parts.set(host, (data = new GlanceData(host)));
    const root = host.renderRoot as ShadowRoot;
    if (supportsAdoptingStyleSheets) root.adoptedStyleSheets = [...root.adoptedStyleSheets, glanceStyles.styleSheet!];
    else adoptStyles(root, [glanceStyles]);
  }
  data.sync(ctx.adapter, ctx.contact);
  const table = ctx.lang.startsWith('en') ? en : nl;
  // An entry of a kind it has no word for (from an adapter that ignored the kinds) shows its kind.
  const t = (key: Key, params: Record<string, string> = {}) => (table[key] ?? key.replace('kind.', '')).replace(/\{(\w+)\}/g, (_, name: string) => params[name] ?? '');
  return html`<section part="glance" aria-label=${t('label')}>
    ${renderSummary(t, ctx, data)} ${renderColleagues(host, t, ctx, data)}
  </section>`;
}

type Say = (key: Key, params?: Record<string, string>) => string;

function renderSlot<T>(t: Say, slot: Slot<T>, keys: { loading: Key; failed: Key }, ctx: GlanceContext, retry: () => void, ready: (value: T) => TemplateResult): TemplateResult {
  if (slot.state === 'loading') return html`<p role="status">${t(keys.loading)}</p>`;
  if (slot.state === 'error') {
    return html`<p part="error" role="alert">${t(keys.failed, { reason: errorWords(slot.error, ctx.lang) })}</p>
      <button type="button" @click=${retry}>${t('retry')}</button>`;
  }
  return ready(slot.value);
}

function renderSummary(t: Say, ctx: GlanceContext, data: GlanceData): TemplateResult {
  const entry = (found: TimelineEntry | undefined, none: Key) =>
    found
      ? html`${t(`kind.${found.kind}` as Key)} · <time datetime=${found.occurredAt}>${formatDate(ctx.lang, found.occurredAt, true)}</time>${found.subject ? html` · ${found.subject}` : nothing}`
      : html`<span class="empty">${t(none)}</span>`;
  const work = openWork(ctx.work, new Date().toISOString().slice(0, 10));
  return renderSlot(t, data.summary, { loading: 'loading', failed: 'failed' }, ctx, () => void data.loadSummary(), ({ last, next }) => html`<dl>
      <dt>${t('last')}</dt>
      <dd class="last">${entry(last, 'noLast')}</dd>
      <dt>${t('next')}</dt>
      <dd class="next">${entry(next, 'noNext')}</dd>
      ${work
        ? html`<dt>${t('work')}</dt>
            <dd class="work">
              ${work.count
                ? html`${work.count === 1 ? t('workOne') : t('workCount', { count: work.count.toLocaleString(ctx.lang) })}${work.due
                    ? html` · ${t('due', { number: work.due.number, title: work.due.title, date: formatDate(ctx.lang, work.due.endDate) })}`
                    : nothing}`
                : html`<span class="empty">${t('noWork')}</span>`}
            </dd>`
        : nothing}
    </dl>`);
}

/** Another contact of the relation: unsaved edits settled first, then the host told, then shown. */
async function openContact(host: ReactiveElement, ctx: GlanceContext, id: string): Promise<void> {
  if (!(await ctx.leave())) return;
  /** @ignore documented on the card */
  if (host.dispatchEvent(new LiftContactOpenEvent(id, 'relation'))) await ctx.switchTo(id);
}

function renderColleagues(host: ReactiveElement, t: Say, ctx: GlanceContext, data: GlanceData): TemplateResult | typeof nothing {
  if (!ctx.relation) return nothing;
  return html`<details class="colleagues">
    <summary>${t('colleagues', { relation: ctx.relation.name })}</summary>
    ${renderSlot(t, data.colleagues, { loading: 'colleaguesLoading', failed: 'colleaguesFailed' }, ctx, () => void data.loadColleagues(), ({ items, next }) =>
      items.length
        ? html`<ul>
              ${items.map((contact) => {
                const name = fullName(contact) || contact.email || contact.id;
                return html`<li>
                  <button type="button" class="link" data-contact-id=${contact.id} aria-label=${t('open', { name })} @click=${() => void openContact(host, ctx, contact.id)}>${name}</button
                  >${contact.jobTitle ? html` · ${contact.jobTitle}` : nothing}
                </li>`;
              })}
            </ul>
            ${next ? html`<button type="button" @click=${() => void data.loadColleagues(true)}>${t('more')}</button>` : nothing}`
        : html`<p class="empty">${t('noColleagues')}</p>`,
    )}
  </details>`;
}

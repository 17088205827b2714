import { adoptStyles, css, html, nothing, supportsAdoptingStyleSheets, type ReactiveElement, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { LiftAdapter } from '../../data/contract/adapter.js';
import type { Contact, Relation, TimelineEntry, WorkItem } from '../../data/contract/model.js';
import { fullName } from '../../data/contract/text.js';
import type { CardPartMessage } from '../messages-parts.js';
import type { CardVoice } from '../voice.js';
import { GlanceData, openWork, type Slot } from './glance-data.js';

// Beside the header where the card is wide, under it where it is narrow: the card's own styles
// place it (and the space kept for it before it arrives).
const glanceStyles = css`
  /* As tall as the space the card kept for it, loading or loaded (see .glance-space). */
  [part~='glance'] {
    min-height: 12.75em;
    box-sizing: border-box;
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
  /** The card's voice, which has the part's words once the card extended it with them. */
  voice: CardVoice;
  contact: Contact;
  relation: Relation | undefined;
  /** The contact's leads, requests and projects as the card has read them (undefined: not yet). */
  work: readonly WorkItem[] | undefined;
  /** Opens another contact of the relation (unsaved edits settled first, the host told). */
  open(id: string): Promise<void>;
}

const parts = new WeakMap<ReactiveElement, GlanceData>();

/**
 * The card's "at a glance" part beside its header: the last contact and the next planned
 * activity (from the overview), the open work (from the projects the card read), and the other
 * contacts at the same relation, each opening as the card's search does. Its code, words and
 * styles load after the card has painted (its words with the card's other parts' words); its data
 * is read once it shows.
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
  const t: Say = (key, params) => ctx.voice.t(key, params);
  // Named with the contact: two cards on a page have two such regions.
  return html`<section part="glance" aria-label=${`${t('glance.label')}: ${fullName(ctx.contact) || ctx.contact.id}`}>
    ${renderSummary(t, ctx, data)} ${renderColleagues(t, ctx, data)}
  </section>`;
}

/** The card's refresh: what the part on `host` shows is read again; resolves once it has been (at once when the part has not shown yet). */
export function reloadGlance(host: ReactiveElement): Promise<void> {
  return parts.get(host)?.reload() ?? Promise.resolve();
}

type Key = Extract<CardPartMessage, `glance.${string}`>;
type Say = (key: Key, params?: Record<string, string | number>) => string;

function renderSlot<T>(t: Say, slot: Slot<T>, keys: { loading: Key; failed: Key }, ctx: GlanceContext, retry: () => void, ready: (value: T) => TemplateResult): TemplateResult {
  if (slot.state === 'loading') return html`<p role="status">${t(keys.loading)}</p>`;
  if (slot.state === 'error') {
    return html`<p part="error" role="alert">${t(keys.failed, { reason: ctx.voice.reason(slot.error) })}</p>
      <button type="button" @click=${retry}>${ctx.voice.t('retry')}</button>`;
  }
  return ready(slot.value);
}

function renderSummary(t: Say, ctx: GlanceContext, data: GlanceData): TemplateResult {
  // An entry of a kind it has no word for (from an adapter that ignored the kinds) shows its kind.
  const kind = (found: TimelineEntry) => {
    const key = `glance.kind.${found.kind}` as Key;
    const word = t(key);
    return word === key ? found.kind : word;
  };
  const entry = (found: TimelineEntry | undefined, none: Key) =>
    found
      ? html`${kind(found)} · <time datetime=${found.occurredAt}>${ctx.voice.date(found.occurredAt, true)}</time>${found.subject ? ` · ${found.subject}` : nothing}`
      : html`<span class="empty">${t(none)}</span>`;
  const work = openWork(ctx.work, new Date());
  return renderSlot(t, data.summary, { loading: 'glance.loading', failed: 'glance.failed' }, ctx, () => void data.loadSummary(), ({ last, next }) => html`<dl>
      <dt>${t('glance.last')}</dt>
      <dd class="last">${entry(last, 'glance.noLast')}</dd>
      <dt>${t('glance.next')}</dt>
      <dd class="next">${entry(next, 'glance.noNext')}</dd>
      ${work
        ? html`<dt>${t('glance.work')}</dt>
            <dd class="work">
              ${work.count
                ? html`${t('glance.workCount', { count: work.count })}${work.due
                    ? ` · ${t('glance.due', { number: work.due.number, title: work.due.title, date: ctx.voice.date(work.due.endDate) })}`
                    : nothing}`
                : html`<span class="empty">${t('glance.noWork')}</span>`}
            </dd>`
        : nothing}
    </dl>`);
}

function renderColleagues(t: Say, ctx: GlanceContext, data: GlanceData): TemplateResult | typeof nothing {
  if (!ctx.relation) return nothing;
  return html`<details class="colleagues">
    <summary>${t('glance.colleagues', { relation: ctx.relation.name })}</summary>
    ${renderSlot(t, data.colleagues, { loading: 'glance.colleaguesLoading', failed: 'glance.colleaguesFailed' }, ctx, () => void data.loadColleagues(), ({ items, next, held }) =>
      items.length
        ? html`<ul>
              ${repeat(items, (contact) => contact.id, (contact) => {
                const name = fullName(contact) || contact.email || contact.id;
                return html`<li>
                  <button type="button" class="link" data-contact-id=${contact.id} aria-label=${t('glance.open', { name })} @click=${() => void ctx.open(contact.id)}>${name}</button
                  >${contact.jobTitle ? ` · ${contact.jobTitle}` : nothing}
                </li>`;
              })}
            </ul>
            ${next || held.length ? html`<button type="button" @click=${(event: Event) => void data.showMore((event.currentTarget as Element).previousElementSibling)}>${t('glance.more')}</button>` : nothing}`
        : html`<p class="empty">${t('glance.noColleagues')}</p>`,
    )}
  </details>`;
}

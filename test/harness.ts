import { fixture, html } from '@open-wc/testing';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { LiftChecklist } from '../src/checklist/checklist.js';
import type { LiftContactCard } from '../src/contact-card/contact-card.js';
import type { LiftContactTimeline } from '../src/contact-timeline/timeline.js';
import type { LiftAdapter } from '../src/data/contract/adapter.js';
import type { User } from '../src/data/contract/model.js';
import type { LiftDataProvider } from '../src/data-provider/data-provider.js';
import '../src/lift-contact-card.js';
import '../src/lift-data-provider.js';
import { waitUntil } from './helpers.js';
import { oneContact } from './worlds.js';

/** Card attributes as a host writes them; `lang` defaults to English. */
export interface CardAttributes {
  lang?: string;
  tab?: string;
  detailTabs?: string;
  selection?: string;
  buttons?: string;
}

/** A card on `contactId`, loaded and rendered. */
export async function mountCard(adapter: LiftAdapter, contactId: string, attrs: CardAttributes = {}): Promise<LiftContactCard> {
  // Only the attributes a test names: the others keep the card's defaults.
  const el = await fixture<LiftContactCard>(html`<lift-contact-card
    lang=${attrs.lang ?? 'en'}
    contact-id=${contactId}
    tab=${ifDefined(attrs.tab)}
    detail-tabs=${ifDefined(attrs.detailTabs)}
    selection=${ifDefined(attrs.selection)}
    buttons=${ifDefined(attrs.buttons)}
    .adapter=${adapter}
  ></lift-contact-card>`);
  await el.loaded;
  await el.updateComplete;
  return el;
}

/** What the card's live region says from now on, each message once it is filled in. */
export function listen(card: LiftContactCard): string[] {
  const heard: string[] = [];
  const region = card.shadowRoot!.querySelector('.said[role="status"]')!;
  new MutationObserver(() => region.textContent && heard.push(region.textContent)).observe(region, { childList: true, characterData: true, subtree: true });
  return heard;
}

/** The provider's user becomes `user`, as a host signs the next one in; `el` (inside it) has rendered for them, its reads perhaps still out. */
export async function handOver(provider: LiftDataProvider, el: { updateComplete: Promise<boolean> }, user: User): Promise<void> {
  provider.user = user;
  await provider.updateComplete;
  await el.updateComplete;
}

/** As `handOver`, and `el` has loaded for the next user. */
export async function switchUser(provider: LiftDataProvider, el: { loaded: Promise<unknown>; updateComplete: Promise<boolean> }, user: User): Promise<void> {
  await handOver(provider, el, user);
  await el.loaded;
  await el.updateComplete;
}

/** A card on `contactId` inside a provider whose user is `user`, as a host that signs users in shows it; loaded. */
export async function mountCardFor(
  adapter: LiftAdapter,
  user: User,
  contactId: string,
  detailTabs = 'personal function project item',
): Promise<{ provider: LiftDataProvider; card: LiftContactCard }> {
  const provider = await fixture<LiftDataProvider>(html`<lift-data-provider .adapter=${adapter} .user=${user}>
    <lift-contact-card lang="en" contact-id=${contactId} detail-tabs=${detailTabs}></lift-contact-card>
  </lift-data-provider>`);
  const card = provider.querySelector<LiftContactCard>('lift-contact-card')!;
  await card.loaded;
  await card.updateComplete;
  return { provider, card };
}

/** The resource groups whose reads are counted (the session's are synchronous and free). */
const GROUPS = ['contacts', 'relations', 'timeline', 'work', 'checklists', 'templates', 'reports', 'preferences'] as const;

/**
 * The adapter as the card sees it, counting each read by resource, method and arguments (the
 * abort signal left out): a second identical read during one open is a wasted round trip.
 */
export function counting(adapter: LiftAdapter): { adapter: LiftAdapter; calls: Map<string, number> } {
  const calls = new Map<string, number>();
  const wrapGroup = (name: string, group: object) =>
    new Proxy(group, {
      get(target, prop, receiver) {
        const value = Reflect.get(target, prop, receiver) as unknown;
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          // The same read with or without an abort signal is the same read.
          const shown = JSON.stringify(args, (k, v: unknown) => (k === 'signal' ? undefined : v)).replace(/,\{\}\]$/, ']');
          const key = `${name}.${String(prop)}(${shown})`;
          calls.set(key, (calls.get(key) ?? 0) + 1);
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
  const wrapped = new Proxy(adapter, {
    get(target, prop) {
      // Read off the adapter itself: its getters may use private fields, which a proxy lacks.
      const value = Reflect.get(target, prop) as unknown;
      if (typeof prop === 'string' && (GROUPS as readonly string[]).includes(prop) && value) return wrapGroup(prop, value);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { adapter: wrapped, calls };
}

/** The reads `counting` saw more than once, each with how often. */
export const repeated = (calls: Map<string, number>) => [...calls].filter(([, n]) => n > 1).map(([key, n]) => `${key} ×${n}`);

/**
 * Waits until `el` shows what it read of its contact: the tab `tab` (its code arrives on first
 * use), the checklist detail (opened, to read what the checklist already read) and the summary
 * beside the header (read after the first paint, in idle time).
 */
export async function everyPartRead(el: LiftContactCard, tab: 'overview' | 'checklist' | 'projects'): Promise<void> {
  const root = el.shadowRoot!;
  await settled(el);
  await el.updateComplete;
  if (tab === 'overview') {
    await waitUntil(() => root.querySelector('lift-contact-timeline'), 'timeline shown');
    await settled(root.querySelector<LiftContactTimeline>('lift-contact-timeline')!);
  } else if (tab === 'checklist') {
    await waitUntil(() => root.querySelector('lift-checklist'), 'checklist shown');
    await settled(root.querySelector<LiftChecklist>('lift-checklist')!);
  } else {
    await waitUntil(() => root.querySelector('table.projects, .empty'), 'projects shown');
  }
  root.querySelector<HTMLButtonElement>('#detail-tab-checklist-item[aria-selected="false"]')?.click();
  await waitUntil(() => root.querySelector('ul.checklist, [part="detail-panel"] .empty'), 'checklist detail');
  await waitUntil(() => root.querySelector('[part~="glance"] dl') && !root.querySelector('[part~="glance"] [role="status"]'), 'the summary read');
}

/** `el` has rendered and what that render began to read has arrived. */
export async function settled(el: { updateComplete: Promise<boolean>; loaded: Promise<unknown> }): Promise<void> {
  await el.updateComplete;
  await el.loaded;
}

/** A `<lift-contact-timeline>` (its module imported by the test) on `contactId`, in a wrapper of language `lang`, loaded and rendered. */
export async function timelineOn(adapter: LiftAdapter, contactId: string, lang = 'en'): Promise<LiftContactTimeline> {
  const wrapper = await fixture<HTMLDivElement>(html`<div lang=${lang}><lift-contact-timeline contact-id=${contactId} .adapter=${adapter}></lift-contact-timeline></div>`);
  const el = wrapper.querySelector<LiftContactTimeline>('lift-contact-timeline')!;
  await el.loaded;
  await el.updateComplete;
  return el;
}

/**
 * Presses the card's bar button for `action` and lets the card act on it (it acts after the event
 * has bubbled). The button is waited for: a bar just mounted, or laying its row out again for its
 * width (WebKit under load), may not show it yet.
 */
export async function pressBar(el: LiftContactCard, action: string): Promise<void> {
  const button = () => el.shadowRoot!.querySelector('lift-button-bar')?.shadowRoot?.querySelector<HTMLButtonElement>(`[data-action="${action}"]`);
  await waitUntil(button, `the bar's ${action} button`);
  button()!.click();
  await new Promise((resolve) => setTimeout(resolve));
  await el.updateComplete;
}

/** Answers the card's open question dialog with the button whose value is `choice`. */
export async function answerQuestion(el: LiftContactCard, choice: string): Promise<void> {
  const root = el.shadowRoot!;
  await waitUntil(() => root.querySelector<HTMLDialogElement>('dialog.ask')?.open, 'the question to open');
  root.querySelector<HTMLButtonElement>(`dialog.ask button[value="${choice}"]`)!.click();
  // Answered once the card has taken the answer (the close event) and emptied the dialog.
  await waitUntil(() => !root.querySelector<HTMLDialogElement>('dialog.ask')?.open && !root.querySelector('dialog.ask form'), 'the question to close');
  await new Promise((resolve) => setTimeout(resolve));
  await el.updateComplete;
}

/** A card in a 390 px host on its Projects tab, over a contact with a project whose title is a 170-character link and a request. */
export async function longTitleProjects(adapter: LiftAdapter): Promise<LiftContactCard> {
  const { contact } = await oneContact(adapter, 'Studio Noord', { firstName: 'Mila', lastName: 'Kok' });
  await adapter.work!.create({ kind: 'project', contactId: contact.id, title: `https://example.com/${'a'.repeat(150)}` });
  await adapter.work!.create({ kind: 'request', contactId: contact.id, title: 'Huisstijl' });
  const host = await fixture<HTMLElement>(html`<div style="width: 390px">
    <lift-contact-card lang="en" contact-id=${contact.id} tab="projects" .adapter=${adapter}></lift-contact-card>
  </div>`);
  const card = host.querySelector<LiftContactCard>('lift-contact-card')!;
  await card.loaded;
  await waitUntil(() => card.shadowRoot!.querySelectorAll('table.projects tbody tr').length === 2, 'the projects');
  return card;
}

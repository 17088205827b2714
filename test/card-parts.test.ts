import { expect, fixture, html } from '@open-wc/testing';
import type { LiftContactCard } from '../src/contact-card/contact-card.js';
import { seedDemoData } from '../src/data/demo/demo-data.js';
import { LiftActionEvent } from '../src/events.js';
import { LiftDetailTabsChangeEvent } from '../src/bar-choice-events.js';
import type { LiftChecklist } from '../src/checklist/checklist.js';
import type { LiftContactTimeline } from '../src/contact-timeline/timeline.js';
import '../src/lift-contact-card.js';
import '../src/lift-data-provider.js';
import { dropDatabases, freshIndexedDbAdapter } from './db.js';
import { counting, repeated } from './harness.js';
import { countRenders, waitUntil } from './helpers.js';

async function world() {
  const adapter = freshIndexedDbAdapter();
  const seeded = await seedDemoData(adapter, { contacts: 4, entriesPerContact: 6 });
  return { adapter, contactId: seeded.contactIds[0]! };
}

describe('card in parts', () => {
  afterEach(async () => {
    localStorage.clear();
    await dropDatabases();
  });

  for (const tab of ['overview', 'checklist', 'projects'] as const) {
    it(`reads each resource once when it opens on the ${tab} tab`, async () => {
      const { adapter, contactId } = await world();
      const { adapter: counted, calls } = counting(adapter);
      const el = await fixture<LiftContactCard>(
        html`<lift-contact-card lang="en" tab=${tab} contact-id=${contactId} detail-tabs="personal checklist-item" .adapter=${counted}></lift-contact-card>`,
      );
      await el.loaded;
      await el.updateComplete;
      // What the open tab shows has loaded too (its code arrives on first use).
      if (tab === 'overview') {
        await waitUntil(() => el.shadowRoot!.querySelector('lift-contact-timeline'), 'timeline shown');
        await el.shadowRoot!.querySelector<LiftContactTimeline>('lift-contact-timeline')!.loaded;
      } else if (tab === 'checklist') {
        await waitUntil(() => el.shadowRoot!.querySelector('lift-checklist'), 'checklist shown');
        await el.shadowRoot!.querySelector<LiftChecklist>('lift-checklist')!.loaded;
      } else {
        await waitUntil(() => el.shadowRoot!.querySelector('table.projects, .empty'), 'projects shown');
      }
      // The checklist detail tab opened as well, to read what the checklist already read.
      el.shadowRoot!.querySelector<HTMLButtonElement>('#detail-tab-checklist-item')!.click();
      await waitUntil(() => el.shadowRoot!.querySelector('ul.checklist, [part="detail-panel"] .empty'), 'checklist detail');
      // The summary beside the header reads after the first paint, in idle time: its reads count too.
      await waitUntil(() => el.shadowRoot!.querySelector('[part~="glance"] dl') && !el.shadowRoot!.querySelector('[part~="glance"] [role="status"]'), 'the summary read');
      expect([...calls.keys()].some((key) => key.startsWith('contacts.list(')), 'the summary read the relation\'s contacts').to.equal(true);
      expect(calls.size, 'something was read').to.be.greaterThan(2);
      expect(repeated(calls), 'reads made more than once').to.deep.equal([]);
    });
  }

  it('typing in an action dialog renders only the dialog, never the card', async () => {
    const { adapter, contactId } = await world();
    const el = await fixture<LiftContactCard>(html`<lift-contact-card lang="en" contact-id=${contactId} .adapter=${adapter}></lift-contact-card>`);
    await el.loaded;
    await el.updateComplete;
    // The summary beside the header arrives after the first paint (in idle time, or 200 ms later
    // where the browser has no idle callback) and renders the card once it has: let it come first.
    await waitUntil(() => el.shadowRoot!.querySelector('[part~="glance"]') && !el.shadowRoot!.querySelector('[part~="glance"] [role="status"]'), 'the summary');
    await el.updateComplete;
    el.shadowRoot!.querySelector('lift-button-bar')!.dispatchEvent(new LiftActionEvent({ action: 'search' }));
    const input = await waitUntil(() => el.shadowRoot!.querySelector<HTMLInputElement>('dialog[open] [role="combobox"]'), 'search open').then(
      () => el.shadowRoot!.querySelector<HTMLInputElement>('dialog[open] [role="combobox"]')!,
    );
    const listbox = () => el.shadowRoot!.querySelector('dialog[open] [role="listbox"]');
    await waitUntil(() => listbox()?.getAttribute('aria-busy') === 'false', 'first results', { timeout: 4000 });
    // Counts the card's own renders from here on.
    const renders = countRenders(el);
    for (const text of ['B', 'Be', 'Ber']) {
      input.value = text;
      input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
      await waitUntil(() => listbox()?.getAttribute('aria-busy') === 'true', 'busy', { timeout: 4000 });
      await waitUntil(() => listbox()?.getAttribute('aria-busy') === 'false', 'results', { timeout: 4000 });
    }
    expect(input.value).to.equal('Ber');
    expect(renders(), 'card renders while typing').to.equal(0);
  });
});

describe('the user context of a card', () => {
  afterEach(async () => {
    localStorage.clear();
    await dropDatabases();
  });

  it("re-reads the user's choices when the provider's user changes, and stores a choice for the user who made it", async () => {
    const { adapter, contactId } = await world();
    const sanne = { id: 'u-sanne', name: 'Sanne', role: 'admin' } as const;
    const kim = { id: 'u-kim', name: 'Kim', role: 'admin' } as const;
    adapter.session.setUser(sanne);
    await adapter.preferences!.set('contact', { detailTabs: ['personal'] });
    const provider = await fixture<HTMLElement & { user: unknown }>(
      html`<lift-data-provider .adapter=${adapter} .user=${sanne}><lift-contact-card lang="en" contact-id=${contactId}></lift-contact-card></lift-data-provider>`,
    );
    const el = provider.querySelector<LiftContactCard>('lift-contact-card')!;
    await el.loaded;
    await el.updateComplete;
    const detailTabs = () => [...el.shadowRoot!.querySelectorAll('[part~="detail-tabs"] [role="tab"]')].map((tab) => tab.id.replace('detail-tab-', ''));
    expect(detailTabs(), "Sanne's choice").to.deep.equal(['personal']);
    provider.user = kim;
    await waitUntil(() => detailTabs().length > 1, "Kim's (default) tabs");
    // Kim resets to the defaults: stored under Kim, Sanne's choice untouched.
    el.shadowRoot!.querySelector('lift-button-bar')!.dispatchEvent(new LiftDetailTabsChangeEvent(['personal', 'function']));
    await waitUntil(async () => (await adapter.preferences!.get('contact')).detailTabs?.length === 2, "Kim's choice stored");
    adapter.session.setUser(sanne);
    expect((await adapter.preferences!.get('contact')).detailTabs, "Sanne's choice").to.deep.equal(['personal']);
  });
});

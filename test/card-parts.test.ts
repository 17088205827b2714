import { expect, fixture, html } from '@open-wc/testing';
import type { LiftContactCard } from '../src/contact-card/contact-card.js';
import { seedDemoData } from '../src/data/demo/demo-data.js';
import { LiftActionEvent } from '../src/events.js';
import { LiftDetailTabsChangeEvent } from '../src/bar-choice-events.js';
import '../src/lift-contact-card.js';
import '../src/lift-data-provider.js';
import { dropDatabases, freshIndexedDbAdapter } from './db.js';
import { counting, everyPartRead, repeated } from './harness.js';
import { countRenders, waitUntil } from './helpers.js';

async function world() {
  const adapter = freshIndexedDbAdapter();
  const seeded = await seedDemoData(adapter, { contacts: 4, entriesPerContact: 6 });
  return { adapter, contactId: seeded.contactIds[0]!, next: seeded.contactIds[1]! };
}

describe('card in parts', () => {
  afterEach(async () => {
    localStorage.clear();
    await dropDatabases();
  });

  for (const tab of ['overview', 'checklist', 'projects'] as const) {
    it(`reads each resource once when it opens on the ${tab} tab`, async () => {
      const { calls } = await openCounted(tab);
      expect([...calls.keys()].some((key) => key.startsWith('contacts.list(')), 'the summary read the relation\'s contacts').to.equal(true);
      expect(calls.size, 'something was read').to.be.greaterThan(2);
      expect(repeated(calls), 'reads made more than once').to.deep.equal([]);
    });
  }

  for (const tab of ['overview', 'checklist', 'projects'] as const) {
    it(`reads the next contact's resources once when it moves on the ${tab} tab, and the user's choices not again`, async () => {
      const { el, calls, next } = await openCounted(tab);
      calls.clear();
      el.contactId = next;
      await everyPartRead(el, tab);
      const read = [...calls.keys()];
      expect(read.some((key) => key.startsWith(`contacts.get(["${next}"]`)), 'the next contact was read').to.equal(true);
      expect(repeated(calls), 'reads made more than once').to.deep.equal([]);
      expect(read.filter((key) => /^(preferences|templates|reports)\./.test(key)), "the user's choices read again").to.deep.equal([]);
    });
  }

  it("reads neither the relation nor its contacts again when the user opens a colleague from the summary, and lists the one left", async () => {
    const { el, calls, adapter, contactId } = await openCounted('overview', true);
    const colleague = el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="glance"] button[data-contact-id]');
    expect(colleague, 'a colleague to open').not.to.equal(null);
    const next = colleague!.dataset.contactId!;
    calls.clear();
    colleague!.click();
    await waitUntil(() => el.contactId === next, 'the colleague opened');
    await everyPartRead(el, 'overview');
    const read = [...calls.keys()];
    expect(read.some((key) => key.startsWith(`contacts.get(["${next}"]`)), 'the colleague was read').to.equal(true);
    expect(read.filter((key) => /^(relations\.get|contacts\.list)\(/.test(key)), 'the relation and its contacts read again').to.deep.equal([]);
    const listed = () => [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part~="glance"] button[data-contact-id]')].map((b) => b.dataset.contactId);
    expect(listed(), 'the contact left is among the others').to.include(contactId);
    expect(listed(), 'the one shown is not').not.to.include(next);
    const relation = (await adapter.contacts.get(next)).relationId;
    expect(el.shadowRoot!.querySelector('[part="header"]')?.textContent, 'the relation shows').to.include((await adapter.relations.get(relation)).name);
  });

  it('keeps the checklist tab that came with the first item defined when it moves to the next contact', async () => {
    const adapter = freshIndexedDbAdapter();
    const relation = await adapter.relations.create({ kind: 'client', name: 'Drukkerij Van Dam' });
    const [first, second] = [await adapter.contacts.create({ relationId: relation.id, lastName: 'Dam' }), await adapter.contacts.create({ relationId: relation.id, lastName: 'Vos' })];
    const el = await fixture<LiftContactCard>(html`<lift-contact-card lang="en" contact-id=${first.id} .adapter=${adapter}></lift-contact-card>`);
    await el.loaded;
    const tab = () => el.shadowRoot!.querySelector('#tab-checklist');
    expect(tab(), 'no checklist tab while nothing is defined').to.equal(null);
    await adapter.checklists!.saveDefinition({ cardType: 'contact', text: 'AVG-toestemming', category: 'Privacy', order: 1, mode: 'editable', modeByStatus: {} });
    await waitUntil(() => tab(), 'the checklist tab, once an item is defined');
    el.contactId = second.id;
    await el.loaded;
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part~="name"], h2')?.textContent, 'the next contact').to.include('Vos');
    expect(tab(), 'the checklist tab stays').not.to.equal(null);
  });

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

/**
 * A card on the first of a few contacts, on tab `tab` with its checklist detail open, whose reads
 * are counted; once every part has read (see `everyPartRead`). `next`: another contact;
 * `colleague`: one more contact at the first one's relation.
 */
async function openCounted(tab: 'overview' | 'checklist' | 'projects', colleague = false) {
  const { adapter, contactId, next } = await world();
  if (colleague) await adapter.contacts.create({ relationId: (await adapter.contacts.get(contactId)).relationId, firstName: 'Iris', lastName: 'Vos' });
  const { adapter: counted, calls } = counting(adapter);
  const el = await fixture<LiftContactCard>(
    html`<lift-contact-card lang="en" tab=${tab} contact-id=${contactId} detail-tabs="personal checklist-item" .adapter=${counted}></lift-contact-card>`,
  );
  await everyPartRead(el, tab);
  return { el, calls, next, adapter, contactId };
}

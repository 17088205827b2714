import { expect, fixture, html } from '@open-wc/testing';
import { captureWarnings, uniqueToken, waitUntil } from './helpers.js';
import { LitElement } from 'lit';
import type { LiftChecklist } from '../src/checklist/checklist.js';
import { AdapterController } from '../src/context/adapter-controller.js';
import { defaultAdapter } from '../src/context/default-adapter.js';
import type { LiftAdapter } from '../src/data/contract/adapter.js';
import { IndexedDbAdapter } from '../src/data/adapters/indexeddb-adapter.js';
import { MemoryAdapter } from '../src/data/adapters/memory-adapter.js';
import type { LiftDataProvider } from '../src/data-provider/data-provider.js';
import '../src/lift-checklist.js';
import '../src/lift-data-provider.js';
import { oneContact } from './worlds.js';

/** A bare consumer, to see which adapter an element would use. */
class AdapterProbe extends LitElement {
  adapter: LiftAdapter | undefined;
  readonly found = new AdapterController(this);
}
customElements.define('adapter-probe', AdapterProbe);

async function adapterWithItem(text: string) {
  const adapter = new MemoryAdapter();
  await adapter.checklists.saveDefinition({ cardType: 'contact', text, category: 'A', order: 1, mode: 'editable', modeByStatus: {} });
  return adapter;
}

const shownItems = (el: LiftChecklist) => [...el.shadowRoot!.querySelectorAll('[part~="item"] label span')].map((s) => s.textContent!.trim());

describe('<lift-data-provider>', () => {
  it('gives the elements inside it its adapter, and a new one when it changes', async () => {
    const first = await adapterWithItem('Van de eerste');
    const second = await adapterWithItem('Van de tweede');
    const provider = await fixture<LiftDataProvider>(html`<lift-data-provider .adapter=${first}><div><lift-checklist lang="nl"></lift-checklist></div></lift-data-provider>`);
    const checklist = provider.querySelector('lift-checklist')!;
    await waitUntil(() => shownItems(checklist).length === 1, 'the first adapter’s items');
    expect(shownItems(checklist)).to.deep.equal(['Van de eerste']);
    provider.adapter = second;
    await waitUntil(() => shownItems(checklist)[0] === 'Van de tweede', 'the second adapter’s items');
  });

  it('reaches the elements inside it when it is defined after them (its entry imported later), and their ticks go to its adapter', async () => {
    const adapter = await adapterWithItem('Van de provider');
    const { contact } = await oneContact(adapter, 'Laat', { lastName: 'Later' });
    // The provider's tag, defined only once the checklist inside it has connected and read.
    const tag = `lift-late-provider-${Math.random().toString(36).slice(2, 8)}`;
    const page = await fixture<HTMLDivElement>(html`<div lang="en"></div>`);
    const provider = document.createElement(tag) as LiftDataProvider;
    provider.adapter = adapter;
    const checklist = document.createElement('lift-checklist') as LiftChecklist;
    checklist.contactId = contact.id;
    provider.append(checklist);
    page.append(provider);
    await checklist.updateComplete;
    customElements.define(tag, class extends (customElements.get('lift-data-provider') as typeof LiftDataProvider) {});
    await waitUntil(() => shownItems(checklist).length === 1, "the provider's items");
    expect(shownItems(checklist)).to.deep.equal(['Van de provider']);
    checklist.shadowRoot!.querySelector<HTMLInputElement>('[part~="item"] input')!.click();
    await waitUntil(async () => (await adapter.checklists.states(contact.id))[0]?.done === true, "the tick stored by the provider's adapter");
  });

  it('sets the current user on the adapter', async () => {
    const adapter = new MemoryAdapter();
    const provider = await fixture<LiftDataProvider>(html`<lift-data-provider .adapter=${adapter}></lift-data-provider>`);
    provider.user = { id: 'u-9', name: 'Noor', role: 'viewer' };
    await provider.updateComplete;
    expect(adapter.session.currentUser().name).to.equal('Noor');
    expect(adapter.session.can('edit')).to.equal(false);
  });

  it('re-renders the elements inside with the new user’s rights, and the adapter’s own once the host takes the user away (signed out)', async () => {
    const adapter = await adapterWithItem('Recht');
    const own = adapter.session.currentUser();
    const { contact } = await oneContact(adapter, 'R', { lastName: 'X' });
    const provider = await fixture<LiftDataProvider>(html`<lift-data-provider .adapter=${adapter}><lift-checklist lang="en" contact-id=${contact.id}></lift-checklist></lift-data-provider>`);
    const checklist = provider.querySelector('lift-checklist')!;
    const box = () => checklist.shadowRoot!.querySelector<HTMLInputElement>('[part~="item"] input');
    await waitUntil(() => box() && !box()!.disabled, 'an editable item');
    provider.user = { id: 'v', name: 'Viewer', role: 'viewer' };
    await waitUntil(() => box()!.disabled, 'the item to become read-only');
    provider.user = undefined;
    await waitUntil(() => !box()!.disabled, 'the item editable again');
    expect(adapter.session.currentUser()).to.deep.equal(own);
  });

  it('gives an adapter it no longer provides its own user back, so a backend used before a sign-out never acts for the user signed out', async () => {
    const team = await adapterWithItem('Intake');
    const teamOwn = team.session.currentUser();
    const { contact } = await oneContact(team, 'R', { lastName: 'X' });
    const personal = new MemoryAdapter();
    const provider = await fixture<LiftDataProvider>(html`<lift-data-provider .adapter=${team}><lift-checklist lang="en" contact-id=${contact.id}></lift-checklist></lift-data-provider>`);
    const checklist = provider.querySelector('lift-checklist')!;
    const box = () => checklist.shadowRoot!.querySelector<HTMLInputElement>('[part~="item"] input');
    await waitUntil(() => box() && !box()!.disabled, 'an editable item');
    provider.user = { id: 'u-42', name: 'Sanne de Boer', role: 'viewer' };
    await waitUntil(() => box()!.disabled, 'read-only for Sanne, a viewer');
    // Another backend for a while (her own space), then signed out, then the next visitor on the first.
    provider.adapter = personal;
    await provider.updateComplete;
    expect(personal.session.currentUser().id, 'the backend she works on now').to.equal('u-42');
    provider.user = undefined;
    await provider.updateComplete;
    provider.adapter = team;
    await waitUntil(() => box() && !box()!.disabled, 'the item editable again, as for the adapter\'s own user');
    expect([team.session.currentUser(), personal.session.currentUser().id], 'who each backend acts for').to.deep.equal([teamOwn, 'local']);
  });

  it('warns of a user the adapter refuses and still gives the elements its adapter, never the built-in database', async () => {
    const adapter = await adapterWithItem('Alleen bij de host');
    const { contact } = await oneContact(adapter, 'Noord', { lastName: 'Kok' });
    const page = await fixture<HTMLDivElement>(html`<div lang="en"></div>`);
    const provider = document.createElement('lift-data-provider') as LiftDataProvider;
    provider.adapter = adapter;
    // A host's sign-in from plain JavaScript, without a role.
    provider.user = { id: 'u-42', name: 'Sanne de Boer' } as never;
    const checklist = document.createElement('lift-checklist') as LiftChecklist;
    checklist.contactId = contact.id;
    provider.append(checklist);
    const warnings = await captureWarnings(async () => {
      page.append(provider);
      await provider.updateComplete;
    });
    expect(warnings.join(' ')).to.include('u-42');
    await waitUntil(() => shownItems(checklist).length === 1, "the host adapter's items");
    expect(shownItems(checklist)).to.deep.equal(['Alleen bij de host']);
    // A right user later is taken.
    provider.user = { id: 'v-1', name: 'Viewer', role: 'viewer' };
    await provider.updateComplete;
    expect(adapter.session.currentUser().id).to.equal('v-1');
  });

  it('warns of a lang on it that no language answers and ignores it: the elements inside follow the page', async () => {
    const adapter = await adapterWithItem('Taal');
    const { contact } = await oneContact(adapter, 'T', { lastName: 'Taal' });
    const lang = uniqueToken('english');
    let page!: HTMLDivElement;
    const warnings = await captureWarnings(async () => {
      page = await fixture<HTMLDivElement>(html`<div lang="en"><lift-data-provider lang=${lang} .adapter=${adapter}><lift-checklist contact-id=${contact.id}></lift-checklist></lift-data-provider></div>`);
      const checklist = page.querySelector<LiftChecklist>('lift-checklist')!;
      await waitUntil(() => checklist.shadowRoot!.querySelector('[part~="progress"]'), 'the checklist');
    });
    expect(warnings.filter((warning) => warning.includes(lang)), 'one warning naming it').to.have.length(1);
    expect(warnings.join(' ')).to.include('lift-data-provider');
    const checklist = page.querySelector<LiftChecklist>('lift-checklist')!;
    await waitUntil(() => checklist.shadowRoot!.querySelector('[part~="progress"]')!.textContent!.trim() === '0 of 1 done', "the page's English");
  });

  it('keeps a provider’s user to its own elements, never the shared default adapter', async () => {
    const before = defaultAdapter().session.currentUser();
    const provider = await fixture<LiftDataProvider>(html`<lift-data-provider><adapter-probe></adapter-probe></lift-data-provider>`);
    provider.user = { id: 'gast', name: 'Gast', role: 'viewer' };
    await provider.updateComplete;
    const probe = provider.querySelector<AdapterProbe>('adapter-probe')!;
    expect(probe.found.value.session.currentUser().name).to.equal('Gast');
    expect(probe.found.value).not.to.equal(defaultAdapter());
    expect(defaultAdapter().session.currentUser()).to.deep.equal(before);
    probe.found.value.close?.();
  });

  it('follows an element moved out of its provider to the shared default, and into another provider to that one', async () => {
    const first = new MemoryAdapter();
    const second = new MemoryAdapter();
    const page = await fixture<HTMLDivElement>(html`<div>
      <lift-data-provider id="first" .adapter=${first}><adapter-probe></adapter-probe></lift-data-provider>
      <section></section>
      <lift-data-provider id="second" .adapter=${second}></lift-data-provider>
    </div>`);
    const probe = page.querySelector<AdapterProbe>('adapter-probe')!;
    expect(probe.found.value).to.equal(first);
    page.querySelector('section')!.append(probe);
    expect(probe.found.value, 'outside any provider').to.equal(defaultAdapter());
    page.querySelector('#second')!.append(probe);
    expect(probe.found.value, 'inside the other provider').to.equal(second);
    page.querySelector('#first')!.append(probe);
    expect(probe.found.value, 'back inside the first').to.equal(first);
  });

  it('lets an element’s own adapter property win over the provider', async () => {
    const provided = new MemoryAdapter();
    const own = new MemoryAdapter();
    const provider = await fixture(html`<lift-data-provider .adapter=${provided}><adapter-probe .adapter=${own}></adapter-probe><adapter-probe></adapter-probe></lift-data-provider>`);
    const [withOwn, withoutOwn] = [...provider.querySelectorAll<AdapterProbe>('adapter-probe')];
    expect(withOwn!.found.value).to.equal(own);
    expect(withoutOwn!.found.value).to.equal(provided);
  });

  it('without a provider, elements share one IndexedDB adapter on the database "lift"', async () => {
    const probe = await fixture<AdapterProbe>(html`<adapter-probe></adapter-probe>`);
    const other = await fixture<AdapterProbe>(html`<adapter-probe></adapter-probe>`);
    expect(other.found.value).to.equal(probe.found.value);
    expect(defaultAdapter()).to.equal(probe.found.value);
    // It is the database `lift`: what another adapter stores there, the default reads.
    const direct = new IndexedDbAdapter({ databaseName: 'lift' });
    try {
      const relation = await direct.relations.create({ kind: 'client', name: 'Gedeeld BV' });
      expect((await probe.found.value!.relations.get(relation.id)).name).to.equal('Gedeeld BV');
      expect(probe.found.value!.scope).to.equal('lift');
    } finally {
      direct.close();
      probe.found.value!.close?.();
      await IndexedDbAdapter.deleteDatabase('lift');
    }
  });
});

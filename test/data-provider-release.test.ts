import { expect, fixture, html } from '@open-wc/testing';
import { render } from 'lit';
import { waitUntil } from './helpers.js';
import type { LiftChecklist } from '../src/checklist/checklist.js';
import { AdapterController } from '../src/context/adapter-controller.js';
import { MemoryAdapter } from '../src/data/adapters/memory-adapter.js';
import type { LiftAdapter } from '../src/data/contract/adapter.js';
import type { LiftDataProvider } from '../src/data-provider/data-provider.js';
import '../src/lift-checklist.js';
import '../src/lift-data-provider.js';
import { LitElement } from 'lit';
import { oneContact } from './worlds.js';

// A provider taken out of the page lets go of what it holds: the user it gave its adapter, and
// the IndexedDB adapter of its own (a provider with a user and no adapter). Moved, it holds
// them again at once.

class ReleaseProbe extends LitElement {
  adapter: LiftAdapter | undefined;
  readonly found = new AdapterController(this);
}
customElements.define('release-probe', ReleaseProbe);

async function adapterWithItem() {
  const adapter = new MemoryAdapter();
  await adapter.checklists.saveDefinition({ cardType: 'contact', text: 'Intake', category: 'A', order: 1, mode: 'editable', modeByStatus: {} });
  const { contact } = await oneContact(adapter, 'R', { lastName: 'X' });
  return { adapter, contact, own: adapter.session.currentUser() };
}

const box = (checklist: Element | null) => checklist?.shadowRoot?.querySelector<HTMLInputElement>('[part~="item"] input') ?? null;
/** Lets a provider taken out of the page see that it did not come back. */
const left = () => new Promise((resolve) => setTimeout(resolve));
const sanne = { id: 'u-42', name: 'Sanne de Boer', role: 'viewer' };

describe('<lift-data-provider> taken out of the page', () => {
  it('gives its adapter its own user back: the view a host swaps in after a sign-out is not the signed-out viewer’s', async () => {
    const { adapter, contact, own } = await adapterWithItem();
    const page = await fixture<HTMLDivElement>(html`<div lang="en"></div>`);
    render(html`<lift-data-provider .adapter=${adapter} .user=${sanne}><lift-checklist contact-id=${contact.id}></lift-checklist></lift-data-provider>`, page);
    await waitUntil(() => box(page.querySelector('lift-checklist'))?.disabled === true, 'read-only for Sanne, a viewer');
    // Signed out: the host renders another view (Lit builds the new one before it removes the old).
    render(html`<section><lift-data-provider .adapter=${adapter}><lift-checklist contact-id=${contact.id}></lift-checklist></lift-data-provider></section>`, page);
    await left();
    expect(adapter.session.currentUser(), 'once the old view is gone').to.deep.equal(own);
    const checklist = page.querySelector<LiftChecklist>('section lift-checklist')!;
    await waitUntil(() => box(checklist) && !box(checklist)!.disabled, 'the new view editable, as for the adapter’s own user');
    expect(adapter.session.currentUser()).to.deep.equal(own);
  });

  it('once it is gone, re-renders another provider of the same adapter mounted before it went', async () => {
    const { adapter, contact, own } = await adapterWithItem();
    const page = await fixture<HTMLDivElement>(html`<div lang="en">
      <lift-data-provider id="old" .adapter=${adapter} .user=${sanne}><lift-checklist contact-id=${contact.id}></lift-checklist></lift-data-provider>
    </div>`);
    await waitUntil(() => box(page.querySelector('#old lift-checklist'))?.disabled === true, 'read-only for Sanne');
    // The next view is in the page before the old one leaves (a transition).
    const next = document.createElement('lift-data-provider') as LiftDataProvider;
    next.adapter = adapter;
    next.innerHTML = `<lift-checklist contact-id="${contact.id}"></lift-checklist>`;
    page.append(next);
    const checklist = next.querySelector<LiftChecklist>('lift-checklist')!;
    await waitUntil(() => box(checklist), 'the next view');
    page.querySelector('#old')!.remove();
    await waitUntil(() => box(checklist)?.disabled === false, 'the next view editable once the old one is gone');
    expect(adapter.session.currentUser()).to.deep.equal(own);
  });

  it('moved, still gives its user, and the elements inside keep their list on screen; back later, gives it again', async () => {
    const { adapter, contact } = await adapterWithItem();
    const page = await fixture<HTMLDivElement>(html`<div lang="en">
      <div id="from"><lift-data-provider .adapter=${adapter} .user=${sanne}><lift-checklist contact-id=${contact.id}></lift-checklist></lift-data-provider></div>
      <div id="to"></div>
    </div>`);
    const provider = page.querySelector<LiftDataProvider>('lift-data-provider')!;
    const checklist = page.querySelector<LiftChecklist>('lift-checklist')!;
    await waitUntil(() => box(checklist)?.disabled === true, 'read-only for Sanne');
    const shown: boolean[] = [];
    const updated = checklist['updated'].bind(checklist);
    checklist['updated'] = (changed: Map<PropertyKey, unknown>) => {
      shown.push(!!box(checklist));
      updated(changed);
    };
    page.querySelector('#to')!.append(provider);
    expect(adapter.session.currentUser().id, 'at once').to.equal('u-42');
    await checklist.loaded;
    await new Promise((resolve) => setTimeout(resolve, 50));
    await checklist.loaded;
    expect(adapter.session.currentUser().id).to.equal('u-42');
    expect(box(checklist)!.disabled, 'still read-only').to.equal(true);
    expect(shown.every(Boolean), 'the list stayed on screen at every render').to.equal(true);
    // Out of the page for a while (the adapter acts for its own user meanwhile), then back.
    provider.remove();
    await left();
    expect(adapter.session.currentUser().id, 'while it is away').to.equal('local');
    page.querySelector('#from')!.append(provider);
    expect(adapter.session.currentUser().id, 'back').to.equal('u-42');
    await checklist.loaded;
    expect(box(checklist)!.disabled, 'read-only again').to.equal(true);
    expect(shown.every(Boolean), 'the list on screen at every render since').to.equal(true);
  });

  it('sharing an adapter with another provider, leaves it acting for the user the other gives', async () => {
    const { adapter, contact, own } = await adapterWithItem();
    const page = await fixture<HTMLDivElement>(html`<div lang="en">
      <lift-data-provider id="a" .adapter=${adapter} .user=${sanne}><lift-checklist contact-id=${contact.id}></lift-checklist></lift-data-provider>
      <lift-data-provider id="b" .adapter=${adapter} .user=${sanne}></lift-data-provider>
    </div>`);
    const checklist = page.querySelector<LiftChecklist>('#a lift-checklist')!;
    await waitUntil(() => box(checklist)?.disabled === true, 'read-only for Sanne');
    // Two panes for the same signed-in user: closing one keeps her in the other.
    page.querySelector('#b')!.remove();
    await left();
    expect(adapter.session.currentUser().id).to.equal('u-42');
    // Another user given by a second provider, then that provider gone: the first one's again.
    const other = document.createElement('lift-data-provider') as LiftDataProvider;
    other.adapter = adapter;
    other.user = { id: 'u-7', name: 'Beheer', role: 'admin' };
    page.append(other);
    await other.updateComplete;
    expect(adapter.session.currentUser().id).to.equal('u-7');
    await waitUntil(() => box(checklist)?.disabled === false, 'editable while the admin is in force');
    other.remove();
    await left();
    expect(adapter.session.currentUser().id).to.equal('u-42');
    await waitUntil(() => box(checklist)?.disabled === true, 'read-only for Sanne again');
    page.querySelector('#a')!.remove();
    await left();
    expect(adapter.session.currentUser()).to.deep.equal(own);
  });

  it('closes the IndexedDB adapter of its own: no connection or channel stays open for it', async () => {
    const Native = globalThis.BroadcastChannel;
    let open = 0;
    globalThis.BroadcastChannel = class extends Native {
      #open = true;
      constructor(name: string) {
        super(name);
        if (name === 'lift-elements:lift') open++;
      }
      override close(): void {
        if (this.#open && this.name === 'lift-elements:lift') open--;
        this.#open = false;
        super.close();
      }
    };
    try {
      for (let i = 0; i < 5; i++) {
        const page = await fixture<HTMLDivElement>(html`<div lang="en">
          <lift-data-provider .user=${{ id: `u-${i}`, role: 'viewer' }}><lift-checklist contact-id="nope"></lift-checklist></lift-data-provider>
        </div>`);
        await page.querySelector<LiftChecklist>('lift-checklist')!.loaded;
        await waitUntil(() => open === 1, 'its own adapter loaded');
        page.querySelector('lift-data-provider')!.remove();
        await waitUntil(() => open === 0, `removed provider ${i + 1}: its channel closed`);
      }
      // Moved, it keeps the same one, still for its user; given an adapter by the host, it closes it.
      const page = await fixture<HTMLDivElement>(html`<div lang="en">
        <lift-data-provider .user=${sanne}><release-probe></release-probe></lift-data-provider><section></section>
      </div>`);
      const provider = page.querySelector<LiftDataProvider>('lift-data-provider')!;
      const probe = page.querySelector<ReleaseProbe>('release-probe')!;
      const ownAdapter = probe.found.value;
      await ownAdapter.session.users();
      expect(open).to.equal(1);
      page.querySelector('section')!.append(provider);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(probe.found.value, 'the same adapter').to.equal(ownAdapter);
      expect(ownAdapter.session.currentUser().id).to.equal('u-42');
      expect(open, 'still open').to.equal(1);
      await ownAdapter.session.users();
      const host = new MemoryAdapter();
      provider.adapter = host;
      await provider.updateComplete;
      expect(probe.found.value).to.equal(host);
      await waitUntil(() => open === 0, 'its own adapter closed once the host gave one');
      // Out of the page and back: a new one of its own once it has none.
      provider.adapter = undefined;
      await provider.updateComplete;
      provider.remove();
      await new Promise((resolve) => setTimeout(resolve, 50));
      page.append(provider);
      const again = probe.found.value;
      expect(again, 'one of its own').not.to.equal(host);
      expect(again.session.currentUser().id).to.equal('u-42');
      await again.session.users();
      provider.remove();
      await waitUntil(() => open === 0, 'closed again');
    } finally {
      globalThis.BroadcastChannel = Native;
    }
  });
});

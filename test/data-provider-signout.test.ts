import { expect, fixture, html } from '@open-wc/testing';
import { render } from 'lit';
import { cache } from 'lit/directives/cache.js';
import { waitUntil } from './helpers.js';
import type { LiftChecklist } from '../src/checklist/checklist.js';
import { MemoryAdapter } from '../src/data/adapters/memory-adapter.js';
import type { LiftDataProvider } from '../src/data-provider/data-provider.js';
import '../src/lift-checklist.js';
import '../src/lift-data-provider.js';
import { oneContact } from './worlds.js';

// A host that signs out by swapping views: the signed-in view's provider (with a user) leaves the
// page and the next view's provider (without one) provides the same adapter, which must then act
// for its own user again. A view only taken out and put back keeps its user, untouched.

async function adapterWithItem() {
  const adapter = new MemoryAdapter();
  await adapter.checklists.saveDefinition({ cardType: 'contact', text: 'Intake', category: 'A', order: 1, mode: 'editable', modeByStatus: {} });
  const { contact } = await oneContact(adapter, 'R', { lastName: 'X' });
  return { adapter, contact, own: adapter.session.currentUser() };
}

const box = (checklist: Element | null) => checklist?.shadowRoot?.querySelector<HTMLInputElement>('[part~="item"] input') ?? null;
const sanne = { id: 'u-42', name: 'Sanne de Boer', role: 'viewer' };

/** Sanne's view (a viewer) taken out of the page and a signed-out view on the same adapter put in. */
async function signedOutBySwap() {
  const { adapter, contact, own } = await adapterWithItem();
  const page = await fixture<HTMLDivElement>(html`<div lang="en">
    <lift-data-provider id="in" .adapter=${adapter} .user=${sanne}><lift-checklist contact-id=${contact.id}></lift-checklist></lift-data-provider>
  </div>`);
  const signedIn = page.querySelector<LiftDataProvider>('#in')!;
  await waitUntil(() => box(signedIn.querySelector('lift-checklist'))?.disabled === true, 'read-only for Sanne');
  signedIn.remove();
  const out = document.createElement('lift-data-provider') as LiftDataProvider;
  out.adapter = adapter;
  page.append(out);
  await out.updateComplete;
  return { adapter, own, page, signedIn, out };
}

describe('<lift-data-provider> and a sign-out by swapping views', () => {
  it('gives the adapter its own user back once the next view’s provider, without a user, provides it', async () => {
    const { adapter, contact, own } = await adapterWithItem();
    const page = await fixture<HTMLDivElement>(html`<div lang="en"></div>`);
    render(html`<lift-data-provider .adapter=${adapter} .user=${sanne}><lift-checklist contact-id=${contact.id}></lift-checklist></lift-data-provider>`, page);
    await waitUntil(() => box(page.querySelector('lift-checklist'))?.disabled === true, 'read-only for Sanne, a viewer');
    render(html`<section><lift-data-provider .adapter=${adapter}><lift-checklist contact-id=${contact.id}></lift-checklist></lift-data-provider></section>`, page);
    const checklist = page.querySelector<LiftChecklist>('section lift-checklist')!;
    await waitUntil(() => box(checklist) && !box(checklist)!.disabled, 'the new view editable, as for the adapter’s own user');
    expect(adapter.session.currentUser()).to.deep.equal(own);
  });

  it('keeps the user of a view taken out for a while and put back: no sign-out and in, nothing read again', async () => {
    const { adapter, contact } = await adapterWithItem();
    const page = await fixture<HTMLDivElement>(html`<div lang="en">
      <lift-data-provider .adapter=${adapter} .user=${sanne}><lift-checklist contact-id=${contact.id}></lift-checklist></lift-data-provider>
    </div>`);
    const provider = page.querySelector<LiftDataProvider>('lift-data-provider')!;
    await waitUntil(() => box(page.querySelector('lift-checklist'))?.disabled === true, 'read-only for Sanne');
    const users: string[] = [];
    const setUser = adapter.session.setUser.bind(adapter.session);
    adapter.session.setUser = (user) => (users.push(user.id), setUser(user));
    provider.remove();
    await new Promise((resolve) => setTimeout(resolve, 50));
    page.append(provider);
    await provider.updateComplete;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(users, 'the user was never changed').to.deep.equal([]);
    expect(adapter.session.currentUser().id).to.equal('u-42');
    expect(box(page.querySelector('lift-checklist'))?.disabled, 'still read-only for Sanne').to.equal(true);
  });

  it('gives its user again when put back after a signed-out view had the adapter', async () => {
    const { adapter, own, page, signedIn, out } = await signedOutBySwap();
    expect(adapter.session.currentUser(), 'signed out').to.deep.equal(own);
    out.remove();
    page.append(signedIn);
    await waitUntil(() => adapter.session.currentUser().id === 'u-42', 'Sanne again');
    await waitUntil(() => box(signedIn.querySelector('lift-checklist'))?.disabled === true, 'read-only for Sanne again');
  });

  it('signs out when the host brings back a signed-out view it kept (a cached template)', async () => {
    const { adapter, contact, own } = await adapterWithItem();
    const page = await fixture<HTMLDivElement>(html`<div lang="en"></div>`);
    const view = (user?: typeof sanne) =>
      render(
        cache(
          user
            ? html`<lift-data-provider .adapter=${adapter} .user=${user}><lift-checklist id="in" contact-id=${contact.id}></lift-checklist></lift-data-provider>`
            : html`<lift-data-provider .adapter=${adapter}><lift-checklist id="out" contact-id=${contact.id}></lift-checklist></lift-data-provider>`,
        ),
        page,
      );
    view();
    await waitUntil(() => box(page.querySelector('#out')) && !box(page.querySelector('#out'))!.disabled, 'editable, signed out');
    view(sanne);
    await waitUntil(() => box(page.querySelector('#in'))?.disabled === true, 'read-only for Sanne');
    view();
    await waitUntil(() => adapter.session.currentUser().id === own.id, 'the adapter’s own user again');
    await waitUntil(() => box(page.querySelector('#out')) && !box(page.querySelector('#out'))!.disabled, 'the kept signed-out view editable again');
  });

  it('does not give again a user taken away while it was out of the page', async () => {
    const { adapter, own, page, signedIn, out } = await signedOutBySwap();
    signedIn.user = undefined;
    await signedIn.updateComplete;
    out.remove();
    page.append(signedIn);
    await signedIn.updateComplete;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(adapter.session.currentUser(), 'no one signed in again').to.deep.equal(own);
  });
});

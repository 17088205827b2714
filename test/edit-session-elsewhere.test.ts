import { expect } from '@open-wc/testing';
import type { LiftContactCard } from '../src/contact-card/contact-card.js';
import type { ContactDetails } from '../src/data/contract/model.js';
import '../src/lift-contact-card.js';
import { listen, mountCard, type CardAttributes } from './harness.js';
import { dropDatabases, freshIndexedDbAdapter } from './db.js';
import { typeInto, waitUntil } from './helpers.js';
import { MemoryAdapter } from '../src/data/adapters/memory-adapter.js';
import { withFaults } from './faults.js';
import { oneContact } from './worlds.js';

/** A contact on a database of its own, a second adapter on it (a colleague's tab), and a card on the contact. */
async function world(attrs: CardAttributes = {}) {
  const adapter = freshIndexedDbAdapter();
  const other = freshIndexedDbAdapter({ databaseName: adapter.databaseName });
  const relation = await adapter.relations.create({ kind: 'client', name: 'Drukkerij Noord' });
  const contact = await adapter.contacts.create({ relationId: relation.id, firstName: 'Anna', lastName: 'Bos', jobTitle: 'Inkoper', email: 'anna@noord.nl' });
  const el = await mountCard(adapter, contact.id, { detailTabs: 'personal function', selection: '', ...attrs });
  return { adapter, other, relation, contact, el };
}

const root = (el: LiftContactCard) => el.shadowRoot!;
const field = (el: LiftContactCard, name: keyof ContactDetails) => root(el).querySelector<HTMLInputElement>(`#field-${name}`)!;
const type = (el: LiftContactCard, name: keyof ContactDetails, value: string) => typeInto(el, field(el, name), value);
const barButton = (el: LiftContactCard, action: string) =>
  root(el).querySelector('lift-button-bar')!.shadowRoot!.querySelector<HTMLButtonElement>(`[data-action="${action}"]`)!;
const banners = (el: LiftContactCard) => [...root(el).querySelectorAll('[part~="banner"]')].map((b) => b.textContent!.replace(/\s+/g, ' ').trim());
const saveState = (el: LiftContactCard) => root(el).querySelector('[part~="save-state"]')!.textContent!.trim();
const elsewhere = (el: LiftContactCard) => waitUntil(() => banners(el).some((b) => b.includes('changed elsewhere')), 'the "changed elsewhere" notice');

describe('the card, with a change made elsewhere', () => {
  afterEach(async () => {
    localStorage.clear();
    await dropDatabases();
  });

  it('a save of what a colleague already saved says saved and leaves no "changed elsewhere" notice', async () => {
    const { other, contact, el } = await world();
    const heard = listen(el);
    const told: unknown[] = [];
    el.addEventListener('lift-contact-saved', (event) => told.push([event.detail.contact.jobTitle, event.detail.fields]));
    await type(el, 'jobTitle', 'Directeur');
    await other.contacts.update(contact.id, contact.version, { jobTitle: 'Directeur' });
    await elsewhere(el);
    expect(await el.save(), 'saved').to.equal(true);
    expect(told, 'the host hears the edits are saved').to.deep.equal([['Directeur', ['jobTitle']]]);
    await el.updateComplete;
    expect(el.dirty).to.equal(false);
    expect(banners(el).join(' '), 'nothing left to compare').not.to.include('changed elsewhere');
    expect(saveState(el)).to.match(/^Saved at /);
    await waitUntil(() => heard.includes('Saved.'), 'the save announced');
  });

  it('typing an edit back after a colleague changed another field shows the colleague\'s value', async () => {
    const { other, contact, el } = await world();
    await type(el, 'firstName', 'Anne');
    await other.contacts.update(contact.id, contact.version, { jobTitle: 'Directeur' });
    await elsewhere(el);
    await type(el, 'firstName', 'Anna');
    expect(el.dirty).to.equal(false);
    expect(field(el, 'jobTitle').value, "the colleague's change").to.equal('Directeur');
    expect(banners(el).join(' '), 'nothing left to compare').not.to.include('changed elsewhere');
    // A save from here writes nothing over the colleague's change.
    expect(await el.save()).to.equal(true);
    expect((await other.contacts.get(contact.id)).jobTitle).to.equal('Directeur');
  });

  it('a card with edits moved within the page keeps them without calling them restored', async () => {
    const { el } = await world();
    const heard = listen(el);
    await type(el, 'department', 'Inkoop');
    await type(el, 'email', 'anna@');
    const problem = () => field(el, 'email').getAttribute('aria-invalid');
    expect(problem(), 'the wrong address is marked').to.equal('true');
    const box = document.createElement('div');
    el.parentElement!.append(box);
    box.append(el);
    await el.loaded;
    await el.updateComplete;
    expect(field(el, 'department').value, 'the edit stays').to.equal('Inkoop');
    expect(el.dirty).to.equal(true);
    expect(banners(el).join(' '), 'no restored notice').not.to.include('were restored');
    expect(heard.join(' '), 'nothing announced as restored').not.to.include('were restored');
    expect(problem(), 'still marked').to.equal('true');
  });

  it('choosing Save in the unsaved-changes question, refused for a wrong e-mail address, leaves focus on that field', async () => {
    const adapter = freshIndexedDbAdapter();
    const relation = await adapter.relations.create({ kind: 'client', name: 'Drukkerij Noord' });
    const contact = await adapter.contacts.create({ relationId: relation.id, firstName: 'Anna', lastName: 'Bos', email: 'anna@noord.nl' });
    const next = await adapter.contacts.create({ relationId: relation.id, firstName: 'Bram', lastName: 'Smit' });
    const el = await mountCard(adapter, contact.id, { detailTabs: 'personal function', selection: `${contact.id} ${next.id}` });
    await type(el, 'email', 'anna@');
    barButton(el, 'next').focus();
    barButton(el, 'next').click();
    await waitUntil(() => root(el).querySelector<HTMLDialogElement>('dialog.ask')?.open, 'the question');
    root(el).querySelector<HTMLButtonElement>('dialog.ask button[value="save"]')!.click();
    await waitUntil(() => banners(el).join(' ').includes('Correct 1 field first'), 'the refusal');
    // Past the frame in which focus would go back to Next.
    for (let i = 0; i < 3; i++) await new Promise((resolve) => requestAnimationFrame(resolve));
    await el.updateComplete;
    expect(el.contactId, 'stays').to.equal(contact.id);
    expect(root(el).activeElement, 'focus on the field to correct').to.equal(field(el, 'email'));
  });
  for (const lang of ['en', 'nl'] as const) it(`a save refused because the contact was archived meanwhile, unheard, says so without a "try again" that cannot work, and keeps the edits (${lang})`, async () => {
    const adapter = new MemoryAdapter();
    const faults = withFaults(adapter);
    const { contact } = await oneContact(adapter, 'Drukkerij Noord', { firstName: 'Anna', lastName: 'Bos', jobTitle: 'Inkoper' });
    const el = await mountCard(faults.adapter, contact.id, { detailTabs: 'personal function', lang });
    // The card does not hear the archiving (a feed that dropped): it learns of it from the save.
    faults.muteFeed();
    await type(el, 'jobTitle', 'Directeur');
    await adapter.contacts.setArchived(contact.id, contact.version, true);
    expect(await el.save(), 'not saved').to.equal(false);
    const said = lang === 'en' ? 'Not saved: this contact has been archived meanwhile.' : 'Niet opgeslagen: deze contactpersoon is intussen gearchiveerd.';
    await waitUntil(() => banners(el).some((banner) => banner.includes(said)), 'the reason');
    const refusal = [...root(el).querySelectorAll('[part~="banner"][role="alert"]')].find((banner) => banner.textContent!.includes(said))!;
    expect(refusal.querySelector('button'), 'no retry that can never work').to.equal(null);
    expect(field(el, 'jobTitle').value, 'the edit stays').to.equal('Directeur');
    expect(el.dirty).to.equal(true);
    expect(field(el, 'jobTitle').readOnly, 'read-only, as archived').to.equal(true);
  });
});

import { expect } from '@open-wc/testing';
import type { LiftContactCard } from '../src/contact-card/contact-card.js';
import { LiftDataError } from '../src/data/contract/errors.js';
import type { LiftContactSavedEvent } from '../src/events.js';
import type { ContactDetails } from '../src/data/contract/model.js';
import '../src/lift-contact-card.js';
import { dropDatabases, freshIndexedDbAdapter } from './db.js';
import { withFaults } from './faults.js';
import { listen, mountCard, pressBar } from './harness.js';
import { typeInto, waitUntil } from './helpers.js';
import { oneContact } from './worlds.js';

// A save the adapter could not confirm (`unavailable`), and then a newer record: it is her save
// only when it holds all she sent. A colleague's record holding part of it is news from
// elsewhere, and what she typed on in a field she sent stays hers, on top.

afterEach(() => {
  localStorage.clear();
  return dropDatabases();
});

const root = (el: LiftContactCard) => el.shadowRoot!;
const field = (el: LiftContactCard, name: keyof ContactDetails) => root(el).querySelector<HTMLInputElement>(`#field-${name}`)!;
const banners = (el: LiftContactCard) => [...root(el).querySelectorAll('[part~="banner"]')].map((b) => b.textContent!.replace(/\s+/g, ' ').trim()).join(' | ');

async function unconfirmedSave() {
  const adapter = freshIndexedDbAdapter();
  const { contact } = await oneContact(adapter, 'Studio Noord', { firstName: 'Julia', lastName: 'Visser' });
  const faults = withFaults(adapter);
  const el = await mountCard(faults.adapter, contact.id);
  const heard = listen(el);
  const saved: string[][] = [];
  el.addEventListener('lift-contact-saved', (event) => saved.push([...(event as LiftContactSavedEvent).detail.fields]));
  return { adapter, contact, faults, el, heard, saved };
}

describe('a newer record after a save that could not be confirmed', () => {
  it('holding only part of what she sent is not her save: nothing is said saved', async () => {
    const { adapter, contact, faults, el, heard, saved } = await unconfirmedSave();
    await typeInto(el, field(el, 'firstName'), 'Evelien');
    await typeInto(el, field(el, 'jobTitle'), 'Hoofd');
    faults.fail('contacts.update', new LiftDataError('unavailable', 'The server did not answer.'));
    await pressBar(el, 'save');
    await waitUntil(() => banners(el).includes('Saving failed'), 'the failed save');
    // A colleague stores the job title only: her first name is not stored.
    await adapter.contacts.update(contact.id, contact.version, { jobTitle: 'Hoofd' });
    await waitUntil(() => banners(el).includes('changed elsewhere'), 'news from elsewhere');
    expect(heard, 'never said saved').not.to.include('Saved.');
    expect(saved, 'no saved event').to.deep.equal([]);
    expect(el.dirty, 'her first name still unsaved').to.equal(true);
    expect(field(el, 'firstName').value).to.equal('Evelien');
    expect((await adapter.contacts.get(contact.id)).firstName, 'as stored').to.equal('Julia');
  });

  it('holding part of what she sent, the rest typed back as it was, says nothing saved of the rest', async () => {
    const { adapter, contact, faults, el, saved } = await unconfirmedSave();
    await typeInto(el, field(el, 'firstName'), 'Evelien');
    await typeInto(el, field(el, 'jobTitle'), 'Hoofd');
    faults.fail('contacts.update', new LiftDataError('unavailable', 'The server did not answer.'));
    await pressBar(el, 'save');
    await waitUntil(() => banners(el).includes('Saving failed'), 'the failed save');
    await typeInto(el, field(el, 'firstName'), 'Julia');
    await adapter.contacts.update(contact.id, contact.version, { jobTitle: 'Hoofd' });
    // Heard either as news from elsewhere (her first name's edit went, so this is no save of hers) or, wrongly, as her save.
    await waitUntil(() => banners(el).includes('changed elsewhere') || saved.length > 0, 'the newer record heard');
    expect(saved.flat(), 'her first name was never stored as Evelien').not.to.include('firstName');
  });

  it('holding all she sent is her save, with what she typed on in one of its fields kept on top', async () => {
    const { adapter, contact, faults, el, heard, saved } = await unconfirmedSave();
    await typeInto(el, field(el, 'jobTitle'), 'Hoofd');
    faults.fail('contacts.update', new LiftDataError('unavailable', 'The server did not answer.'));
    await pressBar(el, 'save');
    await waitUntil(() => banners(el).includes('Saving failed'), 'the failed save');
    await typeInto(el, field(el, 'jobTitle'), 'Hoofd drukwerk');
    // What her save sent comes in a newer record (it landed after all).
    await adapter.contacts.update(contact.id, contact.version, { jobTitle: 'Hoofd' });
    await waitUntil(() => heard.includes('Saved.'), 'said saved');
    expect(banners(el), 'no failure, nothing from elsewhere').to.equal('');
    expect(saved).to.deep.equal([['jobTitle']]);
    expect(field(el, 'jobTitle').value, 'what she typed on').to.equal('Hoofd drukwerk');
    expect(el.dirty, 'still to be saved').to.equal(true);
  });
});

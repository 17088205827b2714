import { expect } from '@open-wc/testing';
import { dropDatabases, freshIndexedDbAdapter } from './db.js';
import { oneContact } from './worlds.js';

// A search typed as a list or a sentence writes it: "surname, first name", a full stop at the end.

afterEach(dropDatabases);

describe('search text with punctuation', () => {
  it('finds a contact by "Vries, Jan" and "Vries, de", as by "Jan de Vries"', async () => {
    const adapter = freshIndexedDbAdapter();
    const { contact } = await oneContact(adapter, 'Bakkerij Noord', { firstName: 'Jan', infix: 'de', lastName: 'Vries', email: 'jan@noord.nl' });
    await oneContact(adapter, 'Drukkerij Zuid', { firstName: 'Eva', lastName: 'Janssen', email: 'eva@zuid.nl' });
    const found = async (text: string) => (await adapter.contacts.list({ text })).items.map((c) => c.id);
    for (const text of ['Jan de Vries', 'Vries, Jan', 'Vries,Jan', 'Vries, de', '(Vries)', 'vries; jan.']) expect(await found(text), text).to.deep.equal([contact.id]);
    // A dot inside a word is part of it: an e-mail address is still found whole.
    expect(await found('jan@noord.nl')).to.deep.equal([contact.id]);
  });

  it('finds an overview entry by "prijs, akkoord" and "akkoord."', async () => {
    const adapter = freshIndexedDbAdapter();
    const { contact } = await oneContact(adapter, 'Studio Noord', { firstName: 'Julia', lastName: 'Visser' });
    const note = await adapter.timeline.add({ contactId: contact.id, kind: 'note', subject: 'Offerte', body: 'Prijs akkoord, levering in mei.' });
    await adapter.timeline.add({ contactId: contact.id, kind: 'call', subject: 'Teruggebeld', body: 'Geen akkoord over de prijs van de levering.' });
    const found = async (text: string) => (await adapter.timeline.query(contact.id, { text })).items.map((e) => e.id);
    expect(await found('prijs, akkoord')).to.have.length(2);
    expect(await found('akkoord, mei.')).to.deep.equal([note.id]);
    expect(await found('"levering in mei"')).to.deep.equal([note.id]);
  });
});

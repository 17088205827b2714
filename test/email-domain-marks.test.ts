import { expect } from '@open-wc/testing';
import { LiftDataError } from '../src/data/contract/errors.js';
import { dropDatabases, freshIndexedDbAdapter } from './db.js';
import { oneContact } from './worlds.js';

// E-mail domains in scripts that write vowels as marks, or with an accent typed as a letter plus
// a mark (as some keyboards and pastes give "ü"), are real domains and are stored.

afterEach(dropDatabases);

describe('an e-mail address whose domain holds combining marks', () => {
  it('is stored; an address that is no address is still refused', async () => {
    const adapter = freshIndexedDbAdapter();
    const { contact } = await oneContact(adapter, 'Studio Noord', { firstName: 'Julia', lastName: 'Visser' });
    let version = contact.version;
    for (const email of ['info@हिन्दी.भारत', 'anna@mu\u0308ller.de', 'anna@müller.de']) {
      const saved = await adapter.contacts.update(contact.id, version, { email });
      expect(saved.email, email).to.equal(email);
      version = saved.version;
    }
    for (const email of ['a@b.nl#x', 'anna@\u0308muller.de', 'anna@devries.nl?cc=x.com']) {
      const refused = await adapter.contacts.update(contact.id, version, { email }).then(() => undefined, (e: unknown) => e);
      expect(LiftDataError.is(refused, 'validation'), `${email}: ${String(refused)}`).to.equal(true);
    }
  });
});

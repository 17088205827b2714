import { expect, fixture, html } from '@open-wc/testing';
import { typeInto, waitUntil } from './helpers.js';
import type { LiftContactCard } from '../src/contact-card/contact-card.js';
import { seedDemoData } from '../src/data/demo/demo-data.js';
import { IndexedDbAdapter } from '../src/data/adapters/indexeddb-adapter.js';
import { RIGHTS } from '../src/data/contract/model.js';
import '../src/lift-contact-card.js';
import { dropDatabases, freshIndexedDbAdapter, PRESENT, uniqueDatabaseName } from './db.js';

afterEach(dropDatabases);

describe('a contact archived elsewhere, shown to a user who may not see archived contacts', () => {
  it('is refused as an open would refuse it, and comes back with her edits once unarchived', async () => {
    const databaseName = uniqueDatabaseName();
    const roles = [
      { id: 'admin', name: 'Admin', rights: [...RIGHTS] },
      { id: 'present', name: 'Present only', rights: RIGHTS.filter((r) => r !== 'see-archived') },
    ];
    const adapter = freshIndexedDbAdapter({ databaseName, roles });
    await seedDemoData(adapter, { contacts: 3, entriesPerContact: 1 });
    const contact = (await adapter.contacts.list()).items[0]!;
    adapter.session.setUser(PRESENT);
    const card = await fixture<LiftContactCard>(html`<lift-contact-card lang="en" contact-id=${contact.id} .adapter=${adapter}></lift-contact-card>`);
    await card.loaded;
    await card.updateComplete;
    const root = card.shadowRoot!;
    await typeInto(card, root.querySelector<HTMLInputElement>('#field-jobTitle')!, 'Typed before it went');
    // A colleague in another tab, on the same database, archives the contact.
    const colleague = new IndexedDbAdapter({ databaseName, roles });
    try {
      await colleague.contacts.setArchived(contact.id, contact.version, true);
      await waitUntil(() => !root.querySelector('#field-firstName'), 'the fields no longer offered for editing');
      expect(root.textContent, 'the refusal said').to.include('You do not have the right to see this contact');
      await colleague.contacts.setArchived(contact.id, contact.version + 1, false);
      await waitUntil(() => root.querySelector('#field-jobTitle'), 'the contact shown again');
      await card.updateComplete;
      expect(root.querySelector<HTMLInputElement>('#field-jobTitle')!.value, 'her edit kept').to.equal('Typed before it went');
    } finally {
      colleague.close();
    }
  });
});

import { expect } from '@open-wc/testing';
import type { HttpAdapter } from '../src/data/adapters/http-adapter.js';
import type { Contact, User } from '../src/data/contract/model.js';
import { startTeamServerFirst, teamSpace, TEAM_USERS, type TeamSpace } from './team.js';

// A host that passes the team server's adapter what it passes the built-in one gets the same
// answer: a page size above the most a page holds is that many, and a filter given as null is no
// filter (as on IndexedDB), not a search for the word "null".

startTeamServerFirst();

const [ANNA] = TEAM_USERS as [User];

describe('HttpAdapter: query values as the other adapters take them', () => {
  let space: TeamSpace;
  let adapter: HttpAdapter;
  let contact: Contact;

  beforeEach(async () => {
    space = await teamSpace();
    adapter = await space.connect(ANNA);
    const relation = await adapter.relations.create({ kind: 'client', name: 'Drukkerij Van Dam' });
    contact = await adapter.contacts.create({ relationId: relation.id, firstName: 'Eva', lastName: 'Dam' });
    await adapter.timeline.add({ contactId: contact.id, kind: 'note', subject: 'Gebeld', body: '' });
  });
  afterEach(async () => {
    adapter.close();
    await space.drop();
  });

  it('answers a page for a limit above the most a page holds, as every adapter does', async () => {
    expect((await adapter.contacts.list({ limit: 1e9 })).items.map((c) => c.id)).to.deep.equal([contact.id]);
    expect((await adapter.contacts.list({ limit: Number.MAX_SAFE_INTEGER })).items.map((c) => c.id)).to.deep.equal([contact.id]);
    expect((await adapter.timeline.query(contact.id, { limit: 1e10 })).items.map((e) => e.subject)).to.include('Gebeld');
  });

  it('takes a text filter given as null as no filter, not as the word "null"', async () => {
    const noText = null as unknown as undefined;
    expect((await adapter.contacts.list({ text: noText })).items.map((c) => c.id)).to.deep.equal([contact.id]);
    expect((await adapter.relations.list({ text: noText })).items.map((r) => r.name)).to.deep.equal(['Drukkerij Van Dam']);
    expect((await adapter.timeline.query(contact.id, { text: noText })).items.map((e) => e.subject)).to.include('Gebeld');
  });
});

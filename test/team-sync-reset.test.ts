import { expect } from '@open-wc/testing';
import { waitUntil } from './helpers.js';
import type { HttpAdapter } from '../src/data/adapters/http-adapter.js';
import type { Contact, User } from '../src/data/contract/model.js';
import type { Replica } from '../src/data/sync/replica.js';
import { closeDevices, device } from './sync-device.js';
import { startTeamServerFirst, teamSpace, TEAM_USERS, type TeamSpace } from './team.js';

// After a feed reset the device's copy cannot know which contacts changed while it was away, so it
// reads again what it kept of those read most lately. The contacts must not lose their places to
// the many overviews, counts and lists of work kept since they were opened.

startTeamServerFirst();

const [ANNA, ERIK] = TEAM_USERS as [User, User];

describe('SyncAdapter: catching up after a feed reset', () => {
  let space: TeamSpace;
  let colleague: HttpAdapter;
  let contacts: Contact[];

  beforeEach(async () => {
    space = await teamSpace();
    colleague = await space.connect(ANNA);
    const relation = await colleague.relations.create({ kind: 'client', name: 'Drukkerij Van Dam' });
    contacts = [];
    for (const lastName of ['Dam', 'Visser']) {
      contacts.push(await colleague.contacts.create({ relationId: relation.id, firstName: 'Eva', lastName, jobTitle: 'Zetter' }));
    }
  });
  afterEach(async () => {
    closeDevices();
    await space.drop();
  });

  /** Erik's laptop read both contacts, then `meanwhile` on its copy; a colleague changes the first while it is closed past what the feed keeps. */
  async function afterReset(meanwhile: (copy: Replica) => Promise<void>) {
    const laptop = device(space, ERIK);
    const first = await laptop.open();
    for (const contact of contacts) await first.contacts.get(contact.id);
    await first.timeline.count(contacts[0]!.id);
    first.close();
    await colleague.contacts.update(contacts[0]!.id, contacts[0]!.version, { jobTitle: 'Drukker' });
    await colleague.timeline.add({ contactId: contacts[0]!.id, kind: 'note', subject: 'Gebeld over de drukproef', body: '' });
    const copy = await laptop.replica();
    await meanwhile(copy);
    await copy.setMeta('feedPosition', '999999999');
    copy.close();
    const adapter = await laptop.open();
    const bulk: string[] = [];
    adapter.subscribe((change) => 'resource' in change && !change.contactId && !change.ids.length && bulk.push(change.resource));
    await waitUntil(() => bulk.includes('contact'), 'the reset is told');
    await adapter.sync.caughtUp();
    laptop.net.offline = true;
    return adapter;
  }

  it('reads the kept contacts again though more than 200 overview counts and work lists were kept after them', async () => {
    const adapter = await afterReset(async (copy) => {
      // Overviews of contacts opened after these two (not searches: each of them is read again too).
      for (let i = 0; i < 110; i++) await copy.keep(`other-${i}|timeline.count|[]`, 0);
      for (let i = 0; i < 110; i++) await copy.keep(`other-${i}|work.list|${JSON.stringify([{ limit: 50 }])}`, { items: [] });
    });
    const kept = await adapter.contacts.get(contacts[0]!.id);
    expect(adapter.sync.isStale(kept), 'answered from the copy, offline').to.equal(true);
    expect(kept.jobTitle, "the colleague's change made while the laptop was away").to.equal('Drukker');
  });

  it("reads a kept contact's overview again though hundreds of searches in overviews were kept after it", async () => {
    const before = await colleague.timeline.count(contacts[0]!.id);
    const adapter = await afterReset(async (copy) => {
      for (let i = 0; i < 220; i++) await copy.keep(`${contacts[1]!.id}|timeline.query|${JSON.stringify([{ text: `zoek ${i}`, limit: 50 }])}`, { items: [], total: 0, counts: {} });
    });
    const now = await colleague.timeline.count(contacts[0]!.id);
    expect(now, 'the server counts what was added while the laptop was away').to.be.above(before);
    expect(await adapter.timeline.count(contacts[0]!.id), 'the copy counts it too').to.equal(now);
  });
});

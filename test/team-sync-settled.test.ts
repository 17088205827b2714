import { expect } from '@open-wc/testing';
import { failure, waitUntil } from './helpers.js';
import type { HttpAdapter } from '../src/data/adapters/http-adapter.js';
import type { ChecklistItemDefinition, Contact, TimelineEntry, User } from '../src/data/contract/model.js';
import type { SyncAdapter } from '../src/data/sync/sync-adapter.js';
import { closeDevices, device, type Device } from './sync-device.js';
import { startTeamServerFirst, teamSpace, TEAM_USERS, type TeamSpace } from './team.js';
import { oneContact } from './worlds.js';

// What the outbox on the device holds once the server has answered: a note it refused is the
// device's alone again (corrected or removed as often as wished until it goes once more), and a
// checklist item in conflict is settled by a later save of the same item, online or offline.

startTeamServerFirst();

const [ANNA, ERIK] = TEAM_USERS as [User, User];

describe('SyncAdapter: what the server answered settles the outbox', () => {
  let space: TeamSpace;
  let colleague: HttpAdapter;
  let contact: Contact;

  beforeEach(async () => {
    space = await teamSpace();
    ({ adapter: colleague, contact } = await oneContact(await space.connect(ANNA), 'Drukkerij Van Dam', { firstName: 'Eva', lastName: 'Dam', jobTitle: 'Zetter' }));
  });
  afterEach(async () => {
    closeDevices();
    await space.drop();
  });

  /** The network goes, and the device finds out (a read that fails), so nothing is sent meanwhile. */
  async function offline(laptop: Device, adapter: SyncAdapter): Promise<void> {
    laptop.net.offline = true;
    await adapter.relations.list().catch(() => {});
    expect(adapter.sync.state().connection, 'the device knows it is offline').to.equal('offline');
  }

  /** A note Erik added as the network went, refused once the server answers (Anna archived the contact meanwhile); then she unarchives it and the device is offline again. */
  async function refusedNote(): Promise<{ laptop: Device; adapter: SyncAdapter; note: TimelineEntry }> {
    const laptop = device(space, ERIK);
    const adapter = await laptop.open();
    await adapter.contacts.get(contact.id);
    await adapter.timeline.query(contact.id, { limit: 20 });
    // The network goes as the note is added: it is tried at once, and waits.
    laptop.net.offline = true;
    const note = await adapter.timeline.add({ contactId: contact.id, kind: 'note', subject: 'Offerte', body: 'Eerste' });
    expect(adapter.sync.state().connection, 'tried at once').to.equal('offline');
    const archived = await colleague.contacts.setArchived(contact.id, (await colleague.contacts.get(contact.id)).version, true);
    laptop.net.offline = false;
    await adapter.sync.retry();
    await waitUntil(() => adapter.sync.state().failed.length === 1, 'the note is refused');
    expect(adapter.sync.state().failed.map((change) => change.state)).to.deep.equal(['refused']);
    await colleague.contacts.setArchived(contact.id, archived.version, false);
    await offline(laptop, adapter);
    return { laptop, adapter, note };
  }

  const onServer = async () => (await colleague.timeline.all(contact.id)).filter((e) => e.subject === 'Offerte').map((e) => e.body);

  it('lets a refused note be corrected offline as often as wished, and removed, until it is sent again', async () => {
    const { laptop, adapter, note } = await refusedNote();
    expect((await adapter.timeline.update(note.id, { body: 'Tweede' })).body).to.equal('Tweede');
    expect(adapter.sync.state(), 'it waits again').to.deep.include({ waiting: 1, failed: [] });
    expect((await adapter.timeline.update(note.id, { body: 'Derde' })).body, 'corrected once more').to.equal('Derde');
    await adapter.timeline.remove(note.id);
    expect(await adapter.sync.pending(), 'removed').to.deep.equal([]);
    expect((await adapter.timeline.query(contact.id, { limit: 20 })).items.map((e) => e.subject), 'gone from the overview').not.to.include('Offerte');

    laptop.net.offline = false;
    await adapter.sync.retry();
    await waitUntil(() => adapter.sync.state().connection === 'online', 'online');
    expect(await onServer(), 'never sent').to.deep.equal([]);
  });

  it('lets a refused note sent again while offline be corrected and removed until it goes', async () => {
    const { laptop, adapter, note } = await refusedNote();
    const [refused] = adapter.sync.state().failed;
    await adapter.sync.retry(refused!.id);
    expect(adapter.sync.state(), 'it waits again, offline').to.deep.include({ connection: 'offline', waiting: 1, failed: [] });
    expect((await adapter.timeline.update(note.id, { body: 'Tweede' })).body).to.equal('Tweede');
    await adapter.timeline.remove(note.id);
    expect(await adapter.sync.pending(), 'removed').to.deep.equal([]);

    laptop.net.offline = false;
    await adapter.sync.retry();
    await waitUntil(() => adapter.sync.state().connection === 'online', 'online');
    expect(await onServer(), 'never sent').to.deep.equal([]);
  });

  it('still keeps a corrected refused note from being changed once it was sent again and its answer was lost', async () => {
    const { laptop, adapter, note } = await refusedNote();
    await adapter.timeline.update(note.id, { body: 'Tweede' });
    // Sent, and the answer lost on the way back: the server holds it now.
    laptop.net.offline = false;
    Object.assign(laptop.net, { loseAnswers: 1, cutAfterLoss: true });
    await adapter.sync.retry();
    await waitUntil(() => laptop.net.loseAnswers === 0 && adapter.sync.state().connection === 'offline', 'sent, its answer lost');
    expect((await failure(adapter.timeline.update(note.id, { body: 'Derde' }))).code, 'not corrected on its way').to.equal('unavailable');
    expect((await failure(adapter.timeline.remove(note.id))).code, 'nor removed').to.equal('unavailable');

    Object.assign(laptop.net, { offline: false, cutAfterLoss: false });
    await adapter.sync.retry();
    await waitUntil(() => adapter.sync.state().connection === 'online' && adapter.sync.state().waiting === 0, 'sent');
    expect(await onServer(), 'once, as sent').to.deep.equal(['Tweede']);
  });

  /** Erik's tick made offline meets Anna's note on the same item: the conflict is listed. */
  async function checklistConflict(): Promise<{ laptop: Device; adapter: SyncAdapter; item: ChecklistItemDefinition }> {
    const item = await colleague.checklists!.saveDefinition({ cardType: 'contact', text: 'AVG-toestemming', category: 'Privacy', order: 1, mode: 'editable', modeByStatus: {} });
    const laptop = device(space, ERIK);
    const adapter = await laptop.open();
    await adapter.checklists!.states(contact.id);
    await offline(laptop, adapter);
    await adapter.checklists!.setState(contact.id, item.id, 0, { done: true });
    await colleague.checklists!.setState(contact.id, item.id, 0, { note: 'Van Anna' });
    laptop.net.offline = false;
    await adapter.sync.retry();
    await waitUntil(() => adapter.sync.state().failed.length === 1, 'the conflict is listed');
    expect(adapter.sync.state().failed.map((change) => [change.kind, change.state])).to.deep.equal([['checklist', 'conflict']]);
    return { laptop, adapter, item };
  }

  const serverItem = async (item: ChecklistItemDefinition) => {
    const state = (await colleague.checklists!.states(contact.id)).find((s) => s.itemId === item.id)!;
    return { done: state.done, note: state.note, version: state.version };
  };

  it('settles a checklist conflict once the user saves the item again online: it leaves the list, and nothing is sent over her save', async () => {
    const { laptop, adapter, item } = await checklistConflict();
    const fresh = (await adapter.checklists!.states(contact.id)).find((s) => s.itemId === item.id)!;
    expect(fresh.version, "read fresh: the colleague's version").to.equal(1);
    const saved = await adapter.checklists!.setState(contact.id, item.id, 1, { done: false, note: 'Mijn nieuwe' });
    expect(saved.version).to.equal(2);
    expect(adapter.sync.state().failed, 'the conflict is settled').to.deep.equal([]);
    expect(await adapter.sync.pending(), 'nothing left in the outbox').to.deep.equal([]);

    // Nothing goes later either, and the copy on the device holds her save.
    await adapter.sync.retry();
    expect(await serverItem(item)).to.deep.equal({ done: false, note: 'Mijn nieuwe', version: 2 });
    await offline(laptop, adapter);
    const kept = (await adapter.checklists!.states(contact.id)).find((s) => s.itemId === item.id)!;
    expect([kept.done, kept.note, kept.version], 'the copy on the device').to.deep.equal([false, 'Mijn nieuwe', 2]);
  });

  it("settles a checklist conflict once the user saves the item again offline on the colleague's version: that save goes instead", async () => {
    const { laptop, adapter, item } = await checklistConflict();
    await adapter.checklists!.states(contact.id);
    await offline(laptop, adapter);
    await adapter.checklists!.setState(contact.id, item.id, 1, { done: false, note: 'Mijn nieuwe' });
    await waitUntil(() => adapter.sync.state().waiting === 1, 'the save waits');
    expect(adapter.sync.state().failed, 'the save replaces the conflict').to.deep.equal([]);
    expect((await adapter.sync.pending()).map((change) => change.input)).to.deep.equal([{ done: 'false', note: 'Mijn nieuwe' }]);

    laptop.net.offline = false;
    await adapter.sync.retry();
    await waitUntil(() => adapter.sync.state().connection === 'online' && adapter.sync.state().waiting === 0, 'sent');
    expect(adapter.sync.state().failed, 'nothing listed').to.deep.equal([]);
    expect(await serverItem(item)).to.deep.equal({ done: false, note: 'Mijn nieuwe', version: 2 });
  });

  it('replaces a checklist conflict with a save made offline on the tick the device still shows, which goes along with it', async () => {
    const { laptop, adapter, item } = await checklistConflict();
    await offline(laptop, adapter);
    const shown = (await adapter.checklists!.states(contact.id)).find((s) => s.itemId === item.id)!;
    expect([shown.done, shown.version], 'the device shows its own tick').to.deep.equal([true, 0]);
    await adapter.checklists!.setState(contact.id, item.id, 0, { note: 'Mijn nieuwe' });
    await waitUntil(() => adapter.sync.state().waiting === 1, 'the save waits');
    expect(adapter.sync.state().failed, 'the save replaces the conflict').to.deep.equal([]);
    expect((await adapter.sync.pending()).map((change) => change.input), 'with the tick').to.deep.equal([{ done: 'true', note: 'Mijn nieuwe' }]);

    // Made on her own tick, it meets the colleague's note again: one conflict, with all she wrote.
    laptop.net.offline = false;
    await adapter.sync.retry();
    await waitUntil(() => adapter.sync.state().failed.length === 1, 'the conflict is listed again');
    const [conflict] = adapter.sync.state().failed;
    expect([conflict!.state, conflict!.input]).to.deep.equal(['conflict', { done: 'true', note: 'Mijn nieuwe' }]);
    await adapter.sync.sendAnyway(conflict!.id);
    await waitUntil(() => adapter.sync.state().waiting === 0 && adapter.sync.state().failed.length === 0, 'sent anyway');
    expect(await serverItem(item)).to.deep.equal({ done: true, note: 'Mijn nieuwe', version: 2 });
  });
});

import { expect } from '@open-wc/testing';
import { upgradeInAnotherTab, waitUntil } from './helpers.js';
import type { LiftAdapter } from '../src/data/contract/adapter.js';
import { LiftDataError } from '../src/data/contract/errors.js';
import type { User } from '../src/data/contract/model.js';
import { SyncAdapter } from '../src/data/sync/sync-adapter.js';
import { ModelServer, type Network } from './model-server.js';
import { oneContact } from './worlds.js';

// Cases the model (test/sync-model.chromium.test.ts) found, each alone: two tabs of one user
// over the server in memory (test/model-server.ts), sharing one outbox.

const ANNA: User = { id: 'u-anna', name: 'Anna Admin', role: 'admin' };
const ERIK: User = { id: 'u-erik', name: 'Erik Employee', role: 'employee' };
let count = 0;

async function twoTabs() {
  const server = new ModelServer();
  const colleague = server.as(ANNA);
  const { contact } = await oneContact(colleague, 'Drukkerij Van Dam', { lastName: 'Dam', jobTitle: 'Zetter', department: 'Druk' });
  const name = `lift-sync-outbox-${Date.now().toString(36)}-${++count}`;
  const nets: [Network, Network] = [{ offline: false, loseAnswers: 0 }, { offline: false, loseAnswers: 0 }];
  const open = (net: Network) => SyncAdapter.over(server.remote(ERIK, net), { name, probeMs: 600_000 });
  const tabs = [await open(nets[0]), await open(nets[1])] as const;
  after(async () => {
    for (const tab of tabs) tab.close();
    await new Promise((resolve) => (indexedDB.deleteDatabase(`${name}:model:${ERIK.id}`).onsuccess = resolve));
  });
  return { server, colleague, contact, nets, tabs, name };
}

/** `tab` sends the outbox over `net`, held on the way: `meanwhile` runs while the first write is out. */
async function whileSending(tab: SyncAdapter, net: Network, meanwhile: () => Promise<unknown>): Promise<void> {
  let go!: () => void;
  // Writes only: a tab that was offline asks the server first whether it is back.
  const sending = new Promise<void>((reached) => (net.hold = { reached, go: new Promise((resolve) => (go = resolve)), writes: true }));
  const retried = tab.sync.retry();
  await sending;
  await meanwhile();
  delete net.hold;
  go();
  await retried;
}

/** The checklist item most cases tick: defined by the colleague, editable. */
const consentItem = (colleague: LiftAdapter) =>
  colleague.checklists!.saveDefinition({ cardType: 'contact', text: 'AVG-toestemming', category: 'Privacy', order: 1, mode: 'editable', modeByStatus: {} });

/** Both tabs retry until nothing waits. */
async function sent(tabs: readonly SyncAdapter[]): Promise<void> {
  await Promise.all(tabs.map((tab) => tab.sync.retry()));
  await waitUntil(() => tabs.every((tab) => tab.sync.state().waiting === 0), 'the outbox is sent');
}

describe('SyncAdapter: the copy following the feed', () => {
  it('reads again an answer that was on its way while the feed told of a change it may not hold', async () => {
    const { colleague, contact, nets, tabs } = await twoTabs();
    const [tab] = tabs;
    const stop = tab.subscribe(() => undefined);
    after(stop);
    const query = { limit: 20 };
    await tab.timeline.query(contact.id, query);
    // A read of the overview runs on the server and its answer is slow to come back; meanwhile
    // a colleague adds a note, and the feed tells of it before that answer arrives.
    let go!: () => void;
    const answered = new Promise<void>((resolve) => (nets[0].late = { answered: resolve, go: new Promise((release) => (go = release)) }));
    // The read is asked for and the change told in the same millisecond (as happened in a
    // clean-clone run): a clock that stands still makes that certain.
    const clock = Date.now;
    const frozen = clock();
    Date.now = () => frozen;
    let slow: ReturnType<typeof tab.timeline.query>;
    try {
      slow = tab.timeline.query(contact.id, query);
      await answered;
      delete nets[0].late;
      await colleague.timeline.add({ contactId: contact.id, kind: 'note', subject: 'Terwijl het antwoord onderweg was', body: '' });
    } finally {
      Date.now = clock;
    }
    go();
    expect((await slow).items.map((entry) => entry.subject), 'the slow answer predates the note').not.to.include('Terwijl het antwoord onderweg was');
    // The slow answer is kept (in the background) before catching up looks at what is kept.
    await new Promise((resolve) => setTimeout(resolve, 50));
    await tab.sync.caughtUp();

    nets[0].offline = true;
    const kept = await tab.timeline.query(contact.id, query);
    expect(tab.sync.isStale(kept)).to.equal(true);
    expect(kept.items.map((entry) => entry.subject), 'the copy read it again').to.include('Terwijl het antwoord onderweg was');
  });
});

describe('SyncAdapter: a server answering with errors', () => {
  it('asks again less and less often, and says it is caught up as far as it could be', async () => {
    const { colleague, contact, nets, tabs } = await twoTabs();
    const [tab] = tabs;
    after(tab.subscribe(() => undefined));
    await tab.contacts.get(contact.id);
    await tab.sync.caughtUp();
    // The server stays reachable but answers each read with an error, as during a deploy.
    const failReads = { asked: 0 };
    nets[0].failReads = failReads;
    await colleague.contacts.update(contact.id, contact.version, { jobTitle: 'Drukker' });
    await waitUntil(() => failReads.asked > 0, 'the copy tries to read the change again');
    // Once tried and failed, waiting for the copy to catch up ends instead of trying for ever.
    await tab.sync.caughtUp();
    const first = failReads.asked;
    await new Promise((resolve) => setTimeout(resolve, 3000));
    // Every quarter second for three seconds would be twelve more; waiting twice as long each time is at most four.
    expect(failReads.asked - first, 'reads asked during three seconds of errors').to.be.at.most(4);
    // The server answers again: asking the copy to catch up reads it at once.
    delete nets[0].failReads;
    await tab.sync.caughtUp();
    nets[0].offline = true;
    expect((await tab.contacts.get(contact.id)).jobTitle).to.equal('Drukker');
  });
});

describe('SyncAdapter: two tabs sharing an outbox', () => {
  it('keeps a field saved in one tab while the other tab is sending the same contact', async () => {
    const { colleague, contact, nets, tabs } = await twoTabs();
    await tabs[0].contacts.get(contact.id);
    // Tab 2's save reaches the server and its answer is lost: it waits on the device.
    nets[1].loseAnswers = 1;
    const saved = await tabs[1].contacts.update(contact.id, contact.version, { jobTitle: 'Uit tab 2' });
    expect(tabs[1].sync.isPending(saved)).to.equal(true);
    // Tab 1 sends it over a slow network; meanwhile tab 2's user saves another field of the contact.
    await whileSending(tabs[0], nets[0], () => tabs[1].contacts.update(contact.id, saved.version, { department: 'Uit tab 2, later' }));
    await sent(tabs);
    const onServer = await colleague.contacts.get(contact.id);
    expect([onServer.jobTitle, onServer.department]).to.deep.equal(['Uit tab 2', 'Uit tab 2, later']);
    expect(tabs[0].sync.state().failed).to.deep.equal([]);
  });

  it('sends a field saved again while its earlier value is being sent, as the user’s own and not a colleague’s conflict', async () => {
    const { colleague, contact, nets, tabs } = await twoTabs();
    await tabs[0].contacts.get(contact.id);
    nets[1].loseAnswers = 1;
    const saved = await tabs[1].contacts.update(contact.id, contact.version, { jobTitle: 'Eerst' });
    // While "Eerst" is on its way, the user changes the same field again.
    await whileSending(tabs[0], nets[0], () => tabs[1].contacts.update(contact.id, saved.version, { jobTitle: 'Daarna' }));
    await sent(tabs);
    expect((await colleague.contacts.get(contact.id)).jobTitle).to.equal('Daarna');
    expect(tabs[0].sync.state().failed, 'no conflict with the user’s own earlier value').to.deep.equal([]);
  });

  it("sends a checklist change made while the item's earlier change is being sent as the user's own, not a colleague's conflict", async () => {
    const { colleague, contact, nets, tabs } = await twoTabs();
    const item = await consentItem(colleague);
    await tabs[1].checklists!.states(contact.id);
    nets[1].loseAnswers = 1;
    const ticked = await tabs[1].checklists!.setState(contact.id, item.id, 0, { done: true });
    // While the tick is on its way, the user writes a note on the item.
    await whileSending(tabs[0], nets[0], () => tabs[1].checklists!.setState(contact.id, item.id, ticked.version, { note: 'Gebeld' }));
    await sent(tabs);
    const [onServer] = await colleague.checklists!.states(contact.id);
    expect([onServer!.done, onServer!.note]).to.deep.equal([true, 'Gebeld']);
    expect(tabs[0].sync.state().failed, 'no conflict with the user’s own tick').to.deep.equal([]);
  });

  it("sends a field saved again after its earlier save's answer was lost as the user's own, not a colleague's conflict", async () => {
    const { colleague, contact, nets, tabs } = await twoTabs();
    const [tab] = tabs;
    // The other tab is away: nothing sends the outbox before the user's next change.
    nets[1].offline = true;
    await tab.contacts.get(contact.id);
    // The save reaches the server and its answer is lost: it waits, and the tab is offline.
    nets[0].loseAnswers = 1;
    const first = await tab.contacts.update(contact.id, contact.version, { jobTitle: 'Drukker' });
    expect(tab.sync.isPending(first)).to.equal(true);
    // Before it goes again, the user changes the same field and another one.
    await tab.contacts.update(contact.id, first.version, { jobTitle: 'Hoofd drukkerij', department: 'Productie' });
    await sent([tab]);
    const onServer = await colleague.contacts.get(contact.id);
    expect([onServer.jobTitle, onServer.department]).to.deep.equal(['Hoofd drukkerij', 'Productie']);
    expect(tab.sync.state().failed, "the user's own earlier value is no colleague's").to.deep.equal([]);
  });

  it("sends a field saved again after the outbox's send of it lost its answer as the user's own", async () => {
    const { colleague, contact, nets, tabs } = await twoTabs();
    const [tab] = tabs;
    nets[1].offline = true;
    await tab.contacts.get(contact.id);
    nets[0].offline = true;
    // A read finds the server away: the save goes to the outbox without being sent.
    await tab.contacts.get(contact.id);
    expect(tab.sync.state().connection).to.equal('offline');
    const first = await tab.contacts.update(contact.id, contact.version, { jobTitle: 'Drukker' });
    // Back online, the outbox sends it: it lands, and the answer is lost.
    nets[0].offline = false;
    nets[0].loseAnswers = 1;
    await tab.sync.retry();
    expect(tab.sync.state().waiting, 'it still waits on the device').to.equal(1);
    await tab.contacts.update(contact.id, first.version, { jobTitle: 'Hoofd drukkerij' });
    await sent([tab]);
    expect((await colleague.contacts.get(contact.id)).jobTitle).to.equal('Hoofd drukkerij');
    expect(tab.sync.state().failed, "the user's own earlier value is no colleague's").to.deep.equal([]);
  });

  it("still asks when a colleague changed the field after the user's save whose answer was lost", async () => {
    const { colleague, contact, nets, tabs } = await twoTabs();
    const [tab] = tabs;
    // The other tab is away: nothing sends the outbox before the user's next change.
    nets[1].offline = true;
    await tab.contacts.get(contact.id);
    nets[0].loseAnswers = 1;
    const first = await tab.contacts.update(contact.id, contact.version, { jobTitle: 'Drukker' });
    await tab.contacts.update(contact.id, first.version, { jobTitle: 'Hoofd drukkerij' });
    const landed = await colleague.contacts.get(contact.id);
    await colleague.contacts.update(contact.id, landed.version, { jobTitle: 'Van Anna' });
    await sent([tab]);
    expect((await colleague.contacts.get(contact.id)).jobTitle, "Anna's value stays until the user chooses").to.equal('Van Anna');
    expect(tab.sync.state().failed.map((change) => [change.state, change.input.jobTitle])).to.deep.equal([['conflict', 'Hoofd drukkerij']]);
  });

  it("sends a checklist note written after the item's tick whose answer was lost as the user's own, not a colleague's conflict", async () => {
    const { colleague, contact, nets, tabs } = await twoTabs();
    const [tab] = tabs;
    // The other tab is away: nothing sends the outbox before the user's next change.
    nets[1].offline = true;
    const item = await consentItem(colleague);
    await tab.checklists!.states(contact.id);
    nets[0].loseAnswers = 1;
    const ticked = await tab.checklists!.setState(contact.id, item.id, 0, { done: true });
    expect(tab.sync.isPending(ticked)).to.equal(true);
    await tab.checklists!.setState(contact.id, item.id, ticked.version, { note: 'Gebeld' });
    await sent([tab]);
    const [onServer] = await colleague.checklists!.states(contact.id);
    expect([onServer!.done, onServer!.note]).to.deep.equal([true, 'Gebeld']);
    expect(tab.sync.state().failed, "no conflict with the user's own tick").to.deep.equal([]);
  });

  it("still asks when a colleague wrote on the item after the user's tick whose answer was lost", async () => {
    const { colleague, contact, nets, tabs } = await twoTabs();
    const [tab] = tabs;
    // The other tab is away: nothing sends the outbox before the user's next change.
    nets[1].offline = true;
    const item = await consentItem(colleague);
    await tab.checklists!.states(contact.id);
    nets[0].loseAnswers = 1;
    const ticked = await tab.checklists!.setState(contact.id, item.id, 0, { done: true });
    await tab.checklists!.setState(contact.id, item.id, ticked.version, { note: 'Gebeld' });
    const [landed] = await colleague.checklists!.states(contact.id);
    await colleague.checklists!.setState(contact.id, item.id, landed!.version, { note: 'Van Anna' });
    await sent([tab]);
    const [onServer] = await colleague.checklists!.states(contact.id);
    expect(onServer!.note).to.equal('Van Anna');
    expect(tab.sync.state().failed.map((change) => change.state)).to.deep.equal(['conflict']);
  });

  it('keeps on the device what the server took at once: a tick and layout choices made online are what shows and what later changes start from offline', async () => {
    const { colleague, contact, nets, tabs } = await twoTabs();
    const [tab] = tabs;
    const item = await consentItem(colleague);
    await tab.checklists!.states(contact.id);
    await tab.preferences!.get('contact');
    const ticked = await tab.checklists!.setState(contact.id, item.id, 0, { done: true });
    expect(tab.sync.isPending(ticked), 'sent at once').to.equal(false);
    await tab.preferences!.set('contact', { buttons: ['save', 'refresh'] });
    nets[0].offline = true;
    expect((await tab.preferences!.get('contact'))?.buttons, 'the choices as made').to.deep.equal(['save', 'refresh']);
    const [shown] = await tab.checklists!.states(contact.id);
    expect([shown!.done, shown!.version], 'the tick as the server keeps it').to.deep.equal([true, ticked.version]);
    // Unticked offline on the version the user saw: no conflict with their own tick.
    await tab.checklists!.setState(contact.id, item.id, ticked.version, { done: false });
    nets[0].offline = false;
    await sent([tab]);
    expect((await colleague.checklists!.states(contact.id))[0]!.done).to.equal(false);
    expect(tab.sync.state().failed).to.deep.equal([]);
  });

  it('answers layout choices made offline while they are being sent, not the older ones the server still has, and keeps them on the device', async () => {
    const { nets, tabs } = await twoTabs();
    const [tab] = tabs;
    await tab.preferences!.get('contact');
    // The other tab stays offline: this one sends.
    nets[0].offline = nets[1].offline = true;
    await tab.preferences!.set('contact', { buttons: ['save', 'refresh'] });
    nets[0].offline = false;
    // Back online, the card reads its choices again (everything may be behind) while the outbox sends them.
    let during: unknown;
    await whileSending(tab, nets[0], async () => {
      during = (await tab.preferences!.get('contact'))?.buttons;
    });
    expect(during, 'the choices made, while they are on their way').to.deep.equal(['save', 'refresh']);
    nets[0].offline = true;
    expect((await tab.preferences!.get('contact'))?.buttons, 'kept on the device as made').to.deep.equal(['save', 'refresh']);
  });

  it("keeps a colleague's value of a field that one tab saves while the other tab is sending the contact", async () => {
    const { colleague, contact, nets, tabs } = await twoTabs();
    await tabs[1].contacts.get(contact.id);
    nets[1].loseAnswers = 1;
    const saved = await tabs[1].contacts.update(contact.id, contact.version, { jobTitle: 'Uit tab 2' });
    const theirs = await colleague.contacts.get(contact.id);
    await colleague.contacts.update(contact.id, theirs.version, { department: 'Van Anna' });
    // Tab 2 still shows the department it read before Anna changed it.
    await whileSending(tabs[0], nets[0], () => tabs[1].contacts.update(contact.id, saved.version, { department: 'Uit tab 2' }));
    await sent(tabs);
    const onServer = await colleague.contacts.get(contact.id);
    expect([onServer.jobTitle, onServer.department]).to.deep.equal(['Uit tab 2', 'Van Anna']);
    const failed = tabs[0].sync.state().failed;
    expect(failed.map((change) => [change.state, change.input.department])).to.deep.equal([['conflict', 'Uit tab 2']]);
  });

  it("never lets a save based on the device's own version of a contact overwrite a colleague's change it did not show", async () => {
    const { colleague, contact, nets, tabs } = await twoTabs();
    await tabs[1].contacts.get(contact.id);
    nets[0].offline = nets[1].offline = true;
    // Two saves offline: the device shows the contact two versions on, with the old department.
    const first = await tabs[1].contacts.update(contact.id, contact.version, { jobTitle: 'Eerste' });
    const shown = await tabs[1].contacts.update(contact.id, first.version, { jobTitle: 'Tweede' });
    expect(shown.department).to.equal('Druk');
    await colleague.contacts.update(contact.id, contact.version, { department: 'Van Anna' });
    // The other tab sends the saves: the server's contact is now at that version number too.
    nets[0].offline = false;
    await sent([tabs[0]]);
    const result = await tabs[1].contacts.update(contact.id, shown.version, { department: 'Uit tab 2' }).then(
      () => 'kept',
      (error: { code?: string }) => error.code,
    );
    nets[1].offline = false;
    await sent(tabs);
    const onServer = await colleague.contacts.get(contact.id);
    // Either the save is refused as a conflict, or it waits as one: Anna's department stays.
    expect([onServer.jobTitle, onServer.department]).to.deep.equal(['Tweede', 'Van Anna']);
    if (result === 'kept') expect(tabs[1].sync.state().failed.map((change) => change.state)).to.deep.equal(['conflict']);
    else expect(result).to.equal('conflict');
  });

  it("never lets a checklist change based on the device's own version overwrite a colleague's it did not show", async () => {
    const { colleague, contact, nets, tabs } = await twoTabs();
    const item = await consentItem(colleague);
    await tabs[1].checklists!.states(contact.id);
    nets[0].offline = nets[1].offline = true;
    // Two changes of the item offline: one write, and the state the device shows.
    const first = await tabs[1].checklists!.setState(contact.id, item.id, 0, { done: true });
    const shown = await tabs[1].checklists!.setState(contact.id, item.id, first.version, { note: 'Gebeld' });
    // Meanwhile Anna writes on the item twice: the server's state is at version 2.
    const anna = await colleague.checklists!.setState(contact.id, item.id, 0, { note: 'Van Anna' });
    await colleague.checklists!.setState(contact.id, item.id, anna.version, { note: 'Nog eens van Anna' });
    nets[0].offline = false;
    await sent([tabs[0]]);
    // A change on the state the device shows: it must not pass the server's version check unseen.
    await tabs[1].checklists!.setState(contact.id, item.id, shown.version, { note: 'Uit tab 2' }).catch(() => undefined);
    nets[1].offline = false;
    await sent(tabs);
    const [onServer] = await colleague.checklists!.states(contact.id);
    expect(onServer!.note).to.equal('Nog eens van Anna');
    expect(tabs[1].sync.state().failed.every((change) => change.state === 'conflict')).to.equal(true);
  });

  it("never reports a save as failed that the server took: a tab saves right after the other tab's lost answer", async () => {
    const { server, contact, nets, tabs } = await twoTabs();
    await Promise.all(tabs.map((tab) => tab.contacts.get(contact.id)));
    // Tab 2's save reaches the server and its answer is lost: it waits in the shared outbox.
    nets[1].loseAnswers = 1;
    await tabs[1].contacts.update(contact.id, contact.version, { jobTitle: 'Drukker' });
    // At once, before any message between the tabs: tab 1 shows the contact and saves it, and
    // that answer is lost too.
    nets[0].loseAnswers = 1;
    const shown = await tabs[0].contacts.get(contact.id);
    const outcome = await tabs[0].contacts.update(contact.id, shown.version, { jobTitle: 'Vormgever' }).then(
      () => 'kept',
      (error: { code: string }) => error.code,
    );
    await sent(tabs);
    const onServer = (await server.as(ERIK).contacts.get(contact.id)).jobTitle;
    if (outcome !== 'kept') return void expect(onServer, `tab 1 was told "${outcome}"`).not.to.equal('Vormgever');
    // Kept: it arrived, or it waits for the user's choice with what they wrote.
    const waiting = await tabs[0].sync.pending();
    expect(onServer === 'Vormgever' || waiting.some((change) => change.state === 'conflict' && change.input.jobTitle === 'Vormgever')).to.equal(true);
  });

  it("takes a tick whose answer was lost, sent with the card's status, as landed: no conflict with the user's own tick", async () => {
    const { colleague, contact, nets, tabs } = await twoTabs();
    const item = await colleague.checklists!.saveDefinition({ cardType: 'contact', text: 'Offerte verstuurd', category: 'Verkoop', order: 1, mode: 'editable', modeByStatus: {} });
    const [tab] = tabs;
    await tab.checklists!.states(contact.id);
    // The tick reaches the server and its answer is lost; a card with a status sends it along
    // (the server ignores it): sent again, the tick meets its own new version.
    nets[0].loseAnswers = 1;
    await tab.checklists!.setState(contact.id, item.id, 0, { done: true, status: 'lead' });
    await sent([tab]);
    expect(tab.sync.state().failed, 'nothing for the user to settle').to.deep.equal([]);
    const [onServer] = await colleague.checklists!.states(contact.id);
    expect([onServer!.done, onServer!.version], 'ticked once').to.deep.equal([true, 1]);
  });

  it("sends a checklist change in conflict over the colleague's only when the user says so, once, from either tab", async () => {
    const { colleague, contact, nets, tabs } = await twoTabs();
    const item = await consentItem(colleague);
    await tabs[0].checklists!.states(contact.id);
    nets[0].offline = nets[1].offline = true;
    await tabs[0].checklists!.setState(contact.id, item.id, 0, { done: true, note: 'Toestemming per mail' });
    await colleague.checklists!.setState(contact.id, item.id, 0, { note: 'Van Anna' });
    nets[0].offline = nets[1].offline = false;
    await tabs[0].sync.retry();
    await waitUntil(() => tabs[1].sync.state().failed.length === 1, 'the other tab lists the conflict');
    const [conflict] = tabs[1].sync.state().failed;
    expect(conflict!.state).to.equal('conflict');
    expect((await colleague.checklists!.states(contact.id))[0]!.note, 'nothing sent before the user chose').to.equal('Van Anna');

    await tabs[1].sync.sendAnyway(conflict!.id);
    await sent(tabs);
    const [onServer] = await colleague.checklists!.states(contact.id);
    expect([onServer!.done, onServer!.note]).to.deep.equal([true, 'Toestemming per mail']);
    expect(onServer!.version, 'one write on top of Anna\'s').to.equal(2);
    await waitUntil(() => tabs.every((tab) => tab.sync.state().failed.length === 0), 'nothing left to settle');
    expect(await tabs[0].sync.pending()).to.deep.equal([]);
    // A change that is not in conflict is not sent by it (both tabs offline: the other would send it).
    nets[0].offline = nets[1].offline = true;
    await tabs[0].checklists!.setState(contact.id, item.id, onServer!.version, { note: 'Later' });
    const [waiting] = await tabs[0].sync.pending();
    await tabs[0].sync.sendAnyway(waiting!.id);
    expect((await tabs[0].sync.pending())[0]!.state).to.equal('waiting');
    expect((await colleague.checklists!.states(contact.id))[0]!.note).to.equal('Toestemming per mail');
  });

  it('lets a tab close while it sends, and a tab opened later finishes the write once', async () => {
    const { server, colleague, contact, nets, tabs, name } = await twoTabs();
    // One tab here: the other would send the outbox itself.
    tabs[1].close();
    await tabs[0].contacts.get(contact.id);
    nets[0].offline = true;
    await tabs[0].timeline.add({ contactId: contact.id, kind: 'note', subject: 'Onderweg', body: '' });
    const saved = await tabs[0].contacts.update(contact.id, contact.version, { jobTitle: 'Onderweg' });
    expect(tabs[0].sync.isPending(saved)).to.equal(true);
    nets[0].offline = false;
    // The tab is closed (a reload) while the note is on its way.
    await whileSending(tabs[0], nets[0], async () => tabs[0].close());

    const reopened = await SyncAdapter.over(server.remote(ERIK, nets[0]), { name, probeMs: 600_000 });
    after(() => reopened.close());
    await reopened.sync.retry();
    await waitUntil(() => reopened.sync.state().waiting === 0, 'the outbox is sent');
    expect((await colleague.timeline.all(contact.id)).filter((e) => e.subject === 'Onderweg')).to.have.length(1);
    const onServer = await colleague.contacts.get(contact.id);
    expect([onServer.jobTitle, onServer.version]).to.deep.equal(['Onderweg', contact.version + 1]);
  });
});

describe('SyncAdapter: a note made on the device is corrected and removed like any other', () => {
  const subjects = async (colleague: { timeline: { all(id: string): Promise<{ subject: string; body: string }[]> } }, contactId: string) =>
    (await colleague.timeline.all(contactId)).filter((e) => e.subject.startsWith('Gebeld')).map((e) => `${e.subject}: ${e.body}`);

  it('once refused: the note can still be corrected, which sends it again, or removed', async () => {
    const { colleague, contact, nets, tabs } = await twoTabs();
    const [tab] = tabs;
    nets[1].offline = true;
    nets[0].offline = true;
    await tab.timeline.query(contact.id, { limit: 20 }).catch(() => undefined);
    const note = await tab.timeline.add({ contactId: contact.id, kind: 'note', subject: 'Gebeld', body: 'Eerste' });
    const other = await tab.timeline.add({ contactId: contact.id, kind: 'note', subject: 'Gebeld ook', body: 'Tweede' });
    // The server refuses both (a right taken away meanwhile, and given back later).
    nets[0].offline = false;
    nets[0].refuse = true;
    await tab.sync.retry();
    await waitUntil(() => tab.sync.state().failed.length === 2, 'both refused');
    nets[0].refuse = false;
    const corrected = await tab.timeline.update(note.id, { body: 'Verbeterd' });
    expect(corrected.body).to.equal('Verbeterd');
    await tab.timeline.remove(other.id);
    await sent([tab]);
    expect(await subjects(colleague, contact.id)).to.deep.equal(['Gebeld: Verbeterd']);
    expect(tab.sync.state().failed).to.deep.equal([]);
  });

  it('is dated when it was written, not when the outbox sent it', async () => {
    const { colleague, contact, nets, tabs } = await twoTabs();
    const [tab] = tabs;
    nets[0].offline = nets[1].offline = true;
    await tab.timeline.query(contact.id, { limit: 20 }).catch(() => undefined);
    const kept = await tab.timeline.add({ contactId: contact.id, kind: 'call', subject: 'Gebeld', body: '' });
    const written = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 50));
    nets[0].offline = false;
    await sent([tab]);
    const [onServer] = (await colleague.timeline.all(contact.id)).filter((e) => e.subject === 'Gebeld');
    expect(Date.parse(onServer!.occurredAt), 'dated before it was sent').to.be.at.most(written);
    expect(onServer!.occurredAt, 'as the device showed it').to.equal(kept.occurredAt);
  });

  it('while it waits: the correction is what is sent, and a removed note is never sent', async () => {
    const { colleague, contact, nets, tabs } = await twoTabs();
    const [tab] = tabs;
    const query = { limit: 20 };
    await tab.timeline.query(contact.id, query);
    // Both tabs: the other one would send the shared outbox.
    for (const net of nets) net.offline = true;
    // A read in each tab finds the server away: the notes are made on the device, and no tab tries
    // them on the server (a tried note may be there as it was sent, and is changed once it landed).
    for (const each of tabs) await each.timeline.query(contact.id, query);
    const kept = await tab.timeline.add({ contactId: contact.id, kind: 'note', subject: 'Gebeld', body: 'Typfout' });
    const gone = await tab.timeline.add({ contactId: contact.id, kind: 'note', subject: 'Gebeld per ongeluk', body: 'Weg ermee' });
    const corrected = await tab.timeline.update(kept.id, { body: 'Verbeterd' });
    expect([corrected.id, corrected.body, tab.sync.isPending(corrected)]).to.deep.equal([kept.id, 'Verbeterd', true]);
    await tab.timeline.remove(gone.id);
    // The overview kept on the device shows it so while offline.
    const shown = (await tab.timeline.query(contact.id, query)).items.filter((e) => e.subject.startsWith('Gebeld')).map((e) => e.body);
    expect(shown).to.deep.equal(['Verbeterd']);
    await tab.timeline.update(kept.id, { subject: ' ', body: '' }).then(
      () => expect.fail('a note without subject or text is refused on the device too'),
      (error: { code?: string }) => expect(error.code).to.equal('validation'),
    );
    for (const net of nets) net.offline = false;
    await sent(tabs);
    expect(await subjects(colleague, contact.id)).to.deep.equal(['Gebeld: Verbeterd']);
  });

  it('a note without subject or text is refused on the device at once, not kept for the server to refuse later', async () => {
    const { colleague, contact, nets, tabs } = await twoTabs();
    const [tab] = tabs;
    for (const net of nets) net.offline = true;
    const blank = await tab.timeline.add({ contactId: contact.id, kind: 'note', subject: ' ', body: '' }).then(() => undefined, (error: { code?: string; fields?: object }) => error);
    expect(blank, 'refused as the server refuses it').to.deep.include({ code: 'validation', fields: { body: 'required' } });
    expect(await tab.sync.pending(), 'nothing waits to be sent').to.deep.equal([]);
    for (const net of nets) net.offline = false;
    await sent(tabs);
    expect(await subjects(colleague, contact.id)).to.deep.equal([]);
  });

  it('sent before and its answer lost: it is not changed on its way, and is corrected once it landed, never made twice', async () => {
    const { colleague, contact, nets, tabs } = await twoTabs();
    const [tab] = tabs;
    nets[1].offline = true;
    // The note reaches the server; its answer does not come back.
    nets[0].loseAnswers = 1;
    const note = await tab.timeline.add({ contactId: contact.id, kind: 'note', subject: 'Gebeld', body: 'Typfout' });
    expect(tab.sync.isPending(note), 'kept on the device').to.equal(true);
    nets[0].offline = true;
    const early = await tab.timeline.update(note.id, { body: 'Verbeterd' }).then(() => undefined, (error: { code?: string }) => error.code);
    expect(early, 'the correction waits for the note to arrive').to.equal('unavailable');
    nets[0].offline = false;
    await sent([tab]);
    const corrected = await tab.timeline.update(note.id, { body: 'Verbeterd' });
    expect(corrected.body).to.equal('Verbeterd');
    expect(await subjects(colleague, contact.id)).to.deep.equal(['Gebeld: Verbeterd']);
  });

  it('once it landed: its device id still reaches it on the server, also when the correction came while it was being sent', async () => {
    const { colleague, contact, nets, tabs } = await twoTabs();
    const [tab] = tabs;
    // The other tab stays offline throughout: this one sends.
    for (const net of nets) net.offline = true;
    const first = await tab.timeline.add({ contactId: contact.id, kind: 'note', subject: 'Gebeld', body: 'Typfout' });
    const second = await tab.timeline.add({ contactId: contact.id, kind: 'note', subject: 'Gebeld later', body: 'Dubbel' });
    nets[0].offline = false;
    // The first note is on its way when the user corrects it: the correction waits for its answer.
    let correction: Promise<{ id: string; body: string }> | undefined;
    await whileSending(tab, nets[0], async () => void (correction = tab.timeline.update(first.id, { body: 'Verbeterd' })));
    await waitUntil(() => tab.sync.state().waiting === 0, 'the outbox is sent');
    const corrected = await correction!;
    expect(corrected.body).to.equal('Verbeterd');
    expect(corrected.id, 'the answer carries the id the server gave it').to.not.equal(first.id);
    await tab.timeline.remove(second.id);
    expect(await subjects(colleague, contact.id)).to.deep.equal(['Gebeld: Verbeterd']);
  });
});

describe('SyncAdapter: another user signs in while the outbox is sent', () => {
  const BERT: User = { id: 'u-bert', name: 'Bert Employee', role: 'employee' };

  it("sends no more of the previous user's changes, in anyone's name, until they are back", async () => {
    const { colleague, contact, nets, tabs } = await twoTabs();
    const [tab] = tabs;
    nets[1].offline = true;
    await tab.contacts.get(contact.id);
    nets[0].offline = true;
    await tab.contacts.update(contact.id, contact.version, { jobTitle: 'Van Erik, offline' });
    // A colleague changes another field: Erik's save meets a newer version, and goes again on top of it.
    await colleague.contacts.update(contact.id, contact.version, { department: 'Van Anna' });
    nets[0].offline = false;
    // Erik signs out and Bert in while the server's answer to the first send is on its way.
    let switched = false;
    nets[0].late = { writes: true, go: Promise.resolve(), answered: () => void (switched ||= (tab.session.setUser(BERT), true)) };
    await tab.sync.retry();
    delete nets[0].late;
    expect(switched, 'the first send was answered').to.equal(true);
    const jobTitle = async () => (await colleague.contacts.get(contact.id)).jobTitle;
    expect(await jobTitle(), 'nothing sent in Bert’s name').to.equal('Zetter');
    tab.session.setUser(ERIK);
    await sent([tab]);
    expect(await jobTitle()).to.equal('Van Erik, offline');
    const authors = (await colleague.timeline.all(contact.id)).filter((e) => e.kind === 'change' && JSON.stringify(e).includes('Van Erik')).map((e) => e.authorId);
    expect(authors, 'saved as Erik’s').to.deep.equal([ERIK.id]);
  });

  it("keeps a read answered after the next user signed in out of that user's copy", async () => {
    const { contact, nets, tabs } = await twoTabs();
    const [tab] = tabs;
    nets[1].offline = true;
    // Erik's read of the contact is answered just after Bert has signed in.
    nets[0].late = { go: Promise.resolve(), answered: () => tab.session.setUser(BERT) };
    expect((await tab.contacts.get(contact.id)).lastName, 'Erik’s read answers Erik').to.equal('Dam');
    delete nets[0].late;
    expect(tab.session.currentUser().id).to.equal(BERT.id);
    // The answer would be kept in the background: give it the time.
    await new Promise((resolve) => setTimeout(resolve, 100));
    nets[0].offline = true;
    const offline = await tab.contacts.get(contact.id).catch((error: unknown) => error);
    expect(LiftDataError.is(offline, 'unavailable'), 'Bert’s copy holds nothing Erik read').to.equal(true);
  });

  it("keeps no write of the previous user in the next user's outbox when its answer is lost as the user changes: it fails, for the element to keep", async () => {
    const { contact, nets, tabs } = await twoTabs();
    const [tab] = tabs;
    nets[1].offline = true;
    // Erik adds a note; the server takes it, Bert signs in, and the answer is lost on the way.
    nets[0].loseAnswers = 1;
    nets[0].late = { writes: true, go: Promise.resolve(), answered: () => tab.session.setUser(BERT) };
    const added = await tab.timeline.add({ contactId: contact.id, kind: 'note', subject: 'Gebeld', body: 'Van Erik' }).catch((error: unknown) => error);
    delete nets[0].late;
    expect(LiftDataError.is(added, 'unavailable'), 'not kept: it failed as unsent').to.equal(true);
    expect(tab.session.currentUser().id).to.equal(BERT.id);
    expect(await tab.sync.pending(), 'nothing of Erik’s in Bert’s outbox').to.deep.equal([]);
    expect(tab.sync.state().waiting).to.equal(0);
  });

  it("leaves the next user's change in conflict alone when a save of the previous user's lands as the user changes", async () => {
    const { colleague, contact, nets, tabs } = await twoTabs();
    const [tab] = tabs;
    nets[1].offline = true;
    // Bert's change meets Anna's: it waits in his outbox for him to choose.
    tab.session.setUser(BERT);
    await tab.contacts.get(contact.id);
    nets[0].offline = true;
    await tab.contacts.update(contact.id, contact.version, { jobTitle: 'Van Bert' });
    await colleague.contacts.update(contact.id, contact.version, { jobTitle: 'Van Anna' });
    nets[0].offline = false;
    await tab.sync.retry();
    await waitUntil(() => tab.sync.state().failed.length === 1, 'Bert’s conflict');
    // Erik saves the contact online; Bert signs in again as the answer comes.
    tab.session.setUser(ERIK);
    await waitUntil(() => tab.sync.state().failed.length === 0, 'Erik’s own state');
    const current = await tab.contacts.get(contact.id);
    nets[0].late = { writes: true, go: Promise.resolve(), answered: () => tab.session.setUser(BERT) };
    await tab.contacts.update(contact.id, current.version, { department: 'Van Erik' });
    delete nets[0].late;
    await tab.sync.retry();
    await waitUntil(() => tab.sync.state().failed.length === 1, 'Bert’s state');
    expect((await tab.sync.pending()).map((change) => [change.state, change.input.jobTitle]), 'his conflict still waits for him').to.deep.equal([['conflict', 'Van Bert']]);
  });

  it("sends the next user's waiting changes when they sign in while the previous user's are being sent", async () => {
    const { colleague, contact, nets, tabs } = await twoTabs();
    const [tab] = tabs;
    nets[1].offline = true;
    nets[0].offline = true;
    // Bert's note waits on the device; then Erik's change does.
    tab.session.setUser(BERT);
    await tab.timeline.add({ contactId: contact.id, kind: 'note', subject: 'Van Bert', body: '' });
    tab.session.setUser(ERIK);
    await tab.contacts.get(contact.id).catch(() => undefined);
    await tab.timeline.add({ contactId: contact.id, kind: 'note', subject: 'Van Erik', body: '' });
    nets[0].offline = false;
    // Bert signs in while Erik's note is on its way.
    await whileSending(tab, nets[0], async () => {
      tab.session.setUser(BERT);
      await waitUntil(() => tab.sync.state().waiting === 1, 'Bert’s note counted');
    });
    await waitUntil(() => tab.sync.state().waiting === 0, 'Bert’s note sent');
    expect((await colleague.timeline.all(contact.id)).map((entry) => entry.subject)).to.include('Van Bert');
  });

  it("never tells the next user that the previous user's change waits for them", async () => {
    const { contact, nets, tabs } = await twoTabs();
    const [tab] = tabs;
    nets[1].offline = true;
    await tab.contacts.get(contact.id);
    nets[0].offline = true;
    await tab.contacts.update(contact.id, contact.version, { jobTitle: 'Van Erik, offline' });
    nets[0].offline = false;
    const told: { user: string; waiting: number }[] = [];
    tab.sync.watch((state) => told.push({ user: tab.session.currentUser().id, waiting: state.waiting }));
    // While Erik's change is on its way, Bert signs in and at that moment the browser loses the
    // network: the adapter says it is offline before it has counted Bert's outbox.
    await whileSending(tab, nets[0], async () => {
      tab.session.setUser(BERT);
      globalThis.dispatchEvent(new Event('offline'));
    });
    await waitUntil(() => told.some((state) => state.user === BERT.id), 'a state for Bert');
    expect(told.filter((state) => state.user === BERT.id && state.waiting !== 0), 'nothing of Bert’s waits').to.deep.equal([]);
    // Erik again: his change is counted before anything is told, then sent.
    tab.session.setUser(ERIK);
    await waitUntil(() => told.some((state) => state.user === ERIK.id), 'a state for Erik again');
    expect(told.find((state) => state.user === ERIK.id)?.waiting, 'his change waits').to.equal(1);
    await sent([tab]);
  });
});

describe('SyncAdapter: what its listeners hear of the device', () => {
  it('tells of each write kept offline as of one the server took, and of a discarded one as gone', async () => {
    const { colleague, contact, nets, tabs } = await twoTabs();
    const [tab] = tabs;
    const item = await consentItem(colleague);
    // Read before, as the elements on screen did: what is written offline is kept on top of it.
    await tab.contacts.get(contact.id);
    await tab.checklists!.states(contact.id);
    await tab.timeline.query(contact.id, { limit: 20 });
    const heard: unknown[][] = [];
    after(tab.subscribe((change) => 'resource' in change && heard.push([change.type, change.resource, change.ids, change.contactId, change.origin])));
    for (const net of nets) net.offline = true;
    await tab.contacts.update(contact.id, contact.version, { jobTitle: 'Drukker' });
    const note = await tab.timeline.add({ contactId: contact.id, kind: 'note', subject: 'Gebeld', body: 'Typfout' });
    await tab.timeline.update(note.id, { body: 'Verbeterd' });
    await tab.timeline.remove(note.id);
    await tab.checklists!.setState(contact.id, item.id, 0, { done: true });
    await tab.preferences!.set('contact', { detailTabs: ['personal'] });
    const [save] = await tab.sync.pending();
    await tab.sync.discard(save!.id);
    expect(heard).to.deep.equal([
      ['updated', 'contact', [contact.id], undefined, 'local'],
      ['created', 'timeline', [note.id], contact.id, 'local'],
      ['updated', 'timeline', [note.id], contact.id, 'local'],
      ['deleted', 'timeline', [note.id], contact.id, 'local'],
      ['updated', 'checklist', [item.id], contact.id, 'local'],
      ['updated', 'preferences', [`${ERIK.id}:contact`], undefined, 'local'],
      // What the device showed of it is gone: what shows the contact reads it again.
      ['updated', 'contact', [contact.id], undefined, 'remote'],
    ]);
  });

  it('keeps showing a note and a tick that wait on the device after the server was read again meanwhile', async () => {
    const { colleague, contact, nets, tabs } = await twoTabs();
    const item = await consentItem(colleague);
    const query = { limit: 20 };
    await tabs[0].timeline.query(contact.id, query);
    await tabs[0].checklists!.states(contact.id);
    // The other tab still reaches the server, but its writes hang: it reads the overview and
    // the checklist from there (without the note and the tick) while they wait in the outbox.
    let go!: () => void;
    nets[1].hold = { reached: () => undefined, go: new Promise<void>((resolve) => (go = resolve)), writes: true };
    after(() => go());
    nets[0].offline = true;
    await tabs[0].timeline.add({ contactId: contact.id, kind: 'note', subject: 'In de trein', body: '' });
    await tabs[0].checklists!.setState(contact.id, item.id, 0, { done: true });
    // It waits in the outbox both tabs share: the other tab's answer shows it too.
    expect((await tabs[1].timeline.query(contact.id, query)).items.map((entry) => entry.subject)).to.include('In de trein');
    await tabs[1].checklists!.states(contact.id);
    // What the other tab read is kept in the background.
    await new Promise((resolve) => setTimeout(resolve, 100));
    const page = await tabs[0].timeline.query(contact.id, query);
    expect(page.items.map((entry) => entry.subject), 'the waiting note, offline').to.include('In de trein');
    expect((await tabs[0].checklists!.states(contact.id)).find((state) => state.itemId === item.id)?.done, 'the waiting tick, offline').to.equal(true);
  });

  it('does not lay a note the server refused over what it read since: it is listed as refused, not shown as saved', async () => {
    const { contact, nets, tabs } = await twoTabs();
    const [tab] = tabs;
    nets[1].offline = true;
    const query = { limit: 20 };
    await tab.timeline.query(contact.id, query);
    nets[0].offline = true;
    await tab.timeline.query(contact.id, query);
    await tab.timeline.add({ contactId: contact.id, kind: 'note', subject: 'Niet toegestaan', body: '' });
    nets[0].offline = false;
    nets[0].refuse = true;
    await tab.sync.retry();
    expect(tab.sync.state().failed.map((change) => change.state)).to.deep.equal(['refused']);
    delete nets[0].refuse;
    expect((await tab.timeline.query(contact.id, query)).items.map((entry) => entry.subject)).not.to.include('Niet toegestaan');
    // What was read is kept in the background; offline, the copy answers as the server did.
    await new Promise((resolve) => setTimeout(resolve, 100));
    nets[0].offline = true;
    expect((await tab.timeline.query(contact.id, query)).items.map((entry) => entry.subject)).not.to.include('Niet toegestaan');
  });

  it('shows a checklist item as it was once a change of it kept on the device is discarded', async () => {
    const { colleague, contact, nets, tabs } = await twoTabs();
    const [tab] = tabs;
    nets[1].offline = true;
    const item = await consentItem(colleague);
    const other = await colleague.checklists!.saveDefinition({ cardType: 'contact', text: 'Offerte verstuurd', category: 'Verkoop', order: 2, mode: 'editable', modeByStatus: {} });
    await colleague.checklists!.setState(contact.id, other.id, 0, { note: 'Van Anna' });
    await tab.checklists!.states(contact.id);
    nets[0].offline = true;
    await tab.checklists!.states(contact.id);
    await tab.checklists!.setState(contact.id, item.id, 0, { done: true });
    const [annas] = (await tab.checklists!.states(contact.id)).filter((state) => state.itemId === other.id);
    await tab.checklists!.setState(contact.id, other.id, annas!.version, { done: true, note: 'Van mij' });
    for (const change of await tab.sync.pending()) await tab.sync.discard(change.id);
    const shown = await tab.checklists!.states(contact.id);
    expect(shown.find((state) => state.itemId === item.id)?.done ?? false, 'never ticked before').to.equal(false);
    const back = shown.find((state) => state.itemId === other.id)!;
    expect([back.done, back.note, back.version], 'as the server had it').to.deep.equal([false, 'Van Anna', annas!.version]);
  });

  it("shows the colleague's version of a checklist item once the user discards their change in conflict with it", async () => {
    const { colleague, contact, nets, tabs } = await twoTabs();
    const [tab] = tabs;
    nets[1].offline = true;
    const item = await consentItem(colleague);
    await tab.checklists!.states(contact.id);
    nets[0].offline = true;
    await tab.checklists!.states(contact.id);
    await tab.checklists!.setState(contact.id, item.id, 0, { note: 'Van mij' });
    await colleague.checklists!.setState(contact.id, item.id, 0, { note: 'Van Anna' });
    nets[0].offline = false;
    await tab.sync.retry();
    const [change] = tab.sync.state().failed;
    expect(change?.state).to.equal('conflict');
    nets[0].offline = true;
    await tab.sync.discard(change!.id);
    const [shown] = await tab.checklists!.states(contact.id);
    expect(shown!.note).to.equal('Van Anna');
  });

  it("tells the user's other tabs of a note kept on the device, as made elsewhere", async () => {
    const { contact, nets, tabs } = await twoTabs();
    const heard: unknown[][] = [];
    after(tabs[1].subscribe((change) => 'resource' in change && heard.push([change.type, change.resource, change.contactId, change.origin])));
    for (const net of nets) net.offline = true;
    await tabs[0].timeline.query(contact.id, { limit: 20 }).catch(() => undefined);
    await tabs[0].timeline.add({ contactId: contact.id, kind: 'note', subject: 'Gebeld', body: '' });
    await waitUntil(() => heard.length > 0, 'the other tab hears of it');
    expect(heard).to.deep.equal([['created', 'timeline', contact.id, 'remote']]);
  });
});

describe('SyncAdapter: another tab upgrades the copy on the device', () => {
  it('lets go of it, says so, and fails what needs the copy with that reason instead of the browser\'s closed database', async () => {
    const { contact, nets, tabs, name } = await twoTabs();
    const [tab] = tabs;
    const heard: string[] = [];
    after(tab.subscribe((notice) => heard.push(notice.type)));
    await tab.timeline.query(contact.id, { limit: 20 });
    // Both tabs hold the copy open: the upgrade goes through only when both let go.
    await upgradeInAnotherTab(`${name}:model:${ERIK.id}`, 2);
    expect(heard).to.include('version-change');
    for (const net of nets) net.offline = true;
    for (const tried of [tab.timeline.query(contact.id, { limit: 20 }), tab.timeline.add({ contactId: contact.id, kind: 'note', subject: 'Gebeld', body: '' })]) {
      const error = await tried.then(() => expect.fail('answered from a copy it let go of'), (e: unknown) => e);
      expect(LiftDataError.is(error, 'version-change'), String(error)).to.equal(true);
    }
  });
});

describe('SyncAdapter: the browser closes the copy on the device under it', () => {
  // The browser tells of a connection it closed with an event that comes later: a use in between
  // meets the closed connection itself.
  for (const told of ['once it said so', 'before it said so'] as const) it(`opens it again for the next use (${told}): a note kept offline after that waits with the one before, and both are sent`, async () => {
    // The connections this page opens from here on.
    const connections: IDBDatabase[] = [];
    const open = indexedDB.open.bind(indexedDB);
    indexedDB.open = (...args: Parameters<IDBFactory['open']>) => {
      const request = open(...args);
      request.addEventListener('success', () => connections.push(request.result));
      return request;
    };
    after(() => void (indexedDB.open = open));
    const { server, contact, nets, tabs, name } = await twoTabs();
    const [tab] = tabs;
    for (const net of nets) net.offline = true;
    await tab.timeline.query(contact.id, { limit: 20 }).catch(() => undefined);
    await tab.timeline.add({ contactId: contact.id, kind: 'note', subject: 'Voor het sluiten', body: '' });
    // The browser closes every connection to the copy (the site's data cleared, a disk error) and
    // says so, as it does when it closes one abnormally.
    const copy = connections.filter((connection) => connection.name === `${name}:model:${ERIK.id}`);
    expect(copy.length, 'both tabs hold the copy open').to.equal(2);
    for (const connection of copy) {
      connection.close();
      if (told === 'once it said so') connection.dispatchEvent(new Event('close'));
    }
    await tab.timeline.add({ contactId: contact.id, kind: 'note', subject: 'Na het sluiten', body: '' });
    expect((await tab.sync.pending()).map((change) => change.state), 'both wait on the device').to.deep.equal(['waiting', 'waiting']);
    for (const net of nets) net.offline = false;
    await tab.sync.retry();
    await waitUntil(() => tab.sync.state().waiting === 0, 'both sent');
    const sent = (await server.as(ANNA).timeline.query(contact.id, { limit: 20 })).items.map((entry) => entry.subject);
    expect(sent).to.include.members(['Voor het sluiten', 'Na het sluiten']);
  });
});

describe('SyncAdapter: what the device shows of a change the server refused or sorted elsewhere', () => {
  const day = 86_400_000;
  const subjects = async (tab: LiftAdapter, contactId: string) => (await tab.timeline.query(contactId, { limit: 20 })).items.map((entry) => entry.subject);

  it('puts a note dated in the past or the future at its place in the overview, as the server will, not at its top', async () => {
    const { colleague, contact, nets, tabs } = await twoTabs();
    const [tab] = tabs;
    nets[1].offline = true;
    await colleague.timeline.add({ contactId: contact.id, kind: 'note', subject: 'Gisteren', body: '', occurredAt: new Date(Date.now() - day).toISOString() });
    await subjects(tab, contact.id);
    // What was read is kept in the background.
    await new Promise((resolve) => setTimeout(resolve, 50));
    nets[0].offline = true;
    await tab.timeline.add({ contactId: contact.id, kind: 'call', subject: 'Vorige week gebeld', body: '', occurredAt: new Date(Date.now() - 7 * day).toISOString() });
    await tab.timeline.add({ contactId: contact.id, kind: 'meeting', subject: 'Morgen langs', body: '', occurredAt: new Date(Date.now() + day).toISOString() });
    const offline = await subjects(tab, contact.id);
    expect(offline).to.deep.equal(['Morgen langs', 'Gisteren', 'Vorige week gebeld']);
    nets[0].offline = false;
    await sent([tab]);
    expect(await subjects(colleague, contact.id), 'as the server has them').to.deep.equal(offline);
  });

  it('takes a refused note out of the overview and its count until it is sent again, and a discarded one out once', async () => {
    const { colleague, contact, nets, tabs } = await twoTabs();
    const [tab] = tabs;
    nets[1].offline = true;
    await subjects(tab, contact.id);
    await tab.timeline.count(contact.id);
    await new Promise((resolve) => setTimeout(resolve, 50));
    nets[0].offline = true;
    await tab.timeline.add({ contactId: contact.id, kind: 'note', subject: 'Niet toegestaan', body: '' });
    expect(await tab.timeline.count(contact.id), 'while it waits').to.equal(1);
    await colleague.contacts.setArchived(contact.id, contact.version, true);
    nets[0].offline = false;
    await tab.sync.retry();
    expect(tab.sync.state().failed.map((change) => change.state)).to.deep.equal(['refused']);
    // The user is elsewhere: nothing reads the overview online before the network goes again.
    nets[0].offline = true;
    expect(await subjects(tab, contact.id), 'refused').not.to.include('Niet toegestaan');
    expect(await tab.timeline.count(contact.id), 'refused').to.equal(0);
    // "Send again" offline: it waits again, and shows as waiting.
    await tab.sync.retry(tab.sync.state().failed[0]!.id);
    expect(await subjects(tab, contact.id), 'sent again').to.include('Niet toegestaan');
    expect(await tab.timeline.count(contact.id), 'sent again').to.equal(1);
    nets[0].offline = false;
    await tab.sync.retry();
    expect(tab.sync.state().failed.map((change) => change.state), 'refused again').to.deep.equal(['refused']);
    nets[0].offline = true;
    await tab.sync.discard(tab.sync.state().failed[0]!.id);
    expect(await subjects(tab, contact.id), 'discarded').not.to.include('Niet toegestaan');
    expect(await tab.timeline.count(contact.id), 'discarded').to.equal(0);
  });

  it('shows a refused tick as the item was before it, offline too', async () => {
    const { colleague, contact, nets, tabs } = await twoTabs();
    const [tab] = tabs;
    nets[1].offline = true;
    const item = await consentItem(colleague);
    await tab.checklists!.states(contact.id);
    nets[0].offline = true;
    await tab.checklists!.setState(contact.id, item.id, 0, { done: true });
    nets[0].offline = false;
    nets[0].refuse = true;
    await tab.sync.retry();
    expect(tab.sync.state().failed.map((change) => change.state)).to.deep.equal(['refused']);
    delete nets[0].refuse;
    nets[0].offline = true;
    const ticked = (await tab.checklists!.states(contact.id)).find((state) => state.itemId === item.id)?.done ?? false;
    expect(ticked).to.equal(false);
  });

  it('says a change sent again after a refusal is now in conflict, without the reason it was refused for before', async () => {
    const { colleague, contact, nets, tabs } = await twoTabs();
    const [tab] = tabs;
    nets[1].offline = true;
    await tab.contacts.get(contact.id);
    nets[0].offline = true;
    await tab.contacts.update(contact.id, contact.version, { jobTitle: 'Mijn titel' });
    const archived = await colleague.contacts.setArchived(contact.id, contact.version, true);
    nets[0].offline = false;
    await tab.sync.retry();
    expect(tab.sync.state().failed[0]?.fields, 'refused for the archive').to.deep.equal({ archived: 'archived' });
    const restored = await colleague.contacts.setArchived(contact.id, archived.version, false);
    await colleague.contacts.update(contact.id, restored.version, { jobTitle: 'Hun titel' });
    await tab.sync.retry(tab.sync.state().failed[0]!.id);
    const [change] = tab.sync.state().failed;
    expect([change?.state, change?.code, change?.fields]).to.deep.equal(['conflict', 'conflict', undefined]);
  });

  it("lists what the user wrote of a checklist change without the card's status, which is no part of it", async () => {
    const { colleague, contact, nets, tabs } = await twoTabs();
    const [tab] = tabs;
    nets[1].offline = true;
    const item = await consentItem(colleague);
    await tab.checklists!.states(contact.id);
    nets[0].offline = true;
    await tab.checklists!.setState(contact.id, item.id, 0, { done: true, status: 'klant' });
    const [change] = await tab.sync.pending();
    expect(change!.input).to.deep.equal({ done: 'true' });
  });
});

describe('SyncAdapter: reading online while changes wait to be sent', () => {
  it('answers the overview, its count and the checklist with the note and tick still on their way, as the device showed them', async () => {
    const { colleague, contact, nets, tabs } = await twoTabs();
    const [tab] = tabs;
    nets[1].offline = true;
    const item = await consentItem(colleague);
    const query = { limit: 20 };
    await tab.timeline.query(contact.id, query);
    await tab.checklists!.states(contact.id);
    nets[0].offline = true;
    await tab.timeline.add({ contactId: contact.id, kind: 'note', subject: 'In de trein', body: '' });
    await tab.checklists!.setState(contact.id, item.id, 0, { done: true });
    nets[0].offline = false;
    const read: unknown[] = [];
    // The first write is out and held: the server answers reads, and holds neither yet.
    await whileSending(tab, nets[0], async () => {
      read.push((await tab.timeline.query(contact.id, query)).items.map((entry) => entry.subject));
      read.push((await tab.checklists!.states(contact.id)).find((state) => state.itemId === item.id)?.done ?? false);
    });
    expect(read).to.deep.equal([['In de trein'], true]);
  });
});

describe('SyncAdapter: the kept overview’s totals and counts for a note refused, corrected, sent again and discarded', () => {
  const day = 86_400_000;
  const failedStates = (tab: SyncAdapter) => tab.sync.state().failed.map((change) => change.state);

  it('keeps them true for a note that belongs on a later page than the one kept', async () => {
    const { colleague, contact, nets, tabs } = await twoTabs();
    const [tab] = tabs;
    nets[1].offline = true;
    for (let i = 1; i <= 3; i++) await colleague.timeline.add({ contactId: contact.id, kind: 'note', subject: `Dag ${i}`, body: '', occurredAt: new Date(Date.now() - i * day).toISOString() });
    const page = async () => {
      const answer = await tab.timeline.query(contact.id, { limit: 2 });
      return [answer.items.map((entry) => entry.subject), answer.total, answer.counts.call ?? 0];
    };
    await page();
    await new Promise((resolve) => setTimeout(resolve, 50));
    nets[0].offline = true;
    await tab.timeline.add({ contactId: contact.id, kind: 'call', subject: 'Lang geleden', body: '', occurredAt: new Date(Date.now() - 30 * day).toISOString() });
    expect(await page(), 'waiting, on a later page').to.deep.equal([['Dag 1', 'Dag 2'], 4, 1]);
    await colleague.contacts.setArchived(contact.id, contact.version, true);
    nets[0].offline = false;
    await tab.sync.retry();
    expect(failedStates(tab)).to.deep.equal(['refused']);
    nets[0].offline = true;
    expect(await page(), 'refused').to.deep.equal([['Dag 1', 'Dag 2'], 3, 0]);
    await tab.sync.retry(tab.sync.state().failed[0]!.id);
    expect(await page(), 'sent again, offline').to.deep.equal([['Dag 1', 'Dag 2'], 4, 1]);
    nets[0].offline = false;
    await tab.sync.retry();
    expect(failedStates(tab), 'refused again').to.deep.equal(['refused']);
    nets[0].offline = true;
    expect(await page(), 'refused again').to.deep.equal([['Dag 1', 'Dag 2'], 3, 0]);
    await tab.sync.discard(tab.sync.state().failed[0]!.id);
    expect(await page(), 'discarded').to.deep.equal([['Dag 1', 'Dag 2'], 3, 0]);
  });

  it('shows a refused note again once it is corrected (it waits again), and takes it out once more when refused again', async () => {
    const { colleague, contact, nets, tabs } = await twoTabs();
    const [tab] = tabs;
    nets[1].offline = true;
    const shown = async () => [(await tab.timeline.query(contact.id, { limit: 20 })).items.map((entry) => entry.body), await tab.timeline.count(contact.id)];
    await shown();
    await new Promise((resolve) => setTimeout(resolve, 50));
    nets[0].offline = true;
    const note = await tab.timeline.add({ contactId: contact.id, kind: 'note', subject: 'Gebeld', body: 'Typfout' });
    await colleague.contacts.setArchived(contact.id, contact.version, true);
    nets[0].offline = false;
    await tab.sync.retry();
    expect(failedStates(tab)).to.deep.equal(['refused']);
    nets[0].offline = true;
    expect(await shown(), 'refused').to.deep.equal([[], 0]);
    await tab.timeline.update(note.id, { body: 'Verbeterd' });
    expect(await shown(), 'corrected: it waits again').to.deep.equal([['Verbeterd'], 1]);
    nets[0].offline = false;
    await tab.sync.retry();
    expect(failedStates(tab), 'refused again').to.deep.equal(['refused']);
    nets[0].offline = true;
    expect(await shown(), 'refused again').to.deep.equal([[], 0]);
  });
});

describe("SyncAdapter: answering online while the device's copy is busy", () => {
  it('answers the first overview page and the checklist from the server without waiting to keep them, and keeps them once the copy is free', async () => {
    const { colleague, contact, nets, tabs, name } = await twoTabs();
    const [tab] = tabs;
    const query = { limit: 20 };
    await colleague.timeline.add({ contactId: contact.id, kind: 'note', subject: 'Van de collega', body: '' });
    // Another tab holds a long write on the kept reads (a big catch-up, say): this tab's reads
    // of the server must not wait for it to end.
    const db = await new Promise<IDBDatabase>((resolve) => (indexedDB.open(`${name}:model:${ERIK.id}`).onsuccess = (e) => resolve((e.target as IDBOpenDBRequest).result)));
    let busy = true;
    const tx = db.transaction('reads', 'readwrite');
    const spin = () => {
      if (busy) tx.objectStore('reads').get('-').onsuccess = spin;
    };
    spin();
    try {
      const within = <T>(read: Promise<T>) => Promise.race([read, new Promise<'still waiting'>((resolve) => setTimeout(() => resolve('still waiting'), 3000))]);
      const page = await within(tab.timeline.query(contact.id, query));
      expect(page === 'still waiting' ? page : page.items.map((entry) => entry.subject), 'the overview answers').to.deep.equal(['Van de collega']);
      expect(await within(tab.checklists!.states(contact.id)), 'the checklist answers').to.deep.equal([]);
    } finally {
      busy = false;
      await new Promise((resolve) => (tx.oncomplete = resolve));
      db.close();
    }
    // Kept all the same, once the copy was free: offline, the device shows what was read.
    nets[0].offline = true;
    await waitUntil(() => tab.timeline.query(contact.id, query).then((kept) => kept.items.length === 1, () => false), 'the overview kept on the device');
  });
});

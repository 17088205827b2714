import { expect } from '@open-wc/testing';
import { failure, waitUntil } from './helpers.js';
import type { HttpAdapter } from '../src/data/adapters/http-adapter.js';
import type { Contact, User } from '../src/data/contract/model.js';
import type { SyncAdapter } from '../src/data/sync/sync-adapter.js';
import type { SyncState } from '../src/data/contract/sync.js';
import { contactKey } from '../src/data/sync/device-writes.js';
import type { Replica } from '../src/data/sync/replica.js';
import { closeDevices, device, type Device } from './sync-device.js';
import { startTeamServerFirst, teamSpace, TEAM_USERS, type TeamSpace } from './team.js';

// The adapter that keeps working offline, against the real team server: the browser's network is
// cut by the fetch each device uses, so the server and the colleagues on it carry on meanwhile.

startTeamServerFirst();

const [ANNA, ERIK] = TEAM_USERS as [User, User];

/** Waits until the outbox is empty and the server answers. */
async function settled(adapter: SyncAdapter): Promise<void> {
  await adapter.sync.retry();
  await waitUntil(() => adapter.sync.state().waiting === 0 && adapter.sync.state().connection === 'online', 'the outbox is sent');
}

/** The device's adapter opened, and the ids of the contacts its change feed names, as it names them. */
async function listening(laptop: Device): Promise<{ adapter: SyncAdapter; heard: string[] }> {
  const adapter = await laptop.open();
  const heard: string[] = [];
  adapter.subscribe((change) => 'resource' in change && change.resource === 'contact' && heard.push(...change.ids));
  return { adapter, heard };
}

describe('SyncAdapter: the team server offline', () => {
  let space: TeamSpace;
  let colleague: HttpAdapter;
  let contacts: Contact[];

  beforeEach(async () => {
    space = await teamSpace();
    colleague = await space.connect(ANNA);
    const relation = await colleague.relations.create({ kind: 'client', name: 'Drukkerij Van Dam' });
    contacts = [];
    for (const lastName of ['Dam', 'Visser', 'Jansen']) {
      contacts.push(await colleague.contacts.create({ relationId: relation.id, firstName: 'Eva', lastName, jobTitle: 'Zetter' }));
    }
  });
  afterEach(async () => {
    closeDevices();
    await space.drop();
  });

  it('answers reads from the device while the server cannot be reached, marked stale, and opens there after a reload', async () => {
    const laptop = device(space, ERIK);
    const adapter = await laptop.open();
    const fresh = await adapter.contacts.get(contacts[0]!.id);
    const overview = await adapter.timeline.query(contacts[0]!.id, { limit: 20 });
    expect(adapter.sync.isStale(fresh)).to.equal(false);

    laptop.net.offline = true;
    const kept = await adapter.contacts.get(contacts[0]!.id);
    expect(kept.lastName).to.equal('Dam');
    expect(adapter.sync.isStale(kept)).to.equal(true);
    expect(adapter.sync.state().connection).to.equal('offline');
    expect((await adapter.timeline.query(contacts[0]!.id, { limit: 20 })).total).to.equal(overview.total);
    // Never read here: nothing to answer with.
    expect((await failure(adapter.contacts.get(contacts[1]!.id))).code).to.equal('unavailable');
    // Asking again while the network is still gone does not make it online.
    await adapter.sync.retry();
    expect(adapter.sync.state().connection).to.equal('offline');

    adapter.close();
    const reloaded = await laptop.open();
    expect(reloaded.session.currentUser().id).to.equal(ERIK.id);
    expect(reloaded.sync.state().connection).to.equal('offline');
    expect((await reloaded.contacts.get(contacts[0]!.id)).lastName).to.equal('Dam');
  });

  it('catches up after a reload: what a colleague changed while the device was away is what it answers offline later', async () => {
    const laptop = device(space, ERIK);
    const first = await laptop.open();
    for (const contact of contacts.slice(0, 2)) {
      await first.contacts.get(contact.id);
      await first.timeline.query(contact.id, { limit: 20 });
    }
    first.close();
    // While the laptop is closed, Anna changes the contact it has kept but will not show.
    await colleague.contacts.update(contacts[1]!.id, contacts[1]!.version, { jobTitle: 'Vormgever' });
    await colleague.timeline.add({ contactId: contacts[1]!.id, kind: 'note', subject: 'Nieuwe huisstijl', body: '' });

    const adapter = await laptop.open();
    const heard: string[] = [];
    // What a card on the first contact does: it follows the feed.
    adapter.subscribe((change) => 'resource' in change && heard.push(change.resource));
    await waitUntil(() => heard.includes('timeline'), 'the feed tells what changed while the laptop was away');
    await adapter.sync.caughtUp();

    laptop.net.offline = true;
    const kept = await adapter.contacts.get(contacts[1]!.id);
    expect(adapter.sync.isStale(kept), 'answered from the device').to.equal(true);
    expect(kept.jobTitle).to.equal('Vormgever');
    const overview = await adapter.timeline.query(contacts[1]!.id, { limit: 20 });
    expect(overview.items.map((entry) => entry.subject)).to.include('Nieuwe huisstijl');
  });

  it('reads again after a reload what the feed named just before the page closed', async () => {
    const laptop = device(space, ERIK);
    const { adapter: first, heard } = await listening(laptop);
    await first.contacts.get(contacts[0]!.id);
    // The feed is open; the network goes before the copy has read again what it names.
    laptop.net.offline = true;
    await colleague.contacts.update(contacts[0]!.id, contacts[0]!.version, { jobTitle: 'Vormgever' });
    await waitUntil(() => heard.includes(contacts[0]!.id), 'the feed tells of the change');
    first.close();

    laptop.net.offline = false;
    const adapter = await laptop.open();
    const again: string[] = [];
    adapter.subscribe((change) => 'resource' in change && change.resource === 'contact' && again.push(...change.ids));
    await waitUntil(() => again.includes(contacts[0]!.id), 'the feed tells of the change again: the copy never read it');
    await adapter.sync.caughtUp();
    laptop.net.offline = true;
    expect((await adapter.contacts.get(contacts[0]!.id)).jobTitle).to.equal('Vormgever');
  });

  it("gives each tab opened offline a client id of its own once the server answers, so one tab's change reaches the other as a change from elsewhere", async () => {
    const laptop = device(space, ERIK);
    // Opened online once: the session is kept on the device, and the next tabs open offline from it.
    const first = await laptop.open();
    await first.contacts.get(contacts[0]!.id);
    first.close();
    laptop.net.offline = true;
    const one = await laptop.open();
    const two = await laptop.open();
    // Not one kept from the visit before: the outbox goes as soon as the server answers, before a new one does.
    expect((one.remote as HttpAdapter).clientId, 'a client id of its own').not.to.equal((two.remote as HttpAdapter).clientId);
    const [heard, own]: string[][] = [[], []];
    one.subscribe((change) => 'resource' in change && change.resource === 'contact' && heard.push(change.origin));
    two.subscribe((change) => 'resource' in change && change.resource === 'contact' && own.push(change.origin));
    laptop.net.offline = false;
    await settled(one);
    await settled(two);
    // Each asks the server for a client id of its own once it is reached.
    await waitUntil(() => [one, two].every((tab) => (tab.remote as HttpAdapter).clientId.includes('.')), 'client ids the server gave');
    // What each heard on coming back online (everything may be behind) is not about this change.
    await new Promise((resolve) => setTimeout(resolve, 300));
    heard.length = own.length = 0;
    await two.contacts.update(contacts[0]!.id, contacts[0]!.version, { jobTitle: 'Drukker' });
    await waitUntil(() => heard.length > 0 && own.length > 0, 'both tabs hear the change');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(heard, "the other tab's change is not this tab's own").not.to.include('local');
    expect(own, "the tab's own change is not news from elsewhere").not.to.include('remote');
  });

  it('answers a read after it was closed with an aborted error of its own, not the browser\'s closed database', async () => {
    const laptop = device(space, ERIK);
    const adapter = await laptop.open();
    await adapter.contacts.get(contacts[0]!.id);
    laptop.net.offline = true;
    await adapter.contacts.get(contacts[0]!.id);
    adapter.close();
    const error = await failure(adapter.contacts.get(contacts[0]!.id));
    expect([error.name, error.code]).to.deep.equal(['LiftDataError', 'aborted']);
  });

  it('keeps where the feed stands while a colleague never stops changing what the device holds', async () => {
    const laptop = device(space, ERIK);
    const adapter = await laptop.open();
    adapter.subscribe(() => {});
    await adapter.contacts.get(contacts[0]!.id);
    await adapter.sync.caughtUp();
    laptop.net.slowReadsMs = 300;
    const copy = await laptop.replica();
    const kept = async () => BigInt((await copy.meta<string>('feedPosition')) ?? '0');
    const before = await kept();
    // Where the feed tells of each of Anna's saves: saves[i] is the position of save i.
    const saves: bigint[] = [];
    adapter.subscribe((change) => 'resource' in change && change.resource === 'contact' && change.ids.includes(contacts[0]!.id) && saves.push(BigInt(adapter.remote.lastEventId!)));
    // Anna saves the contact again and again, faster than the copy, on a slow connection, reads
    // it again: the copy is never idle while she goes on.
    let { version } = contacts[0]!;
    let now = before;
    // Saves for up to 10 s (a round of reading again takes about half a second, more on a busy
    // machine), until the kept position moves.
    const until = Date.now() + 10_000;
    let made = 0;
    for (; now <= before && Date.now() < until; made++) {
      ({ version } = await colleague.contacts.update(contacts[0]!.id, version, { jobTitle: `Zetter ${made}` }));
      now = await kept();
    }
    expect(now > before, 'a reload would resume after what the copy has read again, not at the connect').to.equal(true);
    // Never ahead of what the copy holds: a reload resuming there would skip a save the copy
    // has not read again. The position first, then the copy, which only gets newer meanwhile.
    const position = await kept();
    const held = (await copy.read<Contact>(contactKey(contacts[0]!.id)))!.jobTitle;
    copy.close();
    await waitUntil(() => saves.length === made, `every save heard (${saves.length} of ${made})`);
    const passed = saves.filter((at) => at <= position).length;
    expect(passed > 0 ? held : 'none passed', `the copy holds the last save the kept position has passed (${passed} of ${made})`).to.be.oneOf(
      passed > 0 ? Array.from({ length: made - passed + 1 }, (_, i) => `Zetter ${passed - 1 + i}`) : ['none passed'],
    );
  });

  /**
   * Erik's laptop reads every contact, then a colleague changes the third while it is closed and
   * the laptop's place in the feed is no longer in it (as after a restored database); `meanwhile`
   * runs on its copy before it opens again. Answers the laptop's adapter, caught up, offline.
   */
  async function afterReset(meanwhile: (copy: Replica) => Promise<void> = async () => undefined): Promise<SyncAdapter> {
    const laptop = device(space, ERIK);
    const first = await laptop.open();
    for (const contact of contacts) await first.contacts.get(contact.id);
    first.close();
    await colleague.contacts.update(contacts[2]!.id, contacts[2]!.version, { jobTitle: 'Drukker' });
    const copy = await laptop.replica();
    await meanwhile(copy);
    await copy.setMeta('feedPosition', '999999999');
    copy.close();

    const adapter = await laptop.open();
    const bulk: string[] = [];
    adapter.subscribe((change) => 'resource' in change && !change.contactId && !change.ids.length && bulk.push(change.resource));
    await waitUntil(() => bulk.includes('timeline'), 'the reset is told');
    await adapter.sync.caughtUp();
    laptop.net.offline = true;
    return adapter;
  }

  it('catches up after a feed reset: the kept contacts are read again when the server cannot say what changed', async () => {
    const adapter = await afterReset();
    const kept = await adapter.contacts.get(contacts[2]!.id);
    expect(adapter.sync.isStale(kept)).to.equal(true);
    expect(kept.jobTitle).to.equal('Drukker');
  });

  it('catches up after a feed reset on the contacts even when hundreds of searches were kept since they were read', async () => {
    const adapter = await afterReset(async (copy) => {
      // The searches typed since, of contacts and in an overview: each kept under its own text, all newer than the contacts.
      for (let i = 0; i < 100; i++) await copy.keep(`-|contacts.list|${JSON.stringify([{ text: `zoek ${i}`, limit: 50 }])}`, { items: [] });
      for (let i = 0; i < 220; i++) await copy.keep(`${contacts[0]!.id}|timeline.query|${JSON.stringify([{ text: `zoek ${i}`, limit: 50 }])}`, { items: [], total: 0, counts: {} });
    });
    expect((await adapter.contacts.get(contacts[2]!.id)).jobTitle).to.equal('Drukker');
  });

  it("follows the feed from where the user's own copy stood when users take turns on the device, so the copy misses nothing", async () => {
    const laptop = device(space, ERIK);
    const { adapter, heard } = await listening(laptop);
    await adapter.contacts.get(contacts[0]!.id);
    await adapter.sync.caughtUp();
    // Anna takes the laptop; while she works, a colleague changes what Erik's copy holds. Her
    // copy does not hold it, so nothing reads it again.
    adapter.session.setUser(ANNA);
    await adapter.contacts.get(contacts[1]!.id);
    await colleague.contacts.update(contacts[0]!.id, contacts[0]!.version, { jobTitle: 'Vormgever' });
    await waitUntil(() => heard.includes(contacts[0]!.id), 'the feed tells of the change while Anna is signed in');
    await adapter.sync.caughtUp();

    // Anna signed in again (a refreshed session): her feed goes on where it stands, not reopened.
    const resumed: string[] = [];
    const resume = adapter.remote.resumeFeedFrom!.bind(adapter.remote);
    adapter.remote.resumeFeedFrom = (position) => (resumed.push(position), resume(position));
    adapter.session.setUser(ANNA);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(resumed, 'the same user keeps the open feed').to.deep.equal([]);

    // Erik again: his copy is told what changed since he left it, and reads the contact again.
    heard.length = 0;
    adapter.session.setUser(ERIK);
    await waitUntil(() => heard.includes(contacts[0]!.id), "the feed tells Erik's copy of the change made while he was away");
    await adapter.sync.caughtUp();
    laptop.net.offline = true;
    expect((await adapter.contacts.get(contacts[0]!.id)).jobTitle).to.equal('Vormgever');
  });

  it('keeps edits of three contacts and a note through a reload, and sends each once, in order, when the server answers', async () => {
    const laptop = device(space, ERIK);
    let adapter = await laptop.open();
    const read = await Promise.all(contacts.map((c) => adapter.contacts.get(c.id)));
    await adapter.timeline.query(contacts[0]!.id, { limit: 20 });

    laptop.net.offline = true;
    const saved: Contact[] = [];
    for (const [i, contact] of read.entries()) saved.push(await adapter.contacts.update(contact.id, contact.version, { jobTitle: `Offline ${i}` }));
    // A second save of the first contact joins the first: one write of both fields.
    await adapter.contacts.update(read[0]!.id, saved[0]!.version, { phone: '+31 20 123 4567' });
    const note = await adapter.timeline.add({ contactId: read[0]!.id, kind: 'note', subject: 'Gebeld vanuit de trein', body: '' });
    expect(adapter.sync.isPending(saved[0]!)).to.equal(true);
    expect(adapter.sync.isPending(note)).to.equal(true);
    // The device's overview shows the note already.
    expect((await adapter.timeline.query(read[0]!.id, { limit: 20 })).items[0]?.subject).to.equal('Gebeld vanuit de trein');
    await waitUntil(() => adapter.sync.state().waiting === 4, 'four changes wait');

    adapter.close();
    adapter = await laptop.open();
    expect((await adapter.sync.pending()).map((p) => [p.kind, p.contactId])).to.deep.equal([
      ['contact', read[0]!.id], ['contact', read[1]!.id], ['contact', read[2]!.id], ['note', read[0]!.id],
    ]);
    expect((await adapter.contacts.get(read[0]!.id)).jobTitle).to.equal('Offline 0');

    laptop.net.offline = false;
    await settled(adapter);
    const onServer = await Promise.all(read.map((c) => colleague.contacts.get(c.id)));
    expect(onServer.map((c) => c.jobTitle)).to.deep.equal(['Offline 0', 'Offline 1', 'Offline 2']);
    expect(onServer[0]!.phone).to.equal('+31 20 123 4567');
    expect(onServer.map((c, i) => c.version - read[i]!.version)).to.deep.equal([1, 1, 1]);
    expect(onServer[0]!.updatedAt < onServer[1]!.updatedAt && onServer[1]!.updatedAt < onServer[2]!.updatedAt).to.equal(true);
    const notes = (await colleague.timeline.all(read[0]!.id)).filter((e) => e.subject === 'Gebeld vanuit de trein');
    expect(notes).to.have.length(1);
    // The device's overview now holds the server's entry in place of its own.
    const top = (await adapter.timeline.query(read[0]!.id, { limit: 20 })).items.find((e) => e.subject === 'Gebeld vanuit de trein');
    expect(top?.id).to.equal(notes[0]!.id);
  });

  it('sends a write whose answer was lost again, and the server saves it once', async () => {
    const laptop = device(space, ERIK);
    const adapter = await laptop.open();
    const contact = await adapter.contacts.get(contacts[0]!.id);
    laptop.net.loseAnswers = 2;
    const note = await adapter.timeline.add({ contactId: contact.id, kind: 'note', subject: 'Eén keer', body: '' });
    const saved = await adapter.contacts.update(contact.id, contact.version, { jobTitle: 'Eén keer' });
    expect(adapter.sync.isPending(note) && adapter.sync.isPending(saved)).to.equal(true);
    await settled(adapter);
    expect((await colleague.timeline.all(contact.id)).filter((e) => e.subject === 'Eén keer')).to.have.length(1);
    const onServer = await colleague.contacts.get(contact.id);
    expect([onServer.jobTitle, onServer.version]).to.deep.equal(['Eén keer', contact.version + 1]);
    expect(adapter.sync.state().failed).to.deep.equal([]);
  });

  it("merges a colleague's change to another field by itself, and keeps a change to the same field for the user", async () => {
    const laptop = device(space, ERIK);
    const adapter = await laptop.open();
    const [first, second] = await Promise.all([adapter.contacts.get(contacts[0]!.id), adapter.contacts.get(contacts[1]!.id)]);
    laptop.net.offline = true;
    await adapter.contacts.update(first!.id, first!.version, { jobTitle: 'Mijn titel' });
    await adapter.contacts.update(second!.id, second!.version, { jobTitle: 'Mijn titel' });
    await colleague.contacts.update(first!.id, first!.version, { email: 'eva@vandam.nl' });
    await colleague.contacts.update(second!.id, second!.version, { jobTitle: 'Hun titel' });

    laptop.net.offline = false;
    await adapter.sync.retry();
    await waitUntil(() => adapter.sync.state().failed.length === 1 && adapter.sync.state().waiting === 0, 'one change waits for the user');
    const merged = await colleague.contacts.get(first!.id);
    expect([merged.jobTitle, merged.email]).to.deep.equal(['Mijn titel', 'eva@vandam.nl']);
    // Never overwritten: the server keeps the colleague's title until the user chooses.
    expect((await colleague.contacts.get(second!.id)).jobTitle).to.equal('Hun titel');
    const [failed] = adapter.sync.state().failed;
    expect([failed!.state, failed!.contactId, failed!.input.jobTitle]).to.deep.equal(['conflict', second!.id, 'Mijn titel']);
    const conflict = await adapter.sync.conflict(second!.id);
    expect([conflict!.original.jobTitle, conflict!.mine.jobTitle, conflict!.theirs.jobTitle]).to.deep.equal(['Zetter', 'Mijn titel', 'Hun titel']);

    // The user chose theirs for nothing and saved her title on their version: settled.
    await adapter.contacts.update(second!.id, conflict!.theirs.version, { jobTitle: 'Mijn titel' });
    expect((await colleague.contacts.get(second!.id)).jobTitle).to.equal('Mijn titel');
    await waitUntil(() => adapter.sync.state().failed.length === 0, 'the conflict is settled');
  });

  it("takes a proxy's error page that names a status (404, 403) for the server away: the copy answers, and nothing waiting is refused", async () => {
    const laptop = device(space, ERIK);
    const adapter = await laptop.open();
    const contact = await adapter.contacts.get(contacts[0]!.id);
    // Something between the device and the server answers with its own page, not the server's error.
    laptop.net.between = { status: 404, type: 'text/html' };
    expect((await adapter.contacts.get(contact.id)).id, 'the contact from the copy, not "not found"').to.equal(contact.id);
    expect(adapter.sync.state().connection).to.equal('offline');
    const saved = await adapter.contacts.update(contact.id, contact.version, { jobTitle: 'Achter de proxy' });
    expect(adapter.sync.isPending(saved)).to.equal(true);
    laptop.net.between = { status: 403, type: 'text/html' };
    await adapter.sync.retry().catch(() => {});
    expect(adapter.sync.state().failed, 'nothing refused').to.deep.equal([]);
    laptop.net.between = undefined;
    await adapter.sync.retry();
    await waitUntil(() => adapter.sync.state().waiting === 0, 'the save is sent');
    expect((await colleague.contacts.get(contact.id)).jobTitle).to.equal('Achter de proxy');
  });

  it('keeps what waits while the server refuses the token (expired), and sends it once the host signs in again', async () => {
    const laptop = device(space, ERIK);
    const adapter = await laptop.open();
    const contact = await adapter.contacts.get(contacts[0]!.id);
    laptop.net.offline = true;
    const saved = await adapter.contacts.update(contact.id, contact.version, { jobTitle: 'Opmaker' });
    expect(adapter.sync.isPending(saved)).to.equal(true);
    expect(adapter.sync.state().signInRefused, 'away, not refused').to.equal(undefined);
    // Back on the network, with a token that expired meanwhile: the server answers 401.
    const token = space.tokens[ERIK.id]!;
    space.tokens[ERIK.id] = 'expired';
    laptop.net.offline = false;
    await adapter.sync.retry();
    expect(adapter.sync.state(), 'the host can tell a sign-in to renew from a network away').to.include({ connection: 'offline', signInRefused: true });
    // A request that gets no answer (the network gone, or one cancelled) says nothing of the token.
    laptop.net.offline = true;
    await adapter.sync.retry();
    expect(adapter.sync.state(), 'still refused').to.include({ connection: 'offline', signInRefused: true });
    // Nor does an answer from something between the device and the server: a proxy's error, or
    // a Wi-Fi portal's sign-in page. Neither is the server taking the token, nor the server reached.
    laptop.net.offline = false;
    const states: SyncState[] = [];
    const unwatch = adapter.sync.watch((state) => states.push(state));
    for (const between of [{ status: 502, type: 'text/html' }, { status: 200, type: 'text/html; charset=utf-8' }]) {
      laptop.net.between = between;
      await adapter.sync.retry().catch(() => {});
      expect(adapter.sync.state(), `still refused after an answer of ${between.status} from between`).to.include({ connection: 'offline', signInRefused: true });
    }
    unwatch();
    expect(states.filter((state) => state.connection !== 'offline' || !state.signInRefused), 'never connected nor unrefused meanwhile').to.deep.equal([]);
    laptop.net.between = undefined;
    const note = await adapter.timeline.add({ contactId: contact.id, kind: 'note', subject: 'Gebeld', body: 'Na het verlopen' });
    expect(adapter.sync.isPending(note), 'a note made meanwhile is kept too').to.equal(true);
    await waitUntil(() => adapter.sync.state().waiting === 2, 'both wait');
    expect(adapter.sync.state().failed, 'nothing refused').to.deep.equal([]);
    expect((await adapter.contacts.get(contact.id)).jobTitle, 'the copy answers meanwhile').to.equal('Opmaker');
    // The host has a new token for the user.
    space.tokens[ERIK.id] = token;
    await settled(adapter);
    expect(adapter.sync.state().signInRefused, 'taken again').to.equal(undefined);
    // The refusal is over: the network going now is said as the network gone.
    laptop.net.offline = true;
    await adapter.contacts.get(contact.id);
    expect(adapter.sync.state(), 'away, no longer refused').to.deep.include({ connection: 'offline' }).and.not.have.property('signInRefused');
    laptop.net.offline = false;
    expect((await colleague.contacts.get(contact.id)).jobTitle).to.equal('Opmaker');
    expect((await colleague.timeline.all(contact.id)).filter((e) => e.subject === 'Gebeld').length).to.equal(1);
  });

  it("keeps what waits when the host's own sign-in code fails for its sending, and sends it once that works again", async () => {
    // The host's token refresh fails with an error of its own (its sign-in server answered 500)
    // for the requests named: no credentials, so the server was never asked, and nothing that
    // waits was refused by it.
    let calls = 0;
    const failing = new Set<number>();
    const laptop = device(space, ERIK, {
      headers: (who) => {
        if (failing.has(++calls)) throw new Error('The token could not be refreshed.');
        return { authorization: `Bearer ${space.tokens[who.id] ?? 'unknown'}` };
      },
    });
    const adapter = await laptop.open();
    const contact = await adapter.contacts.get(contacts[0]!.id);
    laptop.net.offline = true;
    const saved = await adapter.contacts.update(contact.id, contact.version, { jobTitle: 'Zonder token' });
    expect(adapter.sync.isPending(saved)).to.equal(true);
    // Back on the network: the check that the server answers gets credentials, the sending does not.
    for (let next = calls + 2; next < calls + 12; next++) failing.add(next);
    laptop.net.offline = false;
    await adapter.sync.retry().catch(() => {});
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(adapter.sync.state().failed, 'nothing refused').to.deep.equal([]);
    expect(adapter.sync.state().waiting, 'the save still waits').to.equal(1);
    expect((await adapter.contacts.get(contact.id)).jobTitle, 'the copy answers meanwhile').to.equal('Zonder token');
    failing.clear();
    await settled(adapter);
    expect(adapter.sync.state().failed).to.deep.equal([]);
    expect((await colleague.contacts.get(contact.id)).jobTitle).to.equal('Zonder token');
  });

  it('does not open from the copy when the server refuses the token from the start', async () => {
    const laptop = device(space, ERIK);
    (await laptop.open()).close();
    const token = space.tokens[ERIK.id]!;
    space.tokens[ERIK.id] = 'expired';
    try {
      const refused = await failure(laptop.open());
      expect(refused.code, 'said as the refusal it is, not as a server away').to.equal('permission');
    } finally {
      space.tokens[ERIK.id] = token;
    }
  });

  it('shows a write the server refuses as refused with the reason, and keeps what the user wrote until it is discarded', async () => {
    const laptop = device(space, ERIK);
    const adapter = await laptop.open();
    const contact = await adapter.contacts.get(contacts[0]!.id);
    laptop.net.offline = true;
    await adapter.timeline.add({ contactId: contact.id, kind: 'note', subject: 'Offerte besproken', body: 'Drie varianten' });
    // Meanwhile the contact is archived: nothing may be added to it any more.
    await colleague.contacts.setArchived(contact.id, contact.version, true);

    laptop.net.offline = false;
    await adapter.sync.retry();
    await waitUntil(() => adapter.sync.state().failed.length === 1, 'the note is refused');
    const [refused] = adapter.sync.state().failed;
    expect(refused!.state).to.equal('refused');
    expect(refused!.code).to.be.oneOf(['validation', 'permission']);
    expect(refused!.message).to.be.a('string').and.not.equal('');
    expect(refused!.input).to.deep.equal({ subject: 'Offerte besproken', body: 'Drie varianten' });
    expect((await colleague.timeline.all(contact.id)).some((e) => e.subject === 'Offerte besproken')).to.equal(false);

    await adapter.sync.discard(refused!.id);
    expect(adapter.sync.state().failed).to.deep.equal([]);
    expect((await adapter.timeline.query(contact.id, { limit: 20 })).items.some((e) => e.subject === 'Offerte besproken')).to.equal(false);
  });

  it('shares one outbox between two tabs, and the changes are sent once', async () => {
    const laptop = device(space, ERIK);
    const [tab1, tab2] = [await laptop.open(), await laptop.open()];
    const contact = await tab1.contacts.get(contacts[0]!.id);
    await tab2.timeline.query(contacts[1]!.id, { limit: 20 });
    laptop.net.offline = true;
    await tab1.contacts.update(contact.id, contact.version, { jobTitle: 'Uit tab 1' });
    await tab2.timeline.add({ contactId: contacts[1]!.id, kind: 'note', subject: 'Uit tab 2', body: '' });
    await waitUntil(() => tab1.sync.state().waiting === 2 && tab2.sync.state().waiting === 2, 'both tabs count both changes');

    laptop.net.offline = false;
    await Promise.all([tab1.sync.retry(), tab2.sync.retry()]);
    await waitUntil(() => tab1.sync.state().waiting === 0 && tab2.sync.state().waiting === 0, 'both tabs see the outbox sent');
    const onServer = await colleague.contacts.get(contact.id);
    expect([onServer.jobTitle, onServer.version]).to.deep.equal(['Uit tab 1', contact.version + 1]);
    expect((await colleague.timeline.all(contacts[1]!.id)).filter((e) => e.subject === 'Uit tab 2')).to.have.length(1);
  });
});

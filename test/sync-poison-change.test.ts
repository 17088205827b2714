import { expect } from '@open-wc/testing';
import type { LiftContactCard } from '../src/contact-card/contact-card.js';
import { LiftDataError } from '../src/data/contract/errors.js';
import type { User } from '../src/data/contract/model.js';
import { SyncAdapter } from '../src/data/sync/sync-adapter.js';
import '../src/lift-contact-card.js';
import { mountCard } from './harness.js';
import { waitUntil } from './helpers.js';
import { ModelServer, type Network } from './model-server.js';
import { oneContact } from './worlds.js';

// A note kept on the device that the team server fails on each time it is sent (it answers its
// own 500 as `unavailable`, as HttpAdapter says it: "The server failed to answer."), while it
// answers everything else. The device must not take that for the server being away for ever:
// the note is sent a few times, less and less often, and then listed as not saved, with Send
// again and Discard, and the contact save the user made after it reaches the server.

const ANNA: User = { id: 'u-anna', name: 'Anna Admin', role: 'admin' };
const ERIK: User = { id: 'u-erik', name: 'Erik Employee', role: 'employee' };
/** The adapter's first wait before it asks the server again (a number no other timer here uses). */
const PROBE_MS = 130;
let count = 0;

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

const text = (el: Element | null | undefined) => el?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
/** The changes the card lists as not saved, each with what it says and its buttons. */
const listed = (card: LiftContactCard) => [...card.shadowRoot!.querySelectorAll('.sync-failed li')];
const buttons = (scope: Element | undefined) => [...(scope?.querySelectorAll('button') ?? [])].map(text);
const buttonIn = (scope: Element | undefined, label: string) => [...(scope?.querySelectorAll<HTMLButtonElement>('button') ?? [])].find((b) => text(b) === label);

/** Erik's device, with a copy of its own; the server fails every note it is sent while `w.failing` holds. */
async function world() {
  const server = new ModelServer();
  const colleague = server.as(ANNA);
  const { contact } = await oneContact(colleague, 'Drukkerij Van Dam', { lastName: 'Dam', jobTitle: 'Zetter' });
  const net: Network = { offline: false, loseAnswers: 0 };
  const remote = server.remote(ERIK, net);
  // `dropOn`: the send of the note (counted from one) that the network goes down under.
  const w = { failing: true, notesSent: 0, probes: 0, everything: 0, dropOn: 0 };
  const add = remote.timeline.add;
  const users = remote.session.users;
  const failingOnNotes = {
    ...remote,
    session: { ...remote.session, users: (options?: { signal?: AbortSignal }) => (w.probes++, users(options)) },
    timeline: {
      ...remote.timeline,
      add: (...args: Parameters<typeof add>) => {
        if (w.dropOn && w.notesSent + 1 === w.dropOn) [net.offline, w.dropOn] = [true, 0];
        if (net.offline) return Promise.reject(new LiftDataError('unavailable', 'The network is down.'));
        w.notesSent++;
        return w.failing ? Promise.reject(new LiftDataError('unavailable', 'The server failed to answer.')) : add(...args);
      },
    },
  } as typeof remote;
  const name = `lift-sync-poison-${Date.now().toString(36)}-${++count}`;
  const adapter = await SyncAdapter.over(failingOnNotes, { name, probeMs: PROBE_MS });
  cleanups.push(async () => {
    adapter.close();
    await new Promise((resolve) => (indexedDB.deleteDatabase(`${name}:model:${ERIK.id}`).onsuccess = resolve));
  });
  // Every element showing anything reads it again on a notice of every contact at once.
  adapter.subscribe((change) => {
    if ('resource' in change && change.resource === 'contact' && !change.ids.length) w.everything++;
  });
  /** Offline, the user writes a note and then changes the job title. */
  const noteThenSave = async () => {
    const shown = await adapter.contacts.get(contact.id);
    net.offline = true;
    await adapter.relations.list().catch(() => {});
    await adapter.timeline.add({ contactId: contact.id, kind: 'note', subject: 'Gebeld', body: 'Over de offerte' });
    await adapter.contacts.update(contact.id, shown.version, { jobTitle: 'Opmaker' });
    await waitUntil(() => adapter.sync.state().waiting === 2, 'both wait on the device');
  };
  /** The network comes back, and the user connects (Connect now). */
  const connect = () => {
    net.offline = false;
    return adapter.sync.retry();
  };
  /** The note is listed as not saved, nothing waits, and the device says it is connected. */
  const givenUp = () =>
    waitUntil(() => {
      const { failed, waiting, connection } = adapter.sync.state();
      return failed.length === 1 && !waiting && connection === 'online';
    }, 'the note is given up, nothing waits', { timeout: 15_000 });
  const jobTitle = async () => (await colleague.contacts.get(contact.id)).jobTitle;
  const notesOnServer = async () => (await colleague.timeline.query(contact.id, { limit: 20 })).items.filter((entry) => entry.kind === 'note').map((entry) => entry.subject);
  return Object.assign(w, { adapter, net, contact, noteThenSave, connect, givenUp, jobTitle, notesOnServer });
}

describe('a change the server fails on each time it is sent, while it answers otherwise', () => {
  it('is sent a few times, then listed as not saved, and the save made after it reaches the server', async () => {
    const w = await world();
    await w.noteThenSave();
    const [probes, everything] = [w.probes, w.everything];
    await w.connect();
    await w.givenUp();
    expect(await w.jobTitle(), 'the save made after the note is on the server').to.equal('Opmaker');
    const state = w.adapter.sync.state();
    expect(state.connection, 'the device says it is connected: the server answers').to.equal('online');
    expect(state.failed.map(({ kind, state, code }) => ({ kind, state, code })), 'the note, given up').to.deep.equal([{ kind: 'note', state: 'refused', code: 'unavailable' }]);
    expect(state.failed[0].input, 'with what the user wrote, to copy').to.deep.equal({ subject: 'Gebeld', body: 'Over de offerte' });
    expect(w.notesSent, 'the note was sent three times').to.equal(3);
    // Every element read everything again when the device connected, and once more after the
    // note first failed (the server might have been away); not each time the note went again.
    expect(w.everything - everything, 'every element read everything again').to.be.at.most(2);

    // Given up, the note is not sent again by itself, nor is the server asked whether it answers.
    const [sent, asked] = [w.notesSent, w.probes];
    await new Promise((resolve) => setTimeout(resolve, PROBE_MS * 12));
    expect(w.notesSent, 'the note was not sent again by itself').to.equal(sent);
    expect(w.probes, 'the server was not probed again').to.equal(asked);
    expect(asked - probes, 'the server was asked whether it answers: on Connect now, once before each new send, and once before the note was given up').to.be.at.most(4);
    expect(await w.notesOnServer(), 'the note is not on the server').to.deep.equal([]);
  });

  it('waits longer before each new send of the change, as the server keeps failing it', async () => {
    const w = await world();
    await w.noteThenSave();
    // The waits the device takes before it asks the server again, from the moment it connects.
    const waits: number[] = [];
    const setTimeoutBefore = globalThis.setTimeout;
    const probeWait = (ms: unknown) => typeof ms === 'number' && ms >= PROBE_MS && Number.isInteger(Math.log2(ms / PROBE_MS));
    globalThis.setTimeout = ((handler: TimerHandler, ms?: number, ...rest: unknown[]) => {
      if (probeWait(ms)) waits.push(ms!);
      return setTimeoutBefore(handler, ms, ...rest);
    }) as typeof setTimeout;
    try {
      await w.connect();
      await w.givenUp();
    } finally {
      globalThis.setTimeout = setTimeoutBefore;
    }
    // Connect now reached the server at once; after the note failed, the first wait, then twice as long.
    expect(waits, 'the waits before the note went again').to.deep.equal([PROBE_MS, 2 * PROBE_MS]);
  });

  it('lists the change in both languages with Send again and Discard; Send again sends it once more, and it lands once the server takes it', async () => {
    const w = await world();
    const english = await mountCard(w.adapter, w.contact.id, { detailTabs: 'personal function', selection: '', lang: 'en' });
    const dutch = await mountCard(w.adapter, w.contact.id, { detailTabs: 'personal function', selection: '', lang: 'nl' });
    await w.noteThenSave();
    await w.connect();
    await w.givenUp();
    await waitUntil(() => listed(english).length === 1 && listed(dutch).length === 1, 'both cards list the note');
    expect(text(english.shadowRoot!.querySelector('[part~="sync"]')), 'no offline banner: the server answers').to.equal('');
    expect(text(listed(english)[0]), 'in English').to.include('Not saved: the server failed on this change every time, though it answers otherwise.');
    expect(buttons(listed(english)[0]), 'its buttons').to.include.members(['Send again', 'Discard']);
    expect(text(listed(dutch)[0]), 'in Dutch').to.include('Niet opgeslagen: de server gaf bij deze wijziging elke keer een fout, al antwoordt hij verder wel.');
    expect(buttons(listed(dutch)[0]), 'its buttons in Dutch').to.include.members(['Opnieuw versturen', 'Weggooien']);

    // Send again while the server still fails it: it goes once, and is listed again.
    const sent = w.notesSent;
    buttonIn(listed(english)[0], 'Send again')!.click();
    await waitUntil(() => w.notesSent > sent, 'the note is sent again');
    await w.givenUp();
    expect(w.notesSent, 'sent once more').to.equal(sent + 1);
    await waitUntil(() => listed(english).length === 1, 'listed again');

    // The server takes it now: Send again puts it on the server, and nothing is listed.
    w.failing = false;
    buttonIn(listed(english)[0], 'Send again')!.click();
    await waitUntil(() => w.adapter.sync.state().failed.length === 0 && w.adapter.sync.state().waiting === 0, 'nothing is left on the device');
    expect(await w.notesOnServer(), 'the note is on the server').to.deep.equal(['Gebeld']);
    expect(w.notesSent, 'sent once more').to.equal(sent + 2);
    await waitUntil(() => listed(english).length === 0 && listed(dutch).length === 0, 'neither card lists it any more');
  });

  // The network going away answers `unavailable` too: that must never count as the server failing.
  it('waits, not given up, when the network is down on the last send, and lands once it is back', async () => {
    const w = await world();
    await w.noteThenSave();
    // The server fails the note's first two sends; under the third the network goes.
    w.dropOn = 3;
    const fixed = w.adapter.subscribe(() => {
      if (w.notesSent >= 2) w.failing = false;
    });
    await w.connect();
    await waitUntil(() => w.adapter.sync.state().connection === 'offline' && w.net.offline, 'offline after the third send');
    fixed();
    expect(w.adapter.sync.state().failed, 'nothing given up').to.deep.equal([]);
    w.failing = false;
    w.net.offline = false;
    await waitUntil(async () => (await w.notesOnServer()).length === 1, 'the note on the server once the network is back', { timeout: 15_000 });
    expect(w.adapter.sync.state().failed, 'nothing given up').to.deep.equal([]);
  });

  it('waits, not refused at once, when Send again meets a network that has gone', async () => {
    const w = await world();
    await w.noteThenSave();
    await w.connect();
    await w.givenUp();
    // The server is mended, but the network has just gone, with no word of it to the page yet.
    w.failing = false;
    w.net.offline = true;
    await w.adapter.sync.retry(w.adapter.sync.state().failed[0]!.id);
    await waitUntil(() => w.adapter.sync.state().connection === 'offline', 'offline, the note waiting');
    expect(w.adapter.sync.state().failed, 'not refused again').to.deep.equal([]);
    expect(w.adapter.sync.state().waiting, 'the note waits').to.equal(1);
    w.net.offline = false;
    await waitUntil(async () => (await w.notesOnServer()).length === 1, 'the note on the server once the network is back', { timeout: 15_000 });
  });
});

/**
 * The offline adapter as a model: random interleavings of two tabs of one user editing contacts
 * and adding notes (online, offline, with answers lost on the way back, reloaded), a colleague
 * editing, archiving and restoring the same contacts on the server, and the network going down
 * and up per tab. Whenever
 * everything is back online and the outbox is sent, the server must hold what a sequential replay
 * of the accepted writes gives, nothing accepted may be lost, and nothing may be applied twice.
 *
 * The server is test/model-server.ts (a store in memory behind a network each tab can cut), the
 * tabs are two `SyncAdapter.over` with one database name, as two tabs share one outbox.
 *
 * Runs: 1 000 interleavings in `npm test` (Chromium only, as every `*.chromium.test.ts`). The
 * longer run, 10 000 interleavings:
 *
 *   npm run test:model            (LIFT_MODEL_RUNS=10000, this file alone in Chromium)
 *
 * or any count: `LIFT_MODEL_RUNS=N node scripts/test.mjs --unit --engines=chromium --files
 * test/sync-model.chromium.test.ts`. A failure prints the seed and the shrunk command list.
 */
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import fc from 'fast-check';
import { LiftDataError } from '../src/data/contract/errors.js';
import type { Contact, ContactField, User } from '../src/data/contract/model.js';
import type { PendingChange } from '../src/data/contract/sync.js';
import type { StoreAdapter } from '../src/data/engine/store-adapter.js';
import { SyncAdapter } from '../src/data/sync/sync-adapter.js';
import { ModelServer, type Network } from './model-server.js';

const ANNA: User = { id: 'u-anna', name: 'Anna Admin', role: 'admin' };
const ERIK: User = { id: 'u-erik', name: 'Erik Employee', role: 'employee' };
const FIELDS: readonly ContactField[] = ['jobTitle', 'department'];
/** Long enough that no probe runs during an interleaving: the test decides when a tab retries. */
const PROBE_MS = 600_000;

interface Write {
  by: 'tab0' | 'tab1' | 'colleague';
  contactId: string;
  field: ContactField;
  value: string;
}

/** One interleaving's world: the server, the colleague, the two tabs and what was accepted. */
interface World {
  name: string;
  server: ModelServer;
  colleague: StoreAdapter;
  nets: [Network, Network];
  tabs: [SyncAdapter, SyncAdapter];
  contacts: Contact[];
  /** Accepted writes of contact fields, in the order they were accepted. */
  writes: Write[];
  /** Subjects of the notes the tabs accepted. */
  notes: string[];
  /** Every value a tab showed for a contact's field (`id|field`). */
  seen: Map<string, Set<string>>;
  count: number;
}

type Command = fc.AsyncCommand<object, World>;

let runs = 0;

function open(world: Pick<World, 'server' | 'name'>, net: Network): Promise<SyncAdapter> {
  return SyncAdapter.over(world.server.remote(ERIK, net), { name: world.name, probeMs: PROBE_MS });
}

async function setUp(): Promise<World> {
  const server = new ModelServer();
  const colleague = server.as(ANNA);
  const relation = await colleague.relations.create({ kind: 'client', name: 'Drukkerij Van Dam' });
  const contacts = [
    await colleague.contacts.create({ relationId: relation.id, lastName: 'Dam', jobTitle: 'Zetter', department: 'Druk' }),
    await colleague.contacts.create({ relationId: relation.id, lastName: 'Visser', jobTitle: 'Drukker', department: 'Pers' }),
  ];
  const name = `lift-sync-model-${Date.now().toString(36)}-${++runs}`;
  const nets: [Network, Network] = [{ offline: false, loseAnswers: 0 }, { offline: false, loseAnswers: 0 }];
  const tabs: [SyncAdapter, SyncAdapter] = [await open({ server, name }, nets[0]), await open({ server, name }, nets[1])];
  // Both tabs have shown both contacts and their overviews: the device's copy holds them. (Read
  // side by side, as a card reads them: a thousand interleavings pay for this set-up each.)
  await Promise.all(tabs.flatMap((tab) => contacts.flatMap((contact) => [tab.contacts.get(contact.id), tab.timeline.query(contact.id, { limit: 20 })])));
  return { name, server, colleague, nets, tabs, contacts, writes: [], notes: [], seen: new Map(), count: 0 };
}

async function tearDown(world: World): Promise<void> {
  for (const tab of world.tabs) tab.close();
  await new Promise<void>((resolve) => {
    const request = indexedDB.deleteDatabase(`${world.name}:model:${ERIK.id}`);
    request.onsuccess = request.onerror = () => resolve();
  });
}

/** The call's value, or the code of the LiftDataError it failed with. */
async function attempt<T>(call: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false; code: string }> {
  try {
    return { ok: true, value: await call() };
  } catch (error) {
    if (!LiftDataError.is(error)) throw error;
    return { ok: false, code: error.code };
  }
}

function saw(world: World, contact: Contact): void {
  for (const field of FIELDS) {
    const key = `${contact.id}|${field}`;
    if (!world.seen.has(key)) world.seen.set(key, new Set());
    world.seen.get(key)!.add(String(contact[field] ?? ''));
  }
}

class EditField implements Command {
  constructor(readonly tab: 0 | 1, readonly contact: number, readonly field: ContactField) {}
  check = () => true;
  async run(_: object, world: World) {
    const tab = world.tabs[this.tab];
    const id = world.contacts[this.contact]!.id;
    const shown = await tab.contacts.get(id);
    saw(world, shown);
    const value = `t${this.tab}-${++world.count}`;
    const result = await attempt(() => tab.contacts.update(id, shown.version, { [this.field]: value }));
    // A version the tab showed can be overtaken meanwhile (the other tab sent, a colleague saved while online).
    // An archived contact refuses changes (checked on the device too, when its copy knows).
    if (!result.ok) return void expect(result.code, `tab ${this.tab} saving ${this.field}`).to.be.oneOf(['conflict', 'validation']);
    world.writes.push({ by: `tab${this.tab}`, contactId: id, field: this.field, value });
  }
  toString = () => `tab${this.tab}.edit(contact ${this.contact}, ${this.field})`;
}

class AddNote implements Command {
  constructor(readonly tab: 0 | 1, readonly contact: number) {}
  check = () => true;
  async run(_: object, world: World) {
    const subject = `Notitie ${++world.count}`;
    const result = await attempt(() => world.tabs[this.tab].timeline.add({ contactId: world.contacts[this.contact]!.id, kind: 'note', subject, body: '' }));
    if (!result.ok) return void expect(result.code, `tab ${this.tab} adding a note`).to.equal('validation');
    world.notes.push(subject);
  }
  toString = () => `tab${this.tab}.note(contact ${this.contact})`;
}

class ColleagueEdit implements Command {
  constructor(readonly contact: number, readonly field: ContactField) {}
  check = () => true;
  async run(_: object, world: World) {
    const id = world.contacts[this.contact]!.id;
    const value = `c-${++world.count}`;
    const current = await world.colleague.contacts.get(id);
    if (current.archived) return;
    await world.colleague.contacts.update(id, current.version, { [this.field]: value });
    world.writes.push({ by: 'colleague', contactId: id, field: this.field, value });
  }
  toString = () => `colleague.edit(contact ${this.contact}, ${this.field})`;
}

class ColleagueArchive implements Command {
  constructor(readonly contact: number, readonly archived: boolean) {}
  check = () => true;
  async run(_: object, world: World) {
    const current = await world.colleague.contacts.get(world.contacts[this.contact]!.id);
    if (current.archived !== this.archived) await world.colleague.contacts.setArchived(current.id, current.version, this.archived);
  }
  toString = () => `colleague.${this.archived ? 'archive' : 'restore'}(contact ${this.contact})`;
}

class SetNetwork implements Command {
  constructor(readonly tab: 0 | 1, readonly offline: boolean) {}
  check = () => true;
  async run(_: object, world: World) {
    world.nets[this.tab].offline = this.offline;
  }
  toString = () => `tab${this.tab}.network(${this.offline ? 'down' : 'up'})`;
}

class LoseAnswer implements Command {
  constructor(readonly tab: 0 | 1) {}
  check = () => true;
  async run(_: object, world: World) {
    world.nets[this.tab].loseAnswers = 1;
  }
  toString = () => `tab${this.tab}.loseNextAnswer()`;
}

class Reload implements Command {
  constructor(readonly tab: 0 | 1) {}
  check = () => true;
  async run(_: object, world: World) {
    world.tabs[this.tab].close();
    world.tabs[this.tab] = await open(world, world.nets[this.tab]);
  }
  toString = () => `tab${this.tab}.reload()`;
}

class Settle implements Command {
  check = () => true;
  run = (_: object, world: World) => settleAndCheck(world);
  toString = () => 'settle()';
}

/**
 * Everything online, both tabs retry until the outbox is sent. An answer still due to be lost is
 * lost during this drain: a send that fails on the way must leave its change waiting, to be sent
 * again under its own request id, never mark it failed or apply it twice.
 */
async function settle(world: World): Promise<PendingChange[]> {
  for (const net of world.nets) net.offline = false;
  for (let round = 0; ; round++) {
    // A drain already under way when the network came back may end offline: retry again.
    await Promise.all(world.tabs.map((tab) => tab.sync.retry()));
    const left = await world.tabs[0].sync.pending();
    const online = world.tabs.every((tab) => tab.sync.state().connection === 'online');
    if (online && !left.some((change) => change.state === 'waiting')) {
      for (const tab of world.tabs) expect(tab.sync.state().waiting, 'a tab counts nothing waiting').to.equal(0);
      return left;
    }
    if (round === 20) throw new Error(`did not settle: ${JSON.stringify(left)}`);
  }
}

async function settleAndCheck(world: World): Promise<void> {
  const failed = await settle(world);
  const server = world.server.as(ERIK);

  // Notes: each accepted note exactly once, on the server or refused (its contact was archived
  // meanwhile) with what the user wrote; none that was not accepted.
  const refusedNotes = failed.filter((change) => change.kind === 'note').map((change) => change.input.subject!);
  const onServer: string[] = [];
  for (const contact of world.contacts) onServer.push(...(await server.timeline.all(contact.id)).filter((e) => e.kind === 'note').map((e) => e.subject));
  expect([...onServer, ...refusedNotes].sort(), 'the notes on the server and refused').to.deep.equal([...world.notes].sort());

  // Nothing applied twice: a write under one request id changes the server once. (One id may
  // be applied again with more fields: a later save joined the entry after its answer was lost.)
  const sent = world.server.applied.filter((a) => a.requestId).map((a) => `${a.requestId} ${JSON.stringify(a.changes)}`);
  expect(new Set(sent).size, 'each write applied once').to.equal(sent.length);

  // No silent overwrite: a device replaced only values a tab had shown, or its own.
  const ours = new Set(world.writes.filter((w) => w.by !== 'colleague').map((w) => w.value));
  for (const { contactId, changes, before } of world.server.applied) {
    for (const field of Object.keys(changes) as ContactField[]) {
      const was = String(before[field] ?? '');
      const shown = world.seen.get(`${contactId}|${field}`) ?? new Set();
      expect(shown.has(was) || ours.has(was), `${field} ${JSON.stringify(was)} was overwritten by a device that never showed it`).to.equal(true);
    }
  }

  // Every failed change met a colleague's value (a conflict) or an archived contact (refused).
  for (const change of failed) {
    const why = change.state === 'conflict' ? 'conflict' : `${change.state} ${change.code}`;
    expect(why, `failed change ${JSON.stringify(change)}`).to.be.oneOf(['conflict', 'refused validation']);
  }

  // Each field: what a sequential replay of the accepted writes gives.
  for (const [index, contact] of world.contacts.entries()) {
    const now = await server.contacts.get(contact.id);
    for (const field of FIELDS) {
      const writes = world.writes.filter((w) => w.contactId === contact.id && w.field === field);
      const last = writes.at(-1);
      const value = String(now[field] ?? '');
      const what = `contact ${index} ${field}`;
      if (!last) {
        expect(value, what).to.equal(contact[field]);
        continue;
      }
      if (last.by === 'colleague' || value === last.value) {
        expect(value, what).to.equal(last.value);
        continue;
      }
      // The tab's last write did not arrive: it waits for the user (in conflict, or refused as
      // the contact was archived), or the user saved the contact again later (which settles a
      // conflict), and the server kept an accepted value.
      const failedHere = failed.some((c) => c.contactId === contact.id && c.input[field] === last.value);
      const savedAgain = world.writes.slice(world.writes.indexOf(last) + 1).some((w) => w.by !== 'colleague' && w.contactId === contact.id);
      expect(failedHere || savedAgain, `${what}: ${last.by}'s ${JSON.stringify(last.value)} is neither on the server (${JSON.stringify(value)}) nor failed`).to.equal(true);
      expect([contact[field], ...writes.map((w) => w.value)], `${what} holds an accepted value`).to.include(value);
    }
  }
}

const tab = fc.constantFrom<0 | 1>(0, 1);
const contact = fc.constantFrom(0, 1);
const field = fc.constantFrom(...FIELDS);
const commands = fc.commands(
  [
    fc.tuple(tab, contact, field).map(([t, c, f]) => new EditField(t, c, f)),
    fc.tuple(tab, contact).map(([t, c]) => new AddNote(t, c)),
    fc.tuple(contact, field).map(([c, f]) => new ColleagueEdit(c, f)),
    fc.tuple(contact, fc.boolean()).map(([c, archived]) => new ColleagueArchive(c, archived)),
    fc.tuple(tab, fc.boolean()).map(([t, offline]) => new SetNetwork(t, offline)),
    tab.map((t) => new LoseAnswer(t)),
    tab.map((t) => new Reload(t)),
    fc.constant(new Settle()),
  ],
  { maxCommands: 20 },
);

describe('SyncAdapter as a model: two tabs, a colleague and a network that comes and goes', () => {
  it('ends with the server holding a sequential replay of what was accepted, nothing lost, nothing applied twice', async function () {
    const numRuns = Number((await executeServerCommand('lift-model-runs')) ?? 1000);
    // Generous: the runs are counted, not timed; a slow machine must not fail them.
    this.timeout(numRuns * 1000);
    await fc.assert(
      fc.asyncProperty(commands, async (list) => {
        const world = await setUp();
        try {
          await fc.asyncModelRun(() => ({ model: {}, real: world }), list);
          await settleAndCheck(world);
        } finally {
          await tearDown(world);
        }
      }),
      { numRuns, includeErrorInReport: true },
    );
  });
});

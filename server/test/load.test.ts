/**
 * Concurrency under load: 40 clients (HttpAdapters, each its own user; LIFT_LOAD_CLIENTS to
 * change) save the same three contacts with random interleavings over loopback, half of them
 * through each of two server processes on one database, with the servers' default limits, a
 * fixed number of rounds each. Every save
 * lands or gets a 412; the stored rows, the contacts' change entries and the change feed agree;
 * no update is lost. Reports saves per second and the p95 save latency (no assertion on either).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { HttpAdapter } from '../../src/data/adapters/http-adapter.js';
import type { Contact, Role, TimelineEntry, User } from '../../src/data/contract/model.js';
import { ADMIN_ROLE, createSpace, eventually, sleep, SseClient, startServer, stopAllServers, type ServerProcess, type Space } from './helpers.js';

const CLIENTS = Number(process.env.LIFT_LOAD_CLIENTS ?? 40);
const ROUNDS = 15;
const CONTACTS = 3;
const FIELD = 'jobTitle';

interface Outcome {
  client: number;
  round: number;
  contactId: string;
  marker: string;
  expected: number;
  /** The version the save answered, or the error code. */
  saved?: number;
  code?: string;
  current?: Contact;
  ms: number;
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
};

describe('concurrent saves under load', () => {
  let server: ServerProcess;
  let second: ServerProcess;
  let space: Space | undefined;

  before(async () => {
    server = await startServer('lift_node_load');
    second = await startServer('lift_node_load');
  });
  after(async () => {
    await space?.drop();
    await stopAllServers();
  });

  // The time limit only stops a hang: in `npm test` this suite runs at a lower priority beside
  // three browsers on two cores, where its 600 saves took 19 to 33 s and once more than 60 s.
  it(`${CLIENTS} clients × ${ROUNDS} rounds on ${CONTACTS} contacts: every save lands or gets 412, and no update is lost`, { timeout: 240_000 }, async () => {
    const editor: Role = { id: 'editor', name: 'Editor', rights: ['read', 'edit'] };
    const clients: User[] = Array.from({ length: CLIENTS }, (_, i) => ({ id: `u-c${String(i).padStart(2, '0')}`, name: `Client ${i}`, role: 'editor' }));
    space = await createSpace(server.url, { roles: [ADMIN_ROLE, editor], users: [{ id: 'u-admin', name: 'Anna Admin', role: 'admin' }, ...clients] });
    const admin = await space.connect('u-admin');
    const relation = await admin.relations.create({ kind: 'client', name: 'Drukkerij Van Dam' });
    const contacts: Contact[] = [];
    for (let i = 0; i < CONTACTS; i++) contacts.push(await admin.contacts.create({ relationId: relation.id, lastName: `Dam ${i}` }));
    // Every other client works through the second process.
    const adapters: HttpAdapter[] = await Promise.all(
      clients.map((user, i) => space!.connect(user.id, { retries: 0, server: i % 2 ? second.url : server.url })),
    );

    const outcomes: Outcome[] = [];
    const started = performance.now();
    await Promise.all(
      adapters.map(async (adapter, client) => {
        for (let round = 0; round < ROUNDS; round++) {
          const contactId = contacts[Math.floor(Math.random() * CONTACTS)]!.id;
          const loaded = await adapter.contacts.get(contactId);
          if (Math.random() < 0.7) await sleep(Math.floor(Math.random() * 6));
          const marker = `c${String(client).padStart(2, '0')}-r${round}`;
          const begin = performance.now();
          const outcome: Outcome = { client, round, contactId, marker, expected: loaded.version, ms: 0 };
          try {
            outcome.saved = (await adapter.contacts.update(contactId, loaded.version, { [FIELD]: marker })).version;
          } catch (error) {
            const e = error as { code?: string; current?: Contact; message?: string };
            outcome.code = e.code ?? `thrown: ${e.message}`;
            if (e.current) outcome.current = e.current;
          }
          outcome.ms = performance.now() - begin;
          outcomes.push(outcome);
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;

    // Every save either landed or was refused as stale; nothing else.
    assert.equal(outcomes.length, CLIENTS * ROUNDS);
    const other = outcomes.filter((o) => o.saved === undefined && o.code !== 'conflict');
    assert.deepEqual(other.map((o) => o.code), [], 'no outcome other than saved or conflict');
    // A conflict carries the record as it is, at a version other than the one loaded.
    for (const o of outcomes.filter((o) => o.code === 'conflict')) {
      assert.ok(o.current, 'a 412 answers the current record');
      assert.equal(o.current.id, o.contactId);
      assert.ok(o.current.version > o.expected, `the current version ${o.current.version} is newer than the loaded ${o.expected}`);
    }

    let lost = 0;
    for (const contact of contacts) {
      const saves = outcomes.filter((o) => o.contactId === contact.id && o.saved !== undefined).sort((x, y) => x.saved! - y.saved!);
      const stored = await admin.contacts.get(contact.id);
      // Each save bumped the version by one from the version it loaded; no two share a version.
      assert.equal(stored.version, 1 + saves.length, `${contact.lastName}: version = 1 + successful saves`);
      assert.deepEqual(saves.map((o) => o.saved), saves.map((_, i) => i + 2), `${contact.lastName}: saved versions are 2..${saves.length + 1}, each once`);
      assert.ok(saves.every((o) => o.saved === o.expected + 1), 'each save answered the version after the one it loaded');
      assert.equal(stored[FIELD], saves.at(-1)?.marker ?? '', 'the stored value is the last save');

      // The history: one change entry per save, chained old → new, replaying to the stored value.
      const entries = (await admin.timeline.all(contact.id)).filter((e: TimelineEntry) => e.kind === 'change' && e.change?.field === FIELD);
      assert.equal(entries.length, saves.length, `${contact.lastName}: one change entry per successful save`);
      const byOld = new Map(entries.map((e) => [e.change!.old, e]));
      assert.equal(byOld.size, entries.length, 'no two entries start from the same value (a lost update would)');
      const chain: TimelineEntry[] = [];
      for (let value = ''; byOld.has(value); value = chain.at(-1)!.change!.new) chain.push(byOld.get(value)!);
      assert.equal(chain.length, entries.length, 'the entries form one chain from the empty value');
      assert.equal(chain.at(-1)?.change!.new ?? '', stored[FIELD], 'replaying the history gives the stored value');
      assert.deepEqual(chain.map((e) => e.change!.new), saves.map((o) => o.marker), 'the history is the saves in version order');
      for (let i = 1; i < chain.length; i++) {
        assert.equal(chain[i]!.change!.old, chain[i - 1]!.change!.new);
        assert.ok(chain[i]!.occurredAt >= chain[i - 1]!.occurredAt, 'the history does not go back in time');
      }
      lost += saves.length - chain.length;
    }

    // The change feed, replayed from the start, tells the same story.
    const newest = await SseClient.open(space.baseUrl, space.tokens['u-admin']!);
    await eventually(() => newest.readyId !== undefined, 'the feed says where it stands');
    const last = newest.readyId!;
    await newest.close();
    const replay = await SseClient.open(space.baseUrl, space.tokens['u-admin']!, '0');
    await eventually(() => replay.changes.at(-1)?.id === last, 'the replay reaches the newest change', 15_000);
    await replay.close();
    const changes = replay.changes.map((c) => c.change);
    for (const contact of contacts) {
      const saves = outcomes.filter((o) => o.contactId === contact.id && o.saved !== undefined).length;
      const updates = changes.filter((c) => c.type === 'updated' && c.resource === 'contact' && (c.ids as string[]).includes(contact.id));
      const entries = changes.filter((c) => c.type === 'created' && c.resource === 'timeline' && c.contactId === contact.id);
      assert.equal(updates.length, saves, `${contact.lastName}: one feed update per save`);
      assert.equal(entries.length, saves, `${contact.lastName}: one feed change entry per save`);
    }
    assert.equal(new Set(replay.changes.map((c) => c.id)).size, replay.changes.length, 'feed ids are unique');

    const saved = outcomes.filter((o) => o.saved !== undefined).length;
    const conflicts = outcomes.filter((o) => o.code === 'conflict').length;
    assert.ok(saved >= CONTACTS, 'some saves landed');
    const p95 = percentile(outcomes.map((o) => o.ms), 95);
    console.log(
      `load: ${CLIENTS} clients on 2 processes, ${outcomes.length} saves attempted, ${saved} saved, ${conflicts} conflicts (412), ${lost} lost updates, ` +
        `${Math.round(outcomes.length / seconds)} saves/s, p95 ${Math.round(p95)} ms`,
    );
  });
});

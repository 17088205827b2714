/**
 * Stateless: two server processes on one database; a save through one reaches a Server-Sent-
 * Events client of the other, and a client that lost its stream resumes with Last-Event-ID on
 * either process without missing or repeating a change.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { DataChange, LifecycleNotice } from '../../src/data/contract/adapter.js';
import pg from 'pg';
import { logChanges, pruneChanges } from '../src/feed.js';
import type { PgTransaction } from '../src/pg-backend.js';
import { createSpace, eventually, postgres, sleep, SseClient, startServer, stopAllServers, type ServerProcess, type Space } from './helpers.js';

const DATABASE = 'lift_node_feed';

describe('the change feed across server processes', () => {
  let a: ServerProcess;
  let b: ServerProcess;
  const spaces: Space[] = [];
  const streams: SseClient[] = [];

  before(async () => {
    // One after the other: the first creates the database, the second finds it.
    a = await startServer(DATABASE);
    b = await startServer(DATABASE);
  });
  after(async () => {
    await Promise.all(streams.map((s) => s.close()));
    for (const space of spaces) await space.drop();
    await stopAllServers();
  });

  const newSpace = async () => {
    const space = await createSpace(a.url, {
      users: [
        { id: 'u-anna', name: 'Anna Admin', role: 'admin' },
        { id: 'u-bart', name: 'Bart Admin', role: 'admin' },
      ],
    });
    spaces.push(space);
    return space;
  };

  it('delivers a save made through process A to a subscriber of process B, as a remote update', async () => {
    assert.notEqual(a.port, b.port);
    const space = await newSpace();
    const x = await space.connect('u-anna'); // on A
    const y = await space.connect('u-bart', { server: b.url }); // on B, the same space
    assert.equal(y.session.currentUser().id, 'u-bart');
    const relation = await x.relations.create({ kind: 'client', name: 'Drukkerij Van Dam' });
    const contact = await x.contacts.create({ relationId: relation.id, lastName: 'Dam' });

    const seen: (DataChange | LifecycleNotice)[] = [];
    y.subscribe((change) => seen.push(change));
    await eventually(() => y.feedState === 'open', 'Y is connected to the feed of B');

    const saved = await x.contacts.update(contact.id, 1, { jobTitle: 'Drukker' });
    assert.equal(saved.version, 2);
    await eventually(
      () => seen.some((c) => 'resource' in c && c.resource === 'contact' && c.type === 'updated' && c.ids.includes(contact.id)),
      'the update reaches Y through B',
    );
    const update = seen.find((c): c is DataChange => 'resource' in c && c.resource === 'contact' && c.type === 'updated')!;
    assert.equal(update.origin, 'remote');
    assert.deepEqual(update.ids, [contact.id]);
    // The save's change entry comes along too, for the same contact.
    await eventually(
      () => seen.some((c) => 'resource' in c && c.resource === 'timeline' && c.type === 'created' && c.contactId === contact.id),
      'the change entry reaches Y',
    );
    // And B serves what A wrote.
    assert.equal((await y.contacts.get(contact.id)).jobTitle, 'Drukker');
  });

  it('a raw client of B resumes with Last-Event-ID: exactly the missed changes, in order, once', async () => {
    const space = await newSpace();
    const x = await space.connect('u-anna'); // writes through A
    // Anna's own streams on B: only they carry her changes' client id, checked below.
    const token = space.tokens['u-anna']!;
    const relation = await x.relations.create({ kind: 'client', name: 'Zetterij Noord' });
    const contact = await x.contacts.create({ relationId: relation.id, lastName: 'Noord' });

    // A witness on A sees every change, to know which ids were made while the client was away.
    const witness = await SseClient.open(space.baseUrl, space.tokens['u-anna']!, '0');
    streams.push(witness);

    const first = await SseClient.open(b.url + space.base, token);
    streams.push(first);
    await eventually(() => first.readyId !== undefined, 'the first stream is ready');
    // The ready event names the newest id: the relation and the contact made above.
    const created = first.readyId!;
    assert.ok(BigInt(created) >= 2n, `ready names the newest change id (${created})`);
    await x.contacts.update(contact.id, 1, { jobTitle: 'Zetter' });
    await eventually(() => first.changes.some((c) => c.change.resource === 'contact' && c.change.type === 'updated'), 'the first stream sees a save');
    await eventually(() => first.changes.some((c) => c.change.resource === 'timeline'), 'and its change entry');
    const seenIds = first.changes.map((c) => BigInt(c.id));
    assert.ok(seenIds.every((id) => id > BigInt(created)), 'only changes after ready');
    const last = first.changes.at(-1)!.id;
    await first.close();

    // Away: three saves through A.
    for (let version = 2; version <= 4; version++) await x.contacts.update(contact.id, version, { department: `Afdeling ${version}` });
    await eventually(
      () => witness.changes.filter((c) => c.change.resource === 'contact' && c.change.type === 'updated').length === 4,
      'the witness has seen all four saves',
    );
    const missed = witness.changes.filter((c) => BigInt(c.id) > BigInt(last)).map((c) => c.id);
    assert.equal(missed.length, 6, 'three saves made six changes (the contact and its change entry each)');

    const resumed = await SseClient.open(b.url + space.base, token, last);
    streams.push(resumed);
    await eventually(() => resumed.changes.length >= missed.length, 'the resumed stream catches up');
    await sleep(300); // anything repeated or extra would show up now
    assert.equal(resumed.readyId, last, 'ready names where the client resumes');
    assert.deepEqual(
      resumed.changes.map((c) => c.id),
      missed,
      'exactly the missed ids, in increasing order, none twice',
    );
    const ids = resumed.changes.map((c) => BigInt(c.id));
    assert.ok(ids.every((id, i) => i === 0 || id > ids[i - 1]!), 'strictly increasing');
    const updates = resumed.changes.filter((c) => c.change.resource === 'contact');
    assert.equal(updates.length, 3);
    assert.ok(updates.every((c) => c.change.type === 'updated' && (c.change.ids as string[])[0] === contact.id && c.change.client === x.clientId));

    // Still live after the catch-up: a fourth save arrives once.
    await x.contacts.update(contact.id, 5, { department: 'Afdeling 5' });
    await eventually(() => resumed.changes.length === missed.length + 2, 'the live save arrives after the replay');
    await sleep(200);
    assert.equal(resumed.changes.length, missed.length + 2);
    assert.equal(new Set(resumed.changes.map((c) => c.id)).size, resumed.changes.length, 'no id twice');
    await resumed.close();
    await witness.close();
  });

  it('a space whose change ids pass 9 orders them as numbers, on both processes', async () => {
    // Ids are bigints sent as text: "10" must come after "9" when a client resumes.
    const space = await newSpace();
    const x = await space.connect('u-anna');
    const relation = await x.relations.create({ kind: 'client', name: 'Tien' });
    const contact = await x.contacts.create({ relationId: relation.id, lastName: 'Tien' });
    for (let version = 1; version <= 5; version++) await x.contacts.update(contact.id, version, { jobTitle: `T${version}` });
    // 2 creates + 5 saves × 2 changes = 12 changes; resume from 8 on B.
    const resumed = await SseClient.open(b.url + space.base, space.tokens['u-bart']!, '8');
    streams.push(resumed);
    await eventually(() => resumed.changes.length >= 4, 'changes 9 to 12 arrive');
    await sleep(200);
    assert.deepEqual(resumed.changes.map((c) => c.id), ['9', '10', '11', '12']);
    await resumed.close();
  });

  it('forgets feed rows older than the days it keeps, and a client that saw them gets what is left', async () => {
    const space = await newSpace();
    const x = await space.connect('u-anna');
    const relation = await x.relations.create({ kind: 'client', name: 'Oud' });
    await x.contacts.create({ relationId: relation.id, lastName: 'Oud' });
    // Both rows are made a month old; one more change is new.
    const pool = new pg.Pool({ ...postgres(), database: DATABASE, max: 1 });
    try {
      await pool.query(`UPDATE "${space.name}".changes SET created_at = now() - interval '30 days'`);
      await x.relations.create({ kind: 'client', name: 'Nieuw' });
      assert.equal(await pruneChanges(pool, space.name, 7), 2);
      assert.equal(await pruneChanges(pool, space.name, 7), 0, 'nothing more to forget');
    } finally {
      await pool.end();
    }
    // A client that had seen the forgotten rows misses nothing (one that had not gets a reset:
    // feed-gaps.test.ts).
    const resumed = await SseClient.open(b.url + space.base, space.tokens['u-bart']!, '2');
    streams.push(resumed);
    await eventually(() => resumed.changes.length >= 1, 'the kept change arrives');
    await sleep(200);
    assert.deepEqual(resumed.changes.map((c) => c.id), ['3']);
    assert.equal(resumed.events.filter((e) => e.event === 'reset').length, 0);
    await resumed.close();
  });

  it("logs a write's changes in one statement: the feed's lock is held for the commit's round trip only", async () => {
    const statements: string[] = [];
    const tx = {
      query: async (text: string) => {
        statements.push(text);
        return { rows: [], rowCount: 1 };
      },
    } as unknown as PgTransaction;
    await logChanges(tx, [{ type: 'updated', resource: 'contact', ids: ['c-1'], origin: 'local', at: new Date(0).toISOString() }], 'u-anna', 'client', 'request');
    assert.equal(statements.length, 1, statements.join('\n---\n'));
    assert.match(statements[0]!, /pg_advisory_xact_lock/);
    assert.match(statements[0]!, /INSERT INTO changes/);
    assert.match(statements[0]!, /pg_notify/);
  });

  it('forgets old feed rows through an index, not by reading the whole table', async () => {
    const space = await newSpace();
    const client = new pg.Client({ ...postgres(), database: DATABASE });
    await client.connect();
    try {
      // A few rows make a scan the cheaper plan; the question is whether another one exists.
      await client.query('SET enable_seqscan = off');
      const plan = await client.query<{ 'QUERY PLAN': string }>(
        `EXPLAIN DELETE FROM "${space.name}".changes WHERE created_at < now() - make_interval(days => 7)`,
      );
      const text = plan.rows.map((row) => row['QUERY PLAN']).join('\n');
      assert.doesNotMatch(text, /Seq Scan/, text);
    } finally {
      await client.end();
    }
  });
});

/**
 * A gap in the change feed is said, not skipped: a client resuming from an id the server no longer
 * keeps (pruned), or from one it never had (the database was restored from an older backup), gets
 * `event: reset` and then the changes from the newest on; HttpAdapter tells its subscribers that
 * anything may have changed, so the elements read again what they show.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import type { DataChange, LifecycleNotice } from '../../src/data/contract/adapter.js';
import { pruneChanges } from '../src/feed.js';
import { eventually, postgres, SseClient, startServer, suiteSpaces, type ServerProcess, type Space } from './helpers.js';

const DATABASE = 'lift_node_feed_gaps';

describe('gaps in the change feed', () => {
  let server: ServerProcess;
  const suite = suiteSpaces(() => server.url);
  const newSpace = () => suite.newSpace();

  before(async () => {
    server = await startServer(DATABASE);
  });
  after(() => suite.cleanUp());

  const open = async (space: Space, lastEventId: string) => {
    const stream = await SseClient.open(space.baseUrl, space.tokens['u-bart']!, lastEventId);
    suite.streams.push(stream);
    return stream;
  };
  /** Makes every change of the space a month old and prunes the feed to a week. */
  const pruneAll = async (space: Space) => {
    const pool = new pg.Pool({ ...postgres(), database: DATABASE, max: 1 });
    try {
      await pool.query(`UPDATE "${space.name}".changes SET created_at = now() - interval '30 days'`);
      return await pruneChanges(pool, space.name, 7);
    } finally {
      await pool.end();
    }
  };

  it('a Last-Event-ID older than the kept feed gets a reset, then the changes after the newest', async () => {
    const space = await newSpace();
    const anna = await space.connect('u-anna');
    const relation = await anna.relations.create({ kind: 'client', name: 'Oud' });
    await anna.contacts.create({ relationId: relation.id, lastName: 'Oud' });
    await anna.relations.create({ kind: 'client', name: 'Ook oud' });
    assert.equal(await pruneAll(space), 3);

    const stream = await open(space, '1');
    await eventually(() => stream.events.some((e) => e.event === 'reset'), 'the stream says it lost track');
    const reset = stream.events.find((e) => e.event === 'reset')!;
    assert.equal(reset.id, '3', 'the reset moves the client to the newest change');
    assert.equal((JSON.parse(reset.data) as { lastEventId: string }).lastEventId, '3');
    assert.equal(stream.changes.length, 0, 'nothing from before the gap is replayed');

    await anna.relations.create({ kind: 'client', name: 'Nieuw' });
    await eventually(() => stream.changes.length === 1, 'the next change arrives');
    assert.equal(stream.changes[0]!.id, '4');
  });

  it('a Last-Event-ID newer than the newest change (a restored database) gets a reset', async () => {
    const space = await newSpace();
    const anna = await space.connect('u-anna');
    await anna.relations.create({ kind: 'client', name: 'Een' });
    const stream = await open(space, '999');
    await eventually(() => stream.events.some((e) => e.event === 'reset'), 'the stream says it lost track');
    assert.equal(stream.events.find((e) => e.event === 'reset')!.id, '1');
    await anna.relations.create({ kind: 'client', name: 'Twee' });
    await eventually(() => stream.changes.length === 1, 'the next change arrives');
    assert.equal(stream.changes[0]!.id, '2');
  });

  it('a client resuming within the kept feed gets no reset', async () => {
    const space = await newSpace();
    const anna = await space.connect('u-anna');
    await anna.relations.create({ kind: 'client', name: 'Een' });
    await anna.relations.create({ kind: 'client', name: 'Twee' });
    const stream = await open(space, '1');
    await eventually(() => stream.changes.length === 1, 'the missed change arrives');
    assert.equal(stream.changes[0]!.id, '2');
    assert.equal(stream.events.filter((e) => e.event === 'reset').length, 0);
  });

  it('HttpAdapter turns a reset into bulk changes for every resource, naming the relations it served and no contact', async () => {
    const space = await newSpace();
    const anna = await space.connect('u-anna');
    const bart = await space.connect('u-bart');
    const relation = await anna.relations.create({ kind: 'client', name: 'Drukkerij Van Dam' });
    const contact = await anna.contacts.create({ relationId: relation.id, lastName: 'Dam' });
    await bart.relations.get(relation.id);
    await bart.contacts.get(contact.id);

    const seen: (DataChange | LifecycleNotice)[] = [];
    const stop = bart.subscribe((change) => seen.push(change));
    await eventually(() => bart.feedState === 'open', "Bart's feed is open");
    stop(); // Bart's laptop sleeps; meanwhile Anna works and the feed forgets it.
    await anna.contacts.update(contact.id, 1, { jobTitle: 'Drukker' });
    // The feed Bart left open for a while closes on the change no one hears: only then is the
    // gap his. (On a loaded machine the change could reach it after he listened again, and he
    // would hear it as news, no gap.)
    await eventually(() => bart.feedState === 'idle', "Bart's feed closed on a change no one hears");
    await pruneAll(space);

    // What his first feed told (the relation and contact created, as news, if it came in time) is
    // not what the reset says.
    seen.length = 0;
    bart.subscribe((change) => seen.push(change));
    await eventually(() => seen.some((c) => 'resource' in c && c.resource === 'timeline'), 'Bart hears that he lost track');
    const bulk = seen.filter((c): c is DataChange => 'resource' in c);
    for (const resource of ['contact', 'relation', 'work', 'timeline', 'checklist', 'checklist-definition', 'preferences']) {
      const change = bulk.find((c) => c.resource === resource);
      assert.ok(change, `a change for ${resource}`);
      assert.equal(change.origin, 'remote');
      assert.equal(change.contactId, undefined, 'may concern any contact');
    }
    assert.deepEqual(bulk.find((c) => c.resource === 'contact')!.ids, [], 'no contact named: any may have changed, also one never read here');
    assert.ok(bulk.find((c) => c.resource === 'relation')!.ids.includes(relation.id), 'the relation Bart read is named');
    // Reloading shows Anna's change.
    assert.equal((await bart.contacts.get(contact.id)).jobTitle, 'Drukker');
  });
});

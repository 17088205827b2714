/**
 * Where the change feed stands, as clients see it (GET /session's feedPosition, and resuming
 * /events with Last-Event-ID), after a cut-off demo seed is emptied and seeded again, and in a
 * space whose feed_marks has lost its one row.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { pruneChanges } from '../src/feed.js';
import { api, eventually, postgres, sleep, SseClient, startServer, suiteSpaces, type ServerProcess } from './helpers.js';

const DATABASE = 'lift_node_feed_position';

/** A stream resumed from `lastEventId`, read until it is ready and a moment longer (for anything sent after). */
async function resumed(url: string, token: string, lastEventId: string): Promise<SseClient> {
  const stream = await SseClient.open(url, token, lastEventId);
  await eventually(() => stream.readyId !== undefined, 'ready');
  await sleep(300);
  await stream.close();
  return stream;
}
const resets = (stream: SseClient) => stream.events.filter((e) => e.event === 'reset');

describe("the change feed's position", () => {
  let server: ServerProcess;
  let token: string;
  let db: pg.Pool;
  const suite = suiteSpaces(() => server.url);
  const newest = async (schema = 'lift') => (await db.query<{ id: string }>(`SELECT max(id)::text AS id FROM "${schema}".changes`)).rows[0]!.id;

  // A demo whose seed was cut off: the next start empties it and seeds it again.
  before(async () => {
    const { host, port, user, password } = postgres();
    const admin = new pg.Pool({ host, port, user, password, database: 'postgres', max: 1 });
    await admin.query(`DROP DATABASE IF EXISTS ${DATABASE}`);
    await admin.end();
    const env = { LIFT_SEED: 'demo', LIFT_SEED_CONTACTS: '5' };
    const first = await startServer(DATABASE, { env });
    const firstToken = Object.values(first.child.demoTokens ?? {})[0];
    assert.ok(firstToken, 'the demo seeded, with tokens');
    // The feed holds a change from before the restart.
    const made = await api(first.url, 'POST', '/relations', { token: firstToken, body: { kind: 'client', name: 'Voor de herstart' } });
    assert.equal(made.status, 201, made.text);
    await first.stop();
    db = new pg.Pool({ host, port, user, password, database: DATABASE, max: 1 });
    // The mark a seed stopped half-way leaves in meta.
    await db.query(`INSERT INTO lift.meta (key, data) VALUES ('server:demo-seed', 'true') ON CONFLICT DO NOTHING`);
    server = await startServer(DATABASE, { env });
    const again = Object.values(server.child.demoTokens ?? {})[0];
    assert.ok(again, 'the demo seeded again, with tokens');
    token = again;
  });
  after(async () => {
    await suite.cleanUp();
    await db?.end();
  });

  it('after a demo seed started over, /session names the newest change and resuming from it sends nothing again', async () => {
    const made = await api(server.url, 'POST', '/relations', { token, body: { kind: 'client', name: 'Na de herstart' } });
    assert.equal(made.status, 201, made.text);
    const last = await newest();

    const session = await api(server.url, 'GET', '/session', { token });
    assert.equal(session.status, 200, session.text);
    assert.equal(session.body.feedPosition, last, '/session names the newest change, not 0');

    // A client that has seen every change resumes from the newest: nothing to tell it.
    const upToDate = await resumed(server.url, token, last);
    assert.equal(upToDate.readyId, last, 'ready at the id it resumed from');
    assert.deepEqual(resets(upToDate), [], 'not told to read everything again');
    assert.deepEqual(upToDate.changes, [], 'no change sent again');

    // One a change behind is sent that change only.
    const behind = await resumed(server.url, token, String(BigInt(last) - 1n));
    assert.deepEqual(resets(behind), [], 'no reset one change behind');
    assert.deepEqual(behind.changes.map((c) => c.id), [last], 'just the newest change');
  });

  it('after a demo seed started over, a client away while the feed was pruned is told to read everything again', async () => {
    const seen = await newest();
    const made = await api(server.url, 'POST', '/relations', { token, body: { kind: 'client', name: 'Vergeten' } });
    assert.equal(made.status, 201, made.text);
    // The feed forgets that change (a month old, kept a week), as the hourly pruning does.
    await db.query(`UPDATE lift.changes SET created_at = now() - interval '30 days' WHERE id > $1`, [seen]);
    assert.equal(await pruneChanges(db, 'lift', 7), 1, 'one change pruned');
    const later = await api(server.url, 'POST', '/relations', { token, body: { kind: 'client', name: 'Daarna' } });
    assert.equal(later.status, 201, later.text);
    const last = await newest();

    // This client saw everything up to `seen`, and so never the change the feed forgot.
    const away = await resumed(server.url, token, seen);
    assert.equal(resets(away).length, 1, 'told it missed changes');
    assert.equal(resets(away)[0]!.id, last, 'moved to the newest change');
    assert.deepEqual(away.changes, [], 'nothing after the gap passed off as all it missed');
  });

  it('in a space whose feed_marks lost its row, /session names the newest change and resuming from it sends nothing again', async () => {
    const space = await suite.newSpace();
    const anna = space.tokens['u-anna']!;
    for (const name of ['Een', 'Twee']) {
      const made = await space.api('u-anna', 'POST', '/relations', { body: { kind: 'client', name } });
      assert.equal(made.status, 201, made.text);
    }
    // As an operator emptying every table by hand would leave it.
    await db.query(`DELETE FROM "${space.name}".feed_marks`);
    const last = await newest(space.name);

    const session = await space.api('u-anna', 'GET', '/session');
    assert.equal(session.body.feedPosition, last, '/session names the newest change, not 0');
    const upToDate = await resumed(space.baseUrl, anna, last);
    assert.deepEqual(resets(upToDate), [], 'not told to read everything again');
    assert.deepEqual(upToDate.changes, [], 'no change sent again');
  });
});

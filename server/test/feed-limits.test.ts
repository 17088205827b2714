/**
 * The change feed cannot be abused: a change's client and request ids (what tells an adapter its
 * own changes from a colleague's) reach only the streams of the user who made it, so nobody can
 * make a colleague's adapter take their change for its own by sending its client id; a user who
 * may not read hears of nothing but their own layout choices, and a change of rights ends an
 * open stream; and one user holds a limited number of streams at once.
 */
import assert from 'node:assert/strict';
import net from 'node:net';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { ADMIN_ROLE, eventually, postgres, rejection, roleWithout, SseClient, startServer, suiteSpaces, type ServerProcess, type Space } from './helpers.js';

const DATABASE = 'lift_node_feed_limits';

describe('limits of the change feed', () => {
  let server: ServerProcess;
  const suite = suiteSpaces(() => server.url);
  const newSpace = () => suite.newSpace();

  before(async () => {
    server = await startServer(DATABASE, { env: { LIFT_USER_STREAMS: '3', LIFT_STREAM_RECHECK_MS: '100' } });
  });
  after(() => suite.cleanUp());

  const open = async (space: Space, user: string) => {
    const stream = await SseClient.open(space.baseUrl, space.tokens[user]!);
    suite.streams.push(stream);
    await eventually(() => stream.readyId !== undefined, 'the stream is ready');
    return stream;
  };

  /** The client id the server hands `user` in GET /session. */
  const clientIdOf = async (space: Space, user: string) => {
    const session = await space.api<{ clientId?: string }>(user, 'GET', '/session');
    assert.equal(typeof session.body.clientId, 'string', 'GET /session hands out a client id');
    return session.body.clientId!;
  };

  it("a change's client and request ids reach only the streams of the user who made it", async () => {
    const space = await newSpace();
    const anna = await open(space, 'u-anna');
    const bart = await open(space, 'u-bart');
    const annaClient = await clientIdOf(space, 'u-anna');
    const made = await space.api('u-anna', 'POST', '/relations', {
      body: { kind: 'client', name: 'Drukkerij Van Dam' },
      headers: { 'lift-client': annaClient, 'lift-request': 'anna-write-1' },
    });
    assert.equal(made.status, 201, made.text);
    await eventually(() => anna.changes.length === 1 && bart.changes.length === 1, 'both streams hear of it');
    assert.equal(anna.changes[0]!.change.client, annaClient, "Anna's stream tells her it is hers");
    assert.equal(anna.changes[0]!.change.request, 'anna-write-1');
    assert.equal(bart.changes[0]!.change.client, undefined, "Bart's stream does not learn Anna's client id");
    assert.equal(bart.changes[0]!.change.request, undefined);

    // Bart writes with Anna's client id: her stream still shows it as someone else's change.
    await space.api('u-bart', 'POST', '/relations', { body: { kind: 'client', name: 'Namaak BV' }, headers: { 'lift-client': annaClient } });
    await eventually(() => anna.changes.length === 2 && bart.changes.length === 2, 'both hear of it');
    assert.equal(anna.changes[1]!.change.client, undefined, "Bart's change does not pass for Anna's own");
    assert.equal(anna.changes[1]!.change.resource, 'relation');
    assert.equal(bart.changes[1]!.change.client, null, 'a client id the server did not give Bart is not recorded as his');
  });

  it('client ids come from the server, each bound to its user; one made up is not recorded', async () => {
    const space = await newSpace();
    const bart = await open(space, 'u-bart');
    const first = await clientIdOf(space, 'u-bart');
    const second = await clientIdOf(space, 'u-bart');
    assert.notEqual(first, second, 'each adapter instance gets its own');
    await space.api('u-bart', 'POST', '/relations', { body: { kind: 'client', name: 'Een' }, headers: { 'lift-client': second } });
    await space.api('u-bart', 'POST', '/relations', { body: { kind: 'client', name: 'Twee' }, headers: { 'lift-client': 'made-up' } });
    await space.api('u-bart', 'POST', '/relations', { body: { kind: 'client', name: 'Drie' }, headers: { 'lift-client': `${second}x` } });
    await eventually(() => bart.changes.length === 3, 'the changes arrive');
    assert.deepEqual(bart.changes.map((c) => c.change.client), [second, null, null]);

    // HttpAdapter takes the id the server gives it, and tells its own changes by it.
    const adapter = await space.connect('u-bart');
    assert.notEqual(adapter.clientId, first);
    await adapter.relations.create({ kind: 'client', name: 'Vier' });
    await eventually(() => bart.changes.length === 4, 'the change arrives');
    assert.equal(bart.changes[3]!.change.client, adapter.clientId, "the adapter's id is one the server recognises as Bart's");
  });

  it("a colleague's layout choices do not reach anyone else's stream", async () => {
    const space = await newSpace();
    const anna = await open(space, 'u-anna');
    const bart = await open(space, 'u-bart');
    const saved = await space.api('u-anna', 'PUT', '/preferences/contact', { body: { buttons: ['mail'] } });
    assert.equal(saved.status, 200, saved.text);
    await space.api('u-anna', 'POST', '/relations', { body: { kind: 'client', name: 'Daarna' } });
    await eventually(() => anna.changes.length === 2 && bart.changes.length >= 1, 'the relation reaches both');
    assert.deepEqual(anna.changes.map((c) => c.change.resource), ['preferences', 'relation'], 'Anna hears of her own choices');
    assert.deepEqual(bart.changes.map((c) => c.change.resource), ['relation'], 'Bart does not: his card need not re-read anything');
  });

  it('a user who may not read hears only of their own layout choices; a change of rights ends the stream', async () => {
    const space = await suite.newSpace({
      roles: [ADMIN_ROLE, roleWithout('blind', 'read')],
      users: [
        { id: 'u-anna', name: 'Anna Admin', role: 'admin' },
        { id: 'u-lex', name: 'Lex Zonder Lezen', role: 'blind' },
      ],
    });
    const lex = await open(space, 'u-lex');
    const anna = await open(space, 'u-anna');
    assert.equal((await space.api('u-lex', 'GET', '/relations')).status, 403, 'Lex may not read the relations');
    const made = await space.api('u-anna', 'POST', '/relations', { body: { kind: 'client', name: 'Drukkerij Van Dam' } });
    assert.equal(made.status, 201, made.text);
    await space.api('u-anna', 'POST', '/contacts', { body: { relationId: made.body.id, firstName: 'Eva', lastName: 'Dam' } });
    const saved = await space.api('u-lex', 'PUT', '/preferences/contact', { body: { buttons: ['mail'] } });
    assert.equal(saved.status, 200, saved.text);
    // Lex's choices are the last change: once his stream has them, it has been handed all before.
    await eventually(() => lex.changes.length >= 1 && anna.changes.length >= 2, 'the changes are sent');
    const heard = anna.changes.map((c) => c.change.resource);
    assert.ok(heard.includes('relation') && heard.includes('contact'), `Anna hears of what she may read (${heard.join(', ')})`);
    assert.deepEqual(lex.changes.map((c) => c.change.resource), ['preferences'], "Lex hears of his own choices, not of the records he may not read (nor their ids)");

    // The role is given the right while the stream is open: the stream ends, and the one opened
    // in its place (resuming where it stopped) carries what Lex may read now.
    const pool = new pg.Pool({ ...postgres(), database: DATABASE, max: 1 });
    try {
      await pool.query(`UPDATE "${space.name}".roles SET rights = array_append(rights, 'read') WHERE id = 'blind'`);
    } finally {
      await pool.end();
    }
    await eventually(() => lex.ended, 'the stream ends when the rights change');
    assert.equal(anna.ended, false, "Anna's rights did not change: her stream stays");
    const again = await SseClient.open(space.baseUrl, space.tokens['u-lex']!, lex.changes.at(-1)!.id);
    suite.streams.push(again);
    await space.api('u-anna', 'POST', '/relations', { body: { kind: 'client', name: 'Zetterij Noord' } });
    await eventually(() => again.changes.some((c) => c.change.resource === 'relation'), 'the next relation reaches Lex');
  });

  it('a stream the server ends while its reader is not reading takes nothing down: the changes after it go nowhere', async () => {
    const space = await newSpace();
    const pool = new pg.Pool({ ...postgres(), database: DATABASE, max: 1 });
    const sockets: net.Socket[] = [];
    try {
      const { hostname, port, pathname } = new URL(`${space.baseUrl}/events`);
      /** A reader that never reads: what the server sends waits in the socket's buffers, and once those are full, in the server. */
      const reader = async () => {
        const socket = net.connect(Number(port), hostname);
        sockets.push(socket);
        socket.on('error', () => undefined);
        await new Promise((resolve) => socket.once('connect', resolve));
        socket.write(`GET ${pathname} HTTP/1.1\r\nHost: ${hostname}:${port}\r\nAuthorization: Bearer ${space.tokens['u-anna']}\r\n\r\n`);
        socket.pause();
        await new Promise((resolve) => setTimeout(resolve, 100));
      };
      // Changes of about 0.5 MB at a time, told as a write tells them. Three readers join one
      // after the other: they get 6, 5.5 and 5 MB, so what the server keeps for each is under the
      // 4 MiB at which it lets a reader go, whatever the sockets hold up to about 4 MB.
      const ids = Array.from({ length: 500 }, (_, i) => `relation-${String(i).padStart(20, '0')}`);
      const change = JSON.stringify({ type: 'updated', resource: 'relation', ids, at: new Date().toISOString() });
      for (let chunk = 0; chunk < 12; chunk++) {
        if (chunk < 3) await reader();
        await pool.query(`INSERT INTO "${space.name}".changes (user_id, change) SELECT 'u-anna', $1::jsonb FROM generate_series(1, 32)`, [change]);
        await pool.query(`SELECT pg_notify('lift_changes', $1)`, [space.name]);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      // Anna's rights change: the server ends her streams (checked every 100 ms here).
      await pool.query(`UPDATE "${space.name}".roles SET rights = array_append(rights, 'read') WHERE id = (SELECT data->>'role' FROM "${space.name}".users WHERE id = 'u-anna')`);
      await new Promise((resolve) => setTimeout(resolve, 500));
      // A change after that is handed to the ended streams.
      const made = await space.api('u-bart', 'POST', '/relations', { body: { kind: 'client', name: 'Na het einde' } });
      assert.equal(made.status, 201, made.text);
      await new Promise((resolve) => setTimeout(resolve, 500));
      assert.equal(server.child.exitCode, null, 'the server process still runs');
      assert.equal((await space.api('u-bart', 'GET', '/session')).status, 200, 'and answers');
      // A colleague's stream opened after them hears every change once the ended ones close too.
      const bart = await open(space, 'u-bart');
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => setTimeout(resolve, 300));
      await space.api('u-bart', 'POST', '/relations', { body: { kind: 'client', name: 'Daarna' } });
      await eventually(() => bart.changes.some((c) => c.change.resource === 'relation'), "the colleague's stream hears of the next change");
    } finally {
      for (const socket of sockets) socket.destroy();
      await pool.end();
    }
  });

  it('one user holds at most 3 streams (429 beyond), others are not held back', async () => {
    const space = await newSpace();
    const held = [await open(space, 'u-anna'), await open(space, 'u-anna'), await open(space, 'u-anna')];
    const refused = await rejection(SseClient.open(space.baseUrl, space.tokens['u-anna']!));
    assert.match(refused.message, /answered 429/);
    await open(space, 'u-bart');
    await held[0]!.close();
    await eventually(async () => {
      try {
        await open(space, 'u-anna');
        return true;
      } catch {
        return false;
      }
    }, 'a closed stream frees its place');
  });

  it('HEAD /events answers at once and holds no stream', async () => {
    const space = await newSpace();
    for (let i = 0; i < 4; i++) {
      const answer = await fetch(`${space.baseUrl}/events`, { method: 'HEAD', headers: { authorization: `Bearer ${space.tokens['u-anna']}` }, signal: AbortSignal.timeout(5000) });
      assert.equal(answer.status, 200, `HEAD ${i + 1}`);
      assert.match(answer.headers.get('content-type') ?? '', /^text\/event-stream/);
    }
    // Four asked, three allowed at once: none of them is still held.
    await (await open(space, 'u-anna')).close();
  });
});

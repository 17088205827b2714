/**
 * Faults: the server process killed mid-session and started again; PostgreSQL restarted under a
 * running server; change streams dropped while changes are being made; a server asked to stop
 * while clients hold change streams open.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import net from 'node:net';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { promisify } from 'node:util';
import type { DataChange, LifecycleNotice } from '../../src/data/contract/adapter.js';
import type { HttpAdapter } from '../../src/data/adapters/http-adapter.js';
import { api, createSpace, eventually, postgres, rejection, sleep, startServer, stopAllServers, testHeaders, type Space } from './helpers.js';

const DATABASE = 'lift_node_faults';
const run = promisify(execFile);

// ------------------------------------------------------------------ the runner's PostgreSQL, by hand

/** PostgreSQL's binaries, found as scripts/postgres.mjs finds them. */
function binDir(): string {
  const base = '/usr/lib/postgresql';
  const version = existsSync(base)
    ? readdirSync(base).filter((v) => existsSync(path.join(base, v, 'bin', 'pg_ctl'))).sort((a, b) => Number(b) - Number(a))[0]
    : undefined;
  if (!version) throw new Error('No pg_ctl under /usr/lib/postgresql');
  return path.join(base, version, 'bin');
}

/** pg_ctl on the runner's cluster (as the `postgres` user when we are root, as initdb was). */
async function pgCtl(...args: string[]): Promise<void> {
  const { dir } = postgres();
  if (!dir) throw new Error('LIFT_PG_DIR is not set: run through node scripts/test-server.mjs');
  const command = path.join(binDir(), 'pg_ctl');
  const full = ['-D', path.join(dir, 'data'), ...args];
  if (process.getuid?.() === 0) await run('runuser', ['-u', 'postgres', '--', command, ...full]);
  else await run(command, full);
}

const stopPostgres = () => pgCtl('-m', 'immediate', '-w', 'stop');
/** Starts it with the options scripts/postgres.mjs uses, on the same port. */
function startPostgres(): Promise<void> {
  const { port, dir } = postgres();
  const options = `-p ${port} -k ${dir}/socket -c unix_socket_permissions=0700 -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`;
  return pgCtl('-o', options, '-l', path.join(dir!, 'log'), '-w', '-t', '60', 'start');
}
async function postgresRunning(): Promise<boolean> {
  try {
    await pgCtl('status');
    return true;
  } catch {
    return false;
  }
}

// ------------------------------------------------------------------ helpers

type Seen = (DataChange | LifecycleNotice)[];
const contactUpdates = (seen: Seen, id: string) =>
  seen.filter((c): c is DataChange => 'resource' in c && c.resource === 'contact' && c.type === 'updated' && c.ids.includes(id));

async function seed(adapter: HttpAdapter) {
  const relation = await adapter.relations.create({ kind: 'client', name: 'Drukkerij Van Dam' });
  const contact = await adapter.contacts.create({ relationId: relation.id, firstName: 'Eva', lastName: 'Dam' });
  return { relation, contact };
}

/** A fetch that counts the requests going through it, by method. */
function countingFetch() {
  const calls: string[] = [];
  const fetcher: typeof fetch = (input, init) => {
    calls.push(init?.method ?? 'GET');
    return fetch(input, init);
  };
  return { calls, fetch: fetcher };
}

describe('faults', () => {
  const spaces: Space[] = [];
  /** A space of its own with two admins, Anna (who writes) and Bart (who listens). */
  const twoAdmins = async (server: string) => {
    const space = await createSpace(server, {
      users: [
        { id: 'u-anna', name: 'Anna Admin', role: 'admin' },
        { id: 'u-bart', name: 'Bart Admin', role: 'admin' },
      ],
    });
    spaces.push(space);
    return space;
  };
  let stoppedPostgres = false;
  after(async () => {
    for (const space of spaces.splice(0)) await space.drop();
    await stopAllServers();
    // The next suites need it, whatever happened here.
    if (stoppedPostgres && !(await postgresRunning())) await startPostgres();
  });

  it('a server killed mid-session: saves and reads reject unavailable; after a restart on the same port the same save lands', async () => {
    const first = await startServer(DATABASE);
    const space = await createSpace(first.url);
    spaces.push(space);
    const counter = countingFetch();
    const adapter = await space.connect('u-admin', { fetch: counter.fetch, retries: 2, retryDelayMs: 10 });
    const { contact } = await seed(adapter);
    const loaded = await adapter.contacts.get(contact.id);
    assert.equal(loaded.version, 1);

    await first.stop('SIGKILL');
    assert.equal(first.child.signalCode, 'SIGKILL');

    counter.calls.length = 0;
    const save = await rejection(adapter.contacts.update(contact.id, loaded.version, { jobTitle: 'Drukker' }));
    assert.equal(save.code, 'unavailable');
    assert.deepEqual(counter.calls, ['PATCH'], 'a write is never retried');

    counter.calls.length = 0;
    const read = await rejection(adapter.contacts.get(contact.id));
    assert.equal(read.code, 'unavailable');
    assert.deepEqual(counter.calls, ['GET', 'GET', 'GET'], 'a read is tried once and retried twice');

    const second = await startServer(DATABASE, { port: first.port });
    assert.equal(second.url, first.url);
    // The same adapter, the same save, the same expected version: nothing was saved meanwhile.
    const saved = await adapter.contacts.update(contact.id, loaded.version, { jobTitle: 'Drukker' });
    assert.equal(saved.version, 2);
    assert.equal(saved.jobTitle, 'Drukker');
    const fresh = await adapter.contacts.get(contact.id);
    assert.equal(fresh.version, 2);
    assert.equal(fresh.jobTitle, 'Drukker');
    const history = (await adapter.timeline.all(contact.id)).filter((e) => e.kind === 'change');
    assert.deepEqual(history.map((e) => e.change), [{ field: 'jobTitle', old: '', new: 'Drukker' }], 'one change entry: the save landed once');
    await space.drop();
    await second.stop();
  });

  it('PostgreSQL restarted: requests get 503 meanwhile, the server lives on, and saves and the feed work again after', { timeout: 60_000 }, async () => {
    const server = await startServer(DATABASE);
    const space = await twoAdmins(server.url);
    const writer = await space.connect('u-anna', { retries: 1, retryDelayMs: 10 });
    const reader = await space.connect('u-bart');
    const { contact } = await seed(writer);
    const seen: Seen = [];
    reader.subscribe((change) => seen.push(change));
    await eventually(() => reader.feedState === 'open', 'the subscriber is connected');

    assert.equal(await postgresRunning(), true, `pg_ctl finds the runner's cluster in LIFT_PG_DIR (${postgres().dir})`);
    stoppedPostgres = true;
    await stopPostgres();
    try {
      assert.equal(await postgresRunning(), false);
      const session = await space.api('u-anna', 'GET', '/session');
      assert.equal(session.status, 503);
      assert.equal(session.body.code, 'unavailable');
      assert.equal(typeof session.body.message, 'string');
      const patch = await space.api('u-anna', 'PATCH', `/contacts/${contact.id}`, { body: { jobTitle: 'Kwijt' }, headers: { 'if-match': '"1"' } });
      assert.equal(patch.status, 503);
      assert.equal(patch.body.code, 'unavailable');
      assert.equal((await rejection(writer.contacts.update(contact.id, 1, { jobTitle: 'Kwijt' }))).code, 'unavailable');
      assert.equal((await rejection(writer.contacts.get(contact.id))).code, 'unavailable');
      // Not a crash: the process is there and answers what needs no database.
      assert.equal(server.child.exitCode, null);
      assert.equal((await api(server.url, 'GET', '/openapi.json')).status, 200);
    } finally {
      await startPostgres();
    }

    await eventually(async () => (await space.api('u-anna', 'GET', '/session')).status === 200, 'the server answers again', 15_000, 100);
    const saved = await writer.contacts.update(contact.id, 1, { jobTitle: 'Drukker' });
    assert.equal(saved.version, 2, 'nothing was saved during the outage');
    assert.equal((await writer.contacts.get(contact.id)).jobTitle, 'Drukker');
    // The subscriber connected before the restart hears of it (the feed's LISTEN reconnects,
    // and a 5 s poll backs it up).
    await eventually(() => contactUpdates(seen, contact.id).length === 1, 'the change reaches the older subscriber', 12_000, 50);
    assert.equal(contactUpdates(seen, contact.id)[0]!.origin, 'remote');
    assert.equal(server.child.exitCode, null);
    await space.drop();
    await server.stop();
    assert.equal(server.child.exitCode, 0, 'it still stops cleanly');
  });

  it('PostgreSQL killed while requests are in flight: the server lives on, every answer is saved, conflict or unavailable, and the history agrees', { timeout: 90_000 }, async () => {
    const server = await startServer(DATABASE);
    const users = Array.from({ length: 6 }, (_, i) => ({ id: `u-w${i}`, name: `Writer ${i}`, role: 'admin' }));
    const space = await createSpace(server.url, { users });
    spaces.push(space);
    const adapters = await Promise.all(users.map((u) => space.connect(u.id, { retries: 0 })));
    const { contact } = await seed(adapters[0]!);
    const codes = new Map<string, number>();
    let saved = 0;
    let running = true;
    const loops = adapters.map(async (adapter, n) => {
      for (let round = 0; running; round++) {
        try {
          const current = await adapter.contacts.get(contact.id);
          await adapter.contacts.update(contact.id, current.version, { jobTitle: `w${n}-${round}` });
          saved++;
        } catch (error) {
          const code = (error as { code?: string }).code ?? `thrown: ${(error as Error).message}`;
          codes.set(code, (codes.get(code) ?? 0) + 1);
          await sleep(20);
        }
      }
    });
    try {
      await eventually(() => saved >= 10, 'saves are under way', 15_000);
      stoppedPostgres = true;
      await stopPostgres();
      await sleep(500);
      await startPostgres();
      await eventually(() => saved >= 30, 'saves land again after the restart', 30_000, 50);
    } finally {
      running = false; // also when the server died: the loops must end for the run to end
      await Promise.all(loops);
    }

    assert.equal(server.child.exitCode, null, 'the server process is alive');
    assert.ok((codes.get('unavailable') ?? 0) > 0, 'the outage was seen as unavailable');
    assert.deepEqual([...codes.keys()].filter((code) => code !== 'conflict' && code !== 'unavailable'), [], 'no other outcome');
    const stored = await adapters[0]!.contacts.get(contact.id);
    // A save whose commit was cut off may have landed unreported, never the other way round.
    assert.ok(stored.version >= 1 + saved, `version ${stored.version} counts at least the ${saved} reported saves`);
    const entries = (await adapters[0]!.timeline.all(contact.id)).filter((e) => e.kind === 'change' && e.change?.field === 'jobTitle');
    assert.equal(entries.length, stored.version - 1, 'one change entry per stored version');
    await space.drop();
    await server.stop();
  });

  // 6 s alone; beside the browser suites of a clean-clone run (where this suite runs at a lower
  // priority) it took over 30.
  it('change streams dropped while a colleague saves: every change arrives, none twice', { timeout: 60_000 }, async () => {
    const server = await startServer(DATABASE);
    const space = await twoAdmins(server.url);
    const writer = await space.connect('u-anna');
    const { relation } = await seed(writer);
    // Connected after the seed: its feed starts after it, so only the 15 below are news to it.
    const reader = await space.connect('u-bart', { reconnectDelayMs: 20 });
    const seen: Seen = [];
    reader.subscribe((change) => seen.push(change));
    await eventually(() => reader.feedState === 'open' && reader.lastEventId !== undefined, 'the subscriber is connected');

    const created: string[] = [];
    let dropped = 0;
    for (let i = 0; i < 15; i++) {
      // A drop now and then, racing the save it comes with.
      const drop = i % 3 === 0 ? api(server.url, 'POST', '/_test/drop-streams', { headers: testHeaders(server.url) }) : undefined;
      const contact = await writer.contacts.create({ relationId: relation.id, lastName: `Contact ${i}` });
      created.push(contact.id);
      if (drop) dropped += ((await drop).body as { dropped: number }).dropped;
      if (i % 5 === 4) await sleep(30); // sometimes while the subscriber is away
    }
    assert.ok(dropped >= 1, `streams were dropped (${dropped})`);

    const arrivals = () =>
      seen.filter((c): c is DataChange => 'resource' in c && c.resource === 'contact' && c.type === 'created').flatMap((c) => c.ids);
    await eventually(() => created.every((id) => arrivals().includes(id)), 'all 15 creations arrive', 10_000);
    await sleep(300); // a repeat would arrive now
    const got = arrivals();
    assert.equal(got.length, created.length, 'none twice');
    assert.deepEqual([...got].sort(), [...created].sort());
    assert.deepEqual(got, created, 'in the order they were made');
    assert.ok(seen.every((c) => !('resource' in c) || c.origin === 'remote'));
    await eventually(() => reader.feedState === 'open', 'the subscriber is connected again');
    await space.drop();
    await server.stop();
  });

  it('a request on a connection kept open while the server shuts down is answered 503 as any refusal is: code, Retry-After, CORS', { timeout: 30_000 }, async () => {
    const server = await startServer(DATABASE, { env: { LIFT_CORS_ORIGINS: 'http://app.example' } });
    const space = await createSpace(server.url);
    spaces.push(space);
    const { hostname, port, pathname } = new URL(space.baseUrl);
    const socket = net.connect(Number(port), hostname);
    socket.on('error', () => undefined);
    await new Promise((resolve) => socket.once('connect', resolve));
    let received = '';
    socket.on('data', (data) => (received += String(data)));
    const head = (line: string, extra = '') => `${line} HTTP/1.1\r\nHost: ${hostname}:${port}\r\nAuthorization: Bearer ${space.tokens['u-admin']}\r\n${extra}`;
    // A create whose body has not all arrived: the server waits for it while it shuts down.
    const body = JSON.stringify({ kind: 'client', name: 'Onderweg' });
    socket.write(`${head(`POST ${pathname}/relations`, `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n`)}\r\n${body.slice(0, 5)}`);
    await sleep(200);
    const stopped = server.stop('SIGTERM');
    await sleep(300);
    // The rest of the body, and the page's next request on the same connection.
    socket.write(`${body.slice(5)}${head(`GET ${pathname}/session`, 'Origin: http://app.example\r\n')}\r\n`);
    await eventually(() => (received.match(/HTTP\/1\.1 \d{3}/g) ?? []).length >= 2 && received.trimEnd().endsWith('}'), 'both answers');
    await stopped;
    socket.destroy();
    const second = received.slice(received.lastIndexOf('HTTP/1.1 '));
    assert.match(second, /^HTTP\/1\.1 503/, second);
    assert.match(second, /access-control-allow-origin: http:\/\/app\.example/i, 'a page may read it');
    assert.match(second, /retry-after: \d+/i);
    assert.match(second, /"code":"unavailable"/);
  });

  it('SIGTERM while clients hold change streams: the server ends the streams and exits cleanly', { timeout: 30_000 }, async () => {
    const server = await startServer(DATABASE);
    const space = await createSpace(server.url);
    spaces.push(space);
    const adapter = await space.connect('u-admin', { reconnectDelayMs: 1000 });
    adapter.subscribe(() => undefined);
    await eventually(() => adapter.feedState === 'open' && adapter.lastEventId !== undefined, 'the subscriber is connected');
    // stop() falls back to SIGKILL when the process is still there after 5 s.
    await server.stop('SIGTERM');
    assert.equal(server.child.signalCode, null, 'not killed: it exited by itself');
    assert.equal(server.child.exitCode, 0);
    adapter.close();
  });
});

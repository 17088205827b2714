/**
 * Work a client gave up on stops: an aborted request's query is cancelled in PostgreSQL, a
 * request past its deadline answers 503 and its query goes too, one user cannot hold more than a
 * few requests at once (429), and a connection left idle inside a transaction is ended by
 * PostgreSQL. A test holds a lock on a space's contacts table (as the superuser, beside the
 * server) so that the server's reads wait for as long as the test wants.
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { startServer as startInProcess } from '../src/main.js';
import { appRole, createSpace, eventually, postgres, sleep, startServer, stopAllServers, type ServerProcess, type Space } from './helpers.js';

const DATABASE = 'lift_node_requests';

describe('requests: cancelled when abandoned, bounded in time and in number', () => {
  /** Default deadline, a per-user cap of 3. */
  let patient: ServerProcess;
  /** A 1.5 s deadline. */
  let hasty: ServerProcess;
  /** Holds the locks (inside a transaction). */
  let admin: pg.Client;
  /** Looks at the other sessions (outside a transaction: a transaction sees one snapshot of them). */
  let observer: pg.Client;
  const spaces: Space[] = [];

  before(async () => {
    patient = await startServer(DATABASE, { env: { LIFT_USER_CONCURRENCY: '3', LIFT_CORS_ORIGINS: 'http://host.test' } });
    hasty = await startServer(DATABASE, { env: { LIFT_REQUEST_DEADLINE_MS: '1500' } });
    admin = new pg.Client({ ...postgres(), database: DATABASE });
    await admin.connect();
    observer = new pg.Client({ ...postgres(), database: DATABASE });
    await observer.connect();
  });
  after(async () => {
    await admin.query('ROLLBACK').catch(() => undefined);
    await admin.end();
    await observer.end();
    for (const space of spaces) await space.drop();
    await stopAllServers();
  });

  const newSpace = async (server: string) => {
    const space = await createSpace(server, {
      users: [
        { id: 'u-anna', name: 'Anna Admin', role: 'admin' },
        { id: 'u-bart', name: 'Bart Admin', role: 'admin' },
      ],
    });
    spaces.push(space);
    const adapter = await space.connect('u-anna');
    const relation = await adapter.relations.create({ kind: 'client', name: 'Drukkerij Van Dam' });
    await adapter.contacts.create({ relationId: relation.id, lastName: 'Dam' });
    return space;
  };

  /** Holds an exclusive lock on the space's contacts table until `release()`. */
  async function lockContacts(space: Space) {
    await admin.query('BEGIN');
    await admin.query(`LOCK TABLE "${space.name}".contacts IN ACCESS EXCLUSIVE MODE`);
    return { release: () => admin.query('ROLLBACK') };
  }

  /** Queries of other sessions waiting for a lock on the contacts table. */
  async function waiting(): Promise<number> {
    const result = await observer.query(
      `SELECT count(*)::int AS n FROM pg_stat_activity
        WHERE datname = $1 AND pid <> pg_backend_pid() AND wait_event_type = 'Lock' AND query ILIKE '%contacts%'`,
      [DATABASE],
    );
    return result.rows[0].n as number;
  }

  /** Reads the space's contacts as `user`, on the server it was made on unless `server` is given. */
  const getContacts = (space: Space, user: string, { signal, server = space.server, origin }: { signal?: AbortSignal; server?: string; origin?: string } = {}) =>
    fetch(`${server}${space.base}/contacts`, { headers: { authorization: `Bearer ${space.tokens[user]}`, ...(origin ? { origin } : {}) }, ...(signal ? { signal } : {}) });

  it('a request the client aborts has its query cancelled in PostgreSQL', async () => {
    const space = await newSpace(patient.url);
    const lock = await lockContacts(space);
    try {
      const controller = new AbortController();
      const answer = getContacts(space, 'u-anna', { signal: controller.signal }).catch(() => 'aborted');
      await eventually(async () => (await waiting()) === 1, 'the read waits for the lock');
      controller.abort();
      assert.equal(await answer, 'aborted');
      const aborted = Date.now();
      // Without cancelling, the read would wait for the lock (or its 30 s statement timeout).
      await eventually(async () => (await waiting()) === 0, 'the read is cancelled', 10_000);
      console.log(`the aborted read left PostgreSQL ${Date.now() - aborted} ms after the abort`);
    } finally {
      await lock.release();
    }
    const after = await getContacts(space, 'u-anna');
    assert.equal(after.status, 200, 'the server answers as before');
  });

  it('a request past its deadline answers 503 unavailable and its query is cancelled', async () => {
    // Made on the patient server: on a busy machine, making it could itself outlast 1.5 s.
    const space = await newSpace(patient.url);
    const lock = await lockContacts(space);
    try {
      const started = Date.now();
      // Without a deadline the read would wait for the lock up to its 30 s statement timeout.
      const answer = await Promise.race([getContacts(space, 'u-anna', { server: hasty.url }), sleep(20_000).then(() => undefined)]);
      const ms = Date.now() - started;
      assert.ok(answer, `an answer long before the 30 s statement timeout (${ms} ms)`);
      assert.equal(answer.status, 503, await answer.clone().text());
      assert.equal(((await answer.json()) as { code: string }).code, 'unavailable');
      assert.ok(ms >= 1400, `not before the deadline (${ms} ms)`);
      await eventually(async () => (await waiting()) === 0, 'the read is cancelled', 10_000);
    } finally {
      await lock.release();
    }
  });

  it('a body that arrives slowly (under the request timeout) is not counted against the deadline: the note is saved', async () => {
    const space = await newSpace(patient.url);
    const { id: contactId } = ((await space.api('u-anna', 'GET', '/contacts')).body as { items: { id: string }[] }).items[0]!;
    const body = JSON.stringify({ kind: 'note', subject: 'Over een trage lijn', body: 'x'.repeat(2000) });
    const url = new URL(`${hasty.url}${space.base}/contacts/${contactId}/timeline`);
    // Half the body, then the rest after more than the 1.5 s deadline, as a slow mobile link sends it.
    const answer = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const request = http.request(url, { method: 'POST', headers: { authorization: `Bearer ${space.tokens['u-anna']}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (response) => {
        let text = '';
        response.on('data', (chunk) => (text += chunk));
        response.on('end', () => resolve({ status: response.statusCode!, text }));
      });
      request.on('error', reject);
      request.write(body.slice(0, 1000));
      setTimeout(() => request.end(body.slice(1000)), 2500);
    });
    assert.equal(answer.status, 201, answer.text);
    const entries = (await space.api('u-anna', 'GET', `/contacts/${contactId}/timeline`)).body as { items: { subject: string }[] };
    assert.deepEqual(entries.items.map((e) => e.subject), ['Over een trage lijn']);
  });

  it('a user with 3 requests running gets 429 for a fourth; other users are served', async () => {
    const space = await newSpace(patient.url);
    const lock = await lockContacts(space);
    const running: Promise<Response>[] = [];
    try {
      for (let i = 0; i < 3; i++) running.push(getContacts(space, 'u-anna'));
      await eventually(async () => (await waiting()) === 3, 'three reads wait for the lock');
      // Asked from a page of another origin: the page's script may read Retry-After too.
      const fourth = await getContacts(space, 'u-anna', { origin: 'http://host.test' });
      assert.equal(fourth.status, 429);
      assert.equal(((await fourth.json()) as { code: string }).code, 'unavailable');
      assert.ok(Number(fourth.headers.get('retry-after')) >= 1, 'Retry-After says when to try again');
      assert.ok(fourth.headers.get('access-control-expose-headers')?.split(/,\s*/).includes('retry-after'), `exposed: ${fourth.headers.get('access-control-expose-headers')}`);
      const other = await space.api('u-bart', 'GET', '/session');
      assert.equal(other.status, 200, other.text);
    } finally {
      await lock.release();
    }
    for (const answer of await Promise.all(running)) assert.equal(answer.status, 200);
    // The slots are given back when the answers are sent.
    const again = await getContacts(space, 'u-anna');
    assert.equal(again.status, 200);
  });

  it('an address the router cannot read is refused with the CORS headers every refusal has; an id up to the longest an id may be is looked up, not refused', async () => {
    const space = await newSpace(patient.url);
    const headers = { origin: 'http://host.test' };
    // Without the headers a page's fetch fails as a network error, and the client reads "cannot be reached".
    for (const id of ['%E0%A4%A', 'x'.repeat(401)]) {
      const answer = await space.api('u-anna', 'GET', `/contacts/${id}`, { headers });
      assert.equal(answer.status, 400, answer.text.slice(0, 200));
      assert.equal(answer.body.code, 'validation');
      assert.equal(answer.headers.get('access-control-allow-origin'), 'http://host.test', `GET /contacts/${id.slice(0, 20)}`);
    }
    const other = await space.api('u-anna', 'GET', `/contacts/${'%E0%A4%A'}`, { headers: { origin: 'http://elsewhere.test' } });
    assert.equal(other.headers.get('access-control-allow-origin'), null, 'an origin not allowed gets none');
    for (const length of [101, 200]) {
      const answer = await space.api('u-anna', 'GET', `/contacts/${'x'.repeat(length)}`, { headers });
      assert.equal(answer.status, 404, `${length} characters: ${answer.text.slice(0, 200)}`);
      assert.equal(answer.body.code, 'not-found');
    }
  });

  it('LIFT_PG_POOL sets how many database connections a server uses', async () => {
    const small = await startServer(DATABASE, { env: { LIFT_PG_POOL: '2' } });
    const space = await newSpace(small.url);
    const lock = await lockContacts(space);
    let answers: Promise<Response[]> | undefined;
    try {
      answers = Promise.all(Array.from({ length: 5 }, () => getContacts(space, 'u-anna')));
      await eventually(async () => (await waiting()) === 2, 'two reads wait for the lock');
      await sleep(300);
      assert.equal(await waiting(), 2, 'the other three wait for a connection, not in PostgreSQL');
    } finally {
      await lock.release();
    }
    for (const answer of await answers!) assert.equal(answer.status, 200);
    await small.stop();
  });

  it("the server's database sessions end a transaction left idle", async () => {
    const server = await startInProcess({ connection: { ...appRole(), database: DATABASE }, port: 0, schema: 'lift_idle_check' });
    try {
      const setting = await server.pool.query<{ idle_in_transaction_session_timeout: string }>('SHOW idle_in_transaction_session_timeout');
      assert.notEqual(setting.rows[0]!.idle_in_transaction_session_timeout, '0', 'a timeout is set');
    } finally {
      await server.close();
      await admin.query('DROP SCHEMA IF EXISTS lift_idle_check CASCADE');
    }
  });
});

/**
 * Starting the server process: its migrations and upkeep on a database of any size, and the
 * settings it reads from the environment.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import pg from 'pg';
import { emptySchema, postgres, ROOT, startServer, stopAllServers, teamServerScript } from './helpers.js';

describe('starting the server', () => {
  after(() => stopAllServers());

  it("upgrades a database whose migration takes longer than a request's statement may", { timeout: 300_000 }, async () => {
    const database = 'lift_node_start_big';
    const pool = await emptySchema(database, 'lift', 1);
    const dir = path.join(ROOT, 'server/migrations');
    const older = readdirSync(dir).filter((file) => /^00[1-8]_.*\.sql$/.test(file)).sort();
    try {
      // A space as an older server left it (migrations up to 008), with a long history.
      await pool.query('CREATE SCHEMA lift');
      await pool.query('CREATE TABLE lift.schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
      for (const file of older) {
        await pool.query(`SET search_path TO lift; ${readFileSync(path.join(dir, file), 'utf8')}; RESET search_path;`);
        await pool.query('INSERT INTO lift.schema_migrations (name) VALUES ($1)', [file]);
      }
      await pool.query(
        `INSERT INTO lift.timeline (id, contact_id, occurred_at, version, data)
         SELECT 'e' || g, 'c' || (g % 500), '2024-01-01T00:00:00.000Z', 1,
                json_build_object('id', 'e' || g, 'contactId', 'c' || (g % 500), 'kind', 'note', 'subject', 'Gesprek ' || g, 'body', repeat('Afspraak over de offerte. ', 8))
         FROM generate_series(1, 50000) g`,
      );
    } finally {
      await pool.end();
    }
    // Requests' statements are held to 50 ms here; the upgrade of 50 000 entries takes longer.
    const server = await startServer(database, { env: { LIFT_STATEMENT_TIMEOUT_MS: '50' } });
    const { host, port, user, password } = postgres();
    const check = new pg.Pool({ host, port, user, password, database, max: 1 });
    try {
      const applied = (await check.query<{ name: string }>('SELECT name FROM lift.schema_migrations ORDER BY name')).rows.map((row) => row.name);
      assert.deepEqual(applied, readdirSync(dir).filter((file) => file.endsWith('.sql')).sort());
    } finally {
      await check.end();
      await server.stop();
    }
  });

  it('takes a setting left empty (HOST=, PORT=) as not set, and refuses one that is no number by name', async () => {
    const server = await startServer('lift_node_start_env', { env: { HOST: '', LIFT_SCHEMA: '', LIFT_FEED_DAYS: ' ' } });
    assert.equal(new URL(server.url).hostname, '127.0.0.1', `listening ${server.url}: loopback, as for no HOST`);
    await server.stop();
    for (const [name, value] of [['LIFT_FEED_DAYS', 'a week'], ['LIFT_FEED_DAYS', '0'], ['PORT', '80a']]) {
      const refused = await startServer('lift_node_start_env', { env: { [name]: value } }).then(
        () => 'started',
        (error: Error) => error.message,
      );
      assert.match(refused, new RegExp(`${name} must be a whole number`), `${name}=${value}`);
    }
  });

  it('starts on its own database with a role that may connect to no other (a hosted PostgreSQL)', async () => {
    const database = 'lift_node_start_own';
    const first = await startServer(database);
    await first.stop();
    const { host, port, user, password } = postgres();
    const admin = new pg.Client({ host, port, user, password, database: 'postgres' });
    await admin.connect();
    try {
      await admin.query('REVOKE CONNECT ON DATABASE postgres FROM PUBLIC');
      const again = await startServer(database);
      assert.equal((await fetch(`${again.url}/openapi.json`)).status, 200);
      await again.stop();
    } finally {
      await admin.query('GRANT CONNECT ON DATABASE postgres TO PUBLIC');
      await admin.end();
    }
  });

  it('seeds the demo again when its first seed was cut off: a stop while it ran leaves no half demo for good', { timeout: 300_000 }, async () => {
    const database = 'lift_node_start_seed';
    const contacts = 1000;
    const script = await teamServerScript();
    const connection = await script.serverDatabase(await script.teamDatabase(), database, { testSpaces: true });
    const { host, port, user, password } = postgres();
    const look = new pg.Pool({ host, port, user, password, database, max: 1 });
    const count = async (table: string) => Number((await look.query<{ n: number }>(`SELECT count(*)::int AS n FROM lift.${table}`)).rows[0]!.n);
    try {
      await look.query('DROP SCHEMA IF EXISTS lift CASCADE');
      const child = spawn(process.execPath, [script.CLI], {
        env: { ...process.env, ...connection, LIFT_SEED: 'demo', LIFT_SEED_CONTACTS: String(contacts), PORT: '0', HOST: '127.0.0.1' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout!.on('data', (chunk) => (output += chunk));
      child.stderr!.on('data', (chunk) => (output += chunk));
      const exited = new Promise((resolve) => child.once('exit', resolve));
      // The demo users are there: the seed is under way. Stopped now (Ctrl+C).
      while (!(await count('users').catch(() => 0))) {
        assert.equal(child.exitCode, null, output);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      child.kill('SIGKILL');
      await exited;
      assert.doesNotMatch(output, /^listening /m, 'stopped before it served');
      const left = await count('contacts');
      assert.ok(left < contacts, `${left} contacts seeded before the stop`);
      const again = await startServer(database, { env: { LIFT_SEED: 'demo', LIFT_SEED_CONTACTS: String(contacts) } });
      assert.ok(again.child.demoTokens?.['u-sanne'], 'it starts, with demo tokens');
      assert.equal(await count('contacts'), contacts, `the whole demo after a seed cut off at ${left} contacts`);
      await again.stop();
      // A whole demo is kept as it is at the next start: its data stays, its users get new tokens.
      const third = await startServer(database, { env: { LIFT_SEED: 'demo', LIFT_SEED_CONTACTS: '5' } });
      assert.equal(await count('contacts'), contacts);
      await third.stop();
    } finally {
      await look.end();
    }
  });
});

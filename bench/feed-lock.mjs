// The change feed's critical section, before and after, in one run: writers each commit a
// transaction that logs one change, with the feed's lock taken (a) in three statements (lock,
// insert, notify) and (b) in one. Rounds alternate a/b on one private PostgreSQL; printed are the
// commits per second and the writers waiting for the lock on average (sampled from pg_locks).
//   node bench/feed-lock.mjs [writers=40] [seconds per round=3] [rounds=3]
import { rmSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { startPostgres } from '../scripts/postgres.mjs';

const [writers = 40, seconds = 3, rounds = 3] = process.argv.slice(2).map(Number);
const db = await startPostgres({ dir: path.resolve('tmp/pg-bench'), fresh: true });
const config = { host: db.host, port: db.port, user: db.user, password: db.password, database: 'postgres' };
const setup = new pg.Client(config);
await setup.connect();
await setup.query(`CREATE TABLE changes (id bigserial PRIMARY KEY, user_id text, client text, request text, change jsonb NOT NULL, created_at timestamptz NOT NULL DEFAULT now())`);
await setup.end();

const change = JSON.stringify([{ type: 'updated', resource: 'contact', ids: ['c-1'], at: new Date(0).toISOString() }]);
const ways = {
  'three statements': async (client) => {
    await client.query(`SELECT pg_advisory_xact_lock(hashtext('lift-changes:' || current_schema()))`);
    await client.query(`INSERT INTO changes (user_id, client, request, change) SELECT $4, $1, $2, value FROM jsonb_array_elements($3::jsonb)`, ['c', 'r', change, 'u']);
    await client.query(`SELECT pg_notify($1, current_schema())`, ['lift_changes']);
  },
  'one statement': async (client) => {
    await client.query(
      `WITH logged AS (
         INSERT INTO changes (user_id, client, request, change)
         SELECT $4, $1, $2, element.value
           FROM (SELECT pg_advisory_xact_lock(hashtext('lift-changes:' || current_schema()))) AS locked, jsonb_array_elements($3::jsonb) AS element
         RETURNING id)
       SELECT pg_notify($5, current_schema()) FROM (SELECT count(*) FROM logged) AS done`,
      ['c', 'r', change, 'u', 'lift_changes'],
    );
  },
};

const pool = new pg.Pool({ ...config, max: writers });
pool.on('error', () => undefined); // idle connections ended by the shutdown below
const watcher = new pg.Client(config);
await watcher.connect();
const results = Object.fromEntries(Object.keys(ways).map((name) => [name, { commits: 0, ms: 0, waiting: 0, samples: 0 }]));
for (let round = 0; round < rounds; round++) {
  for (const [name, log] of Object.entries(ways)) {
    const result = results[name];
    const until = Date.now() + seconds * 1000;
    const started = Date.now();
    const sampler = setInterval(async () => {
      const { rows } = await watcher.query(`SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted`);
      result.waiting += rows[0].n;
      result.samples++;
    }, 50);
    await Promise.all(
      Array.from({ length: writers }, async () => {
        while (Date.now() < until) {
          const client = await pool.connect();
          try {
            await client.query('BEGIN');
            await client.query('SELECT 1'); // the write itself, elsewhere
            await log(client);
            await client.query('COMMIT');
            result.commits++;
          } finally {
            client.release();
          }
        }
      }),
    );
    clearInterval(sampler);
    result.ms += Date.now() - started;
  }
}
await watcher.end();
await pool.end();
db.stop();
rmSync(path.resolve('tmp/pg-bench'), { recursive: true, force: true });
for (const [name, r] of Object.entries(results)) {
  console.log(`${name}: ${Math.round((r.commits / r.ms) * 1000)} commits/s, ${(r.waiting / Math.max(1, r.samples)).toFixed(1)} writers waiting for the lock on average (${writers} writers, ${rounds}×${seconds} s)`);
}

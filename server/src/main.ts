/**
 * Starts the reference server: creates the database when it is missing, applies migrations,
 * optionally seeds the demo data with two users, and serves the API. `npm run server` calls
 * {@link startServer} after it found (or started) a PostgreSQL; see scripts/server.mjs.
 */
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { DEMO_USERS, seedDemoData } from '../../src/data/demo/demo-data.js';
import { DEFAULT_ROLES } from '../../src/data/engine/roles.js';
import { StoreAdapter } from '../../src/data/engine/store-adapter.js';
import { buildServer, type ServerOptions } from './app.js';
import { backfillPlainLetters, backfillSearch, migrate, setUpSpace } from './db.js';
import { ChangeFeed, pruneChanges } from './feed.js';
import { PgBackend, quoteSchema } from './pg-backend.js';
import { pruneAnswers } from './replay.js';

/** The limits the server applies to requests and streams, as {@link ServerOptions} describes them. */
type Limits = Pick<ServerOptions, 'requestTimeoutMs' | 'connectionTimeoutMs' | 'maxConnections' | 'requestDeadlineMs' | 'userConcurrency' | 'userStreams' | 'streamRecheckMs' | 'jwt'>;

/** The demo seed's mark in a space's `meta` while it runs: found at a start, the seed was cut off. */
const SEEDING = 'server:demo-seed';

export interface StartOptions extends Limits {
  /** Where PostgreSQL is; `database` is created when missing. */
  connection: pg.ClientConfig & { database: string };
  port?: number;
  host?: string;
  schema?: string;
  corsOrigins?: readonly string[] | '*';
  testSpaces?: boolean;
  /** The secret `/_test/…` callers must send; required with `testSpaces`. */
  testSecret?: string;
  /** Seed the demo data (and the demo users' tokens) into an empty schema. */
  seedDemo?: boolean;
  /** How much demo data: contacts, and entries of the newest contact (default the generator's). */
  seedSize?: { contacts?: number; bigContactEntries?: number };
  /** Days the change feed keeps for clients resuming after a dropped connection (default 7). */
  feedDays?: number;
  /** Connections in the pool (default 10). */
  poolSize?: number;
  /** A request's database statement is stopped after this long (default 30 000 ms). */
  statementTimeoutMs?: number;
  logger?: boolean;
}

export interface RunningServer {
  app: FastifyInstance;
  url: string;
  pool: pg.Pool;
  /** With `seedDemo` on the demo's schema: the demo users' new tokens (user id → token). */
  demoTokens?: Record<string, string>;
  close(): Promise<void>;
}


async function ensureDatabase(connection: StartOptions['connection']): Promise<void> {
  // Its own database first: a role on a hosted PostgreSQL may connect to that one only.
  const own = new pg.Client(connection);
  try {
    await own.connect();
    return;
  } catch (error) {
    // 3D000: no such database, so it is made below; anything else is for the operator.
    if ((error as { code?: string }).code !== '3D000') throw error;
  } finally {
    await own.end().catch(() => undefined);
  }
  const admin = new pg.Client({ ...connection, database: 'postgres' });
  await admin.connect();
  try {
    const found = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [connection.database]);
    if (!found.rowCount) {
      // Identifiers cannot be parameters; the name is checked instead.
      if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(connection.database)) throw new Error(`Not a database name: ${connection.database}`);
      // Two servers starting together may both find it missing; the second one's create fails harmlessly.
      await admin.query(`CREATE DATABASE "${connection.database}"`).catch((error: { code?: string }) => {
        if (error.code !== '42P04' && error.code !== '23505') throw error;
      });
    }
  } finally {
    await admin.end();
  }
}

/**
 * The demo's space: seeded into an empty schema, or one holding the demo users and no one else,
 * never into real data. Each start gives the demo users new random tokens (the old ones stop
 * working), returned by user id; none for a schema with other users.
 */
async function demoSpace(upkeep: pg.Pool, schema: string, size: NonNullable<StartOptions['seedSize']>): Promise<Record<string, string> | undefined> {
  const quoted = quoteSchema(schema);
  let ids = (await upkeep.query<{ id: string }>(`SELECT id FROM ${quoted}.users ORDER BY id`)).rows.map((row) => row.id);
  const demoIds = DEMO_USERS.map((user) => user.id).sort();
  const demoOnly = ids.length === demoIds.length && ids.every((id, i) => id === demoIds[i]);
  // A seed that was cut off (the process stopped while it ran) left its mark: that half demo
  // is emptied and seeded again, rather than served as it is at every start from then on.
  // schema_migrations (which migrations ran), client_key (the key of the client ids already
  // handed out) and feed_marks keep their rows: feed_marks's one row is where pruning notes what
  // the feed forgot, so that a client resuming from before the gap is told to read everything again.
  if (demoOnly && (await upkeep.query(`SELECT 1 FROM ${quoted}.meta WHERE key = $1`, [SEEDING])).rowCount) {
    const tables = await upkeep.query<{ name: string }>(
      "SELECT tablename AS name FROM pg_tables WHERE schemaname = $1 AND tablename NOT IN ('schema_migrations', 'client_key', 'feed_marks')",
      [schema],
    );
    await upkeep.query(`TRUNCATE ${tables.rows.map((table) => `${quoted}."${table.name}"`).join(', ')}`);
    ids = [];
  }
  if (!ids.length) {
    await upkeep.query(`INSERT INTO ${quoted}.meta (key, data) VALUES ($1, 'true') ON CONFLICT (key) DO NOTHING`, [SEEDING]);
    const tokens = await setUpSpace(upkeep, schema, { roles: DEFAULT_ROLES, users: DEMO_USERS });
    await seedDemoData(new StoreAdapter(new PgBackend(upkeep, schema), { user: DEMO_USERS[0]! }), size);
    await upkeep.query(`DELETE FROM ${quoted}.meta WHERE key = $1`, [SEEDING]);
    // Everything imported at once: the planner's statistics and the visibility map (for
    // index-only counts) follow before the first query.
    await upkeep.query(`VACUUM ANALYZE ${quoted}.timeline, ${quoted}.contacts`);
    return tokens;
  }
  return demoOnly ? setUpSpace(upkeep, schema, { roles: [], users: DEMO_USERS }) : undefined;
}

export async function startServer(options: StartOptions): Promise<RunningServer> {
  const schema = options.schema ?? 'lift';
  await ensureDatabase(options.connection);
  const statementTimeout = options.statementTimeoutMs ?? 30_000;
  const poolOf = (settings: pg.PoolConfig) => {
    const made = new pg.Pool({
      ...options.connection,
      connectionTimeoutMillis: 5000,
      // A transaction left open by a stuck process ends instead of holding its locks and snapshot.
      idle_in_transaction_session_timeout: 10_000,
      keepAlive: true,
      ...settings,
    });
    // A connection the database drops (a restart, a failover, pg_terminate_backend) must not take
    // the process down: idle ones report to the pool, ones in use to their own listener; the
    // request using it then fails with `unavailable`.
    made.on('error', () => undefined);
    made.on('connect', (client) => client.on('error', () => undefined));
    return made;
  };
  // A statement stuck behind a network partition ends instead of holding a connection for good.
  const pool = poolOf({ max: options.poolSize ?? 10, statement_timeout: statementTimeout, query_timeout: statementTimeout + 5000 });
  // Upkeep takes as long as the data asks (an upgrade rewriting a long history, the demo seed,
  // pruning a backlog of the feed): on a connection of its own, not held to a request's timeout.
  const upkeep = poolOf({ max: 1 });
  await migrate(upkeep, schema);
  await backfillPlainLetters(upkeep, schema);
  await backfillSearch(upkeep, schema);
  const demoTokens = options.seedDemo ? await demoSpace(upkeep, schema, options.seedSize ?? {}) : undefined;
  const feed = new ChangeFeed(pool, options.connection);
  await feed.start();
  const prune = () =>
    Promise.all([pruneChanges(upkeep, schema, options.feedDays ?? 7).catch(() => 0), pruneAnswers(upkeep, schema).catch(() => 0)]);
  await prune();
  const pruning = setInterval(prune, 60 * 60 * 1000);
  pruning.unref();
  const app = await buildServer({
    pool,
    feed,
    schema,
    ...(options.corsOrigins ? { corsOrigins: options.corsOrigins } : {}),
    testSpaces: options.testSpaces ?? false,
    ...(options.testSecret !== undefined ? { testSecret: options.testSecret } : {}),
    ...(options.requestTimeoutMs !== undefined ? { requestTimeoutMs: options.requestTimeoutMs } : {}),
    ...(options.connectionTimeoutMs !== undefined ? { connectionTimeoutMs: options.connectionTimeoutMs } : {}),
    ...(options.maxConnections !== undefined ? { maxConnections: options.maxConnections } : {}),
    ...(options.requestDeadlineMs !== undefined ? { requestDeadlineMs: options.requestDeadlineMs } : {}),
    ...(options.userConcurrency !== undefined ? { userConcurrency: options.userConcurrency } : {}),
    ...(options.userStreams !== undefined ? { userStreams: options.userStreams } : {}),
    ...(options.streamRecheckMs !== undefined ? { streamRecheckMs: options.streamRecheckMs } : {}),
    ...(options.jwt ? { jwt: options.jwt } : {}),
    logger: options.logger ?? false,
  });
  const address = await app.listen({ port: options.port ?? 8787, host: options.host ?? '127.0.0.1' });
  return {
    app,
    url: address.replace('[::1]', 'localhost'),
    pool,
    ...(demoTokens ? { demoTokens } : {}),
    async close() {
      clearInterval(pruning);
      await app.close();
      await feed.close();
      await Promise.all([pool.end(), upkeep.end()]);
    },
  };
}

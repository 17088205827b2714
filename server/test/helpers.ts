/**
 * Shared helpers for the server's Node suites (run by scripts/test-server.mjs, which starts a
 * private PostgreSQL and passes PGHOST / PGPORT / PGUSER / PGPASSWORD for its superuser,
 * LIFT_APP_USER / LIFT_APP_PASSWORD for the servers' role, and LIFT_PG_DIR): server processes in test
 * mode, one space (schema) per test with its users' tokens, HttpAdapters acting for them, a raw
 * HTTP helper, a raw Server-Sent-Events reader and a poller.
 */
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { RIGHTS, type Right, type Role } from '../../src/data/contract/model.js';
import { createSpace, useTestSecret, type Space, type SpaceSetup } from './space.js';

export * from './space.js';

/** The secret every server of this run starts with for its `/_test/…` endpoints. */
const TEST_SECRET = randomBytes(16).toString('hex');
useTestSecret(TEST_SECRET);

// ------------------------------------------------------------------ the repository and its scripts

/** The repository root: the nearest folder above this file whose package.json is @lift/elements. */
function findRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === '@lift/elements') return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`No @lift/elements package.json above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
}

export const ROOT = findRoot();

/** What the suites use of scripts/team-server.mjs (plain JS, so typed here). */
export interface ServerChild extends ChildProcess {
  url: string;
  /** User id → token, as printed by a server seeding the demo (`LIFT_SEED=demo`). */
  demoTokens?: Record<string, string>;
}
interface Database {
  host: string;
  port: number;
  user: string;
  password?: string;
  app?: { user: string; password: string };
}
interface TeamServerScript {
  CLI: string;
  teamDatabase(): Promise<Database>;
  serverDatabase(db: Database, database: string, options?: { testSpaces?: boolean }): Promise<Record<string, string>>;
  startServerProcess(env: Record<string, string>, options?: { quiet?: boolean }): Promise<ServerChild>;
  stopServerProcess(child: ChildProcess, signal?: NodeJS.Signals): Promise<void>;
}

let teamServer: Promise<TeamServerScript> | undefined;
/** scripts/team-server.mjs, imported through a variable path so tsc leaves it alone. */
export function teamServerScript(): Promise<TeamServerScript> {
  // The script finds the compiled CLI relative to the working directory.
  if (process.cwd() !== ROOT) process.chdir(ROOT);
  const href = pathToFileURL(path.join(ROOT, 'scripts', 'team-server.mjs')).href;
  return (teamServer ??= import(href).then((script: TeamServerScript) => {
    if (!existsSync(script.CLI)) throw new Error(`The server is not compiled (${script.CLI}); run node scripts/test-server.mjs.`);
    return script;
  }));
}

/** Where the runner's PostgreSQL is, as its superuser: for a suite's setup, teardown and looking on. */
export function postgres(): { host: string; port: number; user: string; password: string | undefined; dir: string | undefined } {
  const { PGHOST, PGPORT, PGUSER, PGPASSWORD, LIFT_PG_DIR } = process.env;
  if (!PGHOST || !PGPORT) throw new Error('PGHOST / PGPORT are not set: run these suites through node scripts/test-server.mjs.');
  return { host: PGHOST, port: Number(PGPORT), user: PGUSER ?? 'postgres', password: PGPASSWORD, dir: LIFT_PG_DIR };
}

/**
 * A pool of `max` connections on `database` (made when missing), as the superuser, with `schema`
 * dropped: for a suite that works on the backend itself, without a server.
 */
export async function emptySchema(database: string, schema: string, max = 2): Promise<pg.Pool> {
  const { host, port, user, password } = postgres();
  const admin = new pg.Client({ host, port, user, password, database: 'postgres' });
  await admin.connect();
  if (!(await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database])).rowCount) await admin.query(`CREATE DATABASE ${database}`);
  await admin.end();
  const pool = new pg.Pool({ host, port, user, password, database, max });
  await pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  return pool;
}

/** The role the servers work as (no superuser). */
export function appRole(): { host: string; port: number; user: string; password: string } {
  const { LIFT_APP_USER, LIFT_APP_PASSWORD } = process.env;
  if (!LIFT_APP_USER || LIFT_APP_PASSWORD === undefined) throw new Error('LIFT_APP_USER is not set: run these suites through node scripts/test-server.mjs.');
  const { host, port } = postgres();
  return { host, port, user: LIFT_APP_USER, password: LIFT_APP_PASSWORD };
}

// ------------------------------------------------------------------ server processes

export interface ServerProcess {
  child: ServerChild;
  /** e.g. `http://127.0.0.1:40123` */
  url: string;
  port: number;
  /** SIGTERM (SIGKILL as a crash would), and wait for the process to go; SIGKILL after 5 s. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

const running = new Set<ServerProcess>();

/**
 * A server process in test mode (`/_test/spaces`) on the runner's PostgreSQL, database
 * `database` (created when missing). `port` 0 takes a free one.
 */
export async function startServer(database: string, { port = 0, env = {} }: { port?: number; env?: Record<string, string> } = {}): Promise<ServerProcess> {
  const script = await teamServerScript();
  // The database is made ready as the superuser; the server works as the app role.
  const connection = await script.serverDatabase(await script.teamDatabase(), database, { testSpaces: true });
  const child = await script.startServerProcess({
    ...connection,
    LIFT_TEST_SPACES: '1',
    LIFT_TEST_SECRET: TEST_SECRET,
    PORT: String(port),
    HOST: '127.0.0.1',
    ...env,
  });
  const server: ServerProcess = {
    child,
    url: child.url,
    port: Number(new URL(child.url).port),
    async stop(signal: NodeJS.Signals = 'SIGTERM') {
      running.delete(server);
      const gone = script.stopServerProcess(child, signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await gone;
      clearTimeout(timer);
    },
  };
  running.add(server);
  return server;
}

/** Stops every server process still running (for `after` hooks). */
export async function stopAllServers(): Promise<void> {
  await Promise.all([...running].map((server) => server.stop()));
}

/** A role holding every right except `missing`. */
export const roleWithout = (id: string, missing: Right): Role => ({ id, name: `Without ${missing}`, rights: RIGHTS.filter((r) => r !== missing) });

// ------------------------------------------------------------------ the change feed, raw

export interface SseEvent {
  id: string | undefined;
  event: string;
  data: string;
}

/**
 * `GET /events` read by hand (fetch and a line parser), so the tests see exactly what the
 * server sends: ids, event names, repeats.
 */
export class SseClient {
  readonly events: SseEvent[] = [];
  readonly #controller = new AbortController();
  #closed: Promise<void> = Promise.resolve();
  status = 0;
  /** Whether the stream has ended (the server closed it, or close() was called). */
  ended = false;

  static async open(baseUrl: string, token: string, lastEventId?: string): Promise<SseClient> {
    const client = new SseClient();
    const response = await fetch(`${baseUrl}/events`, {
      headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream', ...(lastEventId !== undefined ? { 'last-event-id': lastEventId } : {}) },
      signal: client.#controller.signal,
    });
    client.status = response.status;
    if (!response.ok || !response.body) throw new Error(`GET /events answered ${response.status}: ${await response.text()}`);
    client.#closed = client.#read(response.body);
    return client;
  }

  /** The `change` events, with their ids. */
  get changes(): { id: string; change: Record<string, unknown> }[] {
    return this.events.filter((e) => e.event === 'change').map((e) => ({ id: e.id!, change: JSON.parse(e.data) as Record<string, unknown> }));
  }

  /** The `ready` event's `lastEventId`, once it arrived. */
  get readyId(): string | undefined {
    const ready = this.events.find((e) => e.event === 'ready');
    return ready && (JSON.parse(ready.data) as { lastEventId: string }).lastEventId;
  }

  async #read(body: ReadableStream<Uint8Array>): Promise<void> {
    const reader = body.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    let current: { id: string | undefined; event: string; data: string[] } = { id: undefined, event: 'message', data: [] };
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        buffer += decoder.decode(value, { stream: true });
        const lines = buffer.split('\n');
        buffer = lines.pop()!;
        for (const line of lines) {
          if (line === '') {
            if (current.data.length) this.events.push({ id: current.id, event: current.event, data: current.data.join('\n') });
            current = { id: undefined, event: 'message', data: [] };
          } else if (!line.startsWith(':')) {
            const colon = line.indexOf(':');
            const field = colon < 0 ? line : line.slice(0, colon);
            const value = colon < 0 ? '' : line.slice(colon + (line[colon + 1] === ' ' ? 2 : 1));
            if (field === 'id') current.id = value;
            else if (field === 'event') current.event = value;
            else if (field === 'data') current.data.push(value);
          }
        }
      }
    } catch {
      // aborted by close(), or the server went away
    } finally {
      this.ended = true;
    }
  }

  /** Disconnects and waits until the reader stopped. */
  async close(): Promise<void> {
    this.#controller.abort();
    await this.#closed;
  }
}

// ------------------------------------------------------------------ small things

/** The error a promise rejects with (fails when it resolves). */
export async function rejection(promise: Promise<unknown>): Promise<Error & { code?: string; current?: unknown; fields?: Record<string, string> }> {
  try {
    await promise;
  } catch (error) {
    return error as Error & { code?: string };
  }
  throw new Error('expected a rejection, but it resolved');
}

// ------------------------------------------------------------------ a suite's spaces

/** Two admins, for suites about what one user's change does to the other's stream. */
export const ANNA_AND_BART = [
  { id: 'u-anna', name: 'Anna Admin', role: 'admin' },
  { id: 'u-bart', name: 'Bart Admin', role: 'admin' },
];

/**
 * The spaces and raw streams a suite makes on the server `serverUrl()` names: `newSpace` makes
 * one with Anna and Bart, `cleanUp` (for `after`) closes the streams, drops the spaces and
 * stops the servers.
 */
export function suiteSpaces(serverUrl: () => string) {
  const spaces: Space[] = [];
  const streams: SseClient[] = [];
  return {
    streams,
    async newSpace(setup: SpaceSetup = {}): Promise<Space> {
      const space = await createSpace(serverUrl(), { users: ANNA_AND_BART, ...setup });
      spaces.push(space);
      return space;
    },
    async cleanUp(): Promise<void> {
      await Promise.all(streams.map((s) => s.close()));
      for (const space of spaces) await space.drop();
      await stopAllServers();
    },
  };
}

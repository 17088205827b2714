/**
 * Shared helpers for the server's Node suites (run by scripts/test-server.mjs, which starts a
 * private PostgreSQL and passes PGHOST / PGPORT / PGUSER / LIFT_PG_DIR): server processes in test
 * mode, one space (schema) per test with its users' tokens, HttpAdapters acting for them, a raw
 * HTTP helper, a raw Server-Sent-Events reader and a poller.
 */
import type { ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { HttpAdapter, type HttpAdapterOptions } from '../../src/data/http-adapter.js';
import { RIGHTS, type DocumentTemplate, type Right, type Role, type User } from '../../src/data/model.js';

// ------------------------------------------------------------------ the repository and its scripts

/** The repository root: the nearest folder above this file whose package.json is lift-elements. */
function findRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'lift-elements') return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`No lift-elements package.json above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
}

export const ROOT = findRoot();

/** What the suites use of scripts/team-server.mjs (plain JS, so typed here). */
export interface ServerChild extends ChildProcess {
  url: string;
}
interface TeamServerScript {
  CLI: string;
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

/** Where the runner's PostgreSQL is. */
export function postgres(): { host: string; port: number; user: string; dir: string | undefined } {
  const { PGHOST, PGPORT, PGUSER, LIFT_PG_DIR } = process.env;
  if (!PGHOST || !PGPORT) throw new Error('PGHOST / PGPORT are not set: run these suites through node scripts/test-server.mjs.');
  return { host: PGHOST, port: Number(PGPORT), user: PGUSER ?? 'postgres', dir: LIFT_PG_DIR };
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
  const pg = postgres();
  const child = await script.startServerProcess({
    PGHOST: pg.host,
    PGPORT: String(pg.port),
    PGUSER: pg.user,
    LIFT_DATABASE: database,
    LIFT_TEST_SPACES: '1',
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

// ------------------------------------------------------------------ raw HTTP

export interface ApiAnswer<T = any> {
  status: number;
  headers: Headers;
  /** The parsed JSON body, or the text when it is not JSON (undefined when empty). */
  body: T;
  text: string;
}

export interface ApiOptions {
  token?: string;
  /** Sent as JSON unless `raw` is given. */
  body?: unknown;
  /** Sent as it is (malformed JSON, huge bodies). */
  raw?: string;
  headers?: Record<string, string>;
}

/** One request, no retries, no client-side checks: what any program on the network could send. */
export async function api<T = any>(baseUrl: string, method: string, route: string, options: ApiOptions = {}): Promise<ApiAnswer<T>> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
  let body: string | undefined;
  if (options.raw !== undefined) body = options.raw;
  else if (options.body !== undefined) body = JSON.stringify(options.body);
  if (body !== undefined) headers['content-type'] = 'application/json';
  Object.assign(headers, options.headers ?? {});
  const response = await fetch(baseUrl + route, { method, headers, ...(body !== undefined ? { body } : {}) });
  const text = await response.text();
  let parsed: unknown = text === '' ? undefined : text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, headers: response.headers, body: parsed as T, text };
}

// ------------------------------------------------------------------ spaces

export const ADMIN_ROLE: Role = { id: 'admin', name: 'Beheerder', rights: [...RIGHTS] };

export interface SpaceSetup {
  roles?: readonly Role[];
  users?: readonly User[];
  templates?: readonly DocumentTemplate[];
}

export interface Space {
  /** The server it was made on. */
  server: string;
  /** The schema name, e.g. `t_0123abcd…`. */
  name: string;
  /** `/spaces/<name>`: appended to any server's url on the same database. */
  base: string;
  /** `server + base`: HttpAdapter's baseUrl on the server it was made on. */
  baseUrl: string;
  users: User[];
  tokens: Record<string, string>;
  user(id: string): User;
  /** An adapter acting for `userId` with that user's token; on `server` (default the space's). */
  connect(userId: string, options?: Partial<HttpAdapterOptions> & { server?: string }): Promise<HttpAdapter>;
  /** A raw request to this space as `userId` (undefined: no token). */
  api<T = any>(userId: string | undefined, method: string, route: string, options?: Omit<ApiOptions, 'token'> & { server?: string }): Promise<ApiAnswer<T>>;
  /** Closes the adapters made here and drops the schema (best effort: the server may be gone). */
  drop(): Promise<void>;
}

export const DEFAULT_USERS: User[] = [{ id: 'u-admin', name: 'Anna Admin', role: 'admin' }];

/** Makes a space (its own schema) with roles, users and templates on `server`. */
export async function createSpace(server: string, setup: SpaceSetup = {}): Promise<Space> {
  const users = [...(setup.users ?? DEFAULT_USERS)];
  const made = await api<{ space: string; base: string; tokens: Record<string, string> }>(server, 'POST', '/_test/spaces', {
    body: { roles: setup.roles ?? [ADMIN_ROLE], users, templates: setup.templates ?? [] },
  });
  if (made.status !== 201) throw new Error(`Could not make a test space: ${made.status} ${made.text}`);
  const { space: name, base, tokens } = made.body;
  const adapters: HttpAdapter[] = [];
  const space: Space = {
    server,
    name,
    base,
    baseUrl: server + base,
    users,
    tokens,
    user(id) {
      return users.find((u) => u.id === id) ?? fail(`No user ${id} in this space`);
    },
    async connect(userId, { server: on = server, ...options } = {}) {
      const adapter = await HttpAdapter.connect({
        baseUrl: on + base,
        user: space.user(userId),
        headers: (who) => ({ authorization: `Bearer ${tokens[who.id] ?? 'unknown'}` }),
        retryDelayMs: 20,
        reconnectDelayMs: 50,
        ...options,
      });
      adapters.push(adapter);
      return adapter;
    },
    api(userId, method, route, { server: on = server, ...options } = {}) {
      return api(on + base, method, route, { ...options, ...(userId === undefined ? {} : { token: tokens[userId] ?? fail(`No token for ${userId}`) }) });
    },
    async drop() {
      for (const adapter of adapters.splice(0)) adapter.close();
      await fetch(`${server}/_test/spaces/${name}`, { method: 'DELETE' }).catch(() => undefined);
    },
  };
  return space;
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
    }
  }

  /** Disconnects and waits until the reader stopped. */
  async close(): Promise<void> {
    this.#controller.abort();
    await this.#closed;
  }
}

// ------------------------------------------------------------------ small things

function fail(message: string): never {
  throw new Error(message);
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Resolves once `condition` holds, polling; rejects naming `what` after `ms`. */
export async function eventually(condition: () => boolean | Promise<boolean>, what: string, ms = 5000, every = 25): Promise<void> {
  const until = Date.now() + ms;
  for (;;) {
    let last: unknown;
    try {
      if (await condition()) return;
    } catch (error) {
      last = error;
    }
    if (Date.now() > until) throw new Error(`Timed out after ${ms} ms waiting for: ${what}${last ? ` (last error: ${String(last)})` : ''}`);
    await sleep(every);
  }
}

/** The error a promise rejects with (fails when it resolves). */
export async function rejection(promise: Promise<unknown>): Promise<Error & { code?: string; current?: unknown; fields?: Record<string, string> }> {
  try {
    await promise;
  } catch (error) {
    return error as Error & { code?: string };
  }
  throw new Error('expected a rejection, but it resolved');
}

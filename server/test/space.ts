/**
 * The part of the team-server test helpers that runs anywhere `fetch` does: the Node suites
 * (through helpers.ts) and the browser suites (through test/team.ts) make their spaces, raw
 * requests and adapters with it.
 */
import { HttpAdapter, type HttpAdapterOptions } from '../../src/data/adapters/http-adapter.js';
import { RIGHTS, type DocumentTemplate, type Role, type User } from '../../src/data/contract/model.js';

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

// ------------------------------------------------------------------ the test endpoints' secret

/** Secrets the servers' `/_test/…` endpoints were started with: per server origin, and a default. */
const testSecrets = new Map<string, string>();

/** Sends `secret` to the test endpoints of `server` (of every server, without one). */
export function useTestSecret(secret: string, server?: string): void {
  testSecrets.set(server ? new URL(server).origin : '*', secret);
}

/** The header the test endpoints of `server` need. */
export function testHeaders(server: string): Record<string, string> {
  const secret = testSecrets.get(new URL(server).origin) ?? testSecrets.get('*');
  return secret === undefined ? {} : { 'lift-test-secret': secret };
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
  /** What the server's test endpoints need (its secret). */
  testHeaders: Record<string, string>;
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
  const secret = testHeaders(server);
  const made = await api<{ space: string; base: string; tokens: Record<string, string> }>(server, 'POST', '/_test/spaces', {
    body: { roles: setup.roles ?? [ADMIN_ROLE], users, templates: setup.templates ?? [] },
    headers: secret,
  });
  if (made.status !== 201) throw new Error(`Could not make a test space: ${made.status} ${made.text}`);
  const { space: name, base, tokens } = made.body;
  const adapters: HttpAdapter[] = [];
  const space: Space = {
    server,
    name,
    base,
    baseUrl: server + base,
    testHeaders: secret,
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
      await fetch(`${server}/_test/spaces/${name}`, { method: 'DELETE', headers: secret }).catch(() => undefined);
    },
  };
  return space;
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

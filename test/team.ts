/**
 * Test helpers for the team backend: each test gets a space of its own (a PostgreSQL schema on
 * the reference server started by scripts/wtr-team.mjs), with users and their tokens, and
 * HttpAdapters acting for them.
 */
import { executeServerCommand } from '@web/test-runner-commands';
import type { HttpAdapter, HttpAdapterOptions } from '../src/data/adapters/http-adapter.js';
import type { SyncAdapterOptions } from '../src/data/sync/sync-adapter.js';
import { createSpace, testHeaders, useTestSecret } from '../server/test/space.js';
import type { DocumentTemplate, Role, User } from '../src/data/contract/model.js';
import { DEFAULT_ROLES } from '../src/data/engine/roles.js';

let secretKnown = false;

/**
 * The shared test server's address; asks again while it is still starting. The first call also
 * learns the secret the servers' `/_test/…` endpoints want, which createSpace sends.
 */
export async function teamUrl(): Promise<string> {
  for (;;) {
    const url = (await executeServerCommand('lift-team', { action: 'url' })) as string | null;
    if (!url) continue;
    if (!secretKnown) {
      useTestSecret((await executeServerCommand('lift-team', { action: 'secret' })) as string);
      secretKnown = true;
    }
    return url;
  }
}

/** The headers a call to a test endpoint (`/_test/…`) of the team server needs. */
export const teamTestHeaders = (server: string): Record<string, string> => testHeaders(server);

/**
 * A root `before` hook for a file of team tests: the first call compiles the server and starts
 * PostgreSQL and the server, which takes longer than one test may.
 */
export function startTeamServerFirst(): void {
  before(async function () {
    this.timeout(180_000);
    await teamUrl();
  });
}

export interface TeamSpace {
  /** The server's address with the space's prefix: what HttpAdapter's `baseUrl` takes. */
  baseUrl: string;
  tokens: Record<string, string>;
  users: User[];
  /** An adapter acting for `user` (default the first), with that user's token. */
  connect(user?: User, options?: Partial<HttpAdapterOptions>): Promise<HttpAdapter>;
  /** Closes the adapters made here and drops the schema. */
  drop(): Promise<void>;
}

export const TEAM_USERS: User[] = [
  { id: 'u-anna', name: 'Anna Admin', role: 'admin' },
  { id: 'u-erik', name: 'Erik Employee', role: 'employee' },
  { id: 'u-vera', name: 'Vera Viewer', role: 'viewer' },
];

export async function teamSpace(setup: { roles?: readonly Role[]; users?: readonly User[]; templates?: readonly DocumentTemplate[]; server?: string } = {}): Promise<TeamSpace> {
  const users = [...(setup.users ?? TEAM_USERS)];
  const space = await createSpace(setup.server ?? (await teamUrl()), { roles: setup.roles ?? DEFAULT_ROLES, users, templates: setup.templates ?? [] });
  return {
    baseUrl: space.baseUrl,
    tokens: space.tokens,
    users,
    connect: (user = users[0]!, options = {}) => space.connect(user.id, options),
    drop: () => space.drop(),
  };
}

/** SyncAdapter's options for `user` in `space` with the device copy `name`: short waits, `fetch` the device's network. */
export function syncOptions(space: TeamSpace, user: User, name: string, fetch: typeof globalThis.fetch): SyncAdapterOptions {
  return {
    baseUrl: space.baseUrl, user, name, fetch, probeMs: 50, retryDelayMs: 10, reconnectDelayMs: 50,
    headers: (who) => ({ authorization: `Bearer ${space.tokens[who.id] ?? 'unknown'}` }),
  };
}

export { eventually } from '../server/test/space.js';

/**
 * `user` connected to `space` on a change feed the test holds: it opens at event 2 and then says
 * nothing of what others change, until the test sends a reset (`reset()`). `subscribed()` tells
 * whether anything has opened the feed yet.
 */
export async function heldFeed(space: TeamSpace, user: User): Promise<{ adapter: HttpAdapter; subscribed: () => boolean; reset: () => void }> {
  let feed: ReadableStreamDefaultController<Uint8Array> | undefined;
  const adapter = await space.connect(user, {
    fetch: async (input, init) => {
      if (!String(input).endsWith('/events')) return fetch(input, init);
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          feed = controller;
          controller.enqueue(new TextEncoder().encode('event: ready\ndata: {"lastEventId":"2"}\n\n'));
        },
      });
      return new Response(body, { headers: { 'content-type': 'text/event-stream' } });
    },
  });
  return {
    adapter,
    subscribed: () => feed !== undefined,
    reset: () => feed!.enqueue(new TextEncoder().encode('id: 9\nevent: reset\ndata: {"lastEventId":"9"}\n\n')),
  };
}

/**
 * Test helpers for the team backend: each test gets a space of its own (a PostgreSQL schema on
 * the reference server started by scripts/wtr-team.mjs), with users and their tokens, and
 * HttpAdapters acting for them.
 */
import { executeServerCommand } from '@web/test-runner-commands';
import { HttpAdapter, type HttpAdapterOptions } from '../src/data/http-adapter.js';
import type { DocumentTemplate, Role, User } from '../src/data/model.js';
import { DEFAULT_ROLES } from '../src/data/roles.js';

/** The shared test server's address; asks again while it is still starting. */
export async function teamUrl(): Promise<string> {
  for (;;) {
    const url = (await executeServerCommand('lift-team', { action: 'url' })) as string | null;
    if (url) return url;
  }
}

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
  const server = setup.server ?? (await teamUrl());
  const users = [...(setup.users ?? TEAM_USERS)];
  const response = await fetch(`${server}/_test/spaces`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ roles: setup.roles ?? DEFAULT_ROLES, users, templates: setup.templates ?? [] }),
  });
  if (response.status !== 201) throw new Error(`Could not make a test space: ${response.status} ${await response.text()}`);
  const { base, tokens, space } = (await response.json()) as { base: string; tokens: Record<string, string>; space: string };
  const adapters: HttpAdapter[] = [];
  return {
    baseUrl: server + base,
    tokens,
    users,
    async connect(user = users[0]!, options = {}) {
      const adapter = await HttpAdapter.connect({
        baseUrl: server + base,
        user,
        headers: (who) => ({ authorization: `Bearer ${tokens[who.id] ?? 'unknown'}` }),
        retryDelayMs: 20,
        reconnectDelayMs: 50,
        ...options,
      });
      adapters.push(adapter);
      return adapter;
    },
    async drop() {
      for (const adapter of adapters.splice(0)) adapter.close();
      await fetch(`${server}/_test/spaces/${space}`, { method: 'DELETE' });
    },
  };
}

/** Resolves once `condition` holds, polling; rejects with `what` after `ms`. */
export async function eventually(condition: () => boolean | Promise<boolean>, what: string, ms = 5000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > until) throw new Error(`Timed out waiting for: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

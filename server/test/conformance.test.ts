/**
 * The conformance kit in Node: the rules every adapter must follow, on HttpAdapter against this
 * server, so a rule of the engine is seen to hold on the team server without a browser. (The
 * browser suites run it on the memory and IndexedDB adapters, and over HTTP too.)
 */
import { after, before, describe, it } from 'node:test';
import { CONFORMANCE_USERS, runAdapterConformance } from '../../src/conformance/index.js';
import type { HttpAdapter } from '../../src/data/adapters/http-adapter.js';
import { createSpace, startServer, stopAllServers, type ServerProcess, type Space } from './helpers.js';

let server: ServerProcess;
before(async () => {
  server = await startServer('lift_node_conformance');
});
after(() => stopAllServers());
const spaces = new Map<HttpAdapter, Space>();

runAdapterConformance({
  name: 'HttpAdapter (Node, PostgreSQL)',
  describe,
  it,
  factory: async ({ user, roles, templates }) => {
    const space = await createSpace(server.url, { roles, templates, users: [user, ...CONFORMANCE_USERS.filter((u) => u.id !== user.id)] });
    const adapter = await space.connect(user.id);
    spaces.set(adapter, space);
    return adapter;
  },
  cleanup: async (adapter) => {
    await spaces.get(adapter as HttpAdapter)?.drop();
    spaces.delete(adapter as HttpAdapter);
  },
});

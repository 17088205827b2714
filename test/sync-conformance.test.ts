import { CONFORMANCE_USERS, runOfflineConformance } from '../src/conformance/index.js';
import { SyncAdapter } from '../src/data/sync/sync-adapter.js';
import { ModelServer, type Network } from './model-server.js';

// The conformance kit's offline cases on SyncAdapter over a server in memory whose network the
// kit cuts (test/model-server.ts); test/team-sync-conformance.test.ts runs them on the team server.

let count = 0;

runOfflineConformance({
  name: 'SyncAdapter over a server in memory',
  describe,
  it,
  offline: ({ user, roles }) => {
    const server = new ModelServer(roles);
    const net: Network = { offline: false, loseAnswers: 0 };
    const name = `lift-sync-kit-${Date.now().toString(36)}-${++count}`;
    const opened: SyncAdapter[] = [];
    return {
      async open() {
        const adapter = await SyncAdapter.over(server.remote(user, net), { name, probeMs: 600_000 });
        opened.push(adapter);
        return adapter;
      },
      network: { down: () => void (net.offline = true), up: () => void (net.offline = false) },
      colleague: async () => server.as(CONFORMANCE_USERS[0]!),
      async cleanup() {
        for (const adapter of opened) adapter.close();
        await new Promise((resolve) => (indexedDB.deleteDatabase(`${name}:model:${user.id}`).onsuccess = resolve));
      },
    };
  },
});

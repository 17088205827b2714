import { CONFORMANCE_USERS, runOfflineConformance } from '../src/conformance/index.js';
import { SyncAdapter } from '../src/data/sync/sync-adapter.js';
import { startTeamServerFirst, syncOptions, teamSpace } from './team.js';

// The conformance kit's offline cases on SyncAdapter against the real team server: the kit cuts
// the device's network through the fetch it uses, as a browser without a connection fails it.

startTeamServerFirst();
let count = 0;

runOfflineConformance({
  name: 'SyncAdapter on the team server',
  describe,
  it,
  offline: async ({ user, roles, templates }) => {
    const space = await teamSpace({ roles, templates, users: [user, ...CONFORMANCE_USERS.filter((u) => u.id !== user.id)] });
    const net = { offline: false };
    const fetcher: typeof fetch = (input, init) => (net.offline ? Promise.reject(new TypeError('Failed to fetch')) : fetch(input, init));
    const name = `lift-sync-team-kit-${Date.now().toString(36)}-${++count}`;
    const opened: SyncAdapter[] = [];
    return {
      async open() {
        const adapter = await SyncAdapter.connect(syncOptions(space, user, name, fetcher));
        opened.push(adapter);
        return adapter;
      },
      network: { down: () => void (net.offline = true), up: () => void (net.offline = false) },
      colleague: () => space.connect(CONFORMANCE_USERS[0]),
      async cleanup() {
        for (const adapter of opened) adapter.close();
        await space.drop();
        await new Promise((resolve) => (indexedDB.deleteDatabase(`${name}:${space.baseUrl.replace(/\/+$/, '')}:${user.id}`).onsuccess = resolve));
      },
    };
  },
});

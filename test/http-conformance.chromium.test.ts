import { CONFORMANCE_USERS, runAdapterConformance } from '../src/conformance/index.js';
import type { HttpAdapter } from '../src/data/adapters/http-adapter.js';
import { startTeamServerFirst, teamSpace, type TeamSpace } from './team.js';

// The whole adapter contract over HTTP: HttpAdapter → the reference server → PostgreSQL, one
// schema per test. In a browser, so the kit meets CORS as a page does (the versions are ETag
// headers a page may read only when the server exposes them); in Chromium only, as what the kit
// checks is the server's answer, which does not depend on the engine asking. What does (fetch,
// its headers, aborts, the feed's stream) is checked in all three engines by http-adapter.test.ts
// and the team-* element suites, and the kit over IndexedDB, which depends on the engine too,
// runs in all three (conformance.test.ts). The server's own suites run the kit again in Node.

startTeamServerFirst();

const spaces = new Map<HttpAdapter, TeamSpace>();

runAdapterConformance({
  name: 'HttpAdapter (PostgreSQL)',
  describe,
  it,
  // One space per test, and a login per user the kit acts as (CONFORMANCE_USERS): how a
  // partner's own server is put through the kit.
  factory: async ({ user, roles, templates }) => {
    const space = await teamSpace({ roles, templates, users: [user, ...CONFORMANCE_USERS.filter((u) => u.id !== user.id)] });
    const adapter = await space.connect(user);
    spaces.set(adapter, space);
    return adapter;
  },
  cleanup: async (adapter) => {
    await spaces.get(adapter as HttpAdapter)?.drop();
    spaces.delete(adapter as HttpAdapter);
  },
});

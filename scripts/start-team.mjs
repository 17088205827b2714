// `npm run start:team`: the team setup on one machine. Starts PostgreSQL (a private cluster under
// tmp/pg, installed from apt first when root and missing), the reference server seeded with the
// demo data and two users, and the demo wired to HttpAdapter. Open the two printed addresses in
// two windows: each is one colleague; a save in one reaches the other through the change feed.
//   PORT (demo, default 8000), LIFT_SERVER_PORT (default 8787), PGHOST… to use your own PostgreSQL.
import { buildLibrary, createDemoServer, listen } from './start.mjs';
import { buildTeamServer, serverDatabase, startServerProcess, stopServerProcess, stopTogether, teamDatabase } from './team-server.mjs';

if (!process.argv.includes('--no-build')) buildLibrary();
buildTeamServer();
// LIFT_PG_DIR gives a cluster of its own (the end-to-end check uses a fresh one on a free port).
const db = process.env.LIFT_PG_DIR
  ? await teamDatabase({ dir: process.env.LIFT_PG_DIR, fresh: true })
  : await teamDatabase({ port: Number(process.env.LIFT_PG_PORT ?? 54329) });
const demo = createDemoServer();
const demoPort = await listen(demo, Number(process.env.PORT ?? 8000));
const server = await startServerProcess({
  ...(await serverDatabase(db, process.env.LIFT_DATABASE ?? 'lift')),
  PORT: process.env.LIFT_SERVER_PORT ?? '8787', // 0: any free port
  LIFT_SEED: 'demo',
  LIFT_CORS_ORIGINS: `http://localhost:${demoPort},http://127.0.0.1:${demoPort}`,
});
// The demo users' tokens (new at each start) go in the fragment, which the browser sends nowhere.
const tokens = new URLSearchParams(server.demoTokens ?? {}).toString();
const page = (user) => `http://localhost:${demoPort}/?team=${encodeURIComponent(server.url)}&user=${user}#${tokens}`;
console.log(`lift-elements team demo (server ${server.url}, PostgreSQL on port ${db.port}):
  Sanne de Boer (admin):     ${page('u-sanne')}
  Pieter Jansen (employee):  ${page('u-pieter')}
Open both, edit a contact in one and watch the other. Ctrl+C stops everything.`);

stopTogether(server, async () => {
  demo.close();
  await stopServerProcess(server);
  db.stop();
});

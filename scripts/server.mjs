// `npm run server`: the reference server on a local PostgreSQL. With PGHOST set it uses that
// server (creating the database LIFT_DATABASE, default `lift`, when missing); otherwise it starts
// a private PostgreSQL under tmp/pg (installing Debian's package first when root). On the private
// one it seeds the demo data and the two demo users into an empty database, and gives them new
// tokens at each start, printed as `demo token <user> <token>` (LIFT_SEED=none to skip; LIFT_SEED=demo to seed an empty one of yours). PORT (default 8787), LIFT_CORS_ORIGINS as in server/src/cli.ts.
import { buildTeamServer, serverDatabase, startServerProcess, stopServerProcess, stopTogether, teamDatabase } from './team-server.mjs';

buildTeamServer();
const db = await teamDatabase({ port: Number(process.env.LIFT_PG_PORT ?? 54329) });
const server = await startServerProcess(
  {
    // As the app role (no superuser), on a database made ready for it.
    ...(await serverDatabase(db, process.env.LIFT_DATABASE ?? 'lift', { schema: process.env.LIFT_SCHEMA })),
    // Your own PostgreSQL (PGHOST) is not seeded unless you ask; the private one is, when empty.
    LIFT_SEED: process.env.LIFT_SEED ?? (process.env.PGHOST ? 'none' : 'demo'),
    LIFT_CORS_ORIGINS: process.env.LIFT_CORS_ORIGINS ?? '',
  },
  { quiet: false },
);
console.log(`lift-elements team server: ${server.url}  (API: server/API.md, ${server.url}/openapi.json; Ctrl+C stops it)`);
stopTogether(server, async () => {
  await stopServerProcess(server);
  db.stop();
});

// `npm run server`: the reference server on a local PostgreSQL. With PGHOST set it uses that
// server (creating the database LIFT_DATABASE, default `lift`, when missing); otherwise it starts
// a private PostgreSQL under tmp/pg (installing Debian's package first when root). On the private
// one it seeds the demo data and the two demo users into an empty database, and gives them new
// tokens at each start, printed as `demo token <user> <token>` (LIFT_SEED=none to skip; LIFT_SEED=demo to seed an empty one of yours). PORT (default 8787), LIFT_CORS_ORIGINS as in server/src/cli.ts.
//
// `npm run server -- token create|list|revoke …` manages the tokens of that database instead
// (server/src/token-cli.ts says how); it uses the private PostgreSQL while a server runs on it.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { APP_ROLE } from './postgres.mjs';
import { buildTeamServer, pgEnv, serverDatabase, startServerProcess, stopServerProcess, stopTogether, teamDatabase } from './team-server.mjs';

buildTeamServer();

if (process.argv[2] === 'token') {
  const dir = path.resolve('tmp/pg');
  const pid = path.join(dir, 'data', 'postmaster.pid');
  // The private PostgreSQL of a running `npm run server` is used as it is (starting it again would stop it first).
  const running = !process.env.PGHOST && existsSync(pid);
  const db = running
    ? { host: '127.0.0.1', port: Number(readFileSync(pid, 'utf8').split('\n')[3]), user: 'postgres', app: { user: APP_ROLE, password: readFileSync(path.join(dir, 'app.password'), 'utf8').trim() }, stop() {} }
    : await teamDatabase({ port: Number(process.env.LIFT_PG_PORT ?? 54329) });
  const database = process.env.LIFT_DATABASE ?? 'lift';
  const env = running ? pgEnv(db, database) : await serverDatabase(db, database, { schema: process.env.LIFT_SCHEMA });
  const result = spawnSync(process.execPath, [path.resolve('server/dist/server/src/token-cli.js'), ...process.argv.slice(3)], { stdio: 'inherit', env: { ...process.env, ...env } });
  db.stop();
  process.exit(result.status ?? 1);
}

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

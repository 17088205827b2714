// Builds and runs the reference server (server/) for `npm run server`, `npm run start:team` and
// the tests: compiles it with tsc, finds or starts a PostgreSQL (scripts/postgres.mjs), and
// starts server processes (server/src/cli.ts) that print `listening <url>` when ready.
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { prepareAppDatabase, startPostgres } from './postgres.mjs';

export const CLI = path.resolve('server/dist/server/src/cli.js');

let built = false;
export function buildTeamServer() {
  // Once per run: suites started side by side share one build rather than race into server/dist.
  // LIFT_SERVER_BUILT=1: the caller has just built it from this tree (npm test for the browser
  // suites' server, CI through its OpenAPI check).
  if (built || process.env.LIFT_SERVER_BUILT) return;
  const result = spawnSync(path.resolve('node_modules/.bin/tsc'), ['-p', 'server/tsconfig.json'], { stdio: 'inherit' });
  if (result.status !== 0) throw new Error('The server did not compile (tsc -p server/tsconfig.json).');
  built = true;
}

/** Starts one server process; resolves with its url once it listens. */
export function startServerProcess(env, { quiet = true } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const onData = (chunk) => {
      output += chunk;
      // The line the CLI prints, not the logger's "Server listening at …" (LIFT_LOG=1).
      const match = /^listening (\S+)\r?\n/m.exec(output);
      if (match && !child.url) {
        child.url = match[1];
        // Printed before `listening` by a server seeding the demo: `demo token <user> <token>`.
        child.demoTokens = Object.fromEntries([...output.matchAll(/^demo token (\S+) (\S+)$/gm)].map((m) => [m[1], m[2]]));
        resolve(child);
      }
      if (!quiet) process.stdout.write(chunk);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk) => {
      output += chunk;
      if (!quiet || child.url) process.stderr.write(chunk);
    });
    child.once('exit', (code) => {
      if (!child.url) reject(new Error(`The server exited with ${code} before listening:\n${output}`));
    });
  });
}

/** Ends a server process (SIGTERM, or SIGKILL as a crash would) and waits for it to go. */
export function stopServerProcess(child, signal = 'SIGTERM') {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}

/**
 * PostgreSQL as the environment names it (PGHOST, PGUSER, PGPASSWORD; with LIFT_APP_USER and
 * LIFT_APP_PASSWORD the server works as that role, and PGUSER only prepares its database), or a
 * private one under tmp/ (scripts/postgres.mjs).
 */
export async function teamDatabase({ dir, fresh = false, port } = {}) {
  const env = process.env;
  if (env.PGHOST) {
    return {
      host: env.PGHOST,
      port: Number(env.PGPORT ?? 5432),
      user: env.PGUSER ?? 'postgres',
      ...(env.PGPASSWORD ? { password: env.PGPASSWORD } : {}),
      ...(env.LIFT_APP_USER ? { app: { user: env.LIFT_APP_USER, password: env.LIFT_APP_PASSWORD ?? '' } } : {}),
      stop() {},
      restart: undefined,
    };
  }
  return startPostgres({ ...(dir ? { dir } : {}), fresh, ...(port ? { port } : {}) });
}

/**
 * Makes `database` ready for the server's role (when the database has one: see
 * prepareAppDatabase) and answers the server process's environment: it connects as that role.
 */
export async function serverDatabase(db, database, { testSpaces = false, schema } = {}) {
  await prepareAppDatabase(db, database, { testSpaces, ...(schema ? { schema } : {}) });
  return pgEnv(db, database);
}

/** The server process's connection settings: the app role's when there is one. */
export const pgEnv = (db, database) => {
  const who = db.app ?? { user: db.user, password: db.password };
  return { PGHOST: db.host, PGPORT: String(db.port), PGUSER: who.user, ...(who.password ? { PGPASSWORD: who.password } : {}), LIFT_DATABASE: database };
};

/** What a child process needs to find the same PostgreSQL through {@link teamDatabase}. */
export const superuserEnv = (db) => ({
  PGHOST: db.host,
  PGPORT: String(db.port),
  PGUSER: db.user,
  ...(db.password ? { PGPASSWORD: db.password } : {}),
  ...(db.app ? { LIFT_APP_USER: db.app.user, LIFT_APP_PASSWORD: db.app.password } : {}),
});

/** Runs `cleanup` once, then exits, on Ctrl+C, SIGTERM or when the server process ends by itself. */
export function stopTogether(server, cleanup) {
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await cleanup();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  server.once('exit', () => void stop());
}

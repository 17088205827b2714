// Builds and runs the reference server (server/) for `npm run server`, `npm run start:team` and
// the tests: compiles it with tsc, finds or starts a PostgreSQL (scripts/postgres.mjs), and
// starts server processes (server/src/cli.ts) that print `listening <url>` when ready.
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { startPostgres } from './postgres.mjs';

export const CLI = path.resolve('server/dist/server/src/cli.js');

export function buildTeamServer() {
  const result = spawnSync(path.resolve('node_modules/.bin/tsc'), ['-p', 'server/tsconfig.json'], { stdio: 'inherit' });
  if (result.status !== 0) throw new Error('The server did not compile (tsc -p server/tsconfig.json).');
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

/** PostgreSQL as the environment names it (PGHOST), or a private one under tmp/. */
export async function teamDatabase({ dir, fresh = false, port } = {}) {
  if (process.env.PGHOST) {
    return { host: process.env.PGHOST, port: Number(process.env.PGPORT ?? 5432), user: process.env.PGUSER ?? 'postgres', stop() {}, restart: undefined };
  }
  return startPostgres({ ...(dir ? { dir } : {}), fresh, ...(port ? { port } : {}) });
}

export const pgEnv = (db, database) => ({ PGHOST: db.host, PGPORT: String(db.port), PGUSER: db.user, LIFT_DATABASE: database });

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

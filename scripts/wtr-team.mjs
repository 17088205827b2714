// A web-test-runner plugin that gives browser tests a real team backend: PostgreSQL (PGHOST, which
// `npm test` starts under tmp/pg-test beforehand; else a private one started here) and the
// reference server as a child process in test mode (one schema per test, CORS open). Started on the first `executeServerCommand('lift-team', …)`, so runs
// without team tests never start PostgreSQL. Actions:
//   url                   the shared server (never stopped while tests run)
//   secret                what the servers' /_test endpoints need as Lift-Test-Secret (one per run)
//   spawn                 another server process on the same database, for one test: { id, url }
//   kill { id }           SIGKILL that process, as a crash would
//   start { id }          start it again on the same port
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { buildTeamServer, pgEnv, serverDatabase, startServerProcess, stopServerProcess, teamDatabase } from './team-server.mjs';

export function teamServerPlugin() {
  let stack;
  const extra = new Map();
  // CORS is open to any page while the browser suites run: the test endpoints also want this.
  const secret = randomBytes(16).toString('hex');
  const env = (db, port) => ({ ...pgEnv(db, 'lift_test'), LIFT_TEST_SPACES: '1', LIFT_TEST_SECRET: secret, LIFT_CORS_ORIGINS: '*', PORT: String(port) });
  const ensure = () =>
    (stack ??= (async () => {
      buildTeamServer(); // none when npm test built it before starting us
      const db = await teamDatabase({ dir: path.resolve('tmp/pg-test'), fresh: true });
      await serverDatabase(db, 'lift_test', { testSpaces: true }); // the servers work as the app role
      const child = await startServerProcess(env(db, 0));
      return { db, child };
    })());
  return {
    name: 'lift-team-server',
    serverStart() {
      // Start early when the run includes team suites, so the first test finds it up.
      const files = process.argv.slice(process.argv.indexOf('--files') + 1).join(' ');
      if (!process.argv.includes('--files') || /team|http/.test(files)) ensure().catch(() => undefined);
    },
    async executeCommand({ command, payload }) {
      if (command !== 'lift-team') return undefined;
      const action = payload?.action;
      // A command must answer within web-test-runner's 20 s: while starting, say so and let the test ask again.
      const ready = await Promise.race([ensure(), new Promise((resolve) => setTimeout(resolve, 10_000))]);
      if (!ready) return action === 'url' ? null : Promise.reject(new Error('lift-team: still starting'));
      const { db, child } = ready;
      if (action === 'url') return child.url;
      if (action === 'secret') return secret;
      if (action === 'spawn') {
        const process = await startServerProcess(env(db, 0));
        const id = String(extra.size + 1);
        extra.set(id, { process, port: new URL(process.url).port });
        return { id, url: process.url };
      }
      const own = extra.get(String(payload?.id));
      if (!own) throw new Error(`lift-team: no spawned server ${payload?.id}`);
      if (action === 'kill') {
        await stopServerProcess(own.process, 'SIGKILL');
        return true;
      }
      if (action === 'start') {
        own.process = await startServerProcess(env(db, own.port));
        return own.process.url;
      }
      throw new Error(`lift-team: unknown action ${action}`);
    },
    async serverStop() {
      if (!stack) return;
      const s = await stack;
      for (const own of extra.values()) await stopServerProcess(own.process);
      await stopServerProcess(s.child);
      s.db.stop();
    },
  };
}

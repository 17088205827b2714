// The team server's own suites (server/test/*.test.ts) in Node: compiled with the server, run
// by node:test against a private PostgreSQL (tmp/pg-server-test) one file at a time. The suites
// start their own server processes (scripts/team-server.mjs) and find PostgreSQL through
// PGHOST / PGPORT / PGUSER / PGPASSWORD (the superuser), LIFT_APP_USER / LIFT_APP_PASSWORD (the
// role their servers work as) and LIFT_PG_DIR (for the restart test).
//   node scripts/test-server.mjs [name-filter]
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { buildTeamServer, superuserEnv, teamDatabase } from './team-server.mjs';

/**
 * Runs the suites; with `echo: false` their report is kept and returned (`report`) instead of
 * streamed, for a caller that runs them beside other output. With `nice`, at a lower CPU
 * priority, so suites running beside them keep the cores they need.
 */
export async function serverSuites(filter = '', { echo = true, nice = false } = {}) {
  buildTeamServer();
  const dir = path.resolve('tmp/pg-server-test');
  const db = await teamDatabase({ dir, fresh: true });
  const testDir = path.resolve('server/dist/server/test');
  const files = readdirSync(testDir)
    .filter((file) => file.endsWith('.test.js') && file.includes(filter))
    .map((file) => path.join(testDir, file));
  const totals = { passed: 0, failed: 0, skipped: 0 };
  let report = '';
  try {
    const output = await new Promise((resolve) => {
      const command = [process.execPath, '--test', '--test-concurrency=1', '--test-reporter=tap', ...files];
      const child = spawn(nice ? 'nice' : command[0], nice ? ['-n', '10', ...command] : command.slice(1), {
        // The superuser (for the suites' setup and teardown) and the app role (for their servers).
        env: { ...process.env, ...superuserEnv(db), LIFT_PG_DIR: dir },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      let text = '';
      child.stdout.on('data', (chunk) => {
        text += chunk;
        if (echo) process.stdout.write(chunk);
      });
      child.on('exit', (code) => resolve({ text, code }));
    });
    report = output.text;
    const count = (name) => Number(new RegExp(`^# ${name} (\\d+)$`, 'm').exec(output.text)?.[1] ?? 0);
    totals.passed = count('pass');
    totals.failed = count('fail') + count('cancelled');
    totals.skipped = count('skipped') + count('todo');
    if (output.code !== 0 && totals.failed === 0) totals.failed = 1;
    if (!files.length) totals.failed++;
  } finally {
    db.stop();
  }
  const summary = `  team server (Node): ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`;
  if (echo) console.log(summary);
  return { ...totals, report: `${echo ? '' : report}${summary}` };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const totals = await serverSuites(process.argv[2] ?? '');
  process.exit(totals.failed ? 1 : 0);
}

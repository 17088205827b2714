// Runs test/fixtures/failing-absent.test.ts alone in Chromium and checks that its deliberate
// failures are reported as failures, each by name, well within web-test-runner's time limit:
// an assertion on a DOM node that fails must never hang its file and lose its results.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const FIXTURE = 'test/fixtures/failing-absent.test.ts';
const EXPECTED_FAILURES = [
  'names a failed absent-assertion on a plain element',
  'names a failed absent-assertion on a Lit element in a shadow root',
  'names a failed comparison of two functions',
];
/** A hang lasts web-test-runner's full 180 s; a healthy run of this file takes a few seconds. */
const LIMIT_MS = 60_000;

export async function checkFailureReport(chromium) {
  const dir = mkdtempSync(path.join(tmpdir(), 'lift-failure-report-'));
  const totalsFile = path.join(dir, 'totals.json');
  const started = Date.now();
  const output = await new Promise((resolve) => {
    const child = spawn(path.resolve('node_modules/.bin/web-test-runner'), ['--config', 'web-test-runner.config.mjs', '--files', FIXTURE], {
      env: { ...process.env, LIFT_ENGINES: 'chromium', LIFT_CHROMIUM: chromium, LIFT_TOTALS_FILE: totalsFile, LIFT_STRICT_CSP: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let text = '';
    child.stdout.on('data', (chunk) => (text += chunk));
    child.stderr.on('data', (chunk) => (text += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), LIMIT_MS);
    child.on('exit', () => {
      clearTimeout(timer);
      resolve(text);
    });
  });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  let totals;
  try {
    totals = JSON.parse(readFileSync(totalsFile, 'utf8'));
  } catch {
    totals = undefined;
  }
  rmSync(dir, { recursive: true, force: true });
  const problems = [];
  if (!totals) problems.push(`no results within ${LIMIT_MS / 1000} s`);
  else if (totals.failed !== EXPECTED_FAILURES.length || totals.passed !== 1) {
    problems.push(`expected ${EXPECTED_FAILURES.length} failed and 1 passed, got ${totals.failed} failed and ${totals.passed} passed`);
  }
  for (const name of EXPECTED_FAILURES) if (!output.includes(name)) problems.push(`the failure "${name}" was not named`);
  if (problems.length) {
    console.log(`  ✗ failing assertions on DOM nodes are reported by name (${seconds} s): ${problems.join('; ')}`);
    console.log(output.split('\n').slice(-40).join('\n'));
  } else {
    console.log(`  ✓ failing assertions on DOM nodes are reported by name, in ${seconds} s`);
  }
  return { passed: problems.length ? 0 : 1, failed: problems.length ? 1 : 0, skipped: 0 };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const totals = await checkFailureReport(process.env.LIFT_CHROMIUM ?? '/usr/bin/chromium');
  process.exit(totals.failed ? 1 : 0);
}

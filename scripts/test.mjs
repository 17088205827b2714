// `npm test`: the element and data suites in Chromium, Firefox ESR and WebKitGTK (the team
// suites among them against the reference server on a private PostgreSQL), and the element
// suites again in Chromium on the oldest Lit package.json allows, under a strict CSP; the team server's
// own suites in Node; then, in Chromium, the built package as a consumer meets it, and in Node
// the packed tarball installed and type-checked in scratch React, Vue and plain apps; the
// end-to-end checks (the demo, the team demo, and the bundle under a strict CSP), and every
// Storybook story (with axe); and a deliberately failing file, whose failures must be named
// at once. Ends with one plain line over all of it: `N passed, N failed,
// N skipped`. PostgreSQL comes from apt when missing (as root; otherwise it says what to run).
//   --unit      only the web-test-runner suites
//   --server    only the team server's Node suites
//   --stories   only the Storybook check
//   --package   only the package check
//   --e2e       only the end-to-end checks (needs a build)
//   --engines=chromium,firefox   a subset of engines (also LIFT_ENGINES)
//   other arguments are passed to web-test-runner (e.g. --files test/foo.test.ts)
// LIFT_TIMINGS_FILE=path writes every browser test file's and test's seconds there as JSON (each
// file's page load, run and collection too): where to look when the run grows slow.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ensureBrowsers, startWebKitDriver } from './browsers.mjs';
import { checkPackage } from './check-package.mjs';
import { checkConsumers } from './check-consumers.mjs';
import { checkE2E } from './check-e2e.mjs';
import { checkFailureReport } from './check-failure-report.mjs';
import { checkSource } from './check-source.mjs';
import { checkStories } from './check-stories.mjs';
import { startPostgres } from './postgres.mjs';
import { buildTeamServer, superuserEnv } from './team-server.mjs';
import { serverSuites } from './test-server.mjs';

const args = process.argv.slice(2);
const only = ['unit', 'server', 'stories', 'package', 'e2e'].find((part) => args.includes(`--${part}`)) ?? 'all';
const engineArg = args.find((a) => a.startsWith('--engines='))?.slice('--engines='.length);
const engines = (engineArg ?? process.env.LIFT_ENGINES ?? 'chromium,firefox,webkit').split(',').filter(Boolean);
const passThrough = args.filter((a) => !['--unit', '--server', '--stories', '--package', '--e2e'].includes(a) && !a.startsWith('--engines='));

const totals = { passed: 0, failed: 0, skipped: 0 };
const add = (t) => {
  totals.passed += t.passed;
  totals.failed += t.failed;
  totals.skipped += t.skipped;
};

// What failed, by name, repeated just above the last line: a CI that keeps only the end of a
// long run's output must still say which test to look at. The checks print a failure as a line
// beginning "  ✗"; the browser suites and the server's Node suites name theirs below.
const failures = [];
const print = console.log;
console.log = (...parts) => {
  const text = parts.join(' ');
  for (const line of text.split('\n')) if (line.startsWith('  ✗ ')) failures.push(line.slice(4));
  print(...parts);
};

/**
 * A check script in a child process, its report held back and printed once it is done (so it
 * does not interleave with the checks running meanwhile); resolves with its totals, read from
 * the report's last line.
 */
function beside(script, scriptArgs) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [script, ...scriptArgs], { stdio: ['ignore', 'pipe', 'pipe'] });
    let report = '';
    child.stdout.on('data', (chunk) => (report += chunk));
    child.stderr.on('data', (chunk) => (report += chunk));
    child.on('exit', (code) => {
      const lines = report.trimEnd().split('\n');
      const last = /^(\d+) passed, (\d+) failed, (\d+) skipped$/.exec(lines.at(-1) ?? '');
      console.log(lines.slice(0, last ? -1 : undefined).join('\n'));
      const totals = last ? { passed: Number(last[1]), failed: Number(last[2]), skipped: Number(last[3]) } : { passed: 0, failed: 1, skipped: 0 };
      if (code !== 0 && totals.failed === 0) totals.failed = 1;
      resolve({ ...totals, at: Date.now() });
    });
  });
}

function run(command, commandArgs, env) {
  return new Promise((resolve) => {
    const child = spawn(command, commandArgs, { stdio: 'inherit', env: { ...process.env, ...env } });
    const forward = (signal) => child.kill(signal);
    process.once('SIGINT', forward);
    process.once('SIGTERM', forward);
    child.on('exit', (code) => {
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      resolve(code ?? 1);
    });
  });
}

async function unitSuites() {
  const browsers = ensureBrowsers([...new Set([...engines, 'chromium'])]);
  const dir = mkdtempSync(path.join(tmpdir(), 'lift-wtr-'));
  const totalsFile = path.join(dir, 'totals.json');
  let webkit;
  let teamDb;
  try {
    const env = {
      LIFT_ENGINES: engines.join(','),
      LIFT_CHROMIUM: browsers.chromium,
      LIFT_FIREFOX: browsers.firefox ?? '',
      LIFT_TOTALS_FILE: totalsFile,
    };
    // The team suites' server and PostgreSQL are made ready here, not inside web-test-runner,
    // whose event loop (serving the browsers' pages) must not wait for tsc or initdb.
    const files = passThrough.includes('--files') ? passThrough.slice(passThrough.indexOf('--files') + 1).join(' ') : '';
    if (!files || /team|http/.test(files)) {
      buildTeamServer();
      teamDb = process.env.PGHOST ? undefined : await startPostgres({ dir: path.resolve('tmp/pg-test'), fresh: true });
      Object.assign(env, { LIFT_SERVER_BUILT: '1' }, teamDb ? superuserEnv(teamDb) : {});
    }
    if (browsers.webkit) {
      webkit = await startWebKitDriver(browsers.webkit);
      Object.assign(env, { LIFT_WEBKIT_PORT: String(webkit.port), LIFT_MINIBROWSER: browsers.webkit.miniBrowser, DISPLAY: webkit.display });
    }
    const code = await run(path.resolve('node_modules/.bin/web-test-runner'), ['--config', 'web-test-runner.config.mjs', ...passThrough], env);
    let result;
    try {
      result = JSON.parse(readFileSync(totalsFile, 'utf8'));
    } catch {
      result = { passed: 0, failed: 1, skipped: 0, byEngine: {} };
      console.error(`web-test-runner exited with ${code} before reporting results.`);
    }
    if (code !== 0 && result.failed === 0) result.failed = 1;
    failures.push(...(result.failures ?? []));
    for (const [engine, t] of Object.entries(result.byEngine)) {
      // The seconds its tests took, summed (page loads and hooks are not in it): two browsers
      // run at a time, so the phase lasts a little over half the sum over the engines, and this
      // says which engine to make faster.
      console.log(`  ${engine}: ${t.passed} passed, ${t.failed} failed, ${t.skipped} skipped (${Math.round((t.ms ?? 0) / 1000)} s of tests${t.finishedAt ? `, done at ${t.finishedAt} s` : ''})`);
    }
    if (result.slowest?.length) console.log(`  slowest files (their tests' time): ${result.slowest.map((f) => `${f.file} in ${f.engine} ${f.seconds} s`).join('; ')}`);
    if (result.slowestTests?.length) console.log(`  slowest tests: ${result.slowestTests.map((t) => `${t.file} "${t.name}" in ${t.engine} ${t.seconds} s`).join('; ')}`);
    add(result);
    // A deliberately failing file, alone: failures on DOM nodes must be named, never hang.
    // (Its own runner would write its one file over the timings of the run above.)
    delete process.env.LIFT_TIMINGS_FILE;
    if (engines.includes('chromium') && !passThrough.includes('--files')) add(await checkFailureReport(browsers.chromium));
  } finally {
    webkit?.stop();
    teamDb?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

// The server's Node suites use no browser: in a full run they go beside the browser suites (at a
// lower priority), their report printed when they are done, which saves their seven minutes.
const server = only === 'all' ? serverSuites('', { echo: false, nice: true }) : undefined;
// How long each part took, printed after it: what to look at when the run grows slow.
const began = Date.now();
const took = (part, at = Date.now()) => console.log(`  (${part} done at ${Math.round((at - began) / 1000)} s)`);
if (only === 'all' || only === 'unit') {
  await unitSuites();
  took('browser suites');
}
// The stories check needs neither dist/ nor anything after this point, and keeps one browser busy
// with one page at a time, near one core: in a full run it goes beside the package, e2e and
// consumer checks, in a process of its own (it builds Storybook synchronously, which would stall
// the e2e checks' servers in this one), its report printed when it is done.
const stories = only === 'all' ? beside('scripts/check-stories.mjs', []) : undefined;
if (server) {
  const { report, ...result } = await server;
  console.log(report);
  failures.push(...serverFailures(report));
  add(result);
  took('team server suites');
}
if (only === 'server') add(await serverSuites());

/** The failed tests in node:test's TAP report, by name (a failed suite names its tests too). */
function serverFailures(report) {
  return [...report.matchAll(/^\s*not ok \d+ - (.+)$/gm)].map((m) => `team server: ${m[1]}`);
}
if (only === 'all' || only === 'package') add(checkSource());
// LIFT_DIST_BUILT=1: the caller has just built dist/ from this tree (CI does, before its type
// checks of the generated declarations), so the package check does not build it again.
if (only === 'all' || only === 'package') {
  add(await checkPackage({ build: !process.env.LIFT_DIST_BUILT }));
  took('package');
}
// checkPackage has just built dist/. The consumer check is Node alone (npm pack, tsc, vue-tsc),
// so in a full run it goes beside the e2e checks, in a process of its own (it waits on its tools
// synchronously).
if (only === 'package') add(await checkConsumers({ build: false }));
const consumers = only === 'all' ? beside('scripts/check-consumers.mjs', ['--no-build']) : undefined;
if (only === 'all' || only === 'e2e') {
  add(await checkE2E());
  took('e2e');
}
if (only === 'stories') add(await checkStories());
for (const [part, check] of [['stories', stories], ['consumers', consumers]]) {
  if (!check) continue;
  const { at, ...result } = await check;
  add(result);
  took(part, at);
}
if (failures.length) {
  console.log(`What failed (${failures.length}):`);
  for (const name of failures.slice(0, 30)) console.log(`  - ${name}`);
  if (failures.length > 30) console.log(`  … and ${failures.length - 30} more, named above`);
}
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(totals.failed > 0 ? 1 : 0);

// web-test-runner: the unit and element suites in real Chromium, Firefox ESR and WebKitGTK.
// Run it through `npm test` (scripts/test.mjs), which finds or installs the browsers, starts
// Xvfb and WebKitWebDriver for WebKit, and passes their whereabouts in LIFT_* variables.
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter } from '@web/test-runner';
import { chromeLauncher } from '@web/test-runner-chrome';
import { a11ySnapshotPlugin } from '@web/test-runner-commands/plugins';
import { webdriverLauncher } from '@web/test-runner-webdriver';
import { createHash } from 'node:crypto';
import { readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CHROMIUM_ARGS } from './scripts/browsers.mjs';
import { litFloor, litFloorImportMap, litLocked } from './scripts/lit-floor.mjs';
import { teamServerPlugin } from './scripts/wtr-team.mjs';
import { moduleFaults } from './scripts/wtr-faults.mjs';
import { demoOnSourcePlugin } from './scripts/wtr-demo.mjs';

const engines = (process.env.LIFT_ENGINES ?? 'chromium').split(',').filter(Boolean);

const launchers = {
  chromium: () =>
    chromeLauncher({
      launchOptions: { executablePath: process.env.LIFT_CHROMIUM ?? '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS },
    }),
  firefox: () =>
    chromeLauncher({
      launchOptions: { browser: 'firefox', executablePath: process.env.LIFT_FIREFOX ?? '/usr/bin/firefox-esr', headless: true, args: [] },
    }),
  webkit: () =>
    webdriverLauncher({
      automationProtocol: 'webdriver',
      hostname: '127.0.0.1',
      port: Number(process.env.LIFT_WEBKIT_PORT ?? 4444),
      path: '/',
      logLevel: 'error',
      capabilities: {
        browserName: 'MiniBrowser',
        'wdio:enforceWebDriverClassic': true,
        // Navigating to a test page returns at once instead of waiting for its load (300 s at
        // most): a page that never finished loading once stalled the driver's call that long and
        // then stopped the whole runner. Now that file times out alone, named, and the rest run.
        pageLoadStrategy: 'none',
        'webkitgtk:browserOptions': { binary: process.env.LIFT_MINIBROWSER, args: ['--automation'] },
      },
    }),
};

const ENGINE_LABELS = { chromium: 'Chromium', firefox: 'Firefox ESR', webkit: 'WebKitGTK' };
const engineOf = new Map();
function labelled(engine) {
  const launcher = launchers[engine]();
  // The Chrome launcher calls every browser it drives "Chrome"; name the engine instead.
  if (engine !== 'webkit') launcher.name = ENGINE_LABELS[engine];
  engineOf.set(launcher, ENGINE_LABELS[engine]);
  return launcher;
}
const browsers = engines.map(labelled);

/** Counts every test over every engine and writes the totals for scripts/test.mjs to print. */
function totalsReporter() {
  // When each engine's last file finished, in seconds from the start: the run's length is set
  // by the engine that finishes last, so this says where shortening a suite pays.
  const finished = {};
  // When each file's page began loading, began its tests, and was done (LIFT_TIMINGS_FILE).
  const phases = {};
  let startTime = Date.now();
  return {
    start({ sessions, startTime: started }) {
      startTime = started ?? startTime;
      sessions.on('session-status-updated', (session) => {
        (phases[session.id] ??= {})[session.status] = Date.now();
        if (session.status !== 'FINISHED') return;
        finished[engineOf.get(session.browser) ?? session.browser.name] = Math.round((Date.now() - startTime) / 1000);
      });
    },
    onTestRunFinished({ sessions }) {
      // `failures` names each failed test with its engine and file, and the first line of its
      // error, so the run's last lines say what failed and why even where only the end of the
      // output is kept (a flaky test seen once in a CI is otherwise hard to place).
      const totals = { passed: 0, failed: 0, skipped: 0, byEngine: {}, failures: [], slowest: [], slowestTests: [] };
      for (const session of sessions) {
        const engineName = engineOf.get(session.browser) ?? session.browser.name;
        const engine = (totals.byEngine[engineName] ??= { passed: 0, failed: 0, skipped: 0, ms: 0 });
        const file = path.relative(process.cwd(), session.testFile);
        const count = (key, name, error) => {
          totals[key]++;
          engine[key]++;
          const why = error?.message?.split('\n')[0].slice(0, 200);
          if (key === 'failed') totals.failures.push(`${engineName} ${file}: ${name}${why ? ` (${why})` : ''}`);
        };
        let ms = 0;
        const walk = (suite, names) => {
          for (const test of suite.tests) {
            ms += test.duration ?? 0;
            totals.slowestTests.push({ file: path.basename(file), engine: engineName, name: test.name, seconds: Math.round((test.duration ?? 0) / 100) / 10 });
            count(test.skipped ? 'skipped' : test.passed ? 'passed' : 'failed', [...names, test.name].join(' › '), test.error);
          }
          for (const child of suite.suites) walk(child, [...names, child.name]);
        };
        if (session.testResults) walk(session.testResults, []);
        engine.ms += ms;
        engine.finishedAt = finished[engineName];
        const at = phases[session.id] ?? {};
        const span = (from, to) => (at[from] && at[to] ? Math.round((at[to] - at[from]) / 100) / 10 : undefined);
        totals.slowest.push({ file, engine: engineName, seconds: Math.round(ms / 100) / 10, load: span('INITIALIZING', 'TEST_STARTED'), run: span('TEST_STARTED', 'TEST_FINISHED'), collect: span('TEST_FINISHED', 'FINISHED') });
        // A file that failed to load, or errored outside a test, is a failure of its own.
        if (session.errors?.length || (!session.passed && !session.testResults?.tests.length && !session.testResults?.suites.length)) {
          count('failed', session.errors?.[0]?.message?.split('\n')[0] ?? 'did not finish');
        }
      }
      // The files whose tests took longest, summed per file and engine, and the longest tests:
      // where to look when the run grows slow.
      // LIFT_TIMINGS_FILE: every file's and test's time, for a closer look at a slow run.
      if (process.env.LIFT_TIMINGS_FILE) writeFileSync(process.env.LIFT_TIMINGS_FILE, JSON.stringify({ files: totals.slowest, tests: totals.slowestTests }));
      totals.slowest = totals.slowest.sort((a, b) => b.seconds - a.seconds).slice(0, 8);
      totals.slowestTests = totals.slowestTests.sort((a, b) => b.seconds - a.seconds).slice(0, 8);
      if (process.env.LIFT_TOTALS_FILE) writeFileSync(process.env.LIFT_TOTALS_FILE, JSON.stringify(totals));
    },
  };
}

// Scale tests (100 000 records) run in Chromium alone: `*.chromium.test.ts`, listed in the README.
const CHROMIUM_ONLY = 'test/**/*.chromium.test.ts';
const filesGiven = process.argv.includes('--files');
const hasChromiumOnly = readdirSync('test').some((file) => file.endsWith('.chromium.test.ts'));
/**
 * The element suites once more in Chromium, in a page under the policy a strict host would set
 * (no inline script or style but the import map below, Trusted Types enforced with Lit's policy
 * only; the guard turns any violation into a failure), on the oldest Lit package.json allows
 * (scripts/lit-floor.mjs), which the import map loads in place of the locked copies. A host may
 * have either, or both. The locked Lit runs in every engine outside this group, and under the
 * same policy in the e2e check of the built bundle. Built only when it runs: it may fetch the
 * floor from npm's registry.
 */
const FLOOR_SUITES = 'test/{contact-card,card-actions,card-faults,timeline,checklist,button-bar,security,data-provider,lift-element,i18n,lit-versions}.test.ts';
function strictCspGroup() {
  const floor = litFloor();
  const importMap = litFloorImportMap(floor);
  const policy = [
    `script-src 'self' 'sha256-${createHash('sha256').update(importMap).digest('base64')}'`,
    "style-src 'self'",
    "require-trusted-types-for 'script'",
    'trusted-types lit-html',
  ].join('; ');
  const versions = Object.entries(floor.packages).map(([name, version]) => `${name}@${version}`).join(' ');
  const strictChromium = launchers.chromium();
  strictChromium.name = 'Chromium';
  engineOf.set(strictChromium, `Chromium, strict CSP, lit ${floor.packages.lit}`);
  return {
    name: 'strict-csp-lit-floor',
    files: FLOOR_SUITES,
    browsers: [strictChromium],
    // test/lit-versions.test.ts reads the meta to know which Lit this page must have loaded.
    testRunnerHtml: (framework) => `<!doctype html><html><head>
<meta http-equiv="Content-Security-Policy" content="${policy}">
<meta name="lift-lit-floor" content="${versions}">
<script type="importmap">${importMap}</script>
<script type="module" src="/test/csp-guard.js"></script></head>
<body><script type="module" src="${framework}"></script></body></html>`,
  };
}

/** The versions of Lit's parts in node_modules, for test/lit-versions.test.ts outside the floor's group. */
function litVersionsPlugin() {
  return {
    name: 'lift-lit-locked',
    executeCommand: ({ command }) => (command === 'lift-lit-locked' ? litLocked() : undefined),
  };
}

/**
 * Puts `import '/test/failure-report.ts'` at the top of every test file, so a failing
 * assertion on a DOM node is reported by name instead of hanging its file (see that module).
 */
function failureReportPlugin() {
  return {
    name: 'lift-failure-report',
    transform(context) {
      if (!/^\/test\/.*\.test\.ts$/.test(context.path) || typeof context.body !== 'string') return undefined;
      return { body: `import '/test/failure-report.ts';\n${context.body}` };
    },
  };
}

/**
 * How many interleavings test/sync-model.chromium.test.ts runs (`executeServerCommand('lift-model-runs')`):
 * 1 000 by default, LIFT_MODEL_RUNS for the longer run (`npm run test:model` runs 10 000).
 */
const MODEL_RUNS = Number(process.env.LIFT_MODEL_RUNS || 1000);
function modelRunsPlugin() {
  return {
    name: 'lift-model-runs',
    executeCommand: ({ command }) => (command === 'lift-model-runs' ? MODEL_RUNS : undefined),
  };
}

const groups =
  engines.includes('chromium') && !filesGiven
    ? [...(hasChromiumOnly ? [{ name: 'chromium-only', files: CHROMIUM_ONLY, browsers: [labelled('chromium')] }] : []), strictCspGroup()]
    : process.env.LIFT_STRICT_CSP
      ? [strictCspGroup()]
      : [];

export default {
  // test/fixtures/ holds files that fail on purpose; scripts/check-failure-report.mjs runs them alone.
  files: ['test/**/*.test.ts', `!${CHROMIUM_ONLY}`, '!test/fixtures/**'],
  groups,
  nodeResolve: { exportConditions: ['development'] },
  concurrency: 1,
  concurrentBrowsers: 2,
  browserStartTimeout: 60_000,
  // WebKitGTK's first navigation of a file can take long on a loaded 2-core machine.
  testsStartTimeout: 120_000,
  // The model's longer run (10 000 interleavings) takes longer than any other file.
  testsFinishTimeout: Math.max(180_000, MODEL_RUNS * 200),
  plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.json' }), a11ySnapshotPlugin(), teamServerPlugin(), failureReportPlugin(), modelRunsPlugin(), litVersionsPlugin(), demoOnSourcePlugin()],
  middleware: [moduleFaults],
  browsers,
  // A test's own waits name what they waited for; this bound is for a test that is slow as a
  // whole. In clean-clone runs (three engines and the server's suites on two cores) WebKit ran
  // tests that take 1–2 s alone, such as eight axe passes over the bar, past 10 s.
  testFramework: { config: { timeout: 20_000 } },
  filterBrowserLogs: ({ args }) => !String(args[0] ?? '').includes('Lit is in dev mode'),
  reporters: [defaultReporter(), totalsReporter()],
};

// `npm run bench:offline`: the offline team mode (SyncAdapter) on the team server. A private
// PostgreSQL and the reference server seeded with the demo data (LIFT_SEED_CONTACTS contacts);
// then in headless Chromium (bench/offline.js):
// 1. the device's copy after one user opened the card for K contacts in turn (header and
//    overview rows painted): its kept reads, their bytes, the bytes per contact, and the browser's
//    storage estimate before and after; the copy at its cap of kept reads is extrapolated;
// 2. catch-up: the device opened 50 contacts and closed; a colleague makes 1 000 changes to them
//    (field updates and notes); the device opens again online and shows one card. Timed from that
//    open until the copy's kept contact of all 50 holds the colleague's last version, and until
//    their kept overview pages show the colleague's last note (the copy read raw from IndexedDB
//    every ~20 ms), beside a fresh HttpAdapter reading the 50 one after another.
//   node bench/offline.mjs [--no-build] [--timeout=SECONDS] [--verbose]
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, ensureBrowsers } from '../scripts/browsers.mjs';
import { buildTeamServer, stopServerProcess, teamDatabase } from '../scripts/team-server.mjs';
import { buildUnlessAsked, seededTeamServer, serveFiles } from './serve.mjs';

const TIMEOUT_S = Number(/^--timeout=(\d+)$/.exec(process.argv.find((a) => a.startsWith('--timeout=')) ?? '')?.[1] ?? 60);
const VERBOSE = process.argv.includes('--verbose');
const SIZES = [25, 100];
const CATCH_UP = { contacts: 50, changes: 1000 };
const SEEDED = 200;

/** The cap of kept reads and the feed's retention, as the source states them. */
const source = (file, pattern) => pattern.exec(readFileSync(file, 'utf8'))?.[1];
const KEPT_READS = Number(source('src/data/sync/replica.ts', /KEPT_READS = ([\d_]+)/).replaceAll('_', ''));
const FEED_DAYS = source('server/src/main.ts', /feedDays \?\? (\d+)/);

buildUnlessAsked();
buildTeamServer();
const { server: files, base } = await serveFiles();
const db = await teamDatabase({ dir: path.resolve('tmp/pg-bench-offline'), fresh: true });
let server;
let browser;
try {
  let seconds;
  ({ server, seconds } = await seededTeamServer(db, base, { LIFT_SEED_CONTACTS: String(SEEDED) }));
  console.log(`seeded ${SEEDED} contacts and serving in ${seconds.toFixed(0)} s`);
  const tokens = server.demoTokens ?? {};
  const users = Object.keys(tokens).sort(); // u-pieter (employee), u-sanne (admin)
  const [colleague, deviceUser] = users;

  const { chromium: executablePath } = ensureBrowsers(['chromium']);
  browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  const page = await browser.newPage();
  page.on('console', (message) => {
    if (VERBOSE || message.type() === 'error') console.log(`  page ${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => console.log(`  page error: ${error.message}`));
  page.on('response', (response) => {
    if (response.status() >= 400) console.log(`  page: ${response.status()} for ${response.url()}`);
  });
  const started = Date.now();
  const phase = (what) => console.log(`${what} (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  const query = new URLSearchParams({ server: server.url, tokens: JSON.stringify(tokens), users: `${deviceUser},${colleague}` });
  await page.goto(`${base}/bench/offline.html?${query}`);
  await page.waitForFunction(() => window.benchReady);

  const ids = await page.evaluate((count) => window.bench.ids(count), SEEDED);
  // Separate contacts for each measure, so no copy starts with what another one read.
  let next = 0;
  const take = (count) => ids.slice(next, (next += count));

  const line = (cells) => console.log(`| ${cells.join(' | ')} |`);
  const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
  const sizes = [];
  for (const k of SIZES) {
    sizes.push(await page.evaluate(([list, name]) => window.bench.replicaSize(list, name), [take(k), `lift-bench-offline-${k}`]));
    phase(`opened ${k} contacts`);
  }
  const catchUp = await page.evaluate(
    ([list, name, changes, timeout]) => window.bench.catchUp(list, name, changes, timeout),
    [take(CATCH_UP.contacts), 'lift-bench-offline-catch-up', CATCH_UP.changes, TIMEOUT_S * 1000],
  );
  phase('catch-up measured');

  console.log(`\n1. The device's copy after opening the card for K contacts (user ${deviceUser}, loopback, Chromium)`);
  line(['contacts opened', 'kept reads', 'bytes (JSON of the kept reads)', 'per contact', 'storage estimate before → after', 'card open (median)']);
  line(['---', '---', '---', '---', '---', '---']);
  for (const size of sizes) {
    line([
      size.contacts,
      size.reads,
      kb(size.bytes),
      `${kb(size.bytes / size.contacts)}, ${(size.reads / size.contacts).toFixed(1)} reads`,
      `${kb(size.usageBefore)} → ${kb(size.usageAfter)} (+${kb(size.usageAfter - size.usageBefore)})`,
      `${size.openMedian.toFixed(0)} ms`,
    ]);
  }
  const largest = sizes.at(-1);
  const perRead = largest.bytes / largest.reads;
  const perContactReads = largest.reads / largest.contacts;
  console.log(
    `\nExtrapolated (not measured): at the cap of ${KEPT_READS} kept reads, about ${Math.round(KEPT_READS / perContactReads)} contacts opened ` +
      `and ${(KEPT_READS * perRead / 1024 / 1024).toFixed(1)} MB of JSON (${(perRead / 1024).toFixed(2)} KB a read, as at K = ${largest.contacts}).`,
  );
  if (VERBOSE) for (const size of sizes) console.log(`  reads at K = ${size.contacts}: ${JSON.stringify(size.methods)}`);

  console.log(`\n2. Catch-up after ${catchUp.changes} changes made elsewhere (${catchUp.changes - catchUp.notes} contact updates, ${catchUp.notes} notes, by ${colleague} across ${catchUp.contacts} contacts in ${(catchUp.madeMs / 1000).toFixed(1)} s)`);
  console.log(`The feed keeps changes ${FEED_DAYS} days (LIFT_FEED_DAYS; by age, not by count): the ${catchUp.changes} changes are within it.`);
  line(['what', 'time', 'note']);
  line(['---', '---', '---']);
  line(['SyncAdapter.connect (same copy), online', `${catchUp.connectMs.toFixed(0)} ms`, `contacts current in the copy before: ${catchUp.atStart} of ${catchUp.contacts}`]);
  line(['the one card shown, painted', catchUp.paintedMs === undefined ? 'not painted' : `${catchUp.paintedMs.toFixed(0)} ms`, '']);
  line([
    `copy current for all ${catchUp.contacts} contacts`,
    catchUp.caughtUpMs === undefined ? `not caught up within ${TIMEOUT_S} s: ${catchUp.current} of ${catchUp.contacts} current` : `${catchUp.caughtUpMs.toFixed(0)} ms`,
    catchUp.progress.map((p) => `${p.current} at ${p.ms.toFixed(0)} ms`).slice(0, 6).join(', ') + (catchUp.progress.length > 6 ? ', …' : ''),
  ]);
  line([
    `kept overview pages showing the colleague's last note (${catchUp.noted} contacts)`,
    catchUp.overviewsMs === undefined ? `not within ${TIMEOUT_S} s: ${catchUp.overviews} of ${catchUp.noted}` : `${catchUp.overviewsMs.toFixed(0)} ms`,
    'measured beside (the card also reads an overview again when it shows it)',
  ]);
  line([
    `baseline: fresh HttpAdapter, connect + ${catchUp.contacts} × contacts.get in turn`,
    `${catchUp.baselineMs.toFixed(0)} ms (median of 3)`,
    catchUp.caughtUpMs === undefined ? 'ratio: none (not caught up)' : `catch-up / baseline = ${(catchUp.caughtUpMs / catchUp.baselineMs).toFixed(2)}`,
  ]);
  if (VERBOSE) console.log(`  progress: ${JSON.stringify(catchUp.progress)}\n  kept before: ${JSON.stringify(catchUp.keptBefore)}`);
} finally {
  await browser?.close();
  if (server) await stopServerProcess(server);
  db.stop();
  files.close();
}

// `npm run bench:team`: the overview on the team server at scale. A private PostgreSQL and the
// reference server seeded with the demo data at 10 000 contacts, the newest with 100 000 overview
// entries (LIFT_SEED_CONTACTS, LIFT_SEED_BIG); then in headless Chromium through HttpAdapter:
// the big contact's overview opened until rows are painted, a typed search until its results
// are, a contact search over the 10 000, and 8 overviews opened at once (the server's memory
// before and after). Each figure is the median / p95 of its runs, with the bytes on the wire and
// the server's part of it (request sent → first byte of the answer, the slowest answer of a run).
//   node bench/team.mjs [--no-build] [--reuse] [--runs=N] [--verbose]
// --reuse keeps the seeded cluster of the previous run (tmp/pg-bench-team) instead of seeding
// again (about 90 s); the server still applies new migrations to it. --verbose prints every run.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, ensureBrowsers } from '../scripts/browsers.mjs';
import { buildTeamServer, stopServerProcess, teamDatabase } from '../scripts/team-server.mjs';
import { buildUnlessAsked, seededTeamServer, serveFiles } from './serve.mjs';

const RUNS = Number(/^--runs=(\d+)$/.exec(process.argv.find((a) => a.startsWith('--runs=')) ?? '')?.[1] ?? 10);
const REUSE = process.argv.includes('--reuse');
const VERBOSE = process.argv.includes('--verbose');
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p95 = (xs) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))];
buildUnlessAsked();
buildTeamServer();
const { server: files, base } = await serveFiles();

const dir = path.resolve('tmp/pg-bench-team');
const db = await teamDatabase({ dir, fresh: !(REUSE && existsSync(path.join(dir, 'data', 'PG_VERSION'))) });
let server;
let browser;
try {
  let seconds;
  ({ server, seconds } = await seededTeamServer(db, base, { LIFT_SEED_CONTACTS: '10000', LIFT_SEED_BIG: '100000' }));
  console.log(`seeded and serving in ${seconds.toFixed(0)} s`);
  const token = Object.values(server.demoTokens ?? {})[0];
  const rss = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${server.pid}/status`, 'utf8'))[1]) / 1024;

  const { chromium: executablePath } = ensureBrowsers(['chromium']);
  browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  /** A page on the bench, with the bytes of every answer from the server counted. */
  async function benchPage() {
    const page = await browser.newPage();
    const answers = [];
    page.on('requestfinished', async (request) => {
      if (!request.url().startsWith(server.url)) return;
      const sizes = await request.sizes();
      const timing = request.timing();
      answers.push({ bytes: sizes.responseBodySize + sizes.responseHeadersSize, wait: timing.responseStart - timing.requestStart, url: request.url() });
    });
    await page.goto(`${base}/bench/team.html?server=${encodeURIComponent(server.url)}&token=${encodeURIComponent(token)}`);
    await page.waitForFunction(() => window.benchReady);
    /** Runs a step and answers its result with the bytes it moved and its largest answer. */
    const step = async (script, ...args) => {
      answers.length = 0;
      const result = await page.evaluate(script, args);
      await page.waitForTimeout(50);
      return {
        ...result,
        bytes: answers.reduce((sum, answer) => sum + answer.bytes, 0),
        largest: Math.max(0, ...answers.map((answer) => answer.bytes)),
        server: Math.max(0, ...answers.map((answer) => answer.wait)),
        requests: answers.map((answer) => new URL(answer.url).pathname.replace(/^.*\/contacts\/[^/]+/, '…')),
      };
    };
    return { page, step };
  }

  const { step } = await benchPage();
  const big = (await step(() => window.bench.newestContact().then((id) => ({ id })))).id;
  const series = async (label, run) => {
    const results = [];
    for (let i = 0; i < RUNS; i++) results.push(await run(i));
    const ms = results.map((r) => r.ms);
    const bytes = results.map((r) => r.bytes);
    const server = results.map((r) => r.server);
    if (VERBOSE) {
      console.log(`${label}: ${results.map((r) => `${r.ms.toFixed(0)} ms (server ${r.server.toFixed(0)})`).join(', ')}`);
      console.log(`  requests of the last run: ${results.at(-1).requests.join(', ')}`);
    }
    return { label, median: median(ms), p95: p95(ms), serverMedian: median(server), serverP95: p95(server), bytes: median(bytes), largest: Math.max(...results.map((r) => r.largest)) };
  };
  const rows = [];
  rows.push(await series('open the big card’s overview → rows painted', () => step(([id]) => window.bench.open(id), big)));
  const words = ['offerte', 'factuur', 'planning', 'overleg', 'website', 'contract', 'campagne', 'brochure', 'beurs', 'drukwerk'];
  rows.push(await series('typed search → results painted', (i) => step(([id, text]) => window.bench.search(id, text), big, words[i % words.length])));
  const names = ['jans', 'de vries', 'bakker', 'visser', 'smit', 'mulder', 'bos', 'meijer', 'dekker', 'peters'];
  rows.push(await series('contact search over 10 000', (i) => step(([text]) => window.bench.contactSearch(text), names[i % names.length])));

  const before = rss();
  const pages = await Promise.all(Array.from({ length: 8 }, () => benchPage()));
  const concurrent = await Promise.all(pages.map(({ step: run }) => run(([id]) => window.bench.open(id), big)));
  const after = rss();

  console.log('\nThe overview on the team server (loopback, 10 000 contacts, the big contact with 100 000 entries)');
  const line = (cells) => console.log(`| ${cells.join(' | ')} |`);
  line(['what', 'median / p95', 'of which the server (median / p95)', 'bytes (median)', 'largest answer', 'target']);
  line(['---', '---', '---', '---', '---', '---']);
  for (const row of rows) {
    const met = row.p95 <= 100 && row.bytes <= 200 * 1024 && row.largest <= 1024 * 1024;
    line([
      row.label,
      `${row.median.toFixed(1)} / ${row.p95.toFixed(1)} ms`,
      `${row.serverMedian.toFixed(1)} / ${row.serverP95.toFixed(1)} ms`,
      `${(row.bytes / 1024).toFixed(1)} KB`,
      `${(row.largest / 1024).toFixed(1)} KB`,
      `≤ 100 ms p95, ≤ 200 KB, ≤ 1 MB: ${met ? 'met' : 'MISSED'}`,
    ]);
  }
  const slowest = Math.max(...concurrent.map((r) => r.ms));
  line([
    '8 concurrent opens of the big card',
    `slowest ${slowest.toFixed(1)} ms`,
    `slowest ${Math.max(...concurrent.map((r) => r.server)).toFixed(1)} ms`,
    `${(median(concurrent.map((r) => r.bytes)) / 1024).toFixed(1)} KB each`,
    `server RSS +${(after - before).toFixed(1)} MB`,
    `≤ 50 MB: ${after - before <= 50 ? 'met' : 'MISSED'}`,
  ]);
} finally {
  await browser?.close();
  if (server) await stopServerProcess(server);
  db.stop();
  files.close();
}

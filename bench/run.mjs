// `npm run bench`: measurements in headless Debian Chromium (playwright-core), each figure next
// to a baseline measured in the same page and run, written to bench/results.json. Timings on
// these shared machines are noisy: read the ratios, and the spread (min–max) of the runs.
//   --no-build   use dist/ as it is
//   --only=search,data,card,memory,size,weight   a subset
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, ensureBrowsers } from '../scripts/browsers.mjs';
import { buildUnlessAsked, serveFiles } from './serve.mjs';
import { bundleEntry } from '../scripts/check-package.mjs';
import { bundleFiles, measureWeights, weightRows } from './weight.mjs';

const only = process.argv.find((a) => a.startsWith('--only='))?.slice(7).split(',');
const wanted = (part) => !only || only.includes(part);
buildUnlessAsked();
const began = Date.now();
const { server, base } = await serveFiles();
const { chromium: executablePath } = ensureBrowsers(['chromium']);
const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
const results = {};

/** Opens a bench page in a fresh context and resolves with its window.benchResult. */
async function runPage(file, { keep = false } = {}) {
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error));
  await page.goto(`${base}/bench/${file}`);
  const handle = await page.waitForFunction(() => window.benchResult ?? (window.benchError && { error: window.benchError }), null, { timeout: 480_000, polling: 500 }).catch((error) => {
    throw errors[0] ?? error;
  });
  const result = await handle.jsonValue();
  if (keep) return { result, page, context };
  await context.close();
  return { result };
}

/** JS heap in use after a full garbage collection, in MB (Chrome DevTools Protocol). */
async function heap(cdp) {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  return usedSize / 1024 / 1024;
}

try {
  // First, while the machine is quiet: cold pages are the most sensitive to other work.
  if (wanted('weight')) results.weight = await measureWeights({ browser, base, runs: 7 });
  if (wanted('search')) results.search = (await runPage('search.html')).result;
  if (wanted('data')) results.data = (await runPage('data.html')).result;
  if (wanted('card') || wanted('memory')) {
    const { result, page, context } = await runPage('card.html', { keep: true });
    results.card = result;
    if (wanted('memory')) {
      const cdp = await context.newCDPSession(page);
      const empty = await heap(cdp);
      await page.evaluate(() => window.benchMemory.openBigAndSearch());
      const withCard = await heap(cdp);
      await page.evaluate(() => window.benchMemory.close());
      const closed = await heap(cdp);
      await page.evaluate(() => window.benchMemory.holdPlain());
      const plain = await heap(cdp);
      await page.evaluate(() => window.benchMemory.dropPlain());
      await page.evaluate(() => window.benchMemory.cycle(5));
      const afterFew = await heap(cdp);
      await page.evaluate(() => window.benchMemory.cycle(50));
      const afterMany = await heap(cdp);
      results.memory = {
        emptyMb: empty,
        cardMb: withCard - empty,
        plainMb: plain - closed,
        ratio: (withCard - empty) / (plain - closed),
        afterCloseMb: closed - empty,
        cycleGrowthMb: afterMany - afterFew,
      };
    }
    await context.close();
  }
} finally {
  await browser.close();
  server.close();
}

if (wanted('size')) {
  const kb = (code) => gzipSync(code, { level: 9 }).length / 1024;
  // Our own code alone: every element and the data layer, with Lit and idb left out.
  const entry = path.resolve('dist/.bench-own-code.js');
  const tags = ['lift-data-provider', 'lift-button-bar', 'lift-checklist', 'lift-contact-timeline', 'lift-contact-card'];
  writeFileSync(entry, `${tags.map((t) => `import './${t}.js';`).join('\n')}\n`);
  try {
    const own = await bundleEntry(entry, { external: (id) => /^(lit|@lit\/|idb|tslib)(\/|$)/.test(id) });
    const whole = bundleFiles().map((file) => readFileSync(file.slice(1), 'utf8'));
    const card = await bundleEntry('dist/lift-contact-card.js');
    results.size = {
      // Each file of the bundle compressed on its own, as they travel.
      bundleKb: whole.reduce((total, code) => total + kb(code), 0),
      bundleFiles: whole.length,
      bundleEntryKb: kb(whole[0]),
      barKb: kb((await bundleEntry('dist/lift-button-bar.js')).code),
      cardWithoutTimelineKb: kb(card.code),
      cardPullsTimeline: card.modules.some((id) => /[\\/]timeline[\\/]/.test(id)),
      ownCodeKb: kb(own.allCode),
    };
  } finally {
    rmSync(entry, { force: true });
  }
}

// ---- the table
const ms = (x) => `${x.toFixed(1)} ms`;
const spread = (s) => `${ms(s.median)} (${s.min.toFixed(1)}–${s.max.toFixed(1)}, ${s.runs} runs)`;
const lines = [];
const row = (what, value, target = '') => lines.push(`  ${what.padEnd(58)} ${String(value).padEnd(38)} ${target}`);
const verdict = (ok) => (ok ? 'met' : 'MISSED');
if (results.data) {
  const { writes, contactList } = results.data;
  const ratio = writes.ratio.median;
  lines.push(`1. Adapter writes: ${writes.counts.contacts} contacts, ${writes.counts.timeline} timeline entries (+ the rest of the demo world)`);
  row('IndexedDbAdapter.importRecords, 5 000 per transaction', spread(writes.ours));
  row('raw IndexedDB, same records, 5 000 per transaction', spread(writes.raw));
  row('ratio ours / raw, per run (order alternating), median', `${ratio.toFixed(2)} (${writes.ratio.min.toFixed(2)}–${writes.ratio.max.toFixed(2)})`, `target ≤ 1.2: ${verdict(ratio <= 1.2)}`);
  const listRatio = contactList.adapter.median / contactList.cursor.median;
  lines.push('2. Contact list: first 50 newest-modified of 10 000');
  row('adapter contacts.list({ limit: 50 })', spread(contactList.adapter));
  row('raw index cursor (prev)', spread(contactList.cursor));
  row('read all + sort', spread(contactList.sortAll));
  row('ratio adapter / raw cursor', listRatio.toFixed(2), `target ≤ 1.2: ${verdict(listRatio <= 1.2)}`);
  row('ratio adapter / read all + sort', (contactList.adapter.median / contactList.sortAll.median).toFixed(3), 'far below 1');
}
if (results.card) {
  const { cardOpen, timeline, save, counts } = results.card;
  const openRatio = cardOpen.big.median / cardOpen.small.median;
  lines.push('3. Card open: created → header and first overview rows painted');
  row(`contact with ${counts.small} entries`, spread(cardOpen.small));
  row(`contact with ${counts.big.toLocaleString('en')} entries`, spread(cardOpen.big));
  row('ratio', openRatio.toFixed(2), `target ≤ 1.5: ${verdict(openRatio <= 1.5)}`);
  row(`${counts.small} entries, opened right after the ${counts.big.toLocaleString('en')}-entry card`, spread(cardOpen.smallAfterBig), `target ≤ 100 ms: ${verdict(cardOpen.smallAfterBig.median <= 100)}`);
  row(`${counts.small} entries, opened right after another small card`, spread(cardOpen.smallAfterSmall));
  lines.push(`4. Timeline with ${counts.big.toLocaleString('en')} entries`);
  row('rows in the DOM at top / middle / end', `${timeline.domRows.top} / ${timeline.domRows.middle} / ${timeline.domRows.end}`);
  row('frames until rows cover the view after a random jump', `median ${timeline.framesPerJump.median}, max ${timeline.maxFrames}`, `target ≤ 2: ${verdict(timeline.maxFrames <= 2)}`);
  row('long tasks (> 50 ms) during 100 jumps', `${timeline.longTasks} (longest ${timeline.longestTask.toFixed(0)} ms)`, `target 0: ${verdict(timeline.longTasks === 0)}`);
  row('filter swap (kinds changed → painted)', spread(timeline.filterSwap));
  lines.push('6. Save round trip: edit → save → version bumped, change entry in the overview');
  row('the card', spread(save.ours));
  row('raw put of the same two records', spread(save.raw));
}
if (results.search) {
  const { search } = results;
  lines.push(`5. Search over ${search.entries.toLocaleString('en')} entries (${search.queries} typed queries × 5 rounds)`);
  row('timeline.query on IndexedDB median / p95', `${ms(search.ours.median)} / ${ms(search.ours.p95)}`);
  row('plain filter + includes median / p95', `${ms(search.baseline.median)} / ${ms(search.baseline.p95)}`);
  row('ratio (medians)', search.ratio.toFixed(2), `target ≤ 1.0: ${verdict(search.ratio <= 1)}`);
  row('next page of 500, median / p95', `${ms(search.nextPage.median)} / ${ms(search.nextPage.p95)}`);
  row('cold page: first query (reads the contact in batches)', ms(search.coldToFirstResultsMs));
  row('  long tasks meanwhile (> 50 ms)', `${search.coldLongTasks}, longest ${ms(search.coldLongestTaskMs)}`, `target none: ${verdict(search.coldLongTasks === 0)}`);
}
if (results.memory) {
  const m = results.memory;
  lines.push('7. Memory (JS heap after a forced GC)');
  row('card open on 100 000 entries, searched once', `${m.cardMb.toFixed(1)} MB`);
  row('the same entries held as plain objects', `${m.plainMb.toFixed(1)} MB`);
  row('ratio', m.ratio.toFixed(2), `target ≤ 2: ${verdict(m.ratio <= 2)}`);
  row('left after closing the card', `${m.afterCloseMb.toFixed(1)} MB`);
  row('growth over 50 more open / close cycles', `${m.cycleGrowthMb.toFixed(2)} MB`, `no leak: ${verdict(m.cycleGrowthMb < 1)}`);
}
if (results.size) {
  const s = results.size;
  lines.push('8. Size, min+gzip');
  row('whole bundle, every file (Lit and idb inside)', `${s.bundleKb.toFixed(2)} KB in ${s.bundleFiles} files`, `budget 63: ${verdict(s.bundleKb <= 63)}`);
  row("the bundle's entry (the autoloader)", `${s.bundleEntryKb.toFixed(2)} KB`);
  row('button bar entry, Lit included', `${s.barKb.toFixed(2)} KB`, `budget 10.5: ${verdict(s.barKb <= 10.5)}`);
  row('card entry before its tabs load the timeline', `${s.cardWithoutTimelineKb.toFixed(2)} KB`, `no windowing code: ${verdict(!s.cardPullsTimeline)}`);
  row('our own code alone (no Lit, no idb)', `${s.ownCodeKb.toFixed(2)} KB`);
}
if (results.weight) {
  const { timings } = results.weight;
  lines.push('9. Page weight: JavaScript fetched when the milestone is painted (gzip -9 per file, summed; KB)');
  lines.push(`  ${'milestone'.padEnd(62)} ${'way'.padEnd(7)} ${'gzip'.padStart(6)} ${'brotli'.padStart(7)} ${'files'.padStart(5)}  ${'ceiling'.padStart(7)}  budget (#21)`);
  for (const r of weightRows(results.weight)) {
    lines.push(`  ${r.what.padEnd(62)} ${r.way.padEnd(7)} ${r.gzipKb.toFixed(2).padStart(6)} ${r.brotliKb.toFixed(2).padStart(7)} ${String(r.files ?? '').padStart(5)}  ${String(r.ceilingKb).padStart(7)}  ≤ ${r.targetKb}: ${verdict(r.gzipKb <= r.targetKb)}`);
  }
  for (const step of results.weight.milestones.interaction.npm.steps) {
    row(`  first ${step.what}: fetched meanwhile`, `${step.gzipKb.toFixed(2)} KB in ${step.files.length} files`, step.files.map((file) => `${path.basename(file.path)} ${file.gzipKb.toFixed(2)}`).join(', '));
  }
  if (timings) {
    row(`cold page → card's name painted (median of ${timings.runs}), one script`, `${ms(timings.bundleMs)}, ${timings.bundleRatio.toFixed(2)} × a bare Lit element`);
    row(`cold page → card's name painted (median of ${timings.runs}), npm entry`, `${ms(timings.npmMs)}, ${timings.npmRatio.toFixed(2)} × a bare Lit element`);
    row('cold page → a bare Lit element painted (same runs)', ms(timings.litMs));
    const { far } = timings;
    row(`the same, each request ${far.latency} ms away: one script`, `${ms(far.bundleMs)}, ${far.bundleRatio.toFixed(2)} × a bare Lit element`);
    row(`the same, each request ${far.latency} ms away: npm entry`, `${ms(far.npmMs)}, ${far.npmRatio.toFixed(2)} × a bare Lit element`);
    row(`the same, each request ${far.latency} ms away: a bare Lit element`, ms(far.litMs));
    row(`cold page → card's first overview rows painted, one script / npm entry`, `${ms(timings.bundleRowsMs)} / ${ms(timings.npmRowsMs)}`);
    row(`the same, each request ${far.latency} ms away`, `${ms(far.bundleRowsMs)} / ${ms(far.npmRowsMs)}`);
  }
}
lines.push(`(bench took ${Math.round((Date.now() - began) / 1000)} s)`);
console.log(`\n${lines.join('\n')}`);
writeFileSync('bench/results.json', `${JSON.stringify({ measuredAt: new Date().toISOString(), ...results }, null, 2)}\n`);
console.log('\nwritten to bench/results.json');

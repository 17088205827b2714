// `npm run bench`: measurements in headless Chromium (playwright-core), each figure next to a
// baseline measured in the same page, written to bench/results.json. Timings on these shared
// machines are noisy; read the ratios.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync, statSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, ensureBrowsers } from '../scripts/browsers.mjs';

const types = { '.html': 'text/html', '.js': 'text/javascript', '.json': 'application/json' };
if (!process.argv.includes('--no-build')) {
  const build = spawnSync('npm', ['run', '--silent', 'build'], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(1);
}
const server = http.createServer((req, res) => {
  const file = path.resolve('.' + new URL(req.url, 'http://x').pathname);
  if (!file.startsWith(process.cwd()) || !existsSync(file) || statSync(file).isDirectory()) return res.writeHead(404).end();
  res.writeHead(200, { 'content-type': types[path.extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const { chromium: executablePath } = ensureBrowsers(['chromium']);
const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
const results = {};
try {
  const page = await browser.newPage();
  page.on('pageerror', (error) => {
    throw error;
  });
  await page.goto(`http://127.0.0.1:${server.address().port}/bench/search.html`);
  results.search = await (await page.waitForFunction(() => window.benchResult, null, { timeout: 120_000 })).jsonValue();
} finally {
  await browser.close();
  server.close();
}

const { search } = results;
const ms = (x) => `${x.toFixed(2)} ms`;
console.log(`\nSearch over ${search.entries.toLocaleString('en')} timeline entries (${search.queries} typed queries × 5 rounds)`);
console.log(`  ${'what'.padEnd(28)} ${'median'.padStart(10)} ${'p95'.padStart(10)}`);
for (const row of [search.ours, search.baseline]) console.log(`  ${row.label.padEnd(28)} ${ms(row.median).padStart(10)} ${ms(row.p95).padStart(10)}`);
console.log(`  ratio (ours / baseline, medians): ${search.ratio.toFixed(2)} (target ≤ 1.0)`);
console.log(`  cold: entries in hand → first results: ${ms(search.coldToFirstResultsMs)}`);
writeFileSync('bench/results.json', `${JSON.stringify({ measuredAt: new Date().toISOString(), ...results }, null, 2)}\n`);
console.log('\nwritten to bench/results.json');

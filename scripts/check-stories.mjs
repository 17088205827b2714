// Loads every story of the static Storybook build in Chromium and fails on any page error,
// console error or failed request: a green `storybook build` alone proves nothing (decorator
// or import problems only show when a story renders).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, ensureBrowsers } from './browsers.mjs';

const root = path.resolve('storybook-static');
const AXE = path.resolve('node_modules/axe-core/axe.min.js');
// The card at the widths hosts give it: each of these stories puts the card in a box of its own.
// The check takes a screenshot of each (in tmp/screenshots, to look at) and fails when the card
// is narrower than that box or any of its text runs out of it or is cut off.
const WIDTH_STORIES = /^elements-lift-contact-card--(phone-390|tablet-768|desktop-1280|narrow-flex-column)$/;
const LAYOUT_PROBE = path.resolve('test/layout-probe.js');
const SCREENSHOTS = path.resolve('tmp/screenshots');
const types = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png', '.woff2': 'font/woff2' };

function serve() {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://localhost');
    // Chromium asks every new origin for a favicon; Storybook's static build has none.
    if (url.pathname === '/favicon.ico') return res.writeHead(204).end();
    // The build does not change during a run: pages after the first take its scripts (and axe)
    // from the HTTP cache, and V8 reuses their compiled code, rather than parsing 2 MB again.
    const cache = { 'cache-control': 'max-age=3600' };
    if (url.pathname === '/__axe.js') return res.writeHead(200, { 'content-type': 'text/javascript', ...cache }).end(readFileSync(AXE));
    let file = path.join(root, decodeURIComponent(url.pathname));
    if (!file.startsWith(root)) return res.writeHead(403).end();
    if (existsSync(file) && statSync(file).isDirectory()) file = path.join(file, 'index.html');
    if (!existsSync(file)) return res.writeHead(404).end();
    res.writeHead(200, { 'content-type': types[path.extname(file)] ?? 'application/octet-stream', ...cache });
    res.end(readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/**
 * The card in its story's box, once its overview rows are painted and its bar has chosen labels
 * or icons: a screenshot, then what is wrong with its width or its text (nothing when all fits).
 */
async function checkWidth(page, id) {
  await page.waitForFunction(
    async () => {
      const card = document.querySelector('#storybook-root lift-contact-card');
      await card?.loaded;
      const timeline = card?.shadowRoot.querySelector('lift-contact-timeline');
      return Boolean(timeline?.shadowRoot?.querySelector('[part~="entry"]'));
    },
    null,
    { timeout: 15_000 },
  );
  // The bar measures its room in the frames after it renders.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => requestAnimationFrame(resolve)))));
  await page.addScriptTag({ path: LAYOUT_PROBE });
  const layout = await page.evaluate(() => globalThis.liftLayout.check(document.querySelector('#storybook-root lift-contact-card')));
  const problems = layout.overflows.map((line) => `layout: ${line}`);
  if (Math.abs(layout.cardWidth - layout.hostWidth) > 1) problems.unshift(`layout: the card is ${layout.cardWidth} px wide in a ${layout.hostWidth} px box`);
  // The box the host gives, with the card in it: what a collapsed card leaves empty shows too.
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page
    .locator('#storybook-root lift-contact-card')
    .locator('xpath=..')
    .screenshot({ path: path.join(SCREENSHOTS, `${id}.png`), timeout: 10_000 })
    .catch((error) => problems.push(`screenshot: ${error.message.split('\n')[0]}`));
  return problems;
}

/** @returns {Promise<{passed:number, failed:number, skipped:number}>} */
export async function checkStories({ build = true } = {}) {
  const { chromium: executablePath } = ensureBrowsers(['chromium']);
  if (build) {
    console.log('Building Storybook…');
    const result = spawnSync('npm', ['run', '--silent', 'build-storybook'], { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, STORYBOOK_DISABLE_TELEMETRY: '1' } });
    if (result.status !== 0) {
      console.error('storybook build failed');
      return { passed: 0, failed: 1, skipped: 0 };
    }
  }
  const index = JSON.parse(readFileSync(path.join(root, 'index.json'), 'utf8'));
  const stories = Object.values(index.entries).filter((entry) => entry.type === 'story');
  if (!stories.length) {
    console.error('The Storybook build holds no stories.');
    return { passed: 0, failed: 1, skipped: 0 };
  }
  const server = await serve();
  const base = `http://127.0.0.1:${server.address().port}`;
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  // One context, so its HTTP cache serves every page. Wide enough for the 1280 px box and the
  // page's margin beside it.
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const totals = { passed: 0, failed: 0, skipped: 0 };
  // Each stories file gets a fresh page, opened at its first story; its other stories are shown
  // in that page the way Storybook's own UI switches them, which takes a fifth of a second where a
  // page load takes more than one. A fresh page per file keeps "every element defined" meaningful:
  // one file's stories cannot lean on another's imports.
  const opening = new Map();
  for (const story of stories) if (!opening.has(story.importPath)) opening.set(story.importPath, story);
  let page;
  let problems = [];
  try {
    for (const story of stories) {
      const first = opening.get(story.importPath) === story;
      if (first) {
        await page?.close();
        page = await context.newPage();
        const cdp = await context.newCDPSession(page);
        await cdp.send('Storage.clearDataForOrigin', { origin: base, storageTypes: 'indexeddb,local_storage,cache_storage,service_workers' });
        await cdp.detach();
        page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
        page.on('console', (message) => {
          if (message.type() === 'error') problems.push(`console error: ${message.text()} (${message.location().url})`);
        });
        page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()}`));
        page.on('response', (response) => {
          if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
        });
      }
      problems = [];
      try {
        if (first) {
          await page.goto(`${base}/iframe.html?id=${encodeURIComponent(story.id)}&viewMode=story`, { waitUntil: 'load' });
        } else {
          // Each story starts with no draft or choices left in storage by the one before.
          await page.evaluate((id) => {
            localStorage.clear();
            sessionStorage.clear();
            globalThis.__STORYBOOK_ADDONS_CHANNEL__.emit('setCurrentStory', { storyId: id, viewMode: 'story' });
          }, story.id);
        }
        // Storybook has finished with the story once its play function and the accessibility
        // addon's run are over (or it failed); the body then shows it or the error display.
        await page.waitForFunction(
          (id) => {
            const render = globalThis.__STORYBOOK_PREVIEW__?.currentRender;
            return render?.id === id && ['finished', 'errored', 'aborted'].includes(render.phase);
          },
          story.id,
          { timeout: 15_000 },
        );
        await page.waitForFunction(
          () => document.body.classList.contains('sb-show-main') || document.body.classList.contains('sb-show-errordisplay'),
          null,
          { timeout: 15_000 },
        );
        if (await page.evaluate(() => document.body.classList.contains('sb-show-errordisplay'))) {
          problems.push(`story error: ${await page.locator('#error-message').innerText().catch(() => '(no message)')}`);
        }
        // A story can "render" an element that never upgraded (its registration tree-shaken
        // away, say): every lift element must be defined and have drawn its shadow DOM. A story
        // of code that did not arrive (parameter `liftUndefined`) keeps its elements undefined
        // on purpose: each must then say so in its place.
        const state = await page.evaluate(() => {
          const root = document.querySelector('#storybook-root');
          const lift = [...(root?.querySelectorAll('*') ?? [])].filter((el) => el.localName.startsWith('lift-'));
          const undefinedOnes = lift.filter((el) => !customElements.get(el.localName));
          return {
            lift: lift.length,
            onPurpose: Boolean(globalThis.__STORYBOOK_PREVIEW__?.currentRender?.story?.parameters?.liftUndefined),
            undefinedTags: [...new Set(undefinedOnes.map((el) => el.localName))],
            silent: [...new Set(undefinedOnes.filter((el) => !el.shadowRoot?.querySelector('[role="alert"] button')).map((el) => el.localName))],
            empty: [...new Set(lift.filter((el) => !el.shadowRoot?.childElementCount).map((el) => el.localName))],
          };
        });
        if (!state.lift) problems.push('the story rendered no lift element');
        if (state.onPurpose && !state.undefinedTags.length) problems.push('a story of code that did not arrive whose elements are all defined');
        if (state.onPurpose && state.silent.length) problems.push(`undefined without a notice and its retry: ${state.silent.join(', ')}`);
        if (!state.onPurpose && state.undefinedTags.length) problems.push(`never defined: ${state.undefinedTags.join(', ')}`);
        else if (state.empty.length) problems.push(`rendered nothing inside: ${state.empty.join(', ')}`);
        // Every state designers review must be accessible: axe over the story (shadow roots and
        // open dialogs included), once its data has had a moment to arrive.
        await page.waitForTimeout(400);
        if (first) await page.addScriptTag({ url: `${base}/__axe.js` });
        const violations = await page.evaluate(async () => {
          // Storybook's accessibility panel runs axe too, after a story's play function: a story
          // whose play ends late meets that run, and axe takes one run at a time.
          let result;
          for (let attempt = 0; !result; attempt++) {
            try {
              result = await globalThis.axe.run('#storybook-root', { resultTypes: ['violations'] });
            } catch (error) {
              if (attempt === 20 || !String(error).includes('already running')) throw error;
              await new Promise((resolve) => setTimeout(resolve, 250));
            }
          }
          return result.violations.map((v) => `${v.id} (${v.nodes.length}): ${v.nodes[0]?.target.join(' ')}`);
        });
        for (const violation of violations) problems.push(`axe: ${violation}`);
        if (WIDTH_STORIES.test(story.id)) problems.push(...(await checkWidth(page, story.id)));
      } catch (error) {
        problems.push(String(error.message ?? error));
      }
      if (problems.length) {
        totals.failed++;
        console.log(`  ✗ story ${story.title} / ${story.name}\n      ${problems.join('\n      ')}`);
      } else {
        totals.passed++;
      }
    }
  } finally {
    await page?.close();
    await browser.close();
    server.close();
  }
  console.log(`  stories (Chromium): ${totals.passed} passed, ${totals.failed} failed`);
  return totals;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const totals = await checkStories({ build: !process.argv.includes('--no-build') });
  console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
  process.exit(totals.failed ? 1 : 0);
}

// Page weight, measured from outside in Chromium: for each milestone a user sees (the card's
// header painted, its overview rows, a bar alone, …) the JavaScript the page had fetched at the
// moment it was painted, each file gzip -9 (and brotli), summed as the files travel. Two ways a
// host ships the library: the one-script bundle (dist/lift-elements.bundle.js, which loads each
// element's chunks from dist/chunks/ when the element appears), and its npm entries bundled by
// the host's own build (here rollup with the project's settings, chunks
// kept as separate files the way a host's bundler splits them).
//
// The pages only say when a milestone is painted; which files came is read from the browser's
// resource timing, and their sizes from the files served. Used by `npm run bench` (the table)
// and by the package check (`npm test`), which enforces the ceilings in
// scripts/page-weight.json.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { rollup } from 'rollup';
import nodeResolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';

const ROOT = path.resolve('.');
const WORK = path.join(ROOT, 'tmp', 'bench-weight');
const URL_BASE = '/tmp/bench-weight';
// Where the demo-data generator is built, as the package exports it.
const DEMO_DATA = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).exports['./demo-data'].default.replace(/^\.\//, '');
export const BUDGETS = JSON.parse(readFileSync(new URL('../scripts/page-weight.json', import.meta.url), 'utf8'));

const gzipKb = (bytes) => gzipSync(bytes, { level: 9 }).length / 1024;
const brotliKb = (bytes) => brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } }).length / 1024;

/** Sizes of served files by URL path, each compressed on its own, and their sums. */
function weigh(paths) {
  const files = [...new Set(paths)].map((urlPath) => {
    const bytes = readFileSync(path.join(ROOT, decodeURIComponent(urlPath)));
    return { path: urlPath, gzipKb: gzipKb(bytes), brotliKb: brotliKb(bytes) };
  });
  const sum = (key) => files.reduce((total, file) => total + file[key], 0);
  return { files, gzipKb: sum('gzipKb'), brotliKb: sum('brotliKb') };
}

/**
 * Every file of the one-script bundle, as URL paths: its entry, its library entry and the
 * chunks they load, which are deployed together.
 */
export function bundleFiles(dist = path.join(ROOT, 'dist')) {
  const chunks = readdirSync(path.join(dist, 'chunks')).filter((file) => file.endsWith('.js'));
  return ['/dist/lift-elements.bundle.js', '/dist/lift-elements.library.js', ...chunks.map((file) => `/dist/chunks/${file}`)];
}

// ------------------------------------------------------------------------------ host builds

/** What a host's app imports, per app; each is built on its own, as a host would. */
const APPS = {
  card: `import '/dist/lift-contact-card.js';`,
  bar: `import '/dist/lift-button-bar.js';`,
  whole: ['index.js', 'lift-data-provider.js', 'lift-button-bar.js', 'lift-checklist.js', 'lift-contact-timeline.js', 'lift-contact-card.js'].map((file) => `import '/dist/${file}';`).join('\n'),
  // The floor every page pays: a bare Lit element that paints one line.
  lit: `import { LitElement, html } from 'lit';
customElements.define('bare-lit', class extends LitElement {
  render() {
    return html\`<p>Sanne de Vries</p>\`;
  }
});`,
};

/** A host's build of each app: rollup, node-resolve (browser, production), terser; chunks kept. */
async function buildApps() {
  rmSync(WORK, { recursive: true, force: true });
  const outputs = {};
  for (const [name, code] of Object.entries(APPS)) {
    const input = path.join(WORK, 'src', `${name}.js`);
    mkdirSync(path.dirname(input), { recursive: true });
    writeFileSync(input, `${code.replaceAll("'/dist/", `'${path.relative(path.dirname(input), path.join(ROOT, 'dist'))}/`)}\n`);
    const build = await rollup({
      input,
      plugins: [nodeResolve({ exportConditions: ['browser', 'production'] }), terser({ module: true, format: { comments: false } })],
      onwarn: () => {},
    });
    const dir = path.join(WORK, name);
    const { output } = await build.write({ dir, format: 'es', entryFileNames: 'main.js', chunkFileNames: '[name]-[hash].js' });
    await build.close();
    outputs[name] = output.filter((file) => file.type === 'chunk').map((file) => `${URL_BASE}/${name}/${file.fileName}`);
  }
  return outputs;
}

// ------------------------------------------------------------------------------ the pages

/** A host's own adapter, in the page (not fetched, so not counted): answers from one record. */
const HOST_ADAPTER = `
const { contact, relation, user, role } = JSON.parse(document.getElementById('record').textContent);
const kinds = ['email', 'letter', 'document', 'invoice', 'note', 'call', 'meeting', 'task', 'change', 'checklist'];
const page = (items) => Promise.resolve({ items, next: undefined });
window.hostAdapter = {
  capabilities: new Set(),
  contacts: { get: async () => contact, list: () => page([contact]) },
  relations: { get: async () => relation, list: () => page([relation]) },
  timeline: {
    list: () => page([]),
    query: async () => ({ items: [], next: undefined, total: 0, counts: Object.fromEntries(kinds.map((kind) => [kind, 0])) }),
    count: async () => 0,
    all: async () => [],
  },
  session: { currentUser: () => user, role: () => role, can: () => true, setUser() {}, users: async () => [user] },
  subscribe: () => () => {},
};`;

function pageHtml({ script, body, hostRecord }) {
  const record = hostRecord ? `<script type="application/json" id="record">${JSON.stringify(hostRecord).replace(/</g, '\\u003c')}</script>\n<script>${HOST_ADAPTER}</script>\n` : '';
  // Pages in Dutch, the elements' default language (what a page that sets no language shows):
  // each element carries Dutch and loads another language when a page asks for it.
  return `<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>weight</title>
<style>lift-contact-card { display: block; width: 1000px; }</style>
${record}<script type="module" src="${script}"></script></head>
<body>${body}</body></html>\n`;
}

const CARD = (adapter) => `<lift-contact-card contact-id="c-000001"${adapter ? ' id="hosted"' : ''}></lift-contact-card>${adapter ? `<script>document.getElementById('hosted').adapter = window.hostAdapter;</script>` : ''}`;

/**
 * Watches the page for its milestones from the first script on: in each animation frame, tests
 * each; when one holds, the next frame (after the paint) records the time since navigation and
 * the script files fetched so far. Work a page leaves for idle time (requestIdleCallback: the
 * card fetches its lazy parts ahead of use then) is held until every watched milestone is
 * painted: whether the browser happened to be idle earlier depends on the machine's load, and
 * what a page fetches only when idle is not what it needs to show something.
 */
function watchMilestones(wanted) {
  const held = [];
  let holding = 'requestIdleCallback' in window;
  if (holding) {
    const request = window.requestIdleCallback.bind(window);
    const cancel = window.cancelIdleCallback.bind(window);
    window.requestIdleCallback = (callback, options) => (holding ? -held.push({ callback, options }) : request(callback, options));
    window.cancelIdleCallback = (id) => (id < 0 ? (held[-id - 1] = undefined) : cancel(id));
    window.benchReleaseIdle = () => {
      holding = false;
      for (const entry of held.splice(0)) if (entry) request(entry.callback, entry.options);
    };
  }
  const deep = (root, selector) => {
    const found = [...root.querySelectorAll(selector)];
    for (const element of root.querySelectorAll('*')) if (element.shadowRoot) found.push(...deep(element.shadowRoot, selector));
    return found;
  };
  const text = (element) => element?.textContent?.trim() ?? '';
  const card = () => document.querySelector('lift-contact-card');
  const tests = {
    name: () => /\w/.test(text(card()?.shadowRoot?.querySelector('[part~="name"]'))) && !card().shadowRoot.querySelector('[part~="name"]').closest('[aria-busy="true"]'),
    'card-shell': () =>
      tests.name() &&
      deep(card().shadowRoot, '[role="toolbar"] button').length > 0 &&
      card().shadowRoot.querySelectorAll('[role="tablist"] [role="tab"]').length > 0,
    personal: () => tests['card-shell']() && deep(card().shadowRoot, 'input[id^="field-"]').some((input) => input.value),
    overview: () => tests.name() && deep(card().shadowRoot, '[part~="entry"]').length > 0,
    bar: () => deep(document, 'lift-button-bar')[0]?.shadowRoot?.querySelectorAll('[role="toolbar"] button').length > 0,
    lit: () => text(document.querySelector('bare-lit')?.shadowRoot?.querySelector('p')) !== '',
    defined: () => ['lift-data-provider', 'lift-button-bar', 'lift-checklist', 'lift-contact-timeline', 'lift-contact-card'].every((tag) => customElements.get(tag)),
  };
  const scripts = () => performance.getEntriesByType('resource').filter((entry) => /\.m?js(\?|$)/.test(entry.name)).map((entry) => new URL(entry.name).pathname);
  window.benchWeight = { marks: {}, scripts, deep };
  const pending = new Set(wanted);
  const poll = () => {
    for (const name of [...pending]) {
      let holds = false;
      try {
        holds = tests[name]();
      } catch {
        // not there yet
      }
      if (holds) {
        pending.delete(name);
        requestAnimationFrame(() => {
          window.benchWeight.marks[name] = { ms: performance.now(), scripts: scripts() };
          if (wanted.every((milestone) => window.benchWeight.marks[milestone])) window.benchReleaseIdle?.();
        });
      }
    }
    if (pending.size) requestAnimationFrame(poll);
  };
  requestAnimationFrame(poll);
}

/**
 * Opens `url` in a fresh context with the HTTP cache off (a cold page) and resolves with the
 * milestone's mark once it is painted. `seed` first fills the page's origin's IndexedDB.
 */
async function visit(browser, url, milestones, { seed, keep = false, latency = 0 } = {}) {
  const wanted = [milestones].flat();
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
  const errors = [];
  try {
    if (seed) await seed(context);
    const page = await context.newPage();
    page.on('pageerror', (error) => errors.push(error.message));
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    // A network farther away than loopback: each request waits `latency` ms before its answer.
    if (latency) await cdp.send('Network.emulateNetworkConditions', { offline: false, latency, downloadThroughput: -1, uploadThroughput: -1 });
    await page.addInitScript(watchMilestones, wanted);
    await page.goto(url);
    const handle = await page
      .waitForFunction((names) => names.every((name) => window.benchWeight?.marks[name]) && names.map((name) => window.benchWeight.marks[name]), wanted, { timeout: 60_000, polling: 100 })
      .catch(async (error) => {
        const got = await page.evaluate(() => Object.keys(window.benchWeight?.marks ?? {})).catch(() => []);
        throw new Error(`${url}: ${wanted.join(', ')} not all painted (got ${got.join(', ') || 'none'})${errors.length ? `; page errors: ${errors.join('; ')}` : ''}: ${error.message}`);
      });
    const marks = await handle.jsonValue();
    const mark = marks[0];
    if (keep) return { mark, marks, page, context };
    return { mark, marks };
  } finally {
    if (!keep) await context.close();
  }
}

// ------------------------------------------------------------------------------ the measurement

/**
 * Every milestone of scripts/page-weight.json, both ways where both apply, plus the cold-paint
 * ratio and the card opened right after a big one. `runs` is how often the timed paint repeats.
 */
export async function measureWeights({ browser, base, runs = 5, timings = true }) {
  const apps = await buildApps();
  const pages = path.join(WORK, 'pages');
  mkdirSync(pages, { recursive: true });
  const write = (name, html) => {
    writeFileSync(path.join(pages, `${name}.html`), html);
    return `${base}${URL_BASE}/pages/${name}.html`;
  };

  // The built-in IndexedDB, seeded once per context by a page of its own (its files are
  // fetched under another address, so the measured page's cache stays cold either way).
  write('seed', `<!doctype html><meta charset="utf-8"><script type="module">
import { IndexedDbAdapter } from '/dist/lift-elements.library.js?seed';
import { seedDemoData } from '/${DEMO_DATA}?seed';
const adapter = new IndexedDbAdapter();
await seedDemoData(adapter, { contacts: 6, entriesPerContact: 40 });
const contact = await adapter.contacts.get('c-000001');
window.seeded = { contact, relation: contact.relationId ? await adapter.relations.get(contact.relationId) : undefined, user: adapter.session.currentUser(), role: adapter.session.role() };
adapter.close?.();
</script>`);
  const seed = async (context) => {
    const page = await context.newPage();
    await page.goto(`${base}${URL_BASE}/pages/seed.html`);
    const record = await (await page.waitForFunction(() => window.seeded, null, { timeout: 120_000 })).jsonValue();
    await page.close();
    return record;
  };
  // The host adapter's record: the same contact, taken once from a seeded database.
  let hostRecord;
  {
    const context = await browser.newContext();
    hostRecord = await seed(context);
    await context.close();
  }

  const bundle = '/dist/lift-elements.bundle.js';
  const urls = {
    bundle: {
      'card-host': write('bundle-card-host', pageHtml({ script: bundle, body: CARD(true), hostRecord })),
      card: write('bundle-card', pageHtml({ script: bundle, body: CARD(false) })),
      bar: write('bundle-bar', pageHtml({ script: bundle, body: '<lift-button-bar buttons="save refresh"></lift-button-bar>' })),
    },
    npm: {
      'card-host': write('npm-card-host', pageHtml({ script: `${URL_BASE}/card/main.js`, body: CARD(true), hostRecord })),
      card: write('npm-card', pageHtml({ script: `${URL_BASE}/card/main.js`, body: CARD(false) })),
      bar: write('npm-bar', pageHtml({ script: `${URL_BASE}/bar/main.js`, body: '<lift-button-bar buttons="save refresh"></lift-button-bar>' })),
      whole: write('npm-whole', pageHtml({ script: `${URL_BASE}/whole/main.js`, body: '' })),
    },
    lit: write('lit', pageHtml({ script: `${URL_BASE}/lit/main.js`, body: '<bare-lit></bare-lit>' })),
  };
  const seedOnly = async (context) => void (await seed(context));

  const milestones = {};
  /** One visit; each [id, milestone] pair records what had come when that milestone painted. */
  const measure = async (way, page, pairs, options) => {
    const { marks } = await visit(browser, page, pairs.map(([, milestone]) => milestone), options);
    pairs.forEach(([id], i) => {
      milestones[id] ??= {};
      milestones[id][way] = { ...weigh(marks[i].scripts), ms: marks[i].ms };
    });
  };
  for (const way of ['bundle', 'npm']) {
    await measure(way, urls[way]['card-host'], [['card-host', 'card-shell']]);
    await measure(way, urls[way].card, [['card-data', 'personal'], ['card-overview', 'overview']], { seed: seedOnly });
    await measure(way, urls[way].bar, [['bar', 'bar']]);
  }
  await measure('npm', urls.npm.whole, [['whole', 'defined']]);
  // Every file of the library, whether a page asked for it or not: for npm, all the chunks
  // the host's build made of every entry; for the bundle, its two entries and every chunk (a
  // page with no element on it fetches the entry alone and defines nothing).
  milestones.whole.npm = { ...weigh(apps.whole), ms: milestones.whole.npm.ms };
  milestones.whole.bundle = weigh(bundleFiles());

  // First interactions on the npm card, after its overview is painted: each must show its
  // result; every script that arrives from the paint on (fetched on the interaction, or ahead
  // of it when the browser was idle) is a chunk a first interaction depends on.
  const interactions = await firstInteractions(browser, urls.npm.card, seedOnly, apps.card);
  milestones.interaction = { npm: interactions };

  const result = { milestones };
  if (timings) result.timings = await coldPaints(browser, urls, seedOnly, runs);
  return result;
}

/** Opens a tab, a menu and a dialog on a freshly painted card; the chunks that came meanwhile. */
async function firstInteractions(browser, url, seed, built) {
  const { mark, page, context } = await visit(browser, url, 'overview', { seed, keep: true });
  try {
    const before = new Set(mark.scripts);
    const steps = [
      ['the projects tab', () => window.benchWeight.deep(document, '[role="tab"]#tab-projects')[0].click(), () => window.benchWeight.deep(document, '#panel-projects')[0]?.checkVisibility() && !/…/.test(window.benchWeight.deep(document, '#panel-projects')[0].textContent)],
      ['the checklist tab', () => window.benchWeight.deep(document, '[role="tab"]#tab-checklist')[0].click(), () => window.benchWeight.deep(document, 'lift-checklist')[0]?.shadowRoot?.querySelector('input, [role="checkbox"], [part~="item"]')],
      ['a menu (create)', () => window.benchWeight.deep(document, 'button[data-action="create"]')[0].click(), () => window.benchWeight.deep(document, '[role="menu"]').some((menu) => menu.checkVisibility())],
      ['a dialog (search)', () => {
        document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }));
        window.benchWeight.deep(document, 'button[data-action="search"]')[0].click();
      }, () => window.benchWeight.deep(document, 'dialog[open]').some((dialog) => dialog.checkVisibility())],
    ];
    const done = [];
    for (const [what, act, shown] of steps) {
      const start = await page.evaluate(() => window.benchWeight.scripts().length);
      await page.evaluate(`(${act})()`);
      await page.waitForFunction(`(${shown})()`, null, { timeout: 30_000, polling: 'raf' }).catch((error) => {
        throw new Error(`${what} did not show: ${error.message}`);
      });
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
      const fetched = (await page.evaluate(() => window.benchWeight.scripts())).slice(start);
      done.push({ what, ...weigh(fetched) });
    }
    const after = (await page.evaluate(() => window.benchWeight.scripts())).filter((file) => !before.has(file));
    const chunks = weigh(after).files.sort((a, b) => b.gzipKb - a.gzipKb);
    // Any first interaction, not only these: every chunk of the host's build the painted card
    // did not need is loaded by some interaction (a tab, a menu, a dialog) when first used.
    const lazy = weigh(built.filter((file) => !before.has(file))).files.sort((a, b) => b.gzipKb - a.gzipKb);
    const largest = lazy[0] ?? { path: '(none)', gzipKb: 0, brotliKb: 0 };
    return { steps: done, chunks, lazy, largest, gzipKb: largest.gzipKb, brotliKb: largest.brotliKb };
  } finally {
    await context.close();
  }
}

/** The request latency of the far network the cold paints are also measured on, in ms. */
export const FAR_LATENCY = 100;

/**
 * Navigation → the card's name painted, and its first overview rows, cold (fresh context, no
 * HTTP cache, the database seeded), beside a bare Lit element's paint in the same run; runs
 * alternate between the pages. Once over loopback, where a page's time is mostly its scripts'
 * parsing and running, and once with every request waiting FAR_LATENCY ms, where it is mostly
 * the round trips the scripts make in a row (one chunk found only once another has arrived).
 */
async function coldPaints(browser, urls, seed, runs) {
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const paints = async (latency) => {
    const samples = { lit: [], bundle: [], npm: [], bundleRows: [], npmRows: [] };
    for (let run = 0; run < runs; run++) {
      samples.lit.push((await visit(browser, urls.lit, 'lit', { latency })).mark.ms);
      // The name and, in the same visit, the overview's first rows: their code and data come
      // after the name's, in more steps.
      for (const way of ['bundle', 'npm']) {
        const { marks } = await visit(browser, urls[way].card, ['name', 'overview'], { seed, latency });
        samples[way].push(marks[0].ms);
        samples[`${way}Rows`].push(marks[1].ms);
      }
    }
    return {
      litMs: median(samples.lit),
      bundleMs: median(samples.bundle),
      npmMs: median(samples.npm),
      bundleRowsMs: median(samples.bundleRows),
      npmRowsMs: median(samples.npmRows),
      bundleRatio: median(samples.bundle.map((ms, i) => ms / samples.lit[i])),
      npmRatio: median(samples.npm.map((ms, i) => ms / samples.lit[i])),
      samples,
    };
  };
  return { runs, ...(await paints(0)), far: { latency: FAR_LATENCY, ...(await paints(FAR_LATENCY)) } };
}

/** The table rows: each milestone's measured values beside its ceiling and the target. */
export function weightRows(measured) {
  return BUDGETS.milestones.map((budget) => {
    const value = measured.milestones[budget.id]?.[budget.way];
    return { ...budget, gzipKb: value?.gzipKb, brotliKb: value?.brotliKb, files: value?.files?.length ?? value?.chunks?.length };
  });
}

/** Two measurements merged: for each milestone and way, the one that fetched less. */
export function smallerOf(a, b) {
  const milestones = {};
  for (const id of new Set([...Object.keys(a.milestones), ...Object.keys(b.milestones)])) {
    milestones[id] = {};
    for (const way of new Set([...Object.keys(a.milestones[id] ?? {}), ...Object.keys(b.milestones[id] ?? {})])) {
      const [x, y] = [a.milestones[id]?.[way], b.milestones[id]?.[way]];
      milestones[id][way] = !x ? y : !y ? x : y.gzipKb < x.gzipKb ? y : x;
    }
  }
  return { ...a, milestones };
}

// Search over 100 000 timeline entries of one contact, answered by the IndexedDB adapter's
// overview query (`timeline.query`), against the baseline the spec names (a plain filter +
// includes over prepared lower-case text held in memory), on the same data and queries. The
// first query of an adapter that has never read the contact (a cold page) reads the contact's
// entries in batches: the long tasks (over 50 ms) it causes are counted with a
// PerformanceObserver. Results go to window.benchResult for bench/run.mjs.
import { IndexedDbAdapter } from '/dist/lift-elements.library.js';
import { deleteDatabase, median, p95 } from './lib.js';

const KINDS = ['email', 'letter', 'document', 'invoice', 'note', 'call', 'meeting', 'task', 'change', 'checklist'];
const WORDS = ['offerte', 'factuur', 'overleg', 'campagne', 'website', 'drukwerk', 'planning', 'Café', 'Jansen', 'de Vries', 'Ölçek', 'verhuizing', 'contract', 'brochure', 'beurs'];
const NAME = 'lift-bench-search';

/** Deterministic data: mulberry32 from a fixed seed. */
function random(seed) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const rand = random(42);
const pick = (list) => list[Math.floor(rand() * list.length)];
const entries = Array.from({ length: 100_000 }, (_, i) => ({
  id: `e${String(i).padStart(6, '0')}`,
  contactId: 'c',
  kind: pick(KINDS),
  subject: `${pick(WORDS)} ${pick(WORDS)} ${i}`,
  body: `${pick(WORDS)} en ${pick(WORDS)} besproken.\nVolgende stap: ${pick(WORDS)}.`,
  author: pick(['Sanne de Boer', 'Pieter Jansen', 'Zoë de Graaf']),
  occurredAt: new Date(Date.UTC(2026, 10, 1) - i * 600_000).toISOString(),
}));
// Typed queries: each prefix of a word, as a user types it, plus two-word queries.
const queries = [];
for (const word of ['offerte', 'cafe', 'jansen', 'verhuizing', 'xyz']) for (let n = 1; n <= word.length; n++) queries.push(word.slice(0, n));
queries.push('offerte planning', 'de vries contract', 'beurs 99');

async function measure(label, run) {
  const times = [];
  for (let round = 0; round < 5; round++) {
    for (const query of queries) {
      const start = performance.now();
      await run(query);
      times.push(performance.now() - start);
    }
  }
  return { label, median: median(times), p95: p95(times), samples: times.length };
}

await deleteDatabase(NAME);
const seeding = new IndexedDbAdapter({ databaseName: NAME });
for (let at = 0; at < entries.length; at += 10_000) await seeding.importRecords({ timeline: entries.slice(at, at + 10_000) });
seeding.close();

// Cold: an adapter that has not read the contact yet, its first query, and every long task meanwhile.
const longTasks = [];
const observer = new PerformanceObserver((list) => list.getEntries().forEach((entry) => longTasks.push(entry.duration)));
observer.observe({ type: 'longtask', buffered: false });
const adapter = new IndexedDbAdapter({ databaseName: NAME });
const coldStart = performance.now();
const first = await adapter.timeline.query('c', { text: 'offerte' });
const cold = performance.now() - coldStart;
await new Promise((resolve) => setTimeout(resolve, 100));
observer.disconnect();

// Baseline: prepared lower-case text, filter + includes (what the spec compares against).
const prepared = entries.map((e) => `${e.subject}\n${e.body}\n${e.author}`.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase());
const plain = (query) => {
  const words = query.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase().split(/\s+/).filter(Boolean);
  return entries.filter((_, i) => words.every((w) => prepared[i].includes(w)));
};

// Both must agree before their speed means anything.
for (const query of queries) {
  const a = (await adapter.timeline.query('c', { text: query, limit: 1 })).total;
  const b = plain(query).length;
  if (a !== b) throw new Error(`results differ for "${query}": ${a} vs ${b}`);
}

// A query answers the first page, the total and the counts per kind: the overview's whole need.
const ours = await measure('timeline.query (IndexedDB)', (query) => adapter.timeline.query('c', { text: query }));
const baseline = await measure('plain filter + includes', plain);
// Paging through a search: every further page of a repeated query.
const pageTimes = [];
let cursor;
do {
  const start = performance.now();
  const page = await adapter.timeline.query('c', { text: 'de', limit: 500, ...(cursor ? { cursor } : {}) });
  pageTimes.push(performance.now() - start);
  cursor = page.next;
} while (cursor && pageTimes.length < 60);
adapter.close();
await deleteDatabase(NAME);
window.benchResult = {
  entries: entries.length,
  queries: queries.length,
  coldToFirstResultsMs: cold,
  coldLongTasks: longTasks.length,
  coldLongestTaskMs: Math.max(0, ...longTasks),
  firstResults: first.total,
  ours,
  baseline,
  ratio: ours.median / baseline.median,
  nextPage: { median: median(pageTimes), p95: p95(pageTimes), samples: pageTimes.length },
};

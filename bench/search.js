// Search over 100 000 timeline entries: the overview's TimelineSearch against the baseline the
// spec names (a plain filter + includes over prepared lower-case text), in the same page, on the
// same data and queries. Results go to window.benchResult for bench/run.mjs.
import { TimelineSearch } from '/dist/timeline/search.js';

const KINDS = ['email', 'letter', 'document', 'invoice', 'note', 'call', 'meeting', 'task', 'change', 'checklist'];
const WORDS = ['offerte', 'factuur', 'overleg', 'campagne', 'website', 'drukwerk', 'planning', 'Café', 'Jansen', 'de Vries', 'Ölçek', 'verhuizing', 'contract', 'brochure', 'beurs'];

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
  id: `e${i}`,
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

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p95 = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)];

function measure(label, run) {
  const times = [];
  for (let round = 0; round < 5; round++) {
    for (const query of queries) {
      const start = performance.now();
      run(query);
      times.push(performance.now() - start);
    }
  }
  return { label, median: median(times), p95: p95(times), samples: times.length };
}

// Cold: from the raw entries to the first results.
const coldStart = performance.now();
const search = new TimelineSearch(entries);
const first = search.run({ query: 'offerte' });
const cold = performance.now() - coldStart;

// Baseline: prepared lower-case text, filter + includes (what the spec compares against).
const prepared = entries.map((e) => `${e.subject}\n${e.body}\n${e.author}`.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase());
const plain = (query) => {
  const words = query.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase().split(/\s+/).filter(Boolean);
  return entries.filter((_, i) => words.every((w) => prepared[i].includes(w)));
};

// Both must agree before their speed means anything.
for (const query of queries) {
  const a = search.run({ query }).indices.length;
  const b = plain(query).length;
  if (a !== b) throw new Error(`results differ for "${query}": ${a} vs ${b}`);
}

const ours = measure('TimelineSearch.run', (query) => search.run({ query }));
const baseline = measure('plain filter + includes', plain);
window.benchResult = { entries: entries.length, queries: queries.length, coldToFirstResultsMs: cold, firstResults: first.indices.length, ours, baseline, ratio: ours.median / baseline.median };

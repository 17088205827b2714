// Helpers shared by the bench pages: statistics, raw IndexedDB with our schema (the baselines),
// frames. Pages import the built package from /dist, so they measure what hosts ship.
import { SCHEMA } from '/dist/data/engine/store.js';

export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
export const p95 = (xs) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))];
/** Median with the spread of the runs, for the table. */
export const stats = (xs) => ({ median: median(xs), min: Math.min(...xs), max: Math.max(...xs), runs: xs.length });

export const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve()));
export const tick = () => new Promise((resolve) => setTimeout(resolve));

/** Resolves once `test()` holds, looking once a frame; throws after `limit` ms. */
export const until = async (test, limit = 20_000) => {
  const started = performance.now();
  while (!test()) {
    if (performance.now() - started > limit) throw new Error('bench: timed out waiting');
    await frame();
  }
};

/** The overview rows a card shows. */
export const entryRows = (card) => card.shadowRoot?.querySelector('lift-contact-timeline')?.shadowRoot?.querySelectorAll('[part~="entry"]') ?? [];

/** Resolves once a card's header (the name) and its first overview rows are painted. */
export async function cardPainted(card) {
  await until(() => card.shadowRoot?.querySelector('[part~="name"]') && entryRows(card).length > 0);
  await frame();
}

/** A raw IndexedDB request as a promise. */
export const request = (req) =>
  new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });

/**
 * A database with the adapter's stores and indexes, opened with no library at all. No version is
 * asked for: a new database is made with today's stores, and one the adapter wrote (at whatever
 * version it has reached) opens as it is instead of failing with a VersionError.
 */
export function openRaw(name) {
  const open = indexedDB.open(name);
  open.onupgradeneeded = () => {
    for (const [store, spec] of Object.entries(SCHEMA)) {
      const os = open.result.createObjectStore(store, { keyPath: spec.keyPath });
      for (const index of spec.indexes) os.createIndex(index.name, index.keyPath);
    }
  };
  return request(open);
}

export const deleteDatabase = (name) => request(indexedDB.deleteDatabase(name));

/** Writes every record of every store, `batch` records per transaction: the raw baseline. */
export async function rawWrite(db, records, batch = 5000) {
  for (const [store, list] of Object.entries(records)) {
    for (let i = 0; i < list.length; i += batch) {
      const tx = db.transaction(store, 'readwrite');
      const os = tx.objectStore(store);
      for (const record of list.slice(i, i + batch)) os.put(record);
      await new Promise((resolve, reject) => {
        tx.oncomplete = resolve;
        tx.onerror = () => reject(tx.error);
        tx.onabort = () => reject(tx.error);
      });
    }
  }
}

/** Every record of every store of a database, read raw. */
export async function readAll(name) {
  const db = await openRaw(name);
  const out = {};
  for (const store of Object.keys(SCHEMA)) out[store] = await request(db.transaction(store).objectStore(store).getAll());
  db.close();
  return out;
}

/** The first `limit` records of an index passing `keep`, newest first, with a raw cursor. */
export function rawNewest(db, store, index, limit, keep = () => true) {
  return new Promise((resolve, reject) => {
    const items = [];
    const req = db.transaction(store).objectStore(store).index(index).openCursor(null, 'prev');
    req.onerror = () => reject(req.error);
    req.onsuccess = () => {
      const cursor = req.result;
      if (!cursor || items.length >= limit) return resolve(items);
      if (keep(cursor.value)) items.push(cursor.value);
      cursor.continue();
    };
  });
}

/** Everything in a store, sorted in memory: what an index saves us. */
export async function readAllAndSort(db, store, key, limit, keep = () => true) {
  const all = (await request(db.transaction(store).objectStore(store).getAll())).filter(keep);
  return all.sort((a, b) => (a[key] < b[key] ? 1 : a[key] > b[key] ? -1 : 0)).slice(0, limit);
}

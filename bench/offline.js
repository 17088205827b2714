// The offline team mode on the team server (driven by bench/offline.mjs): how much the device's
// copy (SyncAdapter's replica in IndexedDB) holds after the card was opened for K contacts, and
// how long the copy takes to catch up with 1 000 changes a colleague made while the device was
// closed. The copy is read raw from IndexedDB here: what is on the device, not what the adapter says.
import '/dist/lift-elements.bundle.js';
import { HttpAdapter, SyncAdapter } from '/dist/lift-elements.team.js';
import { contactKey } from '/dist/data/sync/device-writes.js';
import { cardPainted, deleteDatabase, median, request } from './lib.js';

const params = new URLSearchParams(location.search);
const server = params.get('server');
const tokens = JSON.parse(params.get('tokens'));
const [deviceUser, colleagueUser] = params.get('users').split(',');
const as = (user) => () => ({ authorization: `Bearer ${tokens[user]}` });
const openDevice = (name) => SyncAdapter.connect({ baseUrl: server, headers: as(deviceUser), name });
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** The copy's database: one per name, server and user (as SyncAdapter names it). */
const copyOf = (name, adapter) => `${name}:${adapter.scope}:${adapter.session.currentUser().id}`;

/** Opens an existing database at whatever version it has, without changing it. */
const openExisting = (dbName) => request(indexedDB.open(dbName));

/** Mounts the card for `contactId` on `adapter`; resolves with it and the ms until it is painted. */
async function openCard(adapter, contactId) {
  document.body.replaceChildren();
  const card = document.createElement('lift-contact-card');
  card.lang = 'en';
  card.adapter = adapter;
  card.contactId = contactId;
  const started = performance.now();
  document.body.append(card);
  await cardPainted(card);
  return { card, ms: performance.now() - started };
}

/** The kept reads of a copy: their number, their bytes as JSON, and the number per kind of read. */
async function readsOf(dbName) {
  const db = await openExisting(dbName);
  const reads = await request(db.transaction('reads').objectStore('reads').getAll());
  const outbox = await request(db.transaction('outbox').objectStore('outbox').count());
  db.close();
  const methods = {};
  let bytes = 0;
  for (const record of reads) {
    bytes += JSON.stringify(record).length;
    const method = record.key.split('|')[1];
    methods[method] = (methods[method] ?? 0) + 1;
  }
  return { reads: reads.length, bytes, outbox, methods };
}

/** The kept reads once the adapter stopped adding to them (it keeps each answer without waiting). */
async function settledReads(dbName) {
  let last = await readsOf(dbName);
  for (;;) {
    await sleep(200);
    const now = await readsOf(dbName);
    if (now.reads === last.reads && now.bytes === last.bytes) return now;
    last = now;
  }
}

const usage = async () => (await navigator.storage.estimate()).usage ?? 0;

/** The device opens the card for each contact in turn, as a user going through a list does. */
async function fill(name, ids) {
  const device = await openDevice(name);
  const dbName = copyOf(name, device);
  const opens = [];
  for (const id of ids) {
    const { card, ms } = await openCard(device, id);
    opens.push(ms);
    card.remove();
  }
  const reads = await settledReads(dbName);
  return { device, dbName, reads, openMedian: median(opens) };
}

/** All contact ids, newest first, a page at a time. */
async function contactIds(adapter, count) {
  const ids = [];
  let cursor;
  do {
    const page = await adapter.contacts.list({ limit: 500, ...(cursor ? { cursor } : {}) });
    ids.push(...page.items.map((c) => c.id));
    cursor = page.next;
  } while (cursor && ids.length < count);
  return ids.slice(0, count);
}

window.bench = {
  async ids(count) {
    const adapter = await HttpAdapter.connect({ baseUrl: server, headers: as(deviceUser) });
    const ids = await contactIds(adapter, count);
    adapter.close();
    return ids;
  },

  /** 1. The copy after the card was opened for `ids`, each in turn, in a fresh copy. */
  async replicaSize(ids, name) {
    const before = await usage();
    const { device, dbName, reads, openMedian } = await fill(name, ids);
    device.close();
    await sleep(500);
    const after = await usage();
    return { contacts: ids.length, ...reads, usageBefore: before, usageAfter: after, openMedian, dbName };
  },

  /** 2. Catch-up after `changes` changes by a colleague across `ids` while the device was closed. */
  async catchUp(ids, name, changes, timeoutMs) {
    const filled = await fill(name, ids);
    filled.device.close();
    document.body.replaceChildren();

    // The colleague: field updates, about one change in eleven a note; each contact's changes in order.
    const colleague = await HttpAdapter.connect({ baseUrl: server, headers: as(colleagueUser) });
    const workers = 10;
    const making = performance.now();
    let notes = 0;
    const lastNote = new Map();
    await Promise.all(
      Array.from({ length: workers }, async (_, worker) => {
        const current = new Map();
        for (let i = worker; i < changes; i += workers) {
          const id = ids[i % ids.length];
          if (i % 11 === 10) {
            const note = await colleague.timeline.add({ contactId: id, kind: 'note', subject: `Bench note ${i}`, body: `Made elsewhere while the device was closed (${i}).` });
            lastNote.set(id, note.id);
            notes++;
            continue;
          }
          const contact = current.get(id) ?? (await colleague.contacts.get(id));
          const field = i % 20 < 10 ? 'jobTitle' : 'department';
          current.set(id, await colleague.contacts.update(id, contact.version, { [field]: `Bench ${field} ${i}` }));
        }
      }),
    );
    const madeMs = performance.now() - making;
    // What the server holds now: what the copy must come to.
    const expected = new Map();
    for (const id of ids) expected.set(id, await colleague.contacts.get(id));
    colleague.close();
    const currentIn = (value, id) => {
      const want = expected.get(id);
      return value && value.version === want.version && value.jobTitle === want.jobTitle && value.department === want.department;
    };

    // The device opens again, online, and shows one card; the copy is read raw every ~20 ms.
    const db = await openExisting(filled.dbName);
    const countCurrent = async () => {
      const store = db.transaction('reads').objectStore('reads');
      const records = await Promise.all(ids.map((id) => request(store.get(contactKey(id)))));
      return records.filter((record, i) => currentIn(record?.value, ids[i])).length;
    };
    // Beside the contacts: the kept overview pages that show the colleague's last note to the contact.
    const noted = [...lastNote.keys()];
    const countOverviews = async () => {
      const store = db.transaction('reads').objectStore('reads');
      const pages = await Promise.all(noted.map((id) => request(store.getAll(IDBKeyRange.bound(`${id}|timeline.query|`, `${id}|timeline.query|\uffff`)))));
      return pages.filter((kept, i) => kept.some((record) => record.value?.items?.some((entry) => entry.id === lastNote.get(noted[i])))).length;
    };
    const atStart = await countCurrent();
    const opened = performance.now();
    const device = await openDevice(name);
    const connectMs = performance.now() - opened;
    const card = document.createElement('lift-contact-card');
    card.lang = 'en';
    card.adapter = device;
    card.contactId = ids[0];
    document.body.append(card);
    let paintedMs;
    void cardPainted(card).then(() => (paintedMs = performance.now() - opened), () => {});
    const progress = [];
    let current = 0;
    let overviews = 0;
    let caughtUpMs;
    let overviewsMs;
    while (performance.now() - opened < timeoutMs) {
      const now = await countCurrent();
      if (now !== current) progress.push({ ms: performance.now() - opened, current: now });
      current = now;
      if (current === ids.length) caughtUpMs ??= performance.now() - opened;
      overviews = await countOverviews();
      if (overviews === noted.length) overviewsMs ??= performance.now() - opened;
      if (caughtUpMs !== undefined && overviewsMs !== undefined) break;
      await sleep(20);
    }
    db.close();
    card.remove();
    device.close();

    // The baseline: a fresh HttpAdapter reads the same contacts one after another (median of 3).
    const baseline = [];
    for (let run = 0; run < 3; run++) {
      const started = performance.now();
      const fresh = await HttpAdapter.connect({ baseUrl: server, headers: as(deviceUser) });
      for (const id of ids) await fresh.contacts.get(id);
      baseline.push(performance.now() - started);
      fresh.close();
    }
    return {
      contacts: ids.length, changes, notes, madeMs, atStart, connectMs, paintedMs, caughtUpMs, current, progress, noted: noted.length, overviews, overviewsMs,
      baselineMs: median(baseline), baselineRuns: baseline, keptBefore: filled.reads,
    };
  },

  deleteDatabase,
};
window.benchReady = true;

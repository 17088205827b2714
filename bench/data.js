// 1. Adapter writes: 10 000 contacts and 100 000 timeline entries written through the
//    IndexedDbAdapter's bulk path vs the same records written raw, one transaction per batch.
// 2. The contact list's first page of 50 newest-modified out of 10 000: the adapter vs a raw
//    index cursor, and vs reading everything and sorting it.
import { IndexedDbAdapter } from '/dist/lift-elements.library.js';
import { seedDemoData } from '/dist/data/demo/demo-data.js';
import { deleteDatabase, openRaw, rawNewest, rawWrite, readAll, readAllAndSort, stats } from './lib.js';

const RUNS = 5;
const source = 'lift-bench-source';
await deleteDatabase(source);
const seeding = new IndexedDbAdapter({ databaseName: source });
const seedStarted = performance.now();
await seedDemoData(seeding, { contacts: 10_000, entriesPerContact: 10 });
const seedMs = performance.now() - seedStarted;
seeding.close();
// The records exactly as the adapter stores them (search keys included): both sides write these.
const records = await readAll(source);
const counts = Object.fromEntries(Object.entries(records).map(([store, list]) => [store, list.length]));

const ours = [];
const raw = [];
const ratios = [];
async function writeOurs() {
  await deleteDatabase('lift-bench-ours');
  const adapter = new IndexedDbAdapter({ databaseName: 'lift-bench-ours' });
  await adapter.contacts.list({ limit: 1 }); // opened and upgraded before the clock starts
  // The adapter's bulk path in the same batches as the raw baseline (and as seedDemoData).
  const started = performance.now();
  for (const [store, list] of Object.entries(records)) {
    for (let i = 0; i < list.length; i += 5000) await adapter.importRecords({ [store]: list.slice(i, i + 5000) });
  }
  const ms = performance.now() - started;
  adapter.close();
  return ms;
}
async function writeRaw() {
  await deleteDatabase('lift-bench-raw');
  const db = await openRaw('lift-bench-raw');
  const started = performance.now();
  await rawWrite(db, records);
  const ms = performance.now() - started;
  db.close();
  return ms;
}
// Each run writes both ways, the order alternating, so neither side always pays for the
// garbage and disk flushes the other left; the ratio is taken per run, then its median.
for (let run = 0; run < RUNS; run++) {
  let a, b;
  if (run % 2 === 0) {
    a = await writeOurs();
    b = await writeRaw();
  } else {
    b = await writeRaw();
    a = await writeOurs();
  }
  ours.push(a);
  raw.push(b);
  ratios.push(a / b);
}

// The contact list, on the database just written.
const adapter = new IndexedDbAdapter({ databaseName: 'lift-bench-ours' });
const db = await openRaw('lift-bench-raw');
const first = { adapter: [], cursor: [], sortAll: [] };
const timed = async (list, run) => {
  const started = performance.now();
  const result = await run();
  list.push(performance.now() - started);
  return result;
};
// Like the adapter, the raw ways leave archived contacts out.
const viaAdapter = () => timed(first.adapter, async () => (await adapter.contacts.list({ limit: 50 })).items);
const viaCursor = () => timed(first.cursor, () => rawNewest(db, 'contacts', 'byUpdated', 50, (c) => !c.archived));
for (let run = 0; run < 21; run++) {
  // Alternate who goes first, so neither always follows the other's garbage.
  const [a, b] = run % 2 ? [await viaAdapter(), await viaCursor()] : [await viaCursor(), await viaAdapter()].reverse();
  if (a[0].id !== b[0].id) throw new Error('the adapter and the raw cursor disagree on the newest contact');
}
// Reading everything and sorting allocates a lot: measured apart, after the others.
for (let run = 0; run < 7; run++) {
  const sorted = await timed(first.sortAll, () => readAllAndSort(db, 'contacts', 'updatedAt', 50, (c) => !c.archived));
  if (sorted[0].updatedAt === undefined) throw new Error('read all + sort found nothing');
}
adapter.close();
db.close();
for (const name of [source, 'lift-bench-ours', 'lift-bench-raw']) await deleteDatabase(name);

window.benchResult = {
  writes: { counts, seedWithGeneratorMs: seedMs, ours: stats(ours), raw: stats(raw), ratio: stats(ratios) },
  contactList: { adapter: stats(first.adapter), cursor: stats(first.cursor), sortAll: stats(first.sortAll) },
};

// 3. Card open, 4. timeline windowing, 6. save round trip, and the page side of 7. memory,
// on one contact with 100 000 entries and one with about 100, through the built bundle.
import '/dist/lift-elements.bundle.js';
import { IndexedDbAdapter } from '/dist/lift-elements.library.js';
import { seedDemoData } from '/dist/data/demo/demo-data.js';
import { cardPainted, deleteDatabase, entryRows, frame, openRaw, stats, tick, until } from './lib.js';

const NAME = 'lift-bench-card';
await deleteDatabase(NAME);
const adapter = new IndexedDbAdapter({ databaseName: NAME });
const seeded = await seedDemoData(adapter, { contacts: 20, entriesPerContact: 100, bigContactEntries: 100_000 });
const big = seeded.contactIds[0];
let small = seeded.contactIds[1];
for (const id of seeded.contactIds.slice(1)) {
  if (Math.abs((await adapter.timeline.count(id)) - 100) < Math.abs((await adapter.timeline.count(small)) - 100)) small = id;
}
const counts = { big: await adapter.timeline.count(big), small: await adapter.timeline.count(small) };

/** Creates a card and resolves when its header and first overview rows are painted. */
async function openCard(contactId) {
  const card = document.createElement('lift-contact-card');
  card.lang = 'en';
  card.adapter = adapter;
  card.contactId = contactId;
  performance.mark('card-start');
  document.body.append(card);
  await cardPainted(card);
  performance.mark('card-painted');
  return { card, ms: performance.measure('card-open', 'card-start', 'card-painted').duration };
}

// 3. Card open.
const open = { small: [], big: [] };
await openCard(small).then(({ card }) => card.remove()); // warm-up: code and connections
for (let run = 0; run < 5; run++) {
  for (const which of ['small', 'big']) {
    const { card, ms } = await openCard(which === 'big' ? big : small);
    open[which].push(ms);
    card.remove();
    await tick();
  }
}

// 3b. The small card opened right after the big one (the big one painted, then closed), beside
// the small card opened right after another small one: what the big card leaves behind costs.
const afterBig = [];
const afterSmall = [];
for (let run = 0; run < 5; run++) {
  for (const [before, samples] of [[big, afterBig], [small, afterSmall]]) {
    (await openCard(before)).card.remove();
    const { card, ms } = await openCard(small);
    samples.push(ms);
    card.remove();
    await tick();
  }
}

// 4. The timeline with 100 000 entries.
const { card } = await openCard(big);
const timeline = card.shadowRoot.querySelector('lift-contact-timeline');
await timeline.loaded;
await frame();
const scroller = timeline.shadowRoot.querySelector('[part~="scroller"]');
const rowsAt = async (fraction) => {
  scroller.scrollTop = fraction * (scroller.scrollHeight - scroller.clientHeight);
  await frame();
  await frame();
  return timeline.shadowRoot.querySelectorAll('[part~="entry"], [part~="month"]').length;
};
const domRows = { top: await rowsAt(0), middle: await rowsAt(0.5), end: await rowsAt(1) };
/** Whether rendered rows cover the viewport at the current scroll position. */
const covered = () => {
  const view = scroller.getBoundingClientRect();
  const rows = [...timeline.shadowRoot.querySelectorAll('[part~="entry"], [part~="month"]')].map((row) => row.getBoundingClientRect());
  return rows.some((r) => r.top <= view.top + 1) && rows.some((r) => r.bottom >= view.bottom - 1);
};
const longTasks = [];
const observer = new PerformanceObserver((list) => longTasks.push(...list.getEntries().map((e) => e.duration)));
observer.observe({ type: 'longtask' });
let seed = 7;
const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
const framesPerJump = [];
for (let jump = 0; jump < 100; jump++) {
  scroller.scrollTop = random() * (scroller.scrollHeight - scroller.clientHeight);
  let frames = 0;
  do {
    await frame();
    frames++;
  } while (!covered() && frames < 600); // up to 10 s at 60 frames a second
  framesPerJump.push(frames);
}
await tick();
observer.disconnect();
const swaps = [];
for (const kinds of [['email'], ['call', 'meeting'], undefined, ['invoice'], undefined]) {
  const started = performance.now();
  timeline.kinds = kinds;
  await timeline.updateComplete;
  await frame();
  swaps.push(performance.now() - started);
}
card.remove();

// 6. Save round trip: edit → save → the version bumped and the change entry in the overview.
const saves = [];
const rawSaves = [];
const { card: editing } = await openCard(small);
for (let run = 0; run < 8; run++) {
  const before = entryRows(editing).length;
  const input = editing.shadowRoot.querySelector('#field-notes');
  input.value = `Notitie ${run} ${Date.now()}`;
  input.dispatchEvent(new Event('input'));
  await editing.updateComplete;
  const version = (await adapter.contacts.get(small)).version;
  const started = performance.now();
  const saved = new Promise((resolve) => editing.addEventListener('lift-contact-saved', resolve, { once: true }));
  await editing.save();
  await saved;
  await until(() => entryRows(editing).length > before || editing.shadowRoot.querySelector('lift-contact-timeline').shadowRoot.textContent.includes(input.value));
  saves.push(performance.now() - started);
  if ((await adapter.contacts.get(small)).version !== version + 1) throw new Error('bench: the save did not bump the version');
}
editing.remove();
// Baseline: the same two records (contact and change entry) put raw in one transaction.
const db = await openRaw(NAME);
const contactRecord = await new Promise((resolve) => (db.transaction('contacts').objectStore('contacts').get(small).onsuccess = (e) => resolve(e.target.result)));
for (let run = 0; run < 8; run++) {
  const started = performance.now();
  const tx = db.transaction(['contacts', 'timeline'], 'readwrite');
  tx.objectStore('contacts').put({ ...contactRecord, notes: `raw ${run}` });
  tx.objectStore('timeline').put({ id: `raw-${run}`, contactId: small, kind: 'change', subject: 'notes', body: '', occurredAt: new Date().toISOString(), author: 'bench' });
  await new Promise((resolve) => (tx.oncomplete = resolve));
  rawSaves.push(performance.now() - started);
}
db.close();

// 7. Memory: bench/run.mjs measures the heap (after a forced GC) between these steps.
let held;
let shown;
window.benchMemory = {
  async openBigAndSearch() {
    const { card } = await openCard(big);
    const tl = card.shadowRoot.querySelector('lift-contact-timeline');
    await tl.loaded;
    tl.query = 'offerte';
    await tl.updateComplete;
    await new Promise((resolve) => setTimeout(resolve, 300));
    shown = card;
  },
  close() {
    shown?.remove();
    shown = undefined;
  },
  async holdPlain() {
    // The same 100 000 entries as plain objects: the floor any overview must hold.
    held = (await adapter.timeline.all(big)).map((entry) => ({ ...entry }));
  },
  dropPlain() {
    held = undefined;
  },
  async cycle(times) {
    for (let i = 0; i < times; i++) {
      const { card } = await openCard(small);
      card.remove();
      await tick();
    }
  },
  heldCount: () => held?.length ?? 0,
};

window.benchResult = {
  counts,
  cardOpen: { small: stats(open.small), big: stats(open.big), smallAfterBig: stats(afterBig), smallAfterSmall: stats(afterSmall) },
  timeline: { domRows, framesPerJump: stats(framesPerJump), maxFrames: Math.max(...framesPerJump), longTasks: longTasks.length, longestTask: Math.max(0, ...longTasks), filterSwap: stats(swaps) },
  save: { ours: stats(saves), raw: stats(rawSaves) },
};

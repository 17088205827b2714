import { expect } from '@open-wc/testing';
import { seedDemoData } from '../src/data/demo/demo-data.js';
import { dropDatabases, freshIndexedDbAdapter } from './db.js';

// Scale checks on real IndexedDB with 100 000 entries; Chromium only (see README), since they
// take seconds per engine. Times are printed for the record, never asserted: they come from
// `npm run bench`. What is asserted is how much IndexedDB work a page costs.

/**
 * Counts cursor steps (each `success` of a cursor request is one record visited) and bulk reads
 * while `run` executes. It wraps the request-making methods only: idb recognises the cursor's
 * own `continue` by identity, so that one must stay untouched.
 */
async function countReads<T>(run: () => Promise<T>): Promise<{ result: T; steps: number; bulkReads: number }> {
  const counts = { steps: 0, bulkReads: 0 };
  const patched: [object, string, unknown][] = [];
  const wrap = (proto: object, name: string, onRequest: (request: IDBRequest) => void) => {
    const original = (proto as Record<string, (...args: unknown[]) => IDBRequest>)[name]!;
    patched.push([proto, name, original]);
    (proto as Record<string, unknown>)[name] = function (this: unknown, ...args: unknown[]) {
      const request = original.apply(this, args);
      onRequest(request);
      return request;
    };
  };
  const countSteps = (request: IDBRequest) => request.addEventListener('success', () => request.result && counts.steps++);
  const countBulk = () => counts.bulkReads++;
  for (const proto of [IDBIndex.prototype, IDBObjectStore.prototype]) {
    wrap(proto, 'openCursor', countSteps);
    wrap(proto, 'getAll', countBulk);
  }
  try {
    const result = await run();
    return { result, ...counts };
  } finally {
    for (const [proto, name, original] of patched) (proto as Record<string, unknown>)[name] = original;
  }
}

describe('IndexedDbAdapter at scale', function () {
  this.timeout(180_000);
  afterEach(() => dropDatabases());

  it('reads the first 50 of 100 000 timeline entries from the index, not by reading them all', async () => {
    const adapter = freshIndexedDbAdapter();
    const seedStart = performance.now();
    const seeded = await seedDemoData(adapter, { contacts: 50, entriesPerContact: 4, bigContactEntries: 100_000 });
    const seedMs = performance.now() - seedStart;
    const big = seeded.contactIds[0]!;
    expect(await adapter.timeline.count(big)).to.equal(100_000);

    const pageStart = performance.now();
    const { result: page, steps, bulkReads } = await countReads(() => adapter.timeline.list(big, { limit: 50 }));
    const pageMs = performance.now() - pageStart;
    expect(page.items).to.have.length(50);
    expect(page.next).to.be.a('string');
    const times = page.items.map((e) => e.occurredAt);
    expect(times).to.deep.equal([...times].sort().reverse());
    // One cursor step per record on the page, plus one to see whether a next page exists.
    expect(steps).to.be.within(50, 51);
    expect(bulkReads).to.equal(0);

    const { result: second, steps: secondSteps } = await countReads(() => adapter.timeline.list(big, { limit: 50, cursor: page.next! }));
    expect(second.items[0]!.occurredAt <= page.items.at(-1)!.occurredAt).to.equal(true);
    expect(second.items.some((e) => page.items.some((f) => f.id === e.id))).to.equal(false);
    expect(secondSteps).to.be.at.most(51);
    console.log(`seeded 100 000 entries (+ ${seeded.entryCount - 100_000} others, 50 contacts) in ${seedMs.toFixed(0)} ms; first page of 50 in ${pageMs.toFixed(1)} ms`);
  });

  it('reads the first page of contacts, newest first, from the updatedAt index', async () => {
    const adapter = freshIndexedDbAdapter();
    const seeded = await seedDemoData(adapter, { contacts: 3000, entriesPerContact: 0 });
    const { result: page, steps, bulkReads } = await countReads(() => adapter.contacts.list({ limit: 50 }));
    expect(page.items.map((c) => c.id)).to.deep.equal(seeded.contactIds.filter((id) => page.items.some((c) => c.id === id)).slice(0, 50));
    expect(page.items.map((c) => c.id)[0]).to.equal(seeded.contactIds.find((id) => page.items.some((c) => c.id === id)));
    // Archived contacts are stepped over; about one in twelve is archived, so a page costs a
    // few more steps than it holds, never a read of all 3 000.
    expect(steps).to.be.below(80);
    expect(bulkReads).to.equal(0);
  });
});

import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import type { LiftAdapter, OverviewQuery } from '../src/data/contract/adapter.js';
import { LiftDataError } from '../src/data/contract/errors.js';
import { MemoryAdapter } from '../src/data/adapters/memory-adapter.js';
import { TIMELINE_KINDS, type TimelineEntry, type TimelineKind } from '../src/data/contract/model.js';
import type { StoreAdapter } from '../src/data/engine/store-adapter.js';
import { plainOverview } from '../src/conformance/overview.js';
import { dropDatabases, freshIndexedDbAdapter, uniqueDatabaseName } from './db.js';
import { oneContact } from './worlds.js';

// The overview query must answer exactly what a plain scan of the contact's entries answers
// (the kit's scan, written the obvious way), and fast-check looks for data and queries where an
// adapter differs from it.
const plainScan = plainOverview;

/** Every page of a query, following the cursors. */
async function allPages(adapter: LiftAdapter, contactId: string, query: OverviewQuery) {
  const pages = [];
  let cursor: string | undefined;
  do {
    const page = await adapter.timeline.query(contactId, { ...query, ...(cursor ? { cursor } : {}) });
    pages.push(page);
    cursor = page.next;
  } while (cursor);
  return pages;
}

const vocabulary = ['Offerte', 'offerte', 'Café', 'cafe', 'Ölçek', 'Jansen', 'project', 'é', 'İstanbul', 'Functie', 'functie', 'job', 'de', '🙂', '\n'];
const text = fc.array(fc.constantFrom(...vocabulary), { maxLength: 5 }).map((parts) => parts.join(' '));
const start = Date.UTC(2024, 0, 1);
const rawEntry = fc.record({
  kind: fc.constantFrom(...TIMELINE_KINDS),
  subject: text,
  body: text,
  author: fc.constantFrom('Sanne de Boer', 'Pieter Jansen', 'Ümit'),
  // Few distinct minutes, so entries share a time and the id decides their order.
  minute: fc.integer({ min: 0, max: 40 }).map((m) => m * 7919),
  field: fc.constantFrom('jobTitle', 'email', 'lastName', 'archived'),
});
const instant = fc.option(fc.integer({ min: -10, max: 400_000 }).map((m) => new Date(start + m * 60_000).toISOString()), { nil: undefined });
const queryArb = fc.record({
  text,
  kinds: fc.subarray([...TIMELINE_KINDS]),
  from: instant,
  to: instant,
  limit: fc.integer({ min: 1, max: 7 }),
});

type RawEntry = typeof rawEntry extends fc.Arbitrary<infer T> ? T : never;

function entriesOf(raw: RawEntry[], contactId: string): TimelineEntry[] {
  return raw.map((r, i) => ({
    id: `e${String(i).padStart(3, '0')}`,
    contactId,
    kind: r.kind,
    subject: r.kind === 'change' ? r.field : r.subject,
    body: r.body,
    author: r.author,
    occurredAt: new Date(start + r.minute * 60_000).toISOString(),
    ...(r.kind === 'change' ? { change: { field: r.field, old: '', new: r.subject } } : {}),
  }));
}

async function seeded(adapter: StoreAdapter, entries: TimelineEntry[], other: TimelineEntry[]) {
  await adapter.importRecords({ timeline: [...entries, ...other] as never[] });
}

/** fast-check over one adapter kind: any data, any queries in a row, every page. */
function equalsPlainScan(make: () => StoreAdapter, numRuns: number) {
  return fc.assert(
    fc.asyncProperty(fc.array(rawEntry, { maxLength: 40 }), fc.array(queryArb, { minLength: 1, maxLength: 4 }), async (raw, queries) => {
      const adapter = make();
      const entries = entriesOf(raw, 'c1');
      // Another contact's entries never show.
      await seeded(adapter, entries, entriesOf(raw.slice(0, 5), 'c2').map((e) => ({ ...e, id: `x${e.id}` })));
      for (const query of queries) {
        const pages = await allPages(adapter, 'c1', query);
        const expected = plainScan(entries, query);
        expect(pages.flatMap((p) => p.items.map((e) => e.id))).to.deep.equal(expected.map((e) => e.id));
        for (const page of pages) {
          expect(page.items.length).to.be.at.most(query.limit);
          expect(page.total).to.equal(expected.length);
          for (const kind of TIMELINE_KINDS) {
            expect(page.counts[kind], `count of ${kind}`).to.equal(plainScan(entries, { ...query, kinds: [kind] }).length);
          }
        }
      }
      adapter.close();
    }),
    { numRuns },
  );
}

describe('timeline.query (the overview where the data lives)', () => {
  afterEach(dropDatabases);

  it('answers exactly what a plain scan answers, page after page, for any data and query (memory)', async () => {
    await equalsPlainScan(() => new MemoryAdapter(), 150);
  });

  it('answers exactly what a plain scan answers, page after page, for any data and query (IndexedDB)', async () => {
    await equalsPlainScan(() => freshIndexedDbAdapter(), 25);
  });

  it('finds entries written after its first query, here and through another adapter on the same database', async () => {
    const databaseName = uniqueDatabaseName('overview');
    const adapter = freshIndexedDbAdapter({ databaseName });
    const other = freshIndexedDbAdapter({ databaseName });
    const { contact } = await oneContact(adapter, 'Café Noord', { lastName: 'Bakker' });
    expect((await adapter.timeline.query(contact.id, { text: 'offerte' })).total).to.equal(0);
    await adapter.timeline.add({ contactId: contact.id, kind: 'note', subject: 'Offerte verstuurd', body: '' });
    await other.timeline.add({ contactId: contact.id, kind: 'call', subject: 'Offerte besproken', body: '' });
    const page = await adapter.timeline.query(contact.id, { text: 'OFFÉRTE' });
    expect(page.items.map((e) => e.subject)).to.deep.equal(['Offerte besproken', 'Offerte verstuurd']);
    expect([page.counts.note, page.counts.call, page.total]).to.deep.equal([1, 1, 2]);
  });

  it('refuses what it cannot answer with a validation error naming the field', async () => {
    const adapter = new MemoryAdapter();
    const refused = async (query: OverviewQuery) => {
      try {
        await adapter.timeline.query('c1', query);
      } catch (error) {
        expect(LiftDataError.is(error, 'validation')).to.equal(true);
        return Object.keys((error as LiftDataError).fields ?? {});
      }
      throw new Error(`accepted ${JSON.stringify(query)}`);
    };
    expect(await refused({ text: 'x'.repeat(201) })).to.deep.equal(['text']);
    expect(await refused({ kinds: ['fax' as TimelineKind] })).to.deep.equal(['kinds']);
    expect(await refused({ from: 'gisteren' })).to.deep.equal(['from']);
    expect(await refused({ limit: 0 })).to.deep.equal(['limit']);
    expect(await refused({ cursor: 'nonsense' })).to.deep.equal(['cursor']);
  });
});

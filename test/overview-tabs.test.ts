import { expect } from '@open-wc/testing';
import type { LiftAdapter } from '../src/data/contract/adapter.js';
import type { ActivityReport, TimelineEntry } from '../src/data/contract/model.js';
import type { IndexedDbAdapter } from '../src/data/adapters/indexeddb-adapter.js';
import { dropDatabases, freshIndexedDbAdapter, uniqueDatabaseName } from './db.js';
import { oneContact } from './worlds.js';

// Two adapters on one IndexedDB database stand for two tabs. An adapter keeps a contact's
// overview index in memory and hears the other tab's writes over a BroadcastChannel, later than
// they are stored: until then its overview, search, counts and activity report must still show
// what is stored. "Unheard" adapters have no channel at all, so what the first one shows comes
// from storage alone, never from a message that happened to arrive first.

const DAY = 864e5;
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A second adapter on the database whose writes are never broadcast (a tab whose news is late). */
function unheard(databaseName: string): IndexedDbAdapter {
  const global = globalThis as { BroadcastChannel?: typeof BroadcastChannel };
  const channel = global.BroadcastChannel;
  global.BroadcastChannel = undefined;
  try {
    return freshIndexedDbAdapter({ databaseName });
  } finally {
    global.BroadcastChannel = channel;
  }
}

/** What the overview shows: ids and subjects, newest first (every entry fits one page here). */
async function shown(adapter: LiftAdapter, contactId: string, text?: string) {
  const page = await adapter.timeline.query(contactId, { limit: 500, ...(text ? { text } : {}) });
  expect(page.next).to.equal(undefined);
  return { entries: page.items.map((e) => `${e.id} ${e.subject}`), total: page.total, counts: page.counts };
}

/** What is stored, newest first, read without any overview index. */
async function stored(adapter: LiftAdapter, contactId: string) {
  return (await adapter.timeline.all(contactId)).map((e) => `${e.id} ${e.subject}`);
}

/**
 * The requests `work` places on the timeline and meta stores, as "store:method" or
 * "store.index:method": whether a query read the contact's history again, or a record or two.
 */
async function requests(work: () => Promise<unknown>): Promise<string[]> {
  const placed: string[] = [];
  const restore: (() => void)[] = [];
  for (const [proto, methods] of [
    [IDBObjectStore.prototype, ['get', 'getAll', 'openCursor', 'openKeyCursor', 'count']],
    [IDBIndex.prototype, ['get', 'getAll', 'openCursor', 'openKeyCursor', 'count']],
  ] as const) {
    for (const method of methods) {
      const original = (proto as unknown as Record<string, (...args: unknown[]) => unknown>)[method]!;
      (proto as unknown as Record<string, unknown>)[method] = function (this: IDBObjectStore | IDBIndex, ...args: unknown[]) {
        const name = this instanceof IDBIndex ? `${this.objectStore.name}.${this.name}` : this.name;
        if (name.startsWith('timeline') || name === 'meta') placed.push(`${name}:${method}`);
        return original.apply(this, args);
      };
      restore.push(() => ((proto as unknown as Record<string, unknown>)[method] = original));
    }
  }
  try {
    await work();
  } finally {
    for (const undo of restore) undo();
  }
  return placed.sort();
}

/**
 * Two adapters on one new database, the second `heard` over the channel or not, and a contact
 * made through the first.
 */
async function twoTabs(heard: boolean, details: Parameters<typeof oneContact>[2] = { lastName: 'Bakker' }) {
  const db = uniqueDatabaseName('ov');
  const a = freshIndexedDbAdapter({ databaseName: db });
  const b = heard ? freshIndexedDbAdapter({ databaseName: db }) : unheard(db);
  return { a, b, ...(await oneContact(a, 'Café Noord', details)) };
}

const activityTotal = (report: ActivityReport) => Object.values(report.counts).flat().reduce((sum, n) => sum + n, 0);
const activity = async (adapter: LiftAdapter, contactId: string) => (await adapter.reports!.run('activity', contactId)) as ActivityReport;

describe('the overview on a database another tab writes to', () => {
  afterEach(dropDatabases);

  it('a correction in another adapter shows at once', async () => {
    const { a, b, contact } = await twoTabs(true);
    const note = await b.timeline.add({ contactId: contact.id, kind: 'note', subject: 'Offerte', body: '', occurredAt: '2024-01-01T00:00:00.000Z' });
    await wait(50);
    expect((await a.timeline.query(contact.id, { text: 'offerte' })).total).to.equal(1);
    await b.timeline.update(note.id, { subject: 'Factuur' });
    expect((await a.timeline.query(contact.id, { text: 'offerte' })).total).to.equal(0);
    expect((await a.timeline.query(contact.id, { text: 'factuur' })).total).to.equal(1);
  });

  it('a back-dated entry from another adapter shows at once', async () => {
    const { a, b, contact } = await twoTabs(true);
    await wait(50);
    expect((await a.timeline.query(contact.id)).total).to.equal(0);
    await b.timeline.add({ contactId: contact.id, kind: 'call', subject: 'Gisteren', body: '', occurredAt: new Date(Date.now() - DAY).toISOString() });
    expect((await a.timeline.query(contact.id)).total).to.equal(1);
    await b.timeline.add({ contactId: contact.id, kind: 'call', subject: 'Vorig jaar', body: '', occurredAt: '2023-06-01T09:00:00.000Z' });
    expect((await a.timeline.query(contact.id)).total).to.equal(2);
  });

  it('a correction, a back-dated entry and a removal by an unheard adapter show at the next query', async () => {
    const { a, b, contact } = await twoTabs(false);
    const old = await a.timeline.add({ contactId: contact.id, kind: 'note', subject: 'Offerte', body: '', occurredAt: '2024-01-01T00:00:00.000Z' });
    const recent = await a.timeline.add({ contactId: contact.id, kind: 'call', subject: 'Terugbellen', body: '', occurredAt: new Date(Date.now() - DAY).toISOString() });
    expect((await shown(a, contact.id, 'offerte')).total).to.equal(1);

    // Corrected: the old entry is not the newest, and it keeps its place.
    await b.timeline.update(old.id, { subject: 'Factuur' });
    expect((await shown(a, contact.id, 'offerte')).total).to.equal(0);
    expect((await shown(a, contact.id, 'factuur')).entries).to.deep.equal([`${old.id} Factuur`]);

    // Back-dated: older than what a holds as newest.
    const backDated = await b.timeline.add({ contactId: contact.id, kind: 'meeting', subject: 'Kennismaking', body: '', occurredAt: '2023-06-01T09:00:00.000Z' });
    const afterAdd = await shown(a, contact.id);
    expect(afterAdd.entries).to.deep.equal([`${recent.id} Terugbellen`, `${old.id} Factuur`, `${backDated.id} Kennismaking`]);
    expect([afterAdd.total, afterAdd.counts.meeting, afterAdd.counts.note, afterAdd.counts.call]).to.deep.equal([3, 1, 1, 1]);

    // Removed: the newest one, and then one in the middle.
    await b.timeline.remove(recent.id);
    expect((await shown(a, contact.id)).entries).to.deep.equal([`${old.id} Factuur`, `${backDated.id} Kennismaking`]);
    await b.timeline.remove(old.id);
    const afterRemove = await shown(a, contact.id);
    expect(afterRemove.entries).to.deep.equal([`${backDated.id} Kennismaking`]);
    expect([afterRemove.total, afterRemove.counts.note, afterRemove.counts.call]).to.deep.equal([1, 0, 0]);
  });

  it('shows another adapter\'s new entry while a future-dated entry is the newest', async () => {
    const { a, b, contact } = await twoTabs(false);
    const planned = await a.timeline.add({ contactId: contact.id, kind: 'meeting', subject: 'Afspraak', body: '', occurredAt: new Date(Date.now() + 30 * DAY).toISOString() });
    expect((await shown(a, contact.id)).total).to.equal(1);
    const now = await b.timeline.add({ contactId: contact.id, kind: 'note', subject: 'Vandaag', body: '' });
    expect((await shown(a, contact.id)).entries).to.deep.equal([`${planned.id} Afspraak`, `${now.id} Vandaag`]);
    // And the future-dated one corrected there, while it is the newest.
    await b.timeline.update(planned.id, { subject: 'Verzet' });
    expect((await shown(a, contact.id, 'afspraak')).total).to.equal(0);
    expect((await shown(a, contact.id, 'verzet')).total).to.equal(1);
  });

  it('the activity report counts another adapter\'s entries at once', async () => {
    const { a, b, contact } = await twoTabs(false);
    await a.timeline.add({ contactId: contact.id, kind: 'note', subject: 'Eerste', body: '', occurredAt: new Date(Date.now() - DAY).toISOString() });
    expect(activityTotal(await activity(a, contact.id))).to.equal(1);
    const backDated = await b.timeline.add({ contactId: contact.id, kind: 'call', subject: 'Vorig jaar', body: '', occurredAt: '2023-06-01T09:00:00.000Z' });
    const report = await activity(a, contact.id);
    expect(activityTotal(report)).to.equal(2);
    expect(report.months[0]).to.equal('2023-06');
    expect(report.counts.call[0]).to.equal(1);
    await b.timeline.remove(backDated.id);
    const after = await activity(a, contact.id);
    expect(activityTotal(after)).to.equal(1);
    expect(after.months[0]).to.not.equal('2023-06');
  });

  it('shows the entries another adapter records with a contact edit, a copy, a document and a checklist tick', async () => {
    const { a, b, contact, relation } = await twoTabs(false, { lastName: 'Bakker', jobTitle: 'Inkoper' });
    const before = await shown(a, contact.id);
    await b.contacts.update(contact.id, contact.version, { jobTitle: 'Directeur' });
    expect((await shown(a, contact.id, 'directeur')).total).to.equal(1);
    const { copy } = await b.contacts.copy(contact.id, { relationId: relation.id, expectedVersion: contact.version + 1 });
    expect((await shown(a, contact.id)).entries).to.deep.equal(await stored(b, contact.id));
    expect((await shown(a, contact.id)).total).to.equal(before.total + 2);
    expect((await shown(a, copy.id)).entries).to.deep.equal(await stored(b, copy.id));
    await b.importRecords({ templates: [{ id: 't1', name: 'Offerte', kind: 'letter', subject: 'Offertebrief', body: '', roles: [] }] });
    await b.templates!.createDocument(contact.id, 't1', { subject: 'Offertebrief', body: '' });
    expect((await shown(a, contact.id, 'offertebrief')).total).to.equal(1);
    const item = await b.checklists!.saveDefinition({ cardType: 'contact', text: 'KvK gecontroleerd', category: 'Controle', order: 1, mode: 'editable', modeByStatus: {} });
    await b.checklists!.setState(contact.id, item.id, 0, { done: true });
    expect((await shown(a, contact.id)).entries).to.deep.equal(await stored(b, contact.id));
  });

  it('shows entries another adapter imports in bulk', async () => {
    const { a, b, contact } = await twoTabs(false);
    await a.timeline.add({ contactId: contact.id, kind: 'note', subject: 'Eerste', body: '' });
    expect((await shown(a, contact.id)).total).to.equal(1);
    const imported = (n: number) => ({ id: `import-${n}`, contactId: contact.id, kind: 'call', subject: `Gebeld ${n}`, body: '', occurredAt: `2023-0${n}-01T09:00:00.000Z`, author: 'Import', authorId: 'import' });
    await b.importRecords({ timeline: [imported(1), imported(2)] });
    expect((await shown(a, contact.id)).entries).to.deep.equal(await stored(b, contact.id));
    expect((await shown(a, contact.id, 'gebeld')).total).to.equal(2);
  });

  it('checks a kept index with one record, and catches up on a few writes without reading the history again', async () => {
    const { a, b, contact } = await twoTabs(false);
    for (let i = 0; i < 3; i++) await a.timeline.add({ contactId: contact.id, kind: 'note', subject: `Notitie ${i}`, body: '', occurredAt: `2024-0${i + 1}-01T09:00:00.000Z` });
    const first = await a.timeline.query(contact.id);
    expect(first.total).to.equal(3);
    // Nothing written since: the revision alone.
    expect(await requests(() => a.timeline.query(contact.id))).to.deep.equal(['meta:get']);
    // Written here: the new entry alone, at the revision this adapter's write made.
    const mine = await a.timeline.add({ contactId: contact.id, kind: 'note', subject: 'Hier', body: '', occurredAt: '2023-01-01T09:00:00.000Z' });
    expect(await requests(() => a.timeline.query(contact.id))).to.deep.equal(['meta:get', 'timeline:get']);
    // Corrected and removed elsewhere, unheard: the revision, and then those two entries.
    await b.timeline.update(mine.id, { subject: 'Elders herzien' });
    await b.timeline.remove(first.items[0]!.id);
    let page: Awaited<ReturnType<typeof a.timeline.query>> | undefined;
    expect(await requests(async () => (page = await a.timeline.query(contact.id)))).to.deep.equal(['meta:get', 'timeline:get', 'timeline:get']);
    expect(page!.items.map((e) => e.subject)).to.deep.equal(['Notitie 1', 'Notitie 0', 'Elders herzien']);
    expect(await requests(() => a.timeline.query(contact.id))).to.deep.equal(['meta:get']);
    // More writes elsewhere than the revision remembers: the history is read again.
    for (let i = 0; i < 9; i++) await b.timeline.add({ contactId: contact.id, kind: 'call', subject: `Gebeld ${i}`, body: '' });
    const reread = await requests(async () => (page = await a.timeline.query(contact.id)));
    expect(reread.some((request) => request.startsWith('timeline.byContact:'))).to.equal(true);
    expect(page!.total).to.equal(12);
  });

  it('stays true to storage through any mix of writes from both adapters, queried often or seldom', async () => {
    const { a, b, contact } = await twoTabs(false);
    // A fixed sequence of pseudo-random choices, so a failure repeats.
    let seed = 7;
    const next = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed % n);
    const live: TimelineEntry[] = [];
    const dates = () => [Date.now() - next(400) * DAY, Date.now() + next(60) * DAY, Date.UTC(2023, next(12), 1 + next(28))][next(3)]!;
    for (let step = 0; step < 40; step++) {
      const writer = next(3) ? b : a;
      // Now and then a long run of writes from elsewhere before the next query.
      const writes = step % 13 === 12 ? 12 : 1;
      for (let w = 0; w < writes; w++) {
        const op = live.length ? next(4) : 0;
        if (op <= 1) {
          live.push(await writer.timeline.add({ contactId: contact.id, kind: 'note', subject: `Notitie ${step}-${w}`, body: '', occurredAt: new Date(dates()).toISOString() }));
        } else if (op === 2) {
          const entry = live[next(live.length)]!;
          await writer.timeline.update(entry.id, { subject: `Herzien ${step}-${w}` });
        } else {
          const [entry] = live.splice(next(live.length), 1);
          await writer.timeline.remove(entry!.id);
        }
      }
      if (next(3) === 0) continue;
      const expected = await stored(b, contact.id);
      const view = await shown(a, contact.id);
      expect(view.entries, `step ${step}`).to.deep.equal(expected);
      expect((await shown(a, contact.id, 'herzien')).total, `step ${step}`).to.equal(expected.filter((e) => e.includes(' Herzien ')).length);
      expect(activityTotal(await activity(a, contact.id)), `step ${step}`).to.equal(expected.length);
    }
  });
});

// The kit's tests of the overview query (`timeline.query`): what it answers must equal a plain
// scan of the contact's history, written here the obvious way, on every adapter.
import type { LiftAdapter, OverviewPage, OverviewQuery } from '../data/contract/adapter.js';
import { TIMELINE_KINDS, type Contact, type TimelineEntry, type TimelineKind } from '../data/contract/model.js';
import { fieldLabels } from '../i18n/field-labels.js';
import { allPages, check, equal, rejectsWith, type Test, type WithAdapter } from './support.js';

const fold = (text: string) => text.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();

/** What the overview should show for `query`: a filter over the whole history, newest first. */
export function plainOverview(history: readonly TimelineEntry[], query: OverviewQuery): TimelineEntry[] {
  const words = fold(query.text ?? '').split(/\s+/).filter(Boolean);
  const from = query.from ? Date.parse(query.from) : -Infinity;
  const to = query.to ? Date.parse(query.to) : Infinity;
  const label = (entry: TimelineEntry) => {
    const key = `field.${entry.change?.field}`;
    return entry.change ? `${(fieldLabels.nl as Record<string, string>)[key] ?? ''}\n${(fieldLabels.en as Record<string, string>)[key] ?? ''}` : '';
  };
  return history
    .filter((entry) => {
      const text = fold(`${entry.subject}\n${entry.body}\n${entry.author}\n${label(entry)}`);
      const time = Date.parse(entry.occurredAt);
      return words.every((w) => text.includes(w)) && (!query.kinds?.length || query.kinds.includes(entry.kind)) && time >= from && time < to;
    })
    .sort((a, b) => (a.occurredAt < b.occurredAt ? 1 : a.occurredAt > b.occurredAt ? -1 : a.id < b.id ? 1 : -1));
}

/** Every page of one query, and the pages themselves (for their totals and counts). */
export async function overviewPages(adapter: LiftAdapter, contactId: string, query: OverviewQuery): Promise<OverviewPage[]> {
  const pages: OverviewPage[] = [];
  await allPages(async (cursor) => {
    const page = await adapter.timeline.query(contactId, { ...query, ...(cursor ? { cursor } : {}) });
    pages.push(page);
    return page;
  });
  return pages;
}

/** Asserts that every page of `query` together is the plain scan, with its total and counts. */
async function matchesPlainScan(adapter: LiftAdapter, contactId: string, query: OverviewQuery, what: string): Promise<void> {
  const history = await adapter.timeline.all(contactId);
  const expected = plainOverview(history, query);
  const pages = await overviewPages(adapter, contactId, query);
  equal(pages.flatMap((p) => p.items.map((e) => e.id)), expected.map((e) => e.id), `${what}: entries`);
  const counts = Object.fromEntries(TIMELINE_KINDS.map((kind) => [kind, plainOverview(history, { ...query, kinds: [kind] }).length]));
  for (const page of pages) {
    check(page.items.length <= (query.limit ?? 50), `${what}: a page holds at most its limit`);
    equal(page.total, expected.length, `${what}: total`);
    equal(page.counts, counts, `${what}: counts per kind`);
  }
}

/** A small deterministic generator, so a failure is the same on every run. */
function random(seed: number) {
  let state = seed;
  const next = () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
  return { next, pick: <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]! };
}

const WORDS = ['Offerte', 'offerte', 'Café', 'cafe', 'Ölçek', 'Jansen', 'project', 'İstanbul', 'de', 'Nieuw', 'levering', 'Zoë'];
const ADDABLE: TimelineKind[] = ['email', 'letter', 'document', 'invoice', 'note', 'call', 'meeting', 'task'];
const DAY = 86_400_000;
const START = Date.UTC(2024, 0, 1);

export function overviewTests(test: Test, withAdapter: WithAdapter): void {
  test('answers the overview as a plain scan of the history would, on random data: words, kinds, dates, pages, total, counts', withAdapter(async (adapter, world) => {
    const [contact, other] = (await world.contacts(2)) as [Contact, Contact];
    const { next, pick } = random(18);
    const sentence = () => Array.from({ length: 1 + Math.floor(next() * 3) }, () => pick(WORDS)).join(' ');
    for (let i = 0; i < 24; i++) {
      // Some entries share a time, so their ids decide the order.
      const occurredAt = new Date(START + Math.floor(next() * 12) * 30 * DAY).toISOString();
      await adapter.timeline.add({ contactId: contact.id, kind: pick(ADDABLE), subject: sentence(), body: sentence(), occurredAt });
    }
    await adapter.timeline.add({ contactId: other.id, kind: 'note', subject: 'Offerte Café', body: '' });
    await adapter.contacts.update(contact.id, contact.version, { jobTitle: 'Inkoper' });
    const queries: OverviewQuery[] = [
      {},
      { limit: 5 },
      { text: 'OFFERTE', limit: 4 },
      { text: 'cafe offerte' },
      { text: 'zoe', kinds: ['note', 'email'], limit: 2 },
      { kinds: ['call'], limit: 3 },
      { from: new Date(START + 90 * DAY).toISOString(), to: new Date(START + 250 * DAY).toISOString(), limit: 4 },
      { text: 'de', from: new Date(START + 30 * DAY).toISOString(), kinds: ['meeting', 'task', 'letter'] },
      { text: 'functie' },
      { text: 'nothing-like-this' },
    ];
    for (const query of queries) await matchesPlainScan(adapter, contact.id, query, JSON.stringify(query));
  }));

  test('pages without gaps or repeats while entries are added between pages', withAdapter(async (adapter, world) => {
    const [contact] = (await world.contacts(1)) as [Contact];
    for (let i = 0; i < 10; i++) {
      await adapter.timeline.add({ contactId: contact.id, kind: 'note', subject: `Voor ${i}`, body: '', occurredAt: new Date(START + i * DAY).toISOString() });
    }
    const before = (await adapter.timeline.all(contact.id)).map((e) => e.id);
    let added = 0;
    const pages = await allPages(
      (cursor) => adapter.timeline.query(contact.id, { limit: 3, ...(cursor ? { cursor } : {}) }),
      // A newer entry and one older than the whole list arrive while the reader pages.
      async () => {
        added++;
        await adapter.timeline.add({ contactId: contact.id, kind: 'call', subject: `Tijdens ${added}`, body: '' });
        await adapter.timeline.add({ contactId: contact.id, kind: 'call', subject: `Oud ${added}`, body: '', occurredAt: new Date(START - added * DAY).toISOString() });
      },
    );
    const seen = pages.flat();
    equal(new Set(seen.map((e) => e.id)).size, seen.length, 'no entry twice');
    check(before.every((id) => seen.some((e) => e.id === id)), 'every entry there at the start was shown');
    const times = seen.map((e) => `${e.occurredAt} ${e.id}`);
    equal(times, [...times].sort().reverse(), 'newest first throughout');
  }));

  test('answers a one-millisecond window with the entries of that instant, corrected or not', withAdapter(async (adapter, world) => {
    const [contact] = (await world.contacts(1)) as [Contact];
    const at = (ms: number) => new Date(START + DAY + ms).toISOString();
    for (const [ms, subject] of [[-1, 'Ervoor'], [0, 'Precies'], [1, 'Erna']] as const) {
      await adapter.timeline.add({ contactId: contact.id, kind: 'note', subject, body: '', occurredAt: at(ms) });
    }
    const window = () => adapter.timeline.query(contact.id, { from: at(0), to: at(1) });
    const [exact] = (await window()).items;
    equal([exact?.subject, exact?.occurredAt], ['Precies', at(0)], 'only the entry of that instant');
    await adapter.timeline.update(exact!.id, { subject: 'Verbeterd' });
    equal((await window()).items.map((e) => e.subject), ['Verbeterd'], 'a correction keeps its instant');
  }));

  test('counts per kind for the words and dates whatever kinds are asked; accents, case and change labels in both languages', withAdapter(async (adapter, world) => {
    const [contact] = (await world.contacts(1)) as [Contact];
    await adapter.timeline.add({ contactId: contact.id, kind: 'note', subject: 'Koffie bij Café Noord', body: '' });
    await adapter.timeline.add({ contactId: contact.id, kind: 'email', subject: 'Re: cafe', body: 'Tot dan' });
    await adapter.timeline.add({ contactId: contact.id, kind: 'call', subject: 'Gebeld', body: 'Over de CAFÉ-avond' });
    const page = await adapter.timeline.query(contact.id, { text: 'Cafe', kinds: ['email'] });
    equal(page.items.map((e) => e.subject), ['Re: cafe'], 'the kind asked for');
    equal([page.total, page.counts.note, page.counts.email, page.counts.call, page.counts.meeting], [1, 1, 1, 1, 0], 'total of the kind, counts of every kind');
    await adapter.timeline.add({ contactId: contact.id, kind: 'meeting', subject: 'Gesprek met Michał', body: 'Bij Søren in Łódź' });
    equal((await adapter.timeline.query(contact.id, { text: 'michal soren lodz' })).items.map((e) => e.subject), ['Gesprek met Michał'], 'letters without a separate accent, spelled plainly');
    await adapter.timeline.add({ contactId: contact.id, kind: 'email', subject: 'De offerte’s van maart', body: '' });
    equal((await adapter.timeline.query(contact.id, { text: "offerte's" })).items.map((e) => e.subject), ['De offerte’s van maart'], 'a straight apostrophe finds a curly one');
    await adapter.contacts.update(contact.id, contact.version, { jobTitle: 'Inkoper' });
    for (const text of ['functie', 'JOB TITLE', 'inkoper']) {
      equal((await adapter.timeline.query(contact.id, { text })).items.map((e) => e.change?.field), ['jobTitle'], `a change entry found by "${text}"`);
    }
  }));

  test('refuses queries it cannot answer, by field, and caps pages at 500', withAdapter(async (adapter, world) => {
    const [contact, other] = (await world.contacts(2)) as [Contact, Contact];
    for (let i = 0; i < 3; i++) await adapter.timeline.add({ contactId: contact.id, kind: 'note', subject: `N${i}`, body: '' });
    await rejectsWith(adapter.timeline.query(contact.id, { text: 'x'.repeat(201) }), 'validation', 'text over 200 characters');
    await rejectsWith(adapter.timeline.query(contact.id, { kinds: ['fax' as TimelineKind] }), 'validation', 'an unknown kind');
    await rejectsWith(adapter.timeline.query(contact.id, { from: 'gisteren' }), 'validation', 'from that is no date');
    await rejectsWith(adapter.timeline.query(contact.id, { to: '2024-05-01T00:00' }), 'validation', 'to without a zone');
    await rejectsWith(adapter.timeline.query(contact.id, { limit: 0 }), 'validation', 'limit 0');
    const first = await adapter.timeline.query(contact.id, { limit: 1 });
    check(first.next, 'a next page');
    await rejectsWith(adapter.timeline.query(other.id, { cursor: first.next }), 'validation', "another contact's cursor");
    equal((await adapter.timeline.query(contact.id, { limit: 100_000 })).items.length, 3, 'a large limit is capped, not refused');
  }));
}

import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { TIMELINE_KINDS, type TimelineEntry, type TimelineKind } from '../src/data/model.js';
import { dateBounds, highlightRanges, TimelineSearch } from '../src/timeline/search.js';
import { TimelineWindow } from '../src/timeline/window.js';

// The overview's search must return exactly what a plain scan returns: this is that scan,
// written the obvious way, and fast-check looks for any data and query where the two differ.
function plainScan(entries: TimelineEntry[], query: string, kinds: TimelineKind[], from: string, to: string): string[] {
  const fold = (s: string) => s.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();
  const words = fold(query).split(/\s+/).filter(Boolean);
  const [start, end] = dateBounds(from || undefined, to || undefined);
  return entries
    .filter((e) => {
      const text = fold(`${e.subject}\n${e.body}\n${e.author}`);
      const time = Date.parse(e.occurredAt);
      return words.every((w) => text.includes(w)) && (!kinds.length || kinds.includes(e.kind)) && time >= start && time < end;
    })
    .map((e) => e.id);
}

const vocabulary = ['Offerte', 'offerte', 'Café', 'cafe', 'Ölçek', 'Jansen', 'project', 'zoom', 'é', 'ß', 'İstanbul', ' ', 'de', 'Nieuw', '🙂', '\n'];
const text = fc.array(fc.constantFrom(...vocabulary), { maxLength: 6 }).map((parts) => parts.join(' '));
const day = Date.UTC(2024, 0, 1);
const entry = fc.record({
  kind: fc.constantFrom(...TIMELINE_KINDS),
  subject: text,
  body: text,
  author: fc.constantFrom('Sanne de Boer', 'Pieter Jansen', 'Ümit'),
  offset: fc.integer({ min: 0, max: 400 * 24 * 60 }),
});
const dateArb = fc.oneof(fc.constant(''), fc.integer({ min: 0, max: 400 }).map((d) => new Date(day + d * 86_400_000).toISOString().slice(0, 10)));

describe('timeline search', () => {
  it('returns exactly what a plain scan returns, for any data, query, kinds and dates', () => {
    fc.assert(
      fc.property(
        fc.array(entry, { maxLength: 60 }),
        fc.array(fc.tuple(text, fc.subarray([...TIMELINE_KINDS]), dateArb, dateArb), { minLength: 1, maxLength: 6 }),
        (raw, queries) => {
          const entries: TimelineEntry[] = raw
            .map((r, i) => ({ id: `e${i}`, contactId: 'c', kind: r.kind, subject: r.subject, body: r.body, author: r.author, occurredAt: new Date(day + r.offset * 60_000).toISOString() }))
            .sort((a, b) => (a.occurredAt < b.occurredAt ? 1 : -1));
          const search = new TimelineSearch(entries);
          // Several queries in a row on one search object, so the narrowing cache is exercised.
          for (const [query, kinds, from, to] of queries) {
            const result = search.run({ query, kinds, from, to });
            expect(result.indices.map((i) => entries[i]!.id)).to.deep.equal(plainScan(entries, query, kinds, from, to));
            for (const kind of TIMELINE_KINDS) {
              expect(result.counts[kind] ?? 0, `count of ${kind}`).to.equal(plainScan(entries, query, [kind], from, to).length);
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('finds a change entry by the label it is shown with, in either language', () => {
    const change: TimelineEntry = {
      id: 'e1',
      contactId: 'c1',
      kind: 'change',
      subject: 'jobTitle',
      body: 'Drukker → Eigenaar',
      author: 'Sanne de Boer',
      occurredAt: '2026-11-01T09:00:00.000Z',
      change: { field: 'jobTitle', old: 'Drukker', new: 'Eigenaar' },
    };
    const note: TimelineEntry = { ...change, id: 'e2', kind: 'note', subject: 'Belnotitie', body: 'Over de offerte', change: undefined };
    const search = new TimelineSearch([change, note]);
    for (const query of ['functie', 'Function', 'eigenaar']) {
      expect(search.run({ query }).indices, query).to.deep.equal([0]);
    }
  });

  it('narrows as the query grows, and widens again when it shrinks', () => {
    const entries = ['Offerte website', 'Offerte drukwerk', 'Factuur'].map((subject, i): TimelineEntry => ({
      id: `e${i}`, contactId: 'c', kind: 'note', subject, body: '', author: 'A', occurredAt: new Date(day - i * 1000).toISOString(),
    }));
    const search = new TimelineSearch(entries);
    expect(search.run({ query: 'off' }).indices).to.deep.equal([0, 1]);
    expect(search.run({ query: 'offerte web' }).indices).to.deep.equal([0]);
    expect(search.run({ query: 'f' }).indices).to.deep.equal([0, 1, 2]);
  });

  it('highlights matches in the original text, across accents', () => {
    const ranges = highlightRanges('Café Ölçek, cafe', 'cafe olcek');
    expect(ranges.map(([a, b]) => 'Café Ölçek, cafe'.slice(a, b))).to.deep.equal(['Café', 'Ölçek', 'cafe']);
    expect(highlightRanges('aaa', 'aa')).to.deep.equal([[0, 3]]);
    expect(highlightRanges('<b>x</b>', '')).to.deep.equal([]);
  });

  it('windows any list: positions, ranges and month headings', () => {
    const months = [5, 5, 4, 4, 4, 2];
    const win = new TimelineWindow([0, 1, 2, 3, 4, 5], (i) => months[i]!, 60, 30);
    expect(win.rows.filter((r) => 'month' in r)).to.have.length(3);
    expect(win.height).to.equal(6 * 60 + 3 * 30);
    expect(win.rowAt(0)).to.equal(0);
    expect(win.rowAt(31)).to.equal(1);
    expect(win.rows[win.rowOfPosition(3)]).to.deep.equal({ entry: 2, position: 3 });
    const [start, end] = win.range(10_000, 100, 1);
    expect(end).to.equal(win.rows.length);
    expect(start).to.be.greaterThan(0);
  });

  describe('range at its edges, without overscan to hide a missing row', () => {
    // Rows: heading 0–30, entries 30–90, 90–150, heading 150–180, entries 180–240, 240–300.
    const win = new TimelineWindow([0, 1, 2, 3], (i) => [7, 7, 6, 6][i]!, 60, 30);

    it('holds exactly the rows the viewport touches', () => {
      expect(win.rows.length).to.equal(6);
      expect(win.range(0, 29, 0)).to.deep.equal([0, 1]);
      expect(win.range(0, 30, 0)).to.deep.equal([0, 2]);
      expect(win.range(0, 31, 0)).to.deep.equal([0, 2]);
      expect(win.range(30, 60, 0)).to.deep.equal([1, 3]);
      expect(win.range(31, 58, 0)).to.deep.equal([1, 2]);
      expect(win.range(89, 2, 0)).to.deep.equal([1, 3]);
    });

    it('ends with the last row at the bottom and starts with the first at the top', () => {
      expect(win.range(180, 60, 0)).to.deep.equal([4, 6]);
      expect(win.range(240, 60, 0)).to.deep.equal([5, 6]);
      expect(win.range(10_000, 60, 0)).to.deep.equal([5, 6]);
      expect(win.range(-50, 10, 0)).to.deep.equal([0, 1]);
      expect(win.range(0, 10_000, 0)).to.deep.equal([0, 6]);
    });

    it('adds exactly the overscan on each side, clamped to the list', () => {
      expect(win.range(90, 60, 1)).to.deep.equal([1, 5]);
      expect(win.range(90, 60, 2)).to.deep.equal([0, 6]);
      expect(win.range(0, 10, 3)).to.deep.equal([0, 4]);
      expect(win.range(290, 10, 3)).to.deep.equal([2, 6]);
    });

    it('is empty for an empty list and one row for a one-row viewport', () => {
      expect(new TimelineWindow([], () => 0, 60, 30).range(0, 500, 6)).to.deep.equal([0, 0]);
      expect(win.range(200, 1, 0)).to.deep.equal([4, 5]);
    });
  });
});

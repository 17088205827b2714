import { expect } from '@open-wc/testing';
import type { TimelineEntry } from '../src/data/contract/model.js';
import { MemoryAdapter } from '../src/data/adapters/memory-adapter.js';
import type { StoredRecord } from '../src/data/engine/store.js';
import { dateBounds, highlightRanges } from '../src/contact-timeline/search.js';
import { overviewQuery } from '../src/contact-timeline/overview-pages.js';
import { TimelineWindow } from '../src/contact-timeline/window.js';

// Search itself is the adapter's (test/overview-query.test.ts proves it equal to a plain scan);
// these are the overview's own pieces: what it asks for, what it highlights, how it windows.

const day = Date.UTC(2024, 0, 1);

/** The subjects the overview would show for `text`, asked of an adapter holding `entries`. */
async function shown(entries: TimelineEntry[], text: string): Promise<string[]> {
  const adapter = new MemoryAdapter();
  await adapter.importRecords({ timeline: entries as unknown as StoredRecord[] });
  const contactId = entries[0]!.contactId;
  const page = await adapter.timeline.query(contactId, overviewQuery({ contactId, query: text, kinds: [], from: '', to: '' }));
  return page.items.map((e) => e.id);
}

describe('timeline search', () => {
  it('asks for the reader’s local days as the instants they start and end at', () => {
    const query = overviewQuery({ contactId: 'c', query: ' Offerte ', kinds: ['note'], from: '2026-03-29', to: '2026-03-29' });
    const [start, end] = dateBounds('2026-03-29', '2026-03-29');
    expect(query).to.deep.equal({ text: ' Offerte ', kinds: ['note'], from: new Date(start).toISOString(), to: new Date(end).toISOString() });
    expect(new Date(query.from!).getHours()).to.equal(0);
    expect(new Date(query.to!).getDate()).to.equal(30);
    expect(overviewQuery({ contactId: 'c', query: '  ', kinds: [], from: '', to: '' })).to.deep.equal({});
  });

  it('finds a change entry by the label it is shown with, in either language', async () => {
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
    for (const query of ['functie', 'Job title', 'eigenaar']) {
      expect(await shown([change, note], query), query).to.deep.equal(['e1']);
    }
  });

  it('narrows as the query grows, and widens again when it shrinks', async () => {
    const entries = ['Offerte website', 'Offerte drukwerk', 'Factuur'].map((subject, i): TimelineEntry => ({
      id: `e${i}`, contactId: 'c', kind: 'note', subject, body: '', author: 'A', occurredAt: new Date(day - i * 1000).toISOString(),
    }));
    expect(await shown(entries, 'off')).to.deep.equal(['e0', 'e1']);
    expect(await shown(entries, 'offerte web')).to.deep.equal(['e0']);
    expect(await shown(entries, 'f')).to.deep.equal(['e0', 'e1', 'e2']);
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

  it('extends a window by rows added at its end exactly as one built over them all', () => {
    const months = [9, 9, 8, 8, 8, 7, 7, 5, 5, 5];
    const indices = months.map((_, i) => i);
    const whole = new TimelineWindow(indices, (i) => months[i]!, 60, 30);
    // Pages of 4, 1 and 5 entries; the second page continues the first page's month.
    const grown = new TimelineWindow(indices.slice(0, 4), (i) => months[i]!, 60, 30);
    grown.add(indices.slice(0, 5));
    grown.add(indices);
    expect(grown.rows).to.deep.equal(whole.rows);
    expect(grown.offsets).to.deep.equal(whole.offsets);
    expect(grown.height).to.equal(10 * 60 + 4 * 30);
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

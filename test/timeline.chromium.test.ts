import { expect, fixture, html } from '@open-wc/testing';
import { MemoryAdapter } from '../src/data/adapters/memory-adapter.js';
import { TIMELINE_KINDS, type TimelineEntry } from '../src/data/contract/model.js';
import type { StoredRecord } from '../src/data/engine/store.js';
import '../src/lift-contact-timeline.js';
import type { LiftContactTimeline } from '../src/contact-timeline/timeline.js';
import { countRenders, waitUntil } from './helpers.js';

// 100 000 entries for one contact, Chromium only (see README): the windowing holds at any
// scroll position, pages arriving as the list scrolls, and survives a filter change while
// scrolled to the end.

const ROW_BOUND = 40;

describe('<lift-contact-timeline> with 100 000 entries', function () {
  this.timeout(120_000);
  let adapter: MemoryAdapter;
  let contactId: string;

  before(async () => {
    adapter = new MemoryAdapter();
    const relation = await adapter.relations.create({ kind: 'client', name: 'Groot Archief BV' });
    contactId = (await adapter.contacts.create({ relationId: relation.id, lastName: 'Veel' })).id;
    const start = Date.UTC(2026, 10, 1);
    const entries: TimelineEntry[] = Array.from({ length: 100_000 }, (_, i) => ({
      id: `big-${i}`,
      contactId,
      kind: TIMELINE_KINDS[(i * 7) % TIMELINE_KINDS.length]!,
      subject: `Onderwerp ${i}${i % 1000 === 0 ? ' jubileum' : ''}`,
      body: `Tekst van item ${i}`,
      author: i % 3 ? 'Sanne de Boer' : 'Pieter Jansen',
      occurredAt: new Date(start - i * 15 * 60_000).toISOString(),
    }));
    await adapter.importRecords({ timeline: entries as unknown as StoredRecord[] });
  });

  async function mount(width?: number) {
    const el = width
      ? (await fixture<HTMLElement>(html`<div style=${`width: ${width}px`}><lift-contact-timeline lang="en" contact-id=${contactId} .adapter=${adapter}></lift-contact-timeline></div>`)).querySelector<LiftContactTimeline>(
          'lift-contact-timeline',
        )!
      : await fixture<LiftContactTimeline>(html`<lift-contact-timeline lang="en" contact-id=${contactId} .adapter=${adapter}></lift-contact-timeline>`);
    await el.loaded;
    await el.updateComplete;
    return el;
  }
  const rows = (el: LiftContactTimeline) => el.shadowRoot!.querySelectorAll('.row').length;
  const scroller = (el: LiftContactTimeline) => el.shadowRoot!.querySelector<HTMLElement>('[part~="scroller"]')!;
  const positions = (el: LiftContactTimeline) => [...el.shadowRoot!.querySelectorAll<HTMLElement>('article')].map((a) => Number(a.dataset.position));
  async function scrollTo(el: LiftContactTimeline, fraction: number) {
    const box = scroller(el);
    let height = -1;
    await waitUntil(
      () => {
        // Right after a filter change the list may still have its old height: aim again when it changes.
        if (box.scrollHeight !== height) {
          height = box.scrollHeight;
          box.scrollTop = (box.scrollHeight - box.clientHeight) * fraction;
        }
        const ps = positions(el);
        return ps.length > 0 && (fraction === 1 ? ps.includes(el.resultCount) : Math.abs(ps[0]! - el.resultCount * fraction) < 200);
      },
      `rows at ${fraction}`,
      // Pages come from the adapter as the list nears them: the end of 100 000 is 200 pages away.
      { timeout: 60_000 },
    );
  }

  it(`keeps at most ${ROW_BOUND} rows in the DOM at the top, the middle and the end`, async () => {
    const el = await mount();
    expect(el.resultCount).to.equal(100_000);
    expect(rows(el)).to.be.at.most(ROW_BOUND);
    expect(el.shadowRoot!.querySelector('article')!.getAttribute('aria-setsize')).to.equal('100000');
    await scrollTo(el, 0.5);
    expect(rows(el)).to.be.at.most(ROW_BOUND);
    await scrollTo(el, 1);
    expect(rows(el)).to.be.at.most(ROW_BOUND);
    expect(positions(el)).to.include(100_000);
  });

  it('holds them in a narrow list too, where taller rows put the meta line under the title', async () => {
    const wide = await mount();
    const wideRow = wide.shadowRoot!.querySelector('article')!.getBoundingClientRect().height;
    const el = await mount(358);
    await waitUntil(() => el.shadowRoot!.querySelector('article')!.getBoundingClientRect().height > wideRow, 'the narrow row height');
    const row = el.shadowRoot!.querySelector('article')!;
    const height = row.getBoundingClientRect().height;
    expect(row.querySelector('.meta')!.getBoundingClientRect().top).to.be.at.least(row.querySelector('.subject')!.getBoundingClientRect().bottom - 1);
    // The list is as tall as its rows: the last entry is reached and sits where its height says.
    await scrollTo(el, 0.5);
    expect(rows(el)).to.be.at.most(ROW_BOUND);
    await scrollTo(el, 1);
    expect(rows(el)).to.be.at.most(ROW_BOUND);
    const last = el.shadowRoot!.querySelector<HTMLElement>('article[data-position="100000"]')!;
    expect(last.getBoundingClientRect().height).to.equal(height);
    const box = scroller(el);
    expect(Math.abs(last.getBoundingClientRect().bottom - box.getBoundingClientRect().bottom), 'the last row ends the list').to.be.below(height);
  });

  it('reads the pages before a jump to the end back to back, rendering a few times rather than once per page', async () => {
    const el = await mount();
    const renders = countRenders(el);
    // One jump (aimed again once the month headings have made the list taller).
    await scrollTo(el, 1);
    // 199 pages of 500 stood between the first page and the end.
    expect(renders()).to.be.below(20);
    expect(rows(el)).to.be.at.most(ROW_BOUND);
  });

  it('changes the filter while scrolled to the end without errors, and shows the new results', async () => {
    const errors: string[] = [];
    const onError = (event: ErrorEvent) => errors.push(event.message);
    window.addEventListener('error', onError);
    try {
      const el = await mount();
      await scrollTo(el, 1);
      el.query = 'jubileum';
      await el.updateComplete;
      await el.loaded;
      await waitUntil(() => positions(el).length > 0, 'rows after the filter');
      expect(el.resultCount).to.equal(100);
      expect(rows(el)).to.be.at.most(ROW_BOUND);
      // The new result shows from its first row, not clamped to where the old list was scrolled.
      expect(positions(el)).to.include(1);
      expect(el.shadowRoot!.querySelector<HTMLElement>('[part~="scroller"]')!.scrollTop).to.equal(0);
      el.kinds = ['note'];
      el.query = '';
      await el.updateComplete;
      await el.loaded;
      await waitUntil(() => positions(el).length > 0, 'rows after the kind filter');
      expect(el.resultCount).to.equal(10_000);
      el.kinds = [];
      await el.updateComplete;
      await el.loaded;
      await scrollTo(el, 1);
      expect(positions(el)).to.include(100_000);
      expect(errors).to.deep.equal([]);
    } finally {
      window.removeEventListener('error', onError);
    }
  });
});

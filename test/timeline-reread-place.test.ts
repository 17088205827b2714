import { expect } from '@open-wc/testing';
import type { LiftAdapter } from '../src/data/contract/adapter.js';
import '../src/lift-contact-timeline.js';
import type { LiftContactTimeline } from '../src/contact-timeline/timeline.js';
import { timelineOn } from './harness.js';
import { waitUntil } from './helpers.js';
import { longHistory } from './worlds.js';

/** A contact with 1500 entries, one a day (about 49 months), and a note of its own on top. */
async function world() {
  const { adapter, contact } = await longHistory(1500, Date.UTC(2026, 1, 1, 12));
  const note = await adapter.timeline.add({ contactId: contact.id, kind: 'note', subject: 'Eigen notitie', body: 'x' });
  return { adapter, contact, note };
}

/** Every overview query answered `ms` later (a backend far away). */
function slow(adapter: LiftAdapter, ms: number) {
  const query = adapter.timeline.query.bind(adapter.timeline);
  (adapter.timeline as { query: typeof query }).query = async (...args) => (await new Promise((resolve) => setTimeout(resolve, ms)), query(...args));
}

const root = (el: LiftContactTimeline) => el.shadowRoot!;
const scrollerOf = (el: LiftContactTimeline) => root(el).querySelector<HTMLElement>('[part~="scroller"]')!;
const busy = (el: LiftContactTimeline) => root(el).querySelector('[role="feed"]')?.getAttribute('aria-busy') !== 'false';
/** The subjects of the entries in the scroller's view, top to bottom. */
const inView = (el: LiftContactTimeline) => {
  const box = scrollerOf(el).getBoundingClientRect();
  return [...root(el).querySelectorAll<HTMLElement>('article')]
    .filter((a) => a.getBoundingClientRect().bottom > box.top + 1 && a.getBoundingClientRect().top < box.bottom - 1)
    .sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top)
    .map((a) => a.querySelector('.subject')!.textContent!.trim());
};
const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));

/** Scrolls to `top` with the mouse (focus stays outside the list) and waits until the rows there are read. */
async function scrollTo(el: LiftContactTimeline, top: number) {
  const scroller = scrollerOf(el);
  scroller.scrollTop = top;
  await waitUntil(async () => (await frame(), !busy(el) && inView(el).length > 3 && !inView(el).includes('Eigen notitie')), 'the rows there');
  await waitUntil(async () => (await frame(), await el.updateComplete, !busy(el)), 'all read');
  await frame();
  return { scrollTop: scroller.scrollTop, rows: inView(el) };
}

describe('<lift-contact-timeline> read again after a change from elsewhere', () => {
  it('keeps the rows in view shown, with nothing blank, while a slow backend reads them again', async () => {
    const { adapter, contact, note } = await world();
    const el = await timelineOn(adapter, contact.id);
    const before = await scrollTo(el, 40000);
    slow(adapter, 150);
    await adapter.timeline.update(note.id, { body: 'y' });
    // Watched every frame until the list has been read again and is at rest.
    const seen: string[][] = [];
    const start = performance.now();
    let quiet = 0;
    while (performance.now() - start < 5000 && quiet < 10) {
      await frame();
      seen.push(inView(el));
      quiet = busy(el) ? 0 : quiet + 1;
    }
    expect(seen.filter((rows) => !rows.length).length, 'frames with no row in view').to.equal(0);
    expect(seen.filter((rows) => rows[0] !== before.rows[0]).map((rows) => rows[0]), 'the top row while it was read again').to.deep.equal([]);
    expect(scrollerOf(el).scrollTop, 'the place').to.be.closeTo(before.scrollTop, 1);
  });

  it('keeps the place at the end of the list, and after refresh()', async () => {
    const { adapter, contact, note } = await world();
    const el = await timelineOn(adapter, contact.id);
    const scroller = scrollerOf(el);
    // To the very end: the rows there are read, then the end is the end.
    await waitUntil(async () => ((scroller.scrollTop = scroller.scrollHeight), await frame(), inView(el).includes('Onderwerp 1499')), 'the last row');
    const before = await scrollTo(el, scroller.scrollHeight);
    expect(before.rows.at(-1)).to.equal('Onderwerp 1499');
    await adapter.timeline.update(note.id, { body: 'y' });
    await waitUntil(async () => (await frame(), !busy(el)), 'read again');
    await new Promise((resolve) => setTimeout(resolve, 200));
    await frame();
    expect(inView(el), 'the rows in view after a change').to.deep.equal(before.rows);
    expect(scroller.scrollTop).to.be.closeTo(before.scrollTop, 1);
    await el.refresh();
    await new Promise((resolve) => setTimeout(resolve, 200));
    await frame();
    expect(inView(el), 'the rows in view after refresh()').to.deep.equal(before.rows);
    expect(scroller.scrollTop).to.be.closeTo(before.scrollTop, 1);
  });
});

import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { LiftAdapter, OverviewQuery } from '../src/data/contract/adapter.js';
import { LiftDataError } from '../src/data/contract/errors.js';
import '../src/lift-contact-timeline.js';
import type { LiftContactTimeline } from '../src/contact-timeline/timeline.js';
import { withFaults } from './faults.js';
import { timelineOn } from './harness.js';
import { waitUntil } from './helpers.js';
import { longHistory } from './worlds.js';

const world = (count: number) => longHistory(count);

/** The adapter with its overview queries written down (whether each asked for a next page). */
function recording(adapter: LiftAdapter) {
  const asked: OverviewQuery[] = [];
  const query = adapter.timeline.query.bind(adapter.timeline);
  (adapter.timeline as { query: typeof query }).query = (contactId, q) => (asked.push(q ?? {}), query(contactId, q));
  return asked;
}

const root = (el: LiftContactTimeline) => el.shadowRoot!;
const articles = (el: LiftContactTimeline) => [...root(el).querySelectorAll<HTMLElement>('article')];
const scrollerOf = (el: LiftContactTimeline) => root(el).querySelector<HTMLElement>('[part~="scroller"]')!;
const alert = (el: LiftContactTimeline) => root(el).querySelector('[role="alert"]')?.textContent?.replace(/\s+/g, ' ').trim();
const retry = (el: LiftContactTimeline) => root(el).querySelector<HTMLButtonElement>('button.retry');
/** The entry at the top of the scroller's view. */
const topRow = (el: LiftContactTimeline) => {
  const top = scrollerOf(el).getBoundingClientRect().top;
  return articles(el)
    .filter((a) => a.getBoundingClientRect().bottom > top + 1)
    .sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top)[0];
};

describe('<lift-contact-timeline> when a next page fails', () => {
  it('keeps the rows read and shows the failure below them; Try again reads only that page, at the same place', async () => {
    const { adapter, contact } = await world(1500);
    const asked = recording(adapter);
    const faults = withFaults(adapter);
    const el = await timelineOn(faults.adapter, contact.id);
    const scroller = scrollerOf(el);
    scroller.scrollTop = 30000;
    await waitUntil(() => el.shadowRoot!.querySelector('article[data-position="470"]'), 'the rows around 30000');
    await waitUntil(() => root(el).querySelector('[role="feed"]')!.getAttribute('aria-busy') === 'false', 'the pages read');
    faults.fail('timeline.query', new LiftDataError('unavailable', 'away'));
    scroller.scrollTop = 60000;
    await waitUntil(() => retry(el), 'the failure');
    await el.updateComplete;
    expect(alert(el)).to.equal('The next items could not be loaded: the data cannot be reached.');
    const read = Math.max(...articles(el).map((a) => Number(a.dataset.position)));
    expect(articles(el).length, 'the rows read stay').to.be.greaterThan(0);
    expect(read, 'rows down to the end of what was read').to.be.greaterThan(500);
    // At the end of what was read, where the next rows would come.
    const last = root(el).querySelector<HTMLElement>(`article[data-position="${read}"]`)!;
    expect(Math.round(retry(el)!.getBoundingClientRect().top), 'below the last row read').to.be.at.least(Math.round(last.getBoundingClientRect().bottom));
    expect(root(el).querySelector('[part~="status"]')!.textContent!.trim(), 'the count stays').to.equal('1,500 items');
    // No further page is asked for while the failure shows.
    const calls = asked.length;
    scroller.scrollTop = 70000;
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(asked.length, 'no pages asked for meanwhile').to.equal(calls);

    // The reader comes to the failure and presses Try again.
    retry(el)!.focus();
    await new Promise((resolve) => requestAnimationFrame(resolve));
    await el.updateComplete;
    const before = scroller.scrollTop;
    const place = topRow(el)!.dataset.position;
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => !retry(el), 'the page read again');
    await waitUntil(() => root(el).activeElement?.localName === 'article', `focus back in the list (on ${root(el).activeElement?.localName})`);
    await el.updateComplete;
    expect(asked.slice(calls).every((q) => q.cursor), 'only next pages asked for, not the first').to.equal(true);
    expect(Number(root(el).activeElement!.getAttribute('data-position')), 'focus beside where Try again was').to.be.within(read - 1, read + 1);
    expect(Math.abs(scroller.scrollTop - before), 'the place stays').to.be.below(130);
    expect(Number(topRow(el)!.dataset.position), 'the rows in view stay').to.be.within(Number(place) - 2, Number(place) + 2);
    expect(articles(el).some((a) => a.dataset.position === String(read + 1)), 'the next rows came').to.equal(true);
  });

  it('says so in Dutch too', async () => {
    const { adapter, contact } = await world(700);
    const faults = withFaults(adapter);
    const el = await timelineOn(faults.adapter, contact.id, 'nl');
    faults.fail('timeline.query', new LiftDataError('unavailable', 'away'));
    scrollerOf(el).scrollTop = 5800;
    await waitUntil(() => retry(el), 'the failure');
    expect(alert(el)).to.equal('De volgende items konden niet worden geladen: de gegevens zijn niet bereikbaar.');
    expect(retry(el)!.textContent!.trim()).to.equal('Opnieuw proberen');
    expect(articles(el).length, 'the rows read stay').to.be.greaterThan(0);
    await expect(el).to.be.accessible();
  });

  it('keeps focus in the overview when a change from elsewhere takes the failure away while its Try again has focus', async () => {
    const { adapter, contact } = await world(700);
    const note = await adapter.timeline.add({ contactId: contact.id, kind: 'note', subject: 'Gebeld', body: '', occurredAt: '2026-10-20T12:00:00.000Z' });
    const faults = withFaults(adapter);
    const el = await timelineOn(faults.adapter, contact.id);
    faults.fail('timeline.query', new LiftDataError('unavailable', 'away'));
    scrollerOf(el).scrollTop = 5800;
    await waitUntil(() => retry(el), 'the failure');
    retry(el)!.focus();
    await adapter.timeline.update(note.id, { body: 'Teruggebeld' });
    await waitUntil(() => !retry(el), 'the list read again');
    await waitUntil(() => root(el).activeElement?.localName === 'article', `focus in the list (on ${root(el).activeElement?.localName ?? document.activeElement?.localName})`);
  });
});

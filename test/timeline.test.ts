import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { LiftAdapter } from '../src/data/contract/adapter.js';
import { LiftDataError } from '../src/data/contract/errors.js';
import { MemoryAdapter } from '../src/data/adapters/memory-adapter.js';
import type { TimelineEntry, TimelineKind } from '../src/data/contract/model.js';
import type { StoredRecord } from '../src/data/engine/store.js';
import '../src/lift-contact-timeline.js';
import type { LiftContactTimeline } from '../src/contact-timeline/timeline.js';
import { withFaults } from './faults.js';
import { captureWarnings, waitUntil } from './helpers.js';
import { oneContact } from './worlds.js';

const KINDS: TimelineKind[] = ['email', 'note', 'call', 'letter', 'meeting'];

/** A contact with `count` entries, one per day going back from 1 Nov 2026, kinds in turn. */
async function world(count: number, adapter: LiftAdapter = new MemoryAdapter()) {
  const { contact } = await oneContact(adapter, 'Studio Noord', { firstName: 'Mila', lastName: 'Kok' });
  const entries: TimelineEntry[] = Array.from({ length: count }, (_, i) => ({
    id: `t-${String(i).padStart(6, '0')}`,
    contactId: contact.id,
    kind: KINDS[i % KINDS.length]!,
    direction: i % 5 === 0 ? 'out' : undefined,
    subject: i % 7 === 0 ? `Offerte café ${i}` : `Onderwerp ${i}`,
    body: `Regel één van ${i}\nTweede regel`,
    author: i % 2 ? 'Sanne de Boer' : 'Pieter Jansen',
    occurredAt: new Date(Date.UTC(2026, 10, 1, 12) - i * 86_400_000).toISOString(),
  }));
  await (adapter as MemoryAdapter).importRecords({ timeline: entries as unknown as StoredRecord[] });
  return { adapter, contact, entries };
}

async function mount(adapter: LiftAdapter, contactId: string, extra = '') {
  const wrapper = await fixture<HTMLDivElement>(html`<div lang="en"></div>`);
  // Attributes given as markup, the way a host page would write them.
  const el = document.createElement('lift-contact-timeline');
  el.setAttribute('contact-id', contactId);
  for (const [name, value] of new URLSearchParams(extra)) el.setAttribute(name, value);
  el.adapter = adapter;
  wrapper.append(el);
  await el.loaded;
  await el.updateComplete;
  return el;
}

const root = (el: LiftContactTimeline) => el.shadowRoot!;
const articles = (el: LiftContactTimeline) => [...root(el).querySelectorAll<HTMLElement>('article')];
const subjects = (el: LiftContactTimeline) => articles(el).map((a) => a.querySelector('.subject')!.textContent!.trim());
const status = (el: LiftContactTimeline) => root(el).querySelector('[part~="status"]')!.textContent!.trim();
const searchBox = (el: LiftContactTimeline) => root(el).querySelector<HTMLInputElement>('input[type="search"]')!;
async function type(el: LiftContactTimeline, value: string) {
  searchBox(el).value = value;
  searchBox(el).dispatchEvent(new Event('input'));
  await waitUntil(() => el.query === value, 'the search to apply');
  await settled(el);
}
/** After a change of filters: the adapter's answer has arrived and is drawn. */
async function settled(el: LiftContactTimeline) {
  await el.updateComplete;
  await el.loaded;
  await el.updateComplete;
}

describe('<lift-contact-timeline>', () => {
  it('goes back to the whole overview when a host removes its query, from or to attribute', async () => {
    const { adapter, contact } = await world(0);
    const el = await mount(adapter, contact.id, 'query=offerte&from=2026-01-01&to=2026-02-01');
    expect(root(el).querySelector('[part~="empty"]')!.textContent, 'filtered').to.contain('offerte');
    for (const name of ['query', 'from', 'to']) el.removeAttribute(name);
    await settled(el);
    expect(searchBox(el).value, 'the search box').to.equal('');
    expect(root(el).querySelector('[part~="empty"]')!.textContent!.replace(/\s+/g, ' ').trim(), 'unfiltered').to.contain('Nothing has been recorded for this contact yet.');
  });

  it('lists entries newest first, grouped by month, with kind, subject, first line, author, date and direction', async () => {
    const { adapter, contact } = await world(20);
    const el = await mount(adapter, contact.id);
    expect(subjects(el).slice(0, 3)).to.deep.equal(['Offerte café 0', 'Onderwerp 1', 'Onderwerp 2']);
    const first = articles(el)[0]!;
    expect(first.querySelector('.kind')!.textContent).to.contain('E-mail');
    expect(first.querySelector('.body')!.textContent!.trim()).to.equal('Regel één van 0');
    expect(first.querySelector('.meta')!.textContent).to.contain('Sent').and.contain('by Pieter Jansen').and.contain('2026');
    const months = [...root(el).querySelectorAll('[part~="month"]')].map((m) => m.textContent!.trim());
    expect(months.slice(0, 2)).to.deep.equal(['November 2026', 'October 2026']);
    expect(status(el)).to.equal('20 items');
  });

  it('is a feed: rendered rows carry aria-setsize and aria-posinset', async () => {
    const { adapter, contact } = await world(20);
    const el = await mount(adapter, contact.id);
    expect(root(el).querySelector('[role="feed"]')).to.exist;
    expect(articles(el).slice(0, 3).map((a) => [a.getAttribute('aria-posinset'), a.getAttribute('aria-setsize')])).to.deep.equal([['1', '20'], ['2', '20'], ['3', '20']]);
    await expect(el).to.be.accessible();
  });

  it('searches case- and accent-insensitively, highlights safely, and mirrors the query attribute', async () => {
    const { adapter, contact, entries } = await world(40);
    entries[3]!.subject = '<img src=x onerror="window.__pwned=1">';
    await adapter.timeline.add({ contactId: contact.id, kind: 'note', subject: '<img src=x onerror="window.__pwned=1"> CAFE', body: '', occurredAt: '2026-11-20T10:00:00Z' });
    const el = await mount(adapter, contact.id);
    await type(el, 'CAFE');
    expect(el.getAttribute('query')).to.equal('CAFE');
    expect(subjects(el)).to.deep.equal(['<img src=x onerror="window.__pwned=1"> CAFE', 'Offerte café 0', 'Offerte café 7', 'Offerte café 14', 'Offerte café 21', 'Offerte café 28', 'Offerte café 35']);
    expect(root(el).querySelector('img')).to.equal(null);
    expect((window as { __pwned?: number }).__pwned).to.equal(undefined);
    expect([...articles(el)[1]!.querySelectorAll('mark')].map((m) => m.textContent)).to.deep.equal(['café']);
    el.setAttribute('query', 'offerte 14');
    await settled(el);
    expect(subjects(el)).to.deep.equal(['Offerte café 14']);
  });

  it('counts an entry of a kind the filter leaves out as it comes in', async () => {
    const { adapter, contact } = await world(0);
    await adapter.timeline.add({ contactId: contact.id, kind: 'email', subject: 'Offerte', body: '', occurredAt: '2026-01-20T10:00:00Z' });
    await adapter.timeline.add({ contactId: contact.id, kind: 'note', subject: 'Notitie', body: '', occurredAt: '2026-01-21T10:00:00Z' });
    const el = await mount(adapter, contact.id, 'kinds=email');
    const label = (kind: string) => [...root(el).querySelectorAll('label.kind')].find((l) => l.textContent!.includes(kind))!.textContent!.replace(/\s+/g, ' ').trim();
    expect(label('Note')).to.equal('Note (1)');
    await adapter.timeline.add({ contactId: contact.id, kind: 'note', subject: 'Nog een notitie', body: '' });
    await waitUntil(() => label('Note') === 'Note (2)', `the new note counted (${label('Note')})`);
    expect(subjects(el)).to.deep.equal(['Offerte']);
  });

  it('searches for the first 200 characters of a longer text (a pasted paragraph) instead of failing', async () => {
    const { adapter, contact } = await world(0);
    await adapter.timeline.add({ contactId: contact.id, kind: 'note', subject: 'Offerte', body: 'Over de offerte voor de website' });
    const el = await mount(adapter, contact.id);
    expect(searchBox(el).maxLength, 'the box takes no more than is searched').to.equal(200);
    // A host's query attribute has no such bound.
    el.setAttribute('query', `offerte ${'website '.repeat(40)}`);
    await settled(el);
    expect(root(el).querySelector('[part~="error"]'), 'no load error').to.equal(null);
    expect(subjects(el)).to.deep.equal(['Offerte']);
  });

  it('marks a match that follows an emoji or another character written with two code units', async () => {
    const { adapter, contact } = await world(3);
    await adapter.timeline.add({ contactId: contact.id, kind: 'note', subject: 'Lunch 🍕 met 𝒥oop en Joop', body: '', occurredAt: '2026-11-20T10:00:00Z' });
    const el = await mount(adapter, contact.id);
    await type(el, 'joop');
    expect(subjects(el)).to.deep.equal(['Lunch 🍕 met 𝒥oop en Joop']);
    expect([...articles(el)[0]!.querySelectorAll('mark')].map((m) => m.textContent)).to.deep.equal(['Joop']);
  });

  it('filters by kind with counts for the current search, and by date; says which filters hide results', async () => {
    const { adapter, contact } = await world(30);
    const el = await mount(adapter, contact.id, 'kinds=note call');
    expect(el.kinds).to.deep.equal(['note', 'call']);
    expect(el.resultCount).to.equal(12);
    const label = (kind: string) => [...root(el).querySelectorAll('label.kind')].find((l) => l.textContent!.includes(kind))!.textContent!.replace(/\s+/g, ' ').trim();
    expect(label('E-mail')).to.equal('E-mail (6)');
    await type(el, 'offerte');
    expect(label('E-mail')).to.equal('E-mail (1)');
    expect(label('Note')).to.equal('Note (1)');
    el.from = '2026-10-12';
    el.to = '2026-10-20';
    await settled(el);
    expect(el.resultCount).to.equal(0);
    const empty = root(el).querySelector('[part~="empty"]')!.textContent!.replace(/\s+/g, ' ');
    expect(empty).to.contain('search “offerte”').and.contain('kinds Note, Call').and.contain('from').and.contain('up to');
    root(el).querySelector<HTMLButtonElement>('[part~="empty"] button')!.click();
    await settled(el);
    expect([el.query, el.kinds, el.from, el.to]).to.deep.equal(['', [], '', '']);
    expect(el.resultCount).to.equal(30);
    expect(el.getAttribute('kinds')).to.equal('');
  });

  it('ignores unknown kinds with a warning', async () => {
    const { adapter, contact } = await world(5);
    let el!: LiftContactTimeline;
    const warnings = await captureWarnings(async () => {
      el = await mount(adapter, contact.id, 'kinds=note fax');
    });
    expect(el.kinds).to.deep.equal(['note']);
    expect(warnings.some((w) => w.includes('"fax"'))).to.equal(true);
  });

  it('selects an entry by click or Enter, and moves between entries with the arrow keys', async () => {
    const { adapter, contact, entries } = await world(20);
    const el = await mount(adapter, contact.id);
    const heard = oneEvent(el, 'lift-timeline-select');
    articles(el)[1]!.click();
    expect((await heard).detail.entry.id).to.equal(entries[1]!.id);
    await el.updateComplete;
    expect(articles(el)[1]!.getAttribute('aria-current')).to.equal('true');
    articles(el)[1]!.focus();
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    await waitUntil(() => (root(el).activeElement as HTMLElement | null)?.dataset.position === '3', 'focus on the third entry');
    const next = oneEvent(el, 'lift-timeline-select');
    await sendKeys({ press: 'Enter' });
    expect((await next).detail.entry.id).to.equal(entries[2]!.id);
    await sendKeys({ press: 'End' });
    await waitUntil(() => (root(el).activeElement as HTMLElement | null)?.dataset.position === '20', 'focus on the last entry');
    // A cancelled selection leaves the current entry as it was.
    el.addEventListener('lift-timeline-select', (e) => e.preventDefault(), { once: true });
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(root(el).querySelector('article[data-position="20"]')!.getAttribute('aria-current')).to.equal('false');
    await sendKeys({ press: 'Home' });
    await waitUntil(() => (root(el).activeElement as HTMLElement | null)?.dataset.position === '1', 'focus on the first entry');
    expect(root(el).querySelector('[aria-current="true"]')!.getAttribute('data-position')).to.equal('3');
  });

  it('keeps focus and the tab stop on the entry they were on when the list is read again past its first page', async () => {
    const { adapter, contact } = await world(300);
    const el = await mount(adapter, contact.id);
    const focused = () => root(el).activeElement as HTMLElement | null;
    articles(el)[0]!.focus();
    await sendKeys({ press: 'End' });
    await waitUntil(() => focused()?.dataset.position === '300', 'focus on the last entry');
    await sendKeys({ press: 'ArrowUp' });
    await waitUntil(() => focused()?.dataset.position === '299', 'focus one up');
    // An entry dated long ago arrives (a colleague, another tab): the list is read again from its first page.
    await adapter.timeline.add({ contactId: contact.id, kind: 'note', subject: 'Van lang geleden', body: '', occurredAt: new Date(Date.UTC(2001, 0, 1)).toISOString() });
    await waitUntil(() => el.resultCount === 301, 'the new entry counted');
    await waitUntil(() => focused()?.querySelector('.subject')?.textContent?.trim() === 'Onderwerp 298', `focus on the same entry (${focused()?.localName ?? 'none'})`);
    expect(focused()!.dataset.position).to.equal('299');
    expect(root(el).querySelectorAll('article[tabindex="0"]').length, 'one tab stop').to.equal(1);
  });

  it('leaves focus where the reader moved it while the list was read again, and keeps the tab stop on its entry', async () => {
    const { adapter, contact } = await world(300);
    const faults = withFaults(adapter);
    const el = await mount(faults.adapter, contact.id);
    const outside = Object.assign(document.createElement('button'), { textContent: 'Elders op de pagina' });
    el.parentElement!.append(outside);
    const focused = () => root(el).activeElement as HTMLElement | null;
    articles(el)[0]!.focus();
    await sendKeys({ press: 'End' });
    await waitUntil(() => focused()?.dataset.position === '300', 'focus on the last entry');
    // The re-read waits until the reader has gone to a button outside the overview.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const query = faults.adapter.timeline.query.bind(faults.adapter.timeline);
    (faults.adapter.timeline as { query: typeof query }).query = async (...args) => (await held, query(...args));
    await adapter.timeline.add({ contactId: contact.id, kind: 'note', subject: 'Van lang geleden', body: '', occurredAt: new Date(Date.UTC(2001, 0, 1)).toISOString() });
    outside.focus();
    release();
    await waitUntil(() => el.resultCount === 301, 'the list read again');
    await waitUntil(() => root(el).querySelector<HTMLElement>('article[tabindex="0"] .subject')?.textContent?.trim() === 'Onderwerp 299', 'the tab stop on the same entry');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(document.activeElement, 'focus stays where the reader put it').to.equal(outside);
    outside.remove();
  });

  it('keeps the tab stop on its entry when a note recorded here comes in on top', async () => {
    const { adapter, contact } = await world(30);
    // Over HTTP the feed tells of the note after the save has answered; here it never does, so
    // the overview keeps its place by the save alone.
    const faults = withFaults(adapter);
    faults.muteFeed();
    const el = await mount(faults.adapter, contact.id);
    const focused = () => root(el).activeElement as HTMLElement | null;
    articles(el)[0]!.focus();
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowDown' });
    await waitUntil(() => focused()?.dataset.position === '3', 'focus on the third entry');
    const stop = focused()!.querySelector('.subject')!.textContent!.trim();
    [...root(el).querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent!.trim() === 'Record activity')!.click();
    await waitUntil(() => root(el).querySelector('[part~="note-form"] textarea'), 'the form');
    const form = root(el).querySelector<HTMLFormElement>('[part~="note-form"]')!;
    const body = form.querySelector<HTMLTextAreaElement>('textarea')!;
    body.value = 'Gebeld, terugbellen maandag';
    body.dispatchEvent(new Event('input', { bubbles: true }));
    form.requestSubmit();
    await waitUntil(() => el.resultCount === 31, 'the note in the overview');
    await waitUntil(() => subjects(el).length > 3 && !root(el).querySelector('[part~="pending"]'), 'the note saved');
    await new Promise((resolve) => setTimeout(resolve, 100));
    const stops = root(el).querySelectorAll('article[tabindex="0"]');
    expect(stops.length, 'one tab stop').to.equal(1);
    expect(stops[0]!.querySelector('.subject')!.textContent!.trim(), 'the tab stop on the entry it was on').to.equal(stop);
    expect(stops[0]!.getAttribute('data-position')).to.equal('4');
  });

  it('gives focus back to the list after Try again, not to the page', async () => {
    const { adapter, contact } = await world(30);
    const faults = withFaults(adapter);
    faults.fail('timeline.query', new LiftDataError('unavailable', 'The server is away.'));
    const wrapper = await fixture<HTMLDivElement>(html`<div lang="en"><lift-contact-timeline contact-id=${contact.id} .adapter=${faults.adapter}></lift-contact-timeline></div>`);
    const el = wrapper.querySelector('lift-contact-timeline')!;
    const retry = () => [...root(el).querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent!.trim() === 'Try again');
    await waitUntil(() => retry(), 'the failure with its Try again');
    retry()!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => articles(el).length > 0, 'the list');
    await waitUntil(() => (root(el).activeElement as HTMLElement | null)?.dataset.position === '1', `focus on the first entry (${root(el).activeElement?.localName ?? 'the page'})`);
  });

  it('leaves focus where the reader went when a filter changes while End is still reading pages', async () => {
    const { adapter, contact } = await world(1200);
    const faults = withFaults(adapter);
    const el = await mount(faults.adapter, contact.id);
    articles(el)[0]!.focus();
    // The pages End reads wait until the reader has moved to a filter.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const query = faults.adapter.timeline.query.bind(faults.adapter.timeline);
    (faults.adapter.timeline as { query: typeof query }).query = async (...args) => (await held, query(...args));
    await sendKeys({ press: 'End' });
    const box = root(el).querySelector<HTMLInputElement>('label.kind input')!;
    box.focus();
    box.click();
    release();
    await settled(el);
    await new Promise((resolve) => setTimeout(resolve, 100));
    await el.updateComplete;
    expect(root(el).activeElement, 'focus stays on the kind filter').to.equal(box);
    expect(el.shadowRoot!.querySelector<HTMLElement>('[part~="scroller"]')!.scrollTop, 'the new list opens at its top').to.equal(0);
  });

  it('paints the first page from the adapter’s query, then says it is still searching while a slow search runs', async () => {
    const { adapter, contact } = await world(120);
    const faults = withFaults(adapter);
    const wrapper = await fixture<HTMLDivElement>(html`<div lang="en"><lift-contact-timeline contact-id=${contact.id} .adapter=${faults.adapter}></lift-contact-timeline></div>`);
    const el = wrapper.querySelector('lift-contact-timeline')!;
    await waitUntil(() => articles(el).length > 0, 'the first page');
    // The overview asks the adapter for pages; it never reads the whole history.
    expect(faults.calls).to.include('timeline.query');
    expect(faults.calls).not.to.include('timeline.all');
    faults.hang('timeline.query');
    searchBox(el).value = 'offerte';
    searchBox(el).dispatchEvent(new Event('input'));
    await waitUntil(() => status(el) === 'Searching…', 'the searching state');
    expect(subjects(el)[0]).to.equal('Offerte café 0');
  });

  it('says it is loading, not searching, while a slow first page comes, and keeps its count while the next page does', async () => {
    const { adapter, contact } = await world(400);
    const faults = withFaults(adapter);
    faults.hang('timeline.query');
    const wrapper = await fixture<HTMLDivElement>(html`<div lang="en"><lift-contact-timeline contact-id=${contact.id} .adapter=${faults.adapter}></lift-contact-timeline></div>`);
    const slow = wrapper.querySelector('lift-contact-timeline')!;
    await slow.updateComplete;
    expect(status(slow), 'at once').to.equal('Loading the overview…');
    // Well past the moment a slow search says it is searching: nothing was searched for.
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(status(slow), 'while the first page is slow').to.equal('Loading the overview…');
    const quick = withFaults(adapter);
    const el = await mount(quick.adapter, contact.id);
    const count = status(el);
    expect(count).to.match(/^400 /);
    quick.hang('timeline.query');
    root(el).querySelector<HTMLElement>('[part~="scroller"]')!.scrollTop = 9000;
    await waitUntil(() => quick.calls.filter((call) => call === 'timeline.query').length > 1, 'the next page asked for');
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(status(el), 'while the next page is slow').to.equal(count);
  });

  it('keeps keyboard focus in the overview when a read fails: on Try again, and back in the list once a retry loads', async () => {
    const { adapter, contact } = await world(700);
    const faults = withFaults(adapter);
    const el = await mount(faults.adapter, contact.id);
    const retry = () => [...root(el).querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent!.trim() === 'Try again');
    articles(el)[0]!.focus();
    // End asks for pages up to the last entry; the next one does not come.
    faults.fail('timeline.query', new LiftDataError('unavailable', 'away'));
    await sendKeys({ press: 'End' });
    await waitUntil(() => retry(), 'the failure');
    await waitUntil(() => root(el).activeElement === retry(), `focus on Try again after End met a failed page (on ${document.activeElement?.localName})`);
    // Try again, failing again: focus stays on the button that says so. The button stays while
    // the page is asked for, so the failure is answered only once it was asked, and then taken in
    // (no read is made: a task later it has been).
    const refuse = faults.failLate('timeline.query', new LiftDataError('unavailable', 'away'));
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => faults.calls.filter((call) => call === 'timeline.query').length >= 3, 'the page asked for again');
    refuse();
    await new Promise((resolve) => setTimeout(resolve, 0));
    await waitUntil(() => retry(), 'the second failure');
    await el.updateComplete;
    await waitUntil(() => root(el).activeElement === retry(), `focus on Try again after a retry that failed (on ${document.activeElement?.localName})`);
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => root(el).activeElement?.localName === 'article', `focus back in the list (on ${document.activeElement?.localName})`);
    expect(root(el).activeElement!.getAttribute('data-position'), 'on the entry the reader was on').to.equal('1');
  });

  it('highlights the words the rows shown were found by, not those still being searched for', async () => {
    const { adapter, contact } = await world(40);
    const faults = withFaults(adapter);
    const el = await mount(faults.adapter, contact.id);
    const marks = () => [...articles(el)[0]!.querySelectorAll('mark')].map((m) => m.textContent);
    await type(el, 'café');
    expect(marks()).to.deep.equal(['café']);
    await type(el, 'offerte');
    expect(marks(), 'the new words, once their rows came').to.deep.equal(['Offerte']);
    faults.hang('timeline.query');
    searchBox(el).value = 'café';
    searchBox(el).dispatchEvent(new Event('input'));
    await waitUntil(() => el.query === 'café', 'the search to apply');
    await el.updateComplete;
    expect(subjects(el)[0], 'the rows found before stay while the search runs').to.equal('Offerte café 0');
    expect(marks(), 'what they were found by').to.deep.equal(['Offerte']);
  });

  it('says in the reader\'s words that something went wrong when an adapter throws an error without a code, never its message', async () => {
    const { adapter, contact } = await world(5);
    const faults = withFaults(adapter);
    const thrown = new TypeError('Cannot read properties of undefined (reading "rows")');
    faults.fail('timeline.query', thrown, { times: 10 });
    let box!: HTMLDivElement;
    const alerts = () => [...box.querySelectorAll('lift-contact-timeline')].map((el) => el.shadowRoot!.querySelector('[role="alert"]')?.textContent?.trim());
    const warnings = await captureWarnings(async () => {
      box = await fixture<HTMLDivElement>(html`<div>
        <lift-contact-timeline lang="nl" contact-id=${contact.id} .adapter=${faults.adapter}></lift-contact-timeline>
        <lift-contact-timeline lang="en" contact-id=${contact.id} .adapter=${faults.adapter}></lift-contact-timeline>
      </div>`);
      await waitUntil(() => alerts().every(Boolean), 'both overviews say so');
      for (const el of box.querySelectorAll('lift-contact-timeline')) el.requestUpdate();
      await Promise.all([...box.querySelectorAll('lift-contact-timeline')].map((el) => el.updateComplete));
    });
    expect(alerts()).to.deep.equal(['Het overzicht kon niet worden geladen: er ging onverwacht iets mis.', 'The overview could not be loaded: something went wrong unexpectedly.']);
    // Its own message is for developers: on the console, once, however often it is shown.
    expect(warnings.filter((w) => w.includes('reading "rows"'))).to.have.length(1);
  });

  it("says something went wrong when a host's adapter throws a code the library does not know, never \"undefined\"", async () => {
    const { adapter, contact } = await world(5);
    const faults = withFaults(adapter);
    // A host's own adapter may use codes of its own (its server's, a later version's).
    faults.fail('timeline.query', new LiftDataError('rate-limited' as never, 'slow down'), { times: 10 });
    const el = await fixture<LiftContactTimeline>(html`<lift-contact-timeline lang="en" contact-id=${contact.id} .adapter=${faults.adapter}></lift-contact-timeline>`);
    await waitUntil(() => el.shadowRoot!.querySelector('[role="alert"]'), 'the failure');
    expect(el.shadowRoot!.querySelector('[role="alert"]')!.textContent!.trim()).to.equal('The overview could not be loaded: something went wrong unexpectedly.');
  });

  it('keeps its tab stop when the focused entry is scrolled far away', async () => {
    const { adapter, contact } = await world(300);
    const el = await mount(adapter, contact.id);
    const scroller = root(el).querySelector<HTMLElement>('[part~="scroller"]')!;
    scroller.scrollTop = 12_000;
    await waitUntil(() => Number(articles(el)[0]!.dataset.position) > 100, 'the scroll');
    const stops = articles(el).filter((a) => a.tabIndex === 0);
    expect(stops.map((a) => a.dataset.position)).to.deep.equal(['1']);
  });

  it('shows a new search from its first result, wherever the list was scrolled', async () => {
    const { adapter, contact } = await world(300);
    const el = await mount(adapter, contact.id);
    const scroller = root(el).querySelector<HTMLElement>('[part~="scroller"]')!;
    scroller.scrollTop = 12_000;
    await waitUntil(() => Number(articles(el)[0]!.dataset.position) > 100, 'the scroll');
    // Every seventh entry is an offer: 43 results, a list shorter than where the reader was.
    await type(el, 'offerte');
    await waitUntil(() => articles(el).some((a) => a.dataset.position === '1'), 'the first result shown');
    expect(root(el).querySelector<HTMLElement>('[part~="scroller"]')!.scrollTop).to.equal(0);
    expect(subjects(el)[0]).to.equal('Offerte café 0');
  });

  it('keeps a note too long to save in its form and says how much fits, instead of sending it to fail', async () => {
    const { adapter, contact } = await world(3);
    const el = await mount(adapter, contact.id);
    [...root(el).querySelectorAll<HTMLButtonElement>('[part~="filters"] button')].find((b) => b.textContent!.includes('Record activity'))!.click();
    await waitUntil(() => root(el).querySelector('[part~="note-form"] textarea'), 'the form');
    const form = root(el).querySelector<HTMLFormElement>('[part~="note-form"]')!;
    const long = 'Verslag. '.repeat(22_223);
    form.querySelector('textarea')!.value = long;
    form.querySelector('textarea')!.dispatchEvent(new Event('input', { bubbles: true }));
    form.requestSubmit();
    await el.updateComplete;
    const alert = root(el).querySelector('[part~="note-form"] [role="alert"]');
    expect(alert?.textContent?.trim()).to.equal('The note is too long: at most 200,000 characters fit.');
    expect(root(el).querySelector<HTMLTextAreaElement>('[part~="note-form"] textarea')!.value, 'the text stays to shorten').to.equal(long);
    expect(root(el).querySelector('[part~="note-form"] textarea')!.getAttribute('aria-invalid')).to.equal('true');
    expect(root(el).querySelector('[part~="pending"]'), 'nothing sent that must fail').to.equal(null);
    expect(await adapter.timeline.all(contact.id)).to.have.length(3);
  });

  it('takes back what Save said about the form once it is mended: a note written, the text shortened', async () => {
    const { adapter, contact } = await world(3);
    const el = await mount(adapter, contact.id);
    [...root(el).querySelectorAll<HTMLButtonElement>('[part~="filters"] button')].find((b) => b.textContent!.includes('Record activity'))!.click();
    await waitUntil(() => root(el).activeElement?.localName === 'textarea', 'the form, its note field focused');
    const form = root(el).querySelector<HTMLFormElement>('[part~="note-form"]')!;
    const alert = () => form.querySelector('[role="alert"]')?.textContent?.trim() ?? '';
    const body = () => form.querySelector('textarea')!;
    form.requestSubmit();
    await el.updateComplete;
    expect([alert(), body().getAttribute('aria-invalid')]).to.deep.equal(['Write a note first.', 'true']);
    // Typing a space mends nothing: the words stay until there is a note.
    await sendKeys({ type: ' ' });
    await el.updateComplete;
    expect(alert()).to.equal('Write a note first.');
    await sendKeys({ type: 'Teruggebeld' });
    await el.updateComplete;
    expect([alert(), body().getAttribute('aria-invalid')], 'nothing left to mend').to.deep.equal(['', 'false']);

    body().value = 'Verslag. '.repeat(22_223);
    body().dispatchEvent(new Event('input', { bubbles: true }));
    form.requestSubmit();
    await el.updateComplete;
    expect(alert()).to.equal('The note is too long: at most 200,000 characters fit.');
    body().value = 'Verslag.';
    body().dispatchEvent(new Event('input', { bubbles: true }));
    await el.updateComplete;
    expect([alert(), body().getAttribute('aria-invalid')], 'shortened enough').to.deep.equal(['', 'false']);
  });

  it('adds a note that shows at the top at once; a failed save keeps it with a retry', async () => {
    const { adapter, contact } = await world(10);
    const faults = withFaults(adapter);
    const el = await mount(faults.adapter, contact.id);
    const open = () => [...root(el).querySelectorAll<HTMLButtonElement>('[part~="filters"] button')].find((b) => b.textContent!.includes('Record activity'))!.click();
    open();
    await el.updateComplete;
    const form = root(el).querySelector<HTMLFormElement>('[part~="note-form"]')!;
    expect(root(el).activeElement).to.equal(form.querySelector('textarea'));
    form.requestSubmit();
    await el.updateComplete;
    expect(root(el).querySelector('[part~="note-form"] [role="alert"]')!.textContent).to.contain('Write a note first.');

    faults.fail('timeline.add', new LiftDataError('quota', 'The disk is full.'));
    form.querySelector<HTMLInputElement>('[name="subject"]')!.value = 'Gebeld over offerte';
    form.querySelector<HTMLTextAreaElement>('textarea')!.value = 'Wil volgende week een voorstel.';
    form.requestSubmit();
    await waitUntil(() => root(el).querySelector('[part~="pending"][data-state="failed"]'), 'the failure to show');
    const pending = root(el).querySelector('[part~="pending"]')!;
    expect(pending.textContent).to.contain('Gebeld over offerte').and.contain('Wil volgende week een voorstel.').and.contain('Not saved: this browser’s storage is full.');
    expect((await adapter.timeline.all(contact.id)).some((e) => e.subject === 'Gebeld over offerte')).to.equal(false);

    [...pending.querySelectorAll('button')].find((b) => b.textContent!.includes('Try again'))!.click();
    await waitUntil(() => !root(el).querySelector('[part~="pending"]'), 'the retry to save');
    await el.updateComplete;
    expect(subjects(el)[0]).to.equal('Gebeld over offerte');
    expect((await adapter.timeline.all(contact.id))[0]!.subject).to.equal('Gebeld over offerte');
    // Shown once, though both the save and the change feed brought it: a later change, shown,
    // means the feed's news of the save has been handled too.
    await adapter.timeline.add({ contactId: contact.id, kind: 'call', subject: 'Later gebeld', body: '' });
    await waitUntil(() => subjects(el).includes('Later gebeld'), 'a later entry to show');
    expect(el.resultCount).to.equal(12);
    expect(subjects(el).filter((s) => s === 'Gebeld over offerte')).to.have.length(1);
  });

  it('keeps a failed note with its own contact, and shows nothing of one contact under another', async () => {
    const { adapter, contact } = await world(10);
    const other = await adapter.contacts.create({ relationId: contact.relationId, lastName: 'Ander' });
    await adapter.timeline.add({ contactId: other.id, kind: 'call', subject: 'Alleen bij de ander', body: '' });
    const faults = withFaults(adapter);
    const el = await mount(faults.adapter, contact.id);
    faults.fail('timeline.add', new LiftDataError('unavailable', 'Offline.'));
    [...root(el).querySelectorAll<HTMLButtonElement>('[part~="filters"] button')].find((b) => b.textContent!.includes('Record activity'))!.click();
    await el.updateComplete;
    const form = root(el).querySelector<HTMLFormElement>('[part~="note-form"]')!;
    form.querySelector('textarea')!.value = 'Voor Mila';
    form.requestSubmit();
    await waitUntil(() => root(el).querySelector('[part~="pending"][data-state="failed"]'), 'the failure');

    el.contactId = other.id;
    await waitUntil(() => subjects(el).length === 1, 'the other contact’s overview');
    expect(subjects(el)).to.deep.equal(['Alleen bij de ander']);
    expect(root(el).querySelector('[part~="pending"]')).to.equal(null);

    el.contactId = contact.id;
    await waitUntil(() => root(el).querySelector('[part~="pending"]'), 'the kept note');
    [...root(el).querySelectorAll<HTMLButtonElement>('[part~="pending"] button')].find((b) => b.textContent!.includes('Try again'))!.click();
    await waitUntil(() => !root(el).querySelector('[part~="pending"]'), 'the retry');
    expect((await adapter.timeline.all(contact.id)).some((e) => e.body === 'Voor Mila')).to.equal(true);
    expect((await adapter.timeline.all(other.id)).some((e) => e.body === 'Voor Mila')).to.equal(false);
  });

  it('shows entries that arrive through the change feed without a reload, keeping the place when scrolled', async () => {
    const { adapter, contact } = await world(200);
    const el = await mount(adapter, contact.id);
    const scroller = root(el).querySelector<HTMLElement>('[part~="scroller"]')!;
    scroller.scrollTop = 3000;
    await waitUntil(() => articles(el).length && Number(articles(el)[0]!.dataset.position) > 20, 'the scroll');
    await el.updateComplete;
    const topBefore = articles(el).find((a) => a.getBoundingClientRect().top >= scroller.getBoundingClientRect().top)!.textContent;
    await adapter.timeline.add({ contactId: contact.id, kind: 'call', subject: 'Nieuw telefoontje', body: 'Via de centrale' });
    await waitUntil(() => el.resultCount === 201, 'the new entry');
    await el.updateComplete;
    await new Promise((resolve) => requestAnimationFrame(resolve));
    const topAfter = articles(el).find((a) => a.getBoundingClientRect().top >= scroller.getBoundingClientRect().top)!.textContent;
    expect(topAfter).to.equal(topBefore);
    scroller.scrollTop = 0;
    await waitUntil(() => subjects(el)[0] === 'Nieuw telefoontje', 'the new entry at the top');
  });

  it('puts an entry that arrives dated in the past where its date belongs, also below the rows read so far', async () => {
    const { adapter, contact, entries } = await world(200);
    const el = await mount(adapter, contact.id);
    expect(el.resultCount).to.equal(200);
    // Between the third and fourth newest: on the page shown, but not on top.
    const between = new Date(Date.parse(entries[2]!.occurredAt) - 3_600_000).toISOString();
    await adapter.timeline.add({ contactId: contact.id, kind: 'call', subject: 'Vergeten telefoontje', body: '', occurredAt: between });
    await waitUntil(() => el.resultCount === 201, 'the entry between others to be counted');
    await el.updateComplete;
    expect(subjects(el).slice(0, 5)).to.deep.equal(['Offerte café 0', 'Onderwerp 1', 'Onderwerp 2', 'Vergeten telefoontje', 'Onderwerp 3']);
    // Older than the whole first page: only the total tells that it came.
    const old = new Date(Date.parse(entries[180]!.occurredAt) - 3_600_000).toISOString();
    await adapter.timeline.add({ contactId: contact.id, kind: 'note', subject: 'Oude notitie', body: '', occurredAt: old });
    await waitUntil(() => el.resultCount === 202, 'the old entry to be counted');
    const scroller = root(el).querySelector<HTMLElement>('[part~="scroller"]')!;
    // Newest first: 181 of the 200 are newer, and so is the one added between them.
    const at183 = () => articles(el).find((a) => a.dataset.position === '183');
    scroller.scrollTop = scroller.scrollHeight;
    await waitUntil(() => articles(el).some((a) => a.dataset.position === '202'), 'the last rows');
    await waitUntil(() => at183() || void (scroller.scrollTop -= 200), 'row 183 after scrolling up from the end');
    expect(at183()!.querySelector('.subject')!.textContent!.trim()).to.equal('Oude notitie');
  });

  it('says when there is nothing yet, and when loading failed (with a retry)', async () => {
    const { adapter, contact } = await world(0);
    const empty = await mount(adapter, contact.id);
    expect(root(empty).querySelector('[part~="empty"]')!.textContent).to.contain('Nothing has been recorded');
    await expect(empty).to.be.accessible();
    const faults = withFaults(adapter);
    faults.fail('timeline.query', new LiftDataError('unavailable', 'Offline.'));
    const failed = await mount(faults.adapter, contact.id);
    // In the reader's words, not the adapter's.
    expect(root(failed).querySelector('[role="alert"]')!.textContent).to.contain('The overview could not be loaded: the data cannot be reached.');
    expect(status(failed), 'the status does not say "Loading…" beside the failure').to.equal('');
    // The filters stay usable beside the error; Retry loads again.
    expect(searchBox(failed)).to.exist;
    [...root(failed).querySelectorAll('button')].find((b) => b.textContent!.includes('Try again'))!.click();
    await waitUntil(() => root(failed).querySelector('[part~="empty"]'), 'the retry');
  });

  it('speaks Dutch, and passes axe with a search and filters applied', async () => {
    const { adapter, contact } = await world(25);
    const wrapper = await fixture<HTMLDivElement>(html`<div lang="nl"><lift-contact-timeline contact-id=${contact.id} .adapter=${adapter}></lift-contact-timeline></div>`);
    const el = wrapper.querySelector('lift-contact-timeline')!;
    await el.loaded;
    await el.updateComplete;
    expect(status(el)).to.equal('25 items');
    expect(articles(el)[0]!.querySelector('.meta')!.textContent).to.contain('Verzonden').and.contain('door Pieter Jansen');
    await type(el, 'onderwerp 1');
    el.kinds = ['note'];
    await settled(el);
    await expect(el).to.be.accessible();
  });
});

describe('<lift-contact-timeline scope="correspondence">', () => {
  const kindLabels = (el: LiftContactTimeline) => [...root(el).querySelectorAll('label.kind')].map((l) => l.textContent!.replace(/\s*\(\d+\)\s*/, '').trim());
  const searchLabel = (el: LiftContactTimeline) => searchBox(el).closest('label')!.textContent!.trim();
  const buttons = (el: LiftContactTimeline) => [...root(el).querySelectorAll('[part~="filters"] button')].map((b) => b.textContent!.trim());

  it('is its own view: only correspondence kinds, its own search, no note', async () => {
    const { adapter, contact } = await world(30);
    const el = await mount(adapter, contact.id, 'scope=correspondence');
    expect(kindLabels(el)).to.deep.equal(['E-mail', 'Letter', 'Document', 'Invoice']);
    // Of the kinds in turn (e-mail, note, call, letter, meeting), e-mails and letters.
    expect(el.resultCount).to.equal(12);
    expect(searchLabel(el)).to.equal('Search the correspondence');
    expect(root(el).querySelector('[role="feed"]')!.getAttribute('aria-label')).to.equal('Correspondence');
    expect(buttons(el)).not.to.include('Record activity');
    el.lang = 'nl';
    await waitUntil(() => searchLabel(el) === 'Zoeken in de correspondentie', 'the Dutch label');
    expect(buttons(el)).not.to.include('Activiteit vastleggen');
  });

  it('says there is no correspondence yet with a kind chosen too, not that the kind hides it', async () => {
    const { adapter, contact } = await world(0);
    await adapter.timeline.add({ contactId: contact.id, kind: 'note', subject: 'Belafspraak', body: '' });
    const el = await mount(adapter, contact.id, 'scope=correspondence&kinds=letter');
    const empty = () => root(el).querySelector('[part~="empty"]')?.textContent?.replace(/\s+/g, ' ').trim();
    await waitUntil(() => empty() === 'There is no correspondence with this contact yet.', `the empty correspondence said (${empty()})`);
  });

  it('says there is no correspondence yet when only notes and calls were recorded, not that nothing was', async () => {
    const { adapter, contact } = await world(0);
    await adapter.timeline.add({ contactId: contact.id, kind: 'note', subject: 'Belafspraak', body: '' });
    await adapter.timeline.add({ contactId: contact.id, kind: 'call', subject: 'Teruggebeld', body: '' });
    const el = await mount(adapter, contact.id, 'scope=correspondence');
    const empty = () => root(el).querySelector('[part~="empty"]')?.textContent?.trim();
    await waitUntil(() => empty() === 'There is no correspondence with this contact yet.', `the empty correspondence said (${empty()})`);
    el.lang = 'nl';
    await waitUntil(() => empty() === 'Er is nog geen correspondentie met deze contactpersoon.', `in Dutch (${empty()})`);
  });

  it('keeps to its kinds when the filters are cleared, and focus goes to the search', async () => {
    const { adapter, contact } = await world(30);
    const el = await mount(adapter, contact.id, 'scope=correspondence');
    el.kinds = ['letter'];
    await settled(el);
    expect(el.resultCount).to.equal(6);
    const clear = [...root(el).querySelectorAll<HTMLButtonElement>('[part~="filters"] button')].find((b) => b.textContent!.trim() === 'Clear filters')!;
    clear.focus();
    clear.click();
    await settled(el);
    expect(el.resultCount, 'e-mails and letters again, not the whole overview').to.equal(12);
    expect(subjects(el).length).to.be.above(0);
    expect(root(el).activeElement, 'focus on the search, not the page').to.equal(searchBox(el));
  });
});

describe('<lift-contact-timeline> after "Clear filters"', () => {
  it('puts focus on the search instead of letting it fall to the page', async () => {
    const { adapter, contact } = await world(30);
    const el = await mount(adapter, contact.id, 'kinds=note');
    const clear = [...root(el).querySelectorAll<HTMLButtonElement>('[part~="filters"] button')].find((b) => b.textContent!.trim() === 'Clear filters')!;
    clear.focus();
    clear.click();
    await settled(el);
    expect(el.resultCount).to.equal(30);
    expect(root(el).activeElement).to.equal(searchBox(el));
    expect(document.activeElement).not.to.equal(document.body);
  });

  it('stays cleared when it is pressed before the words just typed were searched for', async () => {
    const { adapter, contact } = await world(30);
    const el = await mount(adapter, contact.id, 'kinds=note');
    searchBox(el).value = 'Offerte';
    searchBox(el).dispatchEvent(new Event('input'));
    [...root(el).querySelectorAll<HTMLButtonElement>('[part~="filters"] button')].find((b) => b.textContent!.trim() === 'Clear filters')!.click();
    // Longer than the pause the search waits for after the last key.
    await new Promise((resolve) => setTimeout(resolve, 300));
    await settled(el);
    expect(el.query, 'the typed words do not come back after the clear').to.equal('');
    expect(searchBox(el).value).to.equal('');
    expect(el.resultCount).to.equal(30);
  });
});

describe('<lift-contact-timeline> by Tab', () => {
  it('goes from the last filter button straight to an entry: its scrolling box is no stop of its own', async () => {
    const { adapter, contact } = await world(40);
    const el = await mount(adapter, contact.id);
    const compose = root(el).querySelector<HTMLButtonElement>('button.compose')!;
    compose.focus();
    await sendKeys({ press: 'Tab' });
    const active = root(el).activeElement;
    expect(active?.localName, `Tab went to ${active?.localName}.${active?.getAttribute('part')}`).to.equal('article');
  });
});

describe('<lift-contact-timeline> recording activity for one contact, then another', () => {
  const record = (el: LiftContactTimeline) => [...root(el).querySelectorAll<HTMLButtonElement>('[part~="filters"] button')].find((b) => b.textContent!.trim() === 'Record activity')!.click();
  const form = (el: LiftContactTimeline) => root(el).querySelector<HTMLFormElement>('[part~="note-form"]');
  const kindSelect = (el: LiftContactTimeline) => form(el)!.querySelector<HTMLSelectElement>('select[name="kind"]')!;

  it("shows and saves each contact's own kind when the form is left open for one and filled in for another", async () => {
    const { adapter, contact } = await world(3);
    const other = await adapter.contacts.create({ relationId: contact.relationId, lastName: 'Ander' });
    const el = await mount(adapter, other.id);
    record(el);
    await waitUntil(() => form(el), "the other contact's form");
    expect(kindSelect(el).value).to.equal('note');
    el.contactId = contact.id;
    await settled(el);
    record(el);
    await waitUntil(() => form(el), "Mila's form");
    kindSelect(el).value = 'call';
    kindSelect(el).dispatchEvent(new Event('change', { bubbles: true }));
    const body = form(el)!.querySelector('textarea')!;
    body.value = 'Gebeld over de planning';
    body.dispatchEvent(new Event('input', { bubbles: true }));
    el.contactId = other.id;
    await settled(el);
    await waitUntil(() => form(el)?.querySelector('textarea')?.value === '', "the other contact's form as it was left");
    expect(kindSelect(el).value, "the other contact's kind").to.equal('note');
    const otherBody = form(el)!.querySelector('textarea')!;
    otherBody.value = 'Notitie voor de ander';
    otherBody.dispatchEvent(new Event('input', { bubbles: true }));
    form(el)!.requestSubmit();
    await waitUntil(async () => (await adapter.timeline.all(other.id)).some((e) => e.body === 'Notitie voor de ander'), 'the note saved');
    expect((await adapter.timeline.all(other.id)).find((e) => e.body === 'Notitie voor de ander')!.kind).to.equal('note');
    el.contactId = contact.id;
    await settled(el);
    await waitUntil(() => form(el)?.querySelector('textarea')?.value === 'Gebeld over de planning', "Mila's form as it was left");
    expect(kindSelect(el).value, "Mila's kind").to.equal('call');
  });

  it('stops saying "Saving…" once the note is stored, though reading the list again hangs, also for the next note', async () => {
    const { adapter, contact } = await world(10);
    const faults = withFaults(adapter);
    const el = await mount(faults.adapter, contact.id);
    faults.hang('timeline.query');
    for (const text of ['Eerste notitie', 'Tweede notitie']) {
      record(el);
      await waitUntil(() => form(el), 'the form');
      const body = form(el)!.querySelector('textarea')!;
      body.value = text;
      body.dispatchEvent(new Event('input', { bubbles: true }));
      form(el)!.requestSubmit();
      await waitUntil(() => root(el).querySelector('[part~="pending"]'), `"${text}" being saved`);
      await waitUntil(async () => (await adapter.timeline.all(contact.id)).some((e) => e.body === text), `"${text}" stored`);
      await waitUntil(() => !root(el).querySelector('[part~="pending"]'), `"${text}" no longer said to be saving`);
    }
  });
});

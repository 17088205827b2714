import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { LiftContactTimeline } from '../src/contact-timeline/timeline.js';
import { LiftDataError } from '../src/data/contract/errors.js';
import type { TimelineEntry } from '../src/data/contract/model.js';
import { MemoryAdapter } from '../src/data/adapters/memory-adapter.js';
import type { StoredRecord } from '../src/data/engine/store.js';
import '../src/lift-contact-timeline.js';
import { dropDatabases, freshIndexedDbAdapter } from './db.js';
import { withFaults } from './faults.js';
import { waitUntil } from './helpers.js';
import { oneContact } from './worlds.js';
import { timelineOn } from './harness.js';

// The overview as a review found it: a note saved "now" keeps the time it was recorded through a
// retry and a reload, focus after a failed note's buttons stays in the form being written, month
// headings follow a new result of an adapter that hands out the same entry objects, and a
// search cut short by another contact no longer says it is searching.

const SANNE = { id: 'u-sanne', name: 'Sanne de Boer', role: 'admin' };
const unavailable = () => new LiftDataError('unavailable', 'The server is away.');

afterEach(() => {
  localStorage.clear();
  return dropDatabases();
});

const root = (el: Element) => el.shadowRoot!;
const button = (scope: ParentNode, label: string) => [...scope.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent!.trim() === label);
const form = (el: LiftContactTimeline) => root(el).querySelector<HTMLFormElement>('[part~="note-form"]');
const failed = (el: LiftContactTimeline) => root(el).querySelector('[part~="pending"][data-state="failed"]');
const status = (el: LiftContactTimeline) => root(el).querySelector('[part~="status"]')!.textContent!.trim();

/** Opens "Record activity" and writes `text` in it, When left empty (now). */
async function write(el: LiftContactTimeline, text: string) {
  button(root(el), 'Record activity')!.click();
  await waitUntil(() => form(el)?.querySelector('textarea'), 'the form');
  const typed = form(el)!;
  typed.querySelector('textarea')!.value = text;
  typed.dispatchEvent(new Event('input', { bubbles: true }));
  return typed;
}

/** Waits until the clock has moved `ms` past `since`: a retry well after the note was recorded. */
const later = (since: number, ms = 1500) => waitUntil(() => Date.now() - since >= ms, 'time to pass', { timeout: ms + 5000, interval: 100 });

describe('a note recorded "now" whose save failed', () => {
  it('is saved with the time it was recorded, not the time of Try again, as the same request', async () => {
    const adapter = freshIndexedDbAdapter();
    adapter.session.setUser(SANNE);
    const { contact } = await oneContact(adapter, 'Studio Noord', { firstName: 'Julia', lastName: 'Visser' });
    // An adapter over a network: each send names its request, and a retry of the same note names the same one.
    const ids: string[] = [];
    (adapter as { withRequestId?: unknown }).withRequestId = <T>(id: string, send: () => Promise<T>) => (ids.push(id), send());
    const faults = withFaults(adapter);
    faults.fail('timeline.add', unavailable());
    const el = await timelineOn(faults.adapter, contact.id);
    const recorded = Date.now();
    (await write(el, 'Teruggebeld over de offerte')).requestSubmit();
    await waitUntil(() => failed(el), 'the failed save');
    await later(recorded);
    const retried = Date.now();
    button(failed(el)!, 'Try again')!.click();
    await waitUntil(async () => (await adapter.timeline.count(contact.id)) === 1, 'saved');
    const [note] = await adapter.timeline.all(contact.id);
    const at = Date.parse(note!.occurredAt);
    expect(at, `recorded at ${new Date(recorded).toISOString()}, saved as ${note!.occurredAt}`).to.be.within(recorded, retried - 1);
    expect(ids, 'the retry is the same request').to.have.length(2);
    expect(ids[1]).to.equal(ids[0]);
  });

  it('is saved with the time it was recorded after a reload, from the copy the browser kept', async () => {
    const adapter = freshIndexedDbAdapter();
    adapter.session.setUser(SANNE);
    const { contact } = await oneContact(adapter, 'Studio Noord', { firstName: 'Julia', lastName: 'Visser' });
    const faults = withFaults(adapter);
    faults.fail('timeline.add', unavailable(), { times: Infinity });
    let el = await timelineOn(faults.adapter, contact.id);
    const recorded = Date.now();
    (await write(el, 'Offerte besproken')).requestSubmit();
    await waitUntil(() => failed(el), 'the failed save');
    el.remove();
    await later(recorded);
    // A reload: a new adapter on the same database, and nothing in memory but what the browser kept.
    const reloaded = freshIndexedDbAdapter({ databaseName: adapter.databaseName });
    reloaded.session.setUser(SANNE);
    el = await timelineOn(reloaded, contact.id);
    await waitUntil(() => failed(el)?.textContent?.includes('Perhaps not saved before the page closed.'), 'the kept note after the reload');
    const retried = Date.now();
    button(failed(el)!, 'Try again')!.click();
    await waitUntil(async () => (await reloaded.timeline.count(contact.id)) === 1, 'saved');
    const [note] = await reloaded.timeline.all(contact.id);
    expect(Date.parse(note!.occurredAt), `recorded at ${new Date(recorded).toISOString()}, saved as ${note!.occurredAt}`).to.be.within(recorded, retried - 1);
  });
});

describe('focus after a failed note’s buttons while the next one is being written', () => {
  for (const label of ['Try again', 'Discard']) {
    it(`stays in the form after ${label}, with what was typed in it`, async () => {
      const adapter = freshIndexedDbAdapter();
      adapter.session.setUser(SANNE);
      const { contact } = await oneContact(adapter, 'Studio Noord', { firstName: 'Julia', lastName: 'Visser' });
      const faults = withFaults(adapter);
      faults.fail('timeline.add', unavailable(), { times: 2 });
      const el = await timelineOn(faults.adapter, contact.id);
      (await write(el, 'Eerste notitie')).requestSubmit();
      await waitUntil(() => failed(el), 'the failed save');
      // The user starts the next one, then turns to the failed note.
      await write(el, 'Tweede notitie');
      button(failed(el)!, label)!.focus();
      await sendKeys({ press: 'Enter' });
      const textarea = () => form(el)?.querySelector('textarea');
      await waitUntil(
        () => root(el).activeElement && root(el).activeElement !== button(root(el), label),
        `focus moved on from ${label}`,
      );
      await el.updateComplete;
      expect(root(el).activeElement, `focus after ${label} (on ${root(el).activeElement?.localName})`).to.equal(textarea());
      expect(textarea()!.value, 'the next note as typed').to.equal('Tweede notitie');
    });
  }
});

/** Entries the overview shows in months, newest first, with subjects that two searches share in part. */
const MONTHS: [string, string, string][] = [
  ['x', 'alfa beta', '2026-11-15T12:00:00.000Z'],
  ['y', 'alfa', '2026-10-15T12:00:00.000Z'],
  ['w', 'beta', '2026-09-15T12:00:00.000Z'],
  ['z', 'alfa beta', '2026-08-15T12:00:00.000Z'],
];

describe('month headings of a new result', () => {
  it('follow the rows of a new search from an adapter that hands out the same entry objects each time', async () => {
    const adapter = new MemoryAdapter();
    const { contact } = await oneContact(adapter, 'Studio Noord', { firstName: 'Mila', lastName: 'Kok' });
    const entries: TimelineEntry[] = MONTHS.map(([id, subject, occurredAt]) => ({ id, contactId: contact.id, kind: 'note', subject, body: '', author: 'Sanne de Boer', occurredAt }));
    await adapter.importRecords({ timeline: entries as unknown as StoredRecord[] });
    // A host's adapter that keeps its entries: each answer holds the objects it handed out before.
    const cache = new Map<string, TimelineEntry>();
    const query = adapter.timeline.query.bind(adapter.timeline);
    adapter.timeline.query = async (contactId, asked) => {
      const page = await query(contactId, asked);
      return { ...page, items: page.items.map((e) => cache.get(e.id) ?? (cache.set(e.id, e), e)) };
    };
    const el = await timelineOn(adapter, contact.id);
    const shown = () => [...root(el).querySelectorAll('[part~="month"], article .subject')].map((row) => row.textContent!.trim());
    for (const words of ['alfa', 'beta']) {
      el.query = words;
      await el.updateComplete;
      await el.loaded;
      await el.updateComplete;
    }
    expect(shown()).to.deep.equal(['November 2026', 'alfa beta', 'September 2026', 'beta', 'August 2026', 'alfa beta']);
  });
});

describe('a slow search cut short by another contact', () => {
  const said = { en: ['Searching…', 'Loading the overview…'], nl: ['Bezig met zoeken…', 'Overzicht laden…'] };
  for (const lang of ['en', 'nl'] as const) {
    it(`says the next contact's overview is loading, not searching (${lang})`, async () => {
      const adapter = new MemoryAdapter();
      const { contact, relation } = await oneContact(adapter, 'Studio Noord', { firstName: 'Mila', lastName: 'Kok' });
      const other = await adapter.contacts.create({ relationId: relation.id, lastName: 'Bakker' });
      await adapter.timeline.add({ contactId: contact.id, kind: 'note', subject: 'Offerte', body: '' });
      const faults = withFaults(adapter);
      const el = await timelineOn(faults.adapter, contact.id, lang);
      faults.hang('timeline.query');
      el.query = 'offerte';
      await waitUntil(() => status(el) === said[lang][0], 'the slow search says so');
      el.contactId = other.id;
      await el.updateComplete;
      await waitUntil(() => faults.calls.filter((call) => call === 'timeline.query').length === 3, 'the next contact asked for');
      expect(status(el)).to.equal(said[lang][1]);
    });
  }
});

import { expect, fixture, html } from '@open-wc/testing';
import { MemoryAdapter } from '../src/data/adapters/memory-adapter.js';
import type { TimelineEntry } from '../src/data/contract/model.js';
import type { StoredRecord } from '../src/data/engine/store.js';
import '../src/lift-contact-timeline.js';
import type { LiftContactTimeline } from '../src/contact-timeline/timeline.js';
import { captureWarnings } from './helpers.js';
import { oneContact } from './worlds.js';

/** A contact with five entries, one a day at noon UTC from 1 Nov 2026 back to 28 Oct. */
async function world() {
  const adapter = new MemoryAdapter();
  const { contact } = await oneContact(adapter, 'Studio Noord', { firstName: 'Mila', lastName: 'Kok' });
  const entries: TimelineEntry[] = Array.from({ length: 5 }, (_, i) => ({
    id: `t-${i}`,
    contactId: contact.id,
    kind: 'note',
    subject: `Onderwerp ${i}`,
    body: '',
    author: 'Pieter Jansen',
    occurredAt: new Date(Date.UTC(2026, 10, 1 - i, 12)).toISOString(),
  }));
  await adapter.importRecords({ timeline: entries as unknown as StoredRecord[] });
  return { adapter, contact };
}

/** The timeline with `attributes` written as markup, the way a host page would. */
async function mount(attributes: Record<string, string>) {
  const { adapter, contact } = await world();
  const wrapper = await fixture<HTMLDivElement>(html`<div lang="en"></div>`);
  const el = document.createElement('lift-contact-timeline');
  el.setAttribute('contact-id', contact.id);
  for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
  el.adapter = adapter;
  wrapper.append(el);
  await settled(el);
  return el;
}

async function settled(el: LiftContactTimeline) {
  await el.updateComplete;
  await el.loaded;
  await el.updateComplete;
}

const root = (el: LiftContactTimeline) => el.shadowRoot!;
const subjects = (el: LiftContactTimeline) => [...root(el).querySelectorAll('article .subject')].map((s) => s.textContent!.trim());
const buttons = (el: LiftContactTimeline) => [...root(el).querySelectorAll('button')].map((b) => b.textContent!.trim());
const dateBoxes = (el: LiftContactTimeline) => [...root(el).querySelectorAll<HTMLInputElement>('input[type="date"]')].map((i) => i.value);
const emptyText = (el: LiftContactTimeline) => root(el).querySelector('[part~="empty"]')!.textContent!.replace(/\s+/g, ' ').trim();
const ALL = ['Onderwerp 0', 'Onderwerp 1', 'Onderwerp 2', 'Onderwerp 3', 'Onderwerp 4'];

describe('<lift-contact-timeline> from and to', () => {
  it('ignores a from that is not a YYYY-MM-DD day, with one warning, and shows no date filter', async () => {
    let el!: LiftContactTimeline;
    const warnings = await captureWarnings(async () => {
      el = await mount({ from: '01-11-2026' });
      // Renders again (a search, then none): still the one warning.
      el.query = 'Onderwerp';
      await settled(el);
      el.query = '';
      await settled(el);
    });
    expect(subjects(el), 'every entry').to.deep.equal(ALL);
    expect(buttons(el), 'no filters to clear').not.to.include('Clear filters');
    expect(dateBoxes(el), 'the date boxes').to.deep.equal(['', '']);
    const about = warnings.filter((w) => w.includes('"01-11-2026"'));
    expect(about, warnings.join('\n')).to.have.length(1);
    expect(about[0]).to.contain('<lift-contact-timeline> from').and.contain('YYYY-MM-DD');
    // A search that finds nothing names the search only, not the ignored date.
    el.query = 'zzz';
    await settled(el);
    expect(emptyText(el)).to.equal('No results. Hidden by: search “zzz”. Clear filters');
  });

  it('refuses a day that is not on the calendar (30 February, month 13) or not written YYYY-MM-DD, also set from script', async () => {
    let el!: LiftContactTimeline;
    const warnings = await captureWarnings(async () => {
      el = await mount({ from: '2026-13-01', to: '2026-02-30' });
    });
    expect(subjects(el), 'every entry').to.deep.equal(ALL);
    expect(buttons(el)).not.to.include('Clear filters');
    expect(warnings.filter((w) => w.includes('"2026-13-01"') && w.includes('from')), warnings.join('\n')).to.have.length(1);
    expect(warnings.filter((w) => w.includes('"2026-02-30"') && w.includes('to')), warnings.join('\n')).to.have.length(1);
    const fromScript = await captureWarnings(async () => {
      el.removeAttribute('from');
      el.to = '2026-1-5';
      await settled(el);
      expect(subjects(el), 'every entry').to.deep.equal(ALL);
      el.to = '2026-02-30';
      await settled(el);
    });
    expect(subjects(el), 'every entry').to.deep.equal(ALL);
    expect(buttons(el)).not.to.include('Clear filters');
    expect(fromScript.filter((w) => w.includes('"2026-1-5"')), fromScript.join('\n')).to.have.length(1);
    expect(fromScript.filter((w) => w.includes('"2026-02-30"')), 'warned once per value').to.have.length(0);
  });

  it('still filters on a valid from and to, without a warning', async () => {
    let el!: LiftContactTimeline;
    const warnings = await captureWarnings(async () => {
      el = await mount({ from: '2026-10-29', to: '2026-10-31' });
    });
    expect(warnings).to.deep.equal([]);
    expect(subjects(el)).to.deep.equal(['Onderwerp 1', 'Onderwerp 2', 'Onderwerp 3']);
    expect(dateBoxes(el)).to.deep.equal(['2026-10-29', '2026-10-31']);
    expect(buttons(el)).to.include('Clear filters');
    el.from = '2028-02-29';
    el.to = '';
    await settled(el);
    expect(emptyText(el)).to.contain('from').and.contain('2028');
  });
});

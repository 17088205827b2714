import { expect, fixture, html } from '@open-wc/testing';
import { LiftDataError } from '../src/data/contract/errors.js';
import { MemoryAdapter } from '../src/data/adapters/memory-adapter.js';
import type { TimelineEntry } from '../src/data/contract/model.js';
import type { StoredRecord } from '../src/data/engine/store.js';
import '../src/lift-contact-timeline.js';
import type { LiftContactTimeline } from '../src/contact-timeline/timeline.js';
import { withFaults } from './faults.js';
import { waitUntil } from './helpers.js';
import { oneContact } from './worlds.js';

const subjects = (el: LiftContactTimeline) => [...el.shadowRoot!.querySelectorAll('article .subject')].map((s) => s.textContent!.trim());

describe('<lift-contact-timeline> news from the change feed handled after a search', () => {
  it('keeps showing only what the search finds once news queued before the search is handled', async () => {
    const adapter = new MemoryAdapter();
    const { contact } = await oneContact(adapter, 'Studio Noord', { firstName: 'Mila', lastName: 'Kok' });
    const entries: TimelineEntry[] = Array.from({ length: 6 }, (_, i) => ({
      id: `t-${i}`,
      contactId: contact.id,
      kind: 'email',
      subject: i ? `Onderwerp ${i}` : 'Offerte 0',
      body: `Regel van ${i}`,
      author: 'Pieter Jansen',
      occurredAt: new Date(Date.UTC(2026, 10, 1, 12) - i * 86_400_000).toISOString(),
    }));
    await adapter.importRecords({ timeline: entries as unknown as StoredRecord[] });
    const faults = withFaults(adapter);
    const wrapper = await fixture<HTMLDivElement>(html`<div lang="en"><lift-contact-timeline contact-id=${contact.id} .adapter=${faults.adapter}></lift-contact-timeline></div>`);
    const el = wrapper.querySelector<LiftContactTimeline>('lift-contact-timeline')!;
    await el.loaded;
    await el.updateComplete;
    expect(el.resultCount).to.equal(6);
    // The re-read for the first news answers late (and fails): the news after it waits its turn.
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    faults.fail('timeline.query', new LiftDataError('unavailable', 'slow'), { after: gate });
    await adapter.timeline.add({ contactId: contact.id, kind: 'call', subject: 'Nieuw telefoontje', body: '' });
    await adapter.timeline.add({ contactId: contact.id, kind: 'note', subject: 'Nieuwe notitie', body: '' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    el.query = 'offerte';
    await el.updateComplete;
    await el.loaded;
    await el.updateComplete;
    expect(subjects(el)).to.deep.equal(['Offerte 0']);
    const older = new Date(Date.UTC(2026, 0, 1, 12)).toISOString();
    await adapter.timeline.add({ contactId: contact.id, kind: 'letter', subject: 'Offerte oud', body: '', occurredAt: older });
    release();
    await waitUntil(() => subjects(el).includes('Offerte oud'), 'the older offer found by the search');
    await new Promise((resolve) => setTimeout(resolve, 200));
    await el.loaded;
    await el.updateComplete;
    expect(el.query).to.equal('offerte');
    expect(subjects(el), 'only what the search finds').to.deep.equal(['Offerte 0', 'Offerte oud']);
    expect(el.resultCount).to.equal(2);
  });
});

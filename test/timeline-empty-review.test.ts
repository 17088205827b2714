import { expect, fixture, html } from '@open-wc/testing';
import type { LiftContactTimeline } from '../src/contact-timeline/timeline.js';
import '../src/lift-contact-timeline.js';
import { dropDatabases, freshIndexedDbAdapter } from './db.js';
import { oneContact } from './worlds.js';

// What the timeline says when its filters hide every entry: the filters that do, in the words
// the user typed, never a search made only of spaces.

afterEach(dropDatabases);

async function mount(lang: 'en' | 'nl', query: string) {
  const { adapter, contact } = await oneContact(freshIndexedDbAdapter(), 'Studio Noord', { firstName: 'Mila', lastName: 'Kok' });
  await adapter.timeline.add({ contactId: contact.id, kind: 'note', subject: 'Offerte besproken', body: '' });
  const wrapper = await fixture<HTMLDivElement>(html`<div lang=${lang}></div>`);
  const el = document.createElement('lift-contact-timeline');
  el.adapter = adapter;
  el.contactId = contact.id;
  // Calls only, of which there are none; and what the user typed in the search box.
  el.setAttribute('kinds', 'call');
  el.query = query;
  wrapper.append(el);
  await el.updateComplete;
  await el.loaded;
  await el.updateComplete;
  return el;
}

const emptyText = (el: LiftContactTimeline) => el.shadowRoot!.querySelector('[part~="empty"]')?.textContent!.replace(/\s+/g, ' ').trim();

describe('<lift-contact-timeline> with every entry filtered away', () => {
  it('names the kinds alone when the search box holds only spaces', async () => {
    expect(emptyText(await mount('en', '   '))).to.equal('No results. Hidden by: kinds Call. Clear filters');
    expect(emptyText(await mount('nl', '\u00a0 '))).to.equal('Geen resultaten. Verborgen door: soorten Telefoongesprek. Filters wissen');
  });

  it('names the words searched for without the spaces around them', async () => {
    expect(emptyText(await mount('en', '  zzz  '))).to.equal('No results. Hidden by: search “zzz”; kinds Call. Clear filters');
  });
});

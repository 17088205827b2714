import { expect, fixture, html } from '@open-wc/testing';
import type { LiftContactTimeline } from '../src/contact-timeline/timeline.js';
import { draftKey, keepDraft } from '../src/internal/browser-drafts.js';
import '../src/lift-contact-timeline.js';
import { dropDatabases, freshIndexedDbAdapter } from './db.js';
import { waitUntil } from './helpers.js';
import { oneContact } from './worlds.js';

// A page that has not loaded "Record activity" yet (its own file: nothing before it here
// loaded that code), opened after one that closed while a note was being saved.

afterEach(() => {
  localStorage.clear();
  return dropDatabases();
});

describe('a note kept in the browser when its page closed before it was saved', () => {
  it('shows on the next page once the overview has shown, without the user opening the form (in Dutch, whose words need no fetch that would render it anyway)', async () => {
    const adapter = freshIndexedDbAdapter();
    const { contact } = await oneContact(adapter, 'Studio Noord', { firstName: 'Julia', lastName: 'Visser' });
    await adapter.timeline.add({ contactId: contact.id, kind: 'email', subject: 'Offerte', body: 'Hierbij.' });
    keepDraft(draftKey(adapter, 'notes', contact.id), { notes: [{ kind: 'call', subject: 'Teruggebeld', body: 'Akkoord op de planning.' }] });
    const wrapper = await fixture<HTMLDivElement>(html`<div lang="nl"><lift-contact-timeline contact-id=${contact.id} .adapter=${adapter}></lift-contact-timeline></div>`);
    const el = wrapper.querySelector<LiftContactTimeline>('lift-contact-timeline')!;
    await el.loaded;
    const pending = () => el.shadowRoot!.querySelector('[part~="pending"]')?.textContent?.replace(/\s+/g, ' ') ?? '';
    await waitUntil(() => pending().includes('Teruggebeld'), 'the kept note', { timeout: 5000 });
    expect(pending()).to.include('Misschien niet opgeslagen voordat de pagina sloot.');
    expect(el.shadowRoot!.querySelector('[part~="note-form"]'), 'the form itself stays closed').to.equal(null);
  });
});

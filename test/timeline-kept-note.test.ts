import { expect, fixture, html } from '@open-wc/testing';
import type { LiftContactTimeline } from '../src/contact-timeline/timeline.js';
import { draftKey, keepDraft } from '../src/internal/browser-drafts.js';
import '../src/lift-contact-timeline.js';
import { dropDatabases, freshIndexedDbAdapter } from './db.js';
import { waitUntil } from './helpers.js';
import { oneContact } from './worlds.js';

// Its own file: no test before it on this page has loaded the code of "Record activity", as on
// a page just reloaded after one closed while a note was being saved.

afterEach(() => {
  localStorage.clear();
  return dropDatabases();
});

describe('a kept note of a contact whose overview shows no entries', () => {
  it('shows under its contact after a reload, in an empty overview and in an empty correspondence view', async () => {
    const adapter = freshIndexedDbAdapter();
    const { contact } = await oneContact(adapter, 'Studio Noord', { firstName: 'Julia', lastName: 'Visser' });
    const other = await adapter.contacts.create({ relationId: contact.relationId, lastName: 'Bakker' });
    keepDraft(draftKey(adapter, 'notes', contact.id), { notes: [{ kind: 'call', subject: 'Teruggebeld', body: 'Akkoord op de planning.' }] });
    keepDraft(draftKey(adapter, 'notes', other.id), { notes: [{ kind: 'email', subject: 'Bevestiging', body: 'Verstuurd.' }] });
    const wrapper = await fixture<HTMLDivElement>(html`<div lang="nl">
      <lift-contact-timeline contact-id=${contact.id} .adapter=${adapter}></lift-contact-timeline>
      <lift-contact-timeline scope="correspondence" contact-id=${other.id} .adapter=${adapter}></lift-contact-timeline>
    </div>`);
    const [overview, correspondence] = [...wrapper.querySelectorAll<LiftContactTimeline>('lift-contact-timeline')] as [LiftContactTimeline, LiftContactTimeline];
    await overview.loaded;
    await correspondence.loaded;
    expect(overview.resultCount).to.equal(0);
    const pending = (el: LiftContactTimeline) => el.shadowRoot!.querySelector('[part~="pending"]')?.textContent?.replace(/\s+/g, ' ') ?? '';
    await waitUntil(() => pending(overview).includes('Teruggebeld'), 'the kept note in the empty overview', { timeout: 5000 });
    expect(pending(overview)).to.include('Misschien niet opgeslagen voordat de pagina sloot.');
    expect([...overview.shadowRoot!.querySelectorAll('[part~="pending"] button')].map((b) => b.textContent!.trim())).to.deep.equal(['Opnieuw proberen', 'Weggooien']);
    await waitUntil(() => pending(correspondence).includes('Bevestiging'), 'the kept e-mail in the empty correspondence', { timeout: 5000 });
    expect(overview.shadowRoot!.querySelector('[part~="note-form"]'), 'the form itself stays closed').to.equal(null);
  });
});

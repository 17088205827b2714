import { expect, fixture, html } from '@open-wc/testing';
import type { LiftContactTimeline } from '../src/contact-timeline/timeline.js';
import '../src/lift-contact-timeline.js';
import { dropDatabases, freshIndexedDbAdapter } from './db.js';
import { waitUntil } from './helpers.js';
import { oneContact } from './worlds.js';

afterEach(dropDatabases);

/** The body line of each overview row, newest first. */
const bodies = (el: LiftContactTimeline) => [...el.shadowRoot!.querySelectorAll('[part~="entry"] .body')].map((b) => b.textContent!.trim());

describe('overview rows of a checklist item', () => {
  for (const [lang, said] of [
    ['en', ['Note removed', 'Unticked', 'Agreed by phone', 'Ticked']],
    ['nl', ['Notitie verwijderd', 'Vinkje weggehaald', 'Agreed by phone', 'Afgevinkt']],
  ] as const) {
    it(`say whether it was ticked, unticked or its note removed (${lang})`, async () => {
      const adapter = freshIndexedDbAdapter();
      const { contact } = await oneContact(adapter, 'Studio Noord', { firstName: 'Julia', lastName: 'Visser' });
      const checklists = adapter.checklists!;
      const item = await checklists.saveDefinition({ cardType: 'contact', text: 'Consent recorded', category: 'Privacy', order: 1, mode: 'editable', modeByStatus: {} });
      let state = await checklists.setState(contact.id, item.id, 0, { done: true });
      state = await checklists.setState(contact.id, item.id, state.version, { note: 'Agreed by phone' });
      state = await checklists.setState(contact.id, item.id, state.version, { done: false });
      await checklists.setState(contact.id, item.id, state.version, { note: '' });
      const wrapper = await fixture<HTMLDivElement>(html`<div lang=${lang}><lift-contact-timeline contact-id=${contact.id} .adapter=${adapter}></lift-contact-timeline></div>`);
      const el = wrapper.querySelector<LiftContactTimeline>('lift-contact-timeline')!;
      await el.loaded;
      await waitUntil(() => bodies(el).length === 4, 'four rows');
      expect(bodies(el)).to.deep.equal(said);
    });
  }
});

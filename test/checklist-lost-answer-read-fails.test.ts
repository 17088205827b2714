import { expect, fixture, html } from '@open-wc/testing';
import type { LiftChecklist } from '../src/checklist/checklist.js';
import { LiftDataError } from '../src/data/contract/errors.js';
import '../src/lift-checklist.js';
import { dropDatabases, freshIndexedDbAdapter } from './db.js';
import { withFaults } from './faults.js';
import { waitUntil } from './helpers.js';
import { oneContact } from './worlds.js';

// A tick whose answer is lost after the feed told of it is asked about again; when that read
// fails too (the connection still down), the list stays as it was, the failure said beside the
// item, rather than the whole checklist giving way to a load error.

afterEach(dropDatabases);

const unavailable = () => new LiftDataError('unavailable', 'The server did not answer.');

describe('a checklist tick whose answer was lost, asked about again while the connection is down', () => {
  it('keeps the list on screen and says the tick could not be confirmed beside its item', async () => {
    const adapter = freshIndexedDbAdapter();
    const { contact } = await oneContact(adapter, 'Studio Noord', { firstName: 'Julia', lastName: 'Visser' });
    const item = await adapter.checklists!.saveDefinition({ cardType: 'contact', text: 'AVG-toestemming', category: 'Privacy', order: 1, mode: 'editable', modeByStatus: {} });
    const faults = withFaults(adapter);
    const wrapper = await fixture<HTMLDivElement>(html`<div lang="en"><lift-checklist contact-id=${contact.id} .adapter=${faults.adapter}></lift-checklist></div>`);
    const list = wrapper.querySelector<LiftChecklist>('lift-checklist')!;
    await list.loaded;
    const root = list.shadowRoot!;
    const answer = faults.failLate('checklists.setState', unavailable());
    root.querySelector<HTMLInputElement>('[part~="item"] input[type="checkbox"]')!.click();
    await waitUntil(() => root.querySelector('[part~="item"][aria-busy="true"]'), 'the tick on its way');
    // The tick lands (the feed tells of it), then its answer is lost and the next read fails too.
    await adapter.checklists!.setState(contact.id, item.id, 0, { done: true });
    faults.fail('checklists.states', unavailable());
    answer();
    await waitUntil(() => root.querySelector('[part~="item"][aria-busy="false"]') && root.querySelector('[part~="item"] [part~="error"]'), 'the failure said beside the item');
    expect(root.querySelectorAll('[part~="item"]'), 'the list stays').to.have.length(1);
    expect(root.textContent, 'no load error').not.to.include('could not be loaded');
  });
});

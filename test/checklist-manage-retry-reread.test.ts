import { expect, fixture, html } from '@open-wc/testing';
import type { LiftChecklist } from '../src/checklist/checklist.js';
import { LiftDataError } from '../src/data/contract/errors.js';
import '../src/lift-checklist.js';
import { dropDatabases, freshIndexedDbAdapter } from './db.js';
import { withFaults } from './faults.js';
import { waitUntil } from './helpers.js';
import { oneContact } from './worlds.js';

/**
 * After a refused write the management reads its list again. Its Try again button (and Enter in
 * a refused field) shows as soon as the refusal does, and a press then sends the change again
 * once that read is done: the refused write is no longer on its way, though the read is.
 */
describe('<lift-checklist manage>: Try again while the list is read again after a refusal', () => {
  afterEach(async () => {
    localStorage.clear();
    await dropDatabases();
  });

  it('a press while the re-read is slow sends the refused mode again, and it is stored', async () => {
    const adapter = freshIndexedDbAdapter();
    const { contact } = await oneContact(adapter, 'Reclamebureau Zon', { firstName: 'Lotte', lastName: 'Bos' });
    await adapter.checklists!.saveDefinition({ cardType: 'contact', text: 'Alpha', category: 'Groep', order: 1, mode: 'editable', modeByStatus: {} });
    // The list's reads wait while `held` is set: a slow server answering the re-read.
    let held: Promise<void> | undefined;
    const read = adapter.checklists!.definitions.bind(adapter.checklists);
    adapter.checklists!.definitions = async (...args) => {
      await held;
      return read(...args);
    };
    const faults = withFaults(adapter);
    const el = await fixture<LiftChecklist>(html`<lift-checklist lang="en" manage statuses="actief" contact-id=${contact.id} .adapter=${faults.adapter}></lift-checklist>`);
    await el.loaded;
    await el.updateComplete;
    const manage = el.shadowRoot!.querySelector<HTMLElement>('[part~="manage"]')!;
    const select = () => manage.querySelector<HTMLSelectElement>('tbody tr select')!;
    const tryAgain = () => [...manage.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent!.trim() === 'Try again');
    const saves = () => faults.calls.filter((call) => call === 'checklists.saveDefinition').length;

    let answer!: () => void;
    held = new Promise<void>((resolve) => (answer = resolve));
    faults.fail('checklists.saveDefinition', new LiftDataError('unavailable', 'the server is away'));
    select().value = 'hidden';
    select().dispatchEvent(new Event('change', { bubbles: true }));
    await waitUntil(() => tryAgain(), 'refused, with Try again');
    const before = saves();
    tryAgain()!.click();
    // Writes wait for the list read before them (it gives the version to write at).
    held = undefined;
    answer();
    await waitUntil(() => saves() > before, 'sent again, once the list was read');
    await waitUntil(async () => (await adapter.checklists!.definitions('contact'))[0]!.mode === 'hidden', 'stored');
    await waitUntil(() => !tryAgain() && !manage.querySelector('[part~="error"]'), 'the words and the button gone');
    expect(select().value).to.equal('hidden');
  });
});

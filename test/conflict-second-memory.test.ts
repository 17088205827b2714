import { expect, oneEvent } from '@open-wc/testing';
import { MemoryAdapter } from '../src/data/adapters/memory-adapter.js';
import { mountCard } from './harness.js';
import { typeInto, waitUntil } from './helpers.js';
import { oneContact } from './worlds.js';

// An adapter that answers within the same task (MemoryAdapter): "Save choices" meets a newer
// conflict before the first dialog's close event has been dispatched; that late event must not
// dismiss the new comparison.

describe('a second conflict met by "Save choices" on an adapter that answers at once', () => {
  it('is shown, not dismissed by the first dialog\'s late close event', async () => {
    const adapter = new MemoryAdapter();
    const { contact } = await oneContact(adapter, 'Studio Noord', { firstName: 'Julia', lastName: 'Visser' });
    const el = await mountCard(adapter, contact.id);
    const root = el.shadowRoot!;
    await typeInto(el, root.querySelector<HTMLInputElement>('#field-jobTitle')!, 'Mine');
    const first = await adapter.contacts.update(contact.id, contact.version, { jobTitle: 'Theirs one' });
    root.querySelector<HTMLInputElement>('#field-jobTitle')!.form!.requestSubmit();
    const dialog = () => root.querySelector<HTMLDialogElement>('dialog.conflict')!;
    await waitUntil(() => dialog()?.open && dialog().textContent!.includes('Theirs one'), 'the first comparison');
    // A colleague changes the field again while she chooses.
    await adapter.contacts.update(contact.id, first.version, { jobTitle: 'Theirs two' });
    dialog().querySelector<HTMLInputElement>('input[value="mine"]')!.click();
    await el.updateComplete;
    const closed = oneEvent(dialog(), 'close');
    dialog().querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await closed;
    await el.updateComplete;
    await waitUntil(() => dialog().textContent!.includes('Theirs two'), 'the second comparison');
    await el.updateComplete;
    expect(dialog().open, 'the second comparison stays open').to.equal(true);
    expect(root.textContent, 'no "choose first" notice').not.to.include('first choose which value stays');
    expect((await adapter.contacts.get(contact.id)).jobTitle, 'nothing written before her choice').to.equal('Theirs two');
  });
});

import { expect } from '@open-wc/testing';
import type { LiftContactCard } from '../src/contact-card/contact-card.js';
import type { ContactDetails } from '../src/data/contract/model.js';
import '../src/lift-contact-card.js';
import { dropDatabases, freshIndexedDbAdapter } from './db.js';
import { act, dialog, inDialog } from './dialog-helpers.js';
import { mountCard } from './harness.js';
import { typeInto, waitUntil } from './helpers.js';
import { oneContact } from './worlds.js';

// The contact archived by a colleague (another adapter on the same database, heard through the
// change feed) while the user works on the card: focus stays in the card when the part it was on
// goes, and a write the archive refused says why in the contact's words, not as the user's input.

afterEach(dropDatabases);

async function world() {
  const adapter = freshIndexedDbAdapter();
  const colleague = freshIndexedDbAdapter({ databaseName: adapter.databaseName });
  const { contact } = await oneContact(adapter, 'Drukkerij Noord', { firstName: 'Anna', lastName: 'Bos' });
  return { adapter, colleague, contact };
}

const root = (el: LiftContactCard) => el.shadowRoot!;
const field = (el: LiftContactCard, name: keyof ContactDetails) => root(el).querySelector<HTMLInputElement>(`#field-${name}`)!;
const archivedShown = (el: LiftContactCard) => Boolean(root(el).querySelector('[part~="badge"]'));

describe('<lift-contact-card> archived by a colleague while the user works', () => {
  it('keeps keyboard focus in the card when the form’s Save goes with the archive', async () => {
    const { adapter, colleague, contact } = await world();
    const el = await mountCard(adapter, contact.id, { detailTabs: 'personal function' });
    await typeInto(el, field(el, 'jobTitle'), 'Directeur');
    root(el).querySelector<HTMLButtonElement>('[part~="form-actions"] button[type="submit"]')!.focus();
    await colleague.contacts.setArchived(contact.id, contact.version, true);
    await waitUntil(() => archivedShown(el), 'the archived badge');
    await waitUntil(() => document.activeElement === el, `focus in the card (on ${document.activeElement?.localName})`);
    expect(root(el).activeElement, 'on the contact’s name').to.equal(root(el).querySelector('button.name'));
    expect(field(el, 'jobTitle').value, 'the edit kept').to.equal('Directeur');
  });

  it('says a lead refused by the archive was refused for it, not for the input', async () => {
    const { adapter, colleague, contact } = await world();
    const el = await mountCard(adapter, contact.id);
    await act(el, { action: 'create', kind: 'lead' });
    const title = inDialog<HTMLInputElement>(el, '.title-input')!;
    title.value = 'Nieuwe huisstijl';
    title.dispatchEvent(new Event('input', { bubbles: true }));
    await colleague.contacts.setArchived(contact.id, contact.version, true);
    await waitUntil(() => archivedShown(el), 'the archived badge');
    inDialog<HTMLButtonElement>(el, 'button[type="submit"]')!.click();
    await waitUntil(() => inDialog(el, '[role="alert"]'), 'the failure');
    expect(dialog(el).querySelector('[role="alert"]')!.textContent!.trim()).to.equal('That did not work: the contact has been archived meanwhile; unarchive it first.');
    expect(title.value, 'the title kept for when it is unarchived').to.equal('Nieuwe huisstijl');
  });
});

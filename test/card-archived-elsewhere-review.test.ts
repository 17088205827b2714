import { expect, fixture, html } from '@open-wc/testing';
import { typeInto, waitUntil } from './helpers.js';
import type { LiftContactCard } from '../src/contact-card/contact-card.js';
import type { LiftButtonBar } from '../src/button-bar/button-bar.js';
import { seedDemoData } from '../src/data/demo/demo-data.js';
import { IndexedDbAdapter } from '../src/data/adapters/indexeddb-adapter.js';
import type { LiftAdapter } from '../src/data/contract/adapter.js';
import { RIGHTS } from '../src/data/contract/model.js';
import { LiftActionEvent } from '../src/events.js';
import '../src/lift-contact-card.js';
import { dropDatabases, freshIndexedDbAdapter, PRESENT, uniqueDatabaseName } from './db.js';

afterEach(dropDatabases);

const REFUSAL = 'You do not have the right to see this contact';
const roles = [
  { id: 'admin', name: 'Admin', rights: [...RIGHTS] },
  { id: 'present', name: 'Present only', rights: RIGHTS.filter((r) => r !== 'see-archived') },
];
const macrotask = () => new Promise((resolve) => setTimeout(resolve));

/**
 * A card, for a user who may not see archived contacts, on an adapter whose contact saves wait
 * for `release()`; `reads()` settles once the contact reads begun so far have answered.
 */
async function setup() {
  const databaseName = uniqueDatabaseName();
  const real = freshIndexedDbAdapter({ databaseName, roles });
  await seedDemoData(real, { contacts: 3, entriesPerContact: 1 });
  const contact = (await real.contacts.list()).items[0]!;
  real.session.setUser(PRESENT);
  let release = () => {};
  const gate = new Promise<void>((resolve) => (release = resolve));
  const reads: Promise<unknown>[] = [];
  const contacts = new Proxy(real.contacts, {
    get(target, key) {
      const value: unknown = Reflect.get(target, key);
      if (typeof value !== 'function') return value;
      if (key === 'update') return async (...args: unknown[]) => (await gate, value.apply(target, args));
      if (key === 'get') {
        return (...args: unknown[]) => {
          const read = value.apply(target, args) as Promise<unknown>;
          reads.push(read.catch(() => {}));
          return read;
        };
      }
      return value.bind(target);
    },
  });
  const adapter = new Proxy(real, {
    get(target, key) {
      if (key === 'contacts') return contacts;
      const value: unknown = Reflect.get(target, key);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  }) as LiftAdapter;
  const card = await fixture<LiftContactCard>(html`<lift-contact-card lang="en" contact-id=${contact.id} .adapter=${adapter}></lift-contact-card>`);
  await card.loaded;
  await card.updateComplete;
  const colleague = new IndexedDbAdapter({ databaseName, roles });
  // Resolves once the card's adapter has heard a colleague's change to the contact, and the card has acted on it.
  const heard = () =>
    new Promise<void>((resolve) => {
      const off = real.subscribe((change) => {
        if (!('resource' in change) || change.resource !== 'contact' || change.origin !== 'remote') return;
        off();
        resolve();
      });
    }).then(async () => {
      await macrotask();
      await Promise.all(reads);
      await macrotask();
      await card.loaded;
    });
  return { contact, card, root: card.shadowRoot!, colleague, release, heard };
}

/** The element focused inside the card, or the page's when focus left it. */
const focused = (card: LiftContactCard) => (document.activeElement === card ? card.shadowRoot!.activeElement : document.activeElement);

describe('a contact archived by a colleague, on the card of a user who may not see archived contacts', () => {
  it('while her save is on its way: the card refuses it, not a save that can never work, and her edits come back once unarchived', async () => {
    const { contact, card, root, colleague, release, heard } = await setup();
    try {
      await typeInto(card, root.querySelector<HTMLInputElement>('#field-jobTitle')!, 'Typed before it went');
      const saving = card.save();
      await card.updateComplete;
      const archived = heard();
      await colleague.contacts.setArchived(contact.id, contact.version, true);
      await archived;
      release();
      expect(await saving, 'the save did not land').to.equal(false);
      await waitUntil(() => !root.querySelector('#field-firstName'), 'the fields no longer offered for editing');
      expect(root.textContent, 'the refusal said').to.include(REFUSAL);
      expect(root.textContent, 'no failed save offered again').not.to.include('Saving failed');
      const unarchived = heard();
      await colleague.contacts.setArchived(contact.id, contact.version + 1, false);
      await unarchived;
      await waitUntil(() => root.querySelector('#field-jobTitle'), 'the contact shown again');
      await card.updateComplete;
      expect(root.querySelector<HTMLInputElement>('#field-jobTitle')!.value, 'her edit kept').to.equal('Typed before it went');
      expect(root.textContent, 'no refused save said of the contact she can see again').not.to.include('Saving failed');
    } finally {
      colleague.close();
    }
  });

  it('while she types in a field: focus goes to the refusal, not to the page', async () => {
    const { contact, card, root, colleague, heard } = await setup();
    try {
      const field = root.querySelector<HTMLInputElement>('#field-jobTitle')!;
      field.focus();
      await typeInto(card, field, 'Typed');
      const archived = heard();
      await colleague.contacts.setArchived(contact.id, contact.version, true);
      await archived;
      await waitUntil(() => !root.querySelector('#field-firstName'), 'the fields no longer offered for editing');
      await card.updateComplete;
      await waitUntil(() => focused(card) !== document.body, 'focus kept in the card');
      expect(focused(card)?.textContent, 'focus on the refusal').to.include(REFUSAL);
    } finally {
      colleague.close();
    }
  });

  it('while a Create dialog is open: the dialog and its text stay until she closes it, then the card refuses the contact', async () => {
    const { contact, card, root, colleague, heard } = await setup();
    try {
      const bar = root.querySelector<LiftButtonBar>('lift-button-bar')!;
      await waitUntil(() => bar.actions.length > 0, 'the button bar');
      bar.dispatchEvent(new LiftActionEvent({ action: 'create', kind: 'request' }));
      await waitUntil(() => root.querySelector('lift-card-create-dialog .title-input'), 'the create dialog');
      const dialog = root.querySelector('lift-card-create-dialog')!;
      const title = dialog.querySelector<HTMLInputElement>('.title-input')!;
      await typeInto(dialog as unknown as { updateComplete: Promise<unknown> }, title, 'Offerte huisstijl 2027');
      const archived = heard();
      await colleague.contacts.setArchived(contact.id, contact.version, true);
      await archived;
      await card.updateComplete;
      expect(root.querySelector('lift-card-create-dialog'), 'the dialog still open').to.equal(dialog);
      expect(dialog.querySelector<HTMLInputElement>('.title-input')?.value, 'its text kept').to.equal('Offerte huisstijl 2027');
      [...dialog.querySelectorAll('button')].find((button) => button.textContent?.trim() === 'Cancel')!.click();
      await waitUntil(() => root.textContent?.includes(REFUSAL), 'the refusal said once the dialog closed');
      expect(root.querySelector('#field-firstName'), 'the fields no longer offered').to.equal(null);
      await waitUntil(() => focused(card) !== document.body, 'focus kept in the card');
      expect(focused(card)?.textContent, 'focus on the refusal').to.include(REFUSAL);
    } finally {
      colleague.close();
    }
  });
});

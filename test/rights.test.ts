import { expect, fixture, html } from '@open-wc/testing';
import { waitUntil } from './helpers.js';
import type { LiftButtonBar } from '../src/button-bar/button-bar.js';
import type { LiftChecklist } from '../src/checklist/checklist.js';
import type { LiftContactCard } from '../src/contact-card/contact-card.js';
import { seedDemoData } from '../src/data/demo/demo-data.js';
import { LiftDataError } from '../src/data/contract/errors.js';
import { LiftActionEvent } from '../src/events.js';
import type { IndexedDbAdapter } from '../src/data/adapters/indexeddb-adapter.js';
import { RIGHTS, type Right } from '../src/data/contract/model.js';
import '../src/lift-checklist.js';
import '../src/lift-contact-card.js';
import { dropDatabases, freshIndexedDbAdapter, PRESENT, presentOnly } from './db.js';

// For each right: a user whose role lacks exactly that right cannot perform the action through
// the card's UI (hidden or disabled) nor by calling the adapter directly (`permission`).

/** Whether the card shows the contact's fields (it shows a refusal instead when it may not read). */
const showsFields = async (card: LiftContactCard) => Boolean(card.shadowRoot!.querySelector('#field-firstName'));

type Ui = (card: LiftContactCard, adapter: IndexedDbAdapter, contactId: string, archivedId: string) => Promise<boolean>;
/**
 * What each right guards: the button (or control) that must be absent, and the adapter call.
 */
const GUARDS: Record<Right, { ui?: Ui; call: (adapter: IndexedDbAdapter, ids: Ids) => Promise<unknown> }> = {
  read: {
    // Said as missing rights, with no retry that could not help.
    ui: async (card) =>
      !(await showsFields(card)) && card.shadowRoot!.textContent!.includes('You do not have the right to see this contact.') && !card.shadowRoot!.querySelector('button'),
    call: (a, ids) => a.contacts.get(ids.contact),
  },
  'see-archived': {
    ui: async (_card, adapter, _contactId, archivedId) => {
      const archived = await fixture<LiftContactCard>(html`<lift-contact-card lang="en" contact-id=${archivedId} .adapter=${adapter}></lift-contact-card>`);
      await archived.loaded;
      await archived.updateComplete;
      return !(await showsFields(archived));
    },
    call: (a, ids) => a.contacts.get(ids.archived),
  },
  preferences: {
    ui: async (card) => !bar(card).actions.some((action) => action === 'configure' || action === 'detail-tabs'),
    call: (a) => a.preferences!.set('contact', { buttons: ['save'] }),
  },
  edit: {
    ui: async (card) => !bar(card).actions.includes('save') && card.shadowRoot!.querySelector<HTMLInputElement>('#field-firstName')!.readOnly,
    call: (a, ids) => a.contacts.update(ids.contact, ids.version, { firstName: 'X' }),
  },
  archive: { ui: async (card) => !bar(card).actions.includes('archive'), call: (a, ids) => a.contacts.setArchived(ids.contact, ids.version, true) },
  copy: { ui: async (card) => !bar(card).actions.includes('copy'), call: (a, ids) => a.contacts.copy(ids.contact, { relationId: ids.otherRelation }) },
  'create-work': { ui: async (card) => !bar(card).actions.includes('create'), call: (a, ids) => a.work!.create({ kind: 'lead', contactId: ids.contact, title: 'X' }) },
  documents: { ui: async (card) => !bar(card).actions.includes('document'), call: (a, ids) => a.templates!.createDocument(ids.contact, ids.template) },
  reports: { ui: async (card) => !bar(card).actions.includes('reports'), call: (a, ids) => a.reports!.run('summary', ids.contact) },
  'checklist-edit': {
    ui: async (_card, adapter, contactId) => {
      const list = await fixture<LiftChecklist>(html`<lift-checklist lang="en" contact-id=${contactId} .adapter=${adapter}></lift-checklist>`);
      await list.loaded;
      await list.updateComplete;
      const boxes = [...list.shadowRoot!.querySelectorAll<HTMLInputElement>('input[type="checkbox"]')].filter((b) => b.closest('[part~="item"]'));
      expect(boxes.length, 'the checklist shows its items').to.be.above(0);
      return boxes.every((box) => box.disabled);
    },
    call: (a, ids) => a.checklists!.setState(ids.contact, ids.checklistItem, 0, { done: true }),
  },
  'checklist-manage': {
    ui: async (_card, adapter, contactId) => {
      const list = await fixture<LiftChecklist>(html`<lift-checklist lang="en" manage contact-id=${contactId} .adapter=${adapter}></lift-checklist>`);
      await list.loaded;
      await list.updateComplete;
      expect(list.shadowRoot!.querySelector('[part~="item"]'), 'the checklist shows its items').to.not.equal(null);
      return !list.shadowRoot!.querySelector('[part~="manage"]');
    },
    call: (a) => a.checklists!.saveDefinition({ cardType: 'contact', text: 'X', category: 'X', order: 99, mode: 'editable', modeByStatus: {} }),
  },
};

interface Ids {
  contact: string;
  archived: string;
  version: number;
  otherRelation: string;
  template: string;
  checklistItem: string;
}

/** An archived contact of the seeded data (the seed keeps one), found by a user who may see it. */
const archivedContact = async (adapter: IndexedDbAdapter) =>
  (await adapter.contacts.list({ includeArchived: true, limit: 500 })).items.find((c) => c.archived)!.id;


const bar = (card: LiftContactCard) => card.shadowRoot!.querySelector<LiftButtonBar>('lift-button-bar')!;

describe('rights: the adapter refuses what the UI hides', () => {
  afterEach(() => dropDatabases());

  for (const right of RIGHTS) {
    it(`without "${right}"`, async () => {
      // The seeding (local) user is an admin; the card is shown to a user missing one right.
      const roles = [{ id: 'admin', name: 'Admin', rights: [...RIGHTS] }, { id: 'almost', name: 'Almost', rights: RIGHTS.filter((r) => r !== right) }];
      const adapter = freshIndexedDbAdapter({ roles });
      const seeded = await seedDemoData(adapter, { contacts: 3, entriesPerContact: 2 });
      const archivedId = await archivedContact(adapter);
      const contact = await adapter.contacts.get(seeded.contactIds[0]!);
      const editable = (await adapter.checklists!.definitions('contact')).find((d) => d.mode === 'editable' && !d.deleted)!;
      adapter.session.setUser({ id: 'u-almost', name: 'Almost', role: 'almost' });
      const ids: Ids = {
        contact: contact.id,
        archived: archivedId,
        version: contact.version,
        otherRelation: seeded.relationIds.find((id) => id !== contact.relationId)!,
        template: seeded.templateIds[0]!,
        checklistItem: editable.id,
      };
      const card = await fixture<LiftContactCard>(html`<lift-contact-card lang="en" contact-id=${contact.id} .adapter=${adapter}></lift-contact-card>`);
      await card.loaded;
      await card.updateComplete;
      // A card that may not read its contact shows why, and no bar.
      if (right !== 'read') await waitUntil(() => bar(card).actions.length > 0, 'the bar');
      if (GUARDS[right].ui) expect(await GUARDS[right].ui(card, adapter, contact.id, archivedId), 'hidden or disabled in the UI').to.equal(true);
      const refused = await GUARDS[right].call(adapter, ids).then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(LiftDataError.is(refused, 'permission'), `the adapter refuses it (${String(refused)})`).to.equal(true);
    });
  }

  it('without "see-archived", a contact archived in the card offers no unarchiving or copy, which the adapter refuses', async () => {
    const adapter = presentOnly();
    const seeded = await seedDemoData(adapter, { contacts: 3, entriesPerContact: 1 });
    const contact = (await adapter.contacts.list()).items[0]!;
    adapter.session.setUser(PRESENT);
    const card = await fixture<LiftContactCard>(html`<lift-contact-card lang="en" contact-id=${contact.id} .adapter=${adapter}></lift-contact-card>`);
    await card.loaded;
    await waitUntil(() => bar(card).actions.length > 0, 'the bar');
    bar(card).dispatchEvent(new LiftActionEvent({ action: 'archive' }));
    await waitUntil(() => card.shadowRoot!.querySelector<HTMLDialogElement>('dialog.ask')?.open, 'the question');
    card.shadowRoot!.querySelector<HTMLButtonElement>('dialog.ask button[value="confirm"]')!.click();
    await waitUntil(() => bar(card).archived, 'archived');
    await card.updateComplete;
    expect(bar(card).disabledActions, 'the bar offers neither').to.include.members(['archive', 'copy']);
    const refused = await adapter.contacts.copy(contact.id, { relationId: seeded.relationIds[0]!, expectedVersion: contact.version + 1 }).then(() => undefined, (error: unknown) => error);
    expect(LiftDataError.is(refused, 'permission'), String(refused)).to.equal(true);
  });

  it('the summary report lists archived projects only to a user who may see archived records', async () => {
    const adapter = presentOnly();
    const seeded = await seedDemoData(adapter, { contacts: 12, entriesPerContact: 1 });
    // An active contact with archived and active work, as the admin sees it.
    let contactId: string | undefined;
    for (const id of seeded.contactIds) {
      const work = (await adapter.work!.listForContact(id, { includeArchived: true })).items;
      if (!(await adapter.contacts.get(id)).archived && work.some((w) => w.archived) && work.some((w) => !w.archived)) contactId = id;
    }
    expect(contactId, 'the demo data has an active contact with archived work').to.be.a('string');
    const listed = async () => ((await adapter.reports!.run('summary', contactId!)) as { work: { archived: boolean }[] }).work.map((w) => w.archived);
    expect(await listed(), 'the admin sees both').to.include(true).and.include(false);
    adapter.session.setUser(PRESENT);
    const seen = await listed();
    expect(seen, 'without see-archived: the active work only').to.not.include(true);
    expect(seen.length, 'and all of it').to.equal((await adapter.work!.listForContact(contactId!)).items.length);
  });

  it('with every right, the same UI shows each action and the adapter allows the calls', async () => {
    const adapter = freshIndexedDbAdapter();
    const seeded = await seedDemoData(adapter, { contacts: 3, entriesPerContact: 2 });
    const contactId = seeded.contactIds[0]!;
    const card = await fixture<LiftContactCard>(html`<lift-contact-card lang="en" contact-id=${contactId} .adapter=${adapter}></lift-contact-card>`);
    await card.loaded;
    await card.updateComplete;
    await waitUntil(() => bar(card).actions.length > 0, 'the bar');
    const checked: Right[] = [];
    const archivedId = await archivedContact(adapter);
    for (const right of RIGHTS) {
      if (GUARDS[right].ui) expect(await GUARDS[right].ui(card, adapter, contactId, archivedId), `${right}: shown and enabled`).to.equal(false);
      checked.push(right);
    }
    // Archiving last: an archived contact is read-only for the others.
    const order = [...RIGHTS.filter((r) => r !== 'archive'), 'archive' as const];
    for (const right of order) {
      const contact = await adapter.contacts.get(contactId);
      const editable = (await adapter.checklists!.definitions('contact')).find((d) => d.mode === 'editable' && !d.deleted)!;
      const state = (await adapter.checklists!.states(contactId)).find((s) => s.itemId === editable.id);
      const ids: Ids = {
        contact: contactId,
        archived: archivedId,
        version: contact.version,
        otherRelation: seeded.relationIds.find((id) => id !== contact.relationId)!,
        template: seeded.templateIds[0]!,
        checklistItem: editable.id,
      };
      const call = right === 'checklist-edit' ? adapter.checklists!.setState(contactId, editable.id, state?.version ?? 0, { done: !state?.done }) : GUARDS[right].call(adapter, ids);
      const outcome = await call.then(() => 'allowed', (error: unknown) => String(error));
      expect(outcome, `${right}: the adapter allows the call`).to.equal('allowed');
    }
    expect(checked, 'every right was checked').to.deep.equal([...RIGHTS]);
  });
});

// The kit's tests of rights, run on every adapter by `runAdapterConformance`.
import { ADMIN, CLERK, equal, OUTSIDER, rejectsWith, SCRIBE, VIEWER, WRITER, type Group, type Test, type WithAdapter } from './support.js';

/** Rights: what each role may read and change. */
export function rightsTests(group: Group, test: Test, withAdapter: WithAdapter): void {
  group('rights', undefined, () => {
    test('a viewer cannot write anything, and nothing changes', withAdapter(async (adapter, world) => {
      const [contact] = await world.contacts(1);
      const relation = await world.relation('Doel BV');
      adapter.session.setUser(VIEWER);
      equal(adapter.session.can('edit'), false, 'can(edit)');
      await rejectsWith(adapter.contacts.update(contact.id, 1, { jobTitle: 'x' }), 'permission', 'update');
      await rejectsWith(adapter.contacts.setArchived(contact.id, 1, true), 'permission', 'archive');
      await rejectsWith(adapter.contacts.copy(contact.id, { relationId: relation.id }), 'permission', 'copy');
      await rejectsWith(adapter.contacts.create({ relationId: relation.id, lastName: 'X' }), 'permission', 'create');
      await rejectsWith(adapter.timeline.add({ contactId: contact.id, kind: 'note', subject: 'x', body: 'y' }), 'permission', 'note');
      if (adapter.work) await rejectsWith(adapter.work.create({ kind: 'lead', contactId: contact.id, title: 'x' }), 'permission', 'work');
      if (adapter.templates) await rejectsWith(adapter.templates.createDocument(contact.id, 'tpl-welcome'), 'permission', 'document');
      adapter.session.setUser(ADMIN);
      equal((await adapter.contacts.get(contact.id)).version, 1, 'contact unchanged');
    }));

    test('reading needs the read right: without it nothing of a contact, its overview or the users is sent', withAdapter(async (adapter, world) => {
      const [contact] = await world.contacts(1);
      await adapter.timeline.add({ contactId: contact.id, kind: 'note', subject: 'Vertrouwelijk', body: 'Alleen voor lezers' });
      adapter.session.setUser(OUTSIDER);
      equal(adapter.session.can('read'), false, 'can(read)');
      await rejectsWith(adapter.contacts.get(contact.id), 'permission', 'a contact');
      await rejectsWith(adapter.contacts.list(), 'permission', 'the contact list');
      await rejectsWith(adapter.relations.get(contact.relationId), 'permission', 'a relation');
      await rejectsWith(adapter.relations.list(), 'permission', 'the relation list');
      await rejectsWith(adapter.timeline.list(contact.id), 'permission', 'the overview');
      await rejectsWith(adapter.timeline.all(contact.id), 'permission', 'the whole overview');
      await rejectsWith(adapter.timeline.count(contact.id), 'permission', 'the overview count');
      await rejectsWith(adapter.timeline.query(contact.id), 'permission', 'the overview as the card reads it (timeline.query)');
      await rejectsWith(adapter.timeline.query(contact.id, { text: 'vertrouwelijk' }), 'permission', 'a search of the overview');
      await rejectsWith(adapter.session.users(), 'permission', 'the users and their roles');
      if (adapter.work) await rejectsWith(adapter.work.listForContact(contact.id), 'permission', 'work');
      if (adapter.checklists) await rejectsWith(adapter.checklists.states(contact.id), 'permission', 'checklist states');
      if (adapter.reports) {
        await rejectsWith(adapter.reports.run('activity', contact.id), 'permission', 'the activity report');
        await rejectsWith(adapter.reports.run('summary', contact.id), 'permission', "the contact's summary");
      }
      adapter.session.setUser(VIEWER);
      equal((await adapter.contacts.get(contact.id)).id, contact.id, 'a viewer reads');
      equal((await adapter.timeline.all(contact.id)).some((e) => e.subject === 'Vertrouwelijk'), true, 'a viewer reads the overview');
      equal((await adapter.timeline.query(contact.id)).items.some((e) => e.subject === 'Vertrouwelijk'), true, 'a viewer reads the overview as the card does');
      if (adapter.reports) equal((await adapter.reports.run('summary', contact.id)).contact.id, contact.id, 'a viewer runs a report');
    }));

    test('archived contacts and relations are seen only with the see-archived right', withAdapter(async (adapter, world) => {
      const [contact, other] = await world.contacts(2);
      await adapter.timeline.add({ contactId: contact.id, kind: 'note', subject: 'Oud', body: 'Gearchiveerd' });
      await adapter.contacts.setArchived(contact.id, contact.version, true);
      adapter.session.setUser(VIEWER);
      equal(adapter.session.can('see-archived'), false, 'can(see-archived)');
      await rejectsWith(adapter.contacts.get(contact.id), 'permission', 'an archived contact');
      await rejectsWith(adapter.contacts.list({ includeArchived: true }), 'permission', 'listing archived contacts');
      await rejectsWith(adapter.relations.list({ includeArchived: true }), 'permission', 'listing archived relations');
      await rejectsWith(adapter.timeline.all(contact.id), 'permission', "an archived contact's notes");
      await rejectsWith(adapter.timeline.list(contact.id), 'permission', "an archived contact's overview");
      await rejectsWith(adapter.timeline.query(contact.id), 'permission', "an archived contact's overview as the card reads it (timeline.query)");
      if (adapter.work) await rejectsWith(adapter.work.listForContact(other!.id, { includeArchived: true }), 'permission', 'archived work');
      equal((await adapter.contacts.list()).items.map((c) => c.id), [other!.id], 'active contacts are listed');
      adapter.session.setUser(WRITER);
      equal((await adapter.contacts.get(contact.id)).archived, true, 'a writer sees archived contacts');
      equal((await adapter.contacts.list({ includeArchived: true })).items.length, 2, 'and lists them');
      equal((await adapter.timeline.query(contact.id)).items.some((e) => e.subject === 'Oud'), true, "and reads an archived contact's overview");
    }));

    test('a write needs the read right too: without it, no write shows, copies or fills anything from a contact', withAdapter(async (adapter, world) => {
      const [contact] = await world.contacts(1);
      const relation = await world.relation('Doel BV');
      const item = adapter.checklists && (await adapter.checklists.saveDefinition({ cardType: 'contact', text: 'Akkoord', category: 'Start', order: 1, mode: 'editable', modeByStatus: {} }));
      const before = (await adapter.timeline.all(contact.id)).length;
      adapter.session.setUser(SCRIBE);
      equal([adapter.session.can('read'), adapter.session.can('copy')], [false, true], 'can(read), can(copy)');
      await rejectsWith(adapter.contacts.copy(contact.id, { relationId: relation.id, expectedVersion: 1 }), 'permission', 'a copy');
      await rejectsWith(adapter.contacts.update(contact.id, 1, { jobTitle: 'x' }), 'permission', 'an update');
      await rejectsWith(adapter.contacts.update(contact.id, 9, { jobTitle: 'x' }), 'permission', 'an update with a stale version (its conflict would carry the contact)');
      await rejectsWith(adapter.contacts.setArchived(contact.id, 1, true), 'permission', 'archiving');
      await rejectsWith(adapter.timeline.add({ contactId: contact.id, kind: 'note', subject: 'x', body: 'y' }), 'permission', 'a note');
      if (adapter.work) await rejectsWith(adapter.work.create({ kind: 'lead', contactId: contact.id, title: 'x' }), 'permission', 'a lead');
      if (adapter.templates) await rejectsWith(adapter.templates.createDocument(contact.id, 'tpl-welcome'), 'permission', 'a document filled from the contact');
      if (item) await rejectsWith(adapter.checklists!.setState(contact.id, item.id, 0, { done: true }), 'permission', 'a tick');
      adapter.session.setUser(ADMIN);
      equal((await adapter.contacts.get(contact.id)).version, 1, 'contact unchanged');
      equal((await adapter.contacts.list({ includeArchived: true })).items.length, 1, 'no copy made');
      equal((await adapter.timeline.all(contact.id)).length, before, 'nothing added to the overview');
    }));

    test('no write shows an archived contact to one who may not see archived ones', withAdapter(async (adapter, world) => {
      const [contact] = await world.contacts(1);
      const relation = await world.relation('Doel BV');
      const archived = await adapter.contacts.setArchived(contact.id, contact.version, true);
      adapter.session.setUser(CLERK);
      equal([adapter.session.can('copy'), adapter.session.can('see-archived')], [true, false], 'can(copy), can(see-archived)');
      await rejectsWith(adapter.contacts.copy(contact.id, { relationId: relation.id, expectedVersion: archived.version }), 'permission', 'a copy of it');
      await rejectsWith(adapter.contacts.setArchived(contact.id, archived.version, false), 'permission', 'taking it out of the archive');
      await rejectsWith(adapter.contacts.setArchived(contact.id, 1, false), 'permission', 'with a stale version (its conflict would carry the contact)');
      await rejectsWith(adapter.contacts.update(contact.id, 1, { jobTitle: 'x' }), 'permission', 'an update with a stale version');
      adapter.session.setUser(ADMIN);
      equal((await adapter.contacts.list({ includeArchived: true })).items.map((c) => [c.id, c.archived]), [[contact.id, true]], 'still archived, and no copy');
    }));

    test('a writer may edit but not archive or copy', withAdapter(async (adapter, world) => {
      const [contact] = await world.contacts(1);
      const relation = await world.relation('Doel BV');
      adapter.session.setUser(WRITER);
      const saved = await adapter.contacts.update(contact.id, 1, { jobTitle: 'Mag' });
      equal(saved.version, 2, 'edit allowed');
      await rejectsWith(adapter.contacts.setArchived(contact.id, 2, true), 'permission', 'archive');
      await rejectsWith(adapter.contacts.copy(contact.id, { relationId: relation.id }), 'permission', 'copy');
    }));
  });
}

import { expect } from '@open-wc/testing';
import { DEMO_USERS, seedDemoData, type DemoDataResult } from '../src/data/demo/demo-data.js';
import { MemoryAdapter } from '../src/data/adapters/memory-adapter.js';
import { RELATION_KINDS, TIMELINE_KINDS, type Contact, type TimelineEntry } from '../src/data/contract/model.js';
import type { StoreAdapter } from '../src/data/engine/store-adapter.js';
import { validateContact } from '../src/data/contract/validation.js';
import { dropDatabases, freshIndexedDbAdapter } from './db.js';

/** Every contact, archived ones included, in the adapter's order. */
async function allContacts(adapter: StoreAdapter): Promise<Contact[]> {
  return (await adapter.contacts.list({ includeArchived: true, limit: 500 })).items;
}

async function allEntries(adapter: StoreAdapter, contactIds: readonly string[]): Promise<TimelineEntry[]> {
  const entries: TimelineEntry[] = [];
  for (const id of contactIds) entries.push(...(await adapter.timeline.all(id)));
  return entries;
}

const kinds: [string, (options?: ConstructorParameters<typeof MemoryAdapter>[0]) => StoreAdapter][] = [
  ['MemoryAdapter', (options) => new MemoryAdapter(options)],
  ['IndexedDbAdapter', (options) => freshIndexedDbAdapter(options)],
];

for (const [name, make] of kinds) {
  describe(`seedDemoData on ${name}`, () => {
    afterEach(() => dropDatabases());

    it('gives the same data for the same seed and other data for another seed', async () => {
      const a = make();
      const b = make();
      const c = make();
      const resultA = await seedDemoData(a, { seed: 7, contacts: 12 });
      const resultB = await seedDemoData(b, { seed: 7, contacts: 12 });
      await seedDemoData(c, { seed: 8, contacts: 12 });
      expect(resultB).to.deep.equal(resultA);
      expect(await allContacts(b)).to.deep.equal(await allContacts(a));
      expect(await b.timeline.all(resultB.contactIds[0]!)).to.deep.equal(await a.timeline.all(resultA.contactIds[0]!));
      expect(await b.templates.list()).to.deep.equal(await a.templates.list());
      const namesA = (await allContacts(a)).map((x) => `${x.firstName} ${x.lastName} ${x.updatedAt}`);
      const namesC = (await allContacts(c)).map((x) => `${x.firstName} ${x.lastName} ${x.updatedAt}`);
      expect(namesC).not.to.deep.equal(namesA);
    });

    it('lists the contact ids newest-modified first, in the adapter order', async () => {
      const adapter = make();
      const result = await seedDemoData(adapter, { contacts: 30 });
      const listed = await allContacts(adapter);
      expect(result.contactIds).to.have.length(30);
      expect(listed.map((x) => x.id)).to.deep.equal(result.contactIds);
      for (let i = 1; i < listed.length; i++) expect(listed[i - 1]!.updatedAt >= listed[i]!.updatedAt).to.equal(true);
      expect(new Set(result.contactIds).size).to.equal(30);
    });

    it('writes complete, valid contacts and relations of every kind', async () => {
      const adapter = make();
      const now = new Date('2020-06-01T12:00:00Z');
      const result = await seedDemoData(adapter, { now, contacts: 16 });
      expect(result.relationIds).to.have.length(4);
      const relations = (await adapter.relations.list({ includeArchived: true, limit: 500 })).items;
      expect(new Set(relations.map((r) => r.kind))).to.deep.equal(new Set(RELATION_KINDS));
      const relationIds = new Set(relations.map((r) => r.id));
      for (const contact of await allContacts(adapter)) {
        expect(validateContact({ ...contact }), contact.id).to.deep.equal({});
        expect(relationIds.has(contact.relationId)).to.equal(true);
        expect(contact.version).to.equal(1);
        expect(contact.createdAt <= contact.updatedAt).to.equal(true);
        expect(contact.updatedAt <= now.toISOString()).to.equal(true);
        if (contact.email) expect(contact.email).to.match(/^[a-z0-9]+\.[a-z0-9]+@[a-z0-9]+\.nl$/);
      }
    });

    it('has every timeline kind, archived contacts and archived work', async () => {
      const adapter = make();
      const now = new Date('2024-02-29T08:00:00Z');
      const result = await seedDemoData(adapter, { now, contacts: 24 });
      const entries = await allEntries(adapter, result.contactIds);
      expect(entries).to.have.length(result.entryCount);
      expect(new Set(entries.map((e) => e.kind))).to.deep.equal(new Set(TIMELINE_KINDS));
      for (const entry of entries) {
        expect(entry.occurredAt <= now.toISOString()).to.equal(true);
        expect(entry.author).to.be.a('string').and.not.equal('');
        if (entry.kind === 'change') expect(entry.change).to.have.keys('field', 'old', 'new');
        if (['email', 'letter', 'document', 'invoice'].includes(entry.kind)) expect(entry.direction).to.be.oneOf(['in', 'out']);
      }
      expect(entries.some((e) => e.workItemId)).to.equal(true);

      const all = await allContacts(adapter);
      const archived = all.filter((c) => c.archived);
      expect(archived.length).to.be.greaterThan(0);
      const active = (await adapter.contacts.list({ limit: 500 })).items;
      expect(active).to.have.length(all.length - archived.length);
      expect(active.some((c) => c.archived)).to.equal(false);

      let archivedWork = 0;
      let work = 0;
      for (const id of result.contactIds) {
        const items = (await adapter.work.listForContact(id, { includeArchived: true, limit: 500 })).items;
        work += items.length;
        archivedWork += items.filter((w) => w.archived).length;
        for (const item of items) expect(item.number).to.match(/^[LAP]-\d{4}-\d{4}$/);
      }
      expect(work).to.be.greaterThan(0);
      expect(archivedWork).to.be.greaterThan(0);
    });

    it('stores users, the contact checklist and templates that the adapter serves', async () => {
      const adapter = make();
      const result = await seedDemoData(adapter, { contacts: 8 });
      expect(await adapter.session.users()).to.have.deep.members(DEMO_USERS.map((u) => ({ ...u })));
      expect(result.userIds).to.deep.equal(['u-sanne', 'u-pieter']);

      const definitions = await adapter.checklists.definitions('contact');
      expect(definitions.map((d) => d.id)).to.deep.equal(result.checklistItemIds);
      expect(new Set(definitions.map((d) => d.category)).size).to.equal(3);
      expect(definitions.some((d) => d.mode === 'hidden')).to.equal(true);
      expect(definitions.some((d) => Object.values(d.modeByStatus).some((mode) => mode !== d.mode))).to.equal(true);
      let states = 0;
      for (const id of result.contactIds) states += (await adapter.checklists.states(id)).length;
      expect(states).to.be.greaterThan(0);

      // The default user is an admin and sees every template; the admin-only one fills in fully.
      const templates = await adapter.templates.list();
      expect(templates.map((t) => t.id)).to.have.members(result.templateIds);
      expect(templates.some((t) => t.roles.length === 0)).to.equal(true);
      expect(templates.some((t) => t.roles.length === 1 && t.roles[0] === 'admin')).to.equal(true);
      for (const template of templates) {
        const document = await adapter.templates.createDocument(result.contactIds[0]!, template.id);
        expect(`${document.subject}\n${document.body}`).not.to.contain('{{');
      }
      adapter.session.setUser(DEMO_USERS[1]!);
      const forEmployee = await adapter.templates.list();
      expect(forEmployee.length).to.be.greaterThan(0);
      expect(forEmployee.some((t) => t.roles.length && !t.roles.includes('employee'))).to.equal(false);
    });

    it('gives the first, newest-modified contact the big history', async () => {
      const adapter = make();
      const result: DemoDataResult = await seedDemoData(adapter, { contacts: 6, entriesPerContact: 4, bigContactEntries: 3000 });
      const first = result.contactIds[0]!;
      expect((await adapter.contacts.list({ limit: 1 })).items[0]!.id).to.equal(first);
      expect(await adapter.timeline.count(first)).to.equal(3000);
      const page = await adapter.timeline.list(first);
      expect(page.items).to.have.length(50);
      expect(page.next).to.be.a('string');
      for (let i = 1; i < page.items.length; i++) expect(page.items[i - 1]!.occurredAt >= page.items[i]!.occurredAt).to.equal(true);
      const newest = (await adapter.timeline.all(first))[0]!;
      expect(page.items[0]).to.deep.equal(newest);
      expect(result.entryCount).to.be.greaterThan(3000);
    });
  });
}

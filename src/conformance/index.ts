/**
 * The adapter conformance kit (`@lift/elements/conformance`). A partner runs it with their own
 * test runner and a factory for their adapter:
 *
 * ```ts
 * import { runAdapterConformance } from '@lift/elements/conformance';
 * runAdapterConformance({ describe, it, factory: async (fixtures) => new MyAdapter(fixtures) });
 * ```
 *
 * It asserts on error `code`s, never on messages. Pass `capabilities` with the optional groups
 * your adapter implements; the others are skipped (the default expects all of them).
 */
import { CAPABILITIES, type Capability, type DataChange, type LiftAdapter, type LifecycleNotice } from '../data/contract/adapter.js';
import { LiftDataError } from '../data/contract/errors.js';
import { CONTACT_FIELDS, type Contact, type ContactField, type User } from '../data/contract/model.js';
import { CONTACT_LIMITS } from '../data/contract/validation.js';
import {
  ADMIN, allPages, check, CONFORMANCE_ROLES, CONFORMANCE_TEMPLATES, type ConformanceOptions, equal, OUTSIDER, rejectsWith, type TestFn, tick, VIEWER, World, WRITER,
} from './support.js';
import { overviewTests } from './overview.js';

export { CONFORMANCE_ROLES, CONFORMANCE_TEMPLATES, CONFORMANCE_USERS, type ConformanceFixtures, type ConformanceOptions } from './support.js';

// ------------------------------------------------------------------ the suite

export function runAdapterConformance(options: ConformanceOptions): void {
  const { describe, it, factory, cleanup } = options;
  const prefix = options.name ? `${options.name}: ` : '';

  /** Runs a test body on a fresh adapter acting for `user`, cleaning up afterwards. */
  const withAdapter = (body: (adapter: LiftAdapter, world: World) => Promise<void>, user: User = ADMIN) => async () => {
    const adapter = await factory({ user, roles: CONFORMANCE_ROLES, templates: CONFORMANCE_TEMPLATES });
    try {
      await body(adapter, new World(adapter));
    } finally {
      await cleanup?.(adapter);
    }
  };

  const expected = new Set<Capability>(options.capabilities ?? CAPABILITIES);
  let test: (name: string, body: TestFn) => void = it;

  /**
   * A describe block; a group of an optional capability the adapter does not have is skipped
   * (through the runner's `it.skip` when it has one), and one it claims must be declared.
   */
  const group = (name: string, capability: Capability | undefined, body: () => void) =>
    describe(`${prefix}${name}`, () => {
      if (!capability) return body();
      const notRun: string[] = [];
      if (!expected.has(capability)) {
        // Skipped through the runner where it can say so; otherwise listed in one test below,
        // so a partner sees what was not run rather than nothing at all.
        test = (title, fn) => (it.skip ? it.skip(title, fn) : notRun.push(title));
      } else {
        it(`declares the ${capability} capability`, withAdapter(async (adapter) => {
          check(adapter.capabilities.has(capability) && adapter[capability], `capabilities should include ${capability} with its API`);
        }));
      }
      try {
        body();
      } finally {
        test = it;
      }
      if (notRun.length) {
        it(`does not offer ${capability}, so ${notRun.length} of its tests were not run: ${notRun.join('; ')}`, withAdapter(async (adapter) => {
          check(!adapter.capabilities.has(capability), `the adapter offers ${capability}: list it in the kit's capabilities so its tests run`);
        }));
      }
    });

  group('contacts', undefined, () => {
    test('creates a contact and reads it back with version 1', withAdapter(async (adapter, world) => {
      const relation = await world.relation('Bakkerij Jansen');
      const created = await adapter.contacts.create({ relationId: relation.id, firstName: 'Anne', infix: 'de', lastName: 'Vries', email: 'anne@example.nl' });
      equal(created.version, 1, 'version');
      equal(created.archived, false, 'archived');
      const read = await adapter.contacts.get(created.id);
      equal(read, created, 'read back');
    }));

    test('reports an unknown id as not-found', withAdapter(async (adapter) => {
      await rejectsWith(adapter.contacts.get('no-such-contact'), 'not-found', 'get');
    }));

    test('lists newest-modified first, and a save moves a contact to the top', withAdapter(async (adapter, world) => {
      const [a, b, c] = await world.contacts(3);
      equal((await adapter.contacts.list()).items.map((x) => x.id), [c.id, b.id, a.id], 'order after create');
      await tick();
      await adapter.contacts.update(a.id, a.version, { jobTitle: 'Inkoper' });
      equal((await adapter.contacts.list()).items.map((x) => x.id), [a.id, c.id, b.id], 'order after saving the oldest');
    }));

    test('pages without gaps or duplicates while writes happen between pages', withAdapter(async (adapter, world) => {
      const created = await world.contacts(11);
      let touched: Contact | undefined;
      const pages = await allPages(
        (cursor) => adapter.contacts.list({ limit: 4, ...(cursor ? { cursor } : {}) }),
        async (page) => {
          if (page === 1) {
            // Move an unseen contact to the top and add a new one: neither may appear twice.
            const unseen = created[1]!;
            touched = await adapter.contacts.update(unseen.id, unseen.version, { notes: 'moved' });
            await world.contacts(1, 'Nieuw');
          }
        },
      );
      const ids = pages.flat().map((c) => c.id);
      equal(new Set(ids).size, ids.length, 'no duplicates');
      for (const contact of created) {
        if (contact.id !== touched?.id) check(ids.includes(contact.id), `contact ${contact.lastName} missing from the pages`);
      }
      check(pages.every((p) => p.length <= 4), 'no page larger than its limit');
    }));

    test('leaves archived contacts out unless asked', withAdapter(async (adapter, world) => {
      const [a, b] = await world.contacts(2);
      await adapter.contacts.setArchived(a.id, a.version, true);
      equal((await adapter.contacts.list()).items.map((x) => x.id), [b.id], 'default list');
      const all = (await adapter.contacts.list({ includeArchived: true })).items.map((x) => x.id);
      check(all.includes(a.id) && all.includes(b.id), 'includeArchived lists both');
    }));

    test('filters by relation and by text over name, e-mail and relation name, ignoring case and accents', withAdapter(async (adapter, world) => {
      const bakery = await world.relation('Bakkerij Ölçek');
      const garage = await world.relation('Garage Noord');
      const anne = await adapter.contacts.create({ relationId: bakery.id, firstName: 'Anne', lastName: 'Brouwer', email: 'anne@bakkerij.nl' });
      const joost = await adapter.contacts.create({ relationId: garage.id, firstName: 'Joost', lastName: 'Smit', email: 'j.smit@noord.nl' });
      const ids = async (query: Parameters<typeof adapter.contacts.list>[0]) => (await adapter.contacts.list(query)).items.map((c) => c.id);
      equal(await ids({ relationId: garage.id }), [joost.id], 'relation filter');
      equal(await ids({ text: 'BROUWER' }), [anne.id], 'last name, any case');
      equal(await ids({ text: 'j.smit@' }), [joost.id], 'e-mail');
      equal(await ids({ text: 'olcek' }), [anne.id], 'relation name without accents');
      equal(await ids({ text: 'anne bakkerij' }), [anne.id], 'every word must match');
      equal(await ids({ text: 'nobody-matches-this' }), [], 'no match');
    }));

    test('a save bumps version and updatedAt and records one change entry per changed field', withAdapter(async (adapter, world) => {
      const [contact] = await world.contacts(1);
      await tick();
      const saved = await adapter.contacts.update(contact.id, 1, { jobTitle: 'Directeur', department: 'Verkoop', lastName: contact.lastName });
      equal(saved.version, 2, 'version');
      check(saved.updatedAt > contact.updatedAt, 'updatedAt moved forward');
      equal(saved.jobTitle, 'Directeur', 'saved value');
      const changes = (await adapter.timeline.all(contact.id)).filter((e) => e.kind === 'change');
      equal(changes.map((e) => e.change?.field).sort(), ['department', 'jobTitle'], 'one entry per changed field, none for unchanged');
      const jobTitle = changes.find((e) => e.change?.field === 'jobTitle')!;
      equal([jobTitle.change?.old, jobTitle.change?.new, jobTitle.author], ['', 'Directeur', ADMIN.name], 'old, new and who');
      check(!Number.isNaN(Date.parse(jobTitle.occurredAt)), 'when');
    }));

    test('of two writers at the same version exactly one wins; the other gets the current record', withAdapter(async (adapter, world) => {
      const [contact] = await world.contacts(1);
      const results = await Promise.allSettled([
        adapter.contacts.update(contact.id, 1, { jobTitle: 'Eerste' }),
        adapter.contacts.update(contact.id, 1, { jobTitle: 'Tweede' }),
      ]);
      const won = results.filter((r) => r.status === 'fulfilled');
      const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      equal([won.length, lost.length], [1, 1], 'one wins, one loses');
      const error = lost[0]!.reason as LiftDataError<Contact>;
      equal(error.code, 'conflict', 'loser code');
      const now = await adapter.contacts.get(contact.id);
      equal(error.current?.version, now.version, 'conflict carries the current version');
      equal(error.current?.jobTitle, now.jobTitle, 'conflict carries the current fields');
      equal(now.version, 2, 'only one write landed');
    }));

    test('refuses invalid values with validation codes per field, and stores nothing', withAdapter(async (adapter, world) => {
      const [contact] = await world.contacts(1);
      const error = await rejectsWith(adapter.contacts.update(contact.id, 1, { email: 'not-an-address', lastName: '' }), 'validation', 'update');
      check(error.fields?.email && error.fields?.lastName, 'fields name email and lastName');
      await rejectsWith(adapter.contacts.update(contact.id, 1, { phone: 'call me' }), 'validation', 'phone');
      await rejectsWith(adapter.contacts.update(contact.id, 1, { notes: 'x'.repeat(100_001) }), 'validation', 'too long');
      await rejectsWith(adapter.contacts.update(contact.id, 1, { email: undefined as unknown as string }), 'validation', 'a value that is not text');
      equal((await adapter.contacts.get(contact.id)).version, 1, 'nothing saved');
    }));

    test('takes each contact field up to its limit and refuses one character more', withAdapter(async (adapter, world) => {
      const [contact] = await world.contacts(1);
      // A valid value of exactly `length` characters for each field.
      const sized = (field: ContactField, length: number) =>
        field === 'email' ? `${'a'.repeat(length - '@example.nl'.length)}@example.nl` : field === 'phone' || field === 'mobile' ? `+${'3'.repeat(length - 1)}` : 'x'.repeat(length);
      let version = 1;
      for (const field of CONTACT_FIELDS) {
        const limit = CONTACT_LIMITS[field];
        const saved = await adapter.contacts.update(contact.id, version, { [field]: sized(field, limit) });
        version = saved.version;
        equal((saved[field] as string).length, limit, `${field} at its limit of ${limit}`);
        const error = await rejectsWith(adapter.contacts.update(contact.id, version, { [field]: sized(field, limit + 1) }), 'validation', `${field} one over`);
        equal(error.fields?.[field], 'too-long', `${field} named as too long`);
      }
      equal((await adapter.contacts.get(contact.id)).version, version, 'nothing saved past a limit');
    }));

    test('a phone number needs at least six digits', withAdapter(async (adapter, world) => {
      const [contact] = await world.contacts(1);
      await rejectsWith(adapter.contacts.update(contact.id, 1, { phone: '12 345' }), 'validation', 'five digits');
      equal((await adapter.contacts.update(contact.id, 1, { phone: '123 456' })).phone, '123 456', 'six digits');
    }));

    test('an archived contact takes no notes, work items or documents until it is unarchived', withAdapter(async (adapter, world) => {
      const [contact] = await world.contacts(1);
      await adapter.contacts.setArchived(contact.id, 1, true);
      const before = await adapter.timeline.count(contact.id);
      const error = await rejectsWith(adapter.timeline.add({ contactId: contact.id, kind: 'note', subject: 'Na archiveren', body: '' }), 'validation', 'a note');
      equal(error.fields?.archived, 'archived', 'named as archived');
      if (adapter.work) await rejectsWith(adapter.work.create({ kind: 'lead', contactId: contact.id, title: 'Na archiveren' }), 'validation', 'a work item');
      const [template] = adapter.templates ? await adapter.templates.list() : [];
      if (template) await rejectsWith(adapter.templates!.createDocument(contact.id, template.id), 'validation', 'a document');
      equal(await adapter.timeline.count(contact.id), before, 'nothing added to the overview');
      await adapter.contacts.setArchived(contact.id, 2, false);
      await adapter.timeline.add({ contactId: contact.id, kind: 'note', subject: 'Weer actief', body: '' });
      equal(await adapter.timeline.count(contact.id), before + 2, 'unarchived: the change and the note');
    }));

    test('archives and unarchives with a recorded change; an archived contact is read-only', withAdapter(async (adapter, world) => {
      const [contact] = await world.contacts(1);
      const archived = await adapter.contacts.setArchived(contact.id, 1, true);
      equal([archived.archived, archived.version], [true, 2], 'archived');
      await rejectsWith(adapter.contacts.update(contact.id, 2, { jobTitle: 'x' }), 'validation', 'editing an archived contact');
      await rejectsWith(adapter.contacts.setArchived(contact.id, 1, false), 'conflict', 'stale unarchive');
      const back = await adapter.contacts.setArchived(contact.id, 2, false);
      equal([back.archived, back.version], [false, 3], 'unarchived');
      const fields = (await adapter.timeline.all(contact.id)).filter((e) => e.kind === 'change').map((e) => `${e.change?.field}:${e.change?.new}`);
      check(fields.includes('archived:true') && fields.includes('archived:false'), 'both recorded');
    }));

    test('copies the personal details to another relation, records it in both overviews, optionally archives the original', withAdapter(async (adapter, world) => {
      const [original] = await world.contacts(1);
      await adapter.timeline.add({ contactId: original.id, kind: 'note', subject: 'History', body: 'stays behind' });
      const target = await world.relation('Nieuwe Werkgever');
      const { copy, original: after } = await adapter.contacts.copy(original.id, { relationId: target.id, archiveOriginal: true, expectedVersion: 1 });
      equal([copy.relationId, copy.firstName, copy.lastName, copy.email, copy.version], [target.id, original.firstName, original.lastName, original.email, 1], 'copied details');
      check(copy.id !== original.id, 'a new contact');
      equal(after.archived, true, 'original archived');
      const copyEntries = await adapter.timeline.all(copy.id);
      check(!copyEntries.some((e) => e.kind === 'note'), 'history is not copied');
      check(copyEntries.some((e) => e.change?.field === 'copiedFrom' && e.change.new === original.id), 'the copy records where it came from');
      check((await adapter.timeline.all(original.id)).some((e) => e.change?.field === 'copiedTo' && e.change.new === copy.id), 'the original records the copy');
    }));
  });

  group('overview query', undefined, () => overviewTests((name, body) => test(name, body), withAdapter));

  group('timeline', undefined, () => {
    test('adds entries and lists them newest first, filtered by kind, paged, counted', withAdapter(async (adapter, world) => {
      const [contact] = await world.contacts(1);
      const kinds = ['note', 'call', 'email', 'note', 'meeting'] as const;
      const added = [];
      for (const [i, kind] of kinds.entries()) {
        added.push(await adapter.timeline.add({ contactId: contact.id, kind, subject: `S${i}`, body: `B${i}`, occurredAt: new Date(Date.UTC(2025, 0, 1 + i)).toISOString() }));
      }
      equal((await adapter.timeline.list(contact.id)).items.map((e) => e.subject), ['S4', 'S3', 'S2', 'S1', 'S0'], 'newest first');
      equal((await adapter.timeline.list(contact.id, { kinds: ['note'] })).items.map((e) => e.subject), ['S3', 'S0'], 'kind filter');
      const pages = await allPages((cursor) => adapter.timeline.list(contact.id, { limit: 2, ...(cursor ? { cursor } : {}) }));
      equal(pages.map((p) => p.map((e) => e.subject)), [['S4', 'S3'], ['S2', 'S1'], ['S0']], 'pages');
      equal(await adapter.timeline.count(contact.id), 5, 'count');
      equal((await adapter.timeline.all(contact.id)).map((e) => e.id), [...added].reverse().map((e) => e.id), 'all, newest first');
      equal(added[0]!.author, ADMIN.name, 'author is the current user');
    }));

    test('refuses an entry with neither subject nor text, also when both are only spaces', withAdapter(async (adapter, world) => {
      const [contact] = await world.contacts(1);
      await rejectsWith(adapter.timeline.add({ contactId: contact.id, kind: 'note', subject: '', body: '' }), 'validation', 'empty');
      await rejectsWith(adapter.timeline.add({ contactId: contact.id, kind: 'note', subject: '   ', body: ' \n\t ' }), 'validation', 'only spaces');
      equal(await adapter.timeline.count(contact.id), 0, 'nothing stored');
    }));

    test('takes entry dates from 1900-01-01 to a year from today, and refuses others by name', withAdapter(async (adapter, world) => {
      const [contact] = await world.contacts(1);
      const add = (occurredAt: string) => adapter.timeline.add({ contactId: contact.id, kind: 'note', subject: occurredAt, body: '', occurredAt });
      const day = 86_400_000;
      for (const outside of ['1899-12-31T23:59:59.999Z', '0001-01-01T00:00:00.000Z', new Date(Date.now() + 400 * day).toISOString(), '9999-12-31T00:00:00.000Z']) {
        const error = await rejectsWith(add(outside), 'validation', outside);
        equal(error.fields?.occurredAt, 'out-of-range', `${outside} named as out of range`);
      }
      await add('1900-01-01T00:00:00.000Z');
      await add(new Date(Date.now() + 300 * day).toISOString());
      equal(await adapter.timeline.count(contact.id), 2, 'only the two within the bounds stored');
    }));

    test('a page stops before a million characters, and the pages still bring every entry once', withAdapter(async (adapter, world) => {
      const [contact] = await world.contacts(1);
      const body = 'x'.repeat(190_000);
      for (let i = 0; i < 6; i++) await adapter.timeline.add({ contactId: contact.id, kind: 'note', subject: `Lang ${i}`, body });
      const first = await adapter.timeline.list(contact.id, { limit: 50 });
      check(first.items.length >= 1 && first.items.length < 6 && first.next, `a shorter first page with a next cursor (${first.items.length} entries)`);
      check(JSON.stringify(first).length <= 1_050_000, `the first page is about a million characters at most (${JSON.stringify(first).length})`);
      const pages = await allPages((cursor) => adapter.timeline.list(contact.id, { limit: 50, ...(cursor ? { cursor } : {}) }));
      equal(pages.flat().map((e) => e.subject).sort(), ['Lang 0', 'Lang 1', 'Lang 2', 'Lang 3', 'Lang 4', 'Lang 5'], 'every entry once');
    }));

    test('refuses entries for unknown contacts and hand-made change entries', withAdapter(async (adapter, world) => {
      const [contact] = await world.contacts(1);
      await rejectsWith(adapter.timeline.add({ contactId: 'missing', kind: 'note', subject: 'x', body: 'y' }), 'not-found', 'unknown contact');
      await rejectsWith(adapter.timeline.add({ contactId: contact.id, kind: 'change', subject: 'x', body: 'y' }), 'validation', 'change by hand');
      await rejectsWith(adapter.timeline.list(contact.id, { cursor: 'garbage!' }), 'validation', 'a foreign cursor');
    }));

    test('rejects with aborted when the signal is aborted', withAdapter(async (adapter, world) => {
      const [contact] = await world.contacts(1);
      const controller = new AbortController();
      controller.abort();
      await rejectsWith(adapter.timeline.list(contact.id, { signal: controller.signal }), 'aborted', 'pre-aborted read');
      await rejectsWith(adapter.contacts.get(contact.id, { signal: controller.signal }), 'aborted', 'pre-aborted get');
    }));
  });

  group('change feed', undefined, () => {
    test('reports created and updated ids after the write, and stops after unsubscribe', withAdapter(async (adapter, world) => {
      const seen: (DataChange | LifecycleNotice)[] = [];
      const unsubscribe = adapter.subscribe((change) => seen.push(change));
      const [contact] = await world.contacts(1);
      await adapter.contacts.update(contact.id, 1, { jobTitle: 'Nieuw' });
      const data = seen.filter((c): c is DataChange => 'resource' in c && c.resource === 'contact');
      check(data.some((c) => c.type === 'created' && c.ids.includes(contact.id)), 'created reported');
      check(data.some((c) => c.type === 'updated' && c.ids.includes(contact.id)), 'updated reported');
      check(data.every((c) => c.origin === 'local'), 'own changes are local');
      check(seen.some((c) => 'resource' in c && c.resource === 'timeline' && c.contactId === contact.id), 'timeline change names its contact');
      unsubscribe();
      const count = seen.length;
      await adapter.contacts.update(contact.id, 2, { jobTitle: 'Later' });
      equal(seen.length, count, 'nothing after unsubscribe');
    }));

    test('a failed write reports nothing', withAdapter(async (adapter, world) => {
      const [contact] = await world.contacts(1);
      const seen: unknown[] = [];
      adapter.subscribe((change) => seen.push(change));
      await rejectsWith(adapter.contacts.update(contact.id, 99, { jobTitle: 'x' }), 'conflict', 'stale');
      equal(seen.length, 0, 'no change reported');
    }));
  });

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
      await rejectsWith(adapter.session.users(), 'permission', 'the users and their roles');
      if (adapter.work) await rejectsWith(adapter.work.listForContact(contact.id), 'permission', 'work');
      if (adapter.checklists) await rejectsWith(adapter.checklists.states(contact.id), 'permission', 'checklist states');
      adapter.session.setUser(VIEWER);
      equal((await adapter.contacts.get(contact.id)).id, contact.id, 'a viewer reads');
      equal((await adapter.timeline.all(contact.id)).some((e) => e.subject === 'Vertrouwelijk'), true, 'a viewer reads the overview');
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
      if (adapter.work) await rejectsWith(adapter.work.listForContact(other!.id, { includeArchived: true }), 'permission', 'archived work');
      equal((await adapter.contacts.list()).items.map((c) => c.id), [other!.id], 'active contacts are listed');
      adapter.session.setUser(WRITER);
      equal((await adapter.contacts.get(contact.id)).archived, true, 'a writer sees archived contacts');
      equal((await adapter.contacts.list({ includeArchived: true })).items.length, 2, 'and lists them');
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

  group('work', 'work', () => {
    test('creates leads, requests and projects linked to the contact and its relation, newest first', withAdapter(async (adapter, world) => {
      const [contact] = await world.contacts(1);
      const lead = await adapter.work!.create({ kind: 'lead', contactId: contact.id, title: 'Nieuwe website' });
      await tick();
      const project = await adapter.work!.create({ kind: 'project', contactId: contact.id, title: 'Campagne', description: 'Voorjaar' });
      equal([lead.contactId, lead.relationId, lead.kind], [contact.id, contact.relationId, 'lead'], 'links');
      check(lead.number && project.number && lead.number !== project.number, 'numbers are set and distinct');
      equal((await adapter.work!.listForContact(contact.id)).items.map((w) => w.id), [project.id, lead.id], 'newest first');
      await rejectsWith(adapter.work!.create({ kind: 'project', contactId: contact.id, title: ' ' }), 'validation', 'empty title');
    }));
  });

  group('checklists', 'checklists', () => {
    test('ticks with who and when, checks versions, and records every change in the overview', withAdapter(async (adapter, world) => {
      const [contact] = await world.contacts(1);
      const item = await adapter.checklists!.saveDefinition({ cardType: 'contact', text: 'AVG-toestemming', category: 'Privacy', order: 1, mode: 'editable', modeByStatus: {} });
      const ticked = await adapter.checklists!.setState(contact.id, item.id, 0, { done: true });
      equal([ticked.done, ticked.doneBy, ticked.version], [true, ADMIN.name, 1], 'ticked');
      check(ticked.doneAt, 'doneAt set');
      await rejectsWith(adapter.checklists!.setState(contact.id, item.id, 0, { done: false }), 'conflict', 'stale tick');
      const noted = await adapter.checklists!.setState(contact.id, item.id, 1, { note: 'Per mail bevestigd' });
      equal([noted.note, noted.done, noted.version], ['Per mail bevestigd', true, 2], 'note kept with the tick');
      equal((await adapter.checklists!.states(contact.id)).map((s) => s.version), [2], 'stored state');
      const entries = (await adapter.timeline.all(contact.id)).filter((e) => e.kind === 'checklist');
      equal(entries.length, 2, 'two checklist entries');
      await rejectsWith(adapter.checklists!.setState(contact.id, item.id, 2, { note: 'x'.repeat(2001) }), 'validation', 'note too long');
    }));

    test('hidden and read-only items cannot be changed; deleted items keep their history', withAdapter(async (adapter, world) => {
      const [contact] = await world.contacts(1);
      const readOnly = await adapter.checklists!.saveDefinition({ cardType: 'contact', text: 'Alleen lezen', category: 'A', order: 1, mode: 'read-only', modeByStatus: {} });
      await rejectsWith(adapter.checklists!.setState(contact.id, readOnly.id, 0, { done: true }), 'permission', 'read-only item');
      const item = await adapter.checklists!.saveDefinition({ cardType: 'contact', text: 'Weg', category: 'A', order: 2, mode: 'editable', modeByStatus: {} });
      await adapter.checklists!.setState(contact.id, item.id, 0, { done: true });
      await adapter.checklists!.deleteDefinition(item.id, item.version);
      equal((await adapter.checklists!.definitions('contact')).map((d) => d.text), ['Alleen lezen'], 'deleted item hidden');
      equal((await adapter.checklists!.definitions('contact', { includeDeleted: true })).length, 2, 'deleted item kept');
      check((await adapter.timeline.all(contact.id)).some((e) => e.kind === 'checklist' && e.subject === 'Weg'), 'history kept');
    }));

    test("an item's mode comes from the stored card, not from the status the caller names", withAdapter(async (adapter, world) => {
      const [contact] = await world.contacts(1);
      // A contact card stores no status beside archived, so the strictest mode of the statuses
      // it may be in applies: naming a status, or leaving it out, does not make an item editable.
      const item = await adapter.checklists!.saveDefinition({ cardType: 'contact', text: 'Alleen actief', category: 'A', order: 1, mode: 'read-only', modeByStatus: { actief: 'editable' } });
      await rejectsWith(adapter.checklists!.setState(contact.id, item.id, 0, { done: true }), 'permission', 'no status: read-only');
      await rejectsWith(adapter.checklists!.setState(contact.id, item.id, 0, { done: true, status: 'actief' }), 'permission', 'a named status is not taken on trust');
      const strict = await adapter.checklists!.saveDefinition({ cardType: 'contact', text: 'Niet bij inactief', category: 'A', order: 2, mode: 'editable', modeByStatus: { inactief: 'read-only' } });
      await rejectsWith(adapter.checklists!.setState(contact.id, strict.id, 0, { done: true }), 'permission', 'leaving the status out does not escape its read-only status');
      // A mode for archived cards does not apply to an active one.
      const open = await adapter.checklists!.saveDefinition({ cardType: 'contact', text: 'Tot archivering', category: 'A', order: 3, mode: 'editable', modeByStatus: { archived: 'read-only' } });
      equal((await adapter.checklists!.setState(contact.id, open.id, 0, { done: true })).done, true, 'editable while the contact is active');
    }));

    test('hidden items and their states are not sent to those who only use the checklist', withAdapter(async (adapter, world) => {
      const [contact] = await world.contacts(1);
      const shown = await adapter.checklists!.saveDefinition({ cardType: 'contact', text: 'Zichtbaar', category: 'A', order: 1, mode: 'editable', modeByStatus: {} });
      const secret = await adapter.checklists!.saveDefinition({ cardType: 'contact', text: 'Geheim', category: 'A', order: 2, mode: 'editable', modeByStatus: {} });
      await adapter.checklists!.setState(contact.id, shown.id, 0, { done: true });
      await adapter.checklists!.setState(contact.id, secret.id, 0, { done: true, note: 'Vertrouwelijk' });
      await adapter.checklists!.saveDefinition({ ...secret, mode: 'hidden' });
      adapter.session.setUser(WRITER);
      equal((await adapter.checklists!.definitions('contact')).map((d) => d.text), ['Zichtbaar'], 'a hidden item is not sent');
      equal((await adapter.checklists!.states(contact.id)).map((s) => s.itemId), [shown.id], "a hidden item's state is not sent");
      adapter.session.setUser(ADMIN);
      equal((await adapter.checklists!.definitions('contact')).map((d) => d.text), ['Zichtbaar', 'Geheim'], 'a manager sees every item to manage it');
      equal((await adapter.checklists!.states(contact.id)).map((s) => s.itemId), [shown.id], 'no state of a hidden item, for anyone');
    }));

    test('managing the lookup list needs the manage right', withAdapter(async (adapter) => {
      adapter.session.setUser(WRITER);
      await rejectsWith(adapter.checklists!.saveDefinition({ cardType: 'contact', text: 'x', category: '', order: 1, mode: 'editable', modeByStatus: {} }), 'permission', 'writer manages');
    }));
  });

  group('templates', 'templates', () => {
    test('lists the templates the role may use and fills merge fields, leaving unknown ones visible', withAdapter(async (adapter, world) => {
      const relation = await world.relation('Drukkerij Van Dam');
      const contact = await adapter.contacts.create({ relationId: relation.id, firstName: 'Eva', infix: 'van', lastName: 'Dam' });
      equal((await adapter.templates!.list()).map((t) => t.id).sort(), ['tpl-admin', 'tpl-welcome'], 'admin sees both');
      const entry = await adapter.templates!.createDocument(contact.id, 'tpl-welcome');
      equal(entry.subject, 'Welkom Eva', 'subject filled');
      check(entry.body.includes('Beste Eva van Dam,'), 'full name filled');
      check(entry.body.includes('Drukkerij Van Dam'), 'relation filled');
      check(entry.body.includes('{{contact.unknownField}}'), 'unknown field left visible');
      check((await adapter.timeline.all(contact.id)).some((e) => e.id === entry.id && e.kind === 'letter'), 'recorded in the overview');
      adapter.session.setUser(WRITER);
      equal((await adapter.templates!.list()).map((t) => t.id), ['tpl-welcome'], 'writer sees only the open template');
      await rejectsWith(adapter.templates!.createDocument(contact.id, 'tpl-admin'), 'permission', 'template of another role');
    }));
  });

  group('reports', 'reports', () => {
    test('counts activity per kind per month and summarises a contact', withAdapter(async (adapter, world) => {
      const [contact] = await world.contacts(1);
      const at = (m: number, d: number) => new Date(Date.UTC(2024, m, d)).toISOString();
      await adapter.timeline.add({ contactId: contact.id, kind: 'call', subject: 'a', body: '', occurredAt: at(0, 5) });
      await adapter.timeline.add({ contactId: contact.id, kind: 'call', subject: 'b', body: '', occurredAt: at(0, 9) });
      await adapter.timeline.add({ contactId: contact.id, kind: 'email', subject: 'c', body: '', occurredAt: at(2, 1) });
      const ids = (await adapter.reports!.list()).map((r) => r.id);
      check(ids.includes('activity') && ids.includes('summary'), 'both built-in reports listed');
      const activity = await adapter.reports!.run('activity', contact.id);
      equal(activity.months, ['2024-01', '2024-02', '2024-03'], 'months, gaps included');
      equal(activity.counts.call, [2, 0, 0], 'calls per month');
      equal(activity.counts.email, [0, 0, 1], 'e-mails per month');
      const summary = await adapter.reports!.run('summary', contact.id);
      equal([summary.contact.id, summary.entryCount], [contact.id, 3], 'summary');
      await rejectsWith(adapter.reports!.run('no-such-report', contact.id), 'not-found', 'unknown report');
    }));

    test('months of the activity report are YYYY-MM, gaps included, from the earliest date an entry may carry', withAdapter(async (adapter, world) => {
      const [contact] = await world.contacts(1);
      await adapter.timeline.add({ contactId: contact.id, kind: 'note', subject: 'Oud', body: '', occurredAt: '1900-01-15T12:00:00.000Z' });
      await adapter.timeline.add({ contactId: contact.id, kind: 'call', subject: 'Later', body: '', occurredAt: '1901-03-02T12:00:00.000Z' });
      const activity = await adapter.reports!.run('activity', contact.id);
      equal([activity.months[0], activity.months.at(-1), activity.months.length], ['1900-01', '1901-03', 15], 'fifteen months');
      check(activity.months.every((month) => /^\d{4}-(0[1-9]|1[0-2])$/.test(month)), 'every month as YYYY-MM');
      equal([activity.counts.note[0], activity.counts.call[14]], [1, 1], 'each entry in its month');
    }));
  });

  group('preferences', 'preferences', () => {
    test('stores choices per user and card type', withAdapter(async (adapter) => {
      equal(await adapter.preferences!.get('contact'), {}, 'nothing stored yet');
      await adapter.preferences!.set('contact', { buttons: ['save', 'undo'], detailTabs: ['personal'] });
      equal(await adapter.preferences!.get('contact'), { buttons: ['save', 'undo'], detailTabs: ['personal'] }, 'read back');
      adapter.session.setUser(WRITER);
      equal(await adapter.preferences!.get('contact'), {}, 'other user');
    }));

    test('needs the preferences right, a known card type, and stays small', withAdapter(async (adapter) => {
      await rejectsWith(adapter.preferences!.set('no-such-card', { buttons: ['save'] }), 'validation', 'an unknown card type');
      await rejectsWith(adapter.preferences!.get('no-such-card'), 'validation', 'reading an unknown card type');
      await rejectsWith(adapter.preferences!.set('contact', { buttons: Array.from({ length: 51 }, (_, i) => `b${i}`) }), 'validation', '51 buttons');
      await rejectsWith(adapter.preferences!.set('contact', { detailTabs: ['x'.repeat(101)] }), 'validation', 'a name of 101 characters');
      equal(await adapter.preferences!.set('contact', { buttons: Array.from({ length: 50 }, (_, i) => `b${i}`.padEnd(100, 'x')) }).then((p) => p.buttons?.length), 50, '50 names of 100 characters');
      adapter.session.setUser(VIEWER);
      equal(adapter.session.can('preferences'), false, 'can(preferences)');
      await rejectsWith(adapter.preferences!.set('contact', { buttons: ['save'] }), 'permission', 'without the right');
      equal(await adapter.preferences!.get('contact'), {}, 'reading its own (none) is allowed');
    }));
  });
}

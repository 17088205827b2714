// The kit's tests of contacts, run on every adapter by `runAdapterConformance`.
import type { NewContact } from '../data/contract/adapter.js';
import { LiftDataError } from '../data/contract/errors.js';
import { CONTACT_FIELDS, type Contact, type ContactField } from '../data/contract/model.js';
import { CONTACT_LIMITS } from '../data/contract/validation.js';
import { fullName } from '../data/contract/text.js';
import { ADMIN, allPages, check, equal, rejectsWith, tick, type Group, type Test, type WithAdapter } from './support.js';

/** Contacts: creating, reading, saving against versions, validation, lists, archiving and copies. */
export function contactTests(group: Group, test: Test, withAdapter: WithAdapter): void {
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

    test('a missing id, or one that is not text, is the caller\'s mistake and never storage out of reach', withAdapter(async (adapter, world) => {
      const [contact] = await world.contacts(1);
      const error = await rejectsWith(adapter.contacts.create({ firstName: 'Zonder', lastName: 'Relatie' } as NewContact), 'validation', 'a contact without its relation');
      equal(error.fields?.relationId, 'required', 'relationId named as required');
      // `unavailable` would have elements offer to try again later, which brings no id. Over HTTP an
      // id that is not text travels in the address as text ("undefined", "42"), which no contact
      // has: `not-found` answers that as well.
      for (const id of [undefined, null, 42, {}]) {
        const failure = await adapter.contacts.get(id as unknown as string).then(() => undefined, (reason: unknown) => reason);
        const code = LiftDataError.is(failure) ? failure.code : String(failure);
        check(code === 'validation' || code === 'not-found', `get(${JSON.stringify(id)}): expected validation or not-found, got ${code}`);
      }
      // A relation filter that is not text matches no contact where it is compared (or travels as text).
      const filtered = await adapter.contacts.list({ relationId: {} as string }).then(
        (page) => page.items.length,
        (reason: unknown) => (LiftDataError.is(reason) ? reason.code : String(reason)),
      );
      check(filtered === 'validation' || filtered === 0, `a relation filter that is not text: expected validation or no contacts, got ${filtered}`);
      equal((await adapter.contacts.list()).items.map((c) => c.id), [contact.id], 'nothing stored');
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
      // Letters that carry no separate accent are found by their plain spelling too.
      const others = [['Ayşe', 'Yılmaz', 'yilmaz'], ['Søren', 'Ørsted', 'soren orsted'], ['Michał', 'Łukasiewicz', 'michal lukasiewicz'], ['Jörg', 'Straße', 'strasse'], ['Ĳsbrand', 'Æbeltoft', 'ijsbrand aebeltoft']];
      for (const [firstName, lastName, text] of others) {
        const made = await adapter.contacts.create({ relationId: garage.id, firstName, lastName });
        equal(await ids({ text }), [made.id], `${firstName} ${lastName} found as "${text}"`);
      }
      // An apostrophe typed straight finds one written curly (as phones and word processors do), and the other way round.
      const kees = await adapter.contacts.create({ relationId: garage.id, firstName: 'Kees', infix: "in 't", lastName: 'Veld' });
      const siobhan = await adapter.contacts.create({ relationId: garage.id, firstName: 'Siobhan', lastName: 'O’Brien' });
      equal(await ids({ text: 'kees in ’t veld' }), [kees.id], 'a curly apostrophe finds a straight one');
      equal(await ids({ text: "o'brien" }), [siobhan.id], 'a straight apostrophe finds a curly one');
      equal(await ids({ text: 'anne bakkerij' }), [anne.id], 'every word must match');
      equal(await ids({ text: 'anne noord' }), [], 'one word of two is not a match (each contact has one of them)');
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

    test('archives only for true or false; any other value is refused by name and nothing is stored', withAdapter(async (adapter, world) => {
      const [contact] = await world.contacts(1);
      for (const archived of ['false', 'true', 1, 0, null]) {
        const error = await rejectsWith(adapter.contacts.setArchived(contact.id, 1, archived as unknown as boolean), 'validation', `archived as ${JSON.stringify(archived)}`);
        equal(error.fields?.archived, 'type', `${JSON.stringify(archived)} named as no true or false`);
      }
      const kept = await adapter.contacts.get(contact.id);
      equal([kept.archived, kept.version], [false, 1], 'nothing stored');
      equal((await adapter.contacts.list()).items.map((c) => c.id), [contact.id], 'still listed as active');
      equal((await adapter.contacts.update(contact.id, 1, { jobTitle: 'Inkoper' })).version, 2, 'and still saved as active');
      check(!(await adapter.timeline.all(contact.id)).some((e) => e.change?.field === 'archived'), 'no change of archived recorded');
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

    test('a copy from a stale version is refused with conflict, and nothing is copied or archived', withAdapter(async (adapter, world) => {
      const [original] = await world.contacts(1);
      const changed = await adapter.contacts.update(original.id, 1, { jobTitle: 'Inkoper' });
      const target = await world.relation('Nieuwe Werkgever');
      const entries = await adapter.timeline.count(original.id);
      await rejectsWith(adapter.contacts.copy(original.id, { relationId: target.id, archiveOriginal: true, expectedVersion: 1 }), 'conflict', 'a copy that archives, from version 1');
      await rejectsWith(adapter.contacts.copy(original.id, { relationId: target.id, expectedVersion: 1 }), 'conflict', 'a copy from version 1');
      const kept = await adapter.contacts.get(original.id);
      equal([kept.archived, kept.version, kept.jobTitle], [false, changed.version, 'Inkoper'], 'the original as it was');
      equal((await adapter.contacts.list({ includeArchived: true })).items.map((c) => c.id), [original.id], 'no copy made');
      equal(await adapter.timeline.count(original.id), entries, 'nothing recorded in its overview');
    }));

    test('a copy takes the e-mail and phone given for the new relation, validated as a save is; each overview names the other contact', withAdapter(async (adapter, world) => {
      const [original] = await world.contacts(1);
      const target = await world.relation('Nieuwe Werkgever');
      await rejectsWith(adapter.contacts.copy(original.id, { relationId: target.id, details: { email: 'geen adres' } }), 'validation', 'a copy with a malformed e-mail');
      const details = { email: 'nieuw@werkgever.nl', phone: '+31 20 123 4567' };
      const { copy } = await adapter.contacts.copy(original.id, { relationId: target.id, details });
      equal([copy.email, copy.phone, copy.lastName], [details.email, details.phone, original.lastName], 'the new e-mail and phone, the other details copied');
      equal((await adapter.contacts.get(original.id)).email, original.email, 'the original keeps its e-mail');
      const from = (await adapter.timeline.all(copy.id)).find((e) => e.change?.field === 'copiedFrom');
      const to = (await adapter.timeline.all(original.id)).find((e) => e.change?.field === 'copiedTo');
      const source = await adapter.relations.get(original.relationId);
      equal(from?.body, `${fullName(original)} (${source.name})`, 'the copy names the original and its relation');
      equal(to?.body, `${fullName(copy)} (Nieuwe Werkgever)`, 'the original names the copy and its relation');
    }));
  });
}

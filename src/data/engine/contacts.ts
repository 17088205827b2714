import type { ContactQuery, ContactsApi, DataChange, NewContact, RelationQuery, RelationsApi } from '../contract/adapter.js';
import { newId } from '../contract/ids.js';
import { CONTACT_FIELDS, RELATION_KINDS, type Contact, type ContactDetails, type FieldChange, type Id, type Relation } from '../contract/model.js';
import { fold, fullName } from '../contract/text.js';
import { emptyDetails, validateContact } from '../contract/validation.js';
import { getContact, keysetPage, writableContact, type Engine } from './engine.js';
import { existing, expectActive, expectVersion, fail, LIMITS, requireId, requireString, searchWords, strip } from './rules.js';
import type { ScanWhere, StoredRecord, StoreTransaction } from './store.js';

/** A contact as stored: with the folded text contact search matches against. */
export function contactRecord(contact: Contact, relationName: string): StoredRecord {
  return { ...contact, _search: fold(`${fullName(contact)} ${contact.email} ${relationName}`) };
}

/** A field change to record; `text` is what the entry says when "old → new" would say less. */
type RecordedChange = FieldChange & { text?: string };

async function recordFieldChanges(engine: Engine, tx: StoreTransaction, contactId: Id, fieldChanges: RecordedChange[], at: string, changes: DataChange[]) {
  for (const { text, ...change } of fieldChanges) {
    const entry = engine.entry({ contactId, kind: 'change', subject: change.field, body: text ?? `${change.old} → ${change.new}`, change, occurredAt: at });
    await tx.put('timeline', entry as unknown as StoredRecord);
    engine.change(changes, 'created', 'timeline', [entry.id], contactId);
  }
}

/** Relations: read within the reader's rights, created by editors. */
export function relationsApi(engine: Engine): RelationsApi {
  return {
    get: (id, options) =>
      engine.read(['relations'], options, async (tx) => {
        engine.mayRead();
        const relation = await existing(tx, 'relations', id, 'relation');
        engine.mayRead(relation.archived);
        return strip<Relation>(relation);
      }),
    list: (query: RelationQuery = {}) =>
      engine.read(['relations'], query, async (tx) => {
        const words = searchWords(query.text);
        engine.mayRead(query.includeArchived);
        return keysetPage<Relation>(tx, 'relations', 'byName', [], query, {
          ...(query.includeArchived ? {} : { notTrue: 'archived' }),
          ...(query.kind ? { oneOf: { field: 'kind', values: [query.kind] } } : {}),
          words: { field: '_sortName', words },
        });
      }),
    create: async (input) => {
      engine.require('edit', 'create relations');
      const name = requireString(input?.name, 'name', LIMITS.relationName).trim();
      if (!RELATION_KINDS.includes(input.kind)) fail('validation', `Unknown relation kind ${String(input.kind)}.`, { fields: { kind: input.kind === undefined ? 'required' : 'type' } });
      const at = engine.timestamp();
      const relation: Relation = { id: newId(), kind: input.kind, name, archived: false, createdAt: at, updatedAt: at, version: 1 };
      return engine.write(['relations'], async (tx, changes) => {
        await tx.put('relations', { ...relation, _sortName: fold(name) });
        engine.change(changes, 'created', 'relation', [relation.id]);
        return relation;
      });
    },
  };
}

/** Contacts: reads, validated saves against their version, archiving and copies, each save recorded in the overview. */
export function contactsApi(engine: Engine): ContactsApi {
  return {
    get: (id, options) =>
      engine.read(['contacts'], options, async (tx) => {
        engine.mayRead();
        const contact = await getContact(tx, id);
        engine.mayRead(contact.archived);
        return strip<Contact>(contact);
      }),

    list: (query: ContactQuery = {}) =>
      engine.read(['contacts'], query, async (tx) => {
        const words = searchWords(query.text);
        engine.mayRead(query.includeArchived);
        const where: ScanWhere = { ...(query.includeArchived ? {} : { notTrue: 'archived' }), words: { field: '_search', words } };
        return query.relationId
          ? keysetPage<Contact>(tx, 'contacts', 'byRelation', [query.relationId], query, where)
          : keysetPage<Contact>(tx, 'contacts', 'byUpdated', [], query, where);
      }),

    create: async (input: NewContact) => {
      engine.require('edit', 'create contacts');
      const relationId = requireId(input?.relationId, 'relationId');
      const details = { ...emptyDetails() };
      const given = Object.keys(input ?? {}).filter((k) => k !== 'relationId');
      const problems = validateContact({ ...details, ...input }, [...new Set([...given, 'lastName'])]);
      if (Object.keys(problems).length) fail('validation', `Check ${Object.keys(problems).join(', ')}.`, { fields: problems });
      for (const field of CONTACT_FIELDS) if (typeof input[field] === 'string') details[field] = input[field]!;
      return engine.write(['relations', 'contacts'], async (tx, changes) => {
        const relation = await existing(tx, 'relations', relationId, 'relation');
        const at = engine.timestamp();
        const contact: Contact = { ...details, id: newId(), relationId, archived: false, createdAt: at, updatedAt: at, version: 1 };
        await tx.put('contacts', contactRecord(contact, relation.name as string));
        engine.change(changes, 'created', 'contact', [contact.id]);
        return contact;
      });
    },

    update: async (id, expectedVersion, updates) => {
      engine.require('edit', 'edit contacts');
      const fields = Object.keys(updates ?? {});
      const problems = validateContact(updates ?? {}, fields);
      if (Object.keys(problems).length) fail('validation', `Check ${Object.keys(problems).join(', ')}.`, { fields: problems });
      return engine.write(['contacts', 'relations', 'timeline'], async (tx, changes) => {
        const current = await writableContact(engine, tx, id);
        expectVersion(current, expectedVersion, 'contact');
        expectActive(current);
        const fieldChanges: FieldChange[] = fields
          .filter((f) => current[f] !== updates[f as keyof ContactDetails])
          .map((f) => ({ field: f, old: String(current[f] ?? ''), new: String(updates[f as keyof ContactDetails]) }));
        if (!fieldChanges.length) return strip<Contact>(current);
        const at = engine.timestamp();
        const next = { ...strip<Contact>(current), ...updates, updatedAt: at, version: expectedVersion + 1 };
        const relation = await tx.get('relations', next.relationId);
        await tx.put('contacts', contactRecord(next, (relation?.name as string) ?? ''));
        engine.change(changes, 'updated', 'contact', [id]);
        await recordFieldChanges(engine, tx, id, fieldChanges, at, changes);
        return next;
      });
    },

    setArchived: async (id, expectedVersion, archived) => {
      engine.require('archive', archived ? 'archive contacts' : 'unarchive contacts');
      // Stored as given it would pass for active in lists (not `true`) yet fail every save as archived (truthy).
      if (typeof archived !== 'boolean') fail('validation', `archived must be true or false, not ${String(archived)}.`, { fields: { archived: archived === undefined ? 'required' : 'type' } });
      return engine.write(['contacts', 'timeline'], async (tx, changes) => {
        const current = await writableContact(engine, tx, id);
        expectVersion(current, expectedVersion, 'contact');
        if (current.archived === archived) return strip<Contact>(current);
        const at = engine.timestamp();
        const next = { ...current, archived, updatedAt: at, version: expectedVersion + 1 };
        await tx.put('contacts', next);
        engine.change(changes, 'updated', 'contact', [id]);
        await recordFieldChanges(engine, tx, id, [{ field: 'archived', old: String(!archived), new: String(archived) }], at, changes);
        return strip<Contact>(next);
      });
    },

    copy: async (id, options) => {
      engine.require('copy', 'copy contacts');
      if (!options || typeof options !== 'object') fail('validation', 'A copy needs the relation it goes to.', { fields: { relationId: 'required' } });
      requireId(options.relationId, 'relationId');
      if (options.archiveOriginal) engine.require('archive', 'archive the original');
      const given = options.details ?? {};
      const problems = validateContact(given, Object.keys(given));
      if (Object.keys(problems).length) fail('validation', `Check ${Object.keys(problems).join(', ')}.`, { fields: problems });
      return engine.write(['contacts', 'relations', 'timeline'], async (tx, changes) => {
        const original = await writableContact(engine, tx, id);
        expectVersion(original, options.expectedVersion, 'contact', true);
        const relation = await existing(tx, 'relations', options.relationId, 'relation');
        const at = engine.timestamp();
        const details = Object.fromEntries(CONTACT_FIELDS.map((f) => [f, given[f] ?? original[f] ?? ''])) as ContactDetails;
        const copy: Contact = { ...details, id: newId(), relationId: options.relationId, archived: false, createdAt: at, updatedAt: at, version: 1 };
        await tx.put('contacts', contactRecord(copy, relation.name as string));
        engine.change(changes, 'created', 'contact', [copy.id]);
        let updatedOriginal = strip<Contact>(original);
        const originalRelation = ((await tx.get('relations', updatedOriginal.relationId))?.name as string | undefined) ?? '';
        // Each overview names the other contact (name and relation), not its id alone.
        const named = (contact: Contact, relationName: string) => (relationName ? `${fullName(contact)} (${relationName})` : fullName(contact));
        const originalChanges: RecordedChange[] = [{ field: 'copiedTo', old: '', new: copy.id, text: named(copy, relation.name as string) }];
        if (options.archiveOriginal && !original.archived) {
          updatedOriginal = { ...updatedOriginal, archived: true, updatedAt: at, version: (original.version as number) + 1 };
          await tx.put('contacts', contactRecord(updatedOriginal, originalRelation));
          engine.change(changes, 'updated', 'contact', [id]);
          originalChanges.push({ field: 'archived', old: 'false', new: 'true' });
        }
        await recordFieldChanges(engine, tx, id, originalChanges, at, changes);
        await recordFieldChanges(engine, tx, copy.id, [{ field: 'copiedFrom', old: '', new: id, text: named(updatedOriginal, originalRelation) }], at, changes);
        return { copy, original: updatedOriginal };
      });
    },
  };
}

import type { LiftAdapter, NewContact } from '../src/data/contract/adapter.js';
import type { Contact, Relation, RelationKind } from '../src/data/contract/model.js';
import { seedDemoData, type DemoDataOptions, type DemoDataResult } from '../src/data/demo/demo-data.js';
import type { IndexedDbAdapter } from '../src/data/adapters/indexeddb-adapter.js';
import { freshIndexedDbAdapter } from './db.js';

// The data the suites start from, written once: no element is imported here, so a suite that
// tests one element alone does not load the others by using it.

/** A seeded demo world on a database of its own: relations of every kind, templates, roles. */
export async function demoWorld(options: DemoDataOptions = { contacts: 6, entriesPerContact: 6 }): Promise<{
  adapter: IndexedDbAdapter;
  seeded: DemoDataResult;
}> {
  const adapter = freshIndexedDbAdapter();
  return { adapter, seeded: await seedDemoData(adapter, options) };
}

/** A relation named `name` (a client unless `kind` says otherwise) with one contact of `details`. */
export async function oneContact<A extends LiftAdapter>(
  adapter: A,
  name: string,
  details: Omit<NewContact, 'relationId'>,
  kind: RelationKind = 'client',
): Promise<{ adapter: A; relation: Relation; contact: Contact }> {
  const relation = await adapter.relations.create({ kind, name });
  const contact = await adapter.contacts.create({ ...details, relationId: relation.id });
  return { adapter, relation, contact };
}

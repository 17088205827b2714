import type { LiftAdapter, NewContact } from '../src/data/contract/adapter.js';
import type { Contact, Relation, RelationKind, TimelineEntry } from '../src/data/contract/model.js';
import { MemoryAdapter } from '../src/data/adapters/memory-adapter.js';
import type { StoredRecord } from '../src/data/engine/store.js';
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

/** A contact (Mila Kok at Studio Noord) with `count` e-mails, one a day back from `newest`, "Onderwerp 0" the newest. */
export async function longHistory(count: number, newest = Date.UTC(2026, 10, 1, 12)): Promise<{ adapter: MemoryAdapter; contact: Contact }> {
  const adapter = new MemoryAdapter();
  const { contact } = await oneContact(adapter, 'Studio Noord', { firstName: 'Mila', lastName: 'Kok' });
  const entries: TimelineEntry[] = Array.from({ length: count }, (_, i) => ({
    id: `t-${String(i).padStart(6, '0')}`,
    contactId: contact.id,
    kind: 'email',
    subject: `Onderwerp ${i}`,
    body: 'Regel',
    author: 'Pieter Jansen',
    occurredAt: new Date(newest - i * 86_400_000).toISOString(),
  }));
  await adapter.importRecords({ timeline: entries as unknown as StoredRecord[] });
  return { adapter, contact };
}

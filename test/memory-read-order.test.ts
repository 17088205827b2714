import { expect } from '@open-wc/testing';
import type { LiftAdapter } from '../src/data/contract/adapter.js';
import { MemoryAdapter } from '../src/data/adapters/memory-adapter.js';
import { dropDatabases, freshIndexedDbAdapter } from './db.js';
import { oneContact } from './worlds.js';

// MemoryAdapter stands in for IndexedDbAdapter in a host's tests: a read started right after a
// write, not waiting for it, answers what IndexedDB answers (the written record).

afterEach(dropDatabases);

const makers: [string, () => LiftAdapter][] = [
  ['IndexedDbAdapter', () => freshIndexedDbAdapter()],
  ['MemoryAdapter', () => new MemoryAdapter()],
];

describe('a read started while a write is on its way', () => {
  for (const [name, make] of makers) {
    it(`answers the written record (${name})`, async () => {
      const adapter = make();
      const { contact } = await oneContact(adapter, 'Studio Noord', { firstName: 'Julia', lastName: 'Visser' });
      const saving = adapter.contacts.update(contact.id, contact.version, { jobTitle: 'Inkoper' });
      const read = adapter.contacts.get(contact.id);
      const [saved, got] = await Promise.all([saving, read]);
      expect([got.version, got.jobTitle]).to.deep.equal([saved.version, 'Inkoper']);
    });
  }
});

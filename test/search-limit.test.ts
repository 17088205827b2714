import { expect } from '@open-wc/testing';
import { MemoryAdapter } from '../src/data/adapters/memory-adapter.js';
import type { LiftAdapter } from '../src/data/contract/adapter.js';
import { LiftDataError } from '../src/data/contract/errors.js';
import { dropDatabases, freshIndexedDbAdapter } from './db.js';
import { act, dialog, inDialog, mount, world } from './dialog-helpers.js';
import { oneContact } from './worlds.js';

// A contact or relation search is at most 200 characters on every adapter (the team server
// refuses a longer one too), and the card's search boxes take no more.

/** What a list answers: the names found, or the error's code and fields. */
async function answer(list: Promise<{ items: unknown[] }>) {
  try {
    return { found: (await list).items.length };
  } catch (error) {
    expect(error, String(error)).to.be.instanceOf(LiftDataError);
    return { code: (error as LiftDataError).code, fields: (error as LiftDataError).fields };
  }
}

describe('search text limit', () => {
  afterEach(() => dropDatabases());

  for (const [name, make] of [
    ['MemoryAdapter', () => new MemoryAdapter()],
    ['IndexedDbAdapter', () => freshIndexedDbAdapter()],
  ] as const) {
    it(`${name} refuses a contact or relation search over 200 characters as too-long, and answers one of 200`, async () => {
      const { adapter } = await oneContact<LiftAdapter>(make(), 'Drukkerij Van Dam', { firstName: 'Eva', lastName: 'Dam' });
      const tooLong = { code: 'validation', fields: { text: 'too-long' } };
      expect(await answer(adapter.contacts.list({ text: 'd'.repeat(201) })), 'contacts, 201 characters').to.deep.equal(tooLong);
      expect(await answer(adapter.relations.list({ text: 'd'.repeat(201) })), 'relations, 201 characters').to.deep.equal(tooLong);
      expect(await answer(adapter.contacts.list({ text: 'd'.repeat(200) })), 'contacts, 200 characters').to.deep.equal({ found: 0 });
      expect(await answer(adapter.relations.list({ text: 'd'.repeat(200) })), 'relations, 200 characters').to.deep.equal({ found: 0 });
      expect(await answer(adapter.contacts.list({ text: 'Dam' })), 'a short search still finds').to.deep.equal({ found: 1 });
    });
  }

  for (const action of ['search', 'copy'] as const) {
    it(`the card’s ${action} dialog takes at most 200 characters in its search box`, async () => {
      const { adapter, contact } = await world();
      const el = await mount(adapter, contact.id);
      await act(el, { action });
      const input = inDialog<HTMLInputElement>(el, '[role="combobox"]');
      expect(input, 'the search box').to.exist;
      expect(input!.maxLength, 'its maxlength').to.equal(200);
      dialog(el).close();
    });
  }
});

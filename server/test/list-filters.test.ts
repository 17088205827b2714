/**
 * A list filter sent empty (`?relationId=`, `?kind=`, as HttpAdapter sends an empty string) is no
 * filter, as in the embedded adapters: the whole list, not a 400.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { MemoryAdapter } from '../../src/data/adapters/memory-adapter.js';
import { startServer, suiteSpaces, type ServerProcess } from './helpers.js';

describe('empty list filters', () => {
  let server: ServerProcess;
  const suite = suiteSpaces(() => server.url);
  before(async () => {
    server = await startServer('lift_node_list_filters');
  });
  after(() => suite.cleanUp());

  it('GET /contacts?relationId= and /relations?kind= answer the whole list', async () => {
    const space = await suite.newSpace();
    const made: string[] = [];
    for (const [kind, name] of [['client', 'Drukkerij Van Dam'], ['supplier', 'Papierhandel Noord']]) {
      const relation = await space.api('u-anna', 'POST', '/relations', { body: { kind, name } });
      assert.equal(relation.status, 201, relation.text);
      const contact = await space.api('u-anna', 'POST', '/contacts', { body: { relationId: relation.body.id, lastName: name.split(' ').at(-1) } });
      assert.equal(contact.status, 201, contact.text);
      made.push(contact.body.id);
    }
    const contacts = await space.api('u-anna', 'GET', '/contacts?relationId=');
    assert.equal(contacts.status, 200, contacts.text);
    assert.deepEqual(contacts.body.items.map((c: { id: string }) => c.id).sort(), made.sort(), 'every contact');
    const relations = await space.api('u-anna', 'GET', '/relations?kind=');
    assert.equal(relations.status, 200, relations.text);
    assert.deepEqual(relations.body.items.map((r: { name: string }) => r.name), ['Drukkerij Van Dam', 'Papierhandel Noord'], 'every relation');
    // Only empty is no filter: a kind the server does not know is still refused by name.
    const unknown = await space.api('u-anna', 'GET', '/relations?kind=partner');
    assert.equal(unknown.status, 400, unknown.text);
    assert.deepEqual(unknown.body.fields, { kind: 'invalid' });
  });

  it('HttpAdapter lists with an empty relationId or kind what MemoryAdapter lists', async () => {
    const space = await suite.newSpace();
    const http = await space.connect('u-anna');
    const memory = new MemoryAdapter();
    for (const adapter of [http, memory]) {
      const relation = await adapter.relations.create({ kind: 'client', name: 'Drukkerij Van Dam' });
      await adapter.contacts.create({ relationId: relation.id, lastName: 'Dam' });
      await adapter.relations.create({ kind: 'supplier', name: 'Papierhandel Noord' });
    }
    const lists = async (adapter: typeof http | typeof memory) => ({
      contacts: (await adapter.contacts.list({ relationId: '' })).items.map((c) => c.lastName),
      // An empty kind is no RelationKind; a host's form may still send one.
      relations: (await adapter.relations.list({ kind: '' as never })).items.map((r) => r.name),
    });
    const expected = await lists(memory);
    assert.deepEqual(expected, { contacts: ['Dam'], relations: ['Drukkerij Van Dam', 'Papierhandel Noord'] });
    assert.deepEqual(await lists(http), expected);
  });
});

/**
 * The team server refuses bad input with the reasons the embedded adapters give: the same
 * `fields` (field name and ValidationCode) from HttpAdapter against this server as from a
 * MemoryAdapter, whether the route's JSON schema or the shared engine refused it.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { MemoryAdapter } from '../../src/data/adapters/memory-adapter.js';
import type { LiftAdapter as DataAdapter } from '../../src/data/contract/adapter.js';
import { startServer, suiteSpaces, type ServerProcess } from './helpers.js';

/** A relation and a contact to refuse things about. */
async function seed(adapter: DataAdapter) {
  const relation = await adapter.relations.create({ kind: 'client', name: 'Drukkerij Van Dam' });
  const contact = await adapter.contacts.create({ relationId: relation.id, firstName: 'Eva', lastName: 'Dam' });
  return { relation, contact };
}

type World = Awaited<ReturnType<typeof seed>>;

/** Each bad input, and the fields the engine names for it. */
const CASES: [string, (adapter: DataAdapter, world: World) => Promise<unknown>, Record<string, string>][] = [
  ['an unknown field on create', (a, w) => a.contacts.create({ relationId: w.relation.id, lastName: 'Dam', nickname: 'Eef' } as never), { nickname: 'unknown-field' }],
  ['an unknown field on save', (a, w) => a.contacts.update(w.contact.id, w.contact.version, { nickname: 'Eef' } as never), { nickname: 'unknown-field' }],
  ['an unknown field in a copy', (a, w) => a.contacts.copy(w.contact.id, { relationId: w.relation.id, details: { nickname: 'Eef' } as never }), { nickname: 'unknown-field' }],
  ['an empty relationId on create', (a) => a.contacts.create({ relationId: '', lastName: 'Dam' }), { relationId: 'required' }],
  ['an empty relationId on copy', (a, w) => a.contacts.copy(w.contact.id, { relationId: '' }), { relationId: 'required' }],
  ['an unknown relation kind', (a) => a.relations.create({ kind: 'partner' as never, name: 'Nieuw' }), { kind: 'type' }],
  ['an unknown work kind', (a, w) => a.work!.create({ kind: 'deal' as never, contactId: w.contact.id, title: 'Offerte' }), { kind: 'type' }],
  ['an unknown entry kind', (a, w) => a.timeline.add({ contactId: w.contact.id, kind: 'chat' as never, subject: 'Groet', body: 'Hallo' }), { kind: 'type' }],
  ['a bad direction', (a, w) => a.timeline.add({ contactId: w.contact.id, kind: 'call', subject: 'Groet', body: 'Hallo', direction: 'sideways' as never }), { direction: 'type' }],
  ['a missing name', (a) => a.relations.create({ kind: 'client' } as never), { name: 'required' }],
  ['a missing subject', (a, w) => a.timeline.add({ contactId: w.contact.id, kind: 'note', body: 'Hallo' } as never), { subject: 'required' }],
  ['a missing entry text', (a, w) => a.timeline.add({ contactId: w.contact.id, kind: 'note', subject: 'Groet' } as never), { body: 'required' }],
  ['a missing title', (a, w) => a.work!.create({ kind: 'lead', contactId: w.contact.id } as never), { title: 'required' }],
  ['a button name too long', (a) => a.preferences!.set('contact', { buttons: ['x'.repeat(101)] }), { buttons: 'too-long' }],
  ['too many button names', (a) => a.preferences!.set('contact', { buttons: Array.from({ length: 51 }, (_, i) => `b${i}`) }), { buttons: 'too-long' }],
  ['a button name that is no text', (a) => a.preferences!.set('contact', { buttons: [7 as never] }), { buttons: 'type' }],
  ['a page limit that is no whole number', (a) => a.contacts.list({ limit: 1.5 }), { limit: 'type' }],
  ['a negative page limit', (a) => a.relations.list({ limit: -1 }), { limit: 'type' }],
  ['a contact search over 200 characters', (a) => a.contacts.list({ text: 'x'.repeat(201) }), { text: 'too-long' }],
  ['a relation search over 200 characters', (a) => a.relations.list({ text: 'x'.repeat(201) }), { text: 'too-long' }],
];

describe('validation reasons: the team server and the embedded engine', () => {
  let server: ServerProcess;
  const suite = suiteSpaces(() => server.url);
  before(async () => {
    server = await startServer('lift_node_validation_reasons');
  });
  after(() => suite.cleanUp());

  it('HttpAdapter names the same fields with the same reasons as MemoryAdapter for each bad input', async () => {
    const space = await suite.newSpace();
    const http = await space.connect('u-anna');
    const memory = new MemoryAdapter();
    const worlds = new Map<DataAdapter, World>([
      [http, await seed(http)],
      [memory, await seed(memory)],
    ]);
    const differences: string[] = [];
    for (const [name, attempt, expected] of CASES) {
      // What each answers: its error's code and fields, or that it took the input.
      const answer = (adapter: DataAdapter) =>
        attempt(adapter, worlds.get(adapter)!).then(
          () => 'accepted',
          (error: { code?: string; fields?: Record<string, string> }) => JSON.stringify({ code: error.code, fields: error.fields }),
        );
      const engine = await answer(memory);
      const team = await answer(http);
      const wanted = JSON.stringify({ code: 'validation', fields: expected });
      if (engine !== wanted) differences.push(`${name}: engine ${engine}, expected ${wanted}`);
      if (team !== engine) differences.push(`${name}: server ${team}, engine ${engine}`);
    }
    assert.deepEqual(differences, [], 'the server answers as the engine');
  });

  it('a search of exactly 200 characters is answered by both', async () => {
    const space = await suite.newSpace();
    const http = await space.connect('u-anna');
    const memory = new MemoryAdapter();
    for (const adapter of [memory, http]) {
      await seed(adapter);
      assert.deepEqual((await adapter.contacts.list({ text: 'd'.repeat(200) })).items, []);
      assert.deepEqual((await adapter.relations.list({ text: 'd'.repeat(200) })).items, []);
    }
  });
});

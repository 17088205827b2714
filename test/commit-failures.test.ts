import { expect } from '@open-wc/testing';
import type { DataChange, LifecycleNotice } from '../src/data/contract/adapter.js';
import { seedDemoData } from '../src/data/demo/demo-data.js';
import { LiftDataError } from '../src/data/contract/errors.js';
import { IdbBackend } from '../src/data/engine/idb-backend.js';
import type { IndexedDbAdapter } from '../src/data/adapters/indexeddb-adapter.js';
import { dropDatabases, freshIndexedDbAdapter, uniqueDatabaseName } from './db.js';
import { abortBeforeCommit, closeConnectionBeforeWrite, snapshot, type CommitFault } from './idb-commit-faults.js';

// Every write of the IndexedDB adapter against a transaction that really fails in the browser:
// the call must reject, the database must hold exactly what it held before, the adapter's own
// reads must not show the write, and no change may be announced — nothing reported saved that
// was not.

interface World {
  adapter: IndexedDbAdapter;
  databaseName: string;
  contactId: string;
  otherRelationId: string;
  templateId: string;
  itemId: string;
  itemVersion: number;
  stateVersion: number;
  /** A note the current user wrote, which they may correct or delete. */
  entryId: string;
}

async function world(): Promise<World> {
  const databaseName = uniqueDatabaseName('commit');
  const adapter = freshIndexedDbAdapter({ databaseName });
  const seeded = await seedDemoData(adapter, { contacts: 4, entriesPerContact: 3 });
  const contactId = seeded.contactIds[0]!;
  const contact = await adapter.contacts.get(contactId);
  const definitions = await adapter.checklists!.definitions('contact');
  const item = definitions.find((d) => d.mode === 'editable' && Object.keys(d.modeByStatus).length === 0)!;
  const state = (await adapter.checklists!.states(contactId)).find((s) => s.itemId === item.id);
  const entry = await adapter.timeline.add({ contactId, kind: 'note', subject: 'Eigen notitie', body: 'blijft zo' });
  return {
    entryId: entry.id,
    adapter,
    databaseName,
    contactId,
    otherRelationId: seeded.relationIds.find((id) => id !== contact.relationId)!,
    templateId: seeded.templateIds[0]!,
    itemId: item.id,
    itemVersion: item.version,
    stateVersion: state?.version ?? 0,
  };
}

/** Each write path, with a read through the same adapter that would show it had it landed. */
const WRITES: { name: string; write: (w: World) => Promise<unknown>; readBack: (w: World) => Promise<unknown> }[] = [
  {
    name: 'contacts.create',
    write: async (w) => w.adapter.contacts.create({ relationId: w.otherRelationId, firstName: 'Nooit', lastName: 'Opgeslagen' }),
    readBack: async (w) => (await w.adapter.contacts.list({ text: 'Opgeslagen', includeArchived: true })).items,
  },
  {
    name: 'contacts.update',
    write: async (w) => w.adapter.contacts.update(w.contactId, (await w.adapter.contacts.get(w.contactId)).version, { jobTitle: 'Nooit opgeslagen' }),
    readBack: (w) => w.adapter.contacts.get(w.contactId),
  },
  {
    name: 'contacts.setArchived',
    write: async (w) => w.adapter.contacts.setArchived(w.contactId, (await w.adapter.contacts.get(w.contactId)).version, true),
    readBack: (w) => w.adapter.contacts.get(w.contactId),
  },
  {
    name: 'contacts.copy',
    write: (w) => w.adapter.contacts.copy(w.contactId, { relationId: w.otherRelationId, archiveOriginal: true }),
    readBack: async (w) => [await w.adapter.contacts.get(w.contactId), (await w.adapter.contacts.list({ relationId: w.otherRelationId, includeArchived: true })).items],
  },
  {
    name: 'relations.create',
    write: (w) => w.adapter.relations.create({ kind: 'client', name: 'Nooit Opgeslagen BV' }),
    readBack: async (w) => (await w.adapter.relations.list({ text: 'Opgeslagen', includeArchived: true })).items,
  },
  {
    name: 'timeline.add',
    write: (w) => w.adapter.timeline.add({ contactId: w.contactId, kind: 'note', subject: 'Nooit opgeslagen', body: 'weg' }),
    readBack: async (w) => [await w.adapter.timeline.count(w.contactId), await w.adapter.timeline.all(w.contactId)],
  },
  {
    name: 'timeline.update',
    write: (w) => w.adapter.timeline.update(w.entryId, { subject: 'Nooit opgeslagen' }),
    readBack: (w) => w.adapter.timeline.query(w.contactId, { text: 'opgeslagen' }),
  },
  {
    name: 'timeline.remove',
    write: (w) => w.adapter.timeline.remove(w.entryId),
    readBack: async (w) => [await w.adapter.timeline.count(w.contactId), await w.adapter.timeline.query(w.contactId)],
  },
  {
    name: 'work.create',
    write: (w) => w.adapter.work!.create({ kind: 'lead', contactId: w.contactId, title: 'Nooit opgeslagen' }),
    readBack: async (w) => (await w.adapter.work!.listForContact(w.contactId, { includeArchived: true })).items,
  },
  {
    name: 'checklists.setState',
    write: (w) => w.adapter.checklists!.setState(w.contactId, w.itemId, w.stateVersion, { note: 'nooit opgeslagen', status: 'actief' }),
    readBack: (w) => w.adapter.checklists!.states(w.contactId),
  },
  {
    name: 'checklists.saveDefinition (new)',
    write: (w) => w.adapter.checklists!.saveDefinition({ cardType: 'contact', text: 'Nooit opgeslagen', category: 'Test', order: 99, mode: 'editable', modeByStatus: {} }),
    readBack: (w) => w.adapter.checklists!.definitions('contact', { includeDeleted: true }),
  },
  {
    name: 'checklists.deleteDefinition',
    write: (w) => w.adapter.checklists!.deleteDefinition(w.itemId, w.itemVersion),
    readBack: (w) => w.adapter.checklists!.definitions('contact', { includeDeleted: true }),
  },
  {
    name: 'templates.createDocument',
    write: (w) => w.adapter.templates!.createDocument(w.contactId, w.templateId),
    readBack: (w) => w.adapter.timeline.all(w.contactId),
  },
  {
    name: 'preferences.set',
    write: (w) => w.adapter.preferences!.set('contact', { buttons: ['save', 'undo'] }),
    readBack: (w) => w.adapter.preferences!.get('contact'),
  },
];

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    const value = await promise;
    return { resolvedWith: value };
  } catch (error) {
    return error;
  }
}

describe('IndexedDbAdapter when a commit really fails', () => {
  let fault: CommitFault | undefined;
  afterEach(async () => {
    fault?.restore();
    fault = undefined;
    await dropDatabases();
  });

  for (const { name, write, readBack } of WRITES) {
    it(`${name}: aborted after its requests succeeded, rejects as unavailable and stores nothing`, async () => {
      const w = await world();
      const before = await snapshot(w.databaseName);
      const readBefore = await readBack(w);
      const heard: (DataChange | LifecycleNotice)[] = [];
      w.adapter.subscribe((change) => heard.push(change));

      fault = abortBeforeCommit(w.databaseName, { times: 1 });
      const outcome = await rejection(write(w));
      fault.restore();

      expect(fault.failed, 'the fault aborted one transaction').to.equal(1);
      expect(LiftDataError.is(outcome), `${name} rejected instead of resolving with ${JSON.stringify(outcome).slice(0, 120)}`).to.equal(true);
      expect((outcome as LiftDataError).code).to.equal('unavailable');
      expect(await snapshot(w.databaseName)).to.deep.equal(before);
      expect(await readBack(w)).to.deep.equal(readBefore);
      expect(heard.filter((c) => 'resource' in c), 'no change was announced').to.deep.equal([]);
      // The same write goes through once the disk is fine again.
      await write(w);
      expect(await snapshot(w.databaseName)).to.not.deep.equal(before);
    });
  }

  for (const { name, write, readBack } of WRITES) {
    it(`${name}: a connection closed under it twice rejects as unavailable and stores nothing`, async () => {
      const w = await world();
      const before = await snapshot(w.databaseName);
      const readBefore = await readBack(w);
      fault = closeConnectionBeforeWrite(w.databaseName, { times: 2 });
      const outcome = await rejection(write(w));
      fault.restore();
      expect(fault.failed, 'the first try and its one retry both met a closed connection').to.equal(2);
      expect(LiftDataError.is(outcome, 'unavailable'), `${name}: ${JSON.stringify(outcome).slice(0, 120)}`).to.equal(true);
      expect(await snapshot(w.databaseName)).to.deep.equal(before);
      expect(await readBack(w)).to.deep.equal(readBefore);
    });
  }

  it('every write path is covered above', () => {
    const adapter = freshIndexedDbAdapter();
    const writeMethods = ['contacts', 'relations', 'timeline', 'work', 'checklists', 'templates', 'preferences'].flatMap((group) => {
      const api = (adapter as unknown as Record<string, Record<string, unknown>>)[group]!;
      return Object.keys(api)
        .filter((method) => !['get', 'list', 'query', 'all', 'count', 'listForContact', 'definitions', 'states'].includes(method))
        .map((method) => `${group}.${method}`);
    });
    const covered = new Set(WRITES.map((w) => w.name.split(' ')[0]));
    expect(writeMethods.length).to.be.greaterThan(10);
    expect(writeMethods.filter((m) => !covered.has(m))).to.deep.equal([]);
  });

  it('a connection closed under a write: retried once on a fresh connection, stored exactly once', async () => {
    const w = await world();
    const countBefore = await w.adapter.timeline.count(w.contactId);
    fault = closeConnectionBeforeWrite(w.databaseName, { times: 1 });
    const entry = await w.adapter.timeline.add({ contactId: w.contactId, kind: 'note', subject: 'Na herverbinding', body: '' });
    expect(fault.failed).to.equal(1);
    const stored = (await snapshot(w.databaseName)).timeline!.filter((e) => (e as { subject: string }).subject === 'Na herverbinding');
    expect(stored.map((e) => (e as { id: string }).id)).to.deep.equal([entry.id]);
    expect(await w.adapter.timeline.count(w.contactId)).to.equal(countBefore + 1);
  });

  it('a write whose own code fails after a put stores nothing: the transaction is aborted, not left to commit', async () => {
    const w = await world();
    const before = await snapshot(w.databaseName);
    const backend = new IdbBackend({ databaseName: w.databaseName });
    try {
      const outcome = await rejection(
        backend.run(['relations'], 'readwrite', async (tx) => {
          await tx.put('relations', { id: 'r-half', kind: 'client', name: 'Half geschreven', archived: false, version: 1 });
          throw new LiftDataError('validation', 'Something after the first write was wrong.');
        }),
      );
      expect(LiftDataError.is(outcome, 'validation'), JSON.stringify(outcome)).to.equal(true);
    } finally {
      backend.close();
    }
    expect(await snapshot(w.databaseName)).to.deep.equal(before);
  });

  it('an adapter closed by its host refuses writes and stores nothing', async () => {
    const w = await world();
    const before = await snapshot(w.databaseName);
    w.adapter.close();
    const outcome = await rejection(w.adapter.timeline.add({ contactId: w.contactId, kind: 'note', subject: 'Na sluiten', body: '' }));
    expect(LiftDataError.is(outcome, 'unavailable'), JSON.stringify(outcome)).to.equal(true);
    expect(await snapshot(w.databaseName)).to.deep.equal(before);
  });
});

import { expect } from '@open-wc/testing';
import type { DataChange, LifecycleNotice } from '../src/data/contract/adapter.js';
import { LiftDataError } from '../src/data/contract/errors.js';
import { DB_VERSION, toLiftError } from '../src/data/engine/idb-backend.js';
import { IndexedDbAdapter } from '../src/data/adapters/indexeddb-adapter.js';
import { MemoryAdapter } from '../src/data/adapters/memory-adapter.js';
import { SCHEMA, type StoredRecord } from '../src/data/engine/store.js';
import { dropDatabases, freshIndexedDbAdapter, uniqueDatabaseName } from './db.js';
import { removeInAnotherTab, upgradeInAnotherTab } from './helpers.js';
import { oneContact } from './worlds.js';

type Notice = DataChange | LifecycleNotice;
const until = async (condition: () => boolean, what: string, ms = 3000) => {
  const deadline = performance.now() + ms;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

/**
 * Resolves once every open of `name` asked before this one has been answered: an open without a
 * version waits its turn behind them (the one given up, with its upgrade), however long they take.
 */
const afterEarlierOpens = (name: string) =>
  new Promise<void>((resolve, reject) => {
    const request = indexedDB.open(name);
    request.onsuccess = () => {
      request.result.close();
      resolve();
    };
    request.onerror = () => reject(request.error);
  });

/** Another tab holding the first version of `name` open, never stepping aside for an upgrade. */
const holdFirstVersion = (name: string) =>
  new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(name, 1);
    request.onupgradeneeded = () => {
      for (const [store, spec] of Object.entries(SCHEMA)) {
        const created = request.result.createObjectStore(store, { keyPath: spec.keyPath });
        for (const index of spec.indexes) created.createIndex(index.name, index.keyPath, { unique: false });
      }
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });

describe('IndexedDbAdapter', () => {
  afterEach(() => dropDatabases());

  it('a page holds at most 500 records, however many are asked for, in the memory adapter too', async () => {
    for (const adapter of [freshIndexedDbAdapter(), new MemoryAdapter()]) {
      const { contact } = await oneContact(adapter, 'Veel BV', { lastName: 'Veel' });
      const at = Date.UTC(2026, 0, 1);
      await adapter.importRecords({
        timeline: Array.from({ length: 501 }, (_, i) => ({
          id: `e-${String(i).padStart(4, '0')}`, contactId: contact.id, kind: 'call', subject: `Gesprek ${i}`, body: '', author: 'Test', authorId: 'local', occurredAt: new Date(at + i * 60_000).toISOString(),
        })) as unknown as StoredRecord[],
      });
      const page = await adapter.timeline.list(contact.id, { limit: 10_000 });
      expect(page.items.length, adapter.constructor.name).to.equal(500);
      expect(page.next, 'the rest is a page further').to.be.a('string');
      expect((await adapter.timeline.list(contact.id, { limit: 10_000, cursor: page.next! })).items.map((e) => e.subject)).to.deep.equal(['Gesprek 0']);
    }
  });

  it('refuses a write without the version it was loaded at, and stores nothing', async () => {
    const adapter = freshIndexedDbAdapter();
    const { contact } = await oneContact(adapter, 'Versie BV', { lastName: 'Versie' });
    // A host's script calling the adapter straight, without the version the contract asks for.
    const loose = adapter.contacts as unknown as { setArchived(id: string, version: unknown, archived: boolean): Promise<unknown>; update(id: string, version: unknown, changes: object): Promise<unknown> };
    for (const write of [() => loose.setArchived(contact.id, undefined, true), () => loose.update(contact.id, '1', { jobTitle: 'Eigenaar' })]) {
      const error = await write().then(() => undefined, (failure: unknown) => failure);
      expect(LiftDataError.is(error, 'validation'), String(error)).to.equal(true);
    }
    const stored = await adapter.contacts.get(contact.id);
    expect([stored.version, stored.archived, stored.jobTitle]).to.deep.equal([1, false, contact.jobTitle]);
    // The contact still saves at its version.
    expect((await adapter.contacts.update(contact.id, 1, { jobTitle: 'Eigenaar' })).version).to.equal(2);
  });

  it('keeps its data across closing and reopening the database', async () => {
    const databaseName = uniqueDatabaseName('reopen');
    const first = freshIndexedDbAdapter({ databaseName });
    const { contact } = await oneContact(first, 'Houthandel Visser', { firstName: 'Kees', lastName: 'Visser' }, 'supplier');
    first.close();
    const second = freshIndexedDbAdapter({ databaseName });
    expect(await second.contacts.get(contact.id)).to.deep.equal(contact);
  });

  it('lets go of a connection that opened after its open was given up as blocked, so another tab can still remove the database', async () => {
    const name = uniqueDatabaseName('blocked');
    const older = await holdFirstVersion(name);
    const adapter = new IndexedDbAdapter({ databaseName: name, blockedTimeoutMs: 200 });
    const code = await adapter.contacts.list().then(() => 'read', (error: unknown) => (LiftDataError.is(error) ? error.code : String(error)));
    expect(code, 'given up while blocked').to.equal('version-change');
    older.close();
    // The open given up goes on and succeeds now; the next read opens for itself.
    await afterEarlierOpens(name);
    expect((await adapter.contacts.list()).items).to.deep.equal([]);
    adapter.close();
    // A connection left open would hold the removal forever ("blocked" alone may be said of
    // connections closing meanwhile).
    const removed = await Promise.race([
      IndexedDbAdapter.deleteDatabase(name).then(() => 'removed'),
      new Promise((resolve) => setTimeout(() => resolve('still blocked by a connection left open'), 8000)),
    ]);
    expect(removed).to.equal('removed');
  });

  it('fails every call while an open given up as blocked is still waiting, and opens once the older tab let go', async () => {
    const name = uniqueDatabaseName('blocked-again');
    const older = await holdFirstVersion(name);
    const adapter = new IndexedDbAdapter({ databaseName: name, blockedTimeoutMs: 200 });
    const codeOf = (read: Promise<unknown>) =>
      Promise.race([
        read.then(() => 'read', (error: unknown) => (LiftDataError.is(error) ? error.code : String(error))),
        // A request queued behind the first is never told it is blocked: it would wait for the other tab forever.
        new Promise((resolve) => setTimeout(() => resolve('still waiting after 3 s'), 3000)),
      ]);
    expect(await codeOf(adapter.contacts.list()), 'the first call').to.equal('version-change');
    expect(await codeOf(adapter.contacts.list()), 'Try again while the other tab still holds on').to.equal('version-change');
    older.close();
    await afterEarlierOpens(name);
    expect(await codeOf(adapter.contacts.list()), 'once the other tab let go').to.equal('read');
    adapter.close();
    await IndexedDbAdapter.deleteDatabase(name);
  });

  it('answers a save that committed as saved when the adapter is closed on its way, and still tells other tabs', async () => {
    const databaseName = uniqueDatabaseName('close-race');
    const adapter = freshIndexedDbAdapter({ databaseName });
    const other = freshIndexedDbAdapter({ databaseName });
    const { contact } = await oneContact(adapter, 'Sluit BV', { lastName: 'Dicht' });
    const heard: Notice[] = [];
    other.subscribe((notice) => heard.push(notice));
    const saving = adapter.contacts.update(contact.id, contact.version, { lastName: 'Opgeslagen' });
    adapter.close();
    const told = await saving.then(
      (saved) => `saved, version ${saved.version}`,
      (error: unknown) => `failed: ${(error as Error).name} ${(error as Error).message}`,
    );
    expect((await other.contacts.get(contact.id)).lastName, 'what the database holds').to.equal('Opgeslagen');
    expect(told, 'what the caller was told').to.equal('saved, version 2');
    await until(() => heard.some((n) => 'resource' in n && n.resource === 'contact' && n.type === 'updated'), 'the other tab to hear the save');
  });

  it('answers a checklist item saved without its version and a copy without its options as invalid, not as a conflict or a crash', async () => {
    const codeOf = (write: Promise<unknown>) => write.then(() => 'saved', (error: unknown) => (LiftDataError.is(error) ? error.code : `thrown: ${String(error)}`));
    for (const adapter of [new MemoryAdapter(), freshIndexedDbAdapter()]) {
      const saved = await adapter.checklists!.saveDefinition({ cardType: 'contact', text: 'Item', category: '', order: 1, mode: 'editable', modeByStatus: {} });
      const { version: _version, ...unversioned } = saved;
      const { contact } = await oneContact(adapter, 'Kopie BV', { lastName: 'Kopie' });
      const codes = [await codeOf(adapter.checklists!.saveDefinition({ ...unversioned, text: 'Hernoemd' })), await codeOf(adapter.contacts.copy(contact.id, undefined as never))];
      expect(codes, adapter.constructor.name).to.deep.equal(['validation', 'validation']);
    }
  });

  it('isolates databases by name', async () => {
    const a = freshIndexedDbAdapter();
    const b = freshIndexedDbAdapter();
    const relation = await a.relations.create({ kind: 'client', name: 'Alleen in A' });
    expect((await b.relations.list()).items).to.deep.equal([]);
    expect((await a.relations.list()).items.map((r) => r.id)).to.deep.equal([relation.id]);
  });

  it('tells other adapter instances on the same database about changes, without echo', async () => {
    const databaseName = uniqueDatabaseName('feed');
    const writer = freshIndexedDbAdapter({ databaseName });
    const reader = freshIndexedDbAdapter({ databaseName });
    const heardByWriter: Notice[] = [];
    const heardByReader: Notice[] = [];
    writer.subscribe((n) => heardByWriter.push(n));
    reader.subscribe((n) => heardByReader.push(n));
    const { contact } = await oneContact(writer, 'Feed BV', { lastName: 'Feed' });
    await until(() => heardByReader.some((n) => 'resource' in n && n.resource === 'contact'), 'the reader to hear the contact');
    const remote = heardByReader.find((n): n is DataChange => 'resource' in n && n.resource === 'contact')!;
    expect(remote).to.include({ type: 'created', origin: 'remote' });
    expect(remote.ids).to.deep.equal([contact.id]);
    // The reader can read what it was told about: the message came after the commit.
    expect((await reader.contacts.get(contact.id)).lastName).to.equal('Feed');
    expect(heardByWriter.every((n) => n.origin === 'local')).to.equal(true);
  });

  it('opens a database of the first version with its search text spelled as search spells it now', async () => {
    // Records as this version writes them, then put into a database of version 1 with the folded
    // text the first version kept (accents stripped, but ı, ø and ß left as they were).
    const source = freshIndexedDbAdapter();
    const { relation, contact } = await oneContact(source, 'Ørsted Bouw', { firstName: 'Ayşe', lastName: 'Yılmaz' });
    const oldFold = (text: string) => text.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();
    const raw = async (name: string, store: string) => {
      const db = await new Promise<IDBDatabase>((resolve) => (indexedDB.open(name).onsuccess = (e) => resolve((e.target as IDBOpenDBRequest).result)));
      const records = await new Promise<StoredRecord[]>((resolve) => (db.transaction(store).objectStore(store).getAll().onsuccess = (e) => resolve((e.target as IDBRequest<StoredRecord[]>).result)));
      db.close();
      return records;
    };
    const [contacts, relations] = [await raw(source.databaseName, 'contacts'), await raw(source.databaseName, 'relations')];
    source.close();
    const databaseName = uniqueDatabaseName('first-version');
    await new Promise<void>((resolve, reject) => {
      const request = indexedDB.open(databaseName, 1);
      request.onupgradeneeded = () => {
        for (const [name, spec] of Object.entries(SCHEMA)) {
          const store = request.result.createObjectStore(name, { keyPath: spec.keyPath });
          for (const index of spec.indexes) store.createIndex(index.name, index.keyPath, { unique: false });
        }
        const tx = request.transaction!;
        for (const record of contacts) tx.objectStore('contacts').put({ ...record, _search: oldFold(`Ayşe Yılmaz  Ørsted Bouw`) });
        for (const record of relations) tx.objectStore('relations').put({ ...record, _sortName: oldFold(String(record.name)) });
      };
      request.onsuccess = () => (request.result.close(), resolve());
      request.onerror = () => reject(request.error);
    });
    expect((await raw(databaseName, 'contacts'))[0]!._search, 'kept the first way').to.include('yılmaz');
    const adapter = freshIndexedDbAdapter({ databaseName });
    expect((await adapter.contacts.list({ text: 'yilmaz orsted' })).items.map((c) => c.id)).to.deep.equal([contact.id]);
    expect((await raw(databaseName, 'relations'))[0]!._sortName).to.equal('orsted bouw');
    expect((await adapter.relations.get(relation.id)).name, 'the record itself as it was').to.equal('Ørsted Bouw');
  });

  // A newer version of the app opens the same database in "another tab", or a host's sign-out there clears the device.
  for (const [what, elsewhere] of [['upgrades', (name: string) => upgradeInAnotherTab(name, DB_VERSION + 1)], ['removes', removeInAnotherTab]] as const) it(`steps aside when another tab ${what} the database, and says so instead of hanging`, async () => {
    const databaseName = uniqueDatabaseName('upgrade');
    const adapter = freshIndexedDbAdapter({ databaseName });
    const heard: Notice[] = [];
    adapter.subscribe((n) => heard.push(n));
    const relation = await adapter.relations.create({ kind: 'other', name: 'Oud schema' });
    await elsewhere(databaseName);
    expect(heard.some((n) => n.type === 'version-change')).to.equal(true);
    const error = await adapter.relations.get(relation.id).catch((e: unknown) => e);
    expect(LiftDataError.is(error, 'version-change')).to.equal(true);
  });

  it('after a lost connection reopens and retries once, and otherwise fails loudly without writing', async () => {
    const adapter = freshIndexedDbAdapter();
    const relation = await adapter.relations.create({ kind: 'client', name: 'Verbinding BV' });
    const original = IDBDatabase.prototype.transaction;
    let failures = 0;
    // The browser dropped the connection: the next `failures` transactions cannot start.
    IDBDatabase.prototype.transaction = function (this: IDBDatabase, ...args: Parameters<IDBDatabase['transaction']>) {
      if (failures > 0) {
        failures--;
        throw new DOMException('The database connection is closing.', 'InvalidStateError');
      }
      return original.apply(this, args);
    } as IDBDatabase['transaction'];
    const heard: string[] = [];
    adapter.subscribe((n) => 'resource' in n && n.resource === 'contact' && heard.push(...n.ids));
    try {
      failures = 1;
      const saved = await adapter.contacts.create({ relationId: relation.id, lastName: 'Eén keer opnieuw' });
      expect(saved.version).to.equal(1);
      // Only the attempt that committed is reported.
      expect(heard).to.deep.equal([saved.id]);
      failures = 2;
      const error = await adapter.contacts.create({ relationId: relation.id, lastName: 'Twee keer mis' }).catch((e: unknown) => e);
      expect(LiftDataError.is(error, 'unavailable')).to.equal(true);
    } finally {
      IDBDatabase.prototype.transaction = original;
    }
    const names = (await adapter.contacts.list({ includeArchived: true })).items.map((c) => c.lastName);
    expect(names).to.deep.equal(['Eén keer opnieuw']);
  });

  it('maps quota errors, also inside an AbortError, and keeps the cause', () => {
    const quota = new DOMException('full', 'QuotaExceededError');
    expect(toLiftError(quota).code).to.equal('quota');
    expect(toLiftError(quota).cause).to.equal(quota);
    const wrapped = Object.assign(new DOMException('aborted', 'AbortError'), { target: { error: quota } });
    expect(toLiftError(wrapped).code).to.equal('quota');
    expect(toLiftError(new DOMException('x', 'VersionError')).code).to.equal('version-change');
    expect(toLiftError(new Error('disk on fire')).code).to.equal('unavailable');
  });

  it('uses the database named lift by default', () => {
    const adapter = new IndexedDbAdapter();
    expect(adapter.databaseName).to.equal('lift');
    adapter.close();
  });

  describe('long and filtered scans', () => {
    /** Writes contacts straight into the database, past the adapter (as a damaged import would). */
    async function rawPut(name: string, records: Record<string, unknown>[]) {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open(name);
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      const tx = db.transaction('contacts', 'readwrite');
      for (const record of records) tx.objectStore('contacts').put(record);
      await new Promise((resolve, reject) => {
        tx.oncomplete = resolve;
        tx.onerror = () => reject(tx.error);
      });
      db.close();
    }

    it('a search past many non-matching contacts finds the rare ones, newest first, across bulk windows', async () => {
      const adapter = freshIndexedDbAdapter();
      const relation = await adapter.relations.create({ kind: 'client', name: 'Veel' });
      const base = Date.UTC(2026, 0, 1);
      const contacts = Array.from({ length: 4600 }, (_, i) => ({
        id: `c-${String(i).padStart(5, '0')}`, relationId: relation.id, salutation: '', infix: '', jobTitle: '', department: '', email: '', phone: '', mobile: '', notes: '',
        firstName: i % 997 === 0 ? 'Zeldzaam' : 'Gewoon', lastName: `Nummer ${i}`, archived: false, version: 1,
        createdAt: new Date(base).toISOString(), updatedAt: new Date(base + i * 1000).toISOString(),
      }));
      await adapter.importRecords({ contacts: contacts as never });
      const expected = contacts.filter((c) => c.firstName === 'Zeldzaam').reverse().map((c) => c.id);
      const page = await adapter.contacts.list({ text: 'zeldzaam', limit: 3 });
      expect(page.items.map((c) => c.id)).to.deep.equal(expected.slice(0, 3));
      const rest = await adapter.contacts.list({ text: 'zeldzaam', limit: 50, cursor: page.next! });
      expect(rest.items.map((c) => c.id)).to.deep.equal(expected.slice(3));
      expect(rest.next).to.equal(undefined);
    });

    it('a bulk import of contacts whose relations are already stored finds them by relation name', async () => {
      const adapter = freshIndexedDbAdapter();
      const north = await adapter.relations.create({ kind: 'client', name: 'Noordwind' });
      const south = await adapter.relations.create({ kind: 'client', name: 'Zuiderzon' });
      const at = new Date(Date.UTC(2026, 0, 1)).toISOString();
      const contact = (id: string, relationId: string) => ({
        id, relationId, salutation: '', firstName: 'Anna', infix: '', lastName: id, jobTitle: '', department: '', email: '', phone: '', mobile: '',
        notes: '', archived: false, version: 1, createdAt: at, updatedAt: at,
      });
      await adapter.importRecords({ contacts: [contact('a', north.id), contact('b', south.id), contact('c', north.id), contact('d', 'r-gone')] as never });
      const ids = async (text: string) => (await adapter.contacts.list({ text })).items.map((c) => c.id).sort();
      expect(await ids('noordwind')).to.deep.equal(['a', 'c']);
      expect(await ids('zuiderzon')).to.deep.equal(['b']);
      expect(await ids('anna')).to.deep.equal(['a', 'b', 'c', 'd']);
    });

    it('a record that breaks the filter fails the read instead of leaving it pending', async () => {
      const adapter = freshIndexedDbAdapter();
      const relation = await adapter.relations.create({ kind: 'client', name: 'Kapot' });
      await adapter.contacts.create({ relationId: relation.id, lastName: 'Heel' });
      await rawPut(adapter.databaseName, [{ id: 'broken', relationId: relation.id, updatedAt: '2030-01-01T00:00:00.000Z', archived: false, version: 1 }]);
      const outcome = await Promise.race([
        adapter.contacts.list({ text: 'heel' }).then(() => 'resolved', () => 'rejected'),
        new Promise((resolve) => setTimeout(() => resolve('still pending'), 5000)),
      ]);
      expect(outcome).to.equal('rejected');
    });

    it('refuses a page cursor that belongs to another list', async () => {
      const adapter = freshIndexedDbAdapter();
      const a = await adapter.relations.create({ kind: 'client', name: 'A' });
      const b = await adapter.relations.create({ kind: 'client', name: 'B' });
      for (let i = 0; i < 3; i++) await adapter.contacts.create({ relationId: a.id, lastName: `A${i}` });
      await adapter.contacts.create({ relationId: b.id, lastName: 'B0' });
      const first = await adapter.contacts.list({ relationId: a.id, limit: 1 });
      const error = await adapter.contacts.list({ relationId: b.id, cursor: first.next! }).catch((e: unknown) => e);
      expect(LiftDataError.is(error, 'validation')).to.equal(true);
    });
  });
});

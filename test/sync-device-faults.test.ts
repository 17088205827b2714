import { expect } from '@open-wc/testing';
import { waitUntil } from './helpers.js';
import { abortBeforeCommit, type CommitFault } from './idb-commit-faults.js';
import { LiftDataError } from '../src/data/contract/errors.js';
import type { User } from '../src/data/contract/model.js';
import { SyncAdapter } from '../src/data/sync/sync-adapter.js';
import { ModelServer, type Network } from './model-server.js';
import { oneContact } from './worlds.js';

// What the user is told of a write when the device's copy fails under it, or another user signs
// in as it goes: nothing saved is reported as failed, nothing failed as saved, nothing is sent
// twice or in someone else's name. One tab of Erik over the server in memory (test/model-server.ts).

const ANNA: User = { id: 'u-anna', name: 'Anna Admin', role: 'admin' };
const ERIK: User = { id: 'u-erik', name: 'Erik Employee', role: 'employee' };
const BERT: User = { id: 'u-bert', name: 'Bert Employee', role: 'employee' };
let count = 0;
const opened: { tab: SyncAdapter; name: string }[] = [];
const faults: CommitFault[] = [];

async function oneTab() {
  const server = new ModelServer();
  const colleague = server.as(ANNA);
  const { contact } = await oneContact(colleague, 'Drukkerij Van Dam', { lastName: 'Dam', jobTitle: 'Zetter', department: 'Druk' });
  const name = `lift-sync-faults-${Date.now().toString(36)}-${++count}`;
  const net: Network = { offline: false, loseAnswers: 0 };
  const tab = await SyncAdapter.over(server.remote(ERIK, net), { name, probeMs: 600_000 });
  opened.push({ tab, name });
  return { colleague, contact, net, tab, db: `${name}:model:${ERIK.id}` };
}

/** The next read-write transaction on `db` that touches `store` aborts just before it commits, as one failing on a full disk does. */
function abortNextWriteOf(db: string, store: string): CommitFault {
  const transaction = IDBDatabase.prototype.transaction;
  let fault: CommitFault | undefined;
  IDBDatabase.prototype.transaction = function (this: IDBDatabase, ...args: Parameters<IDBDatabase['transaction']>) {
    const [names, mode] = args;
    if (this.name !== db || mode !== 'readwrite' || ![names].flat().includes(store)) return transaction.apply(this, args);
    // This one: it goes through a fault set now, on the browser's own transaction.
    IDBDatabase.prototype.transaction = transaction;
    fault = abortBeforeCommit(db, { times: 1 });
    return IDBDatabase.prototype.transaction.apply(this, args);
  } as typeof transaction;
  const patched = IDBDatabase.prototype.transaction;
  const done: CommitFault = {
    get failed() {
      return fault?.failed ?? 0;
    },
    restore() {
      if (IDBDatabase.prototype.transaction === patched) IDBDatabase.prototype.transaction = transaction;
      fault?.restore();
    },
  };
  faults.push(done);
  return done;
}

function abortNextCommit(db: string): CommitFault {
  const fault = abortBeforeCommit(db, { times: 1 });
  faults.push(fault);
  return fault;
}

afterEach(async () => {
  for (const fault of faults.splice(0)) fault.restore();
  for (const { tab, name } of opened.splice(0)) {
    tab.close();
    for (const user of [ERIK, BERT]) await new Promise((resolve) => (indexedDB.deleteDatabase(`${name}:model:${user.id}`).onsuccess = resolve));
  }
});

describe('SyncAdapter: another user signs in as a write goes', () => {
  it("sends no note of Erik's in Bert's name when Bert signs in a moment after Erik added it", async () => {
    const { colleague, contact, tab } = await oneTab();
    const added = tab.timeline.add({ contactId: contact.id, kind: 'note', subject: 'Van Erik', body: '' }).catch((error: unknown) => error);
    tab.session.setUser(BERT);
    const outcome = await added;
    const authors = (await colleague.timeline.all(contact.id)).filter((e) => e.subject === 'Van Erik').map((e) => e.authorId);
    expect(authors, 'nothing in Bert’s name').to.not.include(BERT.id);
    expect(LiftDataError.is(outcome, 'unavailable'), 'it fails as not sent, for the element to keep').to.equal(true);
    expect(await tab.sync.pending(), 'nothing of Erik’s in Bert’s outbox').to.deep.equal([]);
  });

  it("saves no change of Erik's to a contact in Bert's name when Bert signs in a moment after Erik saved it", async () => {
    const { colleague, contact, tab } = await oneTab();
    await tab.contacts.get(contact.id);
    const saved = tab.contacts.update(contact.id, contact.version, { jobTitle: 'Van Erik' }).catch((error: unknown) => error);
    tab.session.setUser(BERT);
    const outcome = await saved;
    const authors = (await colleague.timeline.all(contact.id)).filter((e) => e.kind === 'change' && JSON.stringify(e).includes('Van Erik')).map((e) => e.authorId);
    expect(authors, 'nothing in Bert’s name').to.not.include(BERT.id);
    expect(LiftDataError.is(outcome, 'unavailable'), 'it fails as not saved, for the card to keep').to.equal(true);
    expect((await colleague.contacts.get(contact.id)).jobTitle).to.equal('Zetter');
  });
});

describe('SyncAdapter: the device’s copy failing under a write', () => {
  it('sends a note once when the device could not show it in the kept overview, though the user may type it again', async () => {
    const { colleague, contact, net, tab, db } = await oneTab();
    await tab.timeline.query(contact.id, { limit: 20 });
    net.offline = true;
    const note = { contactId: contact.id, kind: 'note', subject: 'Gebeld', body: '' } as const;
    const fault = abortNextWriteOf(db, 'reads');
    const first = await tab.timeline.add(note).catch((error: unknown) => error);
    fault.restore();
    expect(fault.failed, 'the overview’s transaction failed').to.equal(1);
    // Told it failed, the user types it again.
    if (first instanceof Error) await tab.timeline.add(note);
    net.offline = false;
    await tab.sync.retry();
    await waitUntil(() => tab.sync.state().waiting === 0, 'the outbox is sent');
    expect((await colleague.timeline.all(contact.id)).filter((e) => e.subject === 'Gebeld'), 'notes “Gebeld” on the server').to.have.length(1);
  });

  it('reports a save the server took as saved when the device cannot keep its answer', async () => {
    const { colleague, contact, tab, db } = await oneTab();
    await tab.contacts.get(contact.id);
    const fault = abortNextCommit(db);
    const saved = await tab.contacts.update(contact.id, contact.version, { jobTitle: 'Opgeslagen' }).catch((error: unknown) => error);
    fault.restore();
    expect(fault.failed, 'keeping the answer failed').to.equal(1);
    expect((await colleague.contacts.get(contact.id)).jobTitle, 'the server has it').to.equal('Opgeslagen');
    expect(saved, 'the caller is told it was saved').to.not.be.instanceOf(Error);
    expect((saved as { jobTitle: string }).jobTitle).to.equal('Opgeslagen');
  });

  it('sends a waiting note later, and says so, when the device failed while sending it', async () => {
    const { colleague, contact, net, tab, db } = await oneTab();
    await tab.timeline.query(contact.id, { limit: 20 });
    net.offline = true;
    await tab.timeline.add({ contactId: contact.id, kind: 'note', subject: 'Gebeld', body: '' });
    net.offline = false;
    const fault = abortNextCommit(db);
    const retried = await tab.sync.retry().then(() => undefined, (error: unknown) => error);
    fault.restore();
    expect(fault.failed, 'the outbox’s transaction failed').to.equal(1);
    await waitUntil(() => tab.sync.state().connection === 'online' && tab.sync.state().waiting === 0, 'sent again later', { timeout: 10_000 });
    expect(LiftDataError.is(retried), `retry fails with an error of the contract, not ${String(retried)}`).to.equal(true);
    expect((await colleague.timeline.all(contact.id)).filter((e) => e.subject === 'Gebeld'), 'notes “Gebeld” on the server').to.have.length(1);
  });
});

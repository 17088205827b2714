import { expect } from '@open-wc/testing';
import type { ReactiveElement } from 'lit';
import { EditSession } from '../src/contact-card/edit-session.js';
import type { LiftAdapter } from '../src/data/contract/adapter.js';
import { MemoryAdapter } from '../src/data/adapters/memory-adapter.js';
import type { Contact } from '../src/data/contract/model.js';
import { ControllerHost, keyVoice } from './controller-host.js';
import { withFaults } from './faults.js';

/**
 * A write refused for an older version carries the contact as the server holds it, and the card
 * shows that at once (`follow(known)`), without reading. Not on an adapter with a copy on the
 * device: its read lays what still waits there over the server's record, so the card reads.
 */
describe('the edit session following the record a refusal carries', () => {
  afterEach(() => localStorage.clear());

  async function world({ offlineCopy }: { offlineCopy: boolean }) {
    const base = new MemoryAdapter();
    const relation = await base.relations.create({ kind: 'client', name: 'Drukkerij Noord' });
    const lotte = await base.contacts.create({ relationId: relation.id, firstName: 'Lotte', lastName: 'Bos', jobTitle: 'Zetter' });
    const faults = withFaults(base);
    // An adapter that works offline, as far as the session asks: nothing it shows waits.
    const adapter: LiftAdapter = offlineCopy
      ? new Proxy(faults.adapter, {
          get: (target, prop) => (prop === 'sync' ? { isPending: () => false } : (Reflect.get(target, prop) as unknown)),
        })
      : faults.adapter;
    const session = new EditSession(new ControllerHost() as unknown as ReactiveElement, {
      adapter: () => adapter,
      contactId: () => lotte.id,
      voice: keyVoice(new ControllerHost()),
      ask: async () => 'cancel',
      showField: async () => undefined,
      keepFocus: () => undefined,
    });
    session.open(lotte, false, false);
    const gets = () => faults.calls.filter((call) => call === 'contacts.get').length;
    return { base, lotte, session, gets };
  }

  /** The contact as a colleague saved it, as a refusal would carry it (not stored here). */
  const theirs = (lotte: Contact): Contact => ({ ...lotte, jobTitle: 'Drukker', version: lotte.version + 1 });

  it('shows the record carried, without reading', async () => {
    const { lotte, session, gets } = await world({ offlineCopy: false });
    expect(await session.follow(theirs(lotte))).to.equal(undefined);
    expect(session.record?.jobTitle).to.equal('Drukker');
    expect(gets(), 'no read').to.equal(0);
  });

  it('reads through an adapter with a copy on the device instead', async () => {
    const { lotte, session, gets } = await world({ offlineCopy: true });
    await session.follow(theirs(lotte));
    expect(gets(), 'read through the copy').to.equal(1);
    expect(session.record?.jobTitle, 'what the copy holds, not the record carried').to.equal('Zetter');
  });
});

import { expect } from '@open-wc/testing';
import type { LiftAdapter } from '../src/data/contract/adapter.js';
import { MemoryAdapter } from '../src/data/adapters/memory-adapter.js';
import { RepeatableCreate, repeatableCreate } from '../src/internal/repeatable-create.js';

// Which request id a create the user tries again goes with: the same for the same content until
// one lands, a new one for other content or after a success. No server here: an adapter that
// records the ids it is given.

/** An adapter that can lose answers: it notes each write's request id; `fail` makes the next write fail. */
function recording() {
  const ids: string[] = [];
  let fail = false;
  const adapter = {
    withRequestId<T>(id: string, write: () => Promise<T>): Promise<T> {
      ids.push(id);
      if (fail) {
        fail = false;
        return Promise.reject(new Error('the answer was lost'));
      }
      return write();
    },
  } as unknown as LiftAdapter;
  return { adapter, ids, failNext: () => (fail = true) };
}

describe('RepeatableCreate', () => {
  it('repeats the request id while the content is unchanged, and takes a new one for other content or after a success', async () => {
    const { adapter, ids, failNext } = recording();
    const create = new RepeatableCreate();
    const write = () => Promise.resolve('made');
    failNext();
    await create.send(adapter, { title: 'Folder' }, write).catch(() => undefined);
    await create.send(adapter, { title: 'Folder' }, write);
    expect(ids[1], 'sent again unchanged: the same request').to.equal(ids[0]);
    await create.send(adapter, { title: 'Folder' }, write);
    expect(ids[2], 'after a success: a new request').to.not.equal(ids[1]);
    failNext();
    await create.send(adapter, { title: 'Folder' }, write).catch(() => undefined);
    await create.send(adapter, { title: 'Folder A5' }, write);
    expect(ids[4], 'other content: a new request').to.not.equal(ids[3]);
    expect(new Set(ids).size).to.equal(4);
    expect(ids.every((id) => /^[0-9a-f]{32}$/.test(id))).to.equal(true);
  });

  it('writes as it is on an adapter whose writes cannot be in doubt, and is one per adapter and kind of create', async () => {
    const memory = new MemoryAdapter();
    expect(await new RepeatableCreate().send(memory, {}, () => Promise.resolve(42))).to.equal(42);
    const { adapter } = recording();
    expect(repeatableCreate(adapter, 'create')).to.equal(repeatableCreate(adapter, 'create'));
    expect(repeatableCreate(adapter, 'copy')).to.not.equal(repeatableCreate(adapter, 'create'));
    expect(repeatableCreate(memory, 'create')).to.not.equal(repeatableCreate(adapter, 'create'));
  });
});

import { expect } from '@open-wc/testing';
import { runAdapterConformance } from '../src/conformance/index.js';
import { DeferredAdapter } from '../src/data/adapters/deferred-adapter.js';
import { MemoryAdapter } from '../src/data/adapters/memory-adapter.js';
import type { StoredRecord } from '../src/data/engine/store.js';
import { dropDatabases, freshIndexedDbAdapter } from './db.js';

// The shipped adapters must pass the same kit partners run against their own backends.

runAdapterConformance({
  name: 'MemoryAdapter',
  describe,
  it,
  factory: async ({ user, roles, templates }) => {
    const adapter = new MemoryAdapter({ user, roles });
    await adapter.importRecords({ templates: templates as unknown as StoredRecord[] });
    return adapter;
  },
});

runAdapterConformance({
  name: 'IndexedDbAdapter',
  describe,
  it,
  factory: async ({ user, roles, templates }) => {
    const adapter = freshIndexedDbAdapter({ user, roles });
    await adapter.importRecords({ templates: templates as unknown as StoredRecord[] });
    return adapter;
  },
  cleanup: () => dropDatabases(),
});

runAdapterConformance({
  name: 'the built-in default (IndexedDB, its code loaded on the first call)',
  describe,
  it,
  factory: async ({ user, roles, templates }) =>
    new DeferredAdapter({
      user,
      roles,
      load: async () => {
        const adapter = freshIndexedDbAdapter({ user, roles });
        await adapter.importRecords({ templates: templates as unknown as StoredRecord[] });
        return adapter;
      },
    }),
  cleanup: () => dropDatabases(),
});

describe('the conformance kit on a runner without it.skip', () => {
  type Registered = { name: string; fn: () => unknown };
  /** A runner that records the tests the kit registers, optionally with `it.skip`. */
  const recordingRunner = (withSkip: boolean) => {
    const run: Registered[] = [];
    const skipped: string[] = [];
    const it = Object.assign((name: string, fn: () => unknown) => void run.push({ name, fn }), withSkip ? { skip: (name: string) => void skipped.push(name) } : {});
    return { run, skipped, describe: (_name: string, body: () => void) => body(), it };
  };
  /** A memory adapter that offers only what `capabilities` names. */
  const offering = (capabilities: string[]) => async () => {
    const adapter = new MemoryAdapter();
    return new Proxy(adapter, {
      // Methods bound to the adapter itself: its private fields are not the proxy's.
      get: (target, key) => {
        if (key === 'capabilities') return new Set(capabilities);
        const value: unknown = Reflect.get(target, key, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
  };

  it('lists what it did not run in a test of its own, which checks the adapter really lacks it', async () => {
    const runner = recordingRunner(false);
    runAdapterConformance({ name: 'Partner', describe: runner.describe, it: runner.it, capabilities: [], factory: offering([]) });
    const notRun = runner.run.filter((t) => t.name.startsWith('does not offer'));
    expect(notRun.map((t) => t.name.split(',')[0])).to.have.members(['does not offer work', 'does not offer checklists', 'does not offer templates', 'does not offer reports', 'does not offer preferences']);
    for (const t of notRun) expect(Number(/so (\d+) of its tests/.exec(t.name)?.[1]), t.name).to.be.above(0);
    for (const t of notRun) await t.fn();
    // An adapter that does offer a capability the kit was told to leave out fails that test.
    const claiming = recordingRunner(false);
    runAdapterConformance({ name: 'Partner', describe: claiming.describe, it: claiming.it, capabilities: [], factory: offering(['work']) });
    const work = claiming.run.find((t) => t.name.startsWith('does not offer work'))!;
    const failure = await Promise.resolve(work.fn()).then(() => undefined, (error: unknown) => error);
    expect(String(failure)).to.include('offers work');
  });

  it("uses the runner's it.skip when there is one, and then adds no such test", () => {
    const runner = recordingRunner(true);
    runAdapterConformance({ name: 'Partner', describe: runner.describe, it: runner.it, capabilities: [], factory: offering([]) });
    expect(runner.skipped.length).to.be.above(5);
    expect(runner.run.filter((t) => t.name.startsWith('does not offer'))).to.deep.equal([]);
  });
});

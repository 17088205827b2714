import { expect } from '@open-wc/testing';
import { runAdapterConformance } from '../src/conformance/index.js';
import { MemoryAdapter } from '../src/data/adapters/memory-adapter.js';
import type { ChangeListener, LiftAdapter } from '../src/data/contract/adapter.js';
import { LiftDataError } from '../src/data/contract/errors.js';
import type { User } from '../src/data/contract/model.js';
import type { StoredRecord } from '../src/data/engine/store.js';

// The kit a partner runs against their adapter must fail an adapter that breaks one promise of
// the contract, and pass one that keeps them all. Each case runs the kit's tests here, through a
// runner that records them, on a memory adapter with one part replaced.

interface KitRun {
  /** The tests run, by their full name (`group > test`). */
  ran: string[];
  /** The failed tests, by full name, with their message. */
  failed: Map<string, string>;
}

interface KitOptions {
  /** Only the tests whose full name matches. */
  only?: RegExp;
  /** The kit's cleanup hook. */
  cleanup?: (adapter: LiftAdapter) => void;
}

/** Runs the kit on `change(a fresh memory adapter)` for each of its tests, one after another. */
async function runKit(change: (memory: MemoryAdapter) => LiftAdapter, options: KitOptions = {}): Promise<KitRun> {
  const registered: { name: string; body: () => unknown }[] = [];
  const path: string[] = [];
  const describe = (name: string, body: () => void) => {
    path.push(name);
    try {
      body();
    } finally {
      path.pop();
    }
  };
  const it = (name: string, body: () => unknown) => void registered.push({ name: [...path, name].join(' > '), body });
  runAdapterConformance({
    describe,
    it,
    factory: async ({ user, roles, templates }) => {
      const memory = new MemoryAdapter({ user, roles });
      await memory.importRecords({ templates: templates as unknown as StoredRecord[] });
      return change(memory);
    },
    ...(options.cleanup ? { cleanup: options.cleanup } : {}),
  });
  const run: KitRun = { ran: [], failed: new Map() };
  for (const { name, body } of registered) {
    if (options.only && !options.only.test(name)) continue;
    run.ran.push(name);
    try {
      await body();
    } catch (error) {
      run.failed.set(name, String(error));
    }
  }
  return run;
}

/** The names of the failed tests that match `pattern`. */
const failedLike = (run: KitRun, pattern: RegExp) => [...run.failed.keys()].filter((name) => pattern.test(name));

/** The memory adapter with some of its parts (a group, `withRequestId`, `subscribe`, …) replaced. */
function replacing(memory: MemoryAdapter, parts: Partial<Record<keyof LiftAdapter, unknown>>): LiftAdapter {
  return new Proxy(memory, {
    get(target, key) {
      if (Object.hasOwn(parts, key)) return parts[key as keyof LiftAdapter];
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  }) as unknown as LiftAdapter;
}

const ADMIN: User = { id: 'u-admin', name: 'Ada Admin', role: 'admin' };

/** Runs `read` as the admin, whoever the adapter acts for: a read that ignores the user's rights. */
async function asAdmin<T>(memory: MemoryAdapter, read: () => Promise<T>): Promise<T> {
  const user = memory.session.currentUser();
  memory.session.setUser(ADMIN);
  try {
    return await read();
  } finally {
    memory.session.setUser(user);
  }
}

/** The options without their signal: a read that never hears of an abort. */
const unsignalled = <O extends { signal?: AbortSignal }>(options: O | undefined): Omit<O, 'signal'> => {
  const { signal: _signal, ...rest } = options ?? ({} as O);
  return rest;
};

describe('the conformance kit on adapters that break one promise', function () {
  this.timeout(120_000);

  it('passes the memory adapter as it is', async () => {
    const run = await runKit((memory) => memory);
    expect([...run.failed]).to.deep.equal([]);
    expect(run.ran).to.include('aborted reads > a read whose signal aborts after it was called rejects with aborted');
  });

  it('fails an overview (timeline.query) that anyone may read, an outsider or a viewer of an archived contact', async () => {
    const run = await runKit((memory) =>
      replacing(memory, { timeline: { ...memory.timeline, query: (id: string, query?: object) => asAdmin(memory, () => memory.timeline.query(id, query)) } }),
    );
    expect(failedLike(run, /^rights > /)).to.have.members([
      'rights > reading needs the read right: without it nothing of a contact, its overview or the users is sent',
      'rights > archived contacts and relations are seen only with the see-archived right',
    ]);
    expect(run.failed.get('rights > reading needs the read right: without it nothing of a contact, its overview or the users is sent')).to.include('timeline.query');
  });

  it('fails reports that anyone may run', async () => {
    const run = await runKit((memory) =>
      replacing(memory, { reports: { ...memory.reports, run: (report: string, id: string, options?: object) => asAdmin(memory, () => memory.reports.run(report, id, options)) } }),
    );
    expect(failedLike(run, /^rights > /)).to.deep.equal(['rights > reading needs the read right: without it nothing of a contact, its overview or the users is sent']);
    expect([...run.failed.values()].join('\n')).to.include('the activity report');
  });

  it('fails a withRequestId that makes a create sent twice twice, and passes one that answers it once', async () => {
    const twice = await runKit((memory) => replacing(memory, { withRequestId: <T>(_id: string, write: () => Promise<T>) => write() }));
    expect(failedLike(twice, /request id/)).to.deep.equal([
      'timeline > a create sent twice under one request id (withRequestId, where offered) is made once and answered alike',
    ]);
    const once = await runKit((memory) => {
      const answers = new Map<string, Promise<unknown>>();
      const withRequestId = <T>(id: string, write: () => Promise<T>): Promise<T> => {
        if (!answers.has(id)) answers.set(id, write());
        return answers.get(id) as Promise<T>;
      };
      return replacing(memory, { withRequestId });
    }, { only: /request id/ });
    expect(once.ran.length).to.equal(1);
    expect([...once.failed]).to.deep.equal([]);
  });

  it('fails a copy that skips its version check and archives a contact changed since', async () => {
    const run = await runKit((memory) =>
      replacing(memory, {
        contacts: { ...memory.contacts, copy: (id: string, options: object) => memory.contacts.copy(id, { ...options, expectedVersion: undefined } as never) },
      }),
    );
    expect(failedLike(run, /stale/)).to.deep.equal(['contacts > a copy from a stale version is refused with conflict, and nothing is copied or archived']);
  });

  it('passes records whose fields come back in another order, and names where a wrong answer differs', async () => {
    const reordered = await runKit((memory) =>
      replacing(memory, {
        contacts: { ...memory.contacts, get: async (id: string, options?: object) => Object.fromEntries(Object.entries(await memory.contacts.get(id, options)).reverse()) },
        timeline: {
          ...memory.timeline,
          query: async (id: string, query?: object) => {
            const page = await memory.timeline.query(id, query);
            return { ...page, counts: Object.fromEntries(Object.entries(page.counts).reverse()) };
          },
        },
      }),
    );
    expect([...reordered.failed]).to.deep.equal([]);
    // Arrays keep their order: an overview oldest first is wrong.
    const oldestFirst = (memory: MemoryAdapter) => async (id: string, query?: object) => {
      const page = await memory.timeline.list(id, query);
      return { ...page, items: [...page.items].reverse() };
    };
    const reversed = await runKit((memory) => replacing(memory, { timeline: { ...memory.timeline, list: oldestFirst(memory) } }), {
      only: /adds entries and lists them newest first/,
    });
    expect([...reversed.failed.values()]).to.deep.equal([
      'ConformanceFailure: newest first: expected ["S4","S3","S2","S1","S0"], got ["S0","S1","S2","S3","S4"] (first difference at [0])',
    ]);
  });

  it('fails each read that ignores an aborted signal, naming it', async () => {
    const cases: [string, (memory: MemoryAdapter) => Partial<Record<keyof LiftAdapter, unknown>>][] = [
      ['contacts.list', (m) => ({ contacts: { ...m.contacts, list: (q?: object) => m.contacts.list(unsignalled(q)) } })],
      ['relations.get', (m) => ({ relations: { ...m.relations, get: (id: string, o?: object) => m.relations.get(id, unsignalled(o)) } })],
      ['relations.list', (m) => ({ relations: { ...m.relations, list: (q?: object) => m.relations.list(unsignalled(q)) } })],
      ['timeline.query', (m) => ({ timeline: { ...m.timeline, query: (id: string, q?: object) => m.timeline.query(id, unsignalled(q)) } })],
      ['timeline.all', (m) => ({ timeline: { ...m.timeline, all: (id: string, o?: object) => m.timeline.all(id, unsignalled(o)) } })],
      ['timeline.count', (m) => ({ timeline: { ...m.timeline, count: (id: string, o?: object) => m.timeline.count(id, unsignalled(o)) } })],
      ['checklists.states', (m) => ({ checklists: { ...m.checklists, states: (id: string, o?: object) => m.checklists.states(id, unsignalled(o)) } })],
      ['reports.run activity', (m) => ({ reports: { ...m.reports, run: (r: string, id: string, o?: object) => m.reports.run(r, id, unsignalled(o)) } })],
    ];
    for (const [read, parts] of cases) {
      const run = await runKit((memory) => replacing(memory, parts(memory)), { only: /aborted/ });
      expect(run.ran.length, read).to.equal(2);
      const failure = run.failed.get('aborted reads > every read rejects with aborted when its signal was aborted before the call') ?? 'passed';
      expect(failure, read).to.include(`${read} with an aborted signal`);
    }
  });

  it('fails a read that looks at its signal only when it is called', async () => {
    const run = await runKit((memory) =>
      replacing(memory, {
        timeline: {
          ...memory.timeline,
          query: (id: string, query?: { signal?: AbortSignal }) =>
            query?.signal?.aborted ? Promise.reject(new LiftDataError('aborted', 'Cancelled.')) : memory.timeline.query(id, unsignalled(query)),
        },
      }),
      { only: /aborted/ },
    );
    expect([...run.failed.keys()]).to.deep.equal(['aborted reads > a read whose signal aborts after it was called rejects with aborted']);
    expect([...run.failed.values()][0]).to.include('timeline.query aborted after it was called');
  });

  it('ends every subscription it starts, a failing test too, and closes each adapter after its cleanup', async () => {
    let made = 0;
    let live = 0;
    const openAtCleanup: boolean[] = [];
    const closed = new WeakSet<LiftAdapter>();
    let closes = 0;
    const run = await runKit(
      (memory) => {
        made++;
        const adapter: LiftAdapter = replacing(memory, {
          subscribe: (listener: ChangeListener) => {
            live++;
            const stop = memory.subscribe(listener);
            return () => {
              live--;
              stop();
            };
          },
          close: () => {
            closed.add(adapter);
            closes++;
            memory.close();
          },
          // A correction that does not land: the test that follows the feed fails half-way.
          timeline: { ...memory.timeline, update: () => Promise.reject(new LiftDataError('unavailable', 'Out of reach.')) },
        });
        return adapter;
      },
      { cleanup: (adapter) => void openAtCleanup.push(!closed.has(adapter)) },
    );
    expect(failedLike(run, /author corrects/).length, 'the test that follows the feed failed').to.equal(1);
    expect(live, 'subscriptions left open').to.equal(0);
    // The cleanup may remove the test's data through the adapter: it is still open then, and closed after.
    expect([openAtCleanup.length, openAtCleanup.every(Boolean)], '[cleanups, each on an open adapter]').to.deep.equal([made, true]);
    expect(closes, 'adapters closed').to.equal(made);
  });

  it('fails checklist items listed in the order they were made rather than by their order', async () => {
    const run = await runKit((memory) => {
      const made: string[] = [];
      const { checklists } = memory;
      return replacing(memory, {
        checklists: {
          ...checklists,
          saveDefinition: async (definition: never) => {
            const saved = await checklists.saveDefinition(definition);
            if (!made.includes(saved.id)) made.push(saved.id);
            return saved;
          },
          definitions: async (cardType: string, options?: object) => (await checklists.definitions(cardType, options)).sort((a, b) => made.indexOf(a.id) - made.indexOf(b.id)),
        },
      });
    });
    expect(failedLike(run, /by their order/)).to.deep.equal(['checklists > lists the items by their order, whatever order they were made or changed in']);
  });
});

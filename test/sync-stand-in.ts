import type { MemoryAdapter } from '../src/data/adapters/memory-adapter.js';
import type { LiftAdapter } from '../src/data/contract/adapter.js';
import type { SyncApi, SyncState } from '../src/data/contract/sync.js';

/**
 * `base` seen through an adapter with a stand-in for a copy on the device: its `sync` says
 * `first` until `set` changes what it says (`show` also tells its listeners), and its actions
 * are `actions` (by default they do nothing and succeed).
 */
export function standInSync(base: MemoryAdapter, first: SyncState, actions: Partial<Pick<SyncApi, 'retry' | 'discard' | 'sendAnyway'>> = {}) {
  let state = first;
  const listeners = new Set<(state: SyncState) => void>();
  const sync: SyncApi = {
    state: () => state,
    watch: (listener) => (listeners.add(listener), () => listeners.delete(listener)),
    pending: async () => [],
    retry: async () => {},
    discard: async () => {},
    sendAnyway: async () => {},
    ...actions,
    conflict: async () => undefined,
    isStale: () => false,
    isPending: () => false,
    caughtUp: async () => undefined,
  };
  const adapter = new Proxy(base, {
    get(target, key) {
      const value = Reflect.get(target, key) as unknown;
      return key === 'sync' ? sync : typeof value === 'function' ? value.bind(target) : value;
    },
  }) as LiftAdapter;
  const set = (next: SyncState) => (state = next);
  const show = (next: SyncState) => {
    set(next);
    for (const listener of listeners) listener(next);
  };
  return { adapter, listeners, set, show };
}

import type { LiftAdapter } from '../src/data/contract/adapter.js';

/**
 * Wraps an adapter so chosen calls fail: `faults.fail('checklists.setState', error)` makes the
 * next call of that method reject with `error` (or every call, with `{ times: Infinity }`).
 * `after` holds the failure back until it settles (a backend that answers late). Everything else
 * passes through to the real adapter.
 */
export function withFaults(adapter: LiftAdapter) {
  const planned = new Map<string, { error: unknown; times: number; after?: Promise<unknown> }>();
  const hanging = new Set<string>();
  let muted = false;
  const calls: string[] = [];
  const wrapGroup = (name: string, group: object) =>
    new Proxy(group, {
      get(target, key, receiver) {
        const value = Reflect.get(target, key, receiver);
        if (typeof value !== 'function') return value;
        const path = `${name}.${String(key)}`;
        return (...args: unknown[]) => {
          calls.push(path);
          if (hanging.has(path)) return new Promise(() => undefined);
          const fault = planned.get(path);
          if (fault && fault.times > 0) {
            fault.times--;
            return fault.after ? fault.after.then(() => Promise.reject(fault.error)) : Promise.reject(fault.error);
          }
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
  const wrapped = new Proxy(adapter, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver);
      if (typeof key === 'string' && value && typeof value === 'object' && key !== 'capabilities') return wrapGroup(key, value);
      // A muted feed: the element never hears of changes, so its next write is truly stale.
      if (key === 'subscribe' && muted) return () => () => undefined;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return {
    adapter: wrapped as LiftAdapter,
    calls,
    fail(path: string, error: unknown, { times = 1, after }: { times?: number; after?: Promise<unknown> } = {}) {
      planned.set(path, { error, times, ...(after ? { after } : {}) });
    },
    /** `fail`, answered only once the returned function is called (a slow backend that then refuses). */
    failLate(path: string, error: unknown, { times = 1 }: { times?: number } = {}): () => void {
      let answer!: () => void;
      planned.set(path, { error, times, after: new Promise<void>((resolve) => (answer = resolve)) });
      return answer;
    },
    /** Make every call of that method wait forever (a slow or stuck backend). */
    hang(path: string) {
      hanging.add(path);
    },
    /** Hide the change feed from whoever subscribes from now on. */
    muteFeed() {
      muted = true;
    },
  };
}

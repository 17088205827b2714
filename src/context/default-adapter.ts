import type { LiftAdapter } from '../data/contract/adapter.js';
import { DeferredAdapter } from '../data/adapters/deferred-adapter.js';
import { DEFAULT_ROLES, LOCAL_USER } from '../data/engine/roles.js';

const key = Symbol.for('lift-elements.default-adapter');
type Holder = { [key]?: LiftAdapter };

/**
 * The adapter elements use when no provider and no `adapter` property gives them one: one
 * IndexedDbAdapter on the database `lift`, shared by every element on the page (and by a
 * second copy of the library, through the global symbol).
 */
export function defaultAdapter(): LiftAdapter {
  const holder = globalThis as Holder;
  return (holder[key] ??= builtInAdapter());
}

/**
 * A new IndexedDbAdapter on the database `lift`, for a provider whose user must not become the
 * user of every other element (its own connection, the same data). Its code (the rule engine,
 * the IndexedDB backend and idb) loads on the first read, so a page pays for it only when it
 * uses it, and an element paints its frame before it has arrived.
 */
export function builtInAdapter(): LiftAdapter {
  return new DeferredAdapter({
    load: async () => new (await import('../data/adapters/indexeddb-adapter.js')).IndexedDbAdapter({ databaseName: 'lift' }),
    user: LOCAL_USER,
    roles: DEFAULT_ROLES,
    scope: 'lift',
  });
}

let waiting: LiftAdapter | undefined;

/**
 * The adapter of elements inside a `<lift-data-provider>` whose tag is not defined yet (its code
 * still on its way, or it did not arrive): its reads wait, shown as loading, until the provider
 * is defined and answers; the built-in database is not theirs to read meanwhile. Its user has no
 * rights, so nothing offers a write that could only wait and then be dropped with the stand-in
 * (nor a viewer a button the provider's user lacks). One, shared: its load never settles.
 */
export function waitingAdapter(): LiftAdapter {
  if (!waiting) {
    waiting = new DeferredAdapter({ load: () => new Promise(() => {}), user: { id: '', name: '', role: '' }, roles: [] });
    // A page that never defines the provider (its module not imported) would wait without a word.
    setTimeout(() => customElements.get('lift-data-provider') || console.warn('<lift-data-provider> undefined: import @lift/elements/lift-data-provider.js'), WAITING_WARN_MS);
  }
  return waiting;
}

/** How long elements wait for their provider's tag before the console says it is not defined. */
export const WAITING_WARN_MS = 10_000;

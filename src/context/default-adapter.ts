import type { LiftAdapter } from '../data/contract/adapter.js';
import { IndexedDbAdapter } from '../data/adapters/indexeddb-adapter.js';

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
 * user of every other element (its own connection, the same data).
 */
export function builtInAdapter(): LiftAdapter {
  return new IndexedDbAdapter({ databaseName: 'lift' });
}

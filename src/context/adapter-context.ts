import { createContext } from '@lit/context';
import type { LiftAdapter } from '../data/contract/adapter.js';

/**
 * The adapter every element inside a `<lift-data-provider>` uses. The key comes from
 * `Symbol.for`, so two copies of the library on one page still find each other's provider.
 */
export const adapterContext = createContext<LiftAdapter>(Symbol.for('lift-elements.adapter'));

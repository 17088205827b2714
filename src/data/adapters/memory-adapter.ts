import { MemoryBackend } from '../engine/memory-backend.js';
import { StoreAdapter, type StoreAdapterOptions } from '../engine/store-adapter.js';

/**
 * The reference adapter: the whole contract, kept in memory. Partners read it first, tests use
 * it where storage does not matter, and it behaves exactly like {@link IndexedDbAdapter}
 * (both run the same {@link StoreAdapter} rules; the conformance kit checks both).
 */
export class MemoryAdapter extends StoreAdapter {
  constructor(options: StoreAdapterOptions = {}) {
    super(new MemoryBackend(), options);
  }
}

/**
 * lift-elements: the package root. Importing it registers no tags; import the `lift-*.js`
 * entries (or the bundle's autoloader) for that.
 */
export * from './library.js';
export { MemoryAdapter } from './data/adapters/memory-adapter.js';
export { HttpAdapter, type HttpAdapterOptions } from './data/adapters/http-adapter.js';
export { SyncAdapter, type SyncAdapterOptions } from './data/sync/sync-adapter.js';
export type { Remote as SyncRemote } from './data/sync/outbox.js';
export { seedDemoData, DEMO_USERS, type DemoDataOptions, type DemoDataResult } from './data/demo/demo-data.js';

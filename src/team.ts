/**
 * The team server's adapters for a plain page on the one-script bundle (`lift-elements.team.js`,
 * sharing the bundle's chunks): `HttpAdapter`, and `SyncAdapter`, which keeps working offline.
 */
export { HttpAdapter, type HttpAdapterOptions } from './data/adapters/http-adapter.js';
export { SyncAdapter, type SyncAdapterOptions } from './data/sync/sync-adapter.js';

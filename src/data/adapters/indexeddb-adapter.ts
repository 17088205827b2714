import type { DataChange, LifecycleNotice } from '../contract/adapter.js';
import { IdbBackend } from '../engine/idb-backend.js';
import { StoreAdapter, type StoreAdapterOptions } from '../engine/store-adapter.js';

export interface IndexedDbAdapterOptions extends StoreAdapterOptions {
  /** Database name; default `lift`. Different names never share data. */
  databaseName?: string;
  /** How long an upgrade waits for an older tab to let go before failing (ms, default 5000). */
  blockedTimeoutMs?: number;
}

/** What travels over the BroadcastChannel; `v` lets a newer tab ignore an older format. */
interface FeedMessage {
  v: 1;
  changes: DataChange[];
}

/**
 * The embedded default: everything in the browser's IndexedDB (through `idb`), shared with
 * other adapter instances and tabs on the same database through a BroadcastChannel that
 * carries each change after its transaction committed.
 */
export class IndexedDbAdapter extends StoreAdapter {
  readonly databaseName: string;
  readonly #channel: BroadcastChannel | undefined;
  #closed = false;

  constructor(options: IndexedDbAdapterOptions = {}) {
    const databaseName = options.databaseName ?? 'lift';
    let notify: (() => void) | undefined;
    super(
      new IdbBackend({
        databaseName,
        onVersionChange: () => notify?.(),
        ...(options.blockedTimeoutMs === undefined ? {} : { blockedTimeoutMs: options.blockedTimeoutMs }),
      }),
      options,
    );
    this.databaseName = databaseName;
    notify = () => this.publish([{ type: 'version-change', origin: 'remote' } satisfies LifecycleNotice], 'remote');
    if (typeof BroadcastChannel === 'function') {
      // A channel never hears its own posts, so this is echo-free; other instances in this
      // page and other tabs on the same database hear them.
      this.#channel = new BroadcastChannel(`lift-elements:${databaseName}`);
      this.#channel.onmessage = (event: MessageEvent<FeedMessage>) => {
        if (event.data?.v === 1 && Array.isArray(event.data.changes)) this.publish(event.data.changes, 'remote');
      };
    }
  }

  /** The database's name: drafts kept for it stay apart from other databases'. */
  get scope(): string {
    return this.databaseName;
  }

  protected override onLocalChanges(changes: DataChange[]): void {
    if (!changes.length || !this.#channel) return;
    const message = { v: 1, changes } satisfies FeedMessage;
    if (!this.#closed) return this.#channel.postMessage(message);
    // A write that was on its way when the adapter closed committed all the same: other tabs
    // still hear of it, and the caller is not told it failed by a closed channel's throw.
    const once = new BroadcastChannel(this.#channel.name);
    once.postMessage(message);
    once.close();
  }

  override close(): void {
    this.#closed = true;
    this.#channel?.close();
    super.close();
    this.publish([{ type: 'closed', origin: 'local' }], 'local');
  }

  /** Deletes a database and everything in it (tests, "reset demo data"). Close adapters on it first. */
  static deleteDatabase(name: string): Promise<void> {
    return IdbBackend.deleteDatabase(name);
  }
}

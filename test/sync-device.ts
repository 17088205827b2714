/**
 * A browser on the team server whose network a test cuts and restores: the fetch its adapters
 * use throws as a cut network does, so the server and the colleagues on it carry on meanwhile.
 */
import { Replica, replicaName } from '../src/data/sync/replica.js';
import { SyncAdapter, type SyncAdapterOptions } from '../src/data/sync/sync-adapter.js';
import type { User } from '../src/data/contract/model.js';
import { syncOptions, type TeamSpace } from './team.js';

/** A browser on the team server whose network the test cuts and restores. */
export interface Device {
  /**
   * `slowReadsMs`: each read (GET) is answered this much later, as on a slow connection.
   * `between`: each request is answered by something between the device and the server (a
   * proxy's error page, a Wi-Fi portal's sign-in page) with this status and content type.
   * `hangWrites`: a write (not GET) gets no answer at all until the request is aborted, as behind
   * a connection that stalled.
   * `cutAfterLoss`: once a write's answer is lost (`loseAnswers`), the network is cut from then on
   * (`offline`), as when the connection dropped for good; nothing the device sends after it, not even
   * a probe a moment later, gets through until the test restores it.
   */
  net: { offline: boolean; loseAnswers: number; slowReadsMs: number; between?: { status: number; type: string }; hangWrites?: boolean; cutAfterLoss?: boolean };
  /** Opens the adapter, as a page load does (the same copy on the device each time). */
  open(): Promise<SyncAdapter>;
  /** The device's copy itself, as the adapter keeps it (close it after use). */
  replica(): Promise<Replica>;
  /** The name of the IndexedDB database that holds the copy. */
  copyName: string;
}

let names = 0;
const opened: SyncAdapter[] = [];

/** Closes every adapter a device opened (each test's `afterEach`). */
export function closeDevices(): void {
  for (const adapter of opened.splice(0)) adapter.close();
}

export function device(space: TeamSpace, user: User, options: Partial<SyncAdapterOptions> = {}): Device {
  const name = `lift-sync-test-${Date.now()}-${++names}`;
  const net: Device['net'] = { offline: false, loseAnswers: 0, slowReadsMs: 0 };
  const copyName = replicaName(name, space.baseUrl.replace(/\/+$/, ''), user.id);
  const fetcher: typeof fetch = async (input, init) => {
    if (net.offline) throw new TypeError('Failed to fetch');
    if (net.hangWrites && (init?.method ?? 'GET') !== 'GET') {
      return new Promise<Response>((_, reject) => init?.signal?.addEventListener('abort', () => reject(new DOMException('Aborted', 'AbortError'))));
    }
    if (net.between) return new Response('<!doctype html><title>Sign in to the Wi-Fi</title>', { status: net.between.status, headers: { 'Content-Type': net.between.type } });
    const response = await fetch(input, init);
    if (net.slowReadsMs && (init?.method ?? 'GET') === 'GET') await new Promise((resolve) => setTimeout(resolve, net.slowReadsMs));
    // The write reached the server, and its answer never came back.
    if (net.loseAnswers > 0 && init?.method && init.method !== 'GET') {
      net.loseAnswers--;
      if (net.cutAfterLoss) net.offline = true;
      throw new TypeError('The connection dropped');
    }
    return response;
  };
  return {
    net,
    async open() {
      const adapter = await SyncAdapter.connect({ ...syncOptions(space, user, name, fetcher), ...options });
      opened.push(adapter);
      return adapter;
    },
    replica: () => Replica.open(copyName),
    copyName,
  };
}


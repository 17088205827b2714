// How a SyncAdapter reaches its server when a page opens: through HttpAdapter when the server
// answers, or from the session the device kept at its previous visit when it does not.
import { HttpAdapter, type HttpAdapterOptions } from '../adapters/http-adapter.js';
import { LiftDataError } from '../contract/errors.js';
import type { User } from '../contract/model.js';
import { Replica, replicaName } from './replica.js';

/** Remembers, per server, who used it last on this device: who a reload offline acts for. */
export const LAST_USER = 'lift-sync-user:';

export function storage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}

/**
 * Once the user is signed in, credentials the server refuses (401: a token that expired) are, to
 * a copy on the device, a server it cannot reach as this user: what waits keeps waiting (HttpAdapter
 * says a 401 as `permission`, which would refuse every change in the outbox), reads come from the
 * copy, and the server is asked again until the host's credentials pass. Refused at the start,
 * they are refused: the page does not open as anyone.
 */
function refusedCredentialsAsAway(fetcher: typeof fetch, signedIn: () => boolean, credentials: Credentials): typeof fetch {
  return async (input, init) => {
    // Only the server's own answers tell of the credentials, and it answers in JSON (errors too),
    // with its change stream, or with nothing (204). No answer (the network, or a request
    // cancelled), a server error (5xx, perhaps from a proxy) and a page from something between
    // (a Wi-Fi portal's sign-in page) say nothing of them: what the server said last stands.
    const response = await fetcher(input, init);
    const type = response.headers.get('Content-Type') ?? '';
    const own = response.status === 204 || /^[^;]*[/+]json\b|^text\/event-stream\b/i.test(type);
    if (own && response.status < 500) credentials.take(response.status === 401 && signedIn());
    if (!credentials.refused) return response;
    void response.body?.cancel().catch(() => {});
    throw new TypeError('The server refused the credentials (HTTP 401).');
  };
}

/** Whether the server's last answer about them refused the signed-in user's credentials; `changed` hears of each turn. */
export class Credentials {
  refused = false;
  changed: () => void = () => {};

  take(refused: boolean): void {
    if (refused === this.refused) return;
    this.refused = refused;
    this.changed();
  }
}

/** The server's adapter, and whether the server answered (false: opened from what the device kept). */
export async function reachServer(given: HttpAdapterOptions, prefix: string, credentials: Credentials): Promise<{ remote: HttpAdapter; online: boolean }> {
  const base = String(given.baseUrl ?? '').replace(/\/+$/, '');
  let signedIn = false;
  const headers = given.headers;
  const options: HttpAdapterOptions = {
    ...given,
    fetch: refusedCredentialsAsAway(given.fetch ?? ((input, init) => globalThis.fetch(input, init)), () => signedIn, credentials),
    ...(headers && {
      // Once signed in, credentials the host's own code cannot give now (its token refresh
      // failed) are, like credentials the server refuses, a server this user cannot reach yet:
      // the server was never asked, so what waits keeps waiting rather than being refused.
      headers: async (user: User) => {
        try {
          return await headers(user);
        } catch (error) {
          if (!signedIn || LiftDataError.is(error) || error instanceof TypeError) throw error;
          throw new TypeError('The host could not give the credentials for this request.', { cause: error });
        }
      },
    }),
  };
  try {
    const remote = await HttpAdapter.connect(options);
    signedIn = true;
    return { remote, online: true };
  } catch (error) {
    if (!LiftDataError.is(error, 'unavailable')) throw error;
    const userId = options.user?.id ?? storage()?.getItem(LAST_USER + base);
    const replica = userId ? await Replica.open(replicaName(prefix, base, userId)) : undefined;
    try {
      const session = await replica?.meta<Record<string, unknown>>('session');
      if (!replica || !session) throw error;
      // Signed in at the last visit: a later refusal is taken as for a page opened online.
      signedIn = true;
      return { remote: HttpAdapter.resume(options, { ...session, feedPosition: await replica.meta('feedPosition') }), online: false };
    } finally {
      replica?.close();
    }
  }
}

/**
 * A team server in memory for the offline tests and stories: one store (a MemoryBackend) that devices reach
 * through a network each test can cut, and that a colleague writes to directly as another user.
 * A device's `Remote` behaves like HttpAdapter against the real server: with its network down a
 * call fails with `unavailable` before it leaves; a lost answer runs the call on the server and
 * then fails with `unavailable`; a create sent again under the same request id gets the first
 * answer (the server's `Lift-Request`), and under that id with another body is refused. What
 * one user writes reaches the other users' devices that follow the feed, as `remote` changes.
 */
import type { DataChange, LiftAdapter } from '../src/data/contract/adapter.js';
import { LiftDataError } from '../src/data/contract/errors.js';
import type { Contact, ContactDetails, Role, User } from '../src/data/contract/model.js';
import { MemoryBackend } from '../src/data/engine/memory-backend.js';
import { StoreAdapter } from '../src/data/engine/store-adapter.js';
import type { Remote } from '../src/data/sync/outbox.js';

/** A contact update the server applied for a device, in the order applied. */
export interface AppliedUpdate {
  requestId: string | undefined;
  contactId: string;
  changes: Partial<ContactDetails>;
  /** The contact on the server just before. */
  before: Contact;
}

/** One device's link to the server. */
export interface Network {
  offline: boolean;
  /** The next this-many writes run on the server and their answers are lost. */
  loseAnswers: number;
  /** The server refuses every write (the user's rights were taken away meanwhile). */
  refuse?: boolean;
  /** The server answers reads with an error while it is reachable (a deploy's 503s); each read asked counts. */
  failReads?: { asked: number };
  /** Calls (writes only, with `writes`) wait here before they reach the server (a slow network): `reached` is told of each. */
  hold?: { reached(): void; go: Promise<void>; writes?: boolean };
  /** Answers, refusals too (of writes only, with `writes`), wait here after the server ran the call (a slow answer): `answered` is told of each. */
  late?: { answered(): void; go: Promise<void>; writes?: boolean };
}

/** Groups of the contract whose calls go over the network; `session` is mostly local. */
const GROUPS = ['contacts', 'relations', 'timeline', 'work', 'checklists', 'templates', 'reports', 'preferences'] as const;
const WRITES = new Set(['create', 'update', 'add', 'remove', 'setArchived', 'copy', 'setState', 'set', 'run']);

/** The server's side for one user, which hears what the others write (as its feed tells a device). */
class UserSide extends StoreAdapter {
  hear(change: DataChange): void {
    this.publish([change], 'remote');
  }
}

export class ModelServer {
  readonly backend = new MemoryBackend();
  /** Device contact updates in the order the server applied them. */
  readonly applied: AppliedUpdate[] = [];
  /** Creates answered once per request id: the body sent, and the first answer. */
  readonly #answers = new Map<string, { body: string; answer: Promise<unknown> }>();
  readonly #adapters = new Map<string, UserSide>();

  constructor(private readonly roles?: readonly Role[]) {}

  /** The server acting for `user` (the colleague's way in: no network). */
  as(user: User): StoreAdapter {
    let adapter = this.#adapters.get(user.id);
    if (!adapter) {
      adapter = new UserSide(this.backend, { user, ...(this.roles ? { roles: [...this.roles] } : {}) });
      this.#adapters.set(user.id, adapter);
      // The server's feed: what one user writes is news to the others (and their kept overview indexes).
      adapter.subscribe((change) => {
        if (!('resource' in change) || change.origin !== 'local') return;
        for (const [id, other] of this.#adapters) if (id !== user.id) other.hear(change);
      });
    }
    return adapter;
  }

  /** A device of `user` reaching the server over `net`. */
  remote(user: User, net: Network): Remote {
    const server = this.as(user);
    let requestId: string | undefined;
    const over = <T>(call: () => Promise<T>, write: boolean): Promise<T> => {
      if (net.offline) return Promise.reject(new LiftDataError('unavailable', 'The network is down.'));
      if (write && net.refuse) return Promise.reject(new LiftDataError('permission', 'The right to change this was taken away.'));
      if (!write && net.failReads) {
        net.failReads.asked++;
        return Promise.reject(new LiftDataError('unavailable', 'The server answered 503.'));
      }
      const hold = net.hold && (write || !net.hold.writes) ? net.hold : undefined;
      hold?.reached();
      const slow = async () => {
        const late = net.late && (write || !net.late.writes) ? net.late : undefined;
        if (!late) return;
        late.answered();
        await late.go;
      };
      const sent = hold ? hold.go.then(call) : call();
      return sent.then(async (value) => {
        await slow();
        if (write && net.loseAnswers > 0) {
          net.loseAnswers--;
          throw new LiftDataError('unavailable', 'The answer was lost.');
        }
        return value;
      }, async (error: unknown) => {
        await slow();
        throw error;
      });
    };
    const group = (name: (typeof GROUPS)[number]) => {
      const api = server[name] as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
      const wrapped: Record<string, unknown> = {};
      for (const [method, fn] of Object.entries(api)) {
        if (typeof fn !== 'function') continue;
        wrapped[method] = (...args: unknown[]) => {
          const id = requestId;
          const write = WRITES.has(method);
          if (name === 'contacts' && method === 'update') return over(() => this.#update(server, id, args), true);
          if (write && id && method.match(/^(create|add)$/)) return over(() => this.#once(id, `${name}.${method}`, () => fn.apply(api, args), args), true);
          return over(() => fn.apply(api, args), write);
        };
      }
      return wrapped;
    };
    const groups = Object.fromEntries(GROUPS.map((name) => [name, group(name)]));
    return {
      ...(groups as unknown as Pick<LiftAdapter, (typeof GROUPS)[number]>),
      capabilities: server.capabilities,
      scope: 'model',
      session: {
        ...server.session,
        users: (options) => over(() => server.session.users(options), false),
      },
      subscribe: (listener) => server.subscribe(listener),
      withRequestId<T>(id: string, write: () => Promise<T>): Promise<T> {
        requestId = id;
        try {
          return write();
        } finally {
          requestId = undefined;
        }
      },
    } as Remote;
  }

  async #update(server: StoreAdapter, requestId: string | undefined, args: unknown[]): Promise<unknown> {
    const [id, version, changes] = args as [string, number, Partial<ContactDetails>];
    const before = await server.contacts.get(id);
    const saved = await server.contacts.update(id, version, changes);
    this.applied.push({ requestId, contactId: id, changes: { ...changes }, before });
    return saved;
  }

  #once(id: string, route: string, create: () => Promise<unknown>, args: unknown[]): Promise<unknown> {
    const body = `${route} ${JSON.stringify(args)}`;
    const first = this.#answers.get(id);
    if (first && first.body !== body) {
      return Promise.reject(new LiftDataError('validation', 'This request id was used for another request.'));
    }
    if (first) return first.answer;
    const answer = create();
    // A create that failed may be sent again: only an answer is kept.
    this.#answers.set(id, { body, answer });
    answer.catch(() => this.#answers.delete(id));
    return answer;
  }
}

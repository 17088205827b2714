import { CAPABILITIES, type Capability, type ChangeListener, type LiftAdapter, type SessionApi } from '../contract/adapter.js';
import { laterCode, LiftDataError } from '../contract/errors.js';
import type { Right, Role, User } from '../contract/model.js';
import { roleOf } from '../engine/roles.js';

/** What a deferred adapter knows before its code has loaded. */
export interface DeferredAdapterOptions {
  /** Loads the adapter itself, on the first read or write. */
  load: () => Promise<LiftAdapter>;
  /** Who acts until the adapter has loaded (and is then told to it). */
  user: User;
  roles: readonly Role[];
  /** The groups the loaded adapter will have. */
  capabilities?: readonly Capability[];
  scope?: string;
}

type Group = 'contacts' | 'relations' | 'timeline' | 'work' | 'checklists' | 'templates' | 'reports' | 'preferences';
type MethodsOf<G extends Group> = keyof NonNullable<LiftAdapter[G]>;

/** The methods of each group of the contract, which the stand-in forwards. */
const METHODS = {
  contacts: ['get', 'list', 'create', 'update', 'setArchived', 'copy'],
  relations: ['get', 'list', 'create'],
  timeline: ['list', 'query', 'all', 'count', 'add', 'update', 'remove'],
  work: ['listForContact', 'create'],
  checklists: ['definitions', 'states', 'setState', 'saveDefinition', 'deleteDefinition'],
  templates: ['list', 'createDocument'],
  reports: ['list', 'run'],
  preferences: ['get', 'set'],
} as const satisfies { [G in Group]: readonly MethodsOf<G>[] };

// Every method of the contract is listed: one added to it fails to compile here until it is.
const complete: { [G in Group]: [Exclude<MethodsOf<G>, (typeof METHODS)[G][number]>] extends [never] ? true : false } = {
  contacts: true, relations: true, timeline: true, work: true, checklists: true, templates: true, reports: true, preferences: true,
};
void complete;

/**
 * An adapter whose code loads on its first read or write. Until then it answers what elements
 * ask synchronously while they first render — the current user and their rights, the
 * capabilities, subscriptions — so an element can show its frame before the storage code (the
 * rule engine, its backend and idb) has arrived; a page whose host brings its own adapter never
 * loads it at all. Every call after the first goes straight to the loaded adapter.
 */
export class DeferredAdapter implements LiftAdapter {
  readonly capabilities: ReadonlySet<Capability>;
  readonly scope: string | undefined;
  readonly contacts: LiftAdapter['contacts'];
  readonly relations: LiftAdapter['relations'];
  readonly timeline: LiftAdapter['timeline'];
  readonly work: LiftAdapter['work'];
  readonly checklists: LiftAdapter['checklists'];
  readonly templates: LiftAdapter['templates'];
  readonly reports: LiftAdapter['reports'];
  readonly preferences: LiftAdapter['preferences'];
  readonly session: SessionApi;

  readonly #options: DeferredAdapterOptions;
  /** Each subscription, with how to end it on the loaded adapter (nothing before it loaded). */
  readonly #subscriptions = new Set<{ listener: ChangeListener; off: () => void }>();
  #user: User;
  #loading: Promise<LiftAdapter> | undefined;
  #loaded: LiftAdapter | undefined;
  #closed = false;

  constructor(options: DeferredAdapterOptions) {
    this.#options = options;
    this.#user = { ...options.user };
    this.capabilities = new Set(options.capabilities ?? CAPABILITIES);
    this.scope = options.scope;
    this.contacts = this.#group('contacts');
    this.relations = this.#group('relations');
    this.timeline = this.#group('timeline');
    this.work = this.#group('work');
    this.checklists = this.#group('checklists');
    this.templates = this.#group('templates');
    this.reports = this.#group('reports');
    this.preferences = this.#group('preferences');
    const role = (): Role => roleOf(this.#options.roles, this.#user);
    this.session = {
      currentUser: () => (this.#loaded ? this.#loaded.session.currentUser() : { ...this.#user }),
      role: () => (this.#loaded ? this.#loaded.session.role() : role()),
      can: (right: Right) => (this.#loaded ? this.#loaded.session.can(right) : role().rights.includes(right)),
      setUser: (user) => {
        // Checked by the loaded adapter as it is told; until then kept as given.
        if (this.#loaded) return this.#loaded.session.setUser(user);
        if (!user || typeof user.id !== 'string' || typeof user.role !== 'string') throw new LiftDataError('validation', 'A user needs an id and a role.');
        this.#user = { id: user.id, name: user.name ?? user.id, role: user.role };
      },
      users: (options) => this.#adapter().then((adapter) => adapter.session.users(options)),
    };
  }

  /**
   * The loaded adapter: loads it on the first call, and tells it the user and the listeners.
   * Code that did not arrive (offline, a deploy in between) fails the calls waiting for it as
   * data that cannot be reached, which elements put into words with a retry, and is loaded
   * again on the next call.
   */
  #adapter(): Promise<LiftAdapter> {
    return (this.#loading ??= laterCode(this.#options.load).then(
      (adapter) => {
        adapter.session.setUser(this.#user);
        for (const subscription of this.#subscriptions) subscription.off = adapter.subscribe(subscription.listener);
        this.#loaded = adapter;
        if (this.#closed) adapter.close?.();
        return adapter;
      },
      (error: unknown) => {
        this.#loading = undefined;
        throw error;
      },
    ));
  }

  /** One group of the contract: each method waits for the adapter, then is its method. */
  #group<G extends Group>(name: G): LiftAdapter[G] {
    const call =
      (method: string) =>
      (...args: unknown[]) =>
        this.#adapter().then((adapter) => {
          const group = adapter[name] as Record<string, (...a: unknown[]) => unknown> | undefined;
          if (!group) throw new LiftDataError('unavailable', `The adapter has no ${name}.`);
          return group[method]!(...args);
        });
    return Object.fromEntries(METHODS[name].map((method) => [method, call(method)])) as unknown as LiftAdapter[G];
  }

  subscribe(listener: ChangeListener): () => void {
    const subscription = { listener, off: this.#loaded ? this.#loaded.subscribe(listener) : () => {} };
    this.#subscriptions.add(subscription);
    return () => {
      subscription.off();
      this.#subscriptions.delete(subscription);
    };
  }

  close(): void {
    this.#closed = true;
    this.#loaded?.close?.();
  }
}

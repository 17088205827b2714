import {
  CAPABILITIES, type Capability, type ChangeListener, type ChangeResource, type ChecklistsApi, type ContactsApi, type DataChange,
  type LiftAdapter, type LifecycleNotice, type PreferencesApi, type ReadOptions, type RelationsApi, type ReportRunOptions, type ReportsApi, type SessionApi,
  type Page, type TemplatesApi, type TimelineApi, type WorkApi,
} from '../contract/adapter.js';
import { LiftDataError } from '../contract/errors.js';
import { newId } from '../contract/ids.js';
import type { Id, Report, Role, TimelineEntry, User } from '../contract/model.js';
import { readEventStream, type StreamEvent } from './event-stream.js';
import { delay, headersFor, nullForMissing, parseJson, request, toChange, unlessAborted, userFrom, Writes, type Method, type Precondition, type Query, type Transport } from './http-transport.js';

/** The largest page a list answers: what `timeline.all` asks for per request. */
const EXPORT_PAGE = 500;
const MAX_RECONNECT_MS = 10_000;
/** Every resource a change can be about: a feed reset reports each of them as changed. */
const RESOURCES: readonly ChangeResource[] = ['contact', 'relation', 'work', 'timeline', 'checklist', 'checklist-definition', 'preferences'];
/** Relations remembered as served (the newest this many), to name after a feed reset. */
const SERVED = 200;

export interface HttpAdapterOptions {
  /** Where the API lives, e.g. `https://crm.example.com/api/lift` or, for one tenant, `https://crm.example.com/spaces/t_ab12`. A trailing slash is ignored. */
  baseUrl: string;
  /**
   * The host's authentication: called before every request (and every reconnect of the change
   * feed) with the user the adapter acts for, e.g.
   * `(user) => ({ Authorization: \`Bearer ${tokenFor(user)}\` })`. The server decides who the
   * caller is and what the caller may do from these headers alone. A throw rejects the call
   * with code `permission`; a `TypeError` (what `fetch` throws when a token refresh finds no
   * network) with `unavailable`, so a copy on the device answers; a LiftDataError as thrown.
   */
  headers?: (user: User) => HeadersInit | Promise<HeadersInit>;
  /** The user the host signed in as, passed to `headers` for the first request (`GET /session`); from then on the adapter acts for the user the server names, until `session.setUser`. */
  user?: User;
  /** Default: the global `fetch`. */
  fetch?: typeof fetch;
  /** How often a read is retried after a network error or a 503 (default 3). Writes never are, except after a 429, which the server answers before it runs anything. */
  retries?: number;
  /** The first retry waits this long (ms, default 200), each next one twice as long, plus a little jitter. */
  retryDelayMs?: number;
  /**
   * A request with no whole answer after this long (ms, default 30 000) is given up as one whose
   * connection dropped: a read is retried once (a second wait without an answer fails it as
   * `unavailable`), a write fails as unconfirmed (`unavailable`; the offline adapter keeps it to
   * send again under the same request id).
   */
  timeoutMs?: number;
  /**
   * The change feed reconnects after this long (ms, default 1000), backing off to about 10 s; at
   * once when it could not reach the server and the server answers another request meanwhile.
   */
  reconnectDelayMs?: number;
  /** A change feed silent this long (ms, default 45 000; the server pings every 15 s) is taken for a dead connection (a laptop that slept, a NAT that forgot it) and opened again. */
  feedIdleMs?: number;
  /**
   * The change feed stays open this long (ms, default 5000) after its last subscriber left, so an
   * element replaced by another (the next contact's card) keeps the stream instead of opening a
   * new one: browsers hold an aborted stream's connection for seconds, and six of those to one
   * server stall every other request.
   */
  feedLingerMs?: number;
}

/**
 * The adapter for a LIFT server: every call is a request to the HTTP API in `server/API.md`
 * (the reference server in `server/` implements it). Rights are the server's business; the
 * adapter only mirrors them in `session.can` so elements can hide what the user may not do.
 *
 * ```ts
 * const adapter = await HttpAdapter.connect({
 *   baseUrl: 'https://crm.example.com/api/lift',
 *   headers: async () => ({ Authorization: `Bearer ${await auth.token()}` }),
 * });
 * document.querySelector('lift-data-provider')!.adapter = adapter;
 * ```
 *
 * Served from another origin, the server must allow the request headers `Authorization`,
 * `Content-Type`, `If-Match`, `If-None-Match`, `Last-Event-ID`, `Lift-Client` and `Lift-Request`, and expose
 * `Lift-Changes` (without it the adapter cannot tell subscribers what its own writes changed).
 *
 * Changes this instance makes reach subscribers (as `local`) before the write resolves; changes
 * from colleagues arrive (as `remote`) over `GET /events`, which is open while anyone subscribes
 * (and a few seconds longer, for the next subscriber) and resumes where it left off after a lost
 * connection. When the server cannot resume there
 * (the changes since were pruned, or the database was restored from an older backup), it sends
 * `event: reset`, and the adapter reports an `updated` change for every resource without a
 * `contactId` (with `ids` naming the relations it served lately, and none for contacts): anything
 * may have changed, so elements read again what they show.
 */
export class HttpAdapter implements LiftAdapter {
  /** Opens an adapter for the user the server finds in `headers`' credentials. */
  static async connect(options: HttpAdapterOptions): Promise<HttpAdapter> {
    const t = HttpAdapter.#transport(options);
    const answer = (await request<unknown>(t, ['session'])) as Record<string, unknown> | null;
    return HttpAdapter.#open(options, t, answer);
  }

  /**
   * Opens an adapter from an answer to `GET /session` kept from an earlier visit, without asking
   * the server: what an adapter with a copy on the device does while the server cannot be
   * reached. Its `feedPosition` is where the change feed resumes. Rights are the ones kept until
   * the server is asked again; a client id, with {@link HttpAdapter.renewClientId}.
   */
  static resume(options: HttpAdapterOptions, session: Readonly<Record<string, unknown>>): HttpAdapter {
    // Not the kept visit's client id: every tab opened from it would take the others' changes for its own.
    const { clientId: _kept, ...rest } = session;
    return HttpAdapter.#open(options, HttpAdapter.#transport(options), rest);
  }

  static #transport(options: HttpAdapterOptions): Transport {
    if (typeof options?.baseUrl !== 'string' || !options.baseUrl) {
      throw new LiftDataError('validation', 'HttpAdapter needs a baseUrl.', { fields: { baseUrl: 'required' } });
    }
    const fetcher = options.fetch ?? globalThis.fetch;
    return {
      base: options.baseUrl.replace(/\/+$/, ''),
      fetch: (input, init) => fetcher(input, init),
      auth: options.headers ?? (() => ({})),
      clientId: newId(),
      retries: Math.max(0, options.retries ?? 3),
      retryDelayMs: Math.max(0, options.retryDelayMs ?? 200),
      timeoutMs: Math.max(1, options.timeoutMs ?? 30_000),
      life: new AbortController(),
      user: userFrom(options.user) ?? { id: '', name: '', role: '' },
      publish: () => {},
      reached: () => {},
      writes: new Writes(),
    };
  }

  static #open(options: HttpAdapterOptions, t: Transport, answer: Record<string, unknown> | null): HttpAdapter {
    const user = userFrom(answer?.user);
    if (!user || !Array.isArray(answer?.capabilities)) {
      throw new LiftDataError('unavailable', 'The server answered GET /session with something this adapter does not understand.');
    }
    const roles = [...(Array.isArray(answer.roles) ? answer.roles : []), answer.role].filter(
      (role): role is Role => typeof role?.id === 'string' && Array.isArray(role.rights),
    );
    const capabilities = new Set(CAPABILITIES.filter((c) => (answer.capabilities as unknown[]).includes(c)));
    t.user = user;
    if (typeof answer.clientId === 'string') t.clientId = answer.clientId;
    const adapter = new HttpAdapter(t, roles, capabilities, options.reconnectDelayMs ?? 1000, options.feedIdleMs ?? 45_000, options.feedLingerMs ?? 5000);
    // The feed starts where the server stood when we connected, so a change made between an
    // element's first read and its subscribing still reaches it.
    if (typeof answer.feedPosition === 'string' && /^\d+$/.test(answer.feedPosition)) adapter.#lastEventId = answer.feedPosition;
    adapter.#session = answer;
    return adapter;
  }

  #session: Readonly<Record<string, unknown>> = {};

  /** The answer to `GET /session` this adapter was opened with (what {@link HttpAdapter.resume} takes). */
  get sessionAnswer(): Readonly<Record<string, unknown>> {
    return this.#session;
  }

  /** Makes the write `write` starts (synchronously, as every write method does) send `id` as its `Lift-Request`: a create sent again with the same id is answered once, so a write whose answer was lost can be repeated without a second record. */
  withRequestId<T>(id: string, write: () => Promise<T>): Promise<T> {
    this.#t.nextWriteId = id;
    try {
      return write();
    } finally {
      this.#t.nextWriteId = undefined;
    }
  }

  readonly capabilities: ReadonlySet<Capability>;
  readonly work?: WorkApi;
  readonly checklists?: ChecklistsApi;
  readonly templates?: TemplatesApi;
  readonly reports?: ReportsApi;
  readonly preferences?: PreferencesApi;
  readonly #t: Transport;
  readonly #roles: readonly Role[];
  readonly #reconnectDelayMs: number;
  readonly #idleMs: number;
  readonly #lingerMs: number;
  readonly #listeners = new Set<ChangeListener>();
  #feed: AbortController | undefined;
  /** While the feed stays open with no subscriber: where it stood when the last one left, and the timer that closes it. */
  #lingering: { lastEventId: string | undefined; timer: ReturnType<typeof setTimeout> } | undefined;
  #feedState: 'idle' | 'connecting' | 'open' | 'retrying' = 'idle';
  #lastEventId: string | undefined;
  /** While the feed waits to reconnect after it could not reach the server: aborted by any answer from it, which ends the wait. */
  #lost: AbortController | undefined;
  /** Ids of the relations read one by one lately, newest last: what elements may show. */
  readonly #served = new Set<Id>();

  private constructor(t: Transport, roles: readonly Role[], capabilities: ReadonlySet<Capability>, reconnectDelayMs: number, idleMs: number, lingerMs: number) {
    this.#t = t;
    this.#roles = roles;
    this.#reconnectDelayMs = Math.max(0, reconnectDelayMs);
    this.#idleMs = Math.max(1, idleMs);
    this.#lingerMs = Math.max(0, lingerMs);
    this.capabilities = capabilities;
    t.publish = (changes) => this.#publish(changes);
    t.reached = () => this.#lost?.abort();
    if (capabilities.has('work')) this.work = {
      listForContact: (contactId, query = {}) =>
        this.#get(['contacts', contactId, 'work'], { includeArchived: query.includeArchived, limit: query.limit, cursor: query.cursor }, query),
      create: (input) => this.#send('POST', ['work'], input),
    };
    if (capabilities.has('checklists')) this.checklists = {
      definitions: (cardType, options = {}) => this.#get(['checklists', cardType, 'definitions'], { includeDeleted: options.includeDeleted }, options),
      states: (contactId, options) => this.#get(['contacts', contactId, 'checklist'], {}, options),
      setState: (contactId, itemId, expectedVersion, change) =>
        this.#send('PUT', ['contacts', contactId, 'checklist', itemId], change, expectedVersion === 0 ? 'absent' : { version: expectedVersion }),
      saveDefinition: (d) => {
        // Only the editable fields: callers often pass a loaded definition back with changes.
        const body = { cardType: d.cardType, text: d.text, category: d.category, order: d.order, mode: d.mode, modeByStatus: d.modeByStatus };
        return d.id
          ? this.#send('PUT', ['checklists', 'definitions', d.id], body, { version: d.version as number })
          : this.#send('POST', ['checklists', 'definitions'], body);
      },
      deleteDefinition: (id, expectedVersion) => this.#send('DELETE', ['checklists', 'definitions', id], undefined, { version: expectedVersion }),
    };
    if (capabilities.has('templates')) this.templates = {
      list: (options) => this.#get(['templates'], {}, options),
      createDocument: (contactId, templateId, text) => this.#send('POST', ['contacts', contactId, 'documents'], { templateId, ...(text ? { subject: text.subject, body: text.body } : {}) }),
    };
    if (capabilities.has('reports')) this.reports = {
      list: (options) => this.#get(['reports'], {}, options),
      run: ((reportId: string, contactId: Id, options?: ReportRunOptions) =>
        this.#get<Report>(['contacts', contactId, 'reports', reportId], { timeZone: options?.timeZone }, options)) as ReportsApi['run'],
    };
    if (capabilities.has('preferences')) this.preferences = {
      get: (cardType, options) => this.#get(['preferences', cardType], {}, options),
      set: (cardType, preferences) => this.#send('PUT', ['preferences', cardType], preferences),
    };
  }

  /** Sent as `Lift-Client` with every request; the feed tells this instance's own changes by it. `GET /session` gives it out, bound to the user. */
  get clientId(): string {
    return this.#t.clientId;
  }

  /** Asks for one of the current user's (after `session.setUser`, and once one {@link HttpAdapter.resume} opened reaches the server). */
  renewClientId(): void {
    const user = this.#t.user.id;
    const adopt = (answer: { clientId?: unknown; user?: unknown } | null) => {
      if (this.#t.user.id === user && userFrom(answer?.user)?.id === user && typeof answer?.clientId === 'string') this.#t.clientId = answer.clientId;
    };
    void request<{ clientId?: unknown; user?: unknown }>(this.#t, ['session']).then(adopt, () => {});
  }

  /** The server and space this adapter reaches (its base URL): drafts are kept per server. */
  get scope(): string {
    return this.#t.base;
  }

  /** The id of the newest feed event seen, sent as `Last-Event-ID` when the feed reconnects. */
  get lastEventId(): string | undefined {
    return this.#lastEventId;
  }

  /** Makes the change feed resume at `position` (a `lastEventId` kept from an earlier visit, or by the user now signed in): the changes since are told, or a reset when the server no longer holds them. An open feed is opened again there. */
  resumeFeedFrom(position: string): void {
    if (!/^\d+$/.test(position)) return;
    // One that only lingers for a next subscriber closes: that one opens it from here.
    const heard = this.#feed && !this.#lingering;
    this.#stopFeed();
    this.#lastEventId = position;
    if (heard) this.#startFeed();
  }

  get feedState(): 'idle' | 'connecting' | 'open' | 'retrying' {
    return this.#feedState;
  }

  #serve(id: Id): Id {
    const ids = this.#served;
    ids.delete(id);
    ids.add(id);
    if (ids.size > SERVED) ids.delete(ids.values().next().value!);
    return id;
  }

  #get<T>(path: string[], query: Query, options: ReadOptions | undefined): Promise<T> {
    return request<T>(this.#t, path, { query, signal: options?.signal });
  }

  #send<T>(method: Method, path: string[], body: unknown, precondition?: Precondition): Promise<T> {
    return request<T>(this.#t, path, { method, body, precondition });
  }

  readonly session: SessionApi = {
    currentUser: () => ({ ...this.#t.user }),
    role: () => {
      const { role } = this.#t.user;
      const found = this.#roles.find((r) => r.id === role);
      return found ? { ...found, rights: [...found.rights] } : { id: role, name: role, rights: [] };
    },
    can: (right) => this.session.role().rights.includes(right),
    setUser: (user) => {
      const next = userFrom(user);
      if (!next) throw new LiftDataError('validation', 'A user needs an id and a role.');
      const changed = next.id !== this.#t.user.id;
      this.#t.user = next;
      // The client id is bound to the user it was given to: ask for one of the new user's.
      if (changed) this.renewClientId();
      // The feed is a request too: reopen it with the new user's credentials, where it left off;
      // one that only lingers for a next subscriber closes there (that one resumes from it).
      if (changed && this.#feed) {
        const lingering = this.#lingering;
        this.#stopFeed();
        if (lingering) this.#lastEventId = lingering.lastEventId;
        else this.#startFeed();
      }
    },
    users: (options) => this.#get(['users'], {}, options),
  };

  readonly contacts: ContactsApi = {
    get: (id, options) => this.#get(['contacts', id], {}, options),
    list: (query = {}) =>
      this.#get(['contacts'], { relationId: query.relationId, text: query.text, includeArchived: query.includeArchived, limit: query.limit, cursor: query.cursor }, query),
    create: (input) => this.#send('POST', ['contacts'], nullForMissing(input)),
    update: (id, expectedVersion, changes) => this.#send('PATCH', ['contacts', id], nullForMissing(changes), { version: expectedVersion }),
    setArchived: (id, expectedVersion, archived) => this.#send('PUT', ['contacts', id, 'archived'], { archived }, { version: expectedVersion }),
    copy: (id, { relationId, archiveOriginal, expectedVersion, details }) => {
      const precondition = expectedVersion !== undefined ? { version: expectedVersion } : archiveOriginal ? 'any' : undefined;
      const body = { relationId, ...(archiveOriginal ? { archiveOriginal: true } : {}), ...(details ? { details } : {}) };
      return this.#send('POST', ['contacts', id, 'copy'], body, precondition);
    },
  };

  readonly relations: RelationsApi = {
    get: (id, options) => this.#get(['relations', this.#serve(id)], {}, options),
    list: (query = {}) =>
      this.#get(['relations'], { kind: query.kind, text: query.text, includeArchived: query.includeArchived, limit: query.limit, cursor: query.cursor }, query),
    create: (input) => this.#send('POST', ['relations'], input),
  };

  readonly timeline: TimelineApi = {
    list: (contactId, query = {}) => this.#get(['contacts', contactId, 'timeline'], { kinds: query.kinds, limit: query.limit, cursor: query.cursor }, query),
    query: (contactId, query = {}) =>
      this.#get(['contacts', contactId, 'overview'], { text: query.text, kinds: query.kinds, from: query.from, to: query.to, limit: query.limit, cursor: query.cursor }, query),
    // Page by page: no one answer holds a long history.
    all: async (contactId, options) => {
      const entries: TimelineEntry[] = [];
      let cursor: string | undefined;
      do {
        const page: Page<TimelineEntry> = await this.timeline.list(contactId, { limit: EXPORT_PAGE, ...(cursor ? { cursor } : {}), ...(options?.signal ? { signal: options.signal } : {}) });
        entries.push(...page.items);
        cursor = page.next;
      } while (cursor);
      return entries;
    },
    count: async (contactId, options) => (await this.#get<{ count: number }>(['contacts', contactId, 'timeline', 'count'], {}, options)).count,
    add: ({ contactId, ...entry }) => this.#send('POST', ['contacts', contactId, 'timeline'], entry),
    update: (id, changes) => this.#send('PATCH', ['timeline', id], changes),
    remove: async (id) => {
      await this.#send('DELETE', ['timeline', id], undefined);
    },
  };

  // ---------------------------------------------------------------- change feed

  /** Tells every listener; a throwing listener is reported and does not stop the others. */
  #publish(changes: readonly (DataChange | LifecycleNotice)[]): void {
    for (const change of changes) {
      for (const listener of [...this.#listeners]) {
        try {
          listener({ ...change });
        } catch (error) {
          if (typeof reportError === 'function') reportError(error);
          else console.error(error);
        }
      }
    }
  }

  subscribe(listener: ChangeListener): () => void {
    this.#listeners.add(listener);
    if (this.#lingering) {
      clearTimeout(this.#lingering.timer);
      this.#lingering = undefined;
    }
    if (!this.#feed && !this.#t.life.signal.aborted) this.#startFeed();
    return () => {
      if (this.#listeners.delete(listener) && !this.#listeners.size) this.#linger();
    };
  }

  /** No one listens: the feed closes after a while, or as soon as a change comes that no one would hear. */
  #linger(): void {
    if (!this.#feed || this.#lingering) return;
    this.#lingering = { lastEventId: this.#lastEventId, timer: setTimeout(() => this.#stopFeed(), this.#lingerMs) };
  }

  /** Ends the change feed and retry waits; later calls reject with `unavailable`. */
  close(): void {
    if (this.#t.life.signal.aborted) return;
    this.#t.life.abort();
    this.#stopFeed();
    this.#publish([{ type: 'closed', origin: 'local' }]);
  }

  #startFeed(): void {
    this.#feed = new AbortController();
    void this.#listen(this.#feed.signal);
  }

  #stopFeed(): void {
    if (this.#lingering) clearTimeout(this.#lingering.timer);
    this.#lingering = undefined;
    this.#feed?.abort();
    this.#feed = undefined;
    this.#feedState = 'idle';
  }

  /** Keeps `GET /events` open until `signal` aborts, reconnecting with backoff. */
  async #listen(signal: AbortSignal): Promise<void> {
    let wait = this.#reconnectDelayMs;
    let woken = false;
    while (!signal.aborted) {
      this.#feedState = 'connecting';
      let refused = false;
      // No answer at all within the idle time (a connection that died before the server answered,
      // or a host's `headers` that never answered; each gets it) is a dead feed too: asked for again.
      const attempt = new AbortController();
      const giveUp = () => attempt.abort();
      signal.addEventListener('abort', giveUp, { once: true });
      let unanswered = setTimeout(giveUp, this.#idleMs);
      try {
        const extra = { Accept: 'text/event-stream', ...(this.#lastEventId === undefined ? {} : { 'Last-Event-ID': this.#lastEventId }) };
        const headers = await unlessAborted(headersFor(this.#t, extra), attempt.signal);
        clearTimeout(unanswered);
        unanswered = setTimeout(giveUp, this.#idleMs);
        const response = await this.#t.fetch(`${this.#t.base}/events`, { headers, signal: attempt.signal }).finally(() => clearTimeout(unanswered));
        if (!response.ok || !response.body || !response.headers.get('Content-Type')?.toLowerCase().startsWith('text/event-stream')) {
          refused = true;
          void response.body?.cancel().catch(() => {});
          throw new Error(`The change feed answered HTTP ${response.status}.`);
        }
        if (!signal.aborted) [this.#feedState, woken] = ['open', false];
        await readEventStream(response.body, signal, this.#idleMs, (event) => {
          this.#dispatch(event);
          wait = this.#reconnectDelayMs;
        });
      } catch {
        // A lost connection, a refused token, a proxy's error page: try again below.
      } finally {
        clearTimeout(unanswered);
        signal.removeEventListener('abort', giveUp);
      }
      if (signal.aborted) return;
      this.#feedState = 'retrying';
      // Unreachable (offline, the server away): a request answered meanwhile says it is back, and
      // the feed asks at once, once (unreachable again then, only the feed is: a proxy, a blocker).
      // One the server refused waits: asked at once, it would be refused again.
      this.#lost = refused || woken ? undefined : new AbortController();
      await delay(wait * (1 + Math.random() / 4), [signal, this.#lost?.signal]);
      woken = Boolean(this.#lost?.signal.aborted);
      this.#lost = undefined;
      wait = Math.min(wait * 2, Math.max(MAX_RECONNECT_MS, this.#reconnectDelayMs));
    }
  }

  #dispatch({ type, data, id }: StreamEvent): void {
    if (this.#lingering && type !== 'ready') {
      // No one would hear it: the feed closes where the last subscriber left it, and the next
      // subscriber's feed resumes from there and is told.
      const { lastEventId } = this.#lingering;
      this.#stopFeed();
      this.#lastEventId = lastEventId;
      return;
    }
    if (type === 'ready') {
      // Where the feed stands now; a reconnect keeps its own position so it misses nothing.
      if (this.#lastEventId === undefined) {
        const newest = (parseJson(data) as { lastEventId?: unknown } | undefined)?.lastEventId ?? id;
        if (typeof newest === 'string' || typeof newest === 'number') this.#lastEventId = String(newest);
      }
      return;
    }
    if (id !== undefined) this.#lastEventId = id;
    if (type === 'reset') {
      // The server could not resume where this feed left off: changes were missed. Anything may
      // have changed, so every resource is reported as a bulk change (no contactId), and
      // subscribers read again what they show. No contact is named: any may have changed, one
      // never read here too (added by a colleague at a relation shown), and a change naming only
      // the contact a card shows says nothing to the card's list of the others at its relation.
      // The relations read lately are named, for what reads again only a relation a change names.
      const at = new Date().toISOString();
      this.#publish(RESOURCES.map((resource) => ({ type: 'updated', resource, origin: 'remote', at, ids: resource === 'relation' ? [...this.#served] : [] })));
      return;
    }
    if (type !== 'change') return;
    const raw = parseJson(data) as { client?: unknown; request?: unknown } | undefined;
    if (raw?.client === this.clientId) {
      // Our own: published as local when the write answered, unless that answer never came.
      const change = toChange(raw, 'local');
      if (change && this.#t.writes.fromFeed(typeof raw.request === 'string' ? raw.request : undefined, change)) this.#publish([change]);
      return;
    }
    const change = toChange(raw, 'remote');
    if (change) this.#publish([change]);
  }
}

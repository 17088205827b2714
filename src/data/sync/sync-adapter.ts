import type { Capability, ChangeListener, ChecklistsApi, ContactsApi, DataChange, LiftAdapter, PreferencesApi, RelationsApi, ReportsApi,
  SessionApi, TemplatesApi, TimelineApi, TimelineEntryChanges, WorkApi } from '../contract/adapter.js';
import { LiftDataError } from '../contract/errors.js';
import { newId } from '../contract/ids.js';
import type { Id } from '../contract/model.js';
import type { Connection, PendingChange, SyncApi, SyncState } from '../contract/sync.js';
import type { HttpAdapterOptions } from '../adapters/http-adapter.js';
import { conflictOf, sendOnce, type Remote } from './outbox.js';
import { CatchUp } from './catch-up.js';
import { groupsOver } from './groups.js';
import { Credentials, LAST_USER, reachServer, storage } from './connect.js';
import { changeDeviceNote, discardChange, entryFor, everyResource, keepSaved, keptChange, keyOf, pendingOf, refusedChange, retryRefused, sending, sendOldest, sendOverTheirs, showsWaiting, storageError, withWaiting } from './device-writes.js';
import { Replica, replicaName, type OutboxEntry } from './replica.js';
import { alone, Fanout, Probe, Streak } from './signals.js';

export interface SyncAdapterOptions extends HttpAdapterOptions {
  /** The start of the device copy's database name (default `lift-sync`); one database per server and user. */
  name?: string;
  /** While offline, the server is asked again after this long (ms, default 2000), backing off to 30 s. */
  probeMs?: number;
}

/** `over`'s options; `credentials` tells of the server refusing them (`connect` passes its own). */
type OverOptions = { name?: string; probeMs?: number; online?: boolean; credentials?: Credentials };
const MAX_PROBE_MS = 30_000;

/**
 * The team server's adapter that keeps working offline. It is `HttpAdapter` with a copy on the
 * device: every answer the user read is kept in IndexedDB and served from there (marked stale
 * through `sync.isStale`) while the server cannot be reached; details saved, notes added,
 * checklist items ticked and layout choices made meanwhile wait in an outbox on the device and
 * are sent in order, once, when it answers again. A colleague's change to other fields of the
 * same contact merges by itself; to the same fields it waits for the user (`sync.conflict`, the
 * card's conflict dialog); a write the server refuses keeps what the user wrote. Tabs of one
 * user share the copy and the outbox, and one tab at a time sends it (a Web Lock).
 *
 * ```ts
 * const adapter = await SyncAdapter.connect({ baseUrl, user, headers: (user) => ({ Authorization: `Bearer ${tokenFor(user)}` }) });
 * ```
 */
export class SyncAdapter implements LiftAdapter {
  /** Connects to the server, or opens the copy of the previous visit when it cannot be reached. */
  static async connect(options: SyncAdapterOptions): Promise<SyncAdapter> {
    const prefix = options.name ?? 'lift-sync';
    const credentials = new Credentials();
    const { remote, online } = await reachServer({ retries: 1, ...options }, prefix, credentials);
    return SyncAdapter.over(remote, { name: prefix, probeMs: options.probeMs ?? 2000, online, credentials });
  }

  /** A copy on the device of any adapter whose writes take a request id; `online: false` starts as if it had not answered. */
  static async over(remote: Remote, { name = 'lift-sync', probeMs = 2000, online = true, credentials = new Credentials() }: OverOptions = {}): Promise<SyncAdapter> {
    const adapter = new SyncAdapter(remote, name, probeMs, credentials);
    if (online) {
      await adapter.#resumeFeed();
      await adapter.#keepSession();
    } else adapter.#setOffline(await (await adapter.#copy()).meta<string>('lastOnline'));
    return adapter;
  }

  // The groups of the contract: the reads answered from the device when needed, the writes
  // that may wait; the rest is the server's (copying, archiving, documents need it).
  readonly capabilities: ReadonlySet<Capability>;
  readonly scope: string;
  readonly session: SessionApi;
  readonly contacts: ContactsApi;
  readonly relations: RelationsApi;
  readonly timeline: TimelineApi;
  readonly work?: WorkApi; readonly checklists?: ChecklistsApi; readonly templates?: TemplatesApi;
  readonly reports?: ReportsApi; readonly preferences?: PreferencesApi;
  readonly sync: SyncApi;
  /** A create goes straight to the server (what may wait has a request id of its own): retried after a lost answer, it is answered once. */
  readonly withRequestId = <T>(id: string, write: () => Promise<T>): Promise<T> => this.#remote.withRequestId(id, write);

  readonly #remote: Remote;
  readonly #prefix: string;
  readonly #credentials: Credentials;
  #replica: { user: Id; open: Promise<Replica> } | undefined;
  #connection: Connection = 'online';
  #lastOnline: string | undefined;
  /** How many entries wait, as last counted (for the state shown; a write reads the outbox itself). */
  #waiting = 0;
  /** Whose outbox the counts are of: until the signed-in user's has been counted, nothing is told. */
  #countedFor: Id | undefined;
  #counts = 0;
  #latest: Promise<void> = Promise.resolve();
  #failed: PendingChange[] = [];
  readonly #watchers = new Fanout<SyncState>();
  readonly #stale = new WeakSet<object>();
  readonly #pending = new WeakSet<object>();
  readonly #probe: Probe;
  readonly #streak = new Streak();
  readonly #catchUp: CatchUp;
  #draining: Promise<void> | undefined;
  #again = false;
  /** The device's copy failed while sending: the outbox is sent again, less and less often, until it goes. */
  readonly #resend = new Probe(1000, MAX_PROBE_MS, () => this.#drain(), () => {});
  #channel: BroadcastChannel | undefined;
  #closed = false;
  readonly #listeners = new Fanout<Parameters<ChangeListener>[0]>();
  #unsubscribe: (() => void) | undefined;
  readonly #onOnline = () => void this.sync.retry().catch(() => {});
  readonly #onOffline = () => this.#setOffline();

  private constructor(remote: Remote, prefix: string, probeMs: number, credentials: Credentials) {
    this.#remote = remote;
    this.#prefix = prefix;
    this.#credentials = credentials;
    // Taken again: the server answered, and the state goes from refused straight to connected.
    credentials.changed = () => (credentials.refused ? this.#notify() : this.#reached());
    this.#catchUp = new CatchUp(() => this.#copy(), remote, () => this.#connection !== 'offline', (position) => this.#feedMoved(position));
    this.#probe = new Probe(Math.max(10, probeMs), MAX_PROBE_MS, () => remote.session.users().catch((error: unknown) => { this.#streak.end(); throw error; }), () => this.#reached());
    this.capabilities = remote.capabilities;
    this.scope = remote.scope ?? 'remote';
    const groups = groupsOver(remote, {
      read: (method, contactId, args, call) => this.#read(method, contactId, args, call),
      contact: (id, call) => this.#asWritten((e) => e.op === 'contacts.update' && e.contactId === id, 'contacts.get', [id], call),
      preferences: (cardType, call) => this.#asWritten((e) => e.op === 'preferences.set' && e.args[0] === cardType, 'preferences.get', [cardType], call),
      write: (op, args, contactId, local) => this.#write(op, args, contactId, async (entry) => local(await this.#copy(), entry)),
      note: (id, changes, call) => this.#note(id, changes, call),
      setUser: (changed) => {
        this.#openChannel();
        if (!changed) return;
        void this.#resumeFeed().catch(() => {});
        // What shows was read for the previous user, from their copy (with what of theirs waits).
        this.#publish(everyResource());
      },
    });
    ({ session: this.session, contacts: this.contacts, relations: this.relations, timeline: this.timeline } = groups);
    ({ work: this.work, checklists: this.checklists, templates: this.templates, reports: this.reports, preferences: this.preferences } = groups);
    this.sync = {
      state: () => this.#state(),
      watch: (listener) => this.#watchers.add(listener),
      pending: async () => (await this.#entries()).map(pendingOf),
      retry: (id) => this.#retry(id),
      discard: (id) => this.#discard(id),
      sendAnyway: (id) => this.#sendAnyway(id),
      conflict: async (contactId) =>
        conflictOf((await this.#entries()).find((e) => e.op === 'contacts.update' && e.contactId === contactId && e.state === 'conflict')),
      isStale: (record) => this.#stale.has(record),
      isPending: (record) => this.#pending.has(record),
      caughtUp: () => this.#catchUp.idle(),
    };
    globalThis.addEventListener?.('online', this.#onOnline);
    globalThis.addEventListener?.('offline', this.#onOffline);
    this.#openChannel();
  }

  /** The adapter this one reads and sends through. */
  get remote(): Remote {
    return this.#remote;
  }

  // ------------------------------------------------------------------ the copy

  #user(): Id {
    return this.#remote.session.currentUser().id;
  }

  #copy(): Promise<Replica> {
    // Closed, its copy is too: a read that comes after gets an error of the contract, not the browser's.
    if (this.#closed) return Promise.reject(new LiftDataError('aborted', 'This adapter was closed.'));
    const user = this.#user();
    if (this.#replica?.user !== user) {
      void this.#replica?.open.then((replica) => replica.close(), () => {});
      this.#replica = { user, open: Replica.open(replicaName(this.#prefix, this.scope, user), () => this.#publish([{ type: 'version-change', origin: 'remote' }])) };
      storage()?.setItem(LAST_USER + this.scope, user);
    }
    return this.#replica.open;
  }

  /**
   * The feed resumes where this device last followed it for the user signed in (not where the
   * previous user left it; read before `#keepSession` writes where it stands now), so what changed
   * while it was away is told, or a reset is, and the copy reads that again.
   */
  async #resumeFeed(): Promise<void> {
    const user = this.#user();
    const position = await (await this.#copy()).meta<string>('feedPosition');
    if (position && this.#user() === user) this.#remote.resumeFeedFrom?.(position);
  }

  /** The session as the server gave it, kept so a reload without a server opens as this user. */
  async #keepSession(): Promise<void> {
    const replica = await this.#copy();
    const answer = this.#remote.sessionAnswer;
    // Kept only as the user it names: after a switch of user, the server is asked again first.
    if (answer && (answer.user as { id?: unknown } | undefined)?.id === this.#user()) {
      const { feedPosition: _feed, ...session } = answer;
      await replica.setMeta('session', session);
    }
    if (this.#remote.lastEventId && !this.#catchUp.waiting) await replica.setMeta('feedPosition', this.#remote.lastEventId);
  }

  /** The copy read again what the change feed told up to `position` (by default all): a reload resumes from there. */
  #feedMoved(position = this.#catchUp.waiting ? undefined : this.#remote.lastEventId): void {
    if (position) void this.#copy().then((replica) => replica.setMeta('feedPosition', position)).catch(() => {});
  }

  /** Reads from the server and keeps the answer; while it cannot be reached, answers what was kept. */
  async #read<T>(method: string, contactId: Id | undefined, args: readonly unknown[], call: () => Promise<T>): Promise<T> {
    const key = keyOf(method, contactId, args);
    if (this.#connection !== 'offline') {
      const [asked, user] = [Date.now(), this.#user()];
      try {
        const value = await call();
        this.#reached();
        // Kept for the user who asked: one who signed in meanwhile has not read it (nor may, perhaps).
        if (this.#user() !== user) return value;
        // A note or tick still on its way (the server does not hold it yet) stays in what is shown:
        // only the outbox is read before answering; the answer is kept on the device meanwhile.
        const shown = showsWaiting(key) ? ((await this.#copy().then((replica) => withWaiting(replica, key, value)).catch(() => value)) as T) : value;
        void this.#copy().then((replica) => replica.keep(key, shown, asked)).catch(() => {});
        return shown;
      } catch (error) {
        if (!LiftDataError.is(error, 'unavailable')) throw error;
        this.#setOffline();
      }
    }
    const kept = await (await this.#copy()).read<T>(key);
    this.#streak.copyRead();
    if (kept === undefined) {
      throw new LiftDataError('unavailable', 'The server cannot be reached, and this was not read on this device before.');
    }
    if (kept && typeof kept === 'object') this.#stale.add(kept);
    return kept;
  }

  /**
   * A record with a write waiting on the device (the entry `waits` picks) is shown as written
   * there, marked pending: read from the server meanwhile (back online, before it is sent), the
   * older one would show. Otherwise it is read.
   */
  async #asWritten<T extends object>(waits: (entry: OutboxEntry) => boolean, method: string, args: readonly unknown[], call: () => Promise<T>): Promise<T> {
    const waiting = (await this.#entries()).find((e) => e.state === 'waiting' && waits(e));
    if (!waiting) return this.#read(method, undefined, args, call);
    const local = { ...(waiting.local as T) };
    this.#pending.add(local);
    return local;
  }

  async #entries(): Promise<OutboxEntry[]> {
    return (await this.#copy()).outbox();
  }

  // ------------------------------------------------------------------ writes

  /**
   * Sends a write now when the server answers and nothing waits before it; otherwise (or when it
   * cannot be sent) it joins the outbox and `local` is what the caller gets: kept, not saved.
   */
  async #write<T>(op: OutboxEntry['op'], args: unknown[], contactId: Id | undefined, local: (entry: OutboxEntry) => Promise<T>): Promise<T> {
    const id = newId();
    const user = this.#user();
    // The outbox itself, not the count kept here: another tab may have queued a write a moment
    // ago, and this one must not overtake it (nor be told it failed when the server took it).
    const waits = (await this.#entries()).some((e) => e.state === 'waiting');
    const entry = entryFor(id, op, args, contactId);
    if (this.#connection === 'online' && !waits) {
      const sent = Date.now();
      try {
        // Sent as `user` only: with another signed in meanwhile (its credentials), it is not sent.
        const value = (await sendOnce(this.#remote, entry, undefined, user)) as T;
        this.#reached();
        // What the server took is what the device shows, and what a change made offline starts
        // from; kept as far as the device can: a copy that fails here does not undo the save.
        const settled = this.#user() === user && (await this.#copy().then((replica) => keepSaved(replica, entry, value, sent)).catch(() => false));
        if (settled) await this.#changed();
        return value;
      } catch (error) {
        // Not sent, or sent without an answer: it waits, under the same request id (`tried`). Not
        // sent because another user signed in (`aborted`): it fails as unsent, below.
        if (LiftDataError.is(error, 'unavailable')) {
          Object.assign(entry, sending(entry), { tried: true });
          this.#setOffline();
        } else if (!LiftDataError.is(error, 'aborted') || this.#user() === user) throw error;
      }
    }
    // Only in the outbox of the user who made it: with another signed in meanwhile it fails as unsent.
    if (this.#user() !== user) throw new LiftDataError('unavailable', 'Another user signed in before the change was kept.');
    const value = await local(entry);
    if (value && typeof value === 'object') this.#pending.add(value);
    void this.#changed(keptChange(entry, value, user));
    return value;
  }

  /** A note made on the device is corrected or removed where it is: in the outbox, or on the server once it landed. */
  async #note<T>(id: Id, changes: TimelineEntryChanges | undefined, call: (id: Id) => Promise<T>): Promise<T> {
    const outcome = await this.#outboxAlone(async () => changeDeviceNote(await this.#copy(), id, changes));
    if ('landed' in outcome) return call(outcome.landed);
    if (outcome.waiting) this.#pending.add(outcome.waiting);
    await this.#changed(outcome.change);
    return outcome.waiting as T;
  }

  // ------------------------------------------------------------------ sending

  /** Runs `work` while no tab of this user sends the outbox (a Web Lock; all of them run it alone). */
  readonly #outboxAlone = <T>(work: () => Promise<T>): Promise<T> => alone(`${this.#prefix}:${this.scope}:${this.#user()}`, work);

  /** Sends what waits, oldest first, in one tab at a time. */
  #drain(): Promise<void> {
    if (this.#draining) {
      this.#again = true;
      return this.#draining;
    }
    const user = this.#user();
    const run = async () => {
      do {
        this.#again = false;
        await this.#outboxAlone(() => this.#sendAll());
      } while (this.#again && this.#connection !== 'offline' && !this.#closed);
    };
    // Closed while sending (a reload), or another user signed in: the copy closed under it, and
    // the next open as that user sends what is left.
    this.#draining = run()
      .then(() => this.#resend.stop(), (error: unknown) => {
        if (this.#closed || this.#user() !== user) return;
        // The device's copy failed, not the server: what waits is told as waiting, and sent later.
        if (this.#connection === 'syncing') this.#connection = 'online';
        if (!this.#resend.running) this.#resend.start();
        void this.#refresh();
        throw storageError(error);
      })
      .finally(() => (this.#draining = undefined));
    return this.#draining;
  }

  async #sendAll(): Promise<void> {
    const user = this.#user();
    const replica = await this.#copy();
    let answered = false;
    for (;;) {
      if (this.#closed || this.#user() !== user) return;
      const next = (await replica.outbox()).find((e) => e.state === 'waiting');
      if (!next) break;
      if (this.#connection !== 'syncing') {
        this.#connection = 'syncing';
        this.#notify();
      }
      const outcome = await sendOldest(this.#remote, replica, next, user, this.#streak.last(next));
      answered ||= outcome !== 'unsent';
      if (outcome === 'unsent') {
        // Not sent because another user signed in meanwhile: the server was not found away.
        if (this.#user() === user) this.#setOffline(undefined, this.#streak.failed(next.id));
        return;
      }
      this.#streak.end();
      await this.#changed(...(outcome === 'refused' ? [refusedChange(next)] : []));
    }
    if (answered) this.#lastOnline = new Date().toISOString();
    // Nothing was left to send: online, unless nothing said so.
    if (answered || this.#connection === 'syncing') this.#connection = 'online';
    await this.#changed();
  }

  /** Connects now and sends what waits; change `id`, if refused, waits again first (the user pressed its Send again). */
  async #retry(id?: string): Promise<void> {
    if (id !== undefined) await retryRefused(await this.#copy(), id);
    await this.#changed();
    if (this.#connection === 'offline') {
      // Asked to connect: only an answer from the server makes it online.
      this.#probe.stop();
      try {
        await this.#remote.session.users();
      } catch (error) {
        if (!LiftDataError.is(error, 'unavailable')) throw error;
        this.#setOffline();
        return;
      }
      this.#reached();
    }
    await this.#drain();
  }

  async #discard(id: string): Promise<void> {
    const change = await discardChange(await this.#copy(), id);
    if (change) await this.#changed(change);
  }

  async #sendAnyway(id: string): Promise<void> {
    if (await sendOverTheirs(await this.#copy(), id)) await this.#changed();
  }

  // ------------------------------------------------------------------ the state

  #state(): SyncState {
    const refused = this.#connection === 'offline' && this.#credentials.refused;
    return { connection: this.#connection, waiting: this.#waiting, failed: [...this.#failed], ...(this.#lastOnline ? { lastOnline: this.#lastOnline } : {}), ...(refused ? { signInRefused: true } : {}) };
  }

  #notify(): void {
    // Just after another user signed in, the counts are the previous user's: not this user's state.
    if (this.#countedFor !== this.#user()) return;
    this.#watchers.emit(() => this.#state());
  }

  /** The outbox changed here: tell this adapter's listeners `changes`, count again, tell the other tabs (and theirs), and send when the server answers. */
  async #changed(...changes: DataChange[]): Promise<void> {
    this.#publish(changes);
    this.#channel?.postMessage(changes);
    await this.#refresh();
  }

  /** Counts the outbox again; when counts overlap, the one begun last is the one that holds. */
  #refresh(): Promise<void> {
    return (this.#latest = this.#count(++this.#counts));
  }

  async #count(count: number): Promise<void> {
    const user = this.#user();
    const entries = await this.#entries().catch(() => undefined);
    if (!entries) return; // the copy closed with the adapter
    if (count !== this.#counts) return this.#latest; // a later count read the outbox after this one did
    this.#countedFor = user;
    this.#waiting = entries.filter((e) => e.state === 'waiting').length;
    this.#failed = entries.filter((e) => e.state !== 'waiting').map(pendingOf);
    this.#notify();
    if (this.#waiting && this.#connection !== 'offline' && !this.#resend.running) void this.#drain().catch(() => {});
  }

  /** Counts this user's outbox, and hears other tabs of the user change it (made elsewhere, for this tab's listeners). */
  #openChannel(): void {
    void this.#refresh();
    this.#channel?.close();
    if (typeof BroadcastChannel !== 'function') return;
    this.#channel = new BroadcastChannel(`${this.#prefix}:${this.scope}:${this.#user()}`);
    this.#channel.onmessage = ({ data }: MessageEvent<unknown>) => {
      if (Array.isArray(data)) this.#publish(data.map((change: DataChange) => ({ ...change, origin: 'remote' as const })));
      void this.#refresh();
    };
  }

  /** The server answered. */
  #reached(): void {
    this.#lastOnline = new Date().toISOString();
    void this.#copy().then((replica) => replica.answered(this.#lastOnline!), () => {});
    this.#probe.stop();
    if (this.#connection === 'offline') {
      this.#connection = this.#waiting ? 'syncing' : 'online';
      this.#notify();
      // Opened offline, or offline since a user switch: a client id the server gave this tab, so
      // the feed tells its own changes from another tab's; and what was read from the copy may be
      // behind. Neither after waiting only to send a change the server failed on again (Streak).
      const quiet = this.#streak.quiet();
      if (!quiet) this.#remote.renewClientId?.();
      if (!quiet) this.#publish(everyResource());
      this.#catchUp.resume();
      void this.#keepSession().catch(() => {});
      if (this.#waiting) void this.#drain().catch(() => {});
    } else if (this.#connection === 'syncing' && !this.#waiting && !this.#draining) {
      this.#connection = 'online';
      this.#notify();
    }
  }

  /** The server did not answer: reads come from the copy, writes wait, and it is asked again now and then (the first wait doubled `doubled` times). */
  #setOffline(lastOnline?: string, doubled = 0): void {
    if (this.#closed) return;
    this.#lastOnline ??= lastOnline; // kept by an earlier visit (see Replica.answered)
    if (this.#connection !== 'offline') {
      this.#connection = 'offline';
      this.#notify();
    }
    if (!this.#probe.running) this.#probe.start(doubled);
  }

  /** The server's changes, while anyone listens (the feed stays closed otherwise). */
  subscribe(listener: ChangeListener): () => void {
    this.#listeners.add(listener);
    this.#unsubscribe ??= this.#remote.subscribe((change) => {
      this.#catchUp.heard(change, this.#remote.lastEventId);
      this.#feedMoved();
      this.#publish([change]);
    });
    return () => {
      if (!this.#listeners.delete(listener) || this.#listeners.size) return;
      this.#unsubscribe?.();
      this.#unsubscribe = undefined;
    };
  }

  #publish(changes: readonly Parameters<ChangeListener>[0][]): void {
    for (const change of changes) this.#listeners.emit(() => ({ ...change }));
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#probe.stop();
    this.#resend.stop();
    this.#catchUp.stop();
    this.#unsubscribe?.();
    this.#listeners.clear();
    this.#channel?.close();
    globalThis.removeEventListener?.('online', this.#onOnline);
    globalThis.removeEventListener?.('offline', this.#onOffline);
    void this.#replica?.open.then((replica) => replica.close(), () => {});
    this.#remote.close?.();
  }
}

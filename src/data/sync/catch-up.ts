// The device's copy following the server: each change the feed tells of makes the copy read again,
// in the background, what it kept of that contact, so what it answers offline later is what the
// server had when the device was last online, not what the user last opened.
import type { ChangeResource, DataChange, LifecycleNotice } from '../contract/adapter.js';
import { LiftDataError } from '../contract/errors.js';
import type { Id } from '../contract/model.js';
import { contactKey, keepAnswer, keyPrefix } from './device-writes.js';
import type { Remote } from './outbox.js';
import type { Replica } from './replica.js';

/** How the copy reads each kept answer again: its method, the contact it belongs to, its arguments. */
type Reader = (remote: Remote, contactId: Id | undefined, args: unknown[]) => Promise<unknown> | undefined;
type Query<F extends (...args: never[]) => unknown> = Parameters<F>[1];
const READERS: Record<string, Reader> = {
  'contacts.get': (remote, _, [id]) => remote.contacts.get(id as Id),
  'relations.get': (remote, _, [id]) => remote.relations.get(id as Id),
  'timeline.query': (remote, contactId, [query]) => remote.timeline.query(contactId!, query as Query<Remote['timeline']['query']>),
  'timeline.list': (remote, contactId, [query]) => remote.timeline.list(contactId!, query as Query<Remote['timeline']['list']>),
  'timeline.count': (remote, contactId) => remote.timeline.count(contactId!),
  'work.list': (remote, contactId, [query]) => remote.work?.listForContact(contactId!, query as Query<NonNullable<Remote['work']>['listForContact']>),
  'checklists.states': (remote, contactId) => remote.checklists?.states(contactId!),
};

/** After a reset (the feed could not say what changed), this many of the newest kept contacts are read again, and as many other kept reads. */
const AFTER_RESET = 200;
/** How every kept read of a contact's own record begins. */
const CONTACT_READS = keyPrefix(undefined, 'contacts.get');
/** A change is acted on after this long, so an element showing the record reads it first (and the copy need not). */
const SETTLE_MS = 250;
/** A round the server failed (an error, too busy) is tried again after twice as long each time, at most this long. */
const MAX_WAIT_MS = 60_000;
const EVERYTHING = '*';
/** The resources whose changes belong to one contact (`contactId`; absent: a bulk change). */
const BELONGS: readonly ChangeResource[] = ['timeline', 'work', 'checklist'];

/** A kept read to read again, and the name (contact, or everything) it was queued under, since when. */
interface Pending {
  name: string;
  since: number;
  key: string;
}

/** Splits a kept read's key (see `keyOf`) into the contact, the method and the arguments. */
function parseKey(key: string): { contactId: Id | undefined; method: string; args: unknown[] } | undefined {
  const first = key.indexOf('|');
  const second = key.indexOf('|', first + 1);
  if (first < 0 || second < 0) return undefined;
  const contactId = key.slice(0, first);
  try {
    return { contactId: contactId === '-' ? undefined : contactId, method: key.slice(first + 1, second), args: JSON.parse(key.slice(second + 1)) as unknown[] };
  } catch {
    return undefined;
  }
}

export class CatchUp {
  /** Contacts (or everything) the feed named, with when: a read kept since then is current. */
  readonly #named = new Map<string, number>();
  /** Where the feed stood at the newest change heard: each change up to it is named, or names nothing. */
  #through: string | undefined;
  #running: Promise<void> | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  /** Rounds in a row that stopped because the server did not answer: the next waits longer. */
  #failures = 0;
  /** Stopped with its adapter: nothing is read again any more. */
  #stopped = false;

  constructor(
    private readonly copy: () => Promise<Replica>,
    private readonly remote: Remote,
    private readonly online: () => boolean,
    /**
     * What the feed told up to `position` has been read again, and a reload may resume after it;
     * without one, everything named has been, and where the feed stands now may be kept.
     */
    private readonly caughtUp: (position?: string) => void,
  ) {}

  /**
   * Something the feed named waits to be read again. It is known in memory only, so the feed's
   * position is not kept meanwhile (a page closed before would resume after changes it never
   * read), but for the one each round of reading again started at.
   */
  get waiting(): boolean {
    return this.#named.size > 0 || this.#running !== undefined || this.#timer !== undefined;
  }

  /**
   * A change from the server's feed, heard at `position`: what it names is read again soon. The
   * device's own changes are kept already.
   */
  heard(change: DataChange | LifecycleNotice, position: string | undefined): void {
    if (position) this.#through = position;
    if (!('resource' in change) || change.origin === 'local') return;
    // The latest time it was named: a read kept before that may predate the change.
    const now = Date.now();
    const name = (id: string) => this.#named.set(id, now);
    if (change.resource === 'contact') change.ids.forEach(name);
    if (change.contactId) name(change.contactId);
    // A bulk change (a feed reset, an import) of contacts or what belongs to one may be about any
    // of them. Choices and checklist definitions are no contact's: the copy reads them when shown.
    const ofContact = BELONGS.includes(change.resource);
    if ((change.resource === 'contact' && !change.ids.length) || (ofContact && !change.contactId)) name(EVERYTHING);
    this.#schedule();
  }

  /** Resolves when everything named so far has been read again, or a round of trying now found the server not answering. */
  async idle(): Promise<void> {
    while (this.#timer !== undefined || this.#running) {
      if (this.#timer !== undefined) {
        clearTimeout(this.#timer);
        this.#timer = undefined;
        this.#start();
      }
      await this.#running;
      if (this.#failures) return;
    }
  }

  /** Reads again what waits, once back online (what was named while offline waited). */
  resume(): void {
    this.#failures = 0;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    if (this.#named.size && !this.#running) this.#schedule();
  }

  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#named.clear();
  }

  #schedule(): void {
    if (this.#timer !== undefined || this.#running || this.#stopped) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#start();
    }, this.#failures ? Math.min(SETTLE_MS * 2 ** this.#failures, MAX_WAIT_MS) : SETTLE_MS);
  }

  #start(): void {
    this.#running ??= this.#run().finally(() => {
      this.#running = undefined;
      // Named while this run read: the next run takes it.
      if (this.#named.size && this.online()) this.#schedule();
      if (!this.waiting) this.caughtUp();
    });
  }

  async #run(): Promise<void> {
    while (this.#named.size && this.online()) {
      const named = [...this.#named];
      const through = this.#through;
      this.#named.clear();
      let replica: Replica;
      try {
        replica = await this.copy();
      } catch {
        return; // the copy closed with the adapter
      }
      // The contacts themselves first (what a list or a card shows first), then their overviews,
      // work and checklists; a read kept since the contact was named is current already.
      const first: Pending[] = [];
      const then: Pending[] = [];
      try {
        for (const [name, since] of named) {
          const keep = (list: Pending[]) => (found: { key: string; at: number }[]) => {
            // A read asked for in the same millisecond as the change may not hold it either.
            for (const { key, at } of found) if (at <= since) list.push({ name, since, key });
          };
          // Of the reads it can ask again, not searches and later pages: kept as often as typed or
          // scrolled, they are read again when shown, and would leave no room for the contacts.
          // After a reset, the newest kept contacts first, apart: a contact opened leaves several
          // overview pages, counts and work lists kept after it, which would take its place.
          if (name === EVERYTHING) {
            keep(first)(await replica.kept(undefined, AFTER_RESET, (key) => key.startsWith(CONTACT_READS)));
            keep(then)(await replica.kept(undefined, AFTER_RESET, (key) => !key.startsWith(CONTACT_READS) && key.split('|')[1]! in READERS && !/"(text|cursor)"/.test(key)));
          } else {
            keep(first)(await replica.kept(contactKey(name), 1));
            keep(then)(await replica.kept(keyPrefix(name), Number.POSITIVE_INFINITY));
          }
        }
      } catch {
        // The copy closed meanwhile (with its adapter, or another tab upgraded it): unless stopped,
        // what was named waits for a later round.
        if (!this.#stopped) for (const [name, since] of named) this.#named.set(name, Math.max(this.#named.get(name) ?? since, since));
        this.#failures++;
        return;
      }
      const queue = [...first, ...then];
      let offline = false;
      // Two reads at a time: a card open meanwhile still has room for its own (the server serves
      // a user a few requests at once).
      const reader = async () => {
        while (!offline) {
          const next = queue.shift();
          if (!next) return;
          if (await this.#readAgain(replica, next.key)) continue;
          // Put back, not dropped: what could not be read waits for the next round.
          offline = true;
          queue.unshift(next);
        }
      };
      await Promise.all([reader(), reader()]);
      if (offline) {
        // The server stopped answering: what is left waits for the connection, or for a later
        // round (a server that answers with errors is not asked again at once, nor for ever).
        for (const { name, since } of queue) this.#named.set(name, Math.max(this.#named.get(name) ?? since, since));
        this.#failures++;
        return;
      }
      this.#failures = 0;
      // Kept at each round, not only once nothing waits: while colleagues keep changing what the
      // device holds, something always does, and a reload would go back to where it connected.
      if (through) this.caughtUp(through);
    }
  }

  /** Reads one kept answer again; false when the server could not be reached. */
  async #readAgain(replica: Replica, key: string): Promise<boolean> {
    const parsed = parseKey(key);
    const reader = parsed && READERS[parsed.method];
    if (!parsed || !reader) return true;
    const asked = Date.now();
    try {
      const value = await reader(this.remote, parsed.contactId, parsed.args);
      if (value !== undefined) await keepAnswer(replica, key, value, asked);
    } catch (error) {
      if (LiftDataError.is(error, 'unavailable') || LiftDataError.is(error, 'aborted')) return false;
      // Gone from the server (or no longer this user's to read): the copy does not answer it either.
      if (LiftDataError.is(error, 'not-found') || LiftDataError.is(error, 'permission')) await replica.forget(key);
    }
    return true;
  }
}

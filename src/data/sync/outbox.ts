// Sending what waits in the outbox: one write at a time, oldest first, each with the request id it
// was given when it was made, so a write whose answer was lost is saved once however often it goes.
import type { LiftAdapter } from '../contract/adapter.js';
import { LiftDataError } from '../contract/errors.js';
import type { Contact, ContactDetails, ContactField } from '../contract/model.js';
import type { OfflineConflict } from '../contract/sync.js';
import type { OutboxEntry } from './replica.js';

/** What the server made of one write. */
export type Outcome =
  | { done: true; value: unknown }
  | { done: false; offline: true }
  | { done: false; offline: false; entry: OutboxEntry };

/**
 * The adapter a copy on the device is kept of (HttpAdapter, or any adapter whose writes can carry
 * a request id that the backend answers once).
 */
export interface Remote extends LiftAdapter {
  /** Runs `write` (which starts one write synchronously) so that it is sent under request id `id`. */
  withRequestId<T>(id: string, write: () => Promise<T>): Promise<T>;
  /** What a reload without the backend opens with (HttpAdapter: the answer to `GET /session`). */
  readonly sessionAnswer?: Readonly<Record<string, unknown>>;
  /** Where the change feed stands, kept so a reload resumes there. */
  readonly lastEventId?: string | undefined;
  /** Follows the feed from after `position`, where this device (or its user now signed in) last stood. */
  resumeFeedFrom?(position: string): void;
  /** Asks the server for a client id of this adapter's own (one opened without the server has none it knows). */
  renewClientId?(): void;
}

/** How often a contact save follows a colleague's newer version by itself before it asks. */
const MERGES = 3;

/** The fields where the user's change and the server's meet with different values since `base`. */
function clashes(base: Contact, mine: Partial<Contact>, theirs: Contact): ContactField[] {
  return (Object.keys(mine) as ContactField[]).filter(
    (field) => theirs[field] !== base[field] && theirs[field] !== mine[field],
  );
}

/** A checklist change without the card's `status`, which travels with it but is no part of the stored state. */
export const stored = ({ status: _status, ...change }: Record<string, unknown>) => change;

/** True when every field of `mine` already holds its value on the server: sent before, answer lost. */
function landed(mine: Record<string, unknown>, theirs: Record<string, unknown>): boolean {
  return Object.entries(mine).every(([field, value]) => theirs[field] === value);
}

/** The entry as this answer leaves it: what an earlier answer said of it (a refusal sent again) goes. */
const failed = ({ fields: _fields, theirs: _theirs, ...entry }: OutboxEntry, error: LiftDataError, state: 'conflict' | 'refused' = 'refused', theirs?: unknown): Outcome => ({
  done: false,
  offline: false,
  entry: { ...entry, state, code: error.code, message: error.message, ...(error.fields ? { fields: error.fields } : {}), ...(theirs === undefined ? {} : { theirs }) },
});

/** True when `stored` still holds the write `sent` (no later write of the record joined it meanwhile). */
export function unchanged(stored: OutboxEntry, sent: OutboxEntry): boolean {
  return JSON.stringify(stored.args) === JSON.stringify(sent.args);
}

/**
 * Sends one entry of `user`'s outbox; the server's answer decides whether it is done, waits, or
 * needs the user. On its `last` send, a server that fails it (`unavailable`) and answers a read
 * right after refuses it: it answered between the sends before too, and failed this one each time
 * (see Streak). `unavailable` is also what a network that went away says: then the change waits.
 */
export async function send(remote: Remote, entry: OutboxEntry, user: string, last = false): Promise<Outcome> {
  try {
    return { done: true, value: await sendOnce(remote, entry, undefined, user) };
  } catch (error) {
    if (!LiftDataError.is(error)) throw error;
    if (error.code === 'aborted' || (error.code === 'unavailable' && !(last && (await answers(remote))))) return { done: false, offline: true };
    if (error.code !== 'conflict') return failed(entry, error);
    return settle(remote, entry, error, user);
  }
}

/** Whether the server answers a read now (the question the probe asks): a failed send was its own. */
const answers = (remote: Remote): Promise<boolean> => remote.session.users().then(() => true, () => false);

/**
 * Sends the entry's write once, as made (or on top of `version`, the server's newer one). With
 * `user`, only while the adapter still acts for them: a request takes the credentials of the user
 * signed in when it starts, and another user may have signed in on the device while an earlier
 * answer was on its way. Their outbox waits for them then.
 */
export function sendOnce(remote: Remote, entry: OutboxEntry, version?: number, user?: string): Promise<unknown> {
  const [a, b, c, d] = entry.args as [never, never, never, never];
  return remote.withRequestId<unknown>(entry.id, (): Promise<unknown> => {
    if (user !== undefined && remote.session.currentUser().id !== user) {
      return Promise.reject(new LiftDataError('aborted', 'Another user signed in on this device: the change waits for the one who made it.'));
    }
    switch (entry.op) {
      case 'contacts.update':
        return remote.contacts.update(a, version ?? b, c);
      case 'timeline.add':
        return remote.timeline.add(a);
      case 'checklists.setState':
        return remote.checklists!.setState(a, b, version ?? (c as number), d);
      case 'preferences.set':
        return remote.preferences!.set(a, b);
    }
  });
}

/** A write met a newer version: done when it already holds, merged when nothing overlaps, else the user's. */
async function settle(remote: Remote, entry: OutboxEntry, error: LiftDataError, user: string): Promise<Outcome> {
  let current = error.current as Record<string, unknown> | undefined;
  for (let attempt = 0; attempt < MERGES && current; attempt++) {
    // What an attempt before sent, its answer lost, and the server holds is the user's own.
    const own = entry.sent?.findLast((attempt) => landed(stored(attempt), current!));
    if (entry.op === 'contacts.update') {
      const mine = entry.args[2] as Partial<Contact>;
      if (landed(mine, current)) return { done: true, value: current };
      if (clashes({ ...entry.base!, ...own }, mine, current as unknown as Contact).length) return failed(entry, error, 'conflict', current);
    } else if (entry.op === 'checklists.setState') {
      if (landed(stored(entry.args[3] as Record<string, unknown>), current)) return { done: true, value: current };
      // A colleague ticked or wrote on the item meanwhile (any write but the user's own earlier
      // one, which moved the item one version on): the user decides whether theirs goes.
      if (!own || current.version !== (entry.args[2] as number) + 1) return failed(entry, error, 'conflict', current);
    } else {
      return failed(entry, error);
    }
    try {
      // The colleague changed other fields: the user's changes go on top of theirs.
      return { done: true, value: await sendOnce(remote, entry, (current as { version: number }).version, user) };
    } catch (next) {
      if (!LiftDataError.is(next)) throw next;
      if (next.code === 'unavailable' || next.code === 'aborted') return { done: false, offline: true };
      if (next.code !== 'conflict') return failed(entry, next);
      current = next.current as Record<string, unknown> | undefined;
      error = next;
    }
  }
  return failed(entry, error, 'conflict', current);
}

/** A change in conflict made to go on top of the colleague's version, which it then replaces (the user chose so). */
export function overTheirs(entry: OutboxEntry): OutboxEntry | undefined {
  const version = (entry.theirs as { version?: number } | undefined)?.version;
  if (entry.state !== 'conflict' || version === undefined) return undefined;
  const { code: _code, message: _message, theirs: _theirs, ...rest } = entry;
  const args = [...entry.args];
  args[entry.op === 'checklists.setState' ? 2 : 1] = version;
  return { ...rest, args, state: 'waiting', ...(entry.op === 'contacts.update' ? { base: entry.theirs as Contact } : {}) };
}

/** A contact's change in conflict as the card's dialog shows it: original, mine and theirs. */
export function conflictOf(entry: OutboxEntry | undefined): OfflineConflict | undefined {
  if (!entry?.base || !entry.theirs) return undefined;
  return { change: entry.id, original: entry.base, mine: { ...(entry.args[2] as Partial<ContactDetails>) }, theirs: entry.theirs as Contact };
}

import type { LiftErrorCode } from './errors.js';
import type { Contact, ContactDetails, Id, Timestamp } from './model.js';

/**
 * Where an adapter that keeps a copy on the device stands: `online` (the server answers),
 * `offline` (it does not: reads come from the copy and writes wait on the device) or `syncing`
 * (it answers again and the waiting writes are being sent).
 */
export type Connection = 'online' | 'offline' | 'syncing';

/** The id a note made on a device that keeps working offline has until the server gives it one (its own). */
export const isDeviceNote = (id: unknown) => typeof id === 'string' && id.startsWith('device-');

/** What a change made on the device is about. */
export type PendingKind = 'contact' | 'note' | 'checklist' | 'preferences';

/** A change made on this device that the server has not taken yet. */
export interface PendingChange {
  /** Its place in the outbox; sent as the write's request id, so sending it twice saves it once. */
  id: string;
  kind: PendingKind;
  contactId?: Id;
  /** When the user made it. */
  at: Timestamp;
  /**
   * `waiting` to be sent; `conflict`: someone changed the same fields meanwhile, and the user
   * chooses (the card's conflict dialog); `refused`: the server said no (rights, an archived
   * contact, a rule), and `code` and `message` say why — `unavailable` when the server failed on
   * this change on each of a few sends while it answered otherwise.
   */
  state: 'waiting' | 'conflict' | 'refused';
  code?: LiftErrorCode;
  message?: string;
  /** For a refusal: the fields the server named, each with the rule it broke (`archived` for an archived contact). */
  fields?: Record<string, string>;
  /** What the user wrote, field by field, for them to copy when it cannot be saved. */
  input: Record<string, string>;
}

/** What the device's copy and outbox look like now. */
export interface SyncState {
  connection: Connection;
  /** Changes waiting to be sent. */
  waiting: number;
  /** Changes the user must look at: in conflict, or refused. */
  failed: readonly PendingChange[];
  /**
   * When the server last answered this user on this device, to the minute: kept in the copy, so a
   * page opened without the server still knows. Absent when it never has.
   */
  lastOnline?: Timestamp;
  /**
   * Offline because the server refused the signed-in user's credentials (HTTP 401: a token that
   * expired), not because it cannot be reached. Changes wait on the device until the adapter's
   * `headers` give credentials the server takes: the host signs the user in again.
   */
  signInRefused?: true;
}

/** A contact saved on the device that met a colleague's change to the same fields on the way. */
export interface OfflineConflict {
  change: string;
  /** The contact as it was when the user started editing. */
  original: Contact;
  /** What the user changed. */
  mine: Partial<ContactDetails>;
  /** The contact as the server holds it now. */
  theirs: Contact;
}

/**
 * What an adapter with a copy on the device adds to the contract (`adapter.sync`). Elements show
 * the connection, the waiting and failed changes, and settle conflicts through it.
 */
export interface SyncApi {
  state(): SyncState;
  /**
   * Called with every new state; returns unsubscribe. Each state is the signed-in user's: after
   * another user signs in, the next state comes once their own outbox has been counted.
   */
  watch(listener: (state: SyncState) => void): () => void;
  /** Every change on the device not yet taken by the server, oldest first. */
  pending(): Promise<PendingChange[]>;
  /**
   * Tries the server now and sends what waits. Given the id of a refused change, that change alone
   * waits again first and is sent once more (the user asked to send it again); without one, refused
   * changes stay refused.
   */
  retry(id?: string): Promise<void>;
  /** Drops a change from the outbox (the user copied or gave up what it held). */
  discard(id: string): Promise<void>;
  /**
   * Sends a change in conflict on top of the colleague's, which it replaces: the user chose
   * theirs to go. (A contact's conflict is usually settled field by field, in the card's dialog.)
   */
  sendAnyway(id: string): Promise<void>;
  /** The contact's change that is in conflict, with the three versions to choose from. */
  conflict(contactId: Id): Promise<OfflineConflict | undefined>;
  /** True for a record read from the device's copy while the server could not be reached. */
  isStale(record: object): boolean;
  /** True for a record returned by a write that waits on the device: kept, not saved yet. */
  isPending(record: object): boolean;
  /**
   * Resolves once the copy has read again what the change feed said changed (after a gap: what
   * changed while the device was away), or the server stopped answering meanwhile.
   */
  caughtUp(): Promise<void>;
}

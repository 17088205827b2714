import type { LiftAdapter } from '../data/contract/adapter.js';

/** 128 random bits in hex: unique among one user's requests, in every context (not only secure ones). */
const requestId = () => Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, '0')).join('');

/**
 * A create the user may send again after it failed: sent again with the same content, it goes
 * with the same request id, so an adapter that can lose an answer (`withRequestId`) answers a
 * create that did land once, instead of making a second record. Other content, or a create
 * after one that landed, gets a new id.
 */
export class RepeatableCreate {
  #last: { adapter: LiftAdapter; content: string; id: string } | undefined;

  send<T>(adapter: LiftAdapter, content: unknown, write: () => Promise<T>): Promise<T> {
    if (!adapter.withRequestId) return write();
    const text = JSON.stringify(content);
    const last = this.#last;
    const id = last?.adapter === adapter && last.content === text ? last.id : requestId();
    this.#last = { adapter, content: text, id };
    return adapter.withRequestId(id, write).then((value) => {
      if (this.#last?.id === id) this.#last = undefined;
      return value;
    });
  }
}

/** One per adapter and kind of create, kept for the page (see {@link repeatableCreate}). */
const creates = new WeakMap<LiftAdapter, Map<string, RepeatableCreate>>();

/**
 * The create `name` (a dialog's operation) on `adapter`, kept for the page: a dialog is made
 * anew each time it opens, and one opened again to send what did not come back goes with the
 * request it sent before.
 */
export function repeatableCreate(adapter: LiftAdapter, name: string): RepeatableCreate {
  const mine = creates.get(adapter) ?? new Map<string, RepeatableCreate>();
  creates.set(adapter, mine);
  let create = mine.get(name);
  if (!create) mine.set(name, (create = new RepeatableCreate()));
  return create;
}

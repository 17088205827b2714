import { createContext } from '@lit/context';

/**
 * Answers several parts of one card open need at once (a contact's checklist definitions and
 * states: the card for its tabs, `<lift-checklist>` for its list), asked of the adapter once.
 * An answer is kept until its reader asks afresh (after a change from the feed, or a refresh);
 * a failed one is dropped, so the next reader tries again.
 */
export class SharedReads {
  readonly #answers = new Map<string, Promise<unknown>>();

  /**
   * The answer to `key`: the one already asked for, or `read()` now. `fresh` asks again and
   * keeps the new answer for the others.
   */
  get<T>(key: string, read: () => Promise<T>, fresh = false): Promise<T> {
    const known = this.#answers.get(key) as Promise<T> | undefined;
    if (known && !fresh) return known;
    const answer = read();
    this.#answers.set(key, answer);
    answer.catch(() => {
      if (this.#answers.get(key) === answer) this.#answers.delete(key);
    });
    return answer;
  }

  /** Drops the answer to `key` (what it read has changed): its next reader asks again. */
  forget(key: string): void {
    this.#answers.delete(key);
  }
}

/** What a card shares: the reads of the contact it shows now, with the adapter they came from. */
export type SharedReadsSource = () => { adapter: unknown; contactId: string; reads: SharedReads } | undefined;

/**
 * The reads of the contact a card shows, for the elements inside it. The value is a function
 * that never changes (a card answers the request once), so no subscription is needed. The key
 * comes from `Symbol.for`, so two copies of the library on one page still share.
 */
export const sharedReadsContext = createContext<SharedReadsSource>(Symbol.for('lift-elements.shared-reads'));

/** Answers the elements inside `host` that ask for `sharedReadsContext`. */
export function provideSharedReads(host: HTMLElement, source: SharedReadsSource): void {
  host.addEventListener('context-request', (event) => {
    if (event.context !== sharedReadsContext) return;
    event.stopPropagation();
    (event.callback as (value: SharedReadsSource) => void)(source);
  });
}

// Small parts of the adapter with a copy on the device: telling many listeners, asking a server
// that did not answer again, less and less often, until it does, counting the sends a change the
// server fails on has had, and running work in one tab at a time.

/** Runs `work` holding the Web Lock `name` (where the browser has Web Locks): one tab at a time. */
export function alone<T>(name: string, work: () => Promise<T>): Promise<T> {
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  return locks ? (locks.request(name, work) as Promise<T>) : work();
}

/** A set of listeners told in turn; one that throws is reported and does not stop the others. */
export class Fanout<T> {
  readonly #listeners = new Set<(value: T) => void>();

  get size(): number {
    return this.#listeners.size;
  }

  add(listener: (value: T) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  delete(listener: (value: T) => void): boolean {
    return this.#listeners.delete(listener);
  }

  clear(): void {
    this.#listeners.clear();
  }

  emit(value: () => T): void {
    for (const listener of [...this.#listeners]) {
      try {
        listener(value());
      } catch (error) {
        if (typeof reportError === 'function') reportError(error);
        else console.error(error);
      }
    }
  }
}

/** Calls `check` after `firstMs`, then twice as long after each failure up to `maxMs`, until it resolves. */
export class Probe {
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly firstMs: number,
    private readonly maxMs: number,
    private readonly check: () => Promise<unknown>,
    private readonly answered: () => void,
  ) {}

  get running(): boolean {
    return this.#timer !== undefined;
  }

  /** Starts asking: after `firstMs` doubled `doubled` times (at most `maxMs`), and twice as long after each failure from there. */
  start(doubled = 0): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(async () => {
      try {
        await this.check();
      } catch {
        if (this.#timer !== undefined) this.start(doubled + 1);
        return;
      }
      this.#timer = undefined;
      this.answered();
    }, Math.min(this.firstMs * 2 ** doubled, this.maxMs));
  }

  stop(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }
}

/**
 * How many sends in a row that one change could not make while the server answered between them:
 * it failed the change (`unavailable`, as HttpAdapter says a 500 or 503 the server gives for that
 * write every time) yet took the probe after each. The server is asked again later each time
 * (the probe's first wait doubled once more), and the last send that fails leaves the change
 * refused, so what waits behind it goes and the user can send it again or discard it.
 */
export class Streak {
  /**
   * Three sends: the first may fail because the network went while it was on its way; a second
   * failure, right after the server answered, makes it the server's; the third, after a longer
   * wait, gives a passing fault (a restart, a deploy) time to clear, while what waits behind it
   * waits only the two waits between (6 s with the probe's default first wait of 2 s).
   */
  static readonly SENDS = 3;
  #id: string | undefined;
  #failures = 0;
  /** The last failure came right after the server answered, and nothing was read from the copy since: see {@link quiet}. */
  #quiet = false;

  /**
   * Whether the send of `entry` about to go is its last: its streak is at its end, or it was
   * refused so before and the user sends it again (its Send again, a correction), once.
   */
  last(entry: { id: string; code?: string }): boolean {
    return entry.code === 'unavailable' || (this.#id === entry.id && this.#failures >= Streak.SENDS - 1);
  }

  /** The send of change `id` failed: how many times the probe's first wait is doubled before the server is asked again. */
  failed(id: string): number {
    this.#failures = this.#id === id ? this.#failures + 1 : 1;
    this.#id = id;
    this.#quiet = this.#failures > 1;
    return this.#failures - 1;
  }

  /** A change was sent, or the server did not answer the probe: any streak is over. */
  end(): void {
    this.#id = undefined;
    this.#failures = 0;
    this.#quiet = false;
  }

  /** Something was read from the device's copy: what shows may be behind the server. */
  copyRead(): void {
    this.#quiet = false;
  }

  /**
   * True once, back online, when the spell offline was only the wait before this change was sent
   * again, right after the server answered, with nothing read from the copy meanwhile: what shows
   * is as current as before it, and nothing need be read again.
   */
  quiet(): boolean {
    const quiet = this.#quiet;
    this.#quiet = false;
    return quiet;
  }
}

// Two small parts of the adapter with a copy on the device: telling many listeners, and asking a
// server that did not answer again, less and less often, until it does.

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

  start(wait = this.firstMs): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(async () => {
      try {
        await this.check();
      } catch {
        if (this.#timer !== undefined) this.start(Math.min(wait * 2, this.maxMs));
        return;
      }
      this.#timer = undefined;
      this.answered();
    }, wait);
  }

  stop(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }
}

import type { ReactiveControllerHost } from 'lit';

/**
 * Code an element renders only in some states (a tab, a dialog), imported the first time it is
 * needed so the element's entry carries none of it. The host renders again once it has arrived.
 */
export class LazyModule<M> {
  #module: M | undefined;
  #pending: Promise<void> | undefined;
  /** A render asked for it: that render waits for its arrival. */
  #wanted = false;
  /** The import failed (an offline host, say): the host says so instead of waiting forever. */
  failed = false;
  /** An import of this one failed and none has arrived since (also while a retry runs). */
  failedBefore = false;
  error: unknown;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly load: () => Promise<M>,
    /**
     * Where failed imports are counted until one succeeds: the module's own by default. A part
     * made anew each time it shows (a dialog) passes a tally kept for the page, so its notice
     * still knows that a retry did not help before.
     */
    private readonly tally: { failures: number } = { failures: 0 },
  ) {}

  /**
   * How many imports failed in a row (over the page, where a tally is shared); a host offers
   * more than a retry once one did not help.
   */
  get failures(): number {
    return this.tally.failures;
  }

  /** The module once it is here; until then undefined, the import starts, and the host renders on arrival. */
  get(): M | undefined {
    // A preload that failed was shown to nobody (the network may have come back since): the
    // first render that wants the module fetches it again instead of showing that failure.
    if (this.failed && !this.#wanted) {
      this.failed = false;
      this.#pending = undefined;
    }
    this.#wanted = true;
    this.#load();
    return this.#module;
  }

  /** Starts the import without asking for a render: nothing shows it yet. */
  preload(): void {
    this.#load();
  }

  /**
   * Imports once more after a failure, and renders the host. Whether the browser fetches the
   * file again depends on the engine: WebKit and Chromium (156) do, while Firefox keeps a failed
   * module import failed until the page reloads — hence `failures`.
   */
  retry(): void {
    if (!this.failed) return;
    this.failed = false;
    this.#pending = undefined;
    this.#wanted = true;
    this.#load();
    this.host.requestUpdate();
  }

  #load(): void {
    if (this.#pending) return;
    // Imports that overlap (two elements sharing a tally, fetching at once) fail as one attempt.
    const before = this.tally.failures;
    this.#pending = this.load().then(
      (module) => {
        this.#module = module;
        this.tally.failures = 0;
        this.failedBefore = false;
        if (this.#wanted) this.host.requestUpdate();
      },
      (error: unknown) => {
        this.failed = this.failedBefore = true;
        this.error = error;
        // Counted once a render waited for it: a preload's failure nobody saw is tried again, not told.
        if (this.#wanted) this.tally.failures = Math.max(this.tally.failures, before + 1);
        if (this.#wanted) this.host.requestUpdate();
      },
    );
  }

  /** The module if it has arrived, without starting an import. */
  get current(): M | undefined {
    return this.#module;
  }

  /** Whether an import a render is waiting for has started and not finished. */
  get loading(): boolean {
    return this.#wanted && Boolean(this.#pending) && !this.#module && !this.failed;
  }

  /** Settles when the import (if one started) has finished. */
  get settled(): Promise<void> {
    return this.#pending ?? Promise.resolve();
  }
}

/**
 * Waits for a host's update and for the imports its render started, and for the render each
 * of them asked for once it arrived.
 */
export async function settleParts(update: () => Promise<boolean>, parts: readonly LazyModule<unknown>[]): Promise<boolean> {
  let done = await update();
  while (parts.some((part) => part.loading)) {
    await Promise.all(parts.map((part) => part.settled));
    done = await update();
  }
  return done;
}

/**
 * Starts the imports of `parts` once the browser is idle (after what the page shows first), so a
 * part is usually here before the user opens it; `shown` parts render once they arrive (what
 * the page adds after its first paint). Returns `true`, to be kept as "started".
 */
export function preloadWhenIdle(parts: readonly LazyModule<unknown>[], shown: readonly LazyModule<unknown>[] = []): true {
  const start = () => {
    parts.forEach((part) => part.preload());
    shown.forEach((part) => part.get());
  };
  if ('requestIdleCallback' in globalThis) requestIdleCallback(start, { timeout: 2000 });
  else setTimeout(start, 200);
  return true;
}

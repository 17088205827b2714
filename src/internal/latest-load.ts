/**
 * Resolves once the newest of a chain of loads has settled: a load started while waiting (another
 * contact, a change from the feed) is waited for too. `current` reads the load in progress.
 */
export async function latestLoad(current: () => Promise<unknown>): Promise<void> {
  let load: Promise<unknown>;
  do {
    load = current();
    await load;
  } while (load !== current());
}

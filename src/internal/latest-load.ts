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

/**
 * Whether focus fell to the page (nothing, or the body, has it) or rests on `kept`: after a load
 * or save took away what had it, an element may give it back; focus the user moved anywhere else
 * meanwhile stays where they put it. `root` is the element's shadow root.
 */
export function focusFell(root: ShadowRoot | null, kept?: Element): boolean {
  return [null, document.body, kept].includes(root?.activeElement ?? document.activeElement);
}

const refused = new Set<string>();

/**
 * Makes the test server refuse `path` (from the server root) with a 503 while `fail` holds, for
 * this browser only (through a cookie the server's fault middleware reads).
 */
export function refuse(path: string, fail = true): void {
  if (fail) refused.add(path);
  else refused.delete(path);
  document.cookie = `lift-refuse=${encodeURIComponent([...refused].join(' '))}; path=/; SameSite=Strict`;
}

/**
 * Whether this engine fetches a module again after its fetch failed once in this page: WebKit
 * and Chromium (156) do, Firefox keeps the failure until the page reloads.
 */
export async function refetchesFailedModules(): Promise<boolean> {
  // A URL of its own each time (the server refuses by path, the query aside), so nothing an
  // earlier page or file fetched or failed to fetch can answer for this one.
  const probe = new URL(`./chunk-probe.ts?probe=${Date.now()}-${Math.random()}`, import.meta.url).href;
  const load = () => import(probe).then(() => true, () => false);
  refuse('/test/chunk-probe.ts');
  const first = await load();
  refuse('/test/chunk-probe.ts', false);
  if (first) throw new Error('the test server did not refuse the probe module');
  return load();
}

/** The button named `text` in a notice (`role="alert"`) under `root`: its retry or its reload. */
export const alertButton = (root: ParentNode, text: string): HTMLButtonElement | undefined =>
  [...root.querySelectorAll<HTMLButtonElement>('[role="alert"] button')].find((button) => button.textContent!.trim() === text);

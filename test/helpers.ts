import { waitUntil as waitUntilBase } from '@open-wc/testing';
import type { LiftDataError } from '../src/data/contract/errors.js';

/** Captures console.warn calls while `run` executes, and restores the console afterwards. */
export async function captureWarnings(run: () => unknown | Promise<unknown>): Promise<string[]> {
  const warnings: string[] = [];
  const original = console.warn;
  console.warn = (...args: unknown[]) => warnings.push(args.map(String).join(' '));
  try {
    await run();
  } finally {
    console.warn = original;
  }
  return warnings;
}

/** A string no other test uses, so once-per-page warnings fire in every test. */
export function uniqueToken(prefix = 'junk'): string {
  return `${prefix}-${Math.random().toString(36).slice(2, 10)}`;
}

/** Types into a field as a user would (input, then change) and lets `host` re-render. */
export async function typeInto(host: { updateComplete: Promise<unknown> }, input: HTMLInputElement | HTMLTextAreaElement, value: string): Promise<void> {
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  input.dispatchEvent(new Event('change', { bubbles: true }));
  await host.updateComplete;
}

/** Counts the renders of a Lit element from now on (each run of its `update`); read the count with the function returned. */
export function countRenders(el: HTMLElement): () => number {
  let renders = 0;
  const element = el as unknown as { update(changed: unknown): void };
  const update = element.update.bind(el);
  element.update = (changed) => {
    renders++;
    update(changed);
  };
  return () => renders;
}

/**
 * Waits until `predicate` holds, for five seconds unless `options` say otherwise. @open-wc's
 * default of one second is less than a lazily loaded part, a frame or a re-render can take in
 * WebKit while three browsers run side by side; a wait that times out still names what it
 * waited for, only later.
 */
export function waitUntil(...[predicate, message, options]: Parameters<typeof waitUntilBase>): Promise<void> {
  return waitUntilBase(predicate, message, { timeout: 5000, ...options });
}

/** Opens database `name` at `version`, as a newer version of the app in another tab does, and closes it; fails if a connection here blocks it. */
export async function upgradeInAnotherTab(name: string, version: number): Promise<void> {
  const upgraded = await new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(name, version);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
    request.onblocked = () => reject(new Error('the upgrade was blocked by a connection that did not let go'));
  });
  upgraded.close();
}

/** Deletes database `name`, as another tab does that clears the device (a sign-out); fails if a connection here blocks it. */
export async function removeInAnotherTab(name: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error);
    request.onblocked = () => reject(new Error('the deletion was blocked by a connection that did not let go'));
  });
}

/** The error `promise` fails with; a promise that resolves fails the test. */
export async function failure<E = LiftDataError>(promise: Promise<unknown>): Promise<E> {
  try {
    await promise;
  } catch (error) {
    return error as E;
  }
  throw new Error('expected the call to fail');
}

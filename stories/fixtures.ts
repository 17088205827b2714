import { autoload } from '../src/internal/autoloader.js';
import { ContactDraft, DraftStore } from '../src/contact-card/contact-draft.js';
import type { LiftAdapter } from '../src/data/contract/adapter.js';
import { seedDemoData } from '../src/data/demo/demo-data.js';
import { LiftDataError } from '../src/data/contract/errors.js';
import { MemoryAdapter } from '../src/data/adapters/memory-adapter.js';
import { RIGHTS, type Role } from '../src/data/contract/model.js';
import { DEFAULT_ROLES } from '../src/data/engine/roles.js';
import { Credentials } from '../src/data/sync/connect.js';
import { SyncAdapter } from '../src/data/sync/sync-adapter.js';
import { ModelServer, type Network } from '../test/model-server.js';

/** A small seeded in-memory world for stories: nothing touches the reviewer's IndexedDB. */
export async function demoWorld(options: { role?: string; archived?: boolean; roles?: readonly Role[] } = {}) {
  const adapter = new MemoryAdapter(options.roles ? { roles: options.roles } : {});
  const seeded = await seedDemoData(adapter, { contacts: 6, entriesPerContact: 20 });
  let contact = await adapter.contacts.get(seeded.contactIds[0]!);
  if (options.archived) contact = await adapter.contacts.setArchived(contact.id, contact.version, true);
  if (options.role) adapter.session.setUser({ id: 'story', name: 'Story User', role: options.role });
  return { adapter, contactId: contact.id, seeded };
}

/** The demo's roles and one more, `present`: every right but seeing archived contacts (`see-archived`). */
export const WITH_PRESENT_ONLY: readonly Role[] = [...DEFAULT_ROLES, { id: 'present', name: 'Alleen actuele contacten', rights: RIGHTS.filter((right) => right !== 'see-archived') }];

/** Resolves once `ready` holds (checked every 50 ms), or throws after `ms`: a story's play waits for the state it shows. */
export async function until(ready: () => unknown, what: string, ms = 10_000): Promise<void> {
  for (const end = Date.now() + ms; !ready(); await new Promise((resolve) => setTimeout(resolve, 50))) {
    if (Date.now() > end) throw new Error(`Waited ${ms} ms for ${what}`);
  }
}

/** A demo world whose adapter hangs (the loading state, frozen for review) or fails (the error state). */
export async function brokenWorld(how: 'hanging' | 'failing') {
  const world = await demoWorld();
  return { ...world, adapter: how === 'hanging' ? hangingAdapter(world.adapter) : failingAdapter(world.adapter) };
}

/** An adapter whose reads never finish: the loading state, frozen for review. */
export function hangingAdapter(base: LiftAdapter): LiftAdapter {
  return withGroups(base, () => new Promise(() => undefined));
}

/** An adapter whose reads fail: the error state. */
export function failingAdapter(base: LiftAdapter): LiftAdapter {
  return withGroups(base, () => Promise.reject(new LiftDataError('unavailable', 'The server did not answer.')));
}

function withGroups(base: LiftAdapter, call: () => Promise<never>): LiftAdapter {
  return new Proxy(base, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver);
      if (key === 'checklists' || key === 'contacts' || key === 'timeline') {
        return new Proxy(value as object, { get: (group, method) => (typeof Reflect.get(group, method) === 'function' ? call : Reflect.get(group, method)) });
      }
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/**
 * A demo world where the user left unsaved edits (kept as a draft) and someone else has saved
 * the same field since: the card restores the draft, and saving it meets a conflict.
 */
export async function draftWorld() {
  const world = await demoWorld();
  const user = { id: 'story-draft', name: 'Story Draft', role: 'admin' };
  world.adapter.session.setUser(user);
  const loaded = await world.adapter.contacts.get(world.contactId);
  const draft = ContactDraft.of(loaded).with('firstName', `${loaded.firstName}-Marie`).with('notes', 'Belt na de vakantie terug.');
  new DraftStore(`adapter:${user.id}`).save(world.contactId, draft);
  await world.adapter.contacts.update(world.contactId, loaded.version, { firstName: `${loaded.firstName}-Sophie` });
  return world;
}

/** An adapter whose `group.method` fails as a server away does (`unavailable`): a change refused, for review. */
export function failingCall(base: LiftAdapter, group: 'checklists' | 'contacts' | 'timeline', method: string): LiftAdapter {
  return new Proxy(base, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver);
      if (key === group) {
        return new Proxy(value as object, {
          get: (calls, name) => (name === method ? () => Promise.reject(new LiftDataError('unavailable', 'The server did not answer.')) : Reflect.get(calls, name)),
        });
      }
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** An adapter whose saves never finish: the saving state, frozen for review. */
export function slowSaves(base: LiftAdapter): LiftAdapter {
  return new Proxy(base, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver);
      if (key === 'contacts') {
        return new Proxy(value as object, {
          get: (group, method) => (method === 'update' ? () => new Promise(() => undefined) : Reflect.get(group, method)),
        });
      }
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/**
 * A demo world behind a network the story cuts: a real `SyncAdapter` over the in-memory
 * adapter, whose calls fail as a cut network does while `net.down`, and whose writes are refused
 * while `net.refuse` (rights taken away meanwhile). The device's copy lives in a database of the
 * story's own.
 */
const STORY_USER = { id: 'u-story', name: 'Sanne de Boer', role: 'admin' } as const;

export async function offlineWorld(options: { probeMs?: number } = {}) {
  // The team server in memory that the offline tests use, seeded as the demo; the device reaches
  // it over a network the story cuts (`net.offline`) or that refuses writes (`net.refuse`).
  const server = new ModelServer();
  const office = server.as(STORY_USER);
  const seeded = await seedDemoData(office, { contacts: 6, entriesPerContact: 20 });
  const net: Network = { offline: false, loseAnswers: 0 };
  // What the HTTP connection says of a 401 once signed in: a story sets it as an expired token would.
  const credentials = new Credentials();
  // While `failing.notes`, the server fails every note it is sent with an error of its own (a 500,
  // which HttpAdapter says as `unavailable`) and answers everything else: the device sends the
  // note three times, waiting `probeMs` and then twice that between, and then gives it up.
  const failing = { notes: false };
  const remote = server.remote(STORY_USER, net);
  const add = remote.timeline.add;
  const failingNotes = {
    ...remote,
    timeline: {
      ...remote.timeline,
      add: (...args: Parameters<typeof add>) => (failing.notes && !net.offline ? Promise.reject(new LiftDataError('unavailable', 'The server failed to answer.')) : add(...args)),
    },
  } as typeof remote;
  // No probe of its own unless a story asks for one: the story says when the network comes back.
  const adapter = await SyncAdapter.over(failingNotes, { name: `lift-sync-story-${Date.now()}`, probeMs: options.probeMs ?? 600_000, credentials });
  return { adapter, contactId: seeded.contactIds[0]!, seeded, net, credentials, failing };
}

/**
 * Autoloads `tag` in `place` as the bundle would, its code failing the first time (as a page's
 * did, offline or between two deploys) and loading with `load` on the notice's retry. The
 * bundle says the failure on the console too; a story has no page to fix, so that stays quiet.
 */
export function loadFailingOnce(place: HTMLElement, tag: string, entry: object, load: () => Promise<unknown>): void {
  let attempts = 0;
  autoload({ [tag]: { ...entry, load: () => (attempts++ ? load() : Promise.reject(new Error('the chunk could not be fetched'))) } }, { root: place, log: { error: () => undefined } });
}

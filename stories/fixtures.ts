import { ContactDraft, DraftStore } from '../src/contact-card/contact-draft.js';
import type { LiftAdapter } from '../src/data/contract/adapter.js';
import { seedDemoData } from '../src/data/demo/demo-data.js';
import { LiftDataError } from '../src/data/contract/errors.js';
import { MemoryAdapter } from '../src/data/adapters/memory-adapter.js';
import { SyncAdapter } from '../src/data/sync/sync-adapter.js';

/** A small seeded in-memory world for stories: nothing touches the reviewer's IndexedDB. */
export async function demoWorld(options: { role?: string; archived?: boolean } = {}) {
  const adapter = new MemoryAdapter();
  const seeded = await seedDemoData(adapter, { contacts: 6, entriesPerContact: 20 });
  let contact = await adapter.contacts.get(seeded.contactIds[0]!);
  if (options.archived) contact = await adapter.contacts.setArchived(contact.id, contact.version, true);
  if (options.role) adapter.session.setUser({ id: 'story', name: 'Story User', role: options.role });
  return { adapter, contactId: contact.id, seeded };
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
export async function offlineWorld() {
  const world = await demoWorld();
  const net = { down: false, refuse: false };
  const memory = world.adapter;
  const remote = new Proxy(memory, {
    get(target, key, receiver) {
      if (key === 'withRequestId') return <T>(_id: string, write: () => Promise<T>) => write();
      const value = Reflect.get(target, key, receiver);
      if (typeof value === 'function') return value.bind(target);
      if (!value || typeof value !== 'object' || key === 'capabilities') return value;
      return new Proxy(value as object, {
        get: (group, method) => {
          const call = Reflect.get(group, method) as unknown;
          // Who the user is and what they may do is known on the device; the rest asks the server.
          if (typeof call !== 'function' || (key === 'session' && method !== 'users')) return call;
          return (...args: unknown[]) => {
            if (net.down) return Promise.reject(new LiftDataError('unavailable', 'The network is cut.'));
            if (net.refuse && /^(add|update|set)/.test(String(method))) return Promise.reject(new LiftDataError('permission', 'The right to change this was taken away.'));
            return (call as (...a: unknown[]) => unknown).apply(group, args);
          };
        },
      });
    },
  }) as MemoryAdapter & { withRequestId<T>(id: string, write: () => Promise<T>): Promise<T> };
  const adapter = await SyncAdapter.over(remote, { name: `lift-sync-story-${Date.now()}`, probeMs: 600_000 });
  return { ...world, adapter, net };
}

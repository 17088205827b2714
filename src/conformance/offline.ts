// The kit's cases for an adapter that keeps a copy on the device (`adapter.sync`): reads answered
// from the copy while the backend cannot be reached, writes kept in an outbox through a reopen
// and sent once, and what the backend refuses or a colleague changed first left to the user.
import type { LiftAdapter } from '../data/contract/adapter.js';
import type { Contact } from '../data/contract/model.js';
import type { SyncApi } from '../data/contract/sync.js';
import { ADMIN, check, equal, rejectsWith, tick, WRITER, type ConformanceFixtures, type Test } from './support.js';

/**
 * A device the kit can take offline, for an adapter with a copy on the device. The device acts
 * for the fixtures' user (a `writer`); `colleague` reaches the same backend directly, as the
 * kit's admin (`CONFORMANCE_USERS[0]`), and is never cut off.
 */
export interface OfflineDevice {
  /** Opens the adapter on this device, as a page load does: the same copy and outbox each time. */
  open(): Promise<LiftAdapter>;
  /** Cuts and restores the device's network (calls fail as with no connection, e.g. `fetch` throwing a TypeError). */
  network: { down(): void | Promise<void>; up(): void | Promise<void> };
  /** An adapter acting for the kit's admin on the same backend, not through the device. */
  colleague(): Promise<LiftAdapter>;
  /** Called after each test: close what was opened, delete the device's copy. */
  cleanup?(): void | Promise<void>;
}

/** Sets up a device for one test: an empty backend with the fixtures, and a device on it. */
export type OfflineFactory = (fixtures: ConformanceFixtures) => OfflineDevice | Promise<OfflineDevice>;

/** Waits, a tick at a time, until `done` holds (at most ~10 s: a retry may go over a network). */
async function until(done: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 1000; i++) {
    if (await done()) return;
    await tick(10);
  }
  check(false, `timed out waiting until ${what}`);
}

function syncOf(adapter: LiftAdapter): SyncApi {
  check(adapter.sync, 'an adapter run with the offline cases must offer adapter.sync');
  return adapter.sync;
}

/** The backend answers again: sends what waits and waits until the outbox holds nothing to send. */
async function backOnline(device: OfflineDevice, adapter: LiftAdapter): Promise<void> {
  await device.network.up();
  const sync = syncOf(adapter);
  await sync.retry();
  await until(() => sync.state().waiting === 0 && sync.state().connection === 'online', 'the outbox is sent');
}

interface Scene {
  device: OfflineDevice;
  colleague: LiftAdapter;
  contact: Contact;
  adapter: LiftAdapter;
}

export function offlineTests(test: Test, factory: OfflineFactory, fixtures: Omit<ConformanceFixtures, 'user'>): void {
  /** A contact the colleague made, opened on the device (read once, with its overview). */
  const scene = (body: (scene: Scene) => Promise<void>) => async () => {
    const device = await factory({ ...fixtures, user: WRITER });
    try {
      const colleague = await device.colleague();
      check(colleague.session.currentUser().id === ADMIN.id, `the colleague acts for ${ADMIN.id}`);
      const relation = await colleague.relations.create({ kind: 'client', name: 'Offline BV' });
      const contact = await colleague.contacts.create({ relationId: relation.id, firstName: 'Eva', lastName: 'Dam', jobTitle: 'Zetter' });
      const adapter = await device.open();
      await adapter.contacts.get(contact.id);
      await adapter.timeline.query(contact.id, { limit: 20 });
      await body({ device, colleague, contact, adapter });
    } finally {
      await device.cleanup?.();
    }
  };

  test('answers reads from the copy on the device while the backend cannot be reached, marked stale', scene(async ({ device, colleague, contact, adapter }) => {
    const sync = syncOf(adapter);
    const fresh = await adapter.contacts.get(contact.id);
    check(!sync.isStale(fresh), 'a record read from the backend is not stale');
    const other = await colleague.contacts.create({ relationId: contact.relationId, lastName: 'Visser' });
    await device.network.down();
    const kept = await adapter.contacts.get(contact.id);
    equal([kept.id, kept.lastName, kept.version], [contact.id, 'Dam', contact.version], 'the contact read offline');
    check(sync.isStale(kept), 'a record read from the copy is marked stale');
    equal(sync.state().connection, 'offline', 'the connection');
    await rejectsWith(adapter.contacts.get(other.id), 'unavailable', 'a contact never read on the device');
    // The contract holds offline too: an element that moved on is not handed what it no longer asked for.
    const cancelled = new AbortController();
    cancelled.abort();
    await rejectsWith(adapter.contacts.get(contact.id, { signal: cancelled.signal }), 'aborted', 'a contact read offline with an aborted signal');
    await rejectsWith(adapter.timeline.query(contact.id, { limit: 20, signal: cancelled.signal }), 'aborted', 'an overview read offline with an aborted signal');
  }));

  test('reads again what a colleague changed while it follows the change feed, so the copy answers that offline', scene(async ({ device, colleague, contact, adapter }) => {
    const sync = syncOf(adapter);
    const told = new Set<string>();
    const stop = adapter.subscribe?.((change) => {
      if ('resource' in change && (change.ids.includes(contact.id) || change.contactId === contact.id)) told.add(change.resource);
    });
    check(stop, 'an adapter with a copy on the device follows the change feed (adapter.subscribe)');
    try {
      await colleague.contacts.update(contact.id, contact.version, { jobTitle: 'Drukker' });
      await colleague.timeline.add({ contactId: contact.id, kind: 'note', subject: 'Nieuw van Anna', body: '' });
      await until(() => told.has('contact') && told.has('timeline'), 'the feed tells of both changes');
      await sync.caughtUp();
      await device.network.down();
      equal((await adapter.contacts.get(contact.id)).jobTitle, 'Drukker', "the contact offline, with the colleague's change");
      const overview = await adapter.timeline.query(contact.id, { limit: 20 });
      check(overview.items.some((entry) => entry.subject === 'Nieuw van Anna'), "the overview offline holds the colleague's note");
    } finally {
      stop();
    }
  }));

  test('keeps writes made offline, counts them, keeps them through a reopen, and sends each once when the backend answers', scene(async ({ device, colleague, contact, adapter }) => {
    await device.network.down();
    const saved = await adapter.contacts.update(contact.id, contact.version, { jobTitle: 'Offline' });
    const note = await adapter.timeline.add({ contactId: contact.id, kind: 'note', subject: 'Gebeld vanuit de trein', body: '' });
    check(syncOf(adapter).isPending(saved) && syncOf(adapter).isPending(note), 'a write kept on the device is marked pending');
    equal(saved.jobTitle, 'Offline', 'the contact as kept');
    await until(() => syncOf(adapter).state().waiting === 2, 'two changes are counted as waiting');

    adapter.close?.();
    const reopened = await device.open();
    equal((await syncOf(reopened).pending()).map((change) => [change.kind, change.contactId, change.state]), [
      ['contact', contact.id, 'waiting'], ['note', contact.id, 'waiting'],
    ], 'the outbox after a reopen');
    equal((await reopened.contacts.get(contact.id)).jobTitle, 'Offline', 'the contact after a reopen');

    await backOnline(device, reopened);
    const onServer = await colleague.contacts.get(contact.id);
    equal([onServer.jobTitle, onServer.version], ['Offline', contact.version + 1], 'the contact on the backend (saved once)');
    const notes = (await colleague.timeline.all(contact.id)).filter((entry) => entry.subject === 'Gebeld vanuit de trein');
    equal(notes.length, 1, 'the note on the backend (added once)');
    equal(syncOf(reopened).state().failed, [], 'failed changes');
  }));

  test('shows a write the backend refuses in failed, with what the user wrote, until it is discarded', scene(async ({ device, colleague, contact, adapter }) => {
    await device.network.down();
    await adapter.timeline.add({ contactId: contact.id, kind: 'note', subject: 'Offerte besproken', body: 'Drie varianten' });
    // Meanwhile the contact is archived: nothing may be added to it any more.
    await colleague.contacts.setArchived(contact.id, contact.version, true);
    await device.network.up();
    const sync = syncOf(adapter);
    await sync.retry();
    await until(() => sync.state().failed.length === 1 && sync.state().waiting === 0, 'the note is refused');
    const [refused] = sync.state().failed;
    equal([refused!.kind, refused!.state, refused!.input], ['note', 'refused', { subject: 'Offerte besproken', body: 'Drie varianten' }], 'the refused change');
    check(refused!.code && refused!.code !== 'unavailable', 'a refused change says why (its code)');
    check((await colleague.timeline.all(contact.id)).every((entry) => entry.subject !== 'Offerte besproken'), 'the refused note is not on the backend');
    await sync.discard(refused!.id);
    await until(() => sync.state().failed.length === 0, 'the discarded change is gone');
  }));

  test("keeps a change to a field a colleague changed meanwhile for the user, never overwriting theirs", scene(async ({ device, colleague, contact, adapter }) => {
    await device.network.down();
    await adapter.contacts.update(contact.id, contact.version, { jobTitle: 'Mijn titel' });
    await colleague.contacts.update(contact.id, contact.version, { jobTitle: 'Hun titel' });
    await device.network.up();
    const sync = syncOf(adapter);
    await sync.retry();
    await until(() => sync.state().failed.length === 1 && sync.state().waiting === 0, 'the change waits for the user');
    const [failed] = sync.state().failed;
    equal([failed!.kind, failed!.state, failed!.contactId, failed!.input.jobTitle], ['contact', 'conflict', contact.id, 'Mijn titel'], 'the change in conflict');
    equal((await colleague.contacts.get(contact.id)).jobTitle, 'Hun titel', "the colleague's title on the backend");
    const conflict = await sync.conflict(contact.id);
    equal([conflict?.original.jobTitle, conflict?.mine.jobTitle, conflict?.theirs.jobTitle], ['Zetter', 'Mijn titel', 'Hun titel'], 'original, mine and theirs');
  }));
}

// The kit's tests of a contact's history and the change feed, run on every adapter by `runAdapterConformance`.
import type { DataChange, LifecycleNotice } from '../data/contract/adapter.js';
import { ADMIN, allPages, check, equal, rejectsWith, type Group, type Test, type WithAdapter } from './support.js';

/** A contact's history, and the change feed that tells every view what changed. */
export function timelineTests(group: Group, test: Test, withAdapter: WithAdapter): void {
  group('timeline', undefined, () => {
    test('adds entries and lists them newest first, filtered by kind, paged, counted', withAdapter(async (adapter, world) => {
      const [contact] = await world.contacts(1);
      const kinds = ['note', 'call', 'email', 'note', 'meeting'] as const;
      const added = [];
      for (const [i, kind] of kinds.entries()) {
        added.push(await adapter.timeline.add({ contactId: contact.id, kind, subject: `S${i}`, body: `B${i}`, occurredAt: new Date(Date.UTC(2025, 0, 1 + i)).toISOString() }));
      }
      equal((await adapter.timeline.list(contact.id)).items.map((e) => e.subject), ['S4', 'S3', 'S2', 'S1', 'S0'], 'newest first');
      equal((await adapter.timeline.list(contact.id, { kinds: ['note'] })).items.map((e) => e.subject), ['S3', 'S0'], 'kind filter');
      const pages = await allPages((cursor) => adapter.timeline.list(contact.id, { limit: 2, ...(cursor ? { cursor } : {}) }));
      equal(pages.map((p) => p.map((e) => e.subject)), [['S4', 'S3'], ['S2', 'S1'], ['S0']], 'pages');
      equal(await adapter.timeline.count(contact.id), 5, 'count');
      equal((await adapter.timeline.all(contact.id)).map((e) => e.id), [...added].reverse().map((e) => e.id), 'all, newest first');
      equal(added[0]!.author, ADMIN.name, 'author is the current user');
    }));

    test('refuses an entry with neither subject nor text, also when both are only spaces', withAdapter(async (adapter, world) => {
      const [contact] = await world.contacts(1);
      await rejectsWith(adapter.timeline.add({ contactId: contact.id, kind: 'note', subject: '', body: '' }), 'validation', 'empty');
      await rejectsWith(adapter.timeline.add({ contactId: contact.id, kind: 'note', subject: '   ', body: ' \n\t ' }), 'validation', 'only spaces');
      equal(await adapter.timeline.count(contact.id), 0, 'nothing stored');
    }));

    test('takes entry dates from 1900-01-01 to a year from today, and refuses others by name', withAdapter(async (adapter, world) => {
      const [contact] = await world.contacts(1);
      const add = (occurredAt: string) => adapter.timeline.add({ contactId: contact.id, kind: 'note', subject: occurredAt, body: '', occurredAt });
      const day = 86_400_000;
      for (const outside of ['1899-12-31T23:59:59.999Z', '0001-01-01T00:00:00.000Z', new Date(Date.now() + 400 * day).toISOString(), '9999-12-31T00:00:00.000Z']) {
        const error = await rejectsWith(add(outside), 'validation', outside);
        equal(error.fields?.occurredAt, 'out-of-range', `${outside} named as out of range`);
      }
      await add('1900-01-01T00:00:00.000Z');
      await add(new Date(Date.now() + 300 * day).toISOString());
      equal(await adapter.timeline.count(contact.id), 2, 'only the two within the bounds stored');
    }));

    test('a page stops before a million characters, and the pages still bring every entry once', withAdapter(async (adapter, world) => {
      const [contact] = await world.contacts(1);
      const body = 'x'.repeat(190_000);
      for (let i = 0; i < 6; i++) await adapter.timeline.add({ contactId: contact.id, kind: 'note', subject: `Lang ${i}`, body });
      const first = await adapter.timeline.list(contact.id, { limit: 50 });
      check(first.items.length >= 1 && first.items.length < 6 && first.next, `a shorter first page with a next cursor (${first.items.length} entries)`);
      check(JSON.stringify(first).length <= 1_050_000, `the first page is about a million characters at most (${JSON.stringify(first).length})`);
      const pages = await allPages((cursor) => adapter.timeline.list(contact.id, { limit: 50, ...(cursor ? { cursor } : {}) }));
      equal(pages.flat().map((e) => e.subject).sort(), ['Lang 0', 'Lang 1', 'Lang 2', 'Lang 3', 'Lang 4', 'Lang 5'], 'every entry once');
    }));

    test('refuses entries for unknown contacts and hand-made change entries', withAdapter(async (adapter, world) => {
      const [contact] = await world.contacts(1);
      await rejectsWith(adapter.timeline.add({ contactId: 'missing', kind: 'note', subject: 'x', body: 'y' }), 'not-found', 'unknown contact');
      await rejectsWith(adapter.timeline.add({ contactId: contact.id, kind: 'change', subject: 'x', body: 'y' }), 'validation', 'change by hand');
      await rejectsWith(adapter.timeline.list(contact.id, { cursor: 'garbage!' }), 'validation', 'a foreign cursor');
    }));

    test('rejects with aborted when the signal is aborted', withAdapter(async (adapter, world) => {
      const [contact] = await world.contacts(1);
      const controller = new AbortController();
      controller.abort();
      await rejectsWith(adapter.timeline.list(contact.id, { signal: controller.signal }), 'aborted', 'pre-aborted read');
      await rejectsWith(adapter.contacts.get(contact.id, { signal: controller.signal }), 'aborted', 'pre-aborted get');
    }));
  });

  group('change feed', undefined, () => {
    test('reports created and updated ids after the write, and stops after unsubscribe', withAdapter(async (adapter, world) => {
      const seen: (DataChange | LifecycleNotice)[] = [];
      const unsubscribe = adapter.subscribe((change) => seen.push(change));
      const [contact] = await world.contacts(1);
      await adapter.contacts.update(contact.id, 1, { jobTitle: 'Nieuw' });
      const data = seen.filter((c): c is DataChange => 'resource' in c && c.resource === 'contact');
      check(data.some((c) => c.type === 'created' && c.ids.includes(contact.id)), 'created reported');
      check(data.some((c) => c.type === 'updated' && c.ids.includes(contact.id)), 'updated reported');
      check(data.every((c) => c.origin === 'local'), 'own changes are local');
      check(seen.some((c) => 'resource' in c && c.resource === 'timeline' && c.contactId === contact.id), 'timeline change names its contact');
      unsubscribe();
      const count = seen.length;
      await adapter.contacts.update(contact.id, 2, { jobTitle: 'Later' });
      equal(seen.length, count, 'nothing after unsubscribe');
    }));

    test('a failed write reports nothing', withAdapter(async (adapter, world) => {
      const [contact] = await world.contacts(1);
      const seen: unknown[] = [];
      adapter.subscribe((change) => seen.push(change));
      await rejectsWith(adapter.contacts.update(contact.id, 99, { jobTitle: 'x' }), 'conflict', 'stale');
      equal(seen.length, 0, 'no change reported');
    }));
  });
}

// The kit's tests of a contact's history, repeated creates, aborted reads and the change feed, run
// on every adapter by `runAdapterConformance`.
import type { DataChange, LifecycleNotice, LiftAdapter, NewTimelineEntry } from '../data/contract/adapter.js';
import type { Contact } from '../data/contract/model.js';
import { LiftDataError } from '../data/contract/errors.js';
import { ADMIN, allPages, check, equal, follow, rejectsWith, VIEWER, WRITER, type Group, type Test, type WithAdapter } from './support.js';

/** A contact's history, a create repeated under its request id, aborted reads, and the change feed that tells every view what changed. */
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
      // An instant names its zone: without one it would mean another time on each machine.
      for (const vague of ['2024-05-01T10:00', '2024-05-01', 'May 1, 2024 10:00', '2024-05-01 10:00Z']) {
        const error = await rejectsWith(add(vague), 'validation', vague);
        equal(error.fields?.occurredAt, 'type', `${vague} named as no instant`);
      }
      // A day its month does not have, or an hour past the day's: no instant, in every engine
      // (some read 30 February as 1 March).
      for (const impossible of ['2024-02-30T10:00:00Z', '2023-02-29T10:00:00Z', '2024-04-31T10:00:00Z', '2024-13-01T10:00:00Z', '2024-05-01T24:00:00Z', '2024-05-01T10:60:00Z', '2024-05-01T10:00:60Z']) {
        const error = await rejectsWith(add(impossible), 'validation', impossible);
        equal(error.fields?.occurredAt, 'type', `${impossible} named as no instant`);
      }
      await add('2024-02-29T10:00:00Z');
      equal(await adapter.timeline.count(contact.id), 3, 'a leap day is a day');
      const { id } = await add('2024-05-01T12:00:00+02:00');
      const stored = (await adapter.timeline.list(contact.id)).items.find((e) => e.id === id);
      equal(stored?.occurredAt, '2024-05-01T10:00:00.000Z', 'an offset is taken, and stored as the instant in UTC');
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

    test('a missing contact id, or one that is not text, is the caller\'s mistake and never storage out of reach', withAdapter(async (adapter, world) => {
      const [contact] = await world.contacts(1);
      // `unavailable` would have elements offer to try again later, which brings no id. Over HTTP the
      // contact id travels in the address as text ("undefined", "42"), which no contact has: that
      // is answered as for any unknown contact, `not-found` for an entry and 0 for a count.
      const answer = (call: Promise<unknown>) => call.then((value) => value, (reason: unknown) => (LiftDataError.is(reason) ? reason : String(reason)));
      const added = await answer(adapter.timeline.add({ kind: 'note', subject: 'Zonder contact', body: '' } as unknown as NewTimelineEntry));
      const got = LiftDataError.is(added) ? added.code : JSON.stringify(added);
      check(LiftDataError.is(added) && (added.code === 'not-found' || added.code === 'validation'), `an entry without its contact: expected validation, got ${got}`);
      if (added.code === 'validation') equal(added.fields?.contactId, 'required', 'contactId named as required');
      for (const id of [undefined, null, 42]) {
        const counted = await answer(adapter.timeline.count(id as unknown as string));
        const code = LiftDataError.is(counted) ? counted.code : counted;
        check(code === 'validation' || code === 'not-found' || code === 0, `count(${JSON.stringify(id)}): expected validation, not-found or 0, got ${JSON.stringify(code)}`);
      }
      equal(await adapter.timeline.count(contact.id), 0, 'nothing stored');
    }));

    test('an entry goes in or out, and names its work item by id; other values are refused by name and not stored', withAdapter(async (adapter, world) => {
      const [contact] = await world.contacts(1);
      const add = (extra: object) => adapter.timeline.add({ contactId: contact.id, kind: 'call', subject: 'Gebeld', body: '', ...extra } as NewTimelineEntry);
      for (const direction of [42, true, null, ['in']]) {
        const error = await rejectsWith(add({ direction }), 'validation', `direction ${JSON.stringify(direction)}`);
        equal(error.fields?.direction, 'type', `direction ${JSON.stringify(direction)} named as not text`);
      }
      // Text outside in and out is named; the team server's schema gives the reason `invalid`
      // (not in its list), the engine `type`.
      for (const direction of ['sideways', 'IN', '']) {
        const error = await rejectsWith(add({ direction }), 'validation', `direction "${direction}"`);
        check(error.fields?.direction, `direction "${direction}" named`);
      }
      for (const workItemId of [42, true, null, { id: 'w-1' }]) {
        const error = await rejectsWith(add({ workItemId }), 'validation', `workItemId ${JSON.stringify(workItemId)}`);
        equal(error.fields?.workItemId, 'type', `workItemId ${JSON.stringify(workItemId)} named as not text`);
      }
      equal(await adapter.timeline.count(contact.id), 0, 'nothing stored');
      const made = await add({ direction: 'in' });
      equal((await adapter.timeline.all(contact.id)).map((e) => [e.id, e.direction]), [[made.id, 'in']], 'in is taken');
    }));

    test('a create sent twice under one request id (withRequestId, where offered) is made once and answered alike', withAdapter(async (adapter, world) => {
      const [contact] = await world.contacts(1);
      // Offered by an adapter whose writes can lose their answer on the way back; without it, nothing to check.
      if (!adapter.withRequestId) return;
      const note = { contactId: contact.id, kind: 'note', subject: 'Eén keer', body: 'Opnieuw verstuurd' } as const;
      const id = `conformance-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
      const first = await adapter.withRequestId(id, () => adapter.timeline.add(note));
      const again = await adapter.withRequestId(id, () => adapter.timeline.add(note));
      equal(again, first, 'the repeated create is answered as the first');
      equal((await adapter.timeline.all(contact.id)).filter((e) => e.subject === note.subject).map((e) => e.id), [first.id], 'one entry made');
      const other = await adapter.withRequestId(`${id}-2`, () => adapter.timeline.add(note));
      check(other.id !== first.id, 'another request id makes another entry');
      equal(await adapter.timeline.count(contact.id), 2, 'two entries for two request ids');
    }));
  });

  group('aborted reads', undefined, () => {
    /** Every read of the contract that takes a signal (those of the optional groups the adapter has), each on one contact. */
    const reads = (adapter: LiftAdapter, contact: Contact) => {
      const all: [string, (signal: AbortSignal) => Promise<unknown>][] = [
        ['contacts.get', (signal) => adapter.contacts.get(contact.id, { signal })],
        ['contacts.list', (signal) => adapter.contacts.list({ signal })],
        ['relations.get', (signal) => adapter.relations.get(contact.relationId, { signal })],
        ['relations.list', (signal) => adapter.relations.list({ signal })],
        ['timeline.list', (signal) => adapter.timeline.list(contact.id, { signal })],
        ['timeline.query', (signal) => adapter.timeline.query(contact.id, { signal })],
        ['timeline.all', (signal) => adapter.timeline.all(contact.id, { signal })],
        ['timeline.count', (signal) => adapter.timeline.count(contact.id, { signal })],
        ['session.users', (signal) => adapter.session.users({ signal })],
      ];
      const { work, checklists, templates, reports, preferences } = adapter;
      if (work) all.push(['work.listForContact', (signal) => work.listForContact(contact.id, { signal })]);
      if (checklists) {
        all.push(['checklists.definitions', (signal) => checklists.definitions('contact', { signal })]);
        all.push(['checklists.states', (signal) => checklists.states(contact.id, { signal })]);
      }
      if (templates) all.push(['templates.list', (signal) => templates.list({ signal })]);
      if (reports) {
        all.push(['reports.list', (signal) => reports.list({ signal })]);
        all.push(['reports.run activity', (signal) => reports.run('activity', contact.id, { signal })]);
        all.push(['reports.run summary', (signal) => reports.run('summary', contact.id, { signal })]);
      }
      if (preferences) all.push(['preferences.get', (signal) => preferences.get('contact', { signal })]);
      return all;
    };

    test('every read rejects with aborted when its signal was aborted before the call', withAdapter(async (adapter, world) => {
      const [contact] = await world.contacts(1);
      await adapter.timeline.add({ contactId: contact.id, kind: 'note', subject: 'Gelezen', body: '' });
      for (const [name, read] of reads(adapter, contact)) await rejectsWith(read(AbortSignal.abort()), 'aborted', `${name} with an aborted signal`);
      equal((await adapter.contacts.get(contact.id)).id, contact.id, 'a read without a signal still answers');
    }));

    test('a read whose signal aborts after it was called rejects with aborted', withAdapter(async (adapter, world) => {
      const [contact] = await world.contacts(1);
      await adapter.timeline.add({ contactId: contact.id, kind: 'note', subject: 'Gelezen', body: '' });
      for (const [name, read] of reads(adapter, contact)) {
        const controller = new AbortController();
        const call = read(controller.signal);
        controller.abort();
        if (name !== 'reports.list') {
          await rejectsWith(call, 'aborted', `${name} aborted after it was called`);
          continue;
        }
        // The built-in reports are listed without reading stored data, so the list may be
        // answered before the abort comes (as the memory and IndexedDB adapters do): in full, then.
        const listed = await call.then((value) => value as { id: string }[], (reason: unknown) => reason);
        const ids = Array.isArray(listed) ? listed.map((r) => r.id) : [];
        check(LiftDataError.is(listed, 'aborted') || (ids.includes('activity') && ids.includes('summary')), `reports.list aborted after it was called: expected aborted or both built-in reports, got ${LiftDataError.is(listed) ? listed.code : JSON.stringify(listed)}`);
      }
      equal(await adapter.timeline.count(contact.id), 1, 'a read without a signal still answers');
    }));
  });

  group('entries recorded by hand', undefined, () => {
    test('the author corrects and removes their own entry; the overview, its counts and the feed follow', withAdapter(async (adapter, world) => {
      const [contact] = await world.contacts(1);
      const call = await adapter.timeline.add({ contactId: contact.id, kind: 'call', subject: 'Gebeld', body: 'Terugbellen' });
      await adapter.timeline.add({ contactId: contact.id, kind: 'note', subject: 'Blijft', body: '' });
      const seen: DataChange[] = [];
      const stop = follow(adapter, (change) => 'resource' in change && seen.push(change));
      try {
        const fixed = await adapter.timeline.update(call.id, { body: 'Offerte besproken' });
        equal([fixed.id, fixed.kind, fixed.subject, fixed.body, fixed.occurredAt, fixed.author], [call.id, 'call', 'Gebeld', 'Offerte besproken', call.occurredAt, call.author], 'only the text changed');
        const found = await adapter.timeline.query(contact.id, { text: 'offerte' });
        equal(found.items.map((e) => e.id), [call.id], 'the search finds the new text');
        equal((await adapter.timeline.query(contact.id, { text: 'terugbellen' })).total, 0, 'and no longer the old one');
        check(seen.some((c) => c.type === 'updated' && c.resource === 'timeline' && c.ids.includes(call.id) && c.contactId === contact.id), 'update reported with its contact');
        await rejectsWith(adapter.timeline.update(call.id, { subject: ' ', body: '' }), 'validation', 'emptied');
        await adapter.timeline.remove(call.id);
        const after = await adapter.timeline.query(contact.id);
        equal([after.items.map((e) => e.subject), after.total, after.counts.call, after.counts.note], [['Blijft'], 1, 0, 1], 'gone from the overview and its counts');
        equal(await adapter.timeline.count(contact.id), 1, 'count');
        check(seen.some((c) => c.type === 'deleted' && c.resource === 'timeline' && c.ids.includes(call.id) && c.contactId === contact.id), 'removal reported with its contact');
        await rejectsWith(adapter.timeline.remove(call.id), 'not-found', 'removed twice');
        await rejectsWith(adapter.timeline.update('missing', { body: 'x' }), 'not-found', 'unknown entry');
      } finally {
        stop();
      }
    }));

    test("another's entry, a generated one, a viewer and an archived contact are refused, and nothing changes", withAdapter(async (adapter, world) => {
      const [contact] = await world.contacts(1);
      const mine = await adapter.timeline.add({ contactId: contact.id, kind: 'note', subject: 'Van Ada', body: 'Tekst' });
      await adapter.contacts.update(contact.id, 1, { jobTitle: 'Inkoper' });
      const change = (await adapter.timeline.list(contact.id, { kinds: ['change'] })).items[0]!;
      await rejectsWith(adapter.timeline.update(change.id, { body: 'x' }), 'permission', 'a change entry');
      await rejectsWith(adapter.timeline.remove(change.id), 'permission', 'removing a change entry');
      adapter.session.setUser(WRITER);
      await rejectsWith(adapter.timeline.update(mine.id, { body: 'x' }), 'permission', "another's note");
      await rejectsWith(adapter.timeline.remove(mine.id), 'permission', "removing another's note");
      adapter.session.setUser(VIEWER);
      await rejectsWith(adapter.timeline.update(mine.id, { body: 'x' }), 'permission', 'a viewer');
      await rejectsWith(adapter.timeline.remove(mine.id), 'permission', 'a viewer removing');
      adapter.session.setUser(ADMIN);
      await adapter.contacts.setArchived(contact.id, 2, true);
      await rejectsWith(adapter.timeline.update(mine.id, { body: 'x' }), 'validation', 'on an archived contact');
      await rejectsWith(adapter.timeline.remove(mine.id), 'validation', 'removing on an archived contact');
      const kept = (await adapter.timeline.all(contact.id)).find((e) => e.id === mine.id);
      equal([kept?.subject, kept?.body], ['Van Ada', 'Tekst'], 'the note as written');
    }));
  });

  group('change feed', undefined, () => {
    test('reports created and updated ids after the write, and stops after unsubscribe', withAdapter(async (adapter, world) => {
      const seen: (DataChange | LifecycleNotice)[] = [];
      const stop = follow(adapter, (change) => seen.push(change));
      try {
        const [contact] = await world.contacts(1);
        await adapter.contacts.update(contact.id, 1, { jobTitle: 'Nieuw' });
        const data = seen.filter((c): c is DataChange => 'resource' in c && c.resource === 'contact');
        check(data.some((c) => c.type === 'created' && c.ids.includes(contact.id)), 'created reported');
        check(data.some((c) => c.type === 'updated' && c.ids.includes(contact.id)), 'updated reported');
        check(data.every((c) => c.origin === 'local'), 'own changes are local');
        check(seen.some((c) => 'resource' in c && c.resource === 'timeline' && c.contactId === contact.id), 'timeline change names its contact');
        stop();
        const count = seen.length;
        await adapter.contacts.update(contact.id, 2, { jobTitle: 'Later' });
        equal(seen.length, count, 'nothing after unsubscribe');
      } finally {
        stop();
      }
    }));

    test('a failed write reports nothing', withAdapter(async (adapter, world) => {
      const [contact] = await world.contacts(1);
      const seen: unknown[] = [];
      const stop = follow(adapter, (change) => seen.push(change));
      try {
        await rejectsWith(adapter.contacts.update(contact.id, 99, { jobTitle: 'x' }), 'conflict', 'stale');
        equal(seen.length, 0, 'no change reported');
      } finally {
        stop();
      }
    }));
  });
}

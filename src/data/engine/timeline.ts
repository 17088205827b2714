import type { NewTimelineEntry, OverviewPage, TimelineApi, TimelineEntryChanges, TimelineQuery, WorkApi } from '../contract/adapter.js';
import { newId } from '../contract/ids.js';
import { isOwnRecord, TIMELINE_KINDS, WORK_KINDS, type Direction, type Id, type TimelineEntry, type WorkItem } from '../contract/model.js';
import { getContact, keysetPage, writableContact, type Engine } from './engine.js';
import { overviewFilter, overviewKey, type OverviewFilter, type OverviewMatches } from './overview.js';
import { abortable, EARLIEST_ENTRY, existing, expectActive, fail, fitPage, instantTime, LIMITS, requireId, requireString, yearAfter } from './rules.js';
import { encodeCursor, type StoredRecord, type StoreTransaction } from './store.js';

/** Which way a call or a message went: the two an entry takes, as the team server's schema does. */
const DIRECTIONS: readonly Direction[] = ['in', 'out'];

/**
 * The overview from the backend where it can search in place, else from the contact's index.
 * Before answering, the index takes the entries created since it was read; on shared storage it
 * must also be at the contact's stored revision (writes from elsewhere not heard yet are read).
 */
async function overview(engine: Engine, filter: OverviewFilter, signal: AbortSignal | undefined): Promise<OverviewMatches> {
  if (engine.backend.overview) return abortable(engine.backend.overview(filter, signal), signal);
  return engine.overviews.fromIndex(filter.contactId, signal, (index) => index.run(filter));
}

/**
 * An entry the current user may change or remove, read in the write's transaction: theirs, of a
 * kind recorded by hand, on an active contact they may see.
 */
async function ownEntry(engine: Engine, tx: StoreTransaction, id: Id): Promise<TimelineEntry> {
  const entry = (await existing(tx, 'timeline', id, 'overview entry')) as unknown as TimelineEntry;
  await engine.mayReadFor(tx, entry.contactId);
  if (!isOwnRecord(entry, engine.user().id)) fail('permission', 'Only entries you recorded yourself (notes, calls, meetings, e-mails, tasks) can be changed or removed.');
  expectActive(await getContact(tx, entry.contactId));
  return entry;
}

/** The changes to an entry, checked before storage is touched. */
function entryChanges(changes: TimelineEntryChanges): TimelineEntryChanges {
  if (!changes || typeof changes !== 'object') return fail('validation', 'Changes must be an object.', { fields: { changes: 'type' } });
  return {
    ...(changes.subject !== undefined ? { subject: requireString(changes.subject, 'subject', LIMITS.subject, false) } : {}),
    ...(changes.body !== undefined ? { body: requireString(changes.body, 'body', LIMITS.body, false) } : {}),
  };
}

/** A contact's overview: pages, the query with its counts, and entries recorded by hand. */
export function timelineApi(engine: Engine): TimelineApi {
  return {
    list: (contactId, query: TimelineQuery = {}) =>
      engine.read(['contacts', 'timeline'], query, async (tx) => {
        await engine.mayReadFor(tx, contactId);
        const kinds = query.kinds?.length ? { oneOf: { field: 'kind', values: [...query.kinds] } } : undefined;
        return keysetPage<TimelineEntry>(tx, 'timeline', 'byContact', [contactId], query, kinds);
      }),
    query: async (contactId, query = {}): Promise<OverviewPage> => {
      const filter = overviewFilter(contactId, query);
      if (!engine.backend.overview) engine.overviews.fetchCode(contactId);
      const allowed = engine.read(['contacts'], query, (tx) => engine.mayReadFor(tx, contactId));
      // An index kept in memory answers while the rights are checked (one wait for storage, not
      // two); one still to be read is read only for a reader who may.
      const answer =
        engine.overviews.has(contactId) && !engine.backend.overview ? overview(engine, filter, query.signal) : allowed.then(() => overview(engine, filter, query.signal));
      answer.catch(() => undefined);
      await allowed;
      const { entries, total, counts } = await answer;
      const { items, more } = fitPage(entries, filter.limit);
      const last = items.at(-1);
      return { items, ...(more && last ? { next: encodeCursor(overviewKey(last)) } : {}), total, counts };
    },
    // Timeline records carry no internal fields, so the full set is returned without copying.
    all: (contactId, options) =>
      engine.read(['contacts', 'timeline'], options, async (tx) => {
        await engine.mayReadFor(tx, contactId);
        return (await tx.getAll('timeline', [contactId], 'byContact', options?.signal)).reverse() as unknown as TimelineEntry[];
      }),
    count: (contactId, options) =>
      engine.read(['contacts', 'timeline'], options, async (tx) => {
        await engine.mayReadFor(tx, contactId);
        return tx.count('timeline', [contactId], 'byContact');
      }),
    add: async (input: NewTimelineEntry) => {
      engine.require('edit', 'add to the contact overview');
      if (!TIMELINE_KINDS.includes(input?.kind) || input.kind === 'change' || input.kind === 'checklist') {
        fail('validation', `Entries of kind ${String(input?.kind)} cannot be added by hand.`, { fields: { kind: input?.kind === undefined ? 'required' : 'type' } });
      }
      const contactId = requireId(input.contactId, 'contactId');
      const subject = requireString(input.subject, 'subject', LIMITS.subject, false);
      const body = requireString(input.body, 'body', LIMITS.body, false);
      if (!subject.trim() && !body.trim()) fail('validation', 'An entry needs a subject or a text.', { fields: { body: 'required' } });
      // Stored as given, as the team server would refuse them: in or out, and a work item's id as text.
      if (input.direction !== undefined && !(DIRECTIONS as readonly unknown[]).includes(input.direction)) {
        fail('validation', 'direction must be in or out.', { fields: { direction: 'type' } });
      }
      if (input.workItemId !== undefined && typeof input.workItemId !== 'string') fail('validation', 'workItemId must be the text of an id.', { fields: { workItemId: 'type' } });
      if (input.occurredAt !== undefined) {
        const time = instantTime(input.occurredAt);
        if (Number.isNaN(time)) fail('validation', 'occurredAt is not a date and time with its zone (ISO 8601).', { fields: { occurredAt: 'type' } });
        if (time < EARLIEST_ENTRY || time > yearAfter(engine.now())) {
          fail('validation', 'occurredAt must lie between 1900-01-01 and one year from today.', { fields: { occurredAt: 'out-of-range' } });
        }
      }
      return engine.write(['contacts', 'timeline'], async (tx, changes) => {
        expectActive(await writableContact(engine, tx, contactId));
        const entry = engine.entry({
          contactId,
          kind: input.kind,
          subject,
          body,
          ...(input.direction ? { direction: input.direction } : {}),
          ...(input.workItemId ? { workItemId: input.workItemId } : {}),
          ...(input.occurredAt ? { occurredAt: new Date(input.occurredAt).toISOString() } : {}),
        });
        await tx.put('timeline', entry as unknown as StoredRecord);
        engine.change(changes, 'created', 'timeline', [entry.id], contactId);
        return entry;
      });
    },
    update: async (id, input) => {
      engine.require('edit', 'change entries of the contact overview');
      const wanted = entryChanges(input);
      return engine.write(['contacts', 'timeline'], async (tx, changes) => {
        const next = { ...(await ownEntry(engine, tx, id)), ...wanted };
        if (!next.subject.trim() && !next.body.trim()) fail('validation', 'An entry needs a subject or a text.', { fields: { body: 'required' } });
        await tx.put('timeline', next as unknown as StoredRecord);
        engine.change(changes, 'updated', 'timeline', [id], next.contactId);
        return next;
      });
    },
    remove: async (id) => {
      engine.require('edit', 'remove entries from the contact overview');
      await engine.write(['contacts', 'timeline'], async (tx, changes) => {
        const entry = await ownEntry(engine, tx, id);
        await tx.delete('timeline', id);
        engine.change(changes, 'deleted', 'timeline', [id], entry.contactId);
      });
    },
  };
}

/** Leads, requests and projects of a contact, numbered per kind and year. */
export function workApi(engine: Engine): WorkApi {
  return {
    listForContact: (contactId, query = {}) =>
      engine.read(['contacts', 'work'], query, async (tx) => {
        engine.mayRead(query.includeArchived);
        await engine.mayReadFor(tx, contactId);
        return keysetPage<WorkItem>(tx, 'work', 'byContact', [contactId], query, query.includeArchived ? undefined : { notTrue: 'archived' });
      }),
    create: async (input) => {
      engine.require('create-work', 'create leads, requests or projects');
      if (!WORK_KINDS.includes(input?.kind)) fail('validation', `Unknown kind ${String(input?.kind)}.`, { fields: { kind: input?.kind === undefined ? 'required' : 'type' } });
      const title = requireString(input.title, 'title', LIMITS.title).trim();
      const description = requireString(input.description ?? '', 'description', LIMITS.body, false);
      const contactId = requireId(input.contactId, 'contactId');
      return engine.write(['contacts', 'work', 'meta'], async (tx, changes) => {
        const contact = await writableContact(engine, tx, contactId);
        expectActive(contact);
        const at = engine.timestamp();
        const year = at.slice(0, 4);
        const counterKey = `work-number:${input.kind}:${year}`;
        const counter = ((await tx.get('meta', counterKey))?.value as number | undefined) ?? 0;
        await tx.put('meta', { key: counterKey, value: counter + 1 });
        const prefix = { lead: 'L', request: 'A', project: 'P' }[input.kind];
        const item: WorkItem = {
          id: newId(),
          kind: input.kind,
          contactId: input.contactId,
          relationId: contact.relationId as Id,
          number: `${prefix}-${year}-${String(counter + 1).padStart(4, '0')}`,
          title,
          description,
          status: 'open',
          archived: false,
          startDate: at.slice(0, 10),
          createdAt: at,
          updatedAt: at,
          version: 1,
        };
        await tx.put('work', item as unknown as StoredRecord);
        engine.change(changes, 'created', 'work', [item.id], input.contactId);
        return item;
      });
    },
  };
}

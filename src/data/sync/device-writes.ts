// What a write that waits in the outbox does to the device's copy meanwhile: the contact shows the
// saved fields, the overview the new note, the checklist the ticked item, as the server will.
import type { ChangeResource, DataChange, NewTimelineEntry, TimelineEntryChanges } from '../contract/adapter.js';
import { LiftDataError } from '../contract/errors.js';
import type { ChecklistState, Contact, ContactDetails, Id, Preferences, TimelineEntry, User } from '../contract/model.js';
import type { PendingChange, PendingKind } from '../contract/sync.js';
import { entryText } from '../contract/entry-text.js';
import { overTheirs, send, stored, unchanged, type Remote } from './outbox.js';
import type { OutboxEntry, Replica } from './replica.js';

type Op = OutboxEntry['op'];

/** The resource each write changes, as a change notice names it. */
const RESOURCE: Record<Op, ChangeResource> = {
  'contacts.update': 'contact', 'timeline.add': 'timeline', 'checklists.setState': 'checklist', 'preferences.set': 'preferences',
};

/**
 * What an element shows of a write the server refused, or the user discarded, is the device's
 * guess: the change notice that has it read again (from the server when it answers, else from
 * the copy, which no longer holds it), so that value does not stay on screen.
 */
export function refusedChange({ op, contactId }: OutboxEntry): DataChange {
  const contact = op === 'contacts.update' && contactId ? { ids: [contactId] } : { ids: [], ...(contactId ? { contactId } : {}) };
  return { type: 'updated', resource: RESOURCE[op], ...contact, origin: 'remote', at: new Date().toISOString() };
}

/** Every resource changed, in bulk: what shows any of it reads it again. */
export function everyResource(): DataChange[] {
  const at = new Date().toISOString();
  const resources: ChangeResource[] = ['contact', 'relation', 'work', 'timeline', 'checklist', 'checklist-definition', 'preferences'];
  return resources.map((resource) => ({ type: 'updated', resource, ids: [], origin: 'remote', at }));
}

/**
 * What the adapter's listeners hear of a write kept on the device (`value` is what it gave the
 * caller): the notice they would have heard had the server taken it, so that every element
 * showing the record follows, not only the one it was made in.
 */
export function keptChange({ op, args, contactId }: OutboxEntry, value: unknown, user: Id): DataChange {
  const at = new Date().toISOString();
  switch (op) {
    case 'contacts.update':
      return { type: 'updated', resource: 'contact', ids: [args[0] as Id], origin: 'local', at };
    case 'timeline.add':
      return { type: 'created', resource: 'timeline', ids: [(value as TimelineEntry).id], contactId: contactId!, origin: 'local', at };
    case 'checklists.setState':
      return { type: 'updated', resource: 'checklist', ids: [args[1] as Id], contactId: contactId!, origin: 'local', at };
    case 'preferences.set':
      return { type: 'updated', resource: 'preferences', ids: [`${user}:${String(args[0])}`], origin: 'local', at };
  }
}

const KINDS: Record<Op, PendingKind> = {
  'contacts.update': 'contact', 'timeline.add': 'note', 'checklists.setState': 'checklist', 'preferences.set': 'preferences',
};

/** An entry's fields as the user wrote them, for them to copy when it cannot be saved. */
function inputOf(op: Op, args: readonly unknown[]): Record<string, string> {
  const text = (value: object) =>
    Object.fromEntries(Object.entries(value).filter(([, v]) => typeof v === 'string' || typeof v === 'boolean').map(([k, v]) => [k, String(v)]));
  if (op === 'contacts.update') return text(args[2] as object);
  if (op === 'timeline.add') {
    const { subject, body } = args[0] as NewTimelineEntry;
    return { subject, body };
  }
  if (op === 'checklists.setState') return text(stored(args[3] as Record<string, unknown>));
  return { preferences: JSON.stringify(args[1]) };
}

/** How many attempts of one change `sent` keeps. */
const ATTEMPTS = 4;

/** `entry` about to be sent (again): for a change of a contact or a checklist item, `sent` holds what goes now. */
export function sending(entry: OutboxEntry): OutboxEntry {
  const changes = (entry.op === 'contacts.update' ? entry.args[2] : entry.op === 'checklists.setState' ? entry.args[3] : undefined) as Record<string, unknown> | undefined;
  if (!changes) return entry;
  const same = JSON.stringify(changes);
  return { ...entry, sent: [...(entry.sent ?? []).filter((attempt) => JSON.stringify(attempt) !== same), changes].slice(-ATTEMPTS) };
}

/** A new outbox entry for a write made now. */
export function entryFor(id: string, op: Op, args: unknown[], contactId: Id | undefined): OutboxEntry {
  return { id, op, args, kind: KINDS[op], at: new Date().toISOString(), state: 'waiting', input: inputOf(op, args), ...(contactId ? { contactId } : {}) };
}

/** What the user and the host see of an entry: not what it sends, nor the records it keeps. */
export function pendingOf({ seq: _seq, op: _op, args: _args, base: _base, before: _before, local: _local, theirs: _theirs, tried: _tried, sent: _sent, ...change }: OutboxEntry): PendingChange {
  return change;
}

/** A read's key in the copy: the contact it belongs to first, so all of one contact's reads are found together. */
export function keyOf(method: string, contactId: string | undefined, args: readonly unknown[]): string {
  const plain = args.map((arg) => (arg && typeof arg === 'object' ? Object.fromEntries(Object.entries(arg).filter(([k]) => k !== 'signal')) : arg));
  return `${keyPrefix(contactId, method)}${JSON.stringify(plain)}`;
}

/** How the keys of the kept reads of contact `contactId` (none: no contact's) begin; of its reads by `method` only, given one. */
export const keyPrefix = (contactId: string | undefined, method?: string): string => `${contactId ?? '-'}|${method ? `${method}|` : ''}`;

export const contactKey = (id: Id | undefined) => keyOf('contacts.get', undefined, [id]);

/** The waiting entry a later write of the same record joins, so the record is written once. */
async function waitingFor(replica: Replica, match: (entry: OutboxEntry) => boolean): Promise<{ entries: OutboxEntry[]; earlier: OutboxEntry | undefined }> {
  const entries = await replica.outbox();
  return { entries, earlier: entries.find((e) => e.state === 'waiting' && match(e)) };
}

/** A contact saved on the device: checked as the server would, then kept and queued. */
export async function keepContact(replica: Replica, entry: OutboxEntry, canEdit: boolean): Promise<Contact> {
  const [id, version, changes] = entry.args as [Id, number, Partial<ContactDetails>];
  const { entries, earlier } = await waitingFor(replica, (e) => e.op === 'contacts.update' && e.contactId === id);
  const current = (earlier?.local as Contact | undefined) ?? (await replica.read<Contact>(contactKey(id)));
  if (!current) throw new LiftDataError('unavailable', 'The server cannot be reached, and this contact was not read on this device before.');
  if (current.version !== version) throw new LiftDataError('conflict', 'The contact is not at the version this change was based on.', { current });
  if (current.archived) throw new LiftDataError('validation', 'An archived contact cannot be changed.');
  if (!canEdit) throw new LiftDataError('permission', 'You may not change contacts.');
  // The version stays the one the changes were made on: a number ahead of it could be the server's
  // next version holding a colleague's changes, and a save on it would then pass the version check
  // without the user having seen them. Once the server has taken the entry, a save on this record
  // meets a conflict instead.
  const local: Contact = { ...current, ...changes, version, updatedAt: new Date().toISOString() };
  // A contact in conflict that the user saves again has been settled: that save replaces it.
  for (const e of entries) if (e.op === 'contacts.update' && e.contactId === id && e.state === 'conflict') await replica.remove(e.seq!);
  if (earlier) {
    const merged = { ...(earlier.args[2] as object), ...changes };
    const args = [id, earlier.args[1], merged];
    await replica.put({ ...earlier, args, local, input: inputOf('contacts.update', args) });
  } else {
    await replica.add({ ...entry, base: current, local });
  }
  await replica.keep(contactKey(id), local);
  return { ...local };
}

/** Changes every kept overview page and count of the contact (not searched, filtered by date or later pages). */
function editOverview(replica: Replica, contactId: Id | undefined, change: (page: OverviewLike, kinds: string | undefined) => unknown): Promise<void> {
  // A change of no contact is in no contact's overview.
  if (contactId === undefined) return Promise.resolve();
  return replica.edit(overviewReads(contactId), (value, key) => {
    if (!firstOverview(key, contactId)) return undefined;
    return change(value as OverviewLike, /"kinds":\[([^\]]*)\]/.exec(key)?.[1]);
  });
}

type OverviewLike = { items?: TimelineEntry[]; next?: string; total?: number; counts?: Record<string, number> } | number;

/** A note made on the device: at the top of the contact's kept overview, as the server will put it. */
export async function keepNote(replica: Replica, entry: OutboxEntry, user: User): Promise<TimelineEntry> {
  const input = entry.args[0] as NewTimelineEntry;
  const local: TimelineEntry = { ...input, id: `device-${entry.id}`, occurredAt: input.occurredAt ?? new Date().toISOString(), author: user.name, authorId: user.id };
  if (local.direction === undefined) delete local.direction;
  await replica.add({ ...entry, local });
  // Queued from here on, and sent: the caller is told it was kept even when the kept overview
  // cannot show it (a full disk), or the user would type it again and it would go twice.
  await editOverview(replica, input.contactId, withNote(local)).catch(() => {});
  return { ...local };
}

/**
 * A kept overview page or count with `local`, a note made on the device, where the server will put
 * it: newest first by date, so one dated last week goes below yesterday's. One older than the
 * last entry of a page with more after it belongs to a later page, which is not kept here.
 */
const withNote = (local: TimelineEntry) => (page: OverviewLike, kinds: string | undefined) => {
  if (typeof page === 'number') return page + 1;
  if (!page?.items) return undefined;
  const counts = page.counts ? { ...page.counts, [local.kind]: (page.counts[local.kind] ?? 0) + 1 } : undefined;
  if (kinds && !kinds.includes(`"${local.kind}"`)) return counts ? { ...page, counts } : undefined;
  const at = page.items.findIndex((item) => item.occurredAt < local.occurredAt || (item.occurredAt === local.occurredAt && item.id < local.id));
  const items = at < 0 && page.next ? page.items : page.items.toSpliced(at < 0 ? page.items.length : at, 0, local);
  return { ...page, items, ...(page.total === undefined ? {} : { total: page.total + 1 }), ...(counts ? { counts } : {}) };
};

/** A kept overview page or count without `local`, the undoing of {@link withNote}: as the server has it without the note. */
const withoutNote = (local: TimelineEntry) => (page: OverviewLike, kinds: string | undefined) => {
  if (typeof page === 'number') return page - 1;
  if (!page?.items) return undefined;
  const counts = page.counts ? { ...page.counts, [local.kind]: Math.max(0, (page.counts[local.kind] ?? 1) - 1) } : undefined;
  if (kinds && !kinds.includes(`"${local.kind}"`)) return counts ? { ...page, counts } : undefined;
  return { ...page, items: page.items.filter((item) => item.id !== local.id), ...(page.total === undefined ? {} : { total: page.total - 1 }), ...(counts ? { counts } : {}) };
};

/**
 * Keeps an answer of the server under `key`, with what still waits in the outbox laid over it as
 * the device showed it: kept alone, a page read while a note waits would show it no more once
 * offline. What the answer already holds (sent, its answer lost) is not laid over it again.
 */
export async function keepAnswer(replica: Replica, key: string, value: unknown, at: number): Promise<unknown> {
  const shown = await withWaiting(replica, key, value);
  await replica.keep(key, shown, at);
  return shown;
}

/** An answer of the server under `key` with what still waits in the outbox laid over it (read only: the caller keeps it). */
export async function withWaiting(replica: Replica, key: string, value: unknown): Promise<unknown> {
  if (!showsWaiting(key)) return value;
  const contactId = key.slice(0, key.indexOf('|'));
  const page = key.startsWith(overviewReads(contactId));
  // Only what waits: a change refused or in conflict is not shown as the device's any more.
  const waiting = (await replica.outbox()).filter((e) => e.contactId === contactId && e.state === 'waiting');
  let kept = value;
  for (const entry of waiting) {
    const local = entry.local as (TimelineEntry & ChecklistState) | undefined;
    if (entry.op === 'timeline.add' && local && page) {
      const shown = kept as OverviewLike;
      const landed = typeof shown === 'object' && shown?.items?.some((item) => item.kind === local.kind && item.subject === local.subject && item.occurredAt === local.occurredAt);
      if (!landed && !(entry.tried && typeof shown === 'number')) kept = withNote(local)(shown, /"kinds":\[([^\]]*)\]/.exec(key)?.[1]) ?? kept;
    }
    if (entry.op === 'checklists.setState' && local && !page && Array.isArray(kept)) {
      const list = kept as ChecklistState[];
      const saved = list.find((s) => s.itemId === local.itemId);
      if (!saved || saved.done !== local.done || saved.note !== local.note) kept = [...list.filter((s) => s !== saved), local];
    }
  }
  return kept;
}

/**
 * Whether what waits in the outbox shows in the answer under `key`: only in a contact's first
 * overview pages and counts and its checklist. Any other read (most of them) is kept, and
 * answered, without reading the outbox.
 */
export function showsWaiting(key: string): boolean {
  const contactId = key.slice(0, key.indexOf('|'));
  return firstOverview(key, contactId) || key === keyOf('checklists.states', contactId, []);
}

/** How the keys of contact `contactId`'s kept overview pages and counts begin. */
const overviewReads = (contactId: string): string => `${keyPrefix(contactId)}timeline.`;
/** Whether kept read `key` is a first overview page or count of contact `contactId`: not searched, filtered by date or a later page. */
const firstOverview = (key: string, contactId: string): boolean => key.startsWith(overviewReads(contactId)) && !/"(cursor|text|from|to)"/.test(key);

/** Where a note made on the device went once it landed: the user's screen may still hold its device id. */
const landedKey = (deviceId: string) => `-|landed|${deviceId}`;

/**
 * A correction of a note made on the device, or its removal (`changes` undefined). While the note
 * waits, what will be sent changes with it (and the kept overview shows it so); once it landed,
 * the answer names the server's id for the call to go there. Run under the lock the outbox is
 * sent under, so it never meets a send of the same note half way.
 */
export async function changeDeviceNote(
  replica: Replica,
  id: string,
  changes: TimelineEntryChanges | undefined,
): Promise<{ waiting: TimelineEntry | undefined; change: DataChange } | { landed: Id }> {
  const entry = (await replica.outbox()).find((e) => e.op === 'timeline.add' && (e.local as TimelineEntry | undefined)?.id === id);
  if (!entry) {
    const landed = await replica.read<Id>(landedKey(id));
    if (landed) return { landed };
    throw new LiftDataError('not-found', `There is no overview entry with id ${id}.`);
  }
  // Sent before, its answer lost: the server may have it as it was sent, under that request id,
  // which the server answers once. It is changed once it has landed. One the server refused it
  // does not have: that one is changed here.
  if (entry.tried && entry.state !== 'refused') {
    throw new LiftDataError('unavailable', 'This note is on its way to the server: it can be changed once it has arrived.', { current: entry.local });
  }
  const change = (type: DataChange['type']): DataChange =>
    ({ type, resource: 'timeline', ids: [id], contactId: entry.contactId!, origin: 'local', at: new Date().toISOString() });
  if (!changes) {
    await replica.remove(entry.seq!);
    await replaceShown(replica, entry);
    return { waiting: undefined, change: change('deleted') };
  }
  const given: TimelineEntryChanges = {};
  for (const field of ['subject', 'body'] as const) if (changes[field] !== undefined) given[field] = changes[field];
  const input = { ...(entry.args[0] as NewTimelineEntry), ...given };
  entryText(input.subject, input.body);
  const local = { ...(entry.local as TimelineEntry), ...given };
  // A note the server refused goes again with the correction, which may be what it lacked. Tried
  // here means refused: the server does not hold it, so until it is sent again it is changed here.
  await replica.put({ ...untried(entry), args: [input], local, input: inputOf('timeline.add', [input]), state: 'waiting' });
  // A refused one waits again, and shows again; a waiting one shows corrected.
  await (entry.state === 'refused' ? showWaiting(replica, { ...entry, local }) : replaceShown(replica, entry, local));
  return { waiting: local, change: change('updated') };
}

/** An entry without the mark of an earlier send: one the server refused, which it therefore does not hold. */
const untried = ({ tried: _tried, ...entry }: OutboxEntry): OutboxEntry => entry;

/** Entries that change the same record as `entry`: the contact, or the checklist item. */
const sameRecord = (entry: OutboxEntry) => (e: OutboxEntry) =>
  e.op === entry.op && e.contactId === entry.contactId && (e.op !== 'checklists.setState' || e.args[1] === entry.args[1]);

/** A checklist item ticked or annotated on the device. */
export async function keepChecklist(replica: Replica, entry: OutboxEntry, user: User): Promise<ChecklistState> {
  const [contactId, itemId, version, change] = entry.args as [Id, Id, number, { done?: boolean; note?: string }];
  const key = keyOf('checklists.states', contactId, []);
  const states = (await replica.read<ChecklistState[]>(key)) ?? [];
  const { entries, earlier } = await waitingFor(replica, sameRecord(entry));
  const current = (earlier?.local as ChecklistState | undefined) ?? states.find((s) => s.itemId === itemId);
  if ((current?.version ?? 0) !== version) throw new LiftDataError('conflict', 'The item is not at the version this change was based on.', { current });
  const done = change.done ?? current?.done ?? false;
  // The version stays the one the change was made on, as for a contact: a number ahead of it could
  // be the server's next version holding a colleague's change.
  const local: ChecklistState = {
    contactId, itemId, note: change.note ?? current?.note ?? '', done, version,
    ...(done ? { doneAt: current?.done ? current.doneAt! : new Date().toISOString(), doneBy: current?.done ? current.doneBy! : user.name } : {}),
  };
  // An item in conflict that the user saves again has been settled, as a contact is: that save
  // replaces it. Made on the version the change in conflict was made on (the device still shows
  // that change), it holds that change too; the server holds the colleague's version meanwhile.
  const conflicts = entries.filter((e) => e.state === 'conflict' && sameRecord(entry)(e));
  const along = earlier ? undefined : conflicts.find((e) => e.args[2] === version);
  for (const e of conflicts) await replica.remove(e.seq!);
  if (earlier) {
    const args = [contactId, itemId, earlier.args[2], { ...(earlier.args[3] as object), ...change }];
    await replica.put({ ...earlier, args, local, input: inputOf('checklists.setState', args) });
  } else {
    const args = along ? [contactId, itemId, version, { ...(along.args[3] as object), ...change }] : entry.args;
    const before = along ? (along.theirs as ChecklistState | undefined) : current;
    await replica.add({ ...entry, args, input: inputOf('checklists.setState', args), local, ...(before ? { before } : {}) });
  }
  await replica.keep(key, [...states.filter((s) => s.itemId !== itemId), local]);
  return { ...local };
}

/** Layout choices made on the device; a later choice replaces a waiting one. */
export async function keepPreferences(replica: Replica, entry: OutboxEntry): Promise<Preferences> {
  const [cardType, value] = entry.args as [string, Preferences];
  const { earlier } = await waitingFor(replica, (e) => e.op === 'preferences.set' && e.args[0] === cardType);
  if (earlier) await replica.put({ ...earlier, args: entry.args, input: entry.input, local: value });
  else await replica.add({ ...entry, local: value });
  await replica.keep(keyOf('preferences.get', undefined, [cardType]), value);
  return { ...value };
}

/**
 * A write the server took at once, `sent` at that time: the device keeps its answer. A change of
 * the same contact or checklist item in conflict is settled by it (the user saved again after
 * choosing, from a fresh read, or from another card): true when one was.
 */
export async function keepSaved(replica: Replica, entry: OutboxEntry, value: unknown, sent: number): Promise<boolean> {
  if (entry.op !== 'contacts.update') {
    // A note is not in the kept pages the overview read before it: it reads them again.
    if (entry.op !== 'timeline.add') await replaceShown(replica, entry, value);
  } else await replica.keep(contactKey((value as Contact).id), value, sent);
  if (entry.op !== 'contacts.update' && entry.op !== 'checklists.setState') return false;
  const settled = (await replica.outbox()).filter((e) => e.state === 'conflict' && sameRecord(entry)(e));
  for (const e of settled) await replica.remove(e.seq!);
  return settled.length > 0;
}

/** What the server saved replaces what the device showed for the entry (`value` absent: it goes). */
export async function replaceShown(replica: Replica, entry: OutboxEntry, value?: unknown): Promise<void> {
  if (entry.op === 'contacts.update') {
    const shown = value ?? (entry.state === 'waiting' ? entry.base : undefined);
    if (shown) await replica.keep(contactKey(entry.contactId), shown);
  }
  if (entry.op === 'preferences.set' && value) await replica.keep(keyOf('preferences.get', undefined, [entry.args[0]]), value);
  if (entry.op === 'checklists.setState') {
    // The item as the server saved it, at the server's version: a later change starts from there.
    // Discarded, it shows as the server has it: the colleague's in a conflict, else as it was.
    const saved = (value ?? (entry.state === 'conflict' ? entry.theirs : entry.before)) as ChecklistState | undefined;
    const key = keyOf('checklists.states', entry.contactId, []);
    const states = await replica.read<ChecklistState[]>(key);
    if (states) await replica.keep(key, [...states.filter((s) => s.itemId !== entry.args[1]), ...(saved ? [saved] : [])]);
  }
  if (entry.op === 'timeline.add') {
    const local = entry.local as TimelineEntry;
    if (value && (value as TimelineEntry).id !== local.id) await replica.keep(landedKey(local.id), (value as TimelineEntry).id);
    // Landed: the server's entry takes the device's place. Gone: only a waiting note is in the kept
    // pages and counts (a refused one left them when it was refused), and it leaves them as it came.
    if (value) {
      await editOverview(replica, entry.contactId, (page) =>
        typeof page === 'object' && page?.items?.some((item) => item.id === local.id) ? { ...page, items: page.items.map((item) => (item.id === local.id ? value : item)) } : undefined,
      );
    } else if (entry.state === 'waiting') await editOverview(replica, entry.contactId, withoutNote(local));
  }
}

/** A refused note or tick the user sends again waits again: the device shows it as it did before. */
export async function showWaiting(replica: Replica, entry: OutboxEntry): Promise<void> {
  const local = entry.local as TimelineEntry & ChecklistState;
  if (entry.op === 'timeline.add') await editOverview(replica, entry.contactId, withNote(local));
  if (entry.op === 'checklists.setState') {
    const key = keyOf('checklists.states', entry.contactId, []);
    const states = await replica.read<ChecklistState[]>(key);
    if (states) await replica.keep(key, [...states.filter((s) => s.itemId !== local.itemId), local]);
  }
}

/**
 * Sends `next`, the oldest change waiting in the outbox, and keeps its outcome in the copy:
 * `sent` (it leaves the outbox, and what the device showed for it is replaced by the server's
 * answer), `kept` (refused or in conflict: it stays, with the reason and the colleague's
 * version), or `unsent` (the server did not answer, or another user signed in meanwhile). On its
 * `last` send, a change the server fails on is refused (see `send`).
 */
export async function sendOldest(remote: Remote, replica: Replica, next: OutboxEntry, user: string, last = false): Promise<'sent' | 'kept' | 'refused' | 'unsent'> {
  // Marked before it goes: the server may hold the note from now on, so a correction made on the
  // device meanwhile no longer changes it in the outbox (see changeDeviceNote). A change of a
  // record keeps what it sends: if its answer is lost, a later change of the record that joins
  // it must not take these values on the server for a colleague's (`next` keeps the attempts before).
  const { sent } = sending(next);
  if (sent || (next.op === 'timeline.add' && !next.tried)) await replica.change(next.seq!, (entry) => ({ ...entry, tried: true, ...(sent ? { sent } : {}) }));
  const outcome = await send(remote, next, user, last);
  if (!outcome.done && outcome.offline) return 'unsent';
  // A later write of the same record may have joined the entry meanwhile (another tab): the
  // entry then stays, to be sent again from the same version, which the server's version check
  // and the clash rules settle. What was just sent now holds, so it joins the base the clash
  // rules compare with: the user's own earlier value of a field is no colleague's change.
  if (outcome.done) {
    // A checklist change joined so goes on from the version the server just gave the item.
    const sentOn = (entry: OutboxEntry) =>
      entry.op === 'checklists.setState'
        ? { ...entry, args: entry.args.with(2, (outcome.value as ChecklistState).version) }
        : entry.base ? { ...entry, base: { ...entry.base, ...(next.args[2] as object) } } : entry;
    const stored = await replica.change(next.seq!, (entry) => (unchanged(entry, next) ? undefined : sentOn(entry)));
    if (!stored || unchanged(stored, next)) await replaceShown(replica, next, outcome.value);
    return 'sent';
  }
  if (outcome.entry.op === 'contacts.update' && outcome.entry.theirs) await replica.keep(contactKey(next.contactId), outcome.entry.theirs);
  const stored = await replica.change(next.seq!, (entry) => (unchanged(entry, next) ? outcome.entry : entry));
  if (outcome.entry.state !== 'refused') return 'kept';
  // A note or a tick the server refused no longer shows as the device's (the outbox lists it as
  // refused): the overview and its count, and the checklist, show what the server holds.
  if (next.op !== 'contacts.update' && stored && unchanged(stored, next)) await replaceShown(replica, next);
  // The copy showed the contact as the user saved it; the server said no (archived meanwhile,
  // a right taken away), so what it holds replaces that, read now while it answers.
  if (next.op === 'contacts.update') {
    const current = await remote.contacts.get(next.contactId!).catch(() => undefined);
    if (current) await replica.keep(contactKey(next.contactId), current);
  }
  return 'refused';
}

/**
 * What the device's copy threw while the outbox was sent, in the contract's words: no room left,
 * or a copy that could not do it now (a transaction aborted, a connection closed under it).
 */
export function storageError(error: unknown): LiftDataError {
  if (LiftDataError.is(error)) return error;
  const name = (error as { name?: unknown } | null)?.name;
  if (name === 'QuotaExceededError') return new LiftDataError('quota', 'The browser has no room left to go on sending what waits. Free some space; it is tried again shortly.', { cause: error });
  return new LiftDataError('unavailable', 'The copy on this device failed while sending; what waits is sent again shortly.', { cause: error });
}

/**
 * Refused change `id` waits again, to be sent once more: the user asked to send that one again. No
 * other refused change does (each stays refused until the user acts on it), and a conflict is never
 * sent over a colleague's change so: it waits for the user's choice, or to be discarded. Refused,
 * the server does not hold it: until it is sent again, a note is corrected or removed on the device.
 */
export async function retryRefused(replica: Replica, id: string): Promise<void> {
  const entry = (await replica.outbox()).find((e) => e.id === id);
  if (entry?.state === 'refused') await replica.put({ ...untried(entry), state: 'waiting' }).then(() => showWaiting(replica, entry));
}

/** Change `id` leaves the outbox, and what the device showed for it goes too: the notice to tell, if it was there. */
export async function discardChange(replica: Replica, id: string): Promise<DataChange | undefined> {
  const entry = (await replica.outbox()).find((e) => e.id === id);
  if (!entry) return undefined;
  await replica.remove(entry.seq!);
  await replaceShown(replica, entry);
  return refusedChange(entry);
}

/** Change `id`, in conflict, is made to go over the colleague's version (the user chose so): false when no such change waits. */
export async function sendOverTheirs(replica: Replica, id: string): Promise<boolean> {
  const entry = (await replica.outbox()).find((e) => e.id === id);
  const next = entry && overTheirs(entry);
  if (next) await replica.put(next);
  return next !== undefined;
}

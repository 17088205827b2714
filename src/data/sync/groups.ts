// The contract's groups of a SyncAdapter, method by method: which reads are kept on the device and
// answered from there offline, which writes may wait in the outbox, and which stay the server's
// alone (copying, archiving, creating, documents).
import type {
  ChecklistsApi, ContactsApi, PreferencesApi, RelationsApi, ReportRunOptions, ReportsApi, SessionApi, TemplatesApi, TimelineApi, TimelineEntryChanges, WorkApi,
} from '../contract/adapter.js';
import { LiftDataError } from '../contract/errors.js';
import type { Contact, Id, Preferences } from '../contract/model.js';
import { isDeviceNote } from '../contract/sync.js';
import { entryText } from '../contract/entry-text.js';
import { LIMITS, validateContact } from '../contract/validation.js';
import { keepChecklist, keepContact, keepNote, keepPreferences } from './device-writes.js';
import type { Remote } from './outbox.js';
import type { OutboxEntry, Replica } from './replica.js';

/** How the groups reach the adapter's copy and outbox. */
export interface Through {
  /** A read from the server, kept; answered from the device while it cannot be reached. */
  read<T>(method: string, contactId: Id | undefined, args: readonly unknown[], call: () => Promise<T>): Promise<T>;
  /** `contacts.get`: a contact with a save waiting on the device is shown as saved there. */
  contact(id: Id, call: () => Promise<Contact>): Promise<Contact>;
  /** `preferences.get`: layout choices waiting on the device are shown as made. */
  preferences(cardType: string, call: () => Promise<Preferences>): Promise<Preferences>;
  /** A write sent now, or kept in the outbox with what `local` makes of it on the device. */
  write<T>(op: OutboxEntry['op'], args: unknown[], contactId: Id | undefined, local: (replica: Replica, entry: OutboxEntry) => Promise<T>): Promise<T>;
  /** A correction or removal of a note made on the device (see `changeDeviceNote`). */
  note<T>(id: Id, changes: TimelineEntryChanges | undefined, call: (id: Id) => Promise<T>): Promise<T>;
  /** `session.setUser` was called (after the server's session was told); `changed`: by another user. */
  setUser(changed: boolean): void;
}

export interface Groups {
  session: SessionApi;
  contacts: ContactsApi;
  relations: RelationsApi;
  timeline: TimelineApi;
  work?: WorkApi;
  checklists?: ChecklistsApi;
  templates?: TemplatesApi;
  reports?: ReportsApi;
  preferences?: PreferencesApi;
}

/** A write refused on the device as the server would refuse it, before it can wait in the outbox. */
const invalid = (message: string, field: string) => Promise.reject(new LiftDataError('validation', message, { fields: { [field]: 'too-long' } }));

/**
 * A read whose signal was aborted rejects with `aborted`, as the contract says, also when the
 * device's copy answers it (offline), which reads no signal: a card that moved on to another
 * contact must not be handed the previous one's answer.
 */
function heeding<T>(signal: AbortSignal | undefined, read: Promise<T>): Promise<T> {
  const settled = () => {
    if (signal?.aborted) throw new LiftDataError('aborted', 'The request was cancelled.', { cause: signal.reason });
  };
  return read.then(
    (value) => (settled(), value),
    (error: unknown) => {
      settled();
      throw error;
    },
  );
}

export function groupsOver(remote: Remote, through: Through): Groups {
  const { write } = through;
  const read = <T>(method: string, contactId: Id | undefined, args: readonly unknown[], call: () => Promise<T>, signal: AbortSignal | undefined) =>
    heeding(signal, through.read(method, contactId, args, call));
  const user = () => remote.session.currentUser();
  const { work, checklists, templates, reports, preferences } = remote;
  return {
    session: {
      ...remote.session,
      setUser: (next) => {
        const before = user().id;
        remote.session.setUser(next);
        through.setUser(user().id !== before);
      },
      users: (options) => read('session.users', undefined, [], () => remote.session.users(options), options?.signal),
    },
    contacts: {
      get: (id, options) => heeding(options?.signal, through.contact(id, () => remote.contacts.get(id, options))),
      list: (query) => read('contacts.list', undefined, [query], () => remote.contacts.list(query), query?.signal),
      create: (input) => remote.contacts.create(input),
      update: (id, version, changes) => {
        const problems = validateContact(changes, Object.keys(changes));
        if (Object.keys(problems).length) return Promise.reject(new LiftDataError('validation', 'Some fields are not valid.', { fields: problems }));
        return write('contacts.update', [id, version, changes], id, (replica, entry) => keepContact(replica, entry, remote.session.can('edit')));
      },
      setArchived: (id, version, archived) => remote.contacts.setArchived(id, version, archived),
      copy: (id, options) => remote.contacts.copy(id, options),
    },
    relations: {
      get: (id, options) => read('relations.get', undefined, [id], () => remote.relations.get(id, options), options?.signal),
      list: (query) => read('relations.list', undefined, [query], () => remote.relations.list(query), query?.signal),
      create: (input) => remote.relations.create(input),
    },
    timeline: {
      list: (contactId, query) => read('timeline.list', contactId, [query], () => remote.timeline.list(contactId, query), query?.signal),
      query: (contactId, query) => read('timeline.query', contactId, [query], () => remote.timeline.query(contactId, query), query?.signal),
      all: (contactId, options) => remote.timeline.all(contactId, options),
      count: (contactId, options) => read('timeline.count', contactId, [], () => remote.timeline.count(contactId, options), options?.signal),
      add: async (input) => {
        // Refused at once, as the server would: a note kept on the device is one it will take.
        entryText(input.subject, input.body);
        // Dated as it is written: a note kept on the device is sent later, and the server would date it then.
        const dated = { ...input, occurredAt: input.occurredAt ?? new Date().toISOString() };
        return write('timeline.add', [dated], input.contactId, (replica, entry) => keepNote(replica, entry, user()));
      },
      update: (id, changes) => (isDeviceNote(id) ? through.note(id, changes, (to) => remote.timeline.update(to, changes)) : remote.timeline.update(id, changes)),
      remove: (id) => (isDeviceNote(id) ? through.note(id, undefined, (to) => remote.timeline.remove(to)) : remote.timeline.remove(id)),
    },
    ...(work && {
      work: {
        listForContact: (contactId, query) => read('work.list', contactId, [query], () => work.listForContact(contactId, query), query?.signal),
        create: (input) => work.create(input),
      },
    }),
    ...(checklists && {
      checklists: {
        ...checklists,
        definitions: (cardType, options) => read('checklists.definitions', undefined, [cardType, options], () => checklists.definitions(cardType, options), options?.signal),
        states: (contactId, options) => read('checklists.states', contactId, [], () => checklists.states(contactId, options), options?.signal),
        setState: (contactId, itemId, version, change) => {
          if ((change.note ?? '').length > LIMITS.note) return invalid('The note is too long.', 'note');
          return write('checklists.setState', [contactId, itemId, version, change], contactId, (replica, entry) => keepChecklist(replica, entry, user()));
        },
      },
    }),
    ...(templates && {
      templates: { ...templates, list: (options) => read('templates.list', undefined, [], () => templates.list(options), options?.signal) },
    }),
    ...(reports && {
      reports: {
        list: (options) => read('reports.list', undefined, [], () => reports.list(options), options?.signal),
        // Kept on the device per zone too (without one, under the key it always had): an answer
        // counted in another zone's months is not this one's.
        run: ((reportId: string, contactId: Id, options?: ReportRunOptions) =>
          read('reports.run', contactId, options?.timeZone === undefined ? [reportId] : [reportId, options.timeZone], () => reports.run(reportId, contactId, options), options?.signal)) as ReportsApi['run'],
      },
    }),
    ...(preferences && {
      preferences: {
        get: (cardType, options) => heeding(options?.signal, through.preferences(cardType, () => preferences.get(cardType, options))),
        set: (cardType, value) => write('preferences.set', [cardType, value], undefined, (replica, entry) => keepPreferences(replica, entry)),
      },
    }),
  };
}

import type { ReportRunOptions, ReportsApi, TemplatesApi } from '../contract/adapter.js';
import { laterCode, LiftDataError } from '../contract/errors.js';
import type { ActivityReport, Contact, DocumentTemplate, Id, Relation, Report, SummaryReport, TimelineKind, WorkItem } from '../contract/model.js';
import { getContact, writableContact, type Engine } from './engine.js';
import { abortable, BUILT_IN_REPORTS, EARLIEST_ENTRY, existing, expectActive, fail, LIMITS, requireString, storedCardMode, strip, yearAfter } from './rules.js';
import type { StoredRecord, StoreTransaction } from './store.js';

/** The index code, loaded when a report first needs it (not with every entry). */
const indexCode = () => laterCode(() => import('./overview-index.js'));

function mayUse(engine: Engine, template: StoredRecord): boolean {
  const roles = (template.roles as string[] | undefined) ?? [];
  return roles.length === 0 || roles.includes(engine.user().role);
}

/** Document templates the user's role may use, and documents made from them. */
export function templatesApi(engine: Engine): TemplatesApi {
  return {
    list: (options) =>
      engine.read(['templates'], options, async (tx) => {
        if (!engine.session.can('documents')) return [];
        return (await tx.getAll('templates', [])).filter((t) => mayUse(engine, t)).map((t) => strip<DocumentTemplate>(t));
      }),
    createDocument: async (contactId, templateId, text) => {
      engine.require('documents', 'create documents');
      if (text !== undefined) {
        requireString(text?.subject, 'subject', LIMITS.subject);
        requireString(text.body, 'body', LIMITS.body, false);
      }
      // Loaded before the write (an IndexedDB transaction ends while it waits for anything else),
      // and only for a document filled from its template: nothing else the adapter does needs
      // them. The merge-field filler was a static import, and in a host's build a file of its own
      // that the adapter's first read waited for.
      const fill = text
        ? undefined
        : await laterCode(async () => {
            const [values, fields] = await Promise.all([import('../contract/document-values.js'), import('../contract/merge-fields.js')]);
            return { ...values, ...fields };
          });
      return engine.write(['contacts', 'relations', 'templates', 'timeline'], async (tx, changes) => {
        const stored = await writableContact(engine, tx, contactId);
        expectActive(stored);
        const contact = strip<Contact>(stored);
        const template = await existing(tx, 'templates', templateId, 'document template');
        if (!mayUse(engine, template)) fail('permission', `Your role may not use the template ${String(template.name)}.`);
        const relation = strip<Relation>(await tx.get('relations', contact.relationId));
        const at = engine.timestamp();
        // Without the user's text, the fields are filled as a Dutch reader here would read them.
        const values = fill?.documentValues({ contact: { ...contact }, relation: { ...relation }, user: { ...engine.user() }, now: new Date(at), lang: 'nl' }) ?? {};
        const entry = engine.entry({
          contactId,
          kind: template.kind as TimelineKind,
          direction: 'out',
          subject: text?.subject ?? fill!.fillMergeFields(template.subject as string, values),
          body: text?.body ?? fill!.fillMergeFields(template.body as string, values),
          occurredAt: at,
          templateId,
        });
        await tx.put('timeline', entry as unknown as StoredRecord);
        engine.change(changes, 'created', 'timeline', [entry.id], contactId);
        return entry;
      });
    },
  };
}

/** The built-in reports, for those with the right to run them. */
export function reportsApi(engine: Engine): ReportsApi {
  return {
    list: async (options) => {
      if (options?.signal?.aborted) return abortable(Promise.resolve([]), options.signal);
      return engine.session.can('reports') ? BUILT_IN_REPORTS.map((r) => ({ ...r })) : [];
    },
    run: ((reportId: string, contactId: Id, options?: ReportRunOptions): Promise<Report> => {
      if (!engine.session.can('reports')) return Promise.reject(new LiftDataError('permission', `${engine.user().name} may not run reports.`));
      if (reportId === 'activity') {
        if (options?.signal?.aborted) return abortable(Promise.resolve() as Promise<never>, options.signal);
        return engine.read(['contacts'], options, (tx) => engine.mayReadFor(tx, contactId)).then(() => activity(engine, contactId, options));
      }
      if (reportId === 'summary') {
        return engine.read(['contacts', 'relations', 'work', 'timeline', 'checklistItems', 'checklistStates'], options, async (tx) => (await engine.mayReadFor(tx, contactId), summary(tx, contactId, engine.session.can('see-archived'), engine.timestamp())));
      }
      return Promise.reject(new LiftDataError('not-found', `There is no report ${reportId}.`));
    }) as ReportsApi['run'],
  };
}

/**
 * Entries per kind per month, from the month of the first entry to that of the last, each
 * counted in its month in the caller's time zone (UTC without one). Months run within the
 * dates an entry may carry (1900 to a year from today), so the report has at most about 1 500
 * of them; an older record dated outside (written before the bound, or past the rules by an
 * import) is left out of the counts. Counted where the data lives when the
 * backend can (SQL aggregates), else from the contact's overview index.
 */
async function activity(engine: Engine, contactId: Id, options: ReportRunOptions | undefined): Promise<ActivityReport> {
  const { signal, timeZone } = options ?? {};
  const code = await indexCode();
  // Refuses a zone the runtime does not know (validation, field timeZone) before any counting.
  const monthOf = timeZone === undefined ? undefined : (await laterCode(() => import('./zone-months.js'))).monthIn(timeZone);
  const range = { from: new Date(EARLIEST_ENTRY).toISOString(), to: new Date(yearAfter(engine.now())).toISOString() };
  const tally = engine.backend.activity
    ? await abortable(engine.backend.activity(contactId, range, signal, timeZone), signal)
    : await engine.overviews.fromIndex(contactId, signal, (index) => index.activity(range, monthOf));
  return code.activityReport(contactId, tally);
}

async function summary(tx: StoreTransaction, contactId: Id, seesArchived: boolean, now: string): Promise<SummaryReport> {
  const stored = await getContact(tx, contactId);
  const contact = strip<Contact>(stored);
  const relation = await tx.get('relations', contact.relationId);
  // Archived work is listed only to those who may see archived records, as in the projects list.
  const work = (await tx.getAll('work', [contactId], 'byContact'))
    .reverse()
    .filter((w) => seesArchived || !w.archived)
    .map((w) => strip<WorkItem>(w));
  const entryCount = await tx.count('timeline', [contactId], 'byContact');
  // The newest entry that has happened: one planned for later (a meeting next week) is not activity yet.
  const newest = await tx.scan('timeline', 'byContact', { prefix: [contactId], after: [contactId, now] }, { direction: 'prev', limit: 1 });
  const items = (await tx.getAll('checklistItems', ['contact'], 'byCardType')).filter((d) => !d.deleted && storedCardMode(d, stored) !== 'hidden');
  const states = await tx.getAll('checklistStates', [contactId]);
  const done = states.filter((s) => s.done && items.some((i) => i.id === s.itemId)).length;
  return {
    type: 'summary',
    contact,
    relation: relation && strip<Relation>(relation),
    work,
    entryCount,
    lastActivity: newest[0]?.occurredAt as string | undefined,
    checklist: { done, total: items.length },
  };
}

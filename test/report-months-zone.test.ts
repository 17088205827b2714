// The activity report counts an entry in its month in the time zone asked for, as the overview
// heads it: a call at 00:30 on 1 April in Amsterdam (22:30Z on 31 March) is April's there, and
// March's without a zone (UTC, as the report always counted). The card asks in the user's zone.
import { expect } from '@open-wc/testing';
import { LiftDataError } from '../src/data/contract/errors.js';
import type { ReportRunOptions } from '../src/data/contract/adapter.js';
import type { ActivityReport } from '../src/data/contract/model.js';
import type { IndexedDbAdapter } from '../src/data/adapters/indexeddb-adapter.js';
import '../src/lift-contact-card.js';
import { dropDatabases, freshIndexedDbAdapter } from './db.js';
import { act, dialog, inDialog } from './dialog-helpers.js';
import { mountCard } from './harness.js';
import { waitUntil } from './helpers.js';

async function contactOf(adapter: IndexedDbAdapter): Promise<string> {
  const relation = await adapter.relations.create({ kind: 'client', name: 'Drukkerij Van Dam' });
  return (await adapter.contacts.create({ relationId: relation.id, firstName: 'Eva', lastName: 'Dam' })).id;
}

/** The refusal a promise ends in. */
async function refusal(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a refusal');
}

describe('activity report months in a time zone', () => {
  afterEach(() => dropDatabases());

  it("counts an entry at 00:30 on 1 April in Amsterdam in April there, and in March in UTC; 1 January likewise", async () => {
    const adapter = freshIndexedDbAdapter();
    const id = await contactOf(adapter);
    await adapter.timeline.add({ contactId: id, kind: 'call', subject: 'Laat gebeld', body: '', occurredAt: '2025-03-31T22:30:00.000Z' });
    await adapter.timeline.add({ contactId: id, kind: 'note', subject: 'Oudjaar', body: '', occurredAt: '2024-12-31T23:30:00.000Z' });
    const local = await adapter.reports!.run('activity', id, { timeZone: 'Europe/Amsterdam' });
    expect(local.months).to.deep.equal(['2025-01', '2025-02', '2025-03', '2025-04']);
    expect(local.counts.call, 'the call in April').to.deep.equal([0, 0, 0, 1]);
    expect(local.counts.note, 'the note in January').to.deep.equal([1, 0, 0, 0]);
    for (const utc of [await adapter.reports!.run('activity', id), await adapter.reports!.run('activity', id, { timeZone: 'UTC' })]) {
      expect(utc.months).to.deep.equal(['2024-12', '2025-01', '2025-02', '2025-03']);
      expect(utc.counts.call, 'the call in March').to.deep.equal([0, 0, 0, 1]);
      expect(utc.counts.note, 'the note in December').to.deep.equal([1, 0, 0, 0]);
    }
    // West of UTC the same call stays in March.
    expect((await adapter.reports!.run('activity', id, { timeZone: 'America/New_York' })).months).to.deep.equal(['2024-12', '2025-01', '2025-02', '2025-03']);
  });

  it('refuses a time zone it does not know, naming timeZone', async () => {
    const adapter = freshIndexedDbAdapter();
    const id = await contactOf(adapter);
    await adapter.timeline.add({ contactId: id, kind: 'call', subject: 'Gebeld', body: '', occurredAt: '2025-03-12T10:00:00.000Z' });
    for (const timeZone of ['Europe/Atlantis', '+01:00', '']) {
      const error = await refusal(adapter.reports!.run('activity', id, { timeZone }));
      expect(LiftDataError.is(error, 'validation'), `${JSON.stringify(timeZone)}: ${String(error)}`).to.equal(true);
      expect((error as LiftDataError).fields).to.deep.equal({ timeZone: 'invalid' });
    }
    const error = await refusal(adapter.reports!.run('activity', id, { timeZone: 7 } as unknown as ReportRunOptions));
    expect((error as LiftDataError).fields).to.deep.equal({ timeZone: 'type' });
  });

  it("the card's report shows an entry at 00:30 on the 1st, the user's time, in that month", async () => {
    const adapter = freshIndexedDbAdapter();
    const id = await contactOf(adapter);
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    // 00:30 on 1 April 2025 in the browser's own zone: April where the user is, whatever UTC says.
    const at = new Date(2025, 3, 1, 0, 30);
    const monthHere = new Intl.DateTimeFormat('en-US', { timeZone: zone, year: 'numeric', month: 'numeric' }).formatToParts(at);
    expect(monthHere.filter((p) => p.type !== 'literal').map((p) => p.value), 'April in the browser').to.deep.equal(['4', '2025']);
    await adapter.timeline.add({ contactId: id, kind: 'call', subject: 'Laat gebeld', body: '', occurredAt: at.toISOString() });
    await adapter.timeline.add({ contactId: id, kind: 'call', subject: 'Eerder', body: '', occurredAt: new Date(2025, 1, 14, 12).toISOString() });
    // What the card asks the adapter for.
    const reports = adapter.reports!;
    const asked: (ReportRunOptions | undefined)[] = [];
    const run = reports.run.bind(reports) as (reportId: string, contactId: string, options?: ReportRunOptions) => Promise<ActivityReport>;
    Object.defineProperty(adapter, 'reports', {
      configurable: true,
      value: { ...reports, run: (reportId: string, contactId: string, options?: ReportRunOptions) => (asked.push(options), run(reportId, contactId, options)) },
    });
    const el = await mountCard(adapter, id, { lang: 'en' });
    await act(el, { action: 'reports', id: 'activity' });
    await waitUntil(() => inDialog(el, 'details.as-table tbody tr'), 'the report table');
    expect(asked.map((options) => options?.timeZone), "the user's zone").to.deep.equal([zone]);
    const rows = [...dialog(el).querySelectorAll('details.as-table tbody tr')].map((row) => [...row.children].map((cell) => cell.textContent!.trim()));
    expect(rows).to.deep.equal([
      ['February 2025', '1', '1'],
      ['March 2025', '0', '0'],
      ['April 2025', '1', '1'],
    ]);
  });

  /** The adapter's reports, each run's options recorded in `asked`, answered by `answer` (the adapter's own run by default). */
  function watchRuns(adapter: IndexedDbAdapter, answer?: (options: ReportRunOptions | undefined, run: () => Promise<ActivityReport>) => Promise<ActivityReport>) {
    const reports = adapter.reports!;
    const asked: (ReportRunOptions | undefined)[] = [];
    const run = reports.run.bind(reports) as (reportId: string, contactId: string, options?: ReportRunOptions) => Promise<ActivityReport>;
    Object.defineProperty(adapter, 'reports', {
      configurable: true,
      value: {
        ...reports,
        run: (reportId: string, contactId: string, options?: ReportRunOptions) => {
          asked.push(options);
          return answer ? answer(options, () => run(reportId, contactId, options)) : run(reportId, contactId, options);
        },
      },
    });
    return asked;
  }

  it('shows the report in UTC months in a browser that does not know its own zone (it says Etc/Unknown)', async () => {
    const adapter = freshIndexedDbAdapter();
    const id = await contactOf(adapter);
    await adapter.timeline.add({ contactId: id, kind: 'call', subject: 'Gebeld', body: '', occurredAt: '2025-03-12T10:00:00.000Z' });
    const asked = watchRuns(adapter);
    const proto = Intl.DateTimeFormat.prototype;
    const resolved = proto.resolvedOptions;
    proto.resolvedOptions = function (this: Intl.DateTimeFormat) {
      return { ...resolved.call(this), timeZone: 'Etc/Unknown' };
    };
    try {
      const el = await mountCard(adapter, id, { lang: 'en' });
      await act(el, { action: 'reports', id: 'activity' });
      await waitUntil(() => inDialog(el, 'details.as-table tbody tr') || /did not work/.test(dialog(el).textContent ?? ''), 'the report, or its failure');
      expect(dialog(el).textContent, 'no failure').not.to.match(/did not work/);
      expect(asked.map((options) => options?.timeZone), 'no zone asked').to.deep.equal([undefined]);
      expect(inDialog(el, 'details.as-table tbody tr')!.textContent, 'March, in UTC').to.contain('March 2025');
    } finally {
      proto.resolvedOptions = resolved;
    }
  });

  it("shows the report in UTC months when the adapter does not know the user's zone (a server's older zone list)", async () => {
    const adapter = freshIndexedDbAdapter();
    const id = await contactOf(adapter);
    await adapter.timeline.add({ contactId: id, kind: 'call', subject: 'Gebeld', body: '', occurredAt: '2025-03-12T10:00:00.000Z' });
    const asked = watchRuns(adapter, (options, run) => (options?.timeZone ? Promise.reject(new LiftDataError('validation', 'No such zone here.', { fields: { timeZone: 'invalid' } })) : run()));
    const el = await mountCard(adapter, id, { lang: 'en' });
    await act(el, { action: 'reports', id: 'activity' });
    await waitUntil(() => inDialog(el, 'details.as-table tbody tr') || /did not work/.test(dialog(el).textContent ?? ''), 'the report, or its failure');
    expect(dialog(el).textContent, 'no failure').not.to.match(/did not work/);
    expect(asked.map((options) => options?.timeZone), 'asked in the zone, then without').to.deep.equal([Intl.DateTimeFormat().resolvedOptions().timeZone, undefined]);
  });
});

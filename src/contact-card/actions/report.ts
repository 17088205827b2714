import { ActionDialog } from './action-dialog.js';
import { css, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import type { ActivityChart } from './activity-chart.js';
import type { ActivityReport, CustomReport, Report, SummaryReport } from '../../data/contract/model.js';
import { TIMELINE_KINDS } from '../../data/contract/model.js';
import { LiftDataError } from '../../data/contract/errors.js';
import { checkContact } from '../../data/contract/shape.js';
import { fullName } from '../../data/contract/text.js';
import type { ContactCardMessage } from '../messages.js';

import { uniqueId } from './panel.js';
import { formatDate, readerTimeZone } from '../../i18n/dates.js';
import { formatNumber } from '../../i18n/localize.js';
import { LazyModule } from '../../internal/lazy-module.js';
import { renderPartFailure } from '../parts/part-failures.js';

/** The report dialog's own styles, loaded with it (the card's first paint carries none of them). */
const reportStyles = css`
  .report {
    grid-template-columns: minmax(0, 1fr);
  }
  .report > .actions {
    position: sticky;
    bottom: 0;
    padding-block: 0.5rem;
    background: var(--lift-color-background, #fff);
  }
  .chart-place {
    min-width: 0;
  }
  .table-scroll {
    max-height: 18rem;
    overflow: auto;
    max-width: 100%;
  }
  .table-scroll th,
  .table-scroll td {
    white-space: nowrap;
  }
`;

/**
 * Failed fetches of the chart's code in this page, over every report dialog opened: Firefox
 * keeps a failed import failed until the page reloads, so after one a retry alone may not help,
 * and the dialog offers the reload too.
 */
const chartTally = { failures: 0 };

/**
 * Reports: a report on this contact. Built in: activity per kind per month (an SVG chart
 * with the same numbers as a table) and a printable summary; an adapter may add its own, shown
 * as a table.
 */
export class LiftCardReportDialog extends ActionDialog {
  static readonly tag = 'lift-card-report-dialog';
  static override readonly dialogStyles = [reportStyles];

  /**
   * A report is read, not filled in: focus starts on its title, so a screen reader reads it from
   * the top and Tab goes through the chart and the table to Close, as they stand.
   */
  override readonly initialFocus = '#action-title';
  report: Report | undefined;
  error: (() => string) | undefined;
  readonly #controller = new AbortController();
  readonly #id = uniqueId('report');
  /**
   * The chart's code, fetched beside the report's data when the built-in activity report opens
   * (any other report needs it only if it answers with activity), so the dialog's own chunk
   * stays small and the chart usually arrives before the data it draws.
   */
  readonly #chart = new LazyModule<ActivityChart>(this, async () => {
    const { ActivityChart, chartStyles } = await import('./activity-chart.js');
    this.addStyles([chartStyles]);
    return new ActivityChart(() => this.host.update(), { title: `${this.#id}-title`, desc: `${this.#id}-desc` });
  }, chartTally);

  /** Which report, and its name in the reader's language at each render; set before the dialog opens. */
  reportId = '';
  name = (): string => '';

  get heading(): string {
    return this.name();
  }

  protected override opened(): void {
    if (this.reportId === 'activity') this.#chart.preload();
    void this.#load();
  }

  async #load(): Promise<void> {
    const reports = this.host.adapter.reports;
    if (!reports) return;
    this.error = undefined;
    this.report = undefined;
    this.host.update();
    try {
      // Months in the user's own zone, as the timeline heads its entries; UTC's where the adapter
      // does not know that zone (a server whose zone list lacks an old name the browser gives).
      const run = (timeZone?: string) => reports.run(this.reportId, this.host.record.id, { signal: this.#controller.signal, ...(timeZone && { timeZone }) });
      const timeZone = readerTimeZone();
      this.report = checkReport(await run(timeZone).catch((error: { fields?: Record<string, string> }) => (timeZone && error?.fields?.['timeZone'] ? run() : Promise.reject(error))));
    } catch (error) {
      if (this.#controller.signal.aborted) return;
      this.error = () => this.host.t('actionFailed', { reason: this.host.reason(error) });
      this.host.report('report', error);
    }
    this.host.update();
  }

  protected override dispose(): void {
    this.#controller.abort();
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    this.#chart.current?.size(this);
  }

  #month(key: string, short = false): string {
    const [year, month] = key.split('-').map(Number) as [number, number];
    const style = short ? ({ month: 'short', year: '2-digit' } as const) : ({ month: 'long', year: 'numeric' } as const);
    return formatDate(this.host.lang, new Date(Date.UTC(year, month - 1, 1)), { ...style, timeZone: 'UTC' });
  }

  #kind(kind: string): string {
    return this.host.t(`entryKind.${kind}` as ContactCardMessage);
  }

  #activity(report: ActivityReport): TemplateResult {
    const t = this.host.t.bind(this.host);
    const kinds = TIMELINE_KINDS.filter((kind) => report.counts[kind]?.some((n) => n > 0));
    if (!report.months.length || !kinds.length) return html`<p class="empty">${t('reportEmpty')}</p>`;
    const totals = report.months.map((_, i) => kinds.reduce((sum, kind) => sum + report.counts[kind][i]!, 0));
    const number = (n: number) => this.host.t('number', { n });
    // The table below ("show as a table") holds the same numbers while the chart's code loads,
    // or if it did not arrive. Written out rather than through the card's `renderLazy`: this
    // retry keeps focus in the dialog. A dialog is made anew for each report, so the failures
    // are counted over the page (`chartTally`).
    const view = this.#chart.get();
    const chart = view
      ? view.render(report, kinds, totals, {
          title: t('activityChart'),
          description: t('activityDesc', { months: report.months.length, total: totals.reduce((a, b) => a + b, 0) }),
          kind: (kind) => this.#kind(kind),
          month: (key) => this.#month(key),
          shortMonth: (key) => this.#month(key, true),
          number,
        })
      : this.#chart.failed
        ? renderPartFailure(this.host, this.#chart.failures, () => this.#retryChart())
        : html`<p role="status">${t('loadingPart')}</p>`;
    // The retry's button goes with the notice: focus stays in the chart's place, not on the page
    // behind the dialog.
    return html`<div class="chart-place" tabindex="-1">${chart}</div>
      <details class="as-table">
        <summary>${t('showTable')}</summary>
        <div class="table-scroll" tabindex="0" role="region" aria-labelledby=${`${this.#id}-table`}>
          <table>
            <caption class="visually-hidden" id=${`${this.#id}-table`}>${t('activityChart')}</caption>
            <thead>
              <tr>
                <th scope="col">${t('month')}</th>
                ${kinds.map((kind) => html`<th scope="col">${this.#kind(kind)}</th>`)}
                <th scope="col">${t('total')}</th>
              </tr>
            </thead>
            <tbody>
              ${report.months.map(
                (month, i) => html`<tr>
                  <th scope="row">${this.#month(month)}</th>
                  ${kinds.map((kind) => html`<td>${formatNumber(this.host.lang, report.counts[kind][i]!)}</td>`)}
                  <td>${formatNumber(this.host.lang, totals[i]!)}</td>
                </tr>`,
              )}
            </tbody>
          </table>
        </div>
      </details>`;
  }

  /** Try again: the button goes with the failure, so focus goes to the dialog's title. */
  #retry(): void {
    void this.#load();
    void this.updateComplete.then(() => this.querySelector<HTMLElement>('#action-title')?.focus());
  }

  #retryChart(): void {
    this.#chart.retry();
    void this.updateComplete.then(() => this.querySelector<HTMLElement>('.chart-place')?.focus());
  }

  #summary(report: SummaryReport): TemplateResult {
    const t = this.host.t.bind(this.host);
    const c = report.contact;
    const row = (label: string, value: string | undefined) => html`<div><dt>${label}</dt><dd>${value || t('noValue')}</dd></div>`;
    const date = (iso: string | undefined) => formatDate(this.host.lang, iso, { dateStyle: 'long' });
    return html`<section class="summary printable">
      <h3>${fullName(c)}</h3>
      <dl>
        ${row(t('field.jobTitle'), c.jobTitle)} ${row(t('field.department'), c.department)}
        ${row(t('relation'), report.relation ? `${report.relation.name} (${t(`kind.${report.relation.kind}`)})` : undefined)}
        ${row(t('field.email'), c.email)} ${row(t('field.phone'), c.phone)} ${row(t('field.mobile'), c.mobile)}
        ${row(t('entries'), formatNumber(this.host.lang, report.entryCount))} ${row(t('lastActivity'), date(report.lastActivity))}
        ${row(t('tab.checklist'), t('checklistProgress', { done: report.checklist.done, total: report.checklist.total }))}
      </dl>
      ${c.notes ? html`<p class="body">${c.notes}</p>` : nothing}
      <h4>${t('tab.projects')}</h4>
      ${report.work.length
        ? html`<ul>
            ${report.work.map((w) => html`<li>${w.number} · ${w.title} (${t(`work.${w.kind}`)}, ${w.status}${w.archived ? `, ${t('archivedBadge')}` : ''})</li>`)}
          </ul>`
        : html`<p class="empty">${t('noProjects')}</p>`}
    </section>`;
  }

  #custom(report: CustomReport): TemplateResult {
    const [head = [], ...rows] = report.rows;
    // Scrolled by keyboard too: the region takes focus when the table is wider than the dialog.
    return html`<div class="table-scroll" tabindex="0" role="region" aria-labelledby=${`${this.#id}-table`}>
      <table>
        <caption id=${`${this.#id}-table`}>${report.title}</caption>
        <thead><tr>${head.map((cell) => html`<th scope="col">${cell}</th>`)}</tr></thead>
        <tbody>${rows.map((row) => html`<tr>${row.map((cell) => html`<td>${cell}</td>`)}</tr>`)}</tbody>
      </table>
    </div>`;
  }

  protected renderBody() {
    const t = this.host.t.bind(this.host);
    const report = this.report;
    return html`<div class="panel-body report">
      ${this.error
        ? html`<p part="error" role="alert">${this.error()}</p><button type="button" @click=${() => this.#retry()}>${t('retry')}</button>`
        : !report
          ? html`<p role="status">${t('reportLoading')}</p>`
          : report.type === 'activity'
            ? this.#activity(report)
            : report.type === 'summary'
              ? this.#summary(report)
              : this.#custom(report)}
      <div class="actions">
        ${report?.type === 'summary' ? html`<button type="button" class="primary" @click=${() => window.print()}>${t('print')}</button>` : nothing}
        <button type="button" class="report-close" @click=${() => this.host.close()}>${t('close')}</button>
      </div>
    </div>`;
  }
}


/** What an adapter's report must look like before it is drawn; anything else is an error state. */
function checkReport(value: unknown): Report {
  const report = value as Report | null;
  const damaged = () => new LiftDataError('validation', 'The adapter returned a damaged report.', { cause: value });
  const numbers = (list: unknown, length: number) => Array.isArray(list) && list.length === length && list.every((n) => Number.isFinite(n));
  if (!report || typeof report !== 'object') throw damaged();
  if (report.type === 'activity') {
    if (!Array.isArray(report.months) || !report.months.every((m) => /^\d{4}-\d{2}$/.test(m))) throw damaged();
    const counts = report.counts as Record<string, unknown> | undefined;
    if (!counts || !TIMELINE_KINDS.every((kind) => counts[kind] === undefined || numbers(counts[kind], report.months.length))) throw damaged();
    for (const kind of TIMELINE_KINDS) counts[kind] ??= report.months.map(() => 0);
    return report;
  }
  if (report.type === 'summary') {
    if (!Array.isArray(report.work) || !Number.isFinite(report.entryCount) || !report.checklist) throw damaged();
    return { ...report, contact: checkContact(report.contact) };
  }
  if (report.type === 'custom') {
    if (typeof report.title !== 'string' || !Array.isArray(report.rows) || !report.rows.every((row) => Array.isArray(row) && row.every((c) => typeof c === 'string'))) throw damaged();
    return report;
  }
  throw damaged();
}

import { ActionDialog } from './action-dialog.js';
import { html, nothing, svg, type TemplateResult } from 'lit';
import type { ActivityReport, CustomReport, Report, SummaryReport, TimelineKind } from '../../data/contract/model.js';
import { TIMELINE_KINDS } from '../../data/contract/model.js';
import { LiftDataError } from '../../data/contract/errors.js';
import { checkContact } from '../../data/contract/shape.js';
import { fullName } from '../../data/contract/text.js';
import type { ContactCardMessage } from '../messages.js';

import { uniqueId } from './panel.js';

/** One colour per kind, distinguishable from each other and on white (≥ 3:1). */
const KIND_COLOURS: Record<TimelineKind, string> = {
  email: '#1d5fd1',
  letter: '#7a4cc2',
  document: '#0f7b6c',
  invoice: '#b54708',
  note: '#5c6b7a',
  call: '#c2185b',
  meeting: '#2e7d32',
  task: '#8d6e00',
  change: '#455a64',
  checklist: '#00838f',
};

const BAR = 28;
const GAP = 8;
const HEIGHT = 160;

/**
 * Reports: a report on this contact. Built in: activity per kind per month (an SVG chart
 * with the same numbers as a table) and a printable summary; an adapter may add its own, shown
 * as a table.
 */
export class LiftCardReportDialog extends ActionDialog {
  static readonly tag = 'lift-card-report-dialog';

  override readonly initialFocus = '.report-close';
  report: Report | undefined;
  error: string | undefined;
  readonly #controller = new AbortController();
  readonly #id = uniqueId('report');

  /** Which report, and its name in the reader's language; set before the dialog opens. */
  reportId = '';
  name = '';

  get heading(): string {
    return this.name;
  }

  protected override opened(): void {
    void this.#load();
  }

  async #load(): Promise<void> {
    const reports = this.host.adapter.reports;
    if (!reports) return;
    this.error = undefined;
    this.report = undefined;
    this.host.update();
    try {
      this.report = checkReport(await reports.run(this.reportId, this.host.record.id, { signal: this.#controller.signal }));
    } catch (error) {
      if (this.#controller.signal.aborted) return;
      this.error = this.host.t('actionFailed', { reason: this.host.reason(error) });
      this.host.report('report', error);
    }
    this.host.update();
  }

  protected override dispose(): void {
    this.#controller.abort();
  }

  #month(key: string): string {
    const [year, month] = key.split('-').map(Number) as [number, number];
    return new Date(Date.UTC(year, month - 1, 1)).toLocaleDateString(this.host.lang, { month: 'short', year: 'numeric', timeZone: 'UTC' });
  }

  #kind(kind: string): string {
    return this.host.t(`entryKind.${kind}` as ContactCardMessage);
  }

  #activity(report: ActivityReport): TemplateResult {
    const t = this.host.t.bind(this.host);
    const kinds = TIMELINE_KINDS.filter((kind) => report.counts[kind]?.some((n) => n > 0));
    if (!report.months.length || !kinds.length) return html`<p class="empty">${t('reportEmpty')}</p>`;
    const totals = report.months.map((_, i) => kinds.reduce((sum, kind) => sum + report.counts[kind][i]!, 0));
    const max = Math.max(1, ...totals);
    const width = report.months.length * (BAR + GAP) + GAP;
    const number = (n: number) => this.host.t('number', { n: n.toLocaleString(this.host.lang) });
    const bars = report.months.map((month, i) => {
      let y = HEIGHT;
      const x = GAP + i * (BAR + GAP);
      return svg`<g>
        <title>${this.#month(month)}: ${number(totals[i]!)}</title>
        ${kinds.map((kind) => {
          const count = report.counts[kind][i]!;
          if (!count) return nothing;
          const h = (count / max) * (HEIGHT - 10);
          y -= h;
          return svg`<rect x=${x} y=${y} width=${BAR} height=${h} fill=${KIND_COLOURS[kind]}></rect>`;
        })}
      </g>`;
    });
    const titleId = `${this.#id}-title`;
    const descId = `${this.#id}-desc`;
    return html`<figure class="chart">
        <svg viewBox=${`0 0 ${width} ${HEIGHT + 20}`} role="img" aria-labelledby=${titleId} aria-describedby=${descId} preserveAspectRatio="xMinYMax meet">
          <title id=${titleId}>${t('activityChart')}</title>
          <desc id=${descId}>${t('activityDesc', { months: report.months.length, total: totals.reduce((a, b) => a + b, 0) })}</desc>
          <line x1="0" x2=${width} y1=${HEIGHT} y2=${HEIGHT} stroke="#52606d"></line>
          ${bars}
          ${report.months.map((month, i) =>
            i % Math.ceil(report.months.length / 12) === 0
              ? svg`<text x=${GAP + i * (BAR + GAP)} y=${HEIGHT + 15} font-size="10" fill="#52606d">${this.#month(month)}</text>`
              : nothing,
          )}
        </svg>
        <figcaption>
          <ul class="legend">
            ${kinds.map(
              (kind) => html`<li>
                <svg class="swatch" viewBox="0 0 12 12" aria-hidden="true"><rect width="12" height="12" fill=${KIND_COLOURS[kind]}></rect></svg>${this.#kind(kind)}
              </li>`,
            )}
          </ul>
        </figcaption>
      </figure>
      <details class="as-table">
        <summary>${t('showTable')}</summary>
        <div class="table-scroll">
          <table>
            <caption class="visually-hidden">${t('activityChart')}</caption>
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
                  ${kinds.map((kind) => html`<td>${report.counts[kind][i]!.toLocaleString(this.host.lang)}</td>`)}
                  <td>${totals[i]!.toLocaleString(this.host.lang)}</td>
                </tr>`,
              )}
            </tbody>
          </table>
        </div>
      </details>`;
  }

  #summary(report: SummaryReport): TemplateResult {
    const t = this.host.t.bind(this.host);
    const c = report.contact;
    const row = (label: string, value: string | undefined) => html`<div><dt>${label}</dt><dd>${value || t('noValue')}</dd></div>`;
    const date = (iso: string | undefined) => (iso ? new Date(iso).toLocaleDateString(this.host.lang, { dateStyle: 'long' }) : undefined);
    return html`<section class="summary printable">
      <h3>${fullName(c)}</h3>
      <dl>
        ${row(t('field.jobTitle'), c.jobTitle)} ${row(t('field.department'), c.department)}
        ${row(t('relation'), report.relation ? `${report.relation.name} (${t(`kind.${report.relation.kind}`)})` : undefined)}
        ${row(t('field.email'), c.email)} ${row(t('field.phone'), c.phone)} ${row(t('field.mobile'), c.mobile)}
        ${row(t('entries'), report.entryCount.toLocaleString(this.host.lang))} ${row(t('lastActivity'), date(report.lastActivity))}
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
    return html`<div class="table-scroll">
      <table>
        <caption>${report.title}</caption>
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
        ? html`<p part="error" role="alert">${this.error}</p><button type="button" @click=${() => void this.#load()}>${t('retry')}</button>`
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

import { css, html, nothing, type TemplateResult } from 'lit';
import type { ActivityReport, TimelineKind } from '../../data/contract/model.js';
import { RovingFocus } from '../../internal/roving-focus.js';

/** Months stop at the first and the last, as a chart's ends do. */
const monthKeys = new RovingFocus({ orientation: 'horizontal', wrap: false });

/** What the chart needs from its dialog: words, and the numbers and months written for the reader. */
export interface ChartWords {
  title: string;
  description: string;
  kind(kind: TimelineKind): string;
  month(key: string): string;
  /** The month as a short axis label ("mrt 26"). */
  shortMonth(key: string): string;
  number(n: number): string;
}

/** Round steps for the value axis: about four lines up to the largest month, never below 1. */
export function axisTicks(max: number): number[] {
  const rough = Math.max(1, max) / 4;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = Math.max(1, [1, 2, 5, 10].map((f) => f * power).find((s) => s >= rough) ?? 10 * power);
  const ticks = [0];
  while (ticks.at(-1)! < max) ticks.push(ticks.at(-1)! + step);
  if (ticks.length === 1) ticks.push(step);
  return ticks;
}

/**
 * Activity per kind per month as stacked columns on a value axis. Each kind has a colour and a
 * pattern of its own (stripes, dots, checks), so kinds stay apart without telling colours apart.
 * The months are one tab stop: Left / Right, Home / End move between them, and the month with
 * focus or under the pointer shows its numbers beside the chart; each column is named with
 * them for a screen reader. Wide reports scroll inside the chart, never the dialog.
 */
export class ActivityChart {
  /** The month whose numbers show (focus or pointer); the latest at first. */
  active = -1;

  constructor(
    private readonly update: () => void,
    private readonly ids: { title: string; desc: string },
  ) {}

  #show(index: number): void {
    if (this.active === index) return;
    this.active = index;
    this.update();
  }

  /** The months as one tab stop: arrows move between them (the other way round right to left), Home / End to the ends. */
  #key(event: KeyboardEvent): void {
    const columns = [...(event.currentTarget as HTMLElement).querySelectorAll<HTMLElement>('[role="img"]')];
    monthKeys.handle(event, columns, (index) => {
      this.active = index;
      this.update();
    });
  }

  /**
   * Sets the sizes the chart's parts carry as data (a value's height, a tick's place) through the
   * CSSOM after each render: a strict Content Security Policy blocks `style` attributes.
   */
  size(root: ParentNode): void {
    for (const el of root.querySelectorAll<HTMLElement>('.chart [data-bottom]')) el.style.bottom = `${el.dataset.bottom}%`;
    for (const el of root.querySelectorAll<HTMLElement>('.chart [data-height]')) el.style.height = `${el.dataset.height}%`;
    for (const el of root.querySelectorAll<HTMLElement>('.chart [data-grow]')) el.style.flexGrow = el.dataset.grow!;
    // A chart wider than its dialog opens at the active (newest) month, which the readout names:
    // once per chart drawn, so a later render leaves the user's own scrolling alone.
    const scroller = root.querySelector<HTMLElement>('.chart .columns-scroll');
    const active = scroller?.querySelector('.column[aria-current="true"]');
    if (!scroller || !active || this.#placed.has(scroller)) return;
    this.#placed.add(scroller);
    const [column, view] = [active.getBoundingClientRect(), scroller.getBoundingClientRect()];
    scroller.scrollLeft += Math.max(0, column.right - view.right) + Math.min(0, column.left - view.left);
  }

  readonly #placed = new WeakSet<Element>();

  render(report: ActivityReport, kinds: readonly TimelineKind[], totals: readonly number[], words: ChartWords): TemplateResult {
    const count = report.months.length;
    if (this.active < 0 || this.active >= count) this.active = count - 1;
    const ticks = axisTicks(Math.max(...totals));
    const top = ticks.at(-1)!;
    const labelEvery = count <= 12 ? 1 : count <= 36 ? 3 : 12;
    const summary = (i: number) => {
      const parts = kinds.filter((kind) => report.counts[kind][i]).map((kind) => `${words.kind(kind)} ${words.number(report.counts[kind][i]!)}`);
      return `${words.month(report.months[i]!)}: ${words.number(totals[i]!)}${parts.length ? ` (${parts.join(', ')})` : ''}`;
    };
    return html`<figure class="chart">
      <figcaption id=${this.ids.title} class="chart-title">${words.title}</figcaption>
      <p id=${this.ids.desc} class="hint">${words.description}</p>
      <p class="readout" aria-hidden="true">${summary(this.active)}</p>
      <div class="plot">
        <div class="axis" aria-hidden="true">
          ${ticks.map((tick) => html`<span class="tick" data-bottom=${(tick / top) * 100}>${words.number(tick)}</span>`)}
        </div>
        <div class="columns-scroll">
          <div
            class="columns"
            role="group"
            aria-labelledby=${this.ids.title}
            aria-describedby=${this.ids.desc}
            @keydown=${(event: KeyboardEvent) => this.#key(event)}
          >
            ${ticks.map((tick) => html`<span class="grid" aria-hidden="true" data-bottom=${(tick / top) * 100}></span>`)}
            ${report.months.map(
              (month, i) => html`<div
                class="column"
                role="img"
                aria-label=${summary(i)}
                tabindex=${i === this.active ? 0 : -1}
                aria-current=${i === this.active ? 'true' : 'false'}
                @focus=${() => this.#show(i)}
                @mouseenter=${() => this.#show(i)}
              >
                <span class="stack" data-height=${(totals[i]! / top) * 100}>
                  ${kinds.map((kind) =>
                    report.counts[kind][i] ? html`<span class=${`segment k-${kind}`} data-grow=${report.counts[kind][i]!}></span>` : nothing,
                  )}
                </span>
                <span class="month" aria-hidden="true">${i % labelEvery === 0 || i === count - 1 ? words.shortMonth(month) : ''}</span>
              </div>`,
            )}
          </div>
        </div>
      </div>
      <ul class="legend">
        ${kinds.map((kind) => html`<li><span class=${`swatch k-${kind}`} aria-hidden="true"></span>${words.kind(kind)}</li>`)}
      </ul>
    </figure>`;
  }
}

/**
 * The chart's styles, added to the card's shadow root when the chart's code arrives. Colours
 * follow a palette made for colour-blind readers (Okabe and Ito), each with a pattern.
 */
export const chartStyles = css`
  .chart {
    margin: 0;
    display: grid;
    gap: 0.25rem;
    min-width: 0;
  }
  .chart-title {
    font-weight: 600;
  }
  .chart .hint,
  .readout {
    margin: 0;
    font-size: 0.875rem;
  }
  .readout {
    min-height: 1.5em;
    font-variant-numeric: tabular-nums;
  }
  .plot {
    display: grid;
    grid-template-columns: auto minmax(0, 1fr);
    gap: 0.25rem;
    padding-bottom: 1.5rem;
  }
  .axis {
    position: relative;
    height: 12rem;
    min-width: 2ch;
    border-inline-end: 1px solid var(--lift-color-text-muted, #52606d);
    font-size: 0.75rem;
    font-variant-numeric: tabular-nums;
  }
  .axis .tick {
    position: absolute;
    inset-inline-end: 0.25rem;
    transform: translateY(50%);
  }
  .columns-scroll {
    overflow-x: auto;
    padding-bottom: 1.5rem;
    margin-bottom: -1.5rem;
  }
  .columns {
    position: relative;
    display: flex;
    align-items: flex-end;
    gap: 0.25rem;
    height: 12rem;
    padding-inline: 0.25rem;
    width: max-content;
    min-width: 100%;
    box-sizing: border-box;
  }
  .grid {
    position: absolute;
    left: 0;
    right: 0;
    border-top: 1px dashed var(--lift-color-border, #c5ccd6);
  }
  .column {
    position: relative;
    flex: 0 0 2.25rem;
    height: 100%;
    display: flex;
    align-items: flex-end;
    cursor: default;
  }
  .column[aria-current='true'] {
    background: var(--lift-color-accent-subtle, #e3ecfb);
  }
  .column:focus-visible {
    outline: 2px solid var(--lift-color-focus, #1d5fd1);
    outline-offset: 1px;
  }
  .stack {
    display: flex;
    flex-direction: column-reverse;
    width: 100%;
    min-height: 1px;
  }
  .segment {
    min-height: 2px;
    border-top: 1px solid #fff;
  }
  .month {
    position: absolute;
    top: 100%;
    left: 50%;
    transform: translateX(-50%);
    font-size: 0.75rem;
    white-space: nowrap;
    padding-top: 0.125rem;
  }
  .legend {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 0.75rem;
    margin: 0.25rem 0 0;
    padding: 0;
    list-style: none;
    font-size: 0.875rem;
  }
  .legend li {
    display: inline-flex;
    align-items: center;
    gap: 0.25rem;
  }
  .swatch {
    width: 1rem;
    height: 1rem;
    border: 1px solid var(--lift-color-text-muted, #52606d);
  }
  .k-email { background: #0072b2; }
  .k-letter { background: repeating-linear-gradient(45deg, #e69f00 0 4px, #fff 4px 6px); }
  .k-document { background: radial-gradient(#fff 1.5px, transparent 2px) 0 0 / 6px 6px, #009e73; }
  .k-invoice { background: repeating-linear-gradient(-45deg, #d55e00 0 4px, #fff 4px 6px); }
  .k-note { background: repeating-linear-gradient(0deg, #56b4e9 0 3px, #fff 3px 5px); }
  .k-call { background: repeating-linear-gradient(90deg, #cc79a7 0 3px, #fff 3px 5px); }
  .k-meeting { background: conic-gradient(#000 25%, #fff 0 50%, #000 0 75%, #fff 0) 0 0 / 8px 8px; }
  .k-task { background: radial-gradient(#000 1.5px, transparent 2px) 0 0 / 6px 6px, #f0e442; }
  .k-change { background: repeating-linear-gradient(45deg, #6b6b6b 0 2px, #fff 2px 4px), #6b6b6b; }
  .k-checklist { background: linear-gradient(#fff 0 0) center / 100% 2px no-repeat, #3b3b98; }
`;

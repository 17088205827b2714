import { html, svg, type TemplateResult } from 'lit';
import type { TimelineEntry, TimelineKind } from '../data/contract/model.js';
import { type LocalizeController } from '../i18n/localize.js';
import { formatDate } from '../i18n/dates.js';
import { cssomStyle } from '../internal/cssom-style.js';
import { timelineMessages, type TimelineMessage } from './messages.js';
import { highlightRanges } from './search.js';

/** Icon paths per kind (24 × 24, stroked). */
const kindIcon: Record<TimelineKind, string> = {
  email: 'M3 6h18v12H3zM3 6l9 7 9-7',
  letter: 'M5 3h14v18H5zM8 8h8M8 12h8M8 16h5',
  document: 'M6 3h8l4 4v14H6zM14 3v4h4',
  invoice: 'M6 3h12v18l-3-2-3 2-3-2-3 2zM9 8h6M9 12h6',
  note: 'M4 20l4-1 11-11-3-3L5 16zM14 6l3 3',
  call: 'M5 4h4l2 5-3 2a11 11 0 0 0 5 5l2-3 5 2v4a2 2 0 0 1-2 2A16 16 0 0 1 3 6a2 2 0 0 1 2-2',
  meeting: 'M4 5h16v15H4zM4 10h16M9 3v4M15 3v4',
  task: 'M4 12l5 5L20 6',
  change: 'M4 17l4-4 3 3 7-8M14 8h4v4',
  checklist: 'M4 6l2 2 3-3M4 13l2 2 3-3M12 7h8M12 14h8',
};

/** Months as numbers (year × 12 + month, local time) so headings compare cheaply. */
export const monthNumber = (iso: string): number => {
  const d = new Date(iso);
  return d.getFullYear() * 12 + d.getMonth();
};

/** A month number's heading, in the reader's language: "November 2026". */
export const monthLabel = (lang: string, month: number): string =>
  formatDate(lang, new Date(Math.floor(month / 12), month % 12, 1), { month: 'long', year: 'numeric' });

/** A month's heading row in the list, placed at `top`; the feed's entries carry their own dates, so it is not read out. */
export const renderMonth = (lang: string, month: number, top: number): TemplateResult =>
  html`<div class="row" part="month" aria-hidden="true" style=${cssomStyle({ top: `${top}px` })}>${monthLabel(lang, month)}</div>`;

/** Matches as `<mark>` around text nodes: user text is never parsed as HTML. */
export function highlight(text: string, query: string): TemplateResult | string {
  const ranges = highlightRanges(text, query);
  if (!ranges.length) return text;
  const parts: (TemplateResult | string)[] = [];
  let at = 0;
  for (const [start, end] of ranges) {
    parts.push(text.slice(at, start), html`<mark>${text.slice(start, end)}</mark>`);
    at = end;
  }
  parts.push(text.slice(at));
  return html`${parts}`;
}

/**
 * What an overview row says: its kind (icon and word), its subject (a change's field as the
 * field's label in the reader's language), who and when (with the direction of correspondence)
 * and the first line of its text, matches of `query` marked.
 */
export function entryLines(i18n: LocalizeController<TimelineMessage>, entry: TimelineEntry, query: string): TemplateResult {
  const t = i18n.t.bind(i18n);
  const when = formatDate(i18n.locale, entry.occurredAt, true);
  const field = `field.${entry.change?.field}`;
  const subject = entry.kind === 'change' && entry.change && field in timelineMessages.nl ? t(field as TimelineMessage) : highlight(entry.subject, query);
  // The date first: on a narrow row the meta line truncates, and the date is what it must keep.
  const meta = [when, entry.direction ? t(entry.direction) : '', t('by', { author: entry.author })].filter(Boolean).join(' · ');
  // Archiving is recorded as "false → true": said as the reader's no and yes.
  // (The card's item detail says them the same way; each keeps its own line of it, as a shared
  // module would be one more file on the way to the first rows.)
  const change = entry.kind === 'change' ? entry.change : undefined;
  const word = (value: string) => (value === 'true' || value === 'false' ? t(`value.${value}`) : value);
  // A checklist item's tick, untick or emptied note has no text of its own: the row says which it was.
  const item = entry.kind === 'checklist' ? entry.change : undefined;
  const itemSaid = item?.field === 'done' ? t(item.new === 'true' ? 'checklist.ticked' : 'checklist.unticked') : item?.field === 'note' && !item.new ? t('checklist.noteCleared') : undefined;
  const body = change?.field === 'archived' ? `${word(change.old)} → ${word(change.new)}` : (itemSaid ?? entry.body.split('\n', 1)[0] ?? '');
  return html`<span class="kind">${svg`<svg viewBox="0 0 24 24" width="18" height="18" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true"><path d=${kindIcon[entry.kind]}></path></svg>`}${t(`kind.${entry.kind}`)}</span>
    <span class="subject" id=${`s-${entry.id}`}>${subject}</span>
    <span class="meta" id=${`m-${entry.id}`}>${meta}</span>
    <span class="body">${highlight(body, query)}</span>`;
}

/**
 * The height of an entry's row and of a month's heading, measured in the list itself: its width
 * decides the entries' layout and height (narrow, the meta line goes under the title), so the
 * windowing follows a resize.
 */
export function rowHeights(list: HTMLElement): [entry: number, heading: number] {
  const px = (kind: 'entry' | 'heading', fallback: number) => {
    const probe = document.createElement('div');
    probe.className = `probe ${kind}`;
    list.appendChild(probe);
    const height = probe.getBoundingClientRect().height || fallback;
    probe.remove();
    return height;
  };
  return [px('entry', 64), px('heading', 32)];
}

import { TIMELINE_KINDS, type TimelineEntry, type TimelineKind } from '../data/model.js';
import { entryText } from '../data/overview.js';
import { fold, queryWords } from '../data/text.js';

export { entryText };

/** What narrows the overview: words (all must match), kinds, and a local-date range. */
export interface TimelineFilter {
  query?: string;
  kinds?: readonly TimelineKind[];
  /** First day included, `YYYY-MM-DD` in local time. */
  from?: string;
  /** Last day included, `YYYY-MM-DD` in local time. */
  to?: string;
}

export interface TimelineResult {
  /** Indexes into the entries (newest first) that pass every filter. */
  indices: number[];
  /** Per kind: how many entries pass the text and date filters (the kind filter aside). */
  counts: Record<TimelineKind, number>;
}

/** Start and end (exclusive) in ms of a local-date range; NaN-free, open ends are infinite. */
export function dateBounds(from: string | undefined, to: string | undefined): [number, number] {
  const start = from ? new Date(`${from}T00:00:00`).getTime() : -Infinity;
  const endDay = to ? new Date(`${to}T00:00:00`) : undefined;
  if (endDay) endDay.setDate(endDay.getDate() + 1);
  return [Number.isNaN(start) ? -Infinity : start, endDay && !Number.isNaN(endDay.getTime()) ? endDay.getTime() : Infinity];
}

/**
 * In-memory search over a contact's whole history. A plain scan over text prepared once
 * (folded subject, body and author) is fast enough for 100 000 entries and gives exactly what a
 * naive scan gives; a query that extends the previous one only rescans the previous matches.
 */
export class TimelineSearch {
  readonly #texts: string[];
  readonly #times: Float64Array;
  /** Each entry's kind as an index into TIMELINE_KINDS: counting stays in typed arrays. */
  readonly #kinds: Uint8Array;
  #last: { query: string; matches: number[] } | undefined;

  /**
   * @param previous a search over an earlier version of the list: texts of entries it already
   *   prepared are reused (entries never change once written), so a few new entries do not
   *   mean folding 100 000 texts again.
   */
  constructor(
    readonly entries: readonly TimelineEntry[],
    previous?: TimelineSearch,
  ) {
    const known = previous && new Map(previous.entries.map((entry, i) => [entry.id, previous.#texts[i]!]));
    this.#texts = entries.map((entry) => known?.get(entry.id) ?? entryText(entry));
    this.#times = Float64Array.from(entries, (e) => Date.parse(e.occurredAt));
    const kindIndex = new Map(TIMELINE_KINDS.map((kind, i) => [kind, i]));
    this.#kinds = Uint8Array.from(entries, (e) => kindIndex.get(e.kind) ?? 0);
  }

  run(filter: TimelineFilter): TimelineResult {
    const words = queryWords(filter.query);
    const key = words.join(' ');
    // Every word of a longer query contains a word of the shorter one it extends, so its
    // matches are a subset of the previous matches.
    const candidates = this.#last && key.startsWith(this.#last.query) ? this.#last.matches : undefined;
    const textMatches: number[] = [];
    const test = (i: number) => {
      const text = this.#texts[i]!;
      for (const word of words) if (!text.includes(word)) return;
      textMatches.push(i);
    };
    if (!words.length) for (let i = 0; i < this.entries.length; i++) textMatches.push(i);
    else if (candidates) for (const i of candidates) test(i);
    else for (let i = 0; i < this.entries.length; i++) test(i);
    this.#last = { query: key, matches: textMatches };

    const [start, end] = dateBounds(filter.from, filter.to);
    const dated = start !== -Infinity || end !== Infinity;
    const wanted = new Uint8Array(TIMELINE_KINDS.length).fill(filter.kinds?.length ? 0 : 1);
    for (const kind of filter.kinds ?? []) wanted[TIMELINE_KINDS.indexOf(kind)] = 1;
    const tally = new Int32Array(TIMELINE_KINDS.length);
    const indices: number[] = [];
    const times = this.#times;
    const kinds = this.#kinds;
    for (const i of textMatches) {
      if (dated && (times[i]! < start || times[i]! >= end)) continue;
      const kind = kinds[i]!;
      tally[kind]!++;
      if (wanted[kind]) indices.push(i);
    }
    const counts = {} as Record<TimelineKind, number>;
    TIMELINE_KINDS.forEach((kind, k) => tally[k] && (counts[kind] = tally[k]!));
    return { indices, counts };
  }
}

/**
 * Where the query's words occur in `text`, as [start, end) ranges of the original string,
 * merged and sorted: folding can change lengths (é is e + accent), so positions are mapped
 * character by character.
 */
export function highlightRanges(text: string, query: string | undefined): [number, number][] {
  const words = queryWords(query);
  if (!words.length || !text) return [];
  let folded = '';
  const origin: number[] = [];
  for (let i = 0; i < text.length; ) {
    const codePoint = text.codePointAt(i)!;
    const char = String.fromCodePoint(codePoint);
    for (const part of fold(char)) {
      folded += part;
      origin.push(i);
    }
    i += char.length;
  }
  origin.push(text.length);
  const ranges: [number, number][] = [];
  for (const word of words) {
    for (let at = folded.indexOf(word); at >= 0; at = folded.indexOf(word, at + 1)) {
      const last = at + word.length - 1;
      const lastStart = origin[last]!;
      const lastChar = String.fromCodePoint(text.codePointAt(lastStart)!);
      ranges.push([origin[at]!, lastStart + lastChar.length]);
    }
  }
  ranges.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const range of ranges) {
    const previous = merged.at(-1);
    if (previous && range[0] <= previous[1]) previous[1] = Math.max(previous[1], range[1]);
    else merged.push([...range]);
  }
  return merged;
}

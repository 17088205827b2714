import { fold, queryWords } from '../data/contract/text.js';

/** Start and end (exclusive) in ms of a local-date range; NaN-free, open ends are infinite. */
export function dateBounds(from: string | undefined, to: string | undefined): [number, number] {
  const start = from ? new Date(`${from}T00:00:00`).getTime() : -Infinity;
  const endDay = to ? new Date(`${to}T00:00:00`) : undefined;
  if (endDay) endDay.setDate(endDay.getDate() + 1);
  return [Number.isNaN(start) ? -Infinity : start, endDay && !Number.isNaN(endDay.getTime()) ? endDay.getTime() : Infinity];
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
    // One origin per code unit of the folded text, which `indexOf` counts in: an emoji is two.
    const folding = fold(char);
    folded += folding;
    for (let unit = 0; unit < folding.length; unit++) origin.push(i);
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

import { warnOnce } from './token-list.js';

/**
 * A calendar day written `YYYY-MM-DD`, as an attribute or property gives it. Empty or absent is
 * no day (`''`). Anything else (`"01-11-2026"`, `"2026-1-5"`, a day the month lacks such as
 * `"2026-02-30"`, which `Date` would quietly move to March) is ignored with one warning per value
 * and reads as `''`.
 */
export function calendarDay(value: string | null | undefined, context: string): string {
  if (!value) return '';
  const [year, month, day] = value.split('-').map(Number);
  // Set on a UTC date: no time zone or two-digit-year rule moves the day; a day too far rolls over and no longer matches.
  if (/^\d{4}-\d\d-\d\d$/.test(value) && new Date(new Date(0).setUTCFullYear(year!, month! - 1, day)).toISOString().startsWith(value)) return value;
  warnOnce(`${context}|${value}`, () => console.warn(`${context}: ignoring ${JSON.stringify(value.slice(0, 40))}; expected a calendar day, YYYY-MM-DD.`));
  return '';
}

// The months of the activity report in a time zone: loaded when a report asks for one, not with
// the engine every page loads, nor with the overview's index.
import { fail, monthKey } from './rules.js';

/** Month formatters per time zone: making one costs far more than using it. */
const monthFormats = new Map<string, Intl.DateTimeFormat>();
/**
 * An IANA zone name (`Europe/Amsterdam`, `Etc/GMT+1`, `UTC`). An offset (`+01:00`) is not one:
 * SQL reads it with the opposite sign.
 */
const ZONE_NAME = /^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+)*$/;
const MAX_ZONE_NAME = 64;

/**
 * The month (`YYYY-MM`) of a stored time (ISO, UTC) in an IANA time zone, as a function; the
 * UTC month without a zone. Fails with `validation` (field `timeZone`) for a zone this runtime
 * does not know.
 */
export function monthIn(timeZone: unknown): (at: string) => string {
  const utc = (at: string) => at.slice(0, 7);
  if (timeZone === undefined) return utc;
  if (typeof timeZone !== 'string') return fail('validation', 'timeZone must be text.', { fields: { timeZone: 'type' } });
  let format = monthFormats.get(timeZone);
  if (!format) {
    if (timeZone.length > MAX_ZONE_NAME || !ZONE_NAME.test(timeZone)) return fail('validation', 'timeZone is not a time zone name.', { fields: { timeZone: 'invalid' } });
    try {
      format = new Intl.DateTimeFormat('en-US', { timeZone, calendar: 'gregory', numberingSystem: 'latn', year: 'numeric', month: 'numeric' });
    } catch {
      return fail('validation', `There is no time zone ${timeZone}.`, { fields: { timeZone: 'invalid' } });
    }
    monthFormats.set(timeZone, format);
  }
  const zoned = format;
  return (at) => {
    // No zone is more than a day from UTC: from the 2nd to the 27th the month is UTC's.
    const day = at.slice(8, 10);
    if (day >= '02' && day <= '27') return utc(at);
    let year = 0;
    let month = 0;
    for (const part of zoned.formatToParts(new Date(at))) {
      if (part.type === 'year') year = Number(part.value);
      else if (part.type === 'month') month = Number(part.value);
    }
    return monthKey(year, month);
  };
}

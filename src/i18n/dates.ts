// Dates in words, apart from the strings' controller: the bar shows none, and the
// one-script bundle keeps this module out of the chunk a page with only the bar loads.

/** Date formats by language and options: making one costs far more than using one. */
const dateFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * The one place dates are put into words: a stored timestamp (or a `Date`) in `language` and
 * the reader's time zone, as a day, a day and time (`true`), or in `Intl.DateTimeFormat`'s
 * `options`. A stored day without a time (`2026-03-01`, a project's end) is that day in every
 * time zone. Each format is made once per language and options, since an overview row, a
 * checklist item and a report cell each show one. Text that is no date comes back as it is,
 * and nothing as nothing.
 */
export function formatDate(language: string, value: string | Date | undefined, style: boolean | Intl.DateTimeFormatOptions = false): string {
  const date = new Date(value!);
  if (Number.isNaN(date.getTime())) return typeof value === 'string' ? value : '';
  const options: Intl.DateTimeFormatOptions = {
    ...(style === true ? { dateStyle: 'medium', timeStyle: 'short' } : style || { dateStyle: 'medium' }),
    // A day alone is read as midnight UTC, so it is shown in UTC too: west of Greenwich the
    // reader's zone would make it the day before.
    ...(/^\d{4}-\d\d-\d\d$/.test(value as string) && { timeZone: 'UTC' }),
  };
  const key = language + JSON.stringify(options);
  let format = dateFormats.get(key);
  if (!format) dateFormats.set(key, (format = new Intl.DateTimeFormat(language, options)));
  return format.format(date);
}

/**
 * The reader's time zone (an IANA name), in which {@link formatDate} puts times: the zone whose
 * months a report counts in, so they match the months the overview heads its entries with.
 */
export function readerTimeZone(): string | undefined {
  const { timeZone } = Intl.DateTimeFormat().resolvedOptions();
  // A browser that does not know the system's zone says `Etc/Unknown`, which it then refuses
  // itself as a zone to format in: no zone then (UTC months), rather than a report refused.
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return timeZone || undefined;
  } catch {
    return undefined;
  }
}

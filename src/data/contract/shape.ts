import { CONTACT_FIELDS, TIMELINE_KINDS, type Contact, type TimelineEntry } from './model.js';
import { LiftDataError } from './errors.js';

/**
 * Checks what an adapter returned before an element renders it. A partner's backend can send
 * anything; a record of the wrong shape becomes a clear error state (code `validation`), never
 * an exception thrown while rendering. Absent text fields read as empty.
 */
export function checkContact(value: unknown, expectedId?: string): Contact {
  const record = value as Record<string, unknown> | null;
  const problem = (what: string) => new LiftDataError('validation', `The adapter returned a damaged contact: ${what}.`, { cause: value });
  if (!record || typeof record !== 'object') throw problem('not an object');
  if (typeof record.id !== 'string' || !record.id) throw problem('no id');
  if (expectedId !== undefined && record.id !== expectedId) throw problem(`asked for ${expectedId}, got ${record.id}`);
  if (typeof record.version !== 'number' || !Number.isFinite(record.version)) throw problem('no version');
  if (typeof record.relationId !== 'string') throw problem('no relation');
  const details: Record<string, string> = {};
  for (const field of CONTACT_FIELDS) {
    const text = record[field] ?? '';
    if (typeof text !== 'string') throw problem(`${field} is not text`);
    details[field] = text;
  }
  return { ...(record as unknown as Contact), ...details, archived: record.archived === true };
}

/** The same for overview entries: a damaged one fails the list with a clear error. */
export function checkEntries(entries: unknown): TimelineEntry[] {
  if (!Array.isArray(entries)) throw new LiftDataError('validation', 'The adapter returned a damaged overview: not a list.');
  for (const entry of entries as Record<string, unknown>[]) {
    const ok =
      entry &&
      typeof entry === 'object' &&
      typeof entry.id === 'string' &&
      typeof entry.subject === 'string' &&
      typeof entry.body === 'string' &&
      typeof entry.author === 'string' &&
      typeof entry.occurredAt === 'string' &&
      !Number.isNaN(Date.parse(entry.occurredAt)) &&
      (TIMELINE_KINDS as readonly string[]).includes(entry.kind as string);
    if (!ok) throw new LiftDataError('validation', `The adapter returned a damaged overview entry${typeof entry?.id === 'string' ? ` (${entry.id})` : ''}.`, { cause: entry });
  }
  return entries as TimelineEntry[];
}

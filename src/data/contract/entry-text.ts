// Kept apart from validation.ts, which the elements load with their first paint: only the
// offline adapter checks an entry's text with it, before it keeps a note on the device. The rule
// engine refuses the same entries, with the same field codes, through its own `requireString`:
// the built-in database's code would otherwise carry a second copy of the check.
import { LiftDataError } from './errors.js';
import { LIMITS, type ValidationCode } from './validation.js';

/**
 * An overview entry's subject and text as every adapter takes them: both text, each within its
 * limit, and not both empty or only spaces. Refused with a `validation` error naming the field.
 */
export function entryText(subject: unknown, body: unknown): { subject: string; body: string } {
  const text = { subject, body } as { subject: string; body: string };
  for (const field of ['subject', 'body'] as const) {
    const value: unknown = text[field];
    const problem: ValidationCode | '' = typeof value !== 'string' ? 'type' : value.length > LIMITS[field] ? 'too-long' : '';
    if (problem) throw new LiftDataError('validation', `The ${field} must be text of at most ${LIMITS[field]} characters.`, { fields: { [field]: problem } });
  }
  if (!text.subject.trim() && !text.body.trim()) throw new LiftDataError('validation', 'An entry needs a subject or a text.', { fields: { body: 'required' } });
  return text;
}

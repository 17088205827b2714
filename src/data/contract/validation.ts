import { CONTACT_FIELDS, type ContactDetails, type ContactField } from './model.js';

/** Why a field was refused; elements translate these codes into messages. */
export type ValidationCode = 'required' | 'too-long' | 'email' | 'phone' | 'type' | 'unknown-field';

/**
 * Longest values, in characters, of what is not a contact field: an entry's subject and text, a
 * checklist note, a work item's title, and the like. Every adapter on the rule engine refuses
 * longer ones, and the elements count down to the same numbers.
 */
export const LIMITS = {
  subject: 500, body: 200_000, note: 2_000, title: 200, relationName: 200, checklistText: 200, category: 100,
  /** Names in one preferences list, and characters in one name: preferences stay a few KB. */
  preferenceNames: 50, preferenceName: 100,
  /** The text of a contact or relation search (the search dialogs take no more). */
  search: 200,
} as const;

/** The most records one page holds: every adapter answers a larger page limit with this many. */
export const MAX_PAGE = 500;

/** The earliest date an overview entry may carry; the latest is one year after today ({@link yearAfter}). */
export const EARLIEST_ENTRY = Date.UTC(1900, 0, 1);

/** One year after `now`, the same day and time: the latest date an overview entry may carry. */
export function yearAfter(now: Date): number {
  const later = new Date(now.getTime());
  later.setUTCFullYear(later.getUTCFullYear() + 1);
  return later.getTime();
}

/** Longest value each contact field takes, in characters. */
export const CONTACT_LIMITS: Record<ContactField, number> = {
  salutation: 40,
  firstName: 100,
  infix: 20,
  lastName: 100,
  jobTitle: 100,
  department: 100,
  email: 254,
  phone: 40,
  mobile: 40,
  notes: 10_000,
};

/**
 * The local part may hold what mail systems accept (`?`, `#`, `=` among them; links encode it).
 * The domain is host names only: labels of letters (any script, with the marks some scripts write
 * vowels with, or an accent typed apart from its letter), digits and inner hyphens, and
 * a top label of at least two characters starting with a letter, so `anna@devries.nl?cc=x.com`
 * or `a@b.nl#x` is refused rather than stored and turned into mail headers.
 */
const EMAIL = /^[^\s@<>()[\]\\,;:"]+@(?:[\p{L}\p{N}](?:[\p{L}\p{M}\p{N}-]*[\p{L}\p{M}\p{N}])?\.)+\p{L}[\p{L}\p{M}\p{N}-]*[\p{L}\p{M}\p{N}]$/u;
const PHONE = /^\+?[\d\s().-]+$/;

/** Checks one contact field; `undefined` when it is fine. */
export function validateContactField(field: ContactField, value: unknown): ValidationCode | undefined {
  if (typeof value !== 'string') return 'type';
  const trimmed = value.trim();
  if (field === 'lastName' && !trimmed) return 'required';
  if (value.length > CONTACT_LIMITS[field]) return 'too-long';
  if (!trimmed) return undefined;
  if (field === 'email' && !EMAIL.test(trimmed)) return 'email';
  if ((field === 'phone' || field === 'mobile') && (!PHONE.test(trimmed) || trimmed.replace(/\D/g, '').length < 6)) return 'phone';
  return undefined;
}

/** Checks the given fields (all when `only` is absent); returns the problems per field. */
export function validateContact(
  details: Partial<Record<string, unknown>>,
  only: readonly string[] = CONTACT_FIELDS,
): Record<string, ValidationCode> {
  const problems: Record<string, ValidationCode> = {};
  for (const field of only) {
    if (!(CONTACT_FIELDS as readonly string[]).includes(field)) {
      problems[field] = 'unknown-field';
      continue;
    }
    // A field that is present must be text; only an absent one counts as empty.
    const code = validateContactField(field as ContactField, field in details ? details[field] : '');
    if (code) problems[field] = code;
  }
  return problems;
}

/** An empty set of personal details. */
export function emptyDetails(): ContactDetails {
  return Object.fromEntries(CONTACT_FIELDS.map((field) => [field, ''])) as ContactDetails;
}

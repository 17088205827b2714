import { fullName } from './text.js';

// What a document's merge fields are filled from: apart from fillMergeFields, so the adapters
// load it when a document is made, not with their first call.

/** The parts of a contact a letter's opening uses. */
export interface AddressedName {
  salutation?: string;
  firstName?: string;
  infix?: string;
  lastName?: string;
}

/** Salutations as people type them ("Mevr.", "mw", "de heer", "Mr."), by form of address. */
const FORMS: Record<string, 'female' | 'male'> = {
  mevr: 'female', mevrouw: 'female', mw: 'female', mrs: 'female', ms: 'female', miss: 'female', madam: 'female',
  dhr: 'male', heer: 'male', deheer: 'male', mr: 'male', sir: 'male',
};

const OPENING = {
  nl: { dear: 'Geachte', female: 'mevrouw', male: 'heer', either: 'heer/mevrouw' },
  en: { dear: 'Dear', female: 'Ms', male: 'Mr', either: 'Mr/Ms' },
} as const;

/**
 * How a letter opens for `contact` in `lang` ("nl" or "en"; others get English): "Geachte
 * mevrouw Visser" / "Dear Ms Visser" from the salutation and the surname, with the name prefix
 * capitalised as Dutch writes it without a first name ("heer Van der Berg"). When the salutation
 * says no form of address, the name in full ("Geachte Sam de Wit"), or both forms without a
 * first name.
 */
export function letterSalutation(contact: AddressedName, lang: string): string {
  const words = OPENING[lang.toLowerCase().startsWith('nl') ? 'nl' : 'en'];
  const key = (contact.salutation ?? '').toLowerCase().replace(/[\s.]/g, '');
  const form = Object.hasOwn(FORMS, key) ? FORMS[key] : undefined;
  const infix = contact.infix?.trim() ?? '';
  const lastName = contact.lastName?.trim() ?? '';
  const surname = [infix && infix[0]!.toUpperCase() + infix.slice(1), lastName].filter(Boolean).join(' ');
  const firstName = contact.firstName?.trim();
  if (!form && firstName) return `${words.dear} ${[firstName, infix, lastName].filter(Boolean).join(' ')}`;
  return `${words.dear} ${words[form ?? 'either']} ${surname}`.trimEnd();
}

/** What a document's merge fields are filled from, and for whom. */
export interface DocumentSources {
  contact: AddressedName & Record<string, unknown>;
  relation: Record<string, unknown> | undefined;
  user: Record<string, unknown>;
  /** The moment the document is made. */
  now: Date;
  /** The reader's language: dates and the salutation are written in it. */
  lang: string;
  /** The reader's time zone (default: this runtime's), so `{{today}}` is their date. */
  timeZone?: string;
}

/**
 * The values of a document's merge fields: `contact.*` (with `fullName`), `relation.*`, `user.*`,
 * `today` (a long date in the reader's language and time zone) and `salutation` ("Geachte
 * mevrouw Visser" / "Dear Ms Visser"; the template adds the comma).
 */
export function documentValues(sources: DocumentSources): Record<string, Record<string, unknown> | string> {
  const { contact, lang } = sources;
  return {
    contact: { ...contact, fullName: fullName(contact) },
    relation: { ...sources.relation },
    user: { ...sources.user },
    today: sources.now.toLocaleDateString(lang, { dateStyle: 'long', ...(sources.timeZone ? { timeZone: sources.timeZone } : {}) }),
    salutation: letterSalutation(contact, lang),
  };
}

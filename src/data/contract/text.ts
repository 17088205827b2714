/** Lower case without diacritics, so `Ümit` matches `umit` and `Kuçük` matches `kucuk`. */
export function fold(text: string): string {
  // Plain ASCII has nothing to decompose: skip the (costly) normalisation.
  if (!/[^\x00-\x7f]/.test(text)) return text.toLowerCase();
  return text.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();
}

/** The words of a query, folded; empty words dropped. */
export function queryWords(text: string | undefined): string[] {
  return text ? fold(text).split(/\s+/).filter(Boolean) : [];
}

/** A contact's name the Dutch way: salutation, first name, infix, last name. */
export function fullName(contact: { salutation?: string; firstName?: string; infix?: string; lastName?: string }): string {
  return [contact.salutation, contact.firstName, contact.infix, contact.lastName]
    .map((part) => part?.trim())
    .filter(Boolean)
    .join(' ');
}

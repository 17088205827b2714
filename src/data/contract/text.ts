/** Letters that are not a letter plus a mark, so decomposing leaves them (lower case): how they are typed plainly. */
const PLAIN: Readonly<Record<string, string>> = { ı: 'i', ł: 'l', ø: 'o', đ: 'd', ð: 'd', ħ: 'h', ß: 'ss', æ: 'ae', œ: 'oe', þ: 'th', ĳ: 'ij' };

/** Text folded by an earlier version (marks stripped, lower case) with those letters spelled plainly, as {@link fold} does now. */
export function plainLetters(folded: string): string {
  return folded.replace(/[ıłøđðħßæœþĳ]/gu, (letter) => PLAIN[letter]!);
}

/**
 * Lower case without diacritics, so `Ümit` matches `umit` and `Kuçük` matches `kucuk`; letters
 * that carry no separate mark are spelled plainly too, so `Yılmaz` matches `yilmaz`, `Michał`
 * `michal` and `Søren` `soren`.
 */
export function fold(text: string): string {
  // Plain ASCII has nothing to decompose: skip the (costly) normalisation.
  if (!/[^\x00-\x7f]/.test(text)) return text.toLowerCase();
  return plainLetters(text.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase());
}

/** Apostrophes as typed: straight, or curly as phones and word processors write them. */
const APOSTROPHES = /['‘’ʼ]+/u;

/** Punctuation a list or a sentence puts around words (`Vries, Jan`, `akkoord.`); dots and signs inside a word (`j.smit@x.nl`) stay. */
const AROUND = /^[.,;:!?()[\]{}"“”„«»…]+|[.,;:!?()[\]{}"“”„«»…]+$/gu;

/**
 * The words of a query, folded; empty words dropped. Commas and semicolons part words, and the
 * punctuation around a word goes, so `Vries, Jan` finds Jan de Vries. Stored text keeps whichever
 * apostrophe it was written with, so an apostrophe splits a word and the one-letter pieces it
 * leaves go: `in ’t veld` finds `in 't Veld`, and `o'brien` finds `O’Brien`.
 */
export function queryWords(text: string | undefined): string[] {
  if (!text) return [];
  return fold(text)
    .split(/[\s,;]+/)
    .map((word) => word.replace(AROUND, ''))
    .flatMap((word) => (APOSTROPHES.test(word) ? word.split(APOSTROPHES).filter((piece) => piece.length > 1) : word ? [word] : []));
}

/** A contact's name the Dutch way: salutation, first name, infix, last name. */
export function fullName(contact: { salutation?: string; firstName?: string; infix?: string; lastName?: string }): string {
  return [contact.salutation, contact.firstName, contact.infix, contact.lastName]
    .map((part) => part?.trim())
    .filter(Boolean)
    .join(' ');
}

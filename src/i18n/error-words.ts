import { LiftDataError, type LiftErrorCode } from '../data/contract/errors.js';
import { registered, tableLanguage, type Language } from './localize.js';

/**
 * What went wrong, by error code, as the end of a sentence ("Saving failed: …"); `unexpected`
 * for an error without a code (a host's adapter that throws something else, a bug).
 */
const WORDS: Record<Language, Record<LiftErrorCode | 'unexpected', string>> = {
  nl: {
    'not-found': 'het bestaat niet (meer).',
    conflict: 'iemand anders heeft dit net gewijzigd; de nieuwste stand is geladen.',
    validation: 'de gegevens zijn niet geldig.',
    permission: 'je hebt hier geen recht toe.',
    quota: 'de opslag van deze browser is vol.',
    unavailable: 'de gegevens zijn niet bereikbaar.',
    aborted: 'het is afgebroken.',
    'version-change': 'de database is in een ander tabblad bijgewerkt of verwijderd.',
    unexpected: 'er ging onverwacht iets mis.',
  },
  en: {
    'not-found': 'it does not exist (any more).',
    conflict: 'someone else just changed this; the latest version is loaded.',
    validation: 'the data is not valid.',
    permission: 'you do not have the right to do this.',
    quota: 'this browser’s storage is full.',
    unavailable: 'the data cannot be reached.',
    aborted: 'it was stopped.',
    'version-change': 'the database was upgraded or removed in another tab.',
    unexpected: 'something went wrong unexpectedly.',
  },
};

/** Errors without a code already shown on the console (elements put an error into words at each render). */
const logged = new WeakSet<object>();

/**
 * An error in words for a reader of `language`: the sentence for its code (a host may register
 * its own under `lift-errors` with `registerStrings`). An error without a code is said to be
 * unexpected: its own message is in whatever language its author wrote and is for developers,
 * who find it on the console, once.
 */
export function errorWords(error: unknown, language: string): string {
  if (LiftDataError.is(error)) return codeWords(error.code, language);
  if (error instanceof Object && !logged.has(error)) {
    logged.add(error);
    console.warn(error);
  }
  return codeWords('unexpected', language);
}

/**
 * The sentence for an error code alone, for a failure that was kept as its code (an outbox
 * entry's). A code of a host's own that nobody registered words for is said to be unexpected.
 * What a host's language leaves out is said in its base language (in a host's words for it
 * first, `registered`) when built in (`nl-BE`: Dutch), else in English.
 */
export function codeWords(code: LiftErrorCode | 'unexpected', language: string): string {
  const words = WORDS[tableLanguage(language)];
  return registered(language, 'lift-errors', code) ?? words[code] ?? words.unexpected;
}

import { LiftDataError, type LiftErrorCode } from '../data/contract/errors.js';
import { registered, type Language } from './localize.js';

/** What went wrong, by error code, as the end of a sentence ("Saving failed: …"). */
const WORDS: Record<Language, Record<LiftErrorCode, string>> = {
  nl: {
    'not-found': 'het bestaat niet (meer).',
    conflict: 'iemand anders heeft dit net gewijzigd; de nieuwste stand is geladen.',
    validation: 'de gegevens zijn niet geldig.',
    permission: 'je hebt hier geen recht toe.',
    quota: 'de opslag van deze browser is vol.',
    unavailable: 'de gegevens zijn niet bereikbaar.',
    aborted: 'het is afgebroken.',
    'version-change': 'de database is in een ander tabblad bijgewerkt.',
  },
  en: {
    'not-found': 'it does not exist (any more).',
    conflict: 'someone else just changed this; the latest version is loaded.',
    validation: 'the data is not valid.',
    permission: 'you do not have the right to do this.',
    quota: 'this browser’s storage is full.',
    unavailable: 'the data cannot be reached.',
    aborted: 'it was stopped.',
    'version-change': 'the database was upgraded in another tab.',
  },
};

/**
 * An error in words for a reader of `language`: the sentence for its code (a host may register
 * its own under `lift-errors` with `registerStrings`), else the error's own message — an
 * adapter's text is shown only when no code says more.
 */
export function errorWords(error: unknown, language: string): string {
  if (LiftDataError.is(error)) return codeWords(error.code, language);
  return error instanceof Error ? error.message : String(error);
}

/** The sentence for an error code alone, for a failure that was kept as its code (an outbox entry's). */
export function codeWords(code: LiftErrorCode, language: string): string {
  return registered(language, 'lift-errors', code) ?? (WORDS[language as Language] ?? WORDS.en)[code];
}

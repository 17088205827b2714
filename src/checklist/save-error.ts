import { LiftDataError } from '../data/contract/errors.js';
import { errorWords } from '../i18n/error-words.js';
import type { LocalizeController } from '../i18n/localize.js';
import type { ChecklistMessage, ChecklistWords } from './messages.js';

/** Why a tick, a note or a lookup-list change was not saved, in the reader's language of the moment. */
export function describeSaveError(i18n: LocalizeController<ChecklistWords, ChecklistMessage>, error: unknown): string {
  const code = LiftDataError.is(error) ? error.code : undefined;
  if (code === 'conflict' || code === 'permission' || code === 'quota') return i18n.t(`error.${code}`);
  return i18n.t(code === 'validation' ? 'error.validation' : 'error.other', { reason: errorWords(error, i18n.lang) });
}

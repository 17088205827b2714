import type { Strings } from '../i18n/localize.js';
import type { ComposerMessage } from './messages-composer.js';

/** English, loaded when the form first shows in it. */
export const en: Strings<ComposerMessage> = {
  kind: 'Kind',
  when: 'When (empty: now)',
  subject: 'Subject',
  body: 'Note',
  save: 'Save',
  cancel: 'Cancel',
  saving: 'Saving…',
  saveFailed: 'Not saved: {reason}',
  saveUnconfirmed: 'Not confirmed: {reason} Try again: it will not be saved twice.',
  saveInterrupted: 'Perhaps not saved before the page closed. Try again, or discard it if it is in the list already.',
  discard: 'Discard',
  noteRequired: 'Write a note first.',
  noteTooLong: 'The note is too long: at most {max} characters fit.',
  whenIncomplete: 'Complete the date and time, or clear the field to record it as now.',
  whenOutOfRange: 'Choose a date between 1900 and a year from today.',
};

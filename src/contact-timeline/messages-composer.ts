import type { MessageTables } from '../i18n/localize.js';

/**
 * The words only "Record activity" shows (its form and the notes being saved): they travel with
 * its code, so an overview only read does not carry them. `extend` adds them to the overview's
 * own when the form's code arrives.
 */
const nl = {
  kind: 'Soort',
  when: 'Wanneer (leeg: nu)',
  subject: 'Onderwerp',
  body: 'Notitie',
  save: 'Opslaan',
  cancel: 'Annuleren',
  saving: 'Bezig met opslaan…',
  saveFailed: 'Niet opgeslagen: {reason}',
  saveUnconfirmed: 'Niet bevestigd: {reason} Probeer het opnieuw: het wordt niet dubbel opgeslagen.',
  saveInterrupted: 'Misschien niet opgeslagen voordat de pagina sloot. Probeer het opnieuw, of gooi het weg als het al in de lijst staat.',
  discard: 'Weggooien',
  noteRequired: 'Schrijf eerst een notitie.',
  noteTooLong: 'De notitie is te lang: er passen ten hoogste {max} tekens in.',
  whenIncomplete: 'Vul datum en tijd helemaal in, of maak het veld leeg om nu te kiezen.',
  whenOutOfRange: 'Kies een datum tussen 1900 en een jaar vanaf vandaag.',
};

/** A key of the form's messages. */
export type ComposerMessage = keyof typeof nl;

export const composerMessages: MessageTables<ComposerMessage> = {
  nl,
  en: () => import('./messages-composer.en.js').then((m) => m.en),
};

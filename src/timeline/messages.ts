import { fieldLabels } from '../i18n/field-labels.js';
import type { MessageTables } from '../i18n/localize.js';

const nl = {
  ...fieldLabels.nl,
  label: 'Contactoverzicht',
  search: 'Zoeken in het overzicht',
  searchCorrespondence: 'Zoeken in de correspondentie',
  correspondenceLabel: 'Correspondentie',
  searchPlaceholder: 'Zoek op onderwerp, tekst of auteur',
  kinds: 'Soorten',
  from: 'Vanaf',
  to: 'Tot en met',
  clear: 'Filters wissen',
  count: '{count} items',
  countOne: '1 item',
  searching: 'Bezig met zoeken…',
  loading: 'Overzicht laden…',
  loadError: 'Het overzicht kon niet worden geladen: {reason}',
  retry: 'Opnieuw proberen',
  noContact: 'Kies een contactpersoon om het overzicht te zien.',
  empty: 'Er is nog niets vastgelegd voor deze contactpersoon.',
  noResults: 'Geen resultaten.',
  hiddenBy: 'Verborgen door: {filters}.',
  filterQuery: 'zoekterm “{query}”',
  filterKinds: 'soorten {kinds}',
  filterFrom: 'vanaf {date}',
  filterTo: 'tot en met {date}',
  in: 'Ontvangen',
  out: 'Verzonden',
  by: 'door {author}',
  addNote: 'Notitie toevoegen',
  subject: 'Onderwerp',
  body: 'Notitie',
  save: 'Opslaan',
  cancel: 'Annuleren',
  saving: 'Bezig met opslaan…',
  saveFailed: 'Niet opgeslagen: {reason}',
  discard: 'Weggooien',
  noteRequired: 'Schrijf eerst een notitie.',
  'kind.email': 'E-mail',
  'kind.letter': 'Brief',
  'kind.document': 'Document',
  'kind.invoice': 'Factuur',
  'kind.note': 'Notitie',
  'kind.call': 'Telefoongesprek',
  'kind.meeting': 'Afspraak',
  'kind.task': 'Taak',
  'kind.change': 'Wijziging',
  'kind.checklist': 'Checklist',
};

/** A key of the overview's messages. */
export type TimelineMessage = keyof typeof nl;

export const timelineMessages: MessageTables<keyof typeof nl> = {
  nl,
  en: () => import('./messages.en.js').then((m) => m.en),
};

import { fieldLabels } from '../i18n/field-labels.js';
import type { MessageTables } from '../i18n/localize.js';
import type { ComposerMessage } from './messages-composer.js';

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
  count: '{count, plural, one {# item} other {# items}}',
  searching: 'Bezig met zoeken…',
  loading: 'Overzicht laden…',
  loadError: 'Het overzicht kon niet worden geladen: {reason}',
  moreError: 'De volgende items konden niet worden geladen: {reason}',
  retry: 'Opnieuw proberen',
  noContact: 'Kies een contactpersoon om het overzicht te zien.',
  empty: 'Er is nog niets vastgelegd voor deze contactpersoon.',
  emptyCorrespondence: 'Er is nog geen correspondentie met deze contactpersoon.',
  noResults: 'Geen resultaten.',
  hiddenBy: 'Verborgen door: {filters}.',
  filterQuery: 'zoekterm “{query}”',
  filterKinds: 'soorten {kinds}',
  filterFrom: 'vanaf {date}',
  filterTo: 'tot en met {date}',
  in: 'Ontvangen',
  out: 'Verzonden',
  by: 'door {author}',
  addNote: 'Activiteit vastleggen',
  composerLoading: 'Het formulier wordt geladen…',
  composerUnloaded: 'Het formulier kon niet worden geladen. Controleer de verbinding en probeer het opnieuw.',
  composerStillUnloaded: 'Het laadt nog steeds niet: laad de pagina opnieuw om het nog eens te proberen.',
  languageUnloaded: 'De teksten in de gekozen taal konden niet worden geladen. Controleer de verbinding en probeer het opnieuw.',
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
  'value.true': 'ja',
  'value.false': 'nee',
  'checklist.ticked': 'Afgevinkt',
  'checklist.unticked': 'Vinkje weggehaald',
  'checklist.noteCleared': 'Notitie verwijderd',
};

/** A key of the overview's messages. */
export type TimelineMessage = keyof typeof nl;

/** The overview's words and, once "Record activity" has arrived, its form's. */
export type TimelineWords = TimelineMessage | ComposerMessage;

export const timelineMessages: MessageTables<keyof typeof nl> = {
  nl,
  en: () => import('./messages.en.js').then((m) => m.en),
};

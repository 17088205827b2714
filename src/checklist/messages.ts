import type { MessageTables } from '../i18n/localize.js';
import type { ManageMessage } from './messages-manage.js';

const nl = {
  heading: 'Checklist',
  progress: '{done} van {total} afgerond',
  onlyOpen: 'Alleen open punten',
  doneBy: 'Afgevinkt door {name} op {date}',
  note: 'Notitie',
  addNote: 'Notitie toevoegen',
  editNote: 'Notitie wijzigen',
  noteFor: 'Notitie bij “{item}”',
  about: 'bij “{item}”',
  save: 'Opslaan',
  cancel: 'Annuleren',
  counter: '{count} / {max} tekens',
  noteTooLong: 'De notitie is {over, plural, one {# teken} other {# tekens}} te lang (maximaal {max}).',
  noteOverLimit: 'De notitie is langer dan {max} tekens.',
  noteChanged: 'Iemand anders heeft de notitie intussen gewijzigd in: “{note}”. Sla opnieuw op om die te vervangen door de jouwe.',
  noteRemoved: 'Iemand anders heeft de notitie intussen verwijderd. Sla opnieuw op om de jouwe ervoor in de plaats te zetten.',
  noteLeft: '{item} staat niet meer in de checklist; je notitie is niet opgeslagen: “{note}”',
  anItem: 'Een punt',
  discard: 'Weggooien',
  saving: 'Bezig met opslaan…',
  loading: 'Checklist laden…',
  empty: 'Er zijn geen checklistpunten voor dit kaarttype.',
  noContact: 'Kies een contactpersoon om de checklist te zien.',
  allDone: 'Alle punten zijn afgerond.',
  archived: 'Deze contactpersoon is gearchiveerd: de checklist is alleen te bekijken.',
  noRights: 'Je hebt geen recht om de checklist te wijzigen.',
  manageIgnored: 'Beheren is niet mogelijk: je hebt geen recht om checklists te beheren.',
  manageStillUnloaded: 'Het laadt nog steeds niet: laad de pagina opnieuw om het nog eens te proberen.',
  languageUnloaded: 'De teksten in de gekozen taal konden niet worden geladen. Controleer de verbinding en probeer het opnieuw.',
  manageLoading: 'Het beheer wordt geladen…',
  manageUnloaded: 'Het beheer kon niet worden geladen. Controleer de verbinding en probeer het opnieuw.',
  loadError: 'De checklist kon niet worden geladen: {reason}',
  retry: 'Opnieuw proberen',
  'error.conflict': 'Iemand anders heeft dit punt net gewijzigd. De nieuwste stand is geladen; probeer het opnieuw.',
  'error.permission': 'Je hebt geen recht om dit punt te wijzigen.',
  'error.validation': 'Dit kan niet worden opgeslagen: {reason}',
  'error.quota': 'Er is geen opslagruimte meer in deze browser.',
  'error.other': 'Opslaan is niet gelukt: {reason} Je wijziging is niet bewaard.',
  manage: 'Checklist beheren',
  uncategorized: 'Overig',
};

export type ChecklistMessage = keyof typeof nl;

/** The checklist's words and, once it has arrived, its management's. */
export type ChecklistWords = ChecklistMessage | ManageMessage;

export const checklistMessages: MessageTables<keyof typeof nl> = {
  nl,
  en: () => import('./messages.en.js').then((m) => m.en),
};

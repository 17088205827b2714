import type { MessageTables } from '../i18n/localize.js';

/**
 * The words only the lookup list's management shows: they travel with its code, so a checklist
 * that only ticks items does not carry them. `extend` adds them to the checklist's own when the
 * management arrives.
 */
const nl = {
  newItem: 'Nieuw punt',
  itemsTable: 'Punten van de checklist',
  add: 'Toevoegen',
  text: 'Tekst',
  category: 'Categorie',
  mode: 'Standaardmodus',
  modeForStatus: 'Modus bij status “{status}”',
  sameAsDefault: 'Zoals standaard',
  'mode.hidden': 'Niet tonen',
  'mode.read-only': 'Alleen tonen',
  'mode.editable': 'Wijzigbaar',
  moveUp: '“{item}” omhoog',
  moveDown: '“{item}” omlaag',
  moved: '“{item}” staat nu op plaats {place} van {count}.',
  remove: '“{item}” verwijderen',
  rowActions: 'Volgorde en verwijderen',
  confirmRemove: 'Punt “{item}” verwijderen? Wat al is afgevinkt blijft in de geschiedenis staan.',
  notSavedFor: 'Bij “{item}”: {reason}',
  textRequired: 'Vul een tekst in.',
};

export type ManageMessage = keyof typeof nl;

export const manageMessages: MessageTables<ManageMessage> = { nl, en: () => import('./messages-manage.en.js').then((m) => m.en) };

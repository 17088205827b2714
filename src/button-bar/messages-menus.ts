import type { MessageTables } from '../i18n/localize.js';

/**
 * The words only the bar's menus show: they travel with the menus' code, so a bar that is never
 * opened does not carry them. `extend` adds them to the bar's own when the menus arrive.
 */
const nl = {
  'action.selection': 'Wisselen tussen kaarten',
  'create.lead': 'Lead',
  'create.request': 'Aanvraag',
  'create.project': 'Project',
  noDocuments: 'Geen sjablonen beschikbaar',
  noReports: 'Geen rapporten beschikbaar',
  noDetailTabs: 'Geen detailtabbladen',
  reset: 'Standaard herstellen',
};

export type BarMenuMessage = keyof typeof nl;

export const barMenuMessages: MessageTables<BarMenuMessage> = {
  nl,
  en: () => import('./messages-menus.en.js').then((m) => m.en),
};

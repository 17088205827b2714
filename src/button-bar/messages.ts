import type { MessageTables } from '../i18n/localize.js';
import type { BarMenuMessage } from './messages-menus.js';

/**
 * The button bar's strings. Each element keeps its own tables, so an element's entry carries
 * only its own words. `{name}` marks a parameter.
 */
const nl = {
  label: 'Acties voor deze kaart',
  more: 'Meer acties',
  'action.save': 'Opslaan',
  'action.undo': 'Wijzigingen ongedaan maken',
  'action.refresh': 'Vernieuwen',
  'action.archive': 'Archiveren',
  'action.unarchive': 'Dearchiveren',
  'action.previous': 'Vorige kaart',
  'action.next': 'Volgende kaart',
  'action.search': 'Zoeken',
  'action.create': 'Leads, aanvragen en projecten',
  'action.copy': 'Contactpersoon kopiëren',
  'action.document': 'Nieuw document',
  'action.reports': 'Rapporten',
  'action.detail-tabs': 'Detailtabbladen',
  'action.configure': 'Knoppenbalk',
  position: '{position} / {size}',
  noSelection: 'Geen selectie',
  menusFailed: 'Het menu kon niet worden geladen. Kies de knop opnieuw of herlaad de pagina.',
  languageUnloaded: 'De teksten in de gekozen taal konden niet worden geladen. Probeer het opnieuw of herlaad de pagina.',
  retry: 'Opnieuw proberen',
};

export type ButtonBarMessage = keyof typeof nl;
/** The bar's words with those of its menus, which come with the menus' code. */
export type BarMessage = ButtonBarMessage | BarMenuMessage;

export const buttonBarMessages: MessageTables<ButtonBarMessage> = {
  nl,
  en: () => import('./messages.en.js').then((m) => m.en),
};

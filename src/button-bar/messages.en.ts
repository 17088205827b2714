import type { Strings } from '../i18n/localize.js';
import type { ButtonBarMessage } from './messages.js';

/** English, loaded when an element first shows it. */
export const en: Strings<ButtonBarMessage> = {
  label: 'Actions for this card',
  more: 'More actions',
  'action.save': 'Save',
  'action.undo': 'Undo changes',
  'action.refresh': 'Refresh',
  'action.archive': 'Archive',
  'action.unarchive': 'Unarchive',
  'action.previous': 'Previous card',
  'action.next': 'Next card',
  'action.search': 'Search',
  'action.create': 'Leads, requests & projects',
  'action.copy': 'Copy contact person',
  'action.document': 'New document',
  'action.reports': 'Reports',
  'action.detail-tabs': 'Detail tabs',
  'action.configure': 'Button bar',
  position: '{position} / {size}',
  noSelection: 'No selection',
  menusFailed: 'The menu could not load. Press the button again or reload the page.',
  languageUnloaded: 'The texts in the chosen language could not load. Try again or reload the page.',
  retry: 'Try again',
};

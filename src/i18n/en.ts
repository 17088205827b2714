import type { Messages } from './nl.js';

/** English strings; typed against the Dutch table so a missing key fails the typecheck. */
export const en: Messages = {
  'buttonBar.label': 'Actions for this card',
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
  'selection.position': '{position} / {size}',
};

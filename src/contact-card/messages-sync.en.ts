import type { Strings } from '../i18n/localize.js';
import type { SyncMessage } from './messages-sync.js';

/** English, loaded when a card on an adapter with a copy on the device first shows it. */
export const en: Strings<SyncMessage> = {
  syncOffline: 'No connection to the server. You see what this device kept; what you change stays here until the connection is back.',
  syncSignInRefused: 'The server no longer accepts your sign-in. You see what this device kept; what you change stays here until you sign in again.',
  syncLastOnline: 'Last connected at {time}.',
  syncWaiting: '{count, plural, one {# change waits to be sent.} other {# changes wait to be sent.}}',
  syncSending: '{count, plural, one {Sending # change…} other {Sending # changes…}}',
  syncTryNow: 'Connect now',
  syncFailed: '{count, plural, one {# change could not be saved.} other {# changes could not be saved.}}',
  syncConflict: 'A colleague changed the same fields. Choose what stays for each field.',
  syncConflictElsewhere: 'A colleague changed the same fields of another contact. Open that contact to choose what stays for each field.',
  syncChecklistConflict: 'A colleague changed this checklist item meanwhile too. Send yours anyway (it replaces your colleague’s) or discard it.',
  syncSendAnyway: 'Send anyway',
  syncCompare: 'Compare',
  syncOpenContact: 'Open that contact',
  syncRefused: 'Refused: {reason}',
  syncYouWrote: 'What you wrote',
  syncItemDone: 'Done',
  syncItemNote: 'Note',
  syncYes: 'yes',
  syncNo: 'no',
  syncDiscard: 'Discard',
  syncRetry: 'Send again',
  syncKeptAt: 'Kept on this device at {time}; sent once connected',
  syncKept: 'Kept on this device; it is sent once connected.',
  syncSent: 'Every change has been sent.',
  'syncKind.contact': 'Personal details',
  'syncKind.note': 'Note',
  'syncKind.checklist': 'Checklist item',
  'syncKind.preferences': 'Layout',
};

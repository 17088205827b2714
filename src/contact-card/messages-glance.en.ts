import type { Strings } from '../i18n/localize.js';
import type { GlanceMessage } from './messages-glance.js';

/** English, loaded when the part first shows it. */
export const en: Strings<GlanceMessage> = {
  'glance.label': 'At a glance',
  'glance.loading': 'Loading the summary…',
  'glance.failed': 'The summary could not be loaded: {reason}',
  'glance.last': 'Last contact',
  'glance.noLast': 'No contact recorded yet',
  'glance.next': 'Next activity',
  'glance.noNext': 'Nothing planned',
  'glance.work': 'Open work',
  'glance.noWork': 'No open work',
  'glance.workCount': '{count, plural, one {# lead, request or project} other {# leads, requests or projects}}',
  'glance.due': '{number} {title}, ends {date}',
  'glance.colleagues': 'Other contacts at {relation}',
  'glance.colleaguesLoading': 'Loading the contacts…',
  'glance.colleaguesFailed': 'The contacts could not be loaded: {reason}',
  'glance.noColleagues': 'No other contacts at this relation.',
  'glance.more': 'Show more',
  'glance.open': 'Open: {name}',
  'glance.kind.email': 'E-mail',
  'glance.kind.letter': 'Letter',
  'glance.kind.call': 'Call',
  'glance.kind.meeting': 'Meeting',
  'glance.kind.task': 'Task',
};

import type { MessageTables } from '../i18n/localize.js';

/**
 * The words of the card's "at a glance" part beside its header. They travel in the part's own
 * chunk (English in one of its own), which the card fetches after its first paint; the card's
 * voice finds them beside its own table, and a host overrides them under `lift-contact-card`.
 */
const nl = {
  'glance.label': 'In één oogopslag',
  'glance.loading': 'Samenvatting laden…',
  'glance.failed': 'De samenvatting kon niet worden geladen: {reason}',
  'glance.last': 'Laatste contact',
  'glance.noLast': 'Nog geen contact vastgelegd',
  'glance.next': 'Volgende activiteit',
  'glance.noNext': 'Niets gepland',
  'glance.work': 'Open werk',
  'glance.noWork': 'Geen open werk',
  'glance.workCount': '{count, plural, one {# lead, aanvraag of project} other {# leads, aanvragen of projecten}}',
  'glance.due': '{number} {title}, einddatum {date}',
  'glance.colleagues': 'Andere contactpersonen bij {relation}',
  'glance.colleaguesLoading': 'Contactpersonen laden…',
  'glance.colleaguesFailed': 'De contactpersonen konden niet worden geladen: {reason}',
  'glance.noColleagues': 'Geen andere contactpersonen bij deze relatie.',
  'glance.more': 'Meer tonen',
  'glance.open': 'Openen: {name}',
  'glance.kind.email': 'E-mail',
  'glance.kind.letter': 'Brief',
  'glance.kind.call': 'Telefoongesprek',
  'glance.kind.meeting': 'Afspraak',
  'glance.kind.task': 'Taak',
};

export type GlanceMessage = keyof typeof nl;

export const glanceMessages: MessageTables<GlanceMessage> = { nl, en: () => import('./messages-glance.en.js').then((m) => m.en) };

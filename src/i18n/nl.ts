/**
 * Dutch strings: the source table. Every key here must exist in every other language; the
 * English table is typed against this one and a test compares the keys at run time too.
 * `{name}` marks a parameter.
 */
export const nl = {
  'buttonBar.label': 'Acties voor deze kaart',
  'action.save': 'Opslaan',
  'action.undo': 'Wijzigingen ongedaan maken',
  'action.refresh': 'Verversen',
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
  'selection.position': '{position} / {size}',
} as const;

export type MessageKey = keyof typeof nl;
export type Messages = Record<MessageKey, string>;

import type { MessageTables } from '../i18n/localize.js';

/**
 * The card's words about working offline: only a card on an adapter that keeps a copy on the
 * device (`adapter.sync`) loads them, with the part that shows the connection and the outbox.
 */
const nl = {
  syncOffline: 'Geen verbinding met de server. Je ziet wat dit apparaat heeft bewaard; wat je wijzigt blijft hier tot de verbinding terug is.',
  syncSignInRefused: 'De server neemt je aanmelding niet meer aan. Je ziet wat dit apparaat heeft bewaard; wat je wijzigt blijft hier tot je opnieuw bent aangemeld.',
  syncLastOnline: 'Laatst verbonden om {time}.',
  syncLastOnlineOn: 'Laatst verbonden op {date} om {time}.',
  syncWaiting: '{count, plural, one {# wijziging wacht op verzending.} other {# wijzigingen wachten op verzending.}}',
  syncSending: '{count, plural, one {# wijziging wordt verstuurd…} other {# wijzigingen worden verstuurd…}}',
  syncTryNow: 'Nu verbinden',
  syncStillOffline: 'Nog altijd geen verbinding met de server. Dit apparaat blijft het zelf proberen.',
  syncStillRefused: 'De server neemt je aanmelding nog altijd niet aan. Meld je opnieuw aan om te versturen wat wacht.',
  syncFailed: '{count, plural, one {# wijziging kon niet worden opgeslagen.} other {# wijzigingen konden niet worden opgeslagen.}}',
  syncConflict: 'Een collega heeft dezelfde velden gewijzigd. Kies per veld wat blijft.',
  syncConflictElsewhere: 'Een collega heeft dezelfde velden van een andere contactpersoon gewijzigd. Open die contactpersoon om per veld te kiezen wat blijft.',
  syncChecklistConflict: 'Een collega heeft dit checklistpunt intussen ook gewijzigd. Verstuur het jouwe toch (het vervangt dat van je collega) of gooi het weg.',
  syncSendAnyway: 'Toch versturen',
  syncCompare: 'Vergelijken',
  syncOpenContact: 'Die contactpersoon openen',
  syncRefused: 'Geweigerd: {reason}',
  syncRefusedArchived: 'Geweigerd: de contactpersoon is intussen gearchiveerd. Haal hem uit het archief om te wijzigen.',
  syncRefusedFailing: 'Niet opgeslagen: de server gaf bij deze wijziging elke keer een fout, al antwoordt hij verder wel. Verstuur haar later opnieuw of gooi haar weg.',
  syncYouWrote: 'Wat je schreef',
  syncItemDone: 'Afgevinkt',
  syncItemNote: 'Notitie',
  syncNoteSubject: 'Onderwerp',
  syncNoteBody: 'Tekst',
  syncYes: 'ja',
  syncNo: 'nee',
  syncDiscard: 'Weggooien',
  syncRetry: 'Opnieuw versturen',
  syncSent: 'Alle wijzigingen zijn verstuurd.',
  'syncKind.contact': 'Persoonsgegevens',
  'syncKind.note': 'Notitie',
  'syncKind.checklist': 'Checklistpunt',
  'syncKind.preferences': 'Indeling',
};

export type SyncMessage = keyof typeof nl;

export const syncMessages: MessageTables<SyncMessage> = { nl, en: () => import('./messages-sync.en.js').then((m) => m.en) };
